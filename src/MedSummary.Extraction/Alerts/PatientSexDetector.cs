using System.Text.RegularExpressions;
using MedSummary.Core.Documents;
using MedSummary.Extraction.Grounding.Text;
using MedSummary.Extraction.Verification;

namespace MedSummary.Extraction.Alerts;

/// <summary>
/// The patient's sex as the documents state it: titles on the patient line ("Patient : Mme", "Patient: Mr"),
/// "Née le" against "Né le", "a 63-year-old woman", "patiente de 79 ans", "Sexe : F". Unknown unless one side has
/// at least two cues and outnumbers the other three to one; relatives and doctors are not looked at.
/// </summary>
public static partial class PatientSexDetector
{
    public static PatientSex Detect(IEnumerable<SourceDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var female = 0;
        var male = 0;
        foreach (var document in documents)
        {
            var folded = TextFolding.FoldSameLength(document.Text);
            female += Female().Count(folded);
            male += Male().Count(folded);
        }

        if (female >= 2 && female >= 3 * male)
        {
            return PatientSex.Female;
        }

        return male >= 2 && male >= 3 * female ? PatientSex.Male : PatientSex.Unknown;
    }

    [GeneratedRegex(
        @"(?:patiente?\s*:\s*(?:mme|madame|mrs|ms|miss|mlle|mademoiselle)(?![\p{L}])|(?<![\p{L}])nee\s+le\s*:?\s*\d|(?<![\p{L}])patiente(?![\p{L}])|\d{1,3}[- ]year[- ]old\s+(?:woman|female|lady)|sexe?\s*:\s*(?:f|feminin|female)(?![\p{L}])|(?<![\p{L}])une\s+femme\s+de\s+\d{1,3}\s+ans)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Female();

    [GeneratedRegex(
        @"(?:patient\s*:\s*(?:m\.|mr\.?|monsieur)(?![\p{L}])|(?<![\p{L}])ne\s+le\s*:?\s*\d|\d{1,3}[- ]year[- ]old\s+(?:man|male|gentleman)|sexe?\s*:\s*(?:m|masculin|male)(?![\p{L}])|(?<![\p{L}])un\s+homme\s+de\s+\d{1,3}\s+ans)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Male();
}
