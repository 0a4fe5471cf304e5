using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// How a gene variant is written and how it is normalized: a protein change in one-letter code without "p." ("L858R",
/// "G12C", "V600E"; "p.Leu858Arg" becomes "L858R"), an exon event ("exon 19 deletion", "exon 20 insertion", "exon 14
/// skipping", from "délétion de l'exon 19", "ex19del", "METex14"), or a cDNA or complex protein change as written
/// ("c.68_69delAG", "E746_A750del").
/// </summary>
internal static class VariantText
{
    private const string ThreeLetter = "Ala|Arg|Asn|Asp|Cys|Gln|Glu|Gly|His|Ile|Leu|Lys|Met|Phe|Pro|Ser|Thr|Trp|Tyr|Val";

    /// <summary>The written forms, as one regex fragment with named groups; case-sensitive where letters are amino acids.</summary>
    public const string Pattern =
        @"(?-i:p\.\s?\(?(?<a1>" + ThreeLetter + @")(?<n3>\d{1,4})(?<a2>" + ThreeLetter + @"|Ter|\*|fs\*?\d*)\)?)" +
        @"|(?-i:(?:p\.\s?)?(?<r1>[ACDEFGHIKLMNPQRSTVWY])(?<n1>\d{2,4})(?<r2>[ACDEFGHIKLMNPQRSTVWY*]|fs))" +
        @"|(?-i:(?<v600>V600))" +
        @"|(?-i:(?:p\.\s?)?(?<complex>[A-Z]\d{2,4}_[A-Z]\d{2,4}(?:del|dup|ins)[A-Z]*))" +
        @"|(?<cdna>c\.\s?[-*]?\d[\w>_+*-]*)" +
        @"|exon\s?(?<ex>\d{1,2})\s*:?\s*(?<ev>deletions?|del|insertions?|ins|skipping|skip|duplications?|dup|d[ée]l[ée]tions?)" +
        @"|(?<ev>deletions?|insertions?|skipping|duplications?)\s+(?:in|of|within)\s+exon\s?(?<ex>\d{1,2})" +
        @"|(?<ev>d[ée]l[ée]tions?|insertions?|saut|duplications?)\s+(?:(?:de|dans|sur|au\s+niveau\s+de)\s+)?(?:l['’]\s?)?exon\s?(?<ex>\d{1,2})" +
        @"|ex\s?(?<ex>\d{1,2})\s?(?<ev>del|ins)" +
        @"|(?<ex>19|20)\s?(?<ev>del|ins)" +
        @"|(?<ev>del)\s?(?<ex>19)";

    /// <summary>"METex14": the exon glued to the gene's name, so it cannot start at a word boundary.</summary>
    public const string MetExon14 = @"(?<=(?-i:MET))(?<metex>ex\s?14)";

    private static readonly FrozenDictionary<string, char> AminoAcids = new Dictionary<string, char>(StringComparer.Ordinal)
    {
        ["Ala"] = 'A', ["Arg"] = 'R', ["Asn"] = 'N', ["Asp"] = 'D', ["Cys"] = 'C', ["Gln"] = 'Q', ["Glu"] = 'E',
        ["Gly"] = 'G', ["His"] = 'H', ["Ile"] = 'I', ["Leu"] = 'L', ["Lys"] = 'K', ["Met"] = 'M', ["Phe"] = 'F',
        ["Pro"] = 'P', ["Ser"] = 'S', ["Thr"] = 'T', ["Trp"] = 'W', ["Tyr"] = 'Y', ["Val"] = 'V',
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The normalized variant of a match of <see cref="Pattern"/>, or null when it is none.</summary>
    public static string? Normalize(Match m)
    {
        if (m.Groups["a1"].Success)
        {
            var to = m.Groups["a2"].Value;
            var alt = to is "Ter" or "*" ? "*" : to.StartsWith("fs", StringComparison.Ordinal) ? "fs" : AminoAcids[to].ToString();
            return AminoAcids[m.Groups["a1"].Value] + m.Groups["n3"].Value + alt;
        }

        if (m.Groups["r1"].Success)
        {
            return m.Groups["r1"].Value + m.Groups["n1"].Value + m.Groups["r2"].Value;
        }

        if (m.Groups["v600"].Success)
        {
            return "V600";
        }

        if (m.Groups["complex"].Success)
        {
            return m.Groups["complex"].Value;
        }

        if (m.Groups["cdna"].Success)
        {
            return m.Groups["cdna"].Value.Replace(" ", string.Empty, StringComparison.Ordinal);
        }

        if (m.Groups["metex"].Success)
        {
            return "exon 14 skipping";
        }

        if (m.Groups["ex"].Success && m.Groups["ev"].Success)
        {
            var ev = m.Groups["ev"].Value.ToLowerInvariant();
            var kind = ev.StartsWith("del", StringComparison.Ordinal) || ev.StartsWith("dél", StringComparison.Ordinal) ? "deletion"
                : ev.StartsWith("ins", StringComparison.Ordinal) ? "insertion"
                : ev.StartsWith("dup", StringComparison.Ordinal) ? "duplication"
                : "skipping";
            return $"exon {m.Groups["ex"].Value} {kind}";
        }

        return null;
    }
}
