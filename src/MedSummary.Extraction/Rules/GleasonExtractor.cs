using System.Globalization;
using System.Text.RegularExpressions;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// Gleason score and ISUP grade group: "Gleason score 3+4=7", "Gleason 4 + 3 = 7", "score de Gleason 7 (3+4)",
/// "primary pattern 3, secondary pattern 4, total 7", "ISUP grade group 2".
/// </summary>
/// <remarks>
/// Normalized "3+4=7" when both patterns are written, or the total alone ("7") when only the sum is; assembly treats
/// "7" as compatible with "3+4=7" and "4+3=7" (and "3+4=7" against "4+3=7" as a conflict). When a written total
/// differs from primary + secondary ("3+4=8") the statement contradicts itself, most often through OCR, and yields
/// nothing: a wrong Gleason score changes treatment, a missing one sends the reader to the report. Patterns outside
/// 1..5 and totals outside 2..10 are refused. The grade group goes to <see cref="ExtensionFields.IsupGradeGroup"/>.
/// </remarks>
public sealed partial class GleasonExtractor : IFieldExtractor
{
    public IReadOnlyList<string> Fields { get; } = [ContractFields.GleasonScore, ExtensionFields.IsupGradeGroup];

    public IEnumerable<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text;
        var taken = new List<TextSpan>();
        var findings = new List<Finding>();
        const ScopeKind scopes = ScopeKind.Hypothetical | ScopeKind.Family;

        foreach (var (pattern, kind) in new[] { (TotalThenPatterns(), Kind.Sum), (PatternSum(), Kind.Sum), (PrimarySecondary(), Kind.Primary), (TotalOnly(), Kind.Total) })
        {
            foreach (Match m in pattern.Matches(text))
            {
                var span = new TextSpan(m.Index, m.Index + m.Length);
                if (taken.Any(t => t.Overlaps(span)) || !ClinicalScope.IsAffirmed(text, span, scopes))
                {
                    continue;
                }

                if (kind == Kind.Total && (PatternWord().IsMatch(m.Value)
                    || (!ScoreWord().IsMatch(m.Value) && int.Parse(m.Groups["t"].Value, CultureInfo.InvariantCulture) < 6)))
                {
                    // "Gleason pattern 4", "60% Gleason 4": one pattern, not a score. Totals under 6 are read only
                    // when called a score, since ISUP 2005 no longer assigns them.
                    continue;
                }

                if (kind == Kind.Primary
                    && !GleasonWord().IsMatch(ReportContext.Slice(text, span.Start - 200, span.End)))
                {
                    continue;
                }

                var primary = Digit(m.Groups["p"]);
                var secondary = Digit(m.Groups["s"]);
                var total = m.Groups["t"].Success ? int.Parse(m.Groups["t"].Value, CultureInfo.InvariantCulture) : (int?)null;
                string normalized;
                if (primary is { } p && secondary is { } s)
                {
                    if (p is < 1 or > 5 || s is < 1 or > 5 || (total is { } t && t != p + s))
                    {
                        taken.Add(span);
                        continue;
                    }

                    normalized = string.Create(CultureInfo.InvariantCulture, $"{p}+{s}={p + s}");
                }
                else if (total is { } t && t is >= 2 and <= 10)
                {
                    normalized = t.ToString(CultureInfo.InvariantCulture);
                }
                else
                {
                    continue;
                }

                taken.Add(span);
                findings.Add(new Finding(
                    ContractFields.GleasonScore,
                    m.Value.Trim(),
                    normalized,
                    document.Id,
                    span,
                    primary is null ? RuleConfidence.Explicit - 0.07 : RuleConfidence.Explicit));
            }
        }

        foreach (Match m in GradeGroup().Matches(text))
        {
            var span = new TextSpan(m.Index, m.Index + m.Length);
            if (!ClinicalScope.IsAffirmed(text, span, scopes))
            {
                continue;
            }

            findings.Add(new Finding(
                ExtensionFields.IsupGradeGroup,
                m.Value.Trim(),
                m.Groups["g"].Value,
                document.Id,
                span,
                RuleConfidence.Explicit));
        }

        return findings;
    }

    private enum Kind
    {
        Sum,
        Primary,
        Total,
    }

    private static int? Digit(Group g) =>
        g.Success ? int.Parse(g.Value, CultureInfo.InvariantCulture) : null;

    private const string Gleason = @"(?:(?:combined|total|overall)\s+)?(?:score\s+(?:de\s+|of\s+)?)?Gl[ea]{1,2}s[oe]n(?:['’]s)?(?:\s+(?:combined|total|sum|overall))?(?:\s+(?:score|grade|sum|pattern|total|histologic\s+score|grading|system))?(?:\s+\(?(?:primary|modified|ISUP)[^)\n:]{0,20}\)?)?";

    [GeneratedRegex(
        Gleason + @"\s*(?:(?:is|of|est|de|:|=|-|–|\))\s*)*(?<p>[1-5])\s*\+\s*(?<s>[1-5])(?:\s*\+\s*[1-5])?(?:\s*(?:=|:)\s*(?<t>\d{1,2})(?:\s*/\s*10)?)?(?![\d+])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PatternSum();

    [GeneratedRegex(
        Gleason + @"\s*(?:(?:is|of|est|de|:|=|-|–|\))\s*)*(?<t>\d{1,2})(?:\s*/\s*10)?\s*[(\[]\s*(?<p>[1-5])\s*\+\s*(?<s>[1-5])\s*[)\]]",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TotalThenPatterns();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:primary|predominant|principal|majoritaire|grade\s+primaire|pattern\s+primaire)\s*(?:Gleason\s*)?(?:pattern|grade|motif|architecture)?\s*(?:\(?Gleason\)?\s*)?[:=]?\s*(?:grade\s*|pattern\s*)?(?<p>[1-5])(?![\d])[\s\S]{0,80}?(?:secondary|secondaire|minoritaire|grade\s+secondaire)\s*(?:Gleason\s*)?(?:pattern|grade|motif|architecture)?\s*(?:\(?Gleason\)?\s*)?[:=]?\s*(?:grade\s*|pattern\s*)?(?<s>[1-5])(?![\d])(?:[\s\S]{0,60}?(?:total|sum|score|somme)\s*(?:Gleason\s*)?(?:score\s*)?[:=]?\s*(?<t>\d{1,2})(?![\d]))?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PrimarySecondary();

    [GeneratedRegex(
        Gleason + @"\s*(?:(?:is|of|est|de|:|=|-|–|\))\s*)*(?<t>\d{1,2})(?:\s*/\s*10)?(?![\d+]|[.,]\d|\s*\+)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TotalOnly();

    [GeneratedRegex(@"score|sum|total|somme", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScoreWord();

    [GeneratedRegex(@"pattern|grade|motif|architecture", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PatternWord();

    [GeneratedRegex(@"Gl[ea]{1,2}s[oe]n", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GleasonWord();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:(?:ISUP|WHO|WHO/ISUP|OMS|OMS/ISUP)\s+)?(?:grade\s+group|groupe\s+(?:de\s+)?grade|grade\s+groupe|GG)\s*(?:ISUP\s*)?(?:\(ISUP\)\s*)?[:=]?\s*(?<g>[1-5])(?![\d]|[.,]\d)|(?<![\p{L}])ISUP\s*(?:grade\s*)?[:=]?\s*(?<g>[1-5])(?![\d]|[.,]\d)(?=[^\n]{0,60}(?:Gleason|prostat))|(?<![\p{L}])(?:grade\s+)?ISUP\s*[:=]?\s*(?<g>[1-5])(?![\d]|[.,]\d)(?<=Gleason[^\n]{0,60})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GradeGroup();
}
