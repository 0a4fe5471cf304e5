using System.Text.RegularExpressions;

namespace MedSummary.Extraction.Rules;

/// <summary>Document- and passage-level cues shared by several extractors.</summary>
internal static partial class ReportContext
{
    /// <summary>
    /// True when the text reads as a pathology report: at least two distinct section or title markers
    /// ("gross description", "microscopic", "compte rendu anatomopathologique", "macroscopie"...).
    /// </summary>
    public static bool IsPathologyReport(string text)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in PathologyMarker().Matches(text))
        {
            seen.Add(m.Value.ToLowerInvariant()[..Math.Min(6, m.Value.Length)]);
            if (seen.Count >= 2)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a malignant-tumour word stands in <paramref name="window"/>.</summary>
    public static bool HasTumourWord(string window) => TumourWord().IsMatch(window);

    /// <summary>True when a benign or tumour-free statement stands in <paramref name="window"/>.</summary>
    public static bool HasBenignStatement(string window) => BenignStatement().IsMatch(window);

    /// <summary>The text of [start, end) clipped to the document.</summary>
    public static string Slice(string text, int start, int end)
    {
        start = Math.Clamp(start, 0, text.Length);
        end = Math.Clamp(end, start, text.Length);
        return text[start..end];
    }

    [GeneratedRegex(
        @"surgical\s+pathology|pathology\s+report|gross\s+(?:description|examination)|microscopic\s+(?:description|examination)|final\s+(?:pathologic(?:al)?\s+)?diagnosis|specimens?\s+(?:submitted|received)|compte[- ]rendu\s+(?:d['’])?anatomo|anatomie\s+(?:et\s+cytologie\s+)?pathologiques?|examen\s+(?:macro|micro)scopique|macroscopie|microscopie|synoptic|cassettes?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PathologyMarker();

    [GeneratedRegex(
        @"carcinom|carcinoma|adenocarcinom|cancer|tumou?r|tumeur|malignan|malin|neoplas|néoplas|lesion|lésion|mass\b|masse|nodule|glioma|gliome|glioblastom|astrocytom|oligodendrogliom|oligoastrocytom|sarcom|melanom|mélanom|lymphom|metasta|métasta|mesotheliom|mésothéliom|blastom|seminom|séminom",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TumourWord();

    [GeneratedRegex(
        @"\bbenign\b|\bb[ée]nin|unremarkable|no\s+(?:tumou?r|malignan\w*|carcinoma|neoplas\w*|evidence|residual|significant|specific|pathologic)|negative\s+for\s+(?:tumou?r|malignan\w*|carcinoma|neoplas\w*|metasta\w*)|free\s+of\s+(?:tumou?r|carcinoma|malignan\w*)|uninvolved|not\s+involved|sans\s+particularit|indemne|pas\s+de\s+(?:tumeur|l[ée]sion|carcinome|malignit)|absence\s+de\s+(?:tumeur|l[ée]sion|carcinome|malignit)|normal\b|contralat[ée]ral|controlat[ée]ral|contralateral",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BenignStatement();
}
