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

        var dominant = new List<TextSpan>();
        foreach (Match m in LabelForm().Matches(text))
        {
            var span = new TextSpan(m.Index, m.Index + m.Length);
            if (Normalize(m.Groups["lat"].Value) is not { } side || !ClinicalScope.IsAffirmed(text, span))
            {
                continue;
            }

            // "Tumor site: Left colon" names a sub-site of an unpaired organ: a generic site label counts only when
            // the side stands alone or names a paired organ.
            var rest = ReportContext.Slice(text, m.Index + m.Length, m.Index + m.Length + 40);
            if (m.Groups["loose"].Success && !m.Groups["lat2"].Success && WordAfter().IsMatch(rest) && !PairedOrganAfter().IsMatch(rest))
            {
                continue;
            }

            if (m.Groups["lat2"].Success && Normalize(m.Groups["lat2"].Value) is { } second && second != side)
            {
                side = "bilateral";
            }

            taken.Add(span);
            if (m.Groups["dominant"].Success || DominantBefore().IsMatch(ReportContext.Slice(text, m.Index - 40, m.Index)))
            {
                dominant.Add(span);
            }

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

        // A synoptic "Laterality:" line is the pathologist's own answer: when the report has one, prose mentions only
        // add support to the side it names. When synoptic blocks disagree (a dominant and a second tumour), the
        // dominant tumour's block decides.
        var labelled = mentions.Where(f => f.Confidence >= Labelled).ToList();
        if (labelled.Count > 0)
        {
            if (labelled.Select(f => f.Normalized).Distinct(StringComparer.Ordinal).Count() > 1
                && labelled.Where(f => dominant.Contains(f.Span)).Select(f => f.Normalized).Distinct(StringComparer.Ordinal).ToList() is [var main])
            {
                labelled = [.. labelled.Where(f => f.Normalized == main)];
            }

            var sides = labelled.Select(f => f.Normalized).ToHashSet(StringComparer.Ordinal);
            mentions = [.. labelled, .. mentions.Where(f => f.Confidence < Labelled && f.Confidence > Weak && sides.Contains(f.Normalized))];
        }

        // Prefer mentions tied to the tumour: when any labelled or strongly attached mention exists, weak ones go.
        var best = mentions.Count == 0 ? 0 : mentions.Max(f => f.Confidence);
        // A weak mention still supports the side when it names another organ than every strong one and agrees with
        // them ("right adrenal gland" tied to a tumour, the "KIDNEY, RIGHT, NEPHRECTOMY" heading): the form keeps only
        // the organ that matches the primary site.
        var strongOnes = mentions.Where(f => f.Confidence > Weak).ToList();
        var strongOrgans = strongOnes.Select(f => OrganOf(text[f.Span.Start..f.Span.End]) ?? "").ToHashSet(StringComparer.Ordinal);
        var kept = best > Weak
            ? [.. mentions.Where(f => f.Confidence > Weak
                || (!strongOrgans.Contains(OrganOf(text[f.Span.Start..f.Span.End]) ?? "") && strongOnes.All(s => s.Normalized == f.Normalized)))]
            : mentions;

        // The clinical history restates what the requester wrote ("history: right renal mass"); when it names the
        // side the pathologist's own sections contradict, the pathology (specimen labels, diagnosis) decides.
        var clinical = kept.Where(f => InClinicalSection(text, f.Span.Start)).ToList();
        if (clinical.Count > 0 && clinical.Count < kept.Count)
        {
            var pathologySides = kept.Except(clinical).Where(f => f.Confidence > Weak || best <= Weak).Select(f => f.Normalized).ToHashSet(StringComparer.Ordinal);
            if (pathologySides.Count > 0)
            {
                kept = [.. kept.Where(f => !clinical.Contains(f) || pathologySides.Contains(f.Normalized))];
            }
        }

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
        // OCR may split the word ("Ri ght", "LEF.T"): only its letters count.
        var v = new string([.. raw.Where(char.IsLetter)]).ToLowerInvariant();
        return v switch
        {
            "left" or "lt" or "l" or "g" or "gauche" or "gauches" => "left",
            "right" or "rt" or "r" or "d" or "droit" or "droite" or "droits" or "droites" => "right",
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

        // A lymph node station ("right upper lobe lymph node", "Lymph nodes, left hilar", "sentinel node, left
        // axilla") or a neck dissection is sampled on either side of a one-sided tumour: it says nothing of the
        // primary's side. The part heading that holds the mention is read back to its start.
        var tail = ReportContext.Slice(text, m.Index + m.Length, m.Index + m.Length + 40);
        var head = ReportContext.Slice(text, m.Index - 60, m.Index);
        var headStart = Math.Max(head.LastIndexOfAny(['.', ';', ':', ')']), PartStartIn(head));
        if (NodeAfter().IsMatch(tail) || NodeHeading().IsMatch(head[(headStart + 1)..]) || HandSide().IsMatch(text[m.Index..Math.Min(text.Length, m.Index + m.Length + 12)]))
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

        var clauseStart = ClauseStart(text, span.Start);
        var before = ReportContext.Slice(text, clauseStart, span.Start);
        if (Contralateral().IsMatch(before))
        {
            return null;
        }

        // A benign statement attached to this very mention ("left ovary: benign", "sein gauche sans particularité")
        // rules it out whatever else the sentence says.
        var limit = StatementEnd(text, span.End);
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

        // A tumour named just before ("carcinoma of the left breast") ties the mention to it; "bilateral disease" in a
        // staging line names the tumour itself.
        if (TumourAhead().IsMatch(before) || DiseaseNamed().IsMatch(text[span.Start..span.End]))
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

        // A resected specimen named by its side ("Lung, right, lower lobe: 14 x 11 cm", "labeled 'left kidney'")
        // is what the report is about even when its diagnosis sits in another statement; it only counts when
        // nothing ties a side to the tumour more closely.
        var own = ReportContext.Slice(text, span.Start, Math.Min(limit, span.End + 40));
        return Resection().IsMatch(own) || SpecimenBefore().IsMatch(before) ? Weak : null;
    }

    /// <summary>
    /// Where the statement about a mention ends. Reports flattened to one paragraph keep their structure inline:
    /// the next lettered or numbered part ("B. LYMPH NODE", "3) ", "(C) ", "PART 4:") or, after the mention's own
    /// heading colon, the next "Label:" ("Right lobe: 4.2 cm. Tumor focality: ...") starts another statement.
    /// </summary>
    private static int StatementEnd(string text, int start)
    {
        var limit = ForwardLimit(text, start);
        var window = text[start..limit];
        var end = window.Length;
        string? items = null;
        foreach (Match part in InlinePart().Matches(window))
        {
            var kind = PartKind(part.Value);

            // A heading ("KIDNEY, RIGHT, NEPHRECTOMY -. A. RENAL CELL CARCINOMA. B. ...") owns the items listed
            // right under it; the statement ends at the next part of another kind ("PART 3:").
            if (items is null && HeadingEnd().IsMatch(window[..part.Index]))
            {
                items = kind;
                continue;
            }

            if (kind == items)
            {
                continue;
            }

            end = part.Index;
            break;
        }

        var own = -1;
        foreach (Match colon in LabelColon().Matches(window[..end]))
        {
            // The mention's own heading colon comes before any full stop; any later colon closes a new label, and
            // the statement stops where that label's words begin.
            if (own < 0 && window.LastIndexOf(". ", colon.Index, StringComparison.Ordinal) < 0 && items is null)
            {
                own = colon.Index;
                continue;
            }

            var cut = colon.Index > 0 ? window.LastIndexOfAny(['.', ';'], colon.Index - 1, Math.Min(colon.Index, 40)) : -1;
            end = cut > own ? cut : colon.Index;
            break;
        }

        return start + end;
    }

    /// <summary>True when the nearest section heading before <paramref name="position"/> is a clinical history one.</summary>
    private static bool InClinicalSection(string text, int position)
    {
        var from = Math.Max(0, position - 400);
        Match? last = null;
        for (var m = SectionHeading().Match(text, from, position - from); m.Success; m = m.NextMatch())
        {
            last = m;
        }

        return last is not null && last.Groups["clinical"].Success;
    }

    private static string PartKind(string marker)
    {
        var m = marker.TrimStart(' ', '.', ';', ':', '\t', '\n', '\r', '(');
        return m.StartsWith("PART", StringComparison.Ordinal) ? "part" : m.Length > 0 && char.IsDigit(m[0]) ? "digit" : m.StartsWith('#') ? "hash" : "letter";
    }

    /// <summary>Index in <paramref name="head"/> where its last inline part marker starts, or -1.</summary>
    private static int PartStartIn(string head)
    {
        var last = -1;
        foreach (Match p in InlinePart().Matches(head))
        {
            last = p.Index + p.Length - 1;
        }

        return last;
    }

    /// <summary>
    /// Start of the clause before <paramref name="position"/>, at most 80 characters back. OCR turns line breaks into
    /// full stops ("carcinoma. of middle lobe of lung (right)", "score 7. (3+4), involving"): a stop followed by a
    /// lower-case word or a bracket continues it.
    /// </summary>
    private static int ClauseStart(string text, int position)
    {
        var limit = Math.Max(0, position - 80);
        var start = ClinicalScope.PreWindow(text, position);
        while (start > limit && text[start - 1] == '.')
        {
            var next = start;
            while (next < position && text[next] == ' ')
            {
                next++;
            }

            if (next >= position || !(char.IsLower(text[next]) || text[next] == '('))
            {
                break;
            }

            start = ClinicalScope.PreWindow(text, start - 1);
        }

        return Math.Max(start, limit);
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
        @"breasts?|lungs?|kidneys?|renal|adrenal(?:\s+gland)?|ureters?|ovar(?:y|ies|ian)|adnexa[el]?|fallopian\s+tubes?|tubo-?ovarian|testis|testes|testicles?|testicular|fronto-?\w*|temporo-?\w*|parieto-?\w*|occipito-?\w*|frontal|temporal|parietal|occipital|insular|thalamic|hemispheres?|cerebral|cerebellar|cerebellum|tonsils?|tonsillar|tongue|(?:oral\s+)?pharynx|oropharynx|hypopharynx|parotid(?:\s+gland)?|submandibular(?:\s+gland)?|vocal\s+(?:cords?|folds?)|pyriform\s+sinus|piriform\s+sinus|maxillary\s+sinus|maxilla|mandible|retromolar(?:\s+trigone)?|buccal\s+mucosa|cheek|floor\s+of\s+(?:the\s+)?mouth|(?:supra|sub|infra|trans)?glottic(?:\s+(?:site|region|larynx))?|hemilarynx|hemimandibulectomy|mandibulectomy|maxillectomy|parotidectomy|hemilaryngectomy|thyroid(?:\s+lobe)?|arm|leg|thigh|forearm|shoulder|knee|foot|hand|eye|orbit|ear|hemithorax|pleura|mastectomy|lumpectomy|nephrectomy|nephroureterectomy|lobectomy|pneumonectomy|segmentectomy|orchi(?:d)?ectomy|oophorectomy|salpingo-?oophorectomy|adnexectomy|glossectomy|hemiglossectomy|hemithyroidectomy|(?:upper|middle|lower)\s+lobe|lobes?|base|apex|apical|peripheral\s+zone|transition\s+zone|prostate(?:\s+gland)?|(?<=bilateral\s+)disease";

    private const string ModifierEn =
        @"(?:upper|middle|lower|outer|inner|anterior|posterior|lateral|medial|radical|partial|total|simple|modified|inferior|superior|mid|central|main|deep|peripheral|apical|basal|upper-outer|upper-inner|lower-outer|lower-inner|ventral|dorsal|true|false|mainstem|entire|whole|nipple-sparing|skin-sparing|segmental|wedge|open|laparoscopic|robotic|prostate|prostatic|mid-gland|midgland|para-?median|posterolateral|anterolateral)";

    [GeneratedRegex(
        @"(?<![\p{L}])(?<lat>left|right|bilateral|lt\.?|rt\.?)\)?(?:\s*,)?\s+(?:" + ModifierEn + @"[\s,]+){0,3}(?<organ>" + OrganEn + @")(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnglishBefore();

    [GeneratedRegex(
        @"(?<![\p{L}])(?<organ>breast|lung|kidney|renal\s+(?:mass|tumou?r|lesion)|ovary|adnexa|testis|testicle|tonsil|tongue|parotid|thyroid|lobe|adrenal|ureter|brain|cerebrum|hemisphere)(?:\s+(?:mass|tumou?r|lesion|nodule|specimen|gland))?(?:\s+(?:and|&|with)\s+(?:[\p{L}-]+\s+){0,2}[\p{L}-]+)?\s*(?:[,;(:]|\s-|-\s?|–)\s*(?<lat>left|right|bilateral)(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnglishAfter();

    [GeneratedRegex(
        @"(?<![\p{L}])(?<organ>seins?|poumons?|lobes?|reins?|r[ée]nale?|surr[ée]nales?|uret[èe]res?|ovaires?|annexes?|trompes?|testicules?|h[ée]misph[èe]res?|amygdales?|langue|parotides?|glandes?\s+sous-mandibulaires?|cordes?\s+vocales?|sinus\s+piriformes?|thyro[ïi]de|lobe\s+thyro[ïi]dien|bras|jambes?|cuisses?|[œo]eil|oreilles?|mastectomie|tumorectomie|zonectomie|quadrantectomie|n[ée]phrectomie|n[ée]phro-?ur[ée]t[ée]rectomie|lobectomie|pneumonectomie|segmentectomie|orchidectomie|annexectomie|ovariectomie|glossectomie|h[ée]miglossectomie|joue|mandibulectomie|h[ée]mimandibulectomie|maxillectomie|parotidectomie|h[ée]milaryngectomie|mammaire|pulmonaire|frontale?|temporale?|pari[ée]tale?|occipitale?|base|apex)(?:\s+(?:sup[ée]rieure?|inf[ée]rieure?|moyen(?:ne)?|externe|interne|[ée]largie|partielle|totale|radicale|simple|sup[ée]ro-?externe|sup[ée]ro-?interne|inf[ée]ro-?externe|inf[ée]ro-?interne|post[ée]rieure?|ant[ée]rieure?|lat[ée]rale?|m[ée]diane?|profonde?|du\s+sein|du\s+poumon|du\s+rein|de\s+la\s+prostate)){0,2}\s+(?<lat>gauches?|droite?s?|bilat[ée]ra(?:l|le|ux|les))(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FrenchAfter();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:both\s+(?:the\s+)?)?(?<lat>right|left|droite?|gauche)\s+(?:and|&|et)[.\s]+(?<lat2>left|right|gauche|droite?)\s+(?<organ>lobes?|sides?|breasts?|lungs?|kidneys?|ovaries|adnexa|testes|c[ôo]t[ée]s|lobes|seins|poumons|reins|ovaires|hemispheres|h[ée]misph[èe]res|peripheral\s+zones?)(?![\p{L}])|(?<![\p{L}])(?<organ>lobes|seins|poumons|reins|ovaires|c[ôo]t[ée]s|h[ée]misph[èe]res)\s+(?<lat>droits?|droites?|gauches?)\s+et\s+(?<lat2>gauches?|droits?|droites?)(?![\p{L}])",
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

    // OCR breaks words anywhere ("Lateralit. y", "TUMOR LATERAL ITY", "Ri ght"): the label and the side tolerate a
    // stray space or dot between letters. Generic labels ("Tumor site", "Location", "Dominant tumor") are "loose":
    // their value must be a side, not a sub-site such as "left colon" (checked by the caller).
    private const string SideWord =
        @"l\W?e\W?f\W?t|r\W?i\W?g\W?h\W?t|bilat[ée]ra(?:l|le|ux|les)|gauches?|droite?s?|lt\.?|rt\.?|[LR](?=-(?:upper|lower|middle|sup|inf))|[LR](?![\p{L}\p{N}-])";

    [GeneratedRegex(
        @"(?<![\p{L}])(?:(?:(?:specimen|tumou?r|lesion)\s+)?(?:l\W{0,2}a\W{0,2}t\W{0,2}e\W{0,2}r\W{0,2}a\W{0,2}l\W{0,2}i\W{0,2}t\W{0,2}[ye]|lat[ée]ralit[ée])(?:\s*\([^)\n]{0,20}\))?\s*[:=.-]?|(?<loose>tumou?r\s+(?:site|location)|(?<dominant>dominant\s+tumou?r))\s*(?:[:=.]|-\s)|(?:side(?:\s+of\s+(?:specimen|tumou?r|lesion))?|c[ôo]t[ée])\s*[:=]|(?<loose>site(?:\s+of\s+(?:tumou?r|lesion))?|location|localisation(?:\s+tumorale)?)\s*[:=])\s*(?<lat>" + SideWord + @")(?:(?![\p{L}])|(?=lobe|sided?))(?:[\s-]*(?:lobes?|sides?|sided|breasts?|lungs?|kidneys?|thyroid|seins?|poumons?|reins?))?(?:\s*(?:and|&|/|et|,)\s*(?<lat2>left|right|gauche|droite?)(?![\p{L}]))?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LabelForm();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:(?<clinical>clinical\s+(?:history|information|diagnosis|data|notes?)(?:\s*(?:&|and)\s*history)?|(?:pre-?operative|post-?operative|clinical)\s+diagnosis|indications?|history|renseignements\s+cliniques|contexte\s+clinique)|(?:final\s+)?diagnos[ie]s|specimens?(?:\s+submitted|\s+received)?|gross\s+description|microscopic\s+description|synoptic|conclusion|macroscopie|microscopie)\s*[:.]",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SectionHeading();

    [GeneratedRegex(@"^bilateral\s+disease$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DiseaseNamed();

    [GeneratedRegex(@"\w*ectom\w*|resection|r[ée]section|excision|ex[ée]r[èe]se|biops\w*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Resection();

    [GeneratedRegex(@"(?:specimen|material|mat[ée]riel|pr[ée]l[èe]vement|labell?ed|designated|intitul[ée]e?)\W*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SpecimenBefore();

    [GeneratedRegex(@"[:\-–]\s*\.?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex HeadingEnd();

    [GeneratedRegex(@"(?:^|[.;:]\s+)(?:\(?[A-Z]\)|\(?\d{1,2}\)|[A-Z][.:]|\d{1,2}[.:](?!\d)|PART\s+\d+\s*:|#\d+\.)\s+(?=[\p{L}\x22])", RegexOptions.CultureInvariant)]
    private static partial Regex InlinePart();

    // A colon that ends a label, not one inside a time ("9:00") or a ratio.
    [GeneratedRegex(@"(?<!\d)\s*:(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex LabelColon();

    [GeneratedRegex(@"^[\s,]*(?:(?!(?:and|with|et|avec)\b)\p{L}+[\s,]+)?(?:lymph|nodes?\b|nodal|LNs?\b|sentinel|SLN\b|ganglions?\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NodeAfter();

    [GeneratedRegex(@"lymph|\bnodes?\b|\bnodal\b|sentinel|\bSLN\b|\bneck\b|ganglion|curage", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NodeHeading();

    [GeneratedRegex(@"^(?:left|right)[\s-]+hand(?:ed)?(?:[\s-]+side|\s+dominant)?(?![\p{L}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HandSide();

    [GeneratedRegex(@"dominant\s+tumou?r|tumou?r\s*(?:#|n[o°]\.?)?\s*1\b|tumeur\s+principale", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DominantBefore();

    [GeneratedRegex(@"^[ \t-]*\p{L}", RegexOptions.CultureInvariant)]
    private static partial Regex WordAfter();

    [GeneratedRegex(
        @"^[\s-]*(?:(?:upper|middle|lower|outer|inner|sup[ée]rieur\w*|inf[ée]rieur\w*|moyen\w*|thyroid)[\s-]+){0,2}(?:lobes?|breasts?|lungs?|kidneys?|ovar(?:y|ies)|adnexa|testis|tonsils?|sides?|sided|hemithyroid|thyroid|seins?|poumons?|reins?|ovaires?|amygdales?|c[ôo]t[ée])(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PairedOrganAfter();

    [GeneratedRegex(@"^\s*(?:of\s+(?:the\s+)?liver|du\s+foie|hepatic|h[ée]patique)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LiverAfter();

    [GeneratedRegex(@"liver|hepat|h[ée]pati|foie|caudate|segment\s+[IVX]+\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LiverNear();

    [GeneratedRegex(@"contralat[ée]ral|controlat[ée]ral|opposite", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Contralateral();

    [GeneratedRegex(@"\G(?:[A-Z]|\d{1,2})\s?[.):]\s", RegexOptions.CultureInvariant)]
    private static partial Regex NextPart();

    [GeneratedRegex(
        @"carcinom\w*|ad[ée]nocarcinom\w*|cancer\w*|tumou?r(?!\s+bank)\w*|tumeur\w*|malignan\w*|malin\w*|neoplas\w*|n[ée]oplas\w*|mass\b|masse|glioma|gliome|glioblastom\w*|astrocytom\w*|oligodendrogliom\w*|oligoastrocytom\w*|glial\s+neoplasm|sarcom\w*|melanom\w*|m[ée]lanom\w*|lymphom\w*|mesotheliom\w*|m[ée]soth[ée]liom\w*|seminom\w*|s[ée]minom\w*|blastom\w*|\bCA\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TumourAhead();

    [GeneratedRegex(
        @"\bbenign\b|\bb[ée]nin\w*|unremarkable|no\s+(?:tumou?r|malignan\w*|carcinoma|neoplas\w*|evidence|residual|specific\s+patholog\w*|pathologic\w*\s+(?:change|abnormalit)\w*|significant\s+patholog\w*)|negative[\s.]+for[\s.]+(?:tumou?r|malignan\w*|carcinoma|neoplas\w*|metasta\w*|dysplasia)|free\s+of\s+(?:tumou?r|carcinoma|malignan\w*)|uninvolved|not\s+involved|sans\s+particularit|indemne|pas\s+de\s+(?:tumeur|l[ée]sion|carcinome|malignit)|absence\s+de\s+(?:tumeur|l[ée]sion|carcinome|malignit)|within\s+normal\s+limits|normal\s+(?:tissue|parenchyma|ovary|kidney|breast|lung)|teratoma|cystadenoma|angiomyolipoma|oncocytoma|(?:nodular\s+)?hyperplasia|goit(?:er|re)|thyroiditis|fibroadenoma|adenoma\b|leiomyoma|endometrio(?:sis|ma)|\bnormal\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BenignAhead();
}
