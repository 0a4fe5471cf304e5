using System.Globalization;
using System.Text.RegularExpressions;
using MedSummary.Core.Documents;
using MedSummary.Core.Gold;
using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// PD-L1 immunohistochemistry: the tumour proportion score ("PD-L1 (22C3) TPS 60%", "PD-L1 : 80 % des cellules
/// tumorales", "TPS PD-L1 &lt; 1 %"), the combined positive score ("CPS 10", "score combiné (CPS) à 5"), the immune-cell
/// score ("IC 5%", "cellules immunitaires 1 %") and the antibody clone ("22C3", "SP263", "SP142", "28-8").
/// </summary>
/// <remarks>
/// A percentage right after "PD-L1" with no score named is the TPS (the tumour-cell score is what a bare PD-L1 percentage
/// reports). TPS and IC are normalized like Ki-67 ("60%", "&lt;1%", "1-49%"); CPS as digits with its comparator
/// ("10", "&lt;1", "≥20"). Nothing is read from a statement that no result exists yet ("PD-L1 testing requested", "en
/// attente"), from a threshold in a treatment rule ("if TPS ≥ 50%", "éligible si TPS ≥ 50 %") or from a printed band
/// legend ("&lt;1% negative, 1-49% low, ≥50% high"). The clone is read only inside a PD-L1 statement.
/// </remarks>
public sealed partial class Pdl1Extractor : IFieldExtractor
{
    private const int Window = 160;

    public IReadOnlyList<string> Fields { get; } =
        [GoldFields.PdL1, ExtensionFields.Pdl1Cps, ExtensionFields.Pdl1Ic, ExtensionFields.Pdl1Clone];

    public IEnumerable<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text;
        var lastEnd = -1;
        foreach (Match anchor in Anchor().Matches(text))
        {
            if (anchor.Index < lastEnd)
            {
                continue;
            }

            var anchorSpan = new TextSpan(anchor.Index, anchor.Index + anchor.Length);
            if (!ClinicalScope.IsAffirmed(text, anchorSpan, ScopeKind.Hypothetical | ScopeKind.Family | ScopeKind.History))
            {
                continue;
            }

            var end = StatementEnd(text, anchor);
            var found = new List<Finding>();
            ReadScores(document, anchor, end, found);
            if (found.Count == 0 && BarePercent(document, anchor, end) is { } bare)
            {
                found.Add(bare);
            }

            if (found.Count == 0)
            {
                continue;
            }

            if (Clone(document, anchor, end) is { } clone)
            {
                found.Add(clone);
            }

            lastEnd = found.Max(f => f.Span.End);
            foreach (var f in found)
            {
                yield return f;
            }
        }
    }

    /// <summary>The statement an anchor opens: up to the sentence end or the next marker's name.</summary>
    private static int StatementEnd(string text, Match anchor) => MarkerText.WindowEnd(text, anchor.Index + anchor.Length, Window);

    private static void ReadScores(SourceDocument document, Match anchor, int end, List<Finding> found)
    {
        var text = document.Text;
        var from = anchor.Index;
        foreach (Match m in Score().Matches(text, from))
        {
            if (m.Index >= end)
            {
                break;
            }

            var kind = m.Groups["tps"].Success ? GoldFields.PdL1
                : m.Groups["cps"].Success ? ExtensionFields.Pdl1Cps
                : ExtensionFields.Pdl1Ic;
            var value = m.Groups["value"];
            if (value.Index + value.Length > end || !IsResult(text, anchor, value.Index, value.Index + value.Length))
            {
                continue;
            }

            var normalized = kind == ExtensionFields.Pdl1Cps ? NormalizeCps(value.Value) : NormalizePercent(text, value.Index, value.Index + value.Length);
            if (normalized is null)
            {
                continue;
            }

            found.Add(new Finding(kind, value.Value.Trim(), normalized, document.Id, new TextSpan(anchor.Index, value.Index + value.Length), RuleConfidence.Explicit));
        }
    }

    private static Finding? BarePercent(SourceDocument document, Match anchor, int end)
    {
        if (!anchor.Groups["pdl1"].Success)
        {
            return null;
        }

        var text = document.Text;
        var start = anchor.Index + anchor.Length;
        var percent = MarkerText.Percent(text, start, end);
        if (!percent.Success || percent.Index - start > 45 || !Filler().IsMatch(text[start..percent.Index]))
        {
            return null;
        }

        if (!IsResult(text, anchor, percent.Index, percent.Index + percent.Length))
        {
            return null;
        }

        var normalized = MarkerText.NormalizePercent(percent, out _, out _);
        return normalized is null
            ? null
            : new Finding(GoldFields.PdL1, percent.Value.Trim(), normalized, document.Id, new TextSpan(anchor.Index, percent.Index + percent.Length), RuleConfidence.Contextual);
    }

    private static Finding? Clone(SourceDocument document, Match anchor, int end)
    {
        var text = document.Text;
        var from = Math.Max(0, anchor.Index - 25);
        var m = CloneName().Match(text, from, end - from);
        if (!m.Success)
        {
            return null;
        }

        var normalized = m.Value.ToUpperInvariant().Replace(' ', '-');
        var span = m.Index < anchor.Index ? new TextSpan(m.Index, anchor.Index + anchor.Length) : new TextSpan(anchor.Index, m.Index + m.Length);
        return new Finding(ExtensionFields.Pdl1Clone, m.Value, normalized, document.Id, span, RuleConfidence.Explicit);
    }

    /// <summary>False for a value that is not a result: not done yet, a rule's threshold, a band of a legend.</summary>
    private static bool IsResult(string text, Match anchor, int start, int end)
    {
        // The score may sit inside the anchor's own parenthesis ("PD-L1 (TPS < 1%)"): nothing stands between them then.
        var anchorEnd = anchor.Index + anchor.Length;
        var between = start > anchorEnd ? text[anchorEnd..start] : string.Empty;
        if (MarkerText.IsNotDone(between))
        {
            return false;
        }

        var span = new TextSpan(start, end);
        if (!ClinicalScope.IsAffirmed(text, span, ScopeKind.Hypothetical | ScopeKind.Family | ScopeKind.Legend | ScopeKind.OptionList | ScopeKind.AnsweredNo))
        {
            return false;
        }

        var clause = ReportContext.Slice(text, ClinicalScope.PreWindow(text, anchor.Index), ClinicalScope.PostWindow(text, end));
        if (Comparator().IsMatch(text[start..end]) && TreatmentRule().IsMatch(clause))
        {
            return false;
        }

        return Band().Matches(clause).Count < 2;
    }

    private static string? NormalizePercent(string text, int start, int end)
    {
        var m = MarkerText.Percent(text, start, end);
        return m.Success ? MarkerText.NormalizePercent(m, out _, out _) : null;
    }

    private static string? NormalizeCps(string written)
    {
        var m = CpsValue().Match(written);
        if (!m.Success || !double.TryParse(m.Groups["n"].Value.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n > 100)
        {
            return null;
        }

        var cmp = m.Groups["cmp"].Value switch
        {
            "<" => "<",
            ">" => ">",
            "≤" or "<=" => "≤",
            "≥" or ">=" => "≥",
            _ => "",
        };
        return cmp + n.ToString("0.##", CultureInfo.InvariantCulture);
    }

    private const string PdL1Pattern = @"PD[- ]?L[- ]?1(?![\d])";
    private const string Percent = @"(?:[<>≤≥]\s?|(?:less\s+than|moins\s+de|plus\s+de|more\s+than|inf[ée]rieur\s+[àa]|sup[ée]rieur\s+[àa]|approximately|about|environ|~)\s)?\d{1,3}(?:[.,]\d{1,2})?\s?(?:%\s?)?(?:(?:-|–|à|to)\s?\d{1,3}(?:[.,]\d{1,2})?\s?)?%";
    private const string Link = @"(?:\s*\((?:TPS|CPS|IC|TC)\))?(?:\s*(?:[:=]|of|de|à|at|was|is|est(?:\s+de|\s+à)?|estim[ée]e?\s+à|[ée]valu[ée]e?\s+à|score|positive|positif))*\s*";

    // An anchor: "PD-L1" (with a score name written before it, "TPS PD-L1"), or a score name on its own.
    [GeneratedRegex(
        @"(?<![\p{L}\d])(?:(?:(?-i:TPS|CPS)|score\s+de\s+proportion\s+tumorale)\s+(?:(?:de|du|d['’])\s*(?:la\s+)?)?(?:expression\s+(?:de\s+)?)?)?(?<pdl1>" + PdL1Pattern + @")(?:\s*\([^()\n]{0,30}\))?|(?<![\p{L}\d])(?:(?-i:TPS|CPS)|tumou?r\s+proportion\s+score|combined\s+positive\s+score|score\s+de\s+proportion\s+tumorale|score\s+(?:positif\s+)?combin[ée](?:\s+positif)?)(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Anchor();

    // A named score and its value.
    [GeneratedRegex(
        @"(?<![\p{L}])(?:(?<tps>(?-i:TPS|TC)|tumou?r\s+proportion\s+score|score\s+de\s+proportion\s+tumorale|proportion\s+score)" + Link + @"(?<value>" + Percent + @")" +
        @"|(?<value>" + Percent + @")\s*(?:of|des|de|dans)\s+(?:the\s+)?(?:viable\s+)?(?<tps>cellules\s+(?:tumorales|carcinomateuses|n[ée]oplasiques)|(?:viable\s+)?tumou?r\s+cells|neoplastic\s+cells)" +
        @"|(?<cps>(?-i:CPS)|combined\s+positive\s+score|score\s+(?:positif\s+)?combin[ée](?:\s+positif)?)" + Link + @"(?<value>(?:[<>≤≥]|<=|>=)?\s?\d{1,3}(?:[.,]\d)?)(?!\d|[.,]\d)(?:\s?%)?" +
        @"|(?<ic>(?-i:IC)|immune\s+cells?|cellules\s+immunitaires|cellules\s+immunes)" + Link + @"(?<value>" + Percent + @")" +
        @"|(?<value>" + Percent + @")\s*(?:of|des|de|dans)\s+(?:the\s+)?(?<ic>immune\s+cells|cellules\s+immunitaires))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Score();

    [GeneratedRegex(@"^(?<cmp><=|>=|[<>≤≥])?\s?(?<n>\d{1,3}(?:[.,]\d)?)", RegexOptions.CultureInvariant)]
    private static partial Regex CpsValue();

    // What may stand between "PD-L1" and a bare percentage: expression, staining, the assay, a link word.
    [GeneratedRegex(
        @"^(?:\s|[:=,]|\((?:[^()\n]{0,30})\)|(?:expression|expressed|staining|immunostaining|marquage|immunomarquage|IHC|score|result|r[ée]sultat|positive|positif|in|dans|de|du|d['’]|à|a|at|of|is|was|est|estim[ée]e?|[ée]valu[ée]e?|estimated|assessed|membranaire|membranous|tumou?ral|tumou?r|tumorale)(?![\p{L}]))*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Filler();

    [GeneratedRegex(@"(?<![\p{L}\d-])(?:22C3|SP263|SP142|28[- ]8|73[- ]10|E1L3N|QR1)(?![\p{L}\d-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CloneName();

    [GeneratedRegex(@"^(?:[<>≤≥]|<=|>=|more|greater|plus|sup)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Comparator();

    // Words of a treatment rule around a threshold: "eligible", "indicated", "when", "lorsque", "seuil", "cut-off".
    [GeneratedRegex(@"(?<![\p{L}])(?:[ée]ligib\w*|indicat\w*|indiqu\w*|candidat\w*|when|whenever|lorsque|quand|seuil|threshold|cut-?off|crit[eè]r\w*|criteria|patients\s+with|patients\s+(?:dont|avec)|approved|AMM|rembours\w*)(?![\p{L}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TreatmentRule();

    // One band of a printed interpretation scale: "<1% negative", "1-49%: low", "≥ 50 % = forte expression".
    [GeneratedRegex(
        @"(?:[<>≤≥]\s?)?\d{1,3}\s?%?\s?(?:-|–|à|to)?\s?(?:\d{1,3}\s?)?%\s*[:=]?\s*\(?(?:negative|n[ée]gati\w*|low|faible|high|[ée]lev[ée]e?|forte?|strong|weak|positive|positif|no\s+expression|expression\s+(?:faible|forte))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Band();
}
