using System.Globalization;
using System.Text.RegularExpressions;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;
using MedSummary.Extraction.Grounding.Text;
using MedSummary.Extraction.Timeline;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// Resection margins: the status "R0" (free: "margins free/clear/negative/uninvolved", "berges saines", "limites
/// d'exérèse in sano", "R0 resection"), "R1" (involved: "margin involved", "berges atteintes", "tumour at the inked
/// margin"), "R2" (stated as such), and the closest distance in millimetres when stated ("closest margin 6 mm", "marge
/// minimale 6 mm", "à 3 mm de la berge la plus proche", "clear of the deep margin by 2 mm").
/// </summary>
/// <remarks>
/// Printed choices ("Margins: involved / uninvolved", "R0 / R1 / R2") give nothing; a denied involvement ("no tumour at
/// the margins", "berges non atteintes") is a free margin. Of several distances in one report, the one called the
/// closest is kept, else the smallest: that is the closest margin.
/// </remarks>
public sealed partial class MarginExtractor : IFieldExtractor
{
    private const double MaxDistance = 100;

    public IReadOnlyList<string> Fields { get; } = [ExtensionFields.Margins, ExtensionFields.MarginDistance];

    public IEnumerable<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Status(document).Concat(Distance(document));
    }

    private static IEnumerable<Finding> Status(SourceDocument document)
    {
        var text = document.Text;
        foreach (Match m in ResidualClass().Matches(text))
        {
            var code = m.Groups["r"];
            var codeSpan = new TextSpan(code.Index, code.Index + code.Length);
            var span = new TextSpan(m.Index, m.Index + m.Length);
            if (ClinicalScope.IsAffirmed(text, codeSpan, ScopeKind.Hypothetical | ScopeKind.Family | ScopeKind.History | ScopeKind.OptionList)
                && ClinicalScope.IsAffirmed(text, span, ScopeKind.Hypothetical | ScopeKind.Family | ScopeKind.History))
            {
                yield return new Finding(ExtensionFields.Margins, code.Value, code.Value.ToUpperInvariant(), document.Id, span, RuleConfidence.Explicit);
            }
        }

        foreach (Match m in Worded().Matches(text))
        {
            var answer = m.Groups["free"].Success ? m.Groups["free"] : m.Groups["involved"];
            var answerSpan = new TextSpan(answer.Index, answer.Index + answer.Length);
            var span = new TextSpan(m.Index, m.Index + m.Length);
            var scope = ClinicalScope.Detect(text, answerSpan, ScopeKind.Hypothetical | ScopeKind.Family | ScopeKind.History | ScopeKind.OptionList)
                | ClinicalScope.Detect(text, span, ScopeKind.Hypothetical | ScopeKind.Family | ScopeKind.History);
            if (scope != ScopeKind.None)
            {
                continue;
            }

            if (TimelineCues.Imaging().IsMatch(TextFolding.FoldSameLength(text[ClinicalScope.PreWindow(text, span.Start)..span.Start])))
            {
                // "Marge circonférentielle saine" in an MRI staging is a prediction before surgery, not a resection margin.
                continue;
            }

            var involved = m.Groups["involved"].Success;
            if (involved && ClinicalScope.DenialCue(text, span) is { } denial)
            {
                // "No tumour at the margins", "pas d'atteinte des berges": the involvement is denied, the margins are free.
                var start = Math.Min(denial.Start, span.Start);
                var end = Math.Max(denial.End, span.End);
                yield return new Finding(ExtensionFields.Margins, text[start..end], "R0", document.Id, new TextSpan(start, end), RuleConfidence.Contextual);
                continue;
            }

            if (!involved && ClinicalScope.DenialCue(text, span) is not null)
            {
                // "Margins not free": rare, and too loose to say how far the tumour reaches.
                continue;
            }

            yield return new Finding(ExtensionFields.Margins, m.Value, involved ? "R1" : "R0", document.Id, span, RuleConfidence.Explicit);
        }
    }

    private static IEnumerable<Finding> Distance(SourceDocument document)
    {
        var text = document.Text;
        var found = new List<(Finding Finding, double Millimetres, bool Closest)>();
        foreach (Match m in DistanceStatement().Matches(text))
        {
            var length = m.Groups["len"];
            var mm = Parse(length.Value) * (m.Groups["unit"].Value.Equals("cm", StringComparison.OrdinalIgnoreCase) ? 10 : 1);
            var span = new TextSpan(m.Index, m.Index + m.Length);
            if (mm is null or > MaxDistance || AnalLandmark().IsMatch(ReportContext.Slice(text, span.Start, span.End + 12))
                || !ClinicalScope.IsAffirmed(text, span, ScopeKind.Hypothetical | ScopeKind.Family | ScopeKind.History | ScopeKind.Legend))
            {
                continue;
            }

            var comparator = m.Groups["cmp"].Success ? "<" : "";
            var written = m.Groups["cmp"].Success ? text[m.Groups["cmp"].Index..(length.Index + length.Length)] : length.Value;
            var finding = new Finding(ExtensionFields.MarginDistance, written + " " + m.Groups["unit"].Value, comparator + Format(mm.Value), document.Id, span, RuleConfidence.Explicit);
            if (!document.Slice(span).Contains(finding.Value, StringComparison.Ordinal))
            {
                finding = finding with { Value = written };
            }

            found.Add((finding, mm.Value, m.Groups["closest"].Success));
        }

        var pool = found.Any(f => f.Closest) ? found.Where(f => f.Closest).ToList() : found;
        if (pool.Count == 0)
        {
            return [];
        }

        var least = pool.Min(f => f.Millimetres);
        return pool.Where(f => f.Millimetres == least).Select(f => f.Finding);
    }

    private static double? Parse(string s) =>
        double.TryParse(s.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static string Format(double mm) => Measurements.Format(mm);

    // "R0", "R0 resection", "résection R1", "exérèse R0", "Residual tumour: R0". A bare "R1" elsewhere is not read.
    [GeneratedRegex(
        @"(?<![\p{L}\d])(?:(?:r[ée]section|resection|ex[ée]r[èe]se|excision|chirurgie|surgery|residual\s+tumou?r(?:\s+\(R\))?|tumeur\s+r[ée]siduelle|r[ée]sidu\s+tumoral|R\s+classification|classification\s+R|statut\s+R|marges?|margins?(?:\s+status)?|berges?|limites?\s+d['’]ex[ée]r[èe]se|qualit[ée]\s+de\s+(?:la\s+)?r[ée]section)\s*(?:[:=]|en|was|is|est)?\s*(?-i:(?<r>R[012]))|(?-i:(?<r>R[012]))\s+(?:r[ée]section|resection|ex[ée]r[èe]se|excision))(?![\p{L}\d])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ResidualClass();

    // French margins are named with their adjectives, several at once: "limites de résection proximale, distale et
    // radiaire", "recoupes bronchique et vasculaires" (the anal margin, "marge anale", is a landmark, not a margin).
    private const string MarginWord = @"(?:(?:all\s+|surgical\s+|resection\s+|radial\s+|circumferential\s+|deep\s+|peripheral\s+|inked\s+|the\s+)*(?:margins?|edges?)|(?:les\s+)?(?:berges?|limites?|marges?|recoupes?)(?:(?:\s*,\s*|\s+et\s+|\s+)(?:d['’]\s?ex[ée]r[èe]se|de\s+r[ée]section|(?!anal)[\p{Ll}-]+(?:ales?|aux|iques?|aires?|ieures?|ondes?|elles?))){0,5})";

    [GeneratedRegex(
        // "margins free", "margins are clear", "Margins: uninvolved", "berges saines", "limites d'exérèse in sano"
        @"(?<![\p{L}])" + MarginWord + @"(?:\s+of\s+(?:the\s+)?(?:excision|resection|specimen))?\s*(?:[:=]|are|is|were|was|sont|est)?\s*(?:(?:\[\s?[xX✓]\s?\]|☒|☑)\s*)?(?:(?:all|toutes?|tous|widely|largement|microscopically)\s+)?(?:(?<free>free(?:\s+of\s+(?:tumou?r|carcinoma|malignancy|neoplasia|invasive\s+carcinoma))?|clear|negative(?:\s+for\s+(?:tumou?r|carcinoma|malignancy))?|uninvolved|not\s+involved|tumou?r[- ]free|sain(?:e|es|s)?|in\s+sano|en\s+(?:tissu\s+)?sain|libres?|indemnes?|non\s+(?:atteinte?s?|envahie?s?|tumorales?)|saines?)|(?<involved>involved|positive|infiltrated|atteinte?s?|envahie?s?|positi(?:ve|f|fs|ves)|tumorales?|non\s+saines?|non\s+in\s+sano|au\s+contact))(?![\p{L}])"
        // "clear margins", "negative margins", "involved margin", "tumour-free margins"
        + @"|(?<![\p{L}])(?:(?<free>clear|negative|free|uninvolved|tumou?r[- ]free|wide)|(?<involved>involved|positive))\s+(?:surgical\s+|resection\s+|radial\s+|circumferential\s+|deep\s+)?margins?(?![\p{L}])"
        // "exérèse in sano", "exérèse complète in sano", "exérèse non in sano"
        + @"|(?<![\p{L}])(?:ex[ée]r[èe]se|r[ée]section)(?:\s+(?:compl[èe]te|chirurgicale))?\s+(?:(?<involved>non\s+in\s+sano)|(?<free>in\s+sano))(?![\p{L}])"
        // "tumour at the inked margin", "carcinoma extends to the deep margin", "tumeur au contact de la berge"
        + @"|(?<![\p{L}])(?:tumou?r|carcinoma|tumeur|carcinome)\s+(?:(?:is\s+|extends\s+|present\s+|transected\s+|reaching\s+)?(?<involved>at|to|on)\s+(?:the\s+)?(?:inked\s+)?(?:\p{L}+\s+){0,2}?(?:surgical\s+)?margins?|(?<involved>au\s+contact|atteignant|touchant)\s+(?:de\s+)?(?:la\s+|les\s+|l['’]\s?)?(?:berges?|limites?|marges?|recoupes?))(?![\p{L}])"
        // "atteinte des berges", "envahissement de la berge"
        + @"|(?<![\p{L}])(?<involved>atteinte|envahissement)\s+(?:tumorale\s+)?(?:de\s+la|des|d['’]une?)\s+(?:berges?|limites?|marges?|recoupes?)(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Worded();

    // The anal margin ("marge anale", "anal verge") is where a rectal tumour is measured from, not a resection margin.
    [GeneratedRegex(@"marges?\s+anales?|anal\s+(?:margin|verge)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnalLandmark();

    private const string Len = @"(?<cmp>(?:<|less\s+than|moins\s+de|inf[ée]rieure?\s+[àa])\s?)?(?<len>\d{1,3}(?:[.,]\d{1,2})?)\s?(?<unit>mm|cm)(?![\p{L}\d])";

    [GeneratedRegex(
        // "closest margin 6 mm", "nearest margin: 2 mm (deep)", "closest margin is the deep margin at 3 mm", "distance to the closest margin: 4 mm"
        @"(?<![\p{L}])(?:(?:distance\s+(?:to|from)\s+(?:the\s+)?)?(?<closest>closest|nearest)\s+(?:\p{L}+\s+){0,2}?margin(?:\s+(?:distance|clearance))?(?:\s+(?:is|was|at|measures?|of))*(?:\s+(?:the\s+)?\p{L}+\s+margin)?(?:\s+(?:at|of))?\s*[:=]?\s*" + Len + ")"
        // "6 mm from the closest margin", "clear of the deep margin by 2 mm", "margin clearance 1.5 cm", "tumour 3 mm from the inked margin"
        + @"|(?<![\p{L}\d.,])" + Len + @"\s+(?:away\s+)?from\s+(?:the\s+)?(?:(?<closest>closest|nearest)\s+)?(?:\p{L}+\s+){0,2}?margin"
        + @"|(?<![\p{L}])clear\s+of\s+(?:the\s+)?(?:(?<closest>closest|nearest)\s+)?(?:\p{L}+\s+){0,2}?margins?\s+by\s+" + Len
        + @"|(?<![\p{L}])margin\s+(?:clearance|distance)\s*[:=]?\s*" + Len
        // "marge minimale 6 mm", "marge de sécurité de 5 mm", "berge la plus proche à 2 mm", "marge la plus proche : 4 mm"
        + @"|(?<![\p{L}])(?:marge|berge|limite|recoupe)\s+(?:(?<closest>minimale|la\s+plus\s+proche)|de\s+s[ée]curit[ée]|saine|libre)(?:\s+\(?\p{L}+\)?)?\s*(?:de|à|a|:|=|mesur[ée]e\s+[àa])?\s*" + Len
        // "à 3 mm de la berge (la plus proche)", "située à 2 mm de la limite d'exérèse profonde"
        + @"|(?<![\p{L}])[àa]\s+" + Len + @"\s+(?:de\s+la|des|du)\s+(?:berge|limite|marge|recoupe|bord)s?(?:\s+d['’]\s?ex[ée]r[èe]se)?(?:\s+(?:\p{L}+\s+)?(?<closest>la\s+plus\s+proche))?"
        + @"|(?<![\p{L}])distance\s+(?:minimale\s+)?(?:[àa]|de)\s+la\s+(?:berge|limite|marge)(?:\s+d['’]\s?ex[ée]r[èe]se)?(?:\s+(?<closest>la\s+plus\s+proche))?\s*[:=]?\s*" + Len,
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DistanceStatement();
}
