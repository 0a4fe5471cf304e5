using System.Text.RegularExpressions;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// The tumour's largest dimension in millimetres: "tumeur de 15 mm", "carcinoma measuring 2.3 cm" (23), "tumour size:
/// 3 x 2 x 1.5 cm" (30), "a 23 mm mass", "plus grand axe : 18 mm", "taille tumorale 2,1 cm" (21).
/// </summary>
/// <remarks>
/// A length is the tumour's when the nearest thing named before it in its clause is the tumour (or the tumour is named
/// right after it). The specimen ("exérèse de 68 x 50 x 30 mm", "specimen size"), a node ("lymph node of 14 mm"), a
/// margin ("closest margin 2 mm", "à 3 mm de la berge"), a metastasis or a biopsy fragment named nearer gives nothing,
/// and so does a distance: a length measured from a margin or a landmark ("from the margin", "de la recoupe", "from the
/// anal verge", "du mamelon") or placed somewhere ("à 8 cm de", "at 32 cm from"). A pathology report's size is noted
/// as such: assembly prefers it to the sizes imaging estimates.
/// </remarks>
public sealed partial class TumorSizeExtractor : IFieldExtractor
{
    /// <summary>The note of a size read in a pathology report.</summary>
    public const string PathologyNote = "pathology";

    private const int LookBack = 70;
    private const double MaxMillimetres = 400;

    public IReadOnlyList<string> Fields { get; } = [ExtensionFields.TumorSize];

    public IEnumerable<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text;
        var pathology = ReportContext.IsPathologyReport(text);
        foreach (Match m in Measurements.Length().Matches(text))
        {
            if (Measurements.LargestMillimetres(m) is not { } mm || mm > MaxMillimetres)
            {
                continue;
            }

            var before = ReportContext.Slice(text, Math.Max(ClinicalScope.PreWindow(text, m.Index), m.Index - LookBack), m.Index);
            if (RangeStart().IsMatch(before) || DistanceAfter().IsMatch(text, m.Index + m.Length)
                || (LocatedAt().IsMatch(before) && FromAfter().IsMatch(text, m.Index + m.Length)))
            {
                continue;
            }

            TextSpan span;
            var subject = Subject().Matches(before).LastOrDefault();
            if (subject is not null && subject.Groups["tumour"].Success)
            {
                span = new TextSpan(m.Index - before.Length + subject.Index, m.Index + m.Length);
            }
            else if ((subject is null || IsFar(before, subject)) && TumourAfter().Match(text, m.Index + m.Length) is { Success: true } after)
            {
                span = new TextSpan(m.Index, after.Index + after.Length);
            }
            else
            {
                continue;
            }

            var statement = document.Slice(span);
            if (Elsewhere().IsMatch(statement) || Elsewhere().IsMatch(before)
                || !ClinicalScope.IsAffirmed(text, span, ScopeKind.All))
            {
                continue;
            }

            yield return new Finding(ExtensionFields.TumorSize, m.Value, Measurements.Format(mm), document.Id, span,
                pathology ? RuleConfidence.Explicit : RuleConfidence.Contextual)
            {
                Note = pathology ? PathologyNote : null,
            };
        }
    }

    // Something else named before the length but several words back does not stop "a 23 mm tumour" from being the tumour's.
    private static bool IsFar(string before, Match subject) => before.Length - (subject.Index + subject.Length) > 25;

    [GeneratedRegex(
        @"(?<other>specimen(?:\s+size)?|sp[ée]cimen|pi[èe]ce(?:\s+op[ée]ratoire)?|taille\s+de\s+la\s+pi[èe]ce|ex[ée]r[èe]se|excision|r[ée]section|resection|lumpectomy|mastectomy|tumorectomie|mastectomie|fragments?|carottes?|cores?|biops(?:y|ies)|biopsies|(?:lymph\s+)?nodes?(?:\s+size)?|ganglions?|ad[ée]nopathies?|lymphadenopathy|margins?|marges?|berges?|limites?|recoupes?|m[ée]tastas\w*|micro-?m[ée]tastas\w*|secondaires?|d[ée]p[ôo]ts?|deposits?|kystes?|cysts?|calcifications?|microcalcifications?|foyers?\s+de\s+microcalcifications|clips?|cicatrice|scar|\bDCIS\b|intracanalaire|in\s+situ|composante|component|foie|liver|hepatic|h[ée]patiques?|bone|osseuses?|surr[ée]nal\w*|adrenal|brain|c[ée]r[ée]bral\w*|slices?|tranches?|cassettes?|blocs?)"
        + @"|(?<tumour>tumou?r(?:\s+size)?|tumeur|taille(?:\s+tumorale|\s+de\s+la\s+tumeur)?|size|carcinoma|carcinome|ad[ée]nocarcinom[ae]|l[ée]sion|lesion|mass|masse|nodule|opacit[ée]|(?:greatest|largest|maximum|maximal)\s+(?:dimension|diameter|size|extent)|(?:plus\s+)?grand\s+axe|diam[èe]tre(?:\s+maximal)?|dimension)(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Subject();

    [GeneratedRegex(@"\G\s*(?:[-–]\s*)?(?:(?:invasive|infiltrante?|ill-defined|spiculated|spicul[ée]e?|irr[ée]guli[èe]re|irregular|solid|solide|firm|ferme)\s+){0,2}(?:tumou?r|tumeur|carcinoma|carcinome|mass|masse|lesion|l[ée]sion|nodule)(?![\p{L}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TumourAfter();

    [GeneratedRegex(@"\d\s*(?:mm|cm)?\s*(?:-|–|to|à|a)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RangeStart();

    // A length followed by a landmark it is measured from is a distance, not a size: to a margin, a surface or an
    // anatomical mark ("6 mm from the nearest (inferior) margin", "à 2,5 cm de la recoupe bronchique", "8 cm from the
    // anal verge", "à 3 cm du mamelon", "30 cm from the incisors").
    [GeneratedRegex(@"\G\s*(?:away\s+)?(?:from|of|to|de\s+la|du|des|de|d['’]une?|from\s+the|to\s+the)\s+(?:the\s+|l['’]\s?)?(?:\(?\p{L}+\)?\s+){0,2}?(?:margins?|berges?|marges?|limites?|recoupes?|bord|edge|pleura|pl[èe]vre|capsule|serosa|s[ée]reuse|skin|peau|nipple|mamelon|areola|ar[ée]ole|verge|anus|pectinate|dentate|ligne\s+pectin[ée]e|sphincters?|carina|car[èe]ne|incisors|arcades?\s+dentaires?|pylorus|pylore|cardia|hilum|hile|fascia)(?![\p{L}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DistanceAfter();

    // "à 8 cm de ...", "at 32 cm from ...": a length placed somewhere is where the tumour is, not how big it is.
    [GeneratedRegex(@"(?<![\p{L}])(?:[àÀ]|at)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LocatedAt();

    [GeneratedRegex(@"\G\s*(?:de|du|des|d['’]|from)(?![\p{L}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FromAfter();

    // A clause about a metastasis, a node or a distant organ ("multiple hepatic lesions up to 25 mm") is not about the
    // primary tumour's size, whatever word stands nearest.
    [GeneratedRegex(@"m[ée]tastas|secondaire|lymph\s+node|ganglion|ad[ée]nopathie|(?<![\p{L}])(?:h[ée]patiques?|hepatic|liver|foie|bones?|osseu(?:x|ses?)|adrenal|surr[ée]nal\w*|brain|c[ée]r[ée]bra\w*)(?![\p{L}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Elsewhere();
}
