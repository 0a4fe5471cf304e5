using System.Text.RegularExpressions;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;
using MedSummary.Extraction.Grounding.Text;
using MedSummary.Extraction.Verification;

namespace MedSummary.Extraction.Alerts;

/// <summary>
/// The patient's sex as the documents state it: titles on the patient line ("Patient : Mme", "Patient: Mr"),
/// "Née le" against "Né le", "a 63-year-old woman", "patiente de 79 ans" against "patient de 79 ans", "Sexe : F". Unknown unless one side has
/// at least two cues and outnumbers the other three to one; relatives and doctors are not looked at.
/// </summary>
public static partial class PatientSexDetector
{
    public static PatientSex Detect(IEnumerable<SourceDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var female = 0;
        var male = 0;
        foreach (var mention in documents.SelectMany(Mentions))
        {
            if (mention.Sex == PatientSex.Female)
            {
                female++;
            }
            else
            {
                male++;
            }
        }

        if (female >= 2 && female >= 3 * male)
        {
            return PatientSex.Female;
        }

        return male >= 2 && male >= 3 * female ? PatientSex.Male : PatientSex.Unknown;
    }

    /// <summary>Every cue of one document, with the span of the canonical text that states it, in text order.</summary>
    public static IEnumerable<(TextSpan Span, PatientSex Sex)> Mentions(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);

        // Folding keeps every character in place, so offsets in the folded text are offsets in the document's.
        var folded = TextFolding.FoldSameLength(document.Text);
        return Female().Matches(folded).Select(m => (new TextSpan(m.Index, m.Index + m.Length), PatientSex.Female))
            .Concat(Male().Matches(folded).Select(m => (new TextSpan(m.Index, m.Index + m.Length), PatientSex.Male)))
            .OrderBy(m => m.Item1.Start);
    }

    [GeneratedRegex(
        @"(?:patiente?\s*:\s*(?:mme|madame|mrs|ms|miss|mlle|mademoiselle)(?![\p{L}])|(?<![\p{L}])nee\s+le\s*:?\s*\d|(?<![\p{L}])patiente(?![\p{L}])|\d{1,3}[- ]year[- ]old\s+(?:woman|female|lady)|(?:sexe?|gender|genre)\s*:\s*(?:f|feminin|female)(?![\p{L}])|(?<![\p{L}])une\s+femme\s+de\s+\d{1,3}\s+ans)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Female();

    [GeneratedRegex(
        @"(?:patient\s*:\s*(?:m\.|mr\.?|monsieur)(?![\p{L}])|(?<![\p{L}])ne\s+le\s*:?\s*\d|\d{1,3}[- ]year[- ]old\s+(?:man|male|gentleman)|(?:sexe?|gender|genre)\s*:\s*(?:m|masculin|male)(?![\p{L}])|(?<![\p{L}])un\s+homme\s+de\s+\d{1,3}\s+ans|(?<![\p{L}])patient\s+(?:age\s+)?de\s+\d{1,3}\s+ans)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Male();
}
