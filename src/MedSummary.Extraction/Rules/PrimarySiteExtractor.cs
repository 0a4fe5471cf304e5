using System.Text.RegularExpressions;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// Primary site from diagnosis statements: "carcinome du sein", "adenocarcinoma of the right upper lobe of the lung",
/// "prostatic adenocarcinoma", "adénocarcinome prostatique", "Primary site: colon", "Prostate, radical prostatectomy:
/// adenocarcinoma", and sites implied by the histology ("hepatocellular carcinoma" -> liver).
/// </summary>
/// <remarks>
/// Normalized to <see cref="SiteVocabulary"/>'s English terms. A site counts only when a cancer word governs it:
/// before it ("breast cancer", "lung adenocarcinoma"), after it through "of / du / de la / arising in"
/// ("carcinoma of the breast"), or as a French adjective ("carcinome mammaire"); or when a "Primary site:" label or a
/// specimen heading followed by a malignant diagnosis names it. Where a tumour spreads to is not where it started:
/// "invading the bladder", "metastatic to the liver", "métastases hépatiques" set nothing, and a metastatic
/// carcinoma names its primary only through "of colonic origin" / "lung primary". Negated, hypothetical, family and
/// past-history statements ("mother had breast cancer", "antécédent de cancer du sein") set nothing.
/// </remarks>
public sealed partial class PrimarySiteExtractor : IFieldExtractor
{
    private const double LabelConfidence = 0.9;
    private const double StatementConfidence = 0.86;
    private const double HeadingConfidence = 0.74;

    public IReadOnlyList<string> Fields { get; } = [ContractFields.PrimarySite];

    public IEnumerable<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text;
        var vocabulary = SiteVocabulary.Instance;
        var findings = new List<Finding>();

        // Histologic types are looked up after headings and for implied sites; one scan serves both.
        var histologyMatches = HistologyVocabulary.Instance.Combined.Matches(text)
            .Where(m => !HistologyExtractor.IsForeignAbbreviation(text, m, document.Language)).ToList();

        foreach (Match site in vocabulary.Combined.Matches(text))
        {
            var entry = vocabulary.EntryOf(site);
            var siteSpan = new TextSpan(site.Index, site.Index + site.Length);
            var extension = ExtensionSites.Contains(entry.Normalized);
            var reading = Label(text, siteSpan)
                ?? CancerAfter(text, siteSpan)
                ?? (extension ? null : CancerBefore(text, siteSpan) ?? Heading(text, siteSpan, histologyMatches));
            if (reading is not { } r)
            {
                continue;
            }

            // A label's own words ("Tumor site:") are not the statement; scope is judged from the site itself then.
            var scopeSpan = r.Confidence == LabelConfidence ? siteSpan : r.Span;
            if (!ClinicalScope.IsAffirmed(text, scopeSpan) || BenignBefore().IsMatch(ReportContext.Slice(text, r.Span.Start - 25, r.Span.End)))
            {
                continue;
            }

            findings.Add(new Finding(ContractFields.PrimarySite, site.Value, entry.Normalized, document.Id, r.Span, r.Confidence));
        }

        var histology = HistologyVocabulary.Instance;
        foreach (var m in histologyMatches)
        {
            var implied = Implied(histology.EntryOf(m).Normalized);
            var span = new TextSpan(m.Index, m.Index + m.Length);
            if (implied is null || findings.Any(f => f.Span.Overlaps(span)) || !ClinicalScope.IsAffirmed(text, span))
            {
                continue;
            }

            findings.Add(new Finding(ContractFields.PrimarySite, m.Value, implied, document.Id, span, RuleConfidence.Implied)
            {
                Note = "implied by the histologic type",
            });
        }

        foreach (Match m in ProcedureHeading().Matches(text))
        {
            var span = new TextSpan(m.Index, m.Index + m.Length);
            var site = ProcedureSite(m.Groups["proc"].Value);
            if (site is null || findings.Any(f => f.Span.Overlaps(span)) || !MalignantDiagnosisFollows(text, span.End, histologyMatches)
                || !ClinicalScope.IsAffirmed(text, span))
            {
                continue;
            }

            findings.Add(new Finding(ContractFields.PrimarySite, m.Groups["proc"].Value, site, document.Id, span, HeadingConfidence - 0.04)
            {
                Note = "implied by the procedure",
            });
        }

        return Dominant(findings);
    }

    // Organs tumours commonly reach or touch rather than start in; named as a primary only by a label or "X cancer".
    private static readonly HashSet<string> ExtensionSites = new(StringComparer.Ordinal)
    {
        "soft tissue", "bone", "skin", "pleura",
    };

    /// <summary>
    /// A report names its primary far more often than the organs the tumour touches (the fallopian tube of an
    /// endometrial carcinoma, the duodenum of a pancreatic one). Sites with less than half the support of the best
    /// supported site are dropped from the document; comparable support is kept and surfaces as a conflict.
    /// </summary>
    private static List<Finding> Dominant(List<Finding> findings)
    {
        if (findings.Count == 0)
        {
            return findings;
        }

        var vocabulary = SiteVocabulary.Instance;
        var sites = findings.Select(f => f.Normalized).Distinct(StringComparer.Ordinal).ToList();
        double Weight(string site) => findings
            .Where(f => vocabulary.IsSameOrBroader(f.Normalized, site) || vocabulary.IsSameOrBroader(site, f.Normalized))
            .Sum(f => f.Confidence);
        var weights = sites.ToDictionary(s => s, Weight, StringComparer.Ordinal);
        var top = weights.Max(w => w.Value);
        return [.. findings.Where(f => weights[f.Normalized] >= top / 2)];
    }

    /// <summary>The organ a resection is named after, or null ("cystoprostatectomy" removes a bladder cancer).</summary>
    internal static string? ProcedureSite(string procedure)
    {
        var p = procedure.ToLowerInvariant();
        return p switch
        {
            _ when p.Contains("cystoprostat", StringComparison.Ordinal) => "bladder",
            _ when p.Contains("prostat", StringComparison.Ordinal) => "prostate",
            _ when p.Contains("mastect", StringComparison.Ordinal) || p.Contains("lumpect", StringComparison.Ordinal) || p.Contains("tumorect", StringComparison.Ordinal) || p.Contains("mammect", StringComparison.Ordinal) => "breast",
            _ when p.Contains("nephr", StringComparison.Ordinal) => "kidney",
            _ when p.Contains("pneumonect", StringComparison.Ordinal) || p.Contains("pneumect", StringComparison.Ordinal) => "lung",
            _ when p.Contains("cystect", StringComparison.Ordinal) || p.Contains("cystoprostat", StringComparison.Ordinal) => "bladder",
            _ when p.Contains("colect", StringComparison.Ordinal) => "colon",
            _ when p.Contains("pancreat", StringComparison.Ordinal) || p.Contains("whipple", StringComparison.Ordinal) => "pancreas",
            _ when p.Contains("gastrect", StringComparison.Ordinal) => "stomach",
            _ when p.Contains("esophag", StringComparison.Ordinal) || p.Contains("oesophag", StringComparison.Ordinal) => "esophagus",
            _ when p.Contains("glossect", StringComparison.Ordinal) => "tongue",
            _ when p.Contains("laryngect", StringComparison.Ordinal) => "larynx",
            _ when p.Contains("thyroidect", StringComparison.Ordinal) => "thyroid",
            _ when p.Contains("hepatect", StringComparison.Ordinal) => "liver",
            _ => null,
        };
    }

    private static bool MalignantDiagnosisFollows(string text, int start, List<Match> histologyMatches)
    {
        var end = Math.Min(text.Length, start + 200);
        var window = ReportContext.Slice(text, start, end);
        var benign = BenignAhead().Match(window);
        foreach (var h in histologyMatches)
        {
            if (h.Index < start || h.Index + h.Length > end)
            {
                continue;
            }

            if (benign.Success && start + benign.Index < h.Index)
            {
                return false;
            }

            var span = new TextSpan(h.Index, h.Index + h.Length);
            if (ClinicalScope.IsAffirmed(text, span, ScopeKind.Negated | ScopeKind.Hypothetical))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The site a histologic type can only arise in, or null.</summary>
    internal static string? Implied(string histology)
    {
        var h = HistologyVocabulary.Instance;
        if (h.IsSameOrBroader("renal cell carcinoma", histology))
        {
            return "kidney";
        }

        if (histology is "hepatocellular carcinoma" or "combined hepatocellular-cholangiocarcinoma")
        {
            return "liver";
        }

        if (histology == "cholangiocarcinoma")
        {
            return "bile duct";
        }

        if (h.IsSameOrBroader("glioma", histology))
        {
            return "brain";
        }

        return histology is "papillary thyroid carcinoma" or "medullary thyroid carcinoma" or "follicular carcinoma" ? "thyroid" : null;
    }

    private readonly record struct Reading(TextSpan Span, double Confidence);

    private static Reading? Label(string text, TextSpan site)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, site.Start - 1)) + 1;
        var before = ReportContext.Slice(text, Math.Max(lineStart, site.Start - 60), site.Start);
        var m = SiteLabel().Match(before);
        if (!m.Success)
        {
            return null;
        }

        var start = site.Start - before.Length + m.Index;
        return new Reading(new TextSpan(start, site.End), LabelConfidence);
    }

    private static Reading? CancerAfter(string text, TextSpan site)
    {
        // The cancer word must follow within three words ("breast cancer", "pancreatic ductal adenocarcinoma").
        var window = ReportContext.Slice(text, site.End, site.End + 60);
        var cancer = CancerWord().Match(window);
        if (!cancer.Success)
        {
            return null;
        }

        var between = window[..cancer.Index];
        if (!ShortLink().IsMatch(between) || Excluded().IsMatch(between) || IsPlural(cancer.Value) || NewItem().IsMatch(between))
        {
            return null;
        }

        var confidence = MassWord().IsMatch(cancer.Value) ? HeadingConfidence - 0.04 : StatementConfidence;
        return new Reading(new TextSpan(site.Start, site.End + cancer.Index + cancer.Length), confidence);
    }

    /// <summary>"tumors", "carcinomas": a class of disease in a form's list, not this patient's tumour.</summary>
    private static bool IsPlural(string word) =>
        word.EndsWith('s') || word.EndsWith('S')
            ? !word.EndsWith("ss", StringComparison.OrdinalIgnoreCase) && !word.EndsWith("is", StringComparison.OrdinalIgnoreCase)
            : false;

    private static Reading? CancerBefore(string text, TextSpan site)
    {
        var clauseStart = Math.Max(ClinicalScope.PreWindow(text, site.Start), site.Start - 100);
        var window = text[clauseStart..site.Start];
        Match? last = null;
        foreach (Match c in CancerWord().Matches(window))
        {
            last = c;
        }

        if (last is null)
        {
            return null;
        }

        // "carcinoma of the breast", "cancer du sein"; or, without a link word, an adjective right after the cancer word
        // ("adénocarcinome prostatique", "carcinome épidermoïde pulmonaire").
        var between = window[(last.Index + last.Length)..];
        var linked = Connector().IsMatch(between) || (WordCount(between) <= 2 && !between.Contains('\n', StringComparison.Ordinal));
        if (!linked || Excluded().IsMatch(between) || WordCount(between) > 7 || IsPlural(last.Value)
            || NewItem().IsMatch(between))
        {
            return null;
        }

        var cancerStart = clauseStart + last.Index;
        var metastatic = Metastatic().IsMatch(ReportContext.Slice(text, cancerStart - 40, cancerStart + last.Length));
        if (metastatic && !Origin().IsMatch(ReportContext.Slice(text, site.Start - 30, site.End + 20)))
        {
            return null;
        }

        return new Reading(new TextSpan(cancerStart, site.End), StatementConfidence);
    }

    private static Reading? Heading(string text, TextSpan site, List<Match> histologyMatches)
    {
        // A specimen heading starts a line, or, in reports whose lines were joined into one paragraph, a segment after
        // a sentence end or a label ("... TUMOR. 4. LUNG, RIGHT UPPER LOBE (LOBECTOMY). - CARCINOMA", "DIAGNOSIS: Lung, ...").
        var lineStart = text.LastIndexOf('\n', Math.Max(0, site.Start - 1)) + 1;
        var lead = text[lineStart..site.Start];
        var boundary = SegmentStart().Matches(lead).LastOrDefault();
        if (boundary is not null)
        {
            lead = lead[(boundary.Index + boundary.Length)..];
        }

        var leading = HeadingLead().Match(lead);
        if (!leading.Success)
        {
            return null;
        }

        // A quoted label is a heading only as a whole: in '"VAGINAL-CERVICAL BIOPSY"' the first organ is not the label.
        var follow = HeadingFollow().Match(text, site.End);
        if (!follow.Success || follow.Index != site.End || (leading.Groups["quote"].Success && !follow.Groups["quoted"].Success))
        {
            return null;
        }

        return MalignantDiagnosisFollows(text, site.End + follow.Length, histologyMatches)
            ? new Reading(new TextSpan(site.Start, site.End + follow.Length), HeadingConfidence)
            : null;
    }

    private static int WordCount(string s) => s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private const string Cancer =
        @"cancers?|carcinom(?:a|as|e|es)|ad[ée]nocarcinom(?:a|as|e|es)|cystadenocarcinoma|tumou?rs?|tumeurs?|neoplasms?|n[ée]oplasies?|n[ée]oplasmes?|malignanc(?:y|ies)|sarcom(?:a|e)|lymphom(?:a|e)|m[ée]lanom(?:a|e)|blastom(?:a|e)|gliom(?:a|e)|primary|primitif|primitive|mass|masse|lesion|l[ée]sion";

    [GeneratedRegex(@"(?<![\p{L}])(?:" + Cancer + @")(?![\p{L}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CancerWord();

    [GeneratedRegex(@"^[\s,-]*(?:[\p{L}-]+[\s,-]+){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex ShortLink();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:of|in|from|arising|originating|du|de|des|d['’]|primitif|primitive|origin|origine)(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Connector();

    [GeneratedRegex(
        @"invad\w*|involv\w*|extend\w*|extension|infiltration|infiltr\w*\s+(?:la|le|les|l['’]|the|into|in)\b|envahi\w*|atteinte|metasta\w*|m[ée]tasta\w*|spread|adjacent|\binto\b|\bto\b|\bvers\b|jusqu|\bnear\b|close|margin\w*|marge\w*|lymph|nodes?|ganglion\w*|\band\b|\bet\b|\bwith\b|\bavec\b|wall|paroi|fat|graisse|serosa|s[ée]reuse|capsule|surface|vein|veine|vessel|resection|r[ée]section|biopsy|biopsie|specimen|pr[ée]l[èe]vement|margin|bed|lit|\bno\b|\bnot\b|\bpas\b|\bsans\b|other|autre|second|suspect|negative|n[ée]gati|free|benign|b[ée]nin|uninvolved|without|intra-?epithelial|intra-?[ée]pith[ée]lial|in\s+situ|slides?|blocks?|sections?|cassettes?|samples?|lames?|blocs?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Excluded();

    // A line break followed by a list marker or a label ("\nT-tumor", "\n2. ") starts another item.
    [GeneratedRegex(@"\n\s*(?:[A-Za-z0-9]{1,2}\s?[-.):]|[\p{L} ]{1,30}:)", RegexOptions.CultureInvariant)]
    private static partial Regex NewItem();

    [GeneratedRegex(@"^(?:mass|masse|lesion|l[ée]sion)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MassWord();

    [GeneratedRegex(@"metasta|m[ée]tasta|secondary|secondaire", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Metastatic();

    [GeneratedRegex(@"origin|origine|primary|primitif|primitive|primaire", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Origin();

    [GeneratedRegex(
        @"(?:primary\s+(?:tumou?r\s+)?site|tumou?r\s+(?:site|location)|site\s+of\s+(?:the\s+)?(?:primary|tumou?r|origin)|primary\s+organ|localisation(?:\s+(?:tumorale|de\s+la\s+tumeur|du\s+primitif|primitive))?|site\s+(?:tumoral|primitif)|si[èe]ge(?:\s+(?:tumoral|du\s+primitif))?|organe(?:\s+(?:d['’]origine|atteint))?|primitif)\s*[:=]\s*[^\n:]{0,45}$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SiteLabel();

    [GeneratedRegex(@"(?<=[\p{L})])[.:;]\s+", RegexOptions.CultureInvariant)]
    private static partial Regex SegmentStart();

    // A specimen's label may be quoted as the surgeon wrote it: 'A. "RIGHT OVARY": ...', 'Specimen labeled "left breast"',
    // '« Ovaire droit » : ...'.
    [GeneratedRegex(@"^[ \t]*(?:(?:[A-Z]|\d{1,2}|[IVX]{1,4})[.):]\s*|\(\w\)\s*|part\s+\d+\s*:\s*|specimen\s*:?\s*)?(?:(?:specimen\s+)?label+ed\s+(?:as\s+)?|(?:pr[ée]l[èe]vement\s+)?(?:intitul[ée]|[ée]tiquet[ée])\s+)?(?<quote>[""“«‘']\s*)?(?:(?:left|right)\s*,?\s*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeadingLead();

    [GeneratedRegex(
        @"(?m)^[ \t]*(?:(?:[A-Z]|\d{1,2})[.):]\s*|\(\w\)\s*|part\s+\d+\s*:\s*)?(?:(?:left|right|total|partial|radical|simple|modified|robotic|laparoscopic|open|distal|subtotal|bilateral|gauche|droite?|totale|partielle|[ée]largie)[\s,]+){0,3}(?<proc>prostatectom\w*|(?:cysto)?prostatectom\w*|mastectom\w*|lumpectom\w*|tumorectom\w*|mammectom\w*|nephrectom\w*|n[ée]phrectom\w*|nephroureterectom\w*|pneumonectom\w*|cystectom\w*|cystoprostatectom\w*|(?:hemi)?colectom\w*|pancreat(?:ico)?(?:duodenectom|ectom)\w*|whipple|gastrectom\w*|o?esophagectom\w*|(?:hemi)?glossectom\w*|laryngectom\w*|(?:hemi)?thyroidectom\w*|hepatectom\w*)[^\n:]{0,60}[:\-–]",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProcedureHeading();

    // After the organ: ", <procedure or part>:" as before; the rest of a quoted label, its closing quote, an optional
    // note in brackets and a colon or dash ('"RIGHT OVARY AND TUBE" (SALPINGO-OOPHORECTOMY):', '« ovaire droit » :');
    // or a biopsy named right after the organ without a comma ("Right ovary biopsy:", "Poumon gauche biopsie :").
    [GeneratedRegex(@"\G(?:\s*[,;:\-–][^\n]{0,100}?(?:(?:ectomy|biops|resection|excision|exenteration|sampling|ectomie|biopsie|r[ée]section|ex[ée]r[èe]se|curet+age)\w*|:)|(?<quoted>[^""”»’\n:]{0,30}[""”»’]\s*(?:\([^)\n]{0,40}\)\s*)?[:\-–])|(?:\s+(?:gauche|droite?))?\s+(?:biops(?:y|ies)|biopsies?)\s*[:\-–])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeadingFollow();

    [GeneratedRegex(@"\bbenign|\bb[ée]nin|\bnon[- ]?malignant|\bnormal\s+(?:breast|lung|tissue)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BenignBefore();

    [GeneratedRegex(
        @"\bbenign\b|\bb[ée]nin\w*|unremarkable|no\s+(?:tumou?r|malignan\w*|carcinoma|neoplas\w*|evidence|residual)|negative\s+for\s+(?:tumou?r|malignan\w*|carcinoma|neoplas\w*)|free\s+of\s+(?:tumou?r|carcinoma)|sans\s+particularit|pas\s+de\s+(?:tumeur|l[ée]sion|carcinome|malignit)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BenignAhead();
}
