namespace MedSummary.Extraction.Rules;

/// <summary>
/// The confidence a rule gives one finding, from how strongly its pattern identifies the value. Form assembly then
/// adds agreement between places (see <see cref="Form.FormAssembler"/>). The numbers are ordinal judgements, not
/// calibrated probabilities: what matters is that an explicit labelled statement outranks an inferred one, and an
/// OCR-tolerant reading ("pNO" read as pN0) outranks nothing it contradicts.
/// </summary>
public static class RuleConfidence
{
    /// <summary>A labelled, unambiguous statement: "pT2a", "Estrogen receptor: positive (90%)", "Gleason 3+4=7".</summary>
    public const double Explicit = 0.92;

    /// <summary>A clear statement whose field is inferred from context: an unprefixed "T2 N0 M0" in a pathology report.</summary>
    public const double Contextual = 0.8;

    /// <summary>A value implied rather than stated: a primary site implied by "hepatocellular carcinoma".</summary>
    public const double Implied = 0.68;

    /// <summary>Subtracted when the match relied on OCR tolerance (O for 0, l for 1) or an inconsistent statement.</summary>
    public const double OcrPenalty = 0.1;

    /// <summary>Subtracted when a numeric date's day and month could be swapped and the language decided.</summary>
    public const double AmbiguityPenalty = 0.12;

    /// <summary>Keeps a confidence within [0.05, 0.99].</summary>
    public static double Clamp(double value) => Math.Clamp(value, 0.05, 0.99);
}
