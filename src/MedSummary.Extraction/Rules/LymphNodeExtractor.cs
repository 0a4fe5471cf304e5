using System.Globalization;
using System.Text.RegularExpressions;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// Regional lymph nodes with metastasis and examined: "2/15 ganglions envahis", "metastatic carcinoma in 3 of 12 lymph
/// nodes", "0N+/14N", "pN1a (2/18)", "Nodes: 0/12", "6 ganglion(s) métastatique(s) sur 11 examiné(s)", "ganglion
/// sentinelle : 1/2", "none of 14 lymph nodes", "11 ganglions, tous indemnes", "14 lymph nodes identified",
/// "Number of positive lymph nodes: 2". Normalized as digits in two fields.
/// </summary>
/// <remarks>
/// A count is read only where nodes are named (a fraction alone is a date, a score or a count of biopsy cores:
/// "4 prélèvements positifs sur 14" gives nothing). The fraction after a pN category is read as the count, never the
/// other way round: "Nodes: 0/12" is a count, not a stage. A sentinel count and a dissection count stated apart are
/// two statements; assembly shows them as a conflict rather than adding them up.
/// </remarks>
public sealed partial class LymphNodeExtractor : IFieldExtractor
{
    private const int MaxNodes = 150;

    public IReadOnlyList<string> Fields { get; } = [ExtensionFields.NodesPositive, ExtensionFields.NodesExamined];

    public IEnumerable<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text;
        var taken = new List<TextSpan>();
        foreach (var pattern in new[] { Both(), PositiveOnly(), ExaminedOnly() })
        {
            foreach (Match m in pattern.Matches(text))
            {
                var span = new TextSpan(m.Index, m.Index + m.Length);
                if (taken.Any(t => t.Start < span.End && span.Start < t.End))
                {
                    continue;
                }

                var positive = m.Groups["p"].Success ? Count(m.Groups["p"].Value) : m.Groups["zero"].Success ? 0 : null;
                var examined = m.Groups["e"].Success ? Count(m.Groups["e"].Value) : null;
                if ((positive is null && examined is null)
                    || examined is 0 or > MaxNodes
                    || positive > MaxNodes
                    || (positive is { } p && examined is { } e && p > e)
                    || !ClinicalScope.IsAffirmed(text, span, ScopeKind.Hypothetical | ScopeKind.Family | ScopeKind.History | ScopeKind.Legend))
                {
                    continue;
                }

                taken.Add(span);
                var value = m.Value.Trim();
                if (positive is { } pos)
                {
                    yield return new Finding(ExtensionFields.NodesPositive, value, pos.ToString(CultureInfo.InvariantCulture), document.Id, span, RuleConfidence.Explicit);
                }

                if (examined is { } exam)
                {
                    yield return new Finding(ExtensionFields.NodesExamined, value, exam.ToString(CultureInfo.InvariantCulture), document.Id, span, RuleConfidence.Explicit);
                }
            }
        }
    }

    private static int? Count(string written) => written.ToLowerInvariant() switch
    {
        "no" or "none" or "zero" or "aucun" or "aucune" => 0,
        "one" or "un" or "une" => 1,
        "two" or "deux" => 2,
        "three" or "trois" => 3,
        "four" or "quatre" => 4,
        "five" or "cinq" => 5,
        "six" => 6,
        var s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null,
    };

    private const string Number = @"(?:\d{1,3}|one|two|three|four|five|six|un|une|deux|trois|quatre|cinq)";
    private const string Nodes = @"(?:(?:regional\s+|axillary\s+|sentinel\s+|pelvic\s+|mesenteric\s+|hilar\s+|mediastinal\s+)?(?:lymph[- ]?)?nodes?(?:\(s\))?|LNs?|ganglions?(?:\(s\))?(?:\s+(?:lymphatiques?|sentinelles?|axillaires|r[ée]gionaux|pelviens|m[ée]sent[ée]riques))?)";
    private const string Fraction = @"(?<![\d/.,])(?<p>\d{1,3})\s?/\s?(?<e>\d{1,3})(?![\d/]|[.,]\d|\s?/\s?\d|\s?%)";

    // Both counts in one statement.
    [GeneratedRegex(
        // "0N+/14N", "2 N+ / 15 N"
        @"(?<![\p{L}\d])(?<p>\d{1,3})\s?N\s?\+\s?/\s?(?<e>\d{1,3})\s?N(?![\p{L}\d])"
        // "pN1a (2/18)", "pN0 (0/25 nodes)", "pT1cpN2a (6/11)"
        + @"|(?<![\p{L}])(?:[pcy]{0,2}|yp)N[0-3X](?:mi|[abc])?(?:\s?\((?:sn|i[+-]|mol[+-])\))?\s?\(\s?" + Fraction + @"(?:\s+" + Nodes + @")?\s?\)"
        // "Nodes: 0/12", "Ganglions : 2/15", "Curage axillaire : 0/10", "ganglion sentinelle (1/2)", "lymph nodes 3/12"
        + @"|(?<![\p{L}])(?:" + Nodes + @"|curage(?:\s+(?:axillaire|ganglionnaire|ilio-obturateur|m[ée]diastinal))?|lymphadenectomy|node\s+dissection|sentinelles?)(?:\s+(?:examined|envahis|m[ée]tastatiques|positive|involved|status|statut))?\s?[:=(]?\s?" + Fraction + @"\)?"
        // "2/15 ganglions envahis", "0/14 nodes"
        + @"|" + Fraction + @"\s+(?:(?:positive|involved|metastatic)\s+)?" + Nodes + @"(?:\s+(?:envahis|atteints|m[ée]tastatiques|positifs|involved|positive|examined|examin[ée]s))?"
        // "metastatic carcinoma in 3 of 12 lymph nodes", "micrometastasis in 1 of 3 nodes", "none of 14 lymph nodes"
        + @"|(?<![\p{L}\d])(?<p>" + Number + @"|none|no|zero)\s+(?:\(\d{1,3}\)\s+)?(?:out\s+)?of\s+(?:the\s+)?(?<e>\d{1,3})\s+(?:(?:examined|identified|retrieved|resected|regional|axillary|sentinel|pelvic|mesenteric|hilar|mediastinal)\s+){0,2}(?:lymph[- ]?)?nodes?(?:\s+\(\s?\d{1,3}\s?/\s?\d{1,3}\s?\))?"
        // "6 ganglion(s) métastatique(s) sur 11 examiné(s)", "2 ganglions envahis sur 15", "aucun des 14 ganglions"
        + @"|(?<![\p{L}\d])(?<p>" + Number + @"|aucun)\s+" + Nodes + @"\s+(?:(?:m[ée]tastatiques?(?:\(s\))?|envahis?(?:\(s\))?|atteints?(?:\(s\))?|positifs?(?:\(s\))?|sentinelles?|axillaires?)\s+){1,2}sur\s+(?<e>\d{1,3})(?:\s+(?:examin|pr[ée]lev|identifi|analys|retir)\p{L}*(?:\(s\))?)?"
        + @"|(?<![\p{L}])(?<zero>aucun)\s+des\s+(?<e>\d{1,3})\s+" + Nodes
        // "11 ganglions, tous indemnes", "all 14 lymph nodes are negative", "14 benign lymph nodes", "no metastasis in 14 lymph nodes"
        + @"|(?<![\p{L}\d])(?<e>\d{1,3})\s+" + Nodes + @"[^.;\n]{0,40}?(?<zero>tous\s+(?:indemnes|n[ée]gatifs|sains|non\s+envahis|r[ée]actionnels))"
        + @"|(?<![\p{L}])(?<zero>all)\s+(?<e>\d{1,3})\s+(?:\w+\s+)?" + Nodes + @"\s+(?:are\s+|were\s+)?(?:negative|free\s+of\s+(?:tumou?r|metastas[ie]s|carcinoma)|benign|uninvolved|reactive)"
        + @"|(?<![\p{L}\d])(?<e>\d{1,3})\s+(?<zero>benign|negative|reactive|uninvolved|tumou?r-free)\s+(?:lymph[- ]?)?nodes?"
        + @"|(?<![\p{L}])(?<zero>no\s+(?:metastas[ie]s|metastatic\s+carcinoma|tumou?r)|absence\s+de\s+m[ée]tastase|pas\s+de\s+m[ée]tastase)\s+(?:in|dans|sur)\s+(?:the\s+|les\s+)?(?<e>\d{1,3})\s+(?:\w+\s+)?" + Nodes,
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Both();

    // Positive count alone: "Number of positive lymph nodes: 2", "Nombre de ganglions envahis : 2", "3 positive nodes".
    [GeneratedRegex(
        @"(?<![\p{L}])(?:number\s+of\s+)?(?:positive|involved|metastatic)\s+(?:lymph[- ]?)?nodes?\s*[:=]\s*(?<p>\d{1,3})(?![\d/])"
        + @"|(?<![\p{L}])(?:lymph[- ]?)?nodes?\s+(?:positive|involved)(?:\s+for\s+(?:metastas[ie]s|carcinoma))?\s*[:=]\s*(?<p>\d{1,3})(?![\d/])"
        + @"|(?<![\p{L}])nombre\s+de\s+ganglions?\s+(?:envahis|m[ée]tastatiques|atteints|positifs)\s*[:=]\s*(?<p>\d{1,3})(?![\d/])"
        + @"|(?<![\p{L}])ganglions?\s+(?:envahis|m[ée]tastatiques|atteints|positifs)\s*[:=]\s*(?<p>\d{1,3})(?![\d/])"
        + @"|(?<![\p{L}\d./])(?<p>\d{1,3})\s+(?:positive|involved|metastatic)\s+(?:lymph[- ]?)?nodes?(?![\p{L}])"
        + @"|(?<![\p{L}\d./])(?<p>\d{1,3})\s+ganglions?(?:\(s\))?\s+(?:envahis?|m[ée]tastatiques?|atteints?)(?:\(s\))?(?!\s+sur)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PositiveOnly();

    // Examined count alone: "14 lymph nodes identified", "11 ganglion(s) identifié(s)", "Lymph nodes examined: 15".
    [GeneratedRegex(
        @"(?<![\p{L}\d./])(?<e>\d{1,3})\s+" + Nodes + @"\s+(?:were\s+)?(?:identified|examined|retrieved|recovered|isolated|submitted|found|harvested)"
        + @"|(?<![\p{L}\d./])(?<e>\d{1,3})\s+" + Nodes + @"\s+(?:identifi|examin|pr[ée]lev|retrouv|isol|analys|rep[ée]r)\p{L}*(?:\(s\))?"
        + @"|(?<![\p{L}])(?:number\s+of\s+)?(?:lymph[- ]?)?nodes?\s+(?:examined|retrieved|identified|harvested)\s*[:=]\s*(?<e>\d{1,3})(?![\d/])"
        + @"|(?<![\p{L}])(?:nombre\s+de\s+)?ganglions?\s+(?:examin|pr[ée]lev|analys|identifi)\p{L}*\s*[:=]\s*(?<e>\d{1,3})(?![\d/])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExaminedOnly();
}
