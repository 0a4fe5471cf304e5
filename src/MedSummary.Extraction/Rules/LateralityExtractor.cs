using System.Text.RegularExpressions;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// Laterality of the tumour: "left breast", "sein gauche", "Right upper lobe", "rein droit", "Kidney, right, radical
/// nephrectomy", "ovaires bilatéraux", "RUL", "Laterality: Left", "involving both lobes".
/// </summary>
/// <remarks>
/// A side counts only when attached to a lateralized organ or procedure (breast, lung lobe, kidney, ovary, brain lobe,
/// tonsil, tongue, limb, mastectomy, nephrectomy...), so "the patient left", "droit à", "left ventricular" or
/// "right colon" set nothing. Among the mentions of a document, those tied to a tumour are preferred: a labelled
/// laterality ("Laterality: Right") or a mention whose clause names a tumour ("left breast carcinoma", "Right renal
/// mass") outranks one that only has a tumour word further on; a mention followed by a benign or tumour-free statement
/// ("Left ovary: benign cystadenoma", "contralateral breast: no tumour") or governed by negation, hypothesis, family or
/// past history is dropped. Normalized "left", "right" or "bilateral". "Bilateral salpingo-oophorectomy" is a
/// procedure, not bilateral disease, and is ignored. A document naming tumour on both sides is reported as both
/// sides (a conflict for the reader), not merged into "bilateral".
/// </remarks>
public sealed partial class LateralityExtractor : IFieldExtractor
{
    private const double Labelled = 0.9;
    private const double Strong = 0.85;
    private const double Weak = 0.62;

    public IReadOnlyList<string> Fields { get; } = [ContractFields.Laterality];

    public IEnumerable<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text;
        var mentions = new List<Finding>();
        var taken = new List<TextSpan>();

        foreach (Match m in LabelForm().Matches(text))
        {
            var span = new TextSpan(m.Index, m.Index + m.Length);
            if (Normalize(m.Groups["lat"].Value) is not { } side || !ClinicalScope.IsAffirmed(text, span))
            {
                continue;
            }

            if (m.Groups["lat2"].Success && Normalize(m.Groups["lat2"].Value) is { } second && second != side)
            {
                side = "bilateral";
            }

            taken.Add(span);
            mentions.Add(new Finding(ContractFields.Laterality, m.Groups["lat"].Value, side, document.Id, span, Labelled));
        }

        foreach (var pattern in new[] { BothSides(), EnglishBefore(), EnglishAfter(), FrenchAfter(), Abbreviation(), Both(), Bilaterally() })
        {
            foreach (Match m in pattern.Matches(text))
            {
                var span = new TextSpan(m.Index, m.Index + m.Length);
                if (taken.Any(t => t.Overlaps(span)))
                {
                    continue;
                }

                var lat = m.Groups["lat"];
                var side = lat.Success && !m.Groups["lat2"].Success ? Normalize(lat.Value)
                    : m.Groups["abbr"].Success ? AbbreviationSide(m.Groups["abbr"].Value)
                    : "bilateral";
                if (side is null || Excluded(text, m, side))
                {
                    continue;
                }

                var strength = TumourAttachment(text, span);
                if (strength is null)
                {
                    continue;
                }

                taken.Add(span);
                var value = lat.Success && !m.Groups["lat2"].Success ? lat.Value : m.Groups["abbr"].Success ? m.Groups["abbr"].Value : m.Value;
                mentions.Add(new Finding(ContractFields.Laterality, value, side, document.Id, span, strength.Value));
            }
        }

        // Prefer mentions tied to the tumour: when any labelled or strongly attached mention exists, weak ones go.
        var best = mentions.Count == 0 ? 0 : mentions.Max(f => f.Confidence);
        var kept = best > Weak ? mentions.Where(f => f.Confidence > Weak).ToList() : mentions;

        // Tumour named on the left and on the right of the same organ in one report is bilateral disease (both lobes
        // of a prostate, both ovaries); each side's mention then supports "bilateral" and keeps its own wording.
        var strong = kept.Where(f => f.Confidence > Weak && f.Normalized is "left" or "right")
            .GroupBy(f => OrganOf(text[f.Span.Start..f.Span.End]) ?? "", StringComparer.Ordinal);
        var bilateralOrgans = strong
            .Where(g => g.Any(f => f.Normalized == "left") && g.Any(f => f.Normalized == "right"))
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        if (bilateralOrgans.Count > 0)
        {
            kept = [.. kept.Select(f => f.Normalized is "left" or "right" && bilateralOrgans.Contains(OrganOf(text[f.Span.Start..f.Span.End]) ?? "")
                ? f with { Normalized = "bilateral", Confidence = f.Confidence - 0.05, Note = "tumour named on both sides in this report" }
                : f)];
        }

        return kept;
    }

    /// <summary>
    /// The organ a laterality mention names, in <see cref="SiteVocabulary"/> terms ("ovary", "kidney", "breast"), or
    /// null when its words name no site of that vocabulary ("right upper lobe", "left base").
    /// </summary>
    public static string? OrganOf(string mention)
    {
        ArgumentNullException.ThrowIfNull(mention);
        var m = SiteVocabulary.Instance.Combined.Match(mention);
        return m.Success ? SiteVocabulary.Instance.EntryOf(m).Normalized : null;
    }

    private static string? Normalize(string raw)
    {
        var v = raw.Trim().TrimEnd('.').ToLowerInvariant();
        return v switch
        {
            "left" or "lt" or "l" or "gauche" or "gauches" => "left",
            "right" or "rt" or "r" or "droit" or "droite" or "droits" or "droites" => "right",
            _ when v.StartsWith("bilat", StringComparison.Ordinal) => "bilateral",
            _ => null,
        };
    }

    private static string? AbbreviationSide(string abbr) => abbr switch
    {
        "RUL" or "RML" or "RLL" or "LSD" or "LID" or "LMD" => "right",
        "LUL" or "LLL" or "LSG" or "LIG" => "left",
        _ => null,
    };

    private static bool Excluded(string text, Match m, string side)
    {
        var organ = m.Groups["organ"].Value.ToLowerInvariant();
        if (side == "bilateral" && (organ.Contains("oophorectomy", StringComparison.Ordinal)
            || organ.Contains("annexectomie", StringComparison.Ordinal) || organ.Contains("adnexectomy", StringComparison.Ordinal)
            || organ.Contains("neck", StringComparison.Ordinal)))
        {
            return true;
        }

        var after = ReportContext.Slice(text, m.Index + m.Length, m.Index + m.Length + 30);
        var around = ReportContext.Slice(text, m.Index - 60, m.Index + m.Length + 60);
        if (organ.Contains("lobe", StringComparison.Ordinal) && (LiverAfter().IsMatch(after) || LiverNear().IsMatch(around)))
        {
            return true;
        }

        return false;
    }

    /// <summary>How strongly a mention is tied to a tumour; null when it is not, or is benign, denied or not the patient's.</summary>
    private static double? TumourAttachment(string text, TextSpan span)
    {
        if (!ClinicalScope.IsAffirmed(text, span))
        {
            return null;
        }

        var clauseStart = Math.Max(ClinicalScope.PreWindow(text, span.Start), span.Start - 80);
        var before = ReportContext.Slice(text, clauseStart, span.Start);
        if (Contralateral().IsMatch(before))
        {
            return null;
        }

        // A benign statement attached to this very mention ("left ovary: benign", "sein gauche sans particularité")
        // rules it out whatever else the sentence says.
        var limit = ForwardLimit(text, span.End);
        var post = text[span.End..limit];
        var near = post.IndexOfAny([',', ';', '.']) is var cut and >= 0 ? post[..cut] : post;
        if (near.Length > 40)
        {
            near = near[..40];
        }

        if (BenignAhead().IsMatch(near))
        {
            return null;
        }

        // A tumour named just before ("carcinoma of the left breast") ties the mention to it.
        if (TumourAhead().IsMatch(before))
        {
            return Strong;
        }

        // Otherwise walk forward: the first affirmed tumour word or benign statement decides.
        var benign = BenignAhead().Match(post);
        var tumourAt = -1;
        foreach (Match t in TumourAhead().Matches(post))
        {
            var abs = new TextSpan(span.End + t.Index, span.End + t.Index + t.Length);
            if (ClinicalScope.IsAffirmed(text, abs, ScopeKind.Negated | ScopeKind.Hypothetical))
            {
                tumourAt = t.Index;
                break;
            }
        }

        if (benign.Success && (tumourAt < 0 || benign.Index < tumourAt))
        {
            return null;
        }

        if (tumourAt >= 0)
        {
            return tumourAt <= 90 ? Strong : Weak;
        }

        return null;
    }

    private static int ForwardLimit(string text, int start)
    {
        var limit = Math.Min(text.Length, start + 260);
        var lineEnd = text.IndexOf('\n', start, limit - start);
        var heading = lineEnd > 0 && text[start..lineEnd].TrimEnd() is { Length: > 0 } rest && rest[^1] is ':' or '-' or '–';
        for (var i = start; i < limit - 1; i++)
        {
            if (text[i] != '\n')
            {
                continue;
            }

            // A heading ("KIDNEY, LEFT, RADICAL NEPHRECTOMY -") owns the items listed under it.
            if (heading && i == lineEnd)
            {
                continue;
            }

            // A blank line or the next lettered/numbered specimen part ends the statement about this side.
            var j = i + 1;
            while (j < limit && text[j] is ' ' or '\t' or '\r')
            {
                j++;
            }

            if (j < limit && (text[j] == '\n' || NextPart().IsMatch(text, j)))
            {
                return i;
            }
        }

        return limit;
    }

    private const string OrganEn =
        @"breasts?|lungs?|kidneys?|renal|adrenal(?:\s+gland)?|ureters?|ovar(?:y|ies|ian)|adnexa[el]?|fallopian\s+tubes?|tubo-?ovarian|testis|testes|testicles?|testicular|fronto-?\w*|temporo-?\w*|parieto-?\w*|occipito-?\w*|frontal|temporal|parietal|occipital|insular|thalamic|hemispheres?|cerebral|cerebellar|cerebellum|tonsils?|tonsillar|tongue|(?:oral\s+)?pharynx|oropharynx|hypopharynx|parotid(?:\s+gland)?|submandibular(?:\s+gland)?|vocal\s+(?:cords?|folds?)|pyriform\s+sinus|piriform\s+sinus|maxillary\s+sinus|maxilla|mandible|retromolar(?:\s+trigone)?|buccal\s+mucosa|floor\s+of\s+(?:the\s+)?mouth|thyroid(?:\s+lobe)?|axilla(?:ry)?|arm|leg|thigh|forearm|shoulder|knee|foot|hand|eye|orbit|ear|hemithorax|pleura|mastectomy|lumpectomy|nephrectomy|nephroureterectomy|lobectomy|pneumonectomy|segmentectomy|orchi(?:d)?ectomy|oophorectomy|salpingo-?oophorectomy|adnexectomy|glossectomy|hemiglossectomy|hemithyroidectomy|(?:upper|middle|lower)\s+lobe|lobes?|base|apex|apical|peripheral\s+zone|transition\s+zone";

    private const string ModifierEn =
        @"(?:upper|middle|lower|outer|inner|anterior|posterior|lateral|medial|radical|partial|total|simple|modified|inferior|superior|mid|central|main|deep|peripheral|apical|basal|upper-outer|upper-inner|lower-outer|lower-inner|ventral|dorsal|true|false|mainstem|entire|whole|nipple-sparing|skin-sparing|segmental|wedge|open|laparoscopic|robotic|prostate|prostatic|mid-gland|midgland|para-?median|posterolateral|anterolateral)";

    [GeneratedRegex(
        @"(?<![\p{L}])(?<lat>left|right|bilateral|lt\.?|rt\.?)(?:\s*,)?\s+(?:" + ModifierEn + @"[\s,]+){0,3}(?<organ>" + OrganEn + @")(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnglishBefore();

    [GeneratedRegex(
        @"(?<![\p{L}])(?<organ>breast|lung|kidney|renal\s+(?:mass|tumou?r|lesion)|ovary|adnexa|testis|testicle|tonsil|tongue|parotid|thyroid|lobe|adrenal|ureter|brain|cerebrum|hemisphere)(?:\s+(?:mass|tumou?r|lesion|nodule|specimen|gland))?(?:\s+(?:and|&|with)\s+(?:[\p{L}-]+\s+){0,2}[\p{L}-]+)?\s*(?:[,;(:]|\s-|-\s?|–)\s*(?<lat>left|right|bilateral)(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnglishAfter();

    [GeneratedRegex(
        @"(?<![\p{L}])(?<organ>seins?|poumons?|lobes?|reins?|r[ée]nale?|surr[ée]nales?|uret[èe]res?|ovaires?|annexes?|trompes?|testicules?|h[ée]misph[èe]res?|amygdales?|langue|parotides?|glandes?\s+sous-mandibulaires?|cordes?\s+vocales?|sinus\s+piriformes?|thyro[ïi]de|lobe\s+thyro[ïi]dien|aisselles?|creux\s+axillaire|bras|jambes?|cuisses?|[œo]eil|oreilles?|mastectomie|tumorectomie|zonectomie|quadrantectomie|n[ée]phrectomie|n[ée]phro-?ur[ée]t[ée]rectomie|lobectomie|pneumonectomie|segmentectomie|orchidectomie|annexectomie|ovariectomie|glossectomie|h[ée]miglossectomie|mammaire|pulmonaire|frontale?|temporale?|pari[ée]tale?|occipitale?|base|apex)(?:\s+(?:sup[ée]rieure?|inf[ée]rieure?|moyen(?:ne)?|externe|interne|[ée]largie|partielle|totale|radicale|simple|sup[ée]ro-?externe|sup[ée]ro-?interne|inf[ée]ro-?externe|inf[ée]ro-?interne|post[ée]rieure?|ant[ée]rieure?|lat[ée]rale?|m[ée]diane?|profonde?|du\s+sein|du\s+poumon|du\s+rein|de\s+la\s+prostate)){0,2}\s+(?<lat>gauches?|droite?s?|bilat[ée]ra(?:l|le|ux|les))(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FrenchAfter();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:both\s+)?(?<lat>right|left|droite?|gauche)\s+(?:and|&|et)\s+(?<lat2>left|right|gauche|droite?)\s+(?<organ>lobes?|sides?|breasts?|lungs?|kidneys?|ovaries|adnexa|testes|c[ôo]t[ée]s|lobes|seins|poumons|reins|ovaires|hemispheres|h[ée]misph[èe]res|peripheral\s+zones?)(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BothSides();

    [GeneratedRegex(@"(?<![\p{L}])(?:bilaterally|bilat[ée]ralement|on\s+both\s+sides|des\s+deux\s+c[ôo]t[ée]s)(?![\p{L}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Bilaterally();

    [GeneratedRegex(@"(?<![\p{L}])(?-i:(?<abbr>RUL|RML|RLL|LUL|LLL|LSD|LSG|LID|LIG))(?![\p{L}])", RegexOptions.CultureInvariant)]
    private static partial Regex Abbreviation();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:both|les\s+deux|des\s+deux|aux\s+deux)\s+(?<organ>breasts|lungs|kidneys|ovaries|lobes|sides|adnexa|testes|seins|poumons|reins|ovaires|lobes|c[ôo]t[ée]s|annexes|hemispheres|h[ée]misph[èe]res)(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Both();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:(?:specimen|tumou?r|lesion)\s+)?(?:laterality|lat[ée]ralit[ée]|side(?:\s+of\s+(?:specimen|tumou?r|lesion))?|c[ôo]t[ée])\s*[:=]\s*(?<lat>left|right|bilateral|gauche|droite?|bilat[ée]rale?|L|R)(?![\p{L}])(?:\s*(?:and|&|/|et|,)\s*(?<lat2>left|right|gauche|droite?)(?![\p{L}]))?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LabelForm();

    [GeneratedRegex(@"^\s*(?:of\s+(?:the\s+)?liver|du\s+foie|hepatic|h[ée]patique)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LiverAfter();

    [GeneratedRegex(@"liver|hepat|h[ée]pati|foie|caudate|segment\s+[IVX]+\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LiverNear();

    [GeneratedRegex(@"contralat[ée]ral|controlat[ée]ral|opposite", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Contralateral();

    [GeneratedRegex(@"\G(?:[A-Z]|\d{1,2})\s?[.):]\s", RegexOptions.CultureInvariant)]
    private static partial Regex NextPart();

    [GeneratedRegex(
        @"carcinom\w*|ad[ée]nocarcinom\w*|cancer\w*|tumou?r\w*|tumeur\w*|malignan\w*|malin\w*|neoplas\w*|n[ée]oplas\w*|mass\b|masse|glioma|gliome|glioblastom\w*|astrocytom\w*|oligodendrogliom\w*|oligoastrocytom\w*|glial\s+neoplasm|sarcom\w*|melanom\w*|m[ée]lanom\w*|lymphom\w*|mesotheliom\w*|m[ée]soth[ée]liom\w*|seminom\w*|s[ée]minom\w*|blastom\w*|\bCA\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TumourAhead();

    [GeneratedRegex(
        @"\bbenign\b|\bb[ée]nin\w*|unremarkable|no\s+(?:tumou?r|malignan\w*|carcinoma|neoplas\w*|evidence|residual|specific\s+patholog\w*|pathologic\w*\s+(?:change|abnormalit)\w*|significant\s+patholog\w*)|negative\s+for\s+(?:tumou?r|malignan\w*|carcinoma|neoplas\w*|metasta\w*|dysplasia)|free\s+of\s+(?:tumou?r|carcinoma|malignan\w*)|uninvolved|not\s+involved|sans\s+particularit|indemne|pas\s+de\s+(?:tumeur|l[ée]sion|carcinome|malignit)|absence\s+de\s+(?:tumeur|l[ée]sion|carcinome|malignit)|within\s+normal\s+limits|normal\s+(?:tissue|parenchyma|ovary|kidney|breast|lung)|teratoma|cystadenoma|fibroadenoma|adenoma\b|leiomyoma|endometrio(?:sis|ma)|\bnormal\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BenignAhead();
}
