using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MedSummary.Ingestion.Chunking;

/// <summary>
/// Recognises section headings in a line of canonical text.
/// </summary>
/// <remarks>
/// A line is a heading when, trimmed (and without a leading number such as "2." or "II)"):
/// <list type="bullet">
/// <item>it is a known clinical heading in French or English ("CONCLUSION", "Antécédents", "Examen
/// anatomopathologique", "FINAL DIAGNOSIS", "Microscopic description"...), alone or followed by ":" and text
/// ("Conclusion : carcinome..." opens the section "Conclusion");</item>
/// <item>or it is short (at most 60 characters, 8 words), mostly uppercase letters, and does not end with a period
/// or hold a "label: value" pair ("ER POSITIVE: 90%" is a value, not a heading);</item>
/// <item>or it is short (at most 50 characters, 6 words), starts with a capital and ends with ":" ("Traitement en cours :");</item>
/// <item>or it is a short numbered title ("2. Examen clinique", "III) Discussion") that does not end like a sentence.</item>
/// </list>
/// Lines holding a tab (table rows) are only headings through the known list.
/// </remarks>
public static partial class SectionHeadings
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "diagnosis", "diagnoses", "final diagnosis", "final diagnoses", "pathologic diagnosis", "diagnostic", "diagnostics",
        "diagnostic final", "conclusion", "conclusions", "impression", "impressions", "antecedents", "antecedents medicaux",
        "antecedents chirurgicaux", "antecedents familiaux", "antecedents personnels", "histoire de la maladie",
        "histoire de la maladie actuelle", "examen anatomopathologique", "anatomie pathologique", "anatomopathologie",
        "compte rendu", "comptes rendus", "compte-rendu", "comptes-rendus", "compte rendu operatoire",
        "compte rendu d'hospitalisation", "compte rendu de consultation", "microscopic description", "microscopy",
        "macroscopic description", "gross description", "description macroscopique", "description microscopique",
        "examen macroscopique", "examen microscopique", "clinical history", "clinical information", "clinical data",
        "renseignements cliniques", "history of present illness", "past medical history", "medical history",
        "family history", "social history", "medications", "current medications", "traitement", "traitements",
        "traitement en cours", "traitements en cours", "treatment", "treatments", "plan", "recommendations",
        "recommandations", "synthese", "resume", "summary", "motif", "motif de consultation", "motif d'hospitalisation",
        "reason for referral", "examen clinique", "physical examination", "biologie", "laboratory", "laboratory results",
        "imagerie", "imaging", "radiology", "immunohistochimie", "immunohistochemistry", "biologie moleculaire",
        "molecular", "molecular studies", "findings", "result", "results", "resultats", "technique", "indication",
        "allergies", "discussion", "proposition", "propositions", "decision", "avis", "avis rcp", "rcp",
        "proposition rcp", "conduite a tenir", "evolution", "mode de vie", "addendum", "comment", "comments",
        "commentaire", "commentaires", "specimen", "prelevement", "prelevements", "stade", "staging", "pathology",
        "histologie", "histology", "examens complementaires", "bilan d'extension", "assessment", "assessment and plan",
    };

    /// <summary>The section title a line opens (the line without its trailing colon, or the label before an inline colon), or null.</summary>
    public static string? TitleOf(ReadOnlySpan<char> line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length < 3 || trimmed.Length > 200)
        {
            return null;
        }

        var text = trimmed.ToString();
        var withoutNumber = NumberPrefix().Replace(text, string.Empty);
        var numbered = withoutNumber.Length != text.Length;

        // "Conclusion : texte" opens the section "Conclusion"; a colon at the end is only punctuation.
        var colon = withoutNumber.IndexOf(':', StringComparison.Ordinal);
        var label = (colon >= 0 ? withoutNumber[..colon] : withoutNumber).Trim();
        if (label.Length >= 3 && Known.Contains(Fold(label)))
        {
            return colon >= 0 && colon < withoutNumber.Length - 1 && withoutNumber[(colon + 1)..].Trim().Length > 0
                ? label
                : text.TrimEnd(':', ' ').Trim();
        }

        if (text.Contains('\t', StringComparison.Ordinal) || text.Length > 60)
        {
            return null;
        }

        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var endsWithColon = text.EndsWith(':');
        var hasInnerColon = colon >= 0 && !endsWithColon;
        var lastChar = text[^1];

        if (words <= 8 && !hasInnerColon && lastChar is not ('.' or ',' or ';') && IsMostlyUppercase(text))
        {
            return text.TrimEnd(':', ' ');
        }

        if (endsWithColon && text.Length <= 50 && words <= 6 && char.IsUpper(withoutNumber.FirstOrDefault()) && colon == withoutNumber.Length - 1)
        {
            return text.TrimEnd(':', ' ');
        }

        if (numbered && words <= 8 && !hasInnerColon && lastChar is not ('.' or ',' or ';')
            && withoutNumber.Length >= 3 && char.IsUpper(withoutNumber[0]))
        {
            return text.TrimEnd(':', ' ');
        }

        return null;
    }

    private static bool IsMostlyUppercase(string text)
    {
        var letters = 0;
        var upper = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
                if (char.IsUpper(c))
                {
                    upper++;
                }
            }
        }

        return letters >= 4 && upper >= 0.9 * letters;
    }

    /// <summary>Lowercase without accents, for matching the known headings.</summary>
    private static string Fold(string text)
    {
        var decomposed = text.ToLower(CultureInfo.InvariantCulture).Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(c == '\u2019' ? '\'' : c);
            }
        }

        return sb.ToString().Trim();
    }

    [GeneratedRegex(@"^(?:\d{1,2}(?:\.\d{1,2})*[.)]?|[IVX]{1,4}[.)]|[A-H][.)])\s+", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPrefix();
}
