using System.Text.RegularExpressions;

namespace MedSummary.Extraction.Rules;

/// <summary>Document- and passage-level cues shared by several extractors.</summary>
internal static partial class ReportContext
{
    /// <summary>
    /// True when the text reads as a pathology report: at least three distinct section or vocabulary markers
    /// ("gross description", "microscopic", "margins", "histologic", "compte rendu anatomopathologique", "macroscopie").
    /// </summary>
    public static bool IsPathologyReport(string text)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in PathologyMarker().Matches(text))
        {
            seen.Add(m.Value.ToLowerInvariant()[..Math.Min(6, m.Value.Length)]);
            if (seen.Count >= 3)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the line holding <paramref name="position"/> is one option of a printed checklist that OCR kept without
    /// its tick marks: a short numbered line ("12.Undifferentiated carcinoma") next to the option numbered one before
    /// or after it. Such a line lists what could be chosen, not what was found.
    /// </summary>
    public static bool IsChecklistOption(string text, int position)
    {
        var (start, end) = LineAt(text, position);
        if (OptionNumber(text[start..end]) is not { } n)
        {
            return false;
        }

        if (start > 0)
        {
            var (ps, pe) = LineAt(text, start - 1);
            if (OptionNumber(text[ps..pe]) is { } p && Math.Abs(p - n) == 1)
            {
                return true;
            }
        }

        if (end < text.Length)
        {
            var (ns, ne) = LineAt(text, end + 1);
            if (OptionNumber(text[ns..ne]) is { } q && Math.Abs(q - n) == 1)
            {
                return true;
            }
        }

        return false;
    }

    private static (int Start, int End) LineAt(string text, int position)
    {
        position = Math.Clamp(position, 0, text.Length);
        var start = position == 0 ? 0 : text.LastIndexOf('\n', position - 1) + 1;
        var end = text.IndexOf('\n', position);
        return (start, end < 0 ? text.Length : end);
    }

    private static int? OptionNumber(string line)
    {
        var m = ChecklistLine().Match(line);
        return m.Success ? int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
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

    [GeneratedRegex(@"^\s*(?<n>\d{1,2})\s*[.)]\s*[^:\n]{1,60}$", RegexOptions.CultureInvariant)]
    private static partial Regex ChecklistLine();

    [GeneratedRegex(
        @"surgical\s+pathology|pathology\s+report|patholog(?:ic|ical|ist)|gross(?:\s+(?:description|examination))?|microscop(?:ic|y)|final\s+diagnosis|specimens?|cassettes?|frozen\s+section|margins?|histolog(?:ic|ical|y)|lymphovascular|perineural|synoptic|compte[- ]rendu\s+(?:d['’])?anatomo|anatomo-?pathologi|anatomie\s+(?:et\s+cytologie\s+)?pathologiques?|examen\s+(?:macro|micro)scopique|macroscopi|microscopi|pr[ée]l[èe]vement|berges?|limites?\s+d['’]ex[ée]r[èe]se|engainements?|emboles?",
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
