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
/// two statements; assembly shows them as a conflict rather than adding them up. A report's own total (a labelled line,
/// "Lymph nodes examined: 52", or "Total: 3/52") answers for the counts per part when its lines agree.
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
        var findings = new List<(Finding Finding, bool Summary)>();
        // The counts alone come from labelled patterns ("Number of positive lymph nodes: 2"); both counts may not.
        foreach (var (pattern, labelled) in new[] { (Both(), false), (PositiveOnly(), true), (ExaminedOnly(), true) })
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
                var summary = IsSummary(text, m, labelled);
                if (positive is { } pos)
                {
                    findings.Add((new Finding(ExtensionFields.NodesPositive, value, pos.ToString(CultureInfo.InvariantCulture), document.Id, span, RuleConfidence.Explicit), summary));
                }

                if (examined is { } exam)
                {
                    findings.Add((new Finding(ExtensionFields.NodesExamined, value, exam.ToString(CultureInfo.InvariantCulture), document.Id, span, RuleConfidence.Explicit), summary));
                }
            }
        }

        // A report counts nodes per part ("one of three level II nodes") and then in total, in a labelled line
        // ("Lymph nodes examined: 52", "Total: 3/52"). Where the total's lines agree, and no part counts more than the
        // total (which would make it some other tumour's or some part's count), the parts are not other answers.
        foreach (var field in Fields)
        {
            var totals = findings.Where(f => f.Summary && f.Finding.FieldKey == field).Select(f => f.Finding.Normalized).Distinct(StringComparer.Ordinal).ToList();
            if (totals.Count != 1)
            {
                continue;
            }

            var total = int.Parse(totals[0], CultureInfo.InvariantCulture);
            if (findings.Where(f => !f.Summary && f.Finding.FieldKey == field).All(f => int.Parse(f.Finding.Normalized, CultureInfo.InvariantCulture) <= total))
            {
                findings.RemoveAll(f => !f.Summary && f.Finding.FieldKey == field);
            }
        }

        return findings.Select(f => f.Finding);
    }

    /// <summary>
    /// Whether a count is the report's total: a labelled line of a synoptic report ("Number of lymph nodes examined:
    /// 15", "Ganglions envahis : 2") or a count introduced as the total ("Total: 3/52", "au total 2/15").
    /// </summary>
    private static bool IsSummary(string text, Match m, bool labelledPattern)
    {
        // A line that names a part ("Number of sentinel lymph nodes examined: 3", "Total number of right sided lymph
        // nodes examined: 31") counts that part only.
        var label = ReportContext.Slice(text, m.Index - 40, m.Index) + m.Value;
        var line = label[(label.LastIndexOfAny(['\n', '.', ';']) + 1)..];
        return !PartOfNodes().IsMatch(line)
            && ((labelledPattern && m.Value.IndexOfAny([':', '=']) >= 0) || TotalBefore().IsMatch(ReportContext.Slice(text, m.Index - 25, m.Index)));
    }

    private static int? Count(string written)
    {
        var word = written.ToLowerInvariant();
        if (word is "no" or "none" or "zero" or "aucun" or "aucune")
        {
            return 0;
        }

        if (word is "une")
        {
            return 1;
        }

        var index = Array.IndexOf(EnglishNumbers, word);
        if (index < 0)
        {
            index = Array.IndexOf(FrenchNumbers, word);
        }

        return index >= 0 ? index + 1
            : int.TryParse(written, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    // Counts spelled out, one to twenty: reports write small counts in words ("two of seven hilar nodes").
    private static readonly string[] EnglishNumbers =
    [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    ];

    private static readonly string[] FrenchNumbers =
    [
        "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize",
        "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf", "vingt",
    ];

    private const string Number = @"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix-sept|dix-huit|dix-neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt)(?![\p{L}\d-])";
    private const string Nodes = @"(?:(?:regional\s+|axillary\s+|sentinel\s+|pelvic\s+|mesenteric\s+|hilar\s+|mediastinal\s+)?(?:lymph[- ]?)?nodes?(?:\(s\))?|LNs?|ganglions?(?:\(s\))?(?:\s+(?:lymphatiques?|sentinelles?|axillaires|r[ée]gionaux|pelviens|m[ée]sent[ée]riques))?)";
    private const string Fraction = @"(?<![\d/.,])(?<p>\d{1,3})\s?/\s?(?<e>\d{1,3})(?![\d/]|[.,]\d|\s?/\s?\d|\s?%)";

    // Both counts in one statement.
    [GeneratedRegex(
        // "0N+/14N", "2 N+ / 15 N"
        @"(?<![\p{L}\d])(?<p>\d{1,3})\s?N\s?\+\s?/\s?(?<e>\d{1,3})\s?N(?![\p{L}\d])"
        // "pN1a (2/18)", "pN0 (0/25 nodes)", "pT1cpN2a (6/11)"
        + @"|(?<![\p{L}])(?:[pcy]{0,2}|yp)N[0-3X](?:mi|[abc])?(?:\s?\((?:sn|i[+-]|mol[+-])\))?\s?\(\s?" + Fraction + @"(?:\s+" + Nodes + @")?\s?\)"
        // "Nodes: 0/12", "Ganglions : 2/15", "Curage axillaire : 0/10", "ganglion sentinelle (1/2)", "lymph nodes 3/12"
        + @"|(?<![\p{L}])(?:" + Nodes + @"|curage(?:\s+(?:axillaire|ganglionnaire|ilio-obturateur|m[ée]diastinal))?|lymphadenectomy|node\s+dissection|sentinelles?)(?:\s+(?:examined|envahis|m[ée]tastatiques|positive|involved|status|statut))?\s{0,4}[:=(]?\s{0,4}" + Fraction + @"\)?"
        // "2/15 ganglions envahis", "0/14 nodes"
        + @"|" + Fraction + @"\s+(?:(?:positive|involved|metastatic)\s+)?" + Nodes + @"(?:\s+(?:envahis|atteints|m[ée]tastatiques|positifs|involved|positive|examined|examin[ée]s))?"
        // "metastatic carcinoma in 3 of 12 lymph nodes", "micrometastasis in 1 of 3 nodes", "none of 14 lymph nodes"
        + @"|(?<![\p{L}\d])(?<p>" + Number + @"|none|no|zero)\s+(?:\(\d{1,3}\)\s+)?(?:out\s+)?of\s+(?:the\s+)?(?<e>" + Number + @")\s+(?:(?:examined|identified|retrieved|resected|regional|axillary|sentinel|pelvic|mesenteric|hilar|mediastinal)\s+){0,2}(?:lymph[- ]?)?nodes?(?:\s+\(\s?\d{1,3}\s?/\s?\d{1,3}\s?\))?"
        // "6 ganglion(s) métastatique(s) sur 11 examiné(s)", "2 ganglions envahis sur 15", "aucun des 14 ganglions"
        + @"|(?<![\p{L}\d])(?<p>" + Number + @"|aucun)\s+" + Nodes + @"\s+(?:(?:m[ée]tastatiques?(?:\(s\))?|envahis?(?:\(s\))?|atteints?(?:\(s\))?|positifs?(?:\(s\))?|sentinelles?|axillaires?)\s+){1,2}sur\s+(?<e>" + Number + @")(?:\s+(?:examin|pr[ée]lev|identifi|analys|retir)\p{L}*(?:\(s\))?)?"
        + @"|(?<![\p{L}])(?<zero>aucun)\s+des\s+(?<e>" + Number + @")\s+" + Nodes
        // "métastase dans deux des neuf ganglions", "envahissement de 3 des 12 ganglions"
        + @"|(?<![\p{L}\d])(?<p>" + Number + @")\s+des\s+(?<e>" + Number + @")\s+" + Nodes
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

    [GeneratedRegex(@"(?<![\p{L}])(?:total|in\s+all|overall|au\s+total|en\s+tout)(?![\p{L}])[^.;\n]{0,15}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TotalBefore();

    [GeneratedRegex(@"(?<![\p{L}])(?:sentinel\w*|non-?sentinel\w*|sentinelles?|axillar\w*|axillaires?|level|niveau|station|secteur|right|left|droite?s?|gauche|sided|other|autres?|pelvi\w*|para-?aorti\w*|hilar|mediastin\w*|m[ée]diastin\w*|cervical|neck|mesenteric|m[ée]sent[ée]ri\w*)(?![\p{L}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PartOfNodes();
}
