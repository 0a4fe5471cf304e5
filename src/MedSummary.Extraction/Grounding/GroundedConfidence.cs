using MedSummary.Extraction.Grounding.Alignment;

namespace MedSummary.Extraction.Grounding;

/// <summary>
/// Confidence of model-proposed values, and of values where rules and model meet. Like the rules' numbers these are
/// ordinal judgements, not calibrated probabilities:
/// <list type="bullet">
/// <item>A model value is only ever reported after its quote aligned to the source and the aligned span was found to
/// write it; what is left uncertain is whether the model chose the right passage. It starts at
/// <see cref="ExactQuote"/> when the quote was copied exactly, <see cref="TolerantQuote"/> when it matched only once
/// case, accents, whitespace and punctuation were folded, <see cref="OcrQuote"/> when OCR confusions had to be folded
/// too. All sit below a rule's explicit statement (0.92): a pattern that read the value beats a model that chose it.</item>
/// <item>A list field's confidence is the mean of its items'.</item>
/// <item>Rule and model agreeing are two independent readings: 1 − (1 − rule)(1 − model), capped at 0.99
/// (0.92 and 0.75 give 0.98).</item>
/// <item>Disagreement asserts no value: status conflict, confidence 0, each candidate with its own confidence.</item>
/// </list>
/// </summary>
public static class GroundedConfidence
{
    public const double ExactQuote = 0.75;
    public const double TolerantQuote = 0.68;
    public const double OcrQuote = 0.6;
    public const double Cap = 0.99;

    public static double ForAlignment(AlignmentKind kind) => kind switch
    {
        AlignmentKind.Exact => ExactQuote,
        AlignmentKind.Tolerant => TolerantQuote,
        _ => OcrQuote,
    };

    public static double Agreement(double rule, double model) => Math.Round(Math.Min(Cap, 1 - ((1 - rule) * (1 - model))), 3);
}
