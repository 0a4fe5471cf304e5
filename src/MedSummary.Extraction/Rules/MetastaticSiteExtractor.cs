using System.Text.RegularExpressions;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// Distant metastatic sites, as the schema's values: "liver", "bone", "lung", "brain", "adrenal", "pleura",
/// "peritoneum", "distant lymph nodes"; "none" where their absence is stated ("no evidence of metastatic disease",
/// "pas de lésion secondaire à distance", "absence de localisation secondaire").
/// </summary>
/// <remarks>
/// A site is read where a metastasis word and the site stand together in one clause: "métastases hépatiques et
/// osseuses", "hepatic metastases", "metastatic liver lesions", "liver lesions consistent with metastases", "bone
/// metastasis", "M1 (liver)", "carcinose péritonéale", "malignant pleural effusion". A denied or doubtful metastasis
/// ("no liver metastases", "to rule out bone metastases", "suspicion de métastase cérébrale"), a relative's, and a
/// regional node ("6 ganglions métastatiques", "metastatic carcinoma in 2 of 12 lymph nodes") give no site; nor does
/// the primary tumour named after "metastatic" ("metastatic lung cancer"). Assembly makes the set: every site stated,
/// "none" only when no site is.
/// </remarks>
public sealed partial class MetastaticSiteExtractor : IFieldExtractor
{
    /// <summary>The value stating that there is no distant metastasis.</summary>
    public const string None = "none";

    private const int Reach = 60;

    public IReadOnlyList<string> Fields { get; } = [ExtensionFields.MetastaticSites];

    public IEnumerable<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text;
        var findings = new List<Finding>();

        foreach (Match m in Anchor().Matches(text))
        {
            var anchor = new TextSpan(m.Index, m.Index + m.Length);
            if (Adjective().IsMatch(m.Value) && PrimaryAfter().IsMatch(text, anchor.End))
            {
                continue;
            }

            var scope = ClinicalScope.Detect(text, anchor, ScopeKind.Negated | ScopeKind.Hypothetical | ScopeKind.Family);
            if ((scope & (ScopeKind.Hypothetical | ScopeKind.Family)) != 0)
            {
                continue;
            }

            if (scope.HasFlag(ScopeKind.Negated))
            {
                continue; // Absence is read from its own statements below, which name no site.
            }

            var clauseStart = Math.Max(ClinicalScope.PreWindow(text, anchor.Start), anchor.Start - Reach);
            var clauseEnd = Math.Min(ClinicalScope.PostWindow(text, anchor.End), anchor.End + Reach);
            foreach (var site in Sites(text, clauseStart, clauseEnd, anchor))
            {
                var span = new TextSpan(Math.Min(anchor.Start, site.Span.Start), Math.Max(anchor.End, site.Span.End));
                if (!ClinicalScope.IsAffirmed(text, site.Span, ScopeKind.Negated | ScopeKind.Hypothetical))
                {
                    continue;
                }

                findings.Add(new Finding(ExtensionFields.MetastaticSites, document.Slice(span), site.Value, document.Id, span, RuleConfidence.Explicit));
            }
        }

        foreach (Match m in SiteBearing().Matches(text))
        {
            var span = new TextSpan(m.Index, m.Index + m.Length);
            if (ClinicalScope.IsAffirmed(text, span, ScopeKind.Negated | ScopeKind.Hypothetical | ScopeKind.Family))
            {
                var value = m.Groups["peritoneum"].Success ? "peritoneum" : m.Groups["pleura"].Success ? "pleura" : "lung";
                findings.Add(new Finding(ExtensionFields.MetastaticSites, m.Value, value, document.Id, span, RuleConfidence.Explicit));
            }
        }

        foreach (Match m in Absence().Matches(text))
        {
            var span = new TextSpan(m.Index, m.Index + m.Length);

            // "Pas de métastase hépatique" denies one site, not every distant metastasis.
            var next = m.Index + m.Length;
            while (next < text.Length && text[next] is ' ' or '\t')
            {
                next++;
            }

            if (next > m.Index + m.Length && Site().Match(text, next) is { Success: true } named && named.Index == next)
            {
                continue;
            }

            if (ClinicalScope.IsAffirmed(text, span, ScopeKind.Hypothetical | ScopeKind.Family | ScopeKind.History))
            {
                findings.Add(new Finding(ExtensionFields.MetastaticSites, m.Value, None, document.Id, span, RuleConfidence.Explicit));
            }
        }

        return findings;
    }

    /// <summary>The sites named near a metastasis word, in the same clause, not across another metastasis word or a denial.</summary>
    private static IEnumerable<(TextSpan Span, string Value)> Sites(string text, int start, int end, TextSpan anchor)
    {
        foreach (Match s in Site().Matches(text, start))
        {
            if (s.Index + s.Length > end)
            {
                break;
            }

            // Between the site and its anchor nothing but site words, connectors and a few descriptive words.
            var between = s.Index < anchor.Start ? text[(s.Index + s.Length)..anchor.Start] : s.Index >= anchor.End ? text[anchor.End..s.Index] : "";
            if (!Linking().IsMatch(between))
            {
                continue;
            }

            var value = s.Groups["liver"].Success ? "liver"
                : s.Groups["bone"].Success ? "bone"
                : s.Groups["lung"].Success ? "lung"
                : s.Groups["brain"].Success ? "brain"
                : s.Groups["adrenal"].Success ? "adrenal"
                : s.Groups["pleura"].Success ? "pleura"
                : s.Groups["peritoneum"].Success ? "peritoneum"
                : "distant lymph nodes";
            yield return (new TextSpan(s.Index, s.Index + s.Length), value);
        }
    }

    [GeneratedRegex(
        @"(?<![\p{L}])(?<!non[- ])(?:m[ée]tasta\p{L}*|metasta\p{L}*|micro-?m[ée]tasta\p{L}*|secondary\s+(?:deposits?|lesions?|tumou?rs?)|deposits?|(?:l[ée]sions?|localisations?|nodules?|tumeurs?|atteintes?|foyers?|images?)\s+(?:\p{L}+\s+){0,2}?secondaires?|(?-i:[cp]?M1[abc]?(?:\(\w+\))?)(?=\s?\())",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Anchor();

    [GeneratedRegex(@"^(?:metastatic|m[ée]tastatiques?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Adjective();

    // "metastatic lung cancer", "métastatique d'un adénocarcinome pulmonaire": the primary, not a site.
    [GeneratedRegex(@"\G\s+(?:(?:d['’]\s?une?|of|from|du|de)\s+)?(?:[\p{L}-]+\s+){0,4}?(?:cancers?|carcinom[ae]s?|ad[ée]nocarcinom[ae]s?|tumou?rs?\s+primitive?|primary|primitif|primitive|NSCLC|CBNPC|melanoma|m[ée]lanome)(?![\p{L}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PrimaryAfter();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:(?<liver>h[ée]patiques?|hepatic|liver|foie|HEP)|(?<bone>osseu(?:x|se|ses)|bones?|osseous|skeletal|squelettiques?|ost[ée]olytiques?|ost[ée]ocondensantes?|osteolytic|osteoblastic|vert[ée]bra(?:l|les?|ux)|rachidiennes?|spinal|OSS)|(?<lung>pulmonaires?|pulmonary|lungs?|poumons?|contralateral\s+lung|poumon\s+controlat[ée]ral|PUL)|(?<brain>c[ée]r[ée]bra(?:l|les?|ux)|brain|enc[ée]phaliques?|intracrani(?:al|ennes?)|BRA)|(?<adrenal>surr[ée]na(?:le|les|liennes?|lien)|adrenal|ADR)|(?<pleura>pleura(?:l|les?)?|pl[èe]vre|PLE)|(?<peritoneum>p[ée]riton[ée]a(?:l|les?)|peritoneum|p[ée]ritoine|PER)|(?<nodes>distant\s+(?:lymph\s+)?nodes?|distant\s+nodal|supraclavicular(?:\s+(?:lymph\s+)?nodes?)?|sus-?clavicula(?:ire|ires)|para-?aortic|lombo-?aortiques?|r[ée]tro-?p[ée]riton[ée]a(?:l|les?)|ad[ée]nopathies?\s+[àa]\s+distance|ganglions?\s+[àa]\s+distance))(?![\p{L}])",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Site();

    // What may stand between a site word and its metastasis word: other sites, connectors, a few describing words.
    [GeneratedRegex(
        @"^[\s,;/()+:-]*(?:(?:and|et|or|ou|with|avec|of|the|to|in|into|à|au|aux|a|an|des|de|du|d['’]|la|le|les|l['’]|un|une|multiple|multiples|several|numerous|nombreuses|plusieurs|diffuse|diffuses|bilateral|bilat[ée]rales?|new|nouvelles?|known|connues?|lesions?|l[ée]sions?|nodules?|foci|focus|deposits?|masses?|disease|maladie|involvement|atteinte|consistent|compatibles?|suggesting|evocative|typical|typiques|(?-i:[A-Z]{3})|FDG-avid|hypermetabolic|hyperm[ée]taboliques?|lytic|lytiques|spread|extension|sites?|h[ée]patiques?|hepatic|liver|foie|osseu(?:x|se|ses)|bones?|osseous|pulmonaires?|pulmonary|lungs?|c[ée]r[ée]bra(?:l|les?|ux)|brain|surr[ée]na\p{L}*|adrenal|pleura\p{L}*|pl[èe]vre|p[ée]riton[ée]\p{L}*|peritoneum|p[ée]ritoine|vert[ée]bra\p{L}*|rachidiennes?|spinal|ganglionnaires?)[\s,;/()+:-]*)*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Linking();

    // Sites named by a word that already means metastatic spread.
    [GeneratedRegex(
        @"(?<![\p{L}])(?:(?<peritoneum>carcinose(?:\s+p[ée]riton[ée]ale)?|peritoneal\s+carcinomatosis|carcinomatose\s+p[ée]riton[ée]ale|peritoneal\s+(?:implants|seeding))|(?<pleura>(?:malignant|neoplastic)\s+pleural\s+effusion|[ée]panchement\s+pleural\s+(?:malin|n[ée]oplasique|tumoral)|pleural\s+carcinomatosis|carcinose\s+pleurale)|(?<lung>lymphangite\s+carcinomateuse|lymphangitic\s+carcinomatosis))(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SiteBearing();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:no\s+(?:evidence\s+of\s+)?(?:distant\s+)?metasta(?:sis|ses|tic\s+disease)(?:\s+(?:disease|spread))?|no\s+distant\s+(?:metasta\p{L}+|spread|disease)|without\s+(?:evidence\s+of\s+)?distant\s+metasta\p{L}+|negative\s+for\s+distant\s+metasta\p{L}+|(?:pas|absence)\s+d['’]\s?(?:argument\s+pour\s+une\s+)?(?:extension|atteinte)\s+(?:m[ée]tastatique|secondaire|[àa]\s+distance)|(?:pas|absence)\s+de\s+(?:m[ée]tastases?|l[ée]sions?\s+secondaires?|localisations?\s+secondaires?|lésion\s+à\s+distance)(?:\s+(?:[àa]\s+distance|viscérales?|d[ée]cel[ée]e?s?|visibles?))?|sans\s+(?:m[ée]tastase|localisation\s+secondaire|l[ée]sion\s+secondaire)s?(?:\s+[àa]\s+distance)?|pas\s+de\s+foyer\s+osseux\s+suspect|M0\s+(?:on|au)\s+(?:staging|bilan))(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Absence();
}
