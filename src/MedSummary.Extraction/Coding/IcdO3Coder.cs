using System.Collections.Frozen;
using System.Text.RegularExpressions;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;
using MedSummary.Extraction.Form;
using MedSummary.Extraction.Grounding.Text;
using MedSummary.Extraction.Rules;

namespace MedSummary.Extraction.Coding;

/// <summary>
/// ICD-O-3 codes of the primary site and the histologic type, by rules, from a document's findings and its words:
/// a code written in the report ("CIM-O-3 : C50.4", "ICD-O morphology 8500/3") first; otherwise the code of the primary
/// site the rules read, made finer by a sub-site the report names ("upper outer quadrant", "lobe inférieur"), and the
/// code of the histologic type, made finer by a qualifier written next to it ("adenocarcinoma, mixed subtypes",
/// "papillary carcinoma, follicular variant") or by the site ("papillary carcinoma" of the thyroid).
/// </summary>
/// <remarks>
/// Every code is cited to the words it came from, so the reader checks it like any other value; it inherits the
/// qualification of those words (a site or type the rules did not affirm is never coded). A sub-site counts only when
/// the document names one sub-site of the organ: "upper lobe" and "lower lobe" in one report leave the organ's code.
/// The grade digit of a morphology code is not added: the grade is its own field.
/// </remarks>
public static partial class IcdO3Coder
{
    private const double SubSitePenalty = 0.06;
    private const int QualifierReach = 45;

    public static IReadOnlyList<Finding> Code(SourceDocument document, IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(findings);
        var vocabulary = IcdO3Vocabulary.Instance;
        var text = document.Text;
        var result = new List<Finding>();
        Written(document, result);

        var sites = FinerInHeading(text, [.. findings.Where(f => f.FieldKey == ContractFields.PrimarySite)]);
        var histologies = findings.Where(f => f.FieldKey == ContractFields.Histology).ToList();
        if (histologies.Count > 0 && SpecimenOrgan(text, document.Id) is { } specimen)
        {
            var siteVocabulary = SiteVocabulary.Instance;
            bool OfSpecimen(Finding s) => siteVocabulary.IsSameOrBroader(s.Normalized, specimen.Normalized)
                || siteVocabulary.IsSameOrBroader(specimen.Normalized, s.Normalized);
            if (sites.Count == 0)
            {
                sites = [specimen];
            }
            else if (sites.Any(OfSpecimen) && !sites.All(OfSpecimen))
            {
                // A second organ in the specimen (the prostate of a cystoprostatectomy) holds an incidental tumour:
                // the operation names the organ whose tumour the report is about, and the types read nearest the
                // other organ are that other tumour's.
                var other = sites.Where(s => !OfSpecimen(s)).ToList();
                sites = [.. sites.Where(OfSpecimen)];
                histologies = [.. histologies.Where(h => !other.Contains(Nearest(h, [.. sites, .. other])))];
            }
        }

        var primary = PrimaryOrgan(text, sites, histologies);
        if (primary.Count < sites.Count)
        {
            // The types read nearest the organs left out are those organs' tumours (an incidental prostate
            // adenocarcinoma in a cystoprostatectomy), unless the primary's own passage names the same type.
            var ownTypes = histologies.Where(h => primary.Contains(Nearest(h, sites))).Select(h => h.Normalized).ToHashSet(StringComparer.Ordinal);
            histologies = [.. histologies.Where(h => primary.Contains(Nearest(h, sites)) || ownTypes.Contains(h.Normalized))];
        }

        sites = primary;
        foreach (var site in sites)
        {
            if (vocabulary.SiteCode(site.Normalized) is { } row)
            {
                result.Add(new Finding(ExtensionFields.IcdO3Topography, site.Value, row.Code, document.Id, site.Span, site.Confidence));
            }
        }

        var siteTerms = SiteVocabulary.Instance;
        foreach (var group in sites.GroupBy(s => s.Normalized, StringComparer.Ordinal))
        {
            if (sites.Any(s => s.Normalized != group.Key && siteTerms.IsSameOrBroader(group.Key, s.Normalized)))
            {
                // The report names the organ's part itself ("cervix" beside "uterus"): the parts of the broader organ
                // found elsewhere in the text (its "endometrium" in a gross description) are not where the tumour is.
                continue;
            }

            var mentions = new List<(TopographyCode Row, Match Match)>();
            foreach (var row in vocabulary.SubSites(group.Key))
            {
                foreach (Match m in row.Pattern!.Matches(text))
                {
                    if (ClinicalScope.IsAffirmed(text, new TextSpan(m.Index, m.Index + m.Length)) && !IsLandmarkOrProcedure(text, m))
                    {
                        mentions.Add((row, m));
                    }
                }
            }

            if (mentions.Select(x => x.Row.Code).Distinct(StringComparer.Ordinal).Count() != 1)
            {
                continue;
            }

            var (sub, match) = mentions.OrderBy(x => x.Match.Index).First();
            var confidence = group.Max(s => s.Confidence) - SubSitePenalty;
            result.Add(new Finding(ExtensionFields.IcdO3Topography, match.Value, sub.Code, document.Id,
                new TextSpan(match.Index, match.Index + match.Length), confidence) { Note = "sub-site of " + group.Key });
        }

        // The grade belongs to the tumour, not to one mention: a serous carcinoma graded high in one line is graded high
        // in the checklist line that names it again without its grade.
        var serousHigh = histologies.Where(h => h.Normalized == HighGradeSerousTerm).Select(h => (TextSpan?)h.Span).FirstOrDefault()
            ?? histologies.Where(h => RowsOf(h.Normalized).Any(r => r.Code == LowGradeSerous))
                .Select(h => GradedHigh(text, h.Span)).FirstOrDefault(s => s is not null);
        foreach (var histology in histologies)
        {
            if (Morphology(text, histology, SitesOf(histology, sites), serousHigh is not null) is { } coded && !NotCodedAlone.Contains(coded.Row.Code))
            {
                result.Add(new Finding(ExtensionFields.IcdO3Morphology, text[coded.Span.Start..coded.Span.End], coded.Row.Code,
                    document.Id, coded.Span, histology.Confidence));
            }
        }

        return result;
    }

    /// <summary>
    /// The organ of the specimen: a pathology report about one resection ("Specimen type: Gastrectomy ... Histologic
    /// type: Adenocarcinoma", "left upper lobectomy ... squamous cell carcinoma", "STOMACH TISSUE CHECKLIST") names its
    /// organ through the operation rather than next to the tumour. Every such operation in the document must name the
    /// same organ; two organs, or none, give nothing.
    /// </summary>
    private static Finding? SpecimenOrgan(string text, string documentId)
    {
        var cues = new List<Finding>();
        foreach (Match m in Specimen().Matches(text))
        {
            var span = new TextSpan(m.Index, m.Index + m.Length);
            var site = m.Groups["lobe"].Success ? "lung" : m.Groups["cervix"].Success ? "cervix"
                : m.Groups["organ"].Success ? SiteVocabulary.Instance.Find(m.Groups["organ"].Value.ToLowerInvariant())?.Normalized
                : m.Groups["biopsied"].Success ? BiopsiedOrgan(m.Groups["biopsied"].Value)
                : PrimarySiteExtractor.ProcedureSite(TextFolding.FoldSameLength(m.Value));
            if (site is null || !ClinicalScope.IsAffirmed(text, span))
            {
                continue;
            }

            cues.Add(new Finding(ContractFields.PrimarySite, m.Value, site, documentId, span, RuleConfidence.Implied) { Note = "organ of the specimen" });
        }

        return cues.Select(c => c.Normalized).Distinct(StringComparer.Ordinal).Count() == 1 ? cues[0] : null;
    }

    /// <summary>
    /// The organ a biopsy is named after ("prostate biopsies", "biopsies prostatiques", "biopsy of the breast",
    /// "microbiopsies mammaires"), a plural adjective read as its singular. Only organs whose biopsied carcinoma is the
    /// primary tumour as a rule count: a liver, bone, lung or node biopsy often samples a metastasis, so its organ is
    /// no specimen organ; and "colonic biopsies" is said of any endoscopic colorectal biopsy, the rectum's included.
    /// Null otherwise.
    /// </summary>
    private static string? BiopsiedOrgan(string word)
    {
        var sites = SiteVocabulary.Instance;
        foreach (var form in (ReadOnlySpan<string>)[word, word.EndsWith('s') ? word[..^1] : word])
        {
            var m = sites.Combined.Match(form);
            if (m.Success && m.Index == 0 && m.Length == form.Length)
            {
                var organ = sites.EntryOf(m).Normalized;
                return PrimaryWhenBiopsied.Contains(organ) ? organ : null;
            }
        }

        return null;
    }

    private static readonly FrozenSet<string> PrimaryWhenBiopsied = FrozenSet.ToFrozenSet(
    [
        "prostate", "breast", "stomach", "esophagus", "bladder", "endometrium", "uterus", "cervix",
    ], StringComparer.Ordinal);

    /// <summary>
    /// The organ the carcinoma is diagnosed in, when the rules read sites of several ICD-O-3 categories (a hysterectomy
    /// with adnexa, a gastrectomy with oesophagus, an appendix removed with the ovaries): a pathologist codes the organ
    /// named in the same diagnosis line as a type that is not called metastatic, or named as the primary. An organ named
    /// only beside "metastatic", a margin, a lymph node or a denial gets no vote. One organ must lead; a tie leaves every
    /// site, so the form still shows the conflict rather than a guess.
    /// </summary>
    private static List<Finding> PrimaryOrgan(string text, List<Finding> sites, List<Finding> histologies)
    {
        var vocabulary = IcdO3Vocabulary.Instance;
        var coded = sites.Where(s => vocabulary.SiteCode(s.Normalized) is not null).ToList();
        var codes = coded.Select(s => vocabulary.SiteCode(s.Normalized)!.Code).Distinct(StringComparer.Ordinal).ToList();
        if (codes.All(a => codes.All(b => FieldRelations.AreCompatible(ExtensionFields.IcdO3Topography, a, b))))
        {
            return sites;
        }

        var votes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var site in coded)
        {
            var line = LineOf(text, site.Span);
            var near = ReportContext.Slice(text, Math.Max(line.Start, site.Span.Start - 40), Math.Min(line.End, site.Span.End + 40));
            if (NotPrimary().IsMatch(near))
            {
                continue;
            }

            var vote = PrimaryWord().IsMatch(near) ? 3 : 0;
            if (Specimen().IsMatch(text[line.Start..line.End]))
            {
                vote += 2;
            }

            if (histologies.Any(h => h.Span.Start >= line.Start && h.Span.End <= line.End
                && !Metastatic().IsMatch(ReportContext.Slice(text, Math.Max(line.Start, h.Span.Start - 40), h.Span.End))))
            {
                vote += 2;
            }

            var group = vocabulary.SiteCode(site.Normalized)!.Code[..3];
            votes[group] = votes.GetValueOrDefault(group) + vote;
        }

        var ranked = votes.OrderByDescending(v => v.Value).ToList();
        if (ranked.Count == 0 || ranked[0].Value == 0 || (ranked.Count > 1 && ranked[1].Value == ranked[0].Value))
        {
            return sites;
        }

        var primary = ranked[0].Key;
        return [.. sites.Where(s => vocabulary.SiteCode(s.Normalized) is not { } row || row.Code.StartsWith(primary, StringComparison.Ordinal))];
    }

    /// <summary>
    /// A biopsy heading names the organ, then its part: "UTERUS, CERVIX, BIOPSY" is a cervix, coded C53 rather than
    /// the uterus's C55. Only a finer site of the same organ written right after the comma counts, and only on a biopsy's
    /// line: a resection heading lists every part removed ("Uterus, cervix, tubes and ovaries, hysterectomy").
    /// </summary>
    private static List<Finding> FinerInHeading(string text, List<Finding> sites)
    {
        var vocabulary = SiteVocabulary.Instance;
        return [.. sites.Select(site =>
        {
            var organ = vocabulary.Combined.Match(text, site.Span.Start, site.Span.Length);
            var organEnd = organ.Success && organ.Index == site.Span.Start ? organ.Index + organ.Length : site.Span.End;
            var comma = HeadingComma().Match(text, organEnd);
            if (!comma.Success || comma.Index != organEnd)
            {
                return site;
            }

            var line = LineOf(text, site.Span);
            if (!Biopsy().IsMatch(text[line.Start..line.End]))
            {
                return site;
            }

            var at = comma.Index + comma.Length;
            var next = vocabulary.Combined.Match(text, at, Math.Min(40, text.Length - at));
            if (!next.Success || next.Index != at)
            {
                return site;
            }

            var finer = vocabulary.EntryOf(next).Normalized;
            if (finer == site.Normalized || !vocabulary.IsSameOrBroader(site.Normalized, finer))
            {
                return site;
            }

            var span = new TextSpan(site.Span.Start, Math.Max(site.Span.End, next.Index + next.Length));
            return new Finding(site.FieldKey, text[span.Start..span.End], finer, site.DocumentId, span, site.Confidence)
            {
                Note = "part of " + site.Normalized + " named in the heading",
            };
        })];
    }

    private static TextSpan LineOf(string text, TextSpan span)
    {
        var start = span.Start == 0 ? 0 : text.LastIndexOf('\n', span.Start - 1) + 1;
        var end = text.IndexOf('\n', span.End);
        return new TextSpan(start, end < 0 ? text.Length : end);
    }

    /// <summary>
    /// A part of the organ named as a landmark or in the operation is not where the tumour is: "3 cm from the nipple",
    /// "à 2 cm du mamelon", "incision including the nipple-areola complex", "emportant la plaque aréolo-mamelonnaire",
    /// "nipple-sparing mastectomy", "nipple retraction".
    /// </summary>
    private static bool IsLandmarkOrProcedure(string text, Match mention) =>
        LandmarkBefore().IsMatch(ReportContext.Slice(text, mention.Index - 40, mention.Index))
        || LandmarkAfter().IsMatch(ReportContext.Slice(text, mention.Index + mention.Length, mention.Index + mention.Length + 25));

    [GeneratedRegex(@"(?:\d(?:[.,]\d+)?\s*(?:mm|cm)\s+(?:away\s+)?(?:from|of)\s+(?:the\s+)?|[àa]\s+\d(?:[.,]\d+)?\s*(?:mm|cm)\s+(?:du|de\s+la|de\s+l['’]\s?|des)\s*|(?:including|sparing|preserving|removing|emportant|conservant|respectant|conservation\s+de)\s+(?:the\s+|la\s+|le\s+|l['’]\s?|les\s+)?(?:plaque\s+)?|(?:retraction|discharge|inversion|r[ée]traction|[ée]coulement|ombilication)\s+(?:of\s+the|du|des|de\s+la)\s+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LandmarkBefore();

    [GeneratedRegex(@"^(?:[\s-]*(?:areolar?\s+)?complex|[\s-]*sparing|\s+(?:retraction|discharge|inversion|r[ée]traction|[ée]coulement|ombiliqu\w*))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LandmarkAfter();

    private static Finding Nearest(Finding histology, List<Finding> sites) =>
        sites.MinBy(s => Math.Abs(s.Span.Start - histology.Span.Start))!;

    /// <summary>
    /// "Carcinoma, NOS", "sarcoma, NOS", "lymphoma, NOS": a report that names a tumour only this way usually names its
    /// type elsewhere in words the tables do not hold (a case report's "carcinome à cellules d'avoine"), and a registry
    /// refines such a code by hand anyway. These are left to the reader rather than coded; the histology field still
    /// shows the word.
    /// </summary>
    private static readonly HashSet<string> NotCodedAlone = new(StringComparer.Ordinal) { "8010/3", "8800/3", "9590/3", "8000/3" };

    /// <summary>
    /// The sites a site-specific code may use for one type: those named near it (same passage), else the document's
    /// site when it names only one organ, so a thyroid mentioned in passing does not make a renal "carcinome médullaire" thyroid.
    /// </summary>
    private static List<string> SitesOf(Finding histology, List<Finding> sites)
    {
        const int Near = 200;
        var near = sites.Where(s => Math.Abs(s.Span.Start - histology.Span.Start) <= Near).Select(s => s.Normalized).Distinct(StringComparer.Ordinal).ToList();
        if (near.Count > 0)
        {
            return near;
        }

        var all = sites.Select(s => s.Normalized).Distinct(StringComparer.Ordinal).ToList();
        var vocabulary = SiteVocabulary.Instance;
        return all.All(a => all.All(b => vocabulary.IsSameOrBroader(a, b) || vocabulary.IsSameOrBroader(b, a))) ? all : [];
    }

    /// <summary>The morphology row for one histology finding, and the words it is read from.</summary>
    private static (MorphologyCode Row, TextSpan Span)? Morphology(string text, Finding histology, List<string> sites, bool serousGradedHigh)
    {
        var vocabulary = IcdO3Vocabulary.Instance;
        var rows = RowsOf(histology.Normalized);
        if (rows.Count == 0)
        {
            return null;
        }

        bool AtSite(MorphologyCode r) => r.Site is null || sites.Any(s => SiteVocabulary.Instance.IsSameOrBroader(r.Site, s));

        // The qualifier nearest the type wins ("adenocarcinoma, mixed subtypes: acinar and papillary" is 8255).
        (MorphologyCode Row, TextSpan Span, int Distance)? best = null;
        foreach (var row in rows.Where(r => r.Pattern is not null && AtSite(r)))
        {
            foreach (var q in Qualifiers(text, histology.Span, row.Pattern!))
            {
                var distance = q.End <= histology.Span.Start ? histology.Span.Start - q.End
                    : q.Start >= histology.Span.End ? q.Start - histology.Span.End : 0;
                if (best is null || distance < best.Value.Distance)
                {
                    var span = new TextSpan(Math.Min(q.Start, histology.Span.Start), Math.Max(q.End, histology.Span.End));
                    best = (row, span, distance);
                }
            }
        }

        var plain = rows.FirstOrDefault(r => r.Pattern is null && r.Site is not null && AtSite(r))
            ?? rows.FirstOrDefault(r => r.Pattern is null && r.Site is null);
        if (best is { } b && !IsListOfSubtypes(text, b.Span, histology.Span, rows.Where(r => r.Pattern is not null && AtSite(r) && r.Code != b.Row.Code)))
        {
            if (b.Row.Code == LowGradeSerous && serousGradedHigh
                && RowsOf(HighGradeSerousTerm).FirstOrDefault(r => r.Pattern is null) is { } nos)
            {
                // WHO 2014 gives 8460/3 to low-grade serous carcinoma: a "papillary serous" carcinoma graded high is not
                // that; the serous NOS code, true under both editions, is cited to the type and, when it is written
                // there, its grade.
                var high = GradedHigh(text, histology.Span) ?? b.Span;
                return (nos, new TextSpan(Math.Min(b.Span.Start, high.Start), Math.Max(b.Span.End, high.End)));
            }

            return WithBehaviour(text, b.Row, b.Span, histology.Span);
        }

        return plain is null ? null : WithBehaviour(text, plain, histology.Span, histology.Span);
    }

    private const string LowGradeSerous = "8460/3";
    private const string HighGradeSerousTerm = "high-grade serous carcinoma";

    /// <summary>
    /// A high grade written in the type's own phrase ("high grade papillary serous carcinoma", "papillary serous
    /// adenocarcinoma, grade 3 of 3", "carcinome séreux papillaire de haut grade"), by the same reach and breaks as a
    /// qualifier; a grade 2 is left alone (the two-tier grading does not say where it falls).
    /// </summary>
    private static TextSpan? GradedHigh(string text, TextSpan mention) =>
        Qualifiers(text, mention, HighGrade()).Cast<TextSpan?>().FirstOrDefault();

    /// <summary>
    /// A qualifier followed by a second one of another code, joined only by a comma or "and" ("adénocarcinome
    /// (solide, acinaire, lépidique)"), lists the patterns of a heterogeneous tumour rather than naming its type:
    /// the term's own code is true of every item of the list, the first item's code is not.
    /// </summary>
    private static bool IsListOfSubtypes(string text, TextSpan chosen, TextSpan mention, IEnumerable<MorphologyCode> others)
    {
        var after = Math.Max(chosen.End, mention.End);
        var list = ListLink().Match(text, after);
        if (!list.Success || list.Index != after)
        {
            return false;
        }

        var next = list.Index + list.Length;
        return others.Any(r => r.Pattern!.Match(text, next, Math.Min(60, text.Length - next)) is { Success: true } m && m.Index == next);
    }

    /// <summary>
    /// "Carcinome urothélial non invasif", "non-invasive papillary urothelial carcinoma": the words say the tumour has
    /// not invaded, so the malignant (/3) code would be wrong; the in situ (/2) code of the same type is used when the
    /// tables hold it, otherwise nothing.
    /// </summary>
    private static (MorphologyCode Row, TextSpan Span)? WithBehaviour(string text, MorphologyCode row, TextSpan span, TextSpan mention)
    {
        if (!row.Code.EndsWith("/3", StringComparison.Ordinal))
        {
            return (row, span);
        }

        var from = Math.Max(0, mention.Start - 25);
        var pre = NonInvasiveBefore().Match(text[from..mention.End]);
        var post = NonInvasiveAfter().Match(ReportContext.Slice(text, span.End, span.End + 30));
        if (!pre.Success && !post.Success)
        {
            return (row, span);
        }

        var code = row.Code[..5] + "2";
        if (IcdO3Vocabulary.Instance.Morphology.FirstOrDefault(r => r.Code == code) is not { } inSitu)
        {
            return null;
        }

        var start = pre.Success ? Math.Min(from + pre.Index, span.Start) : span.Start;
        var end = post.Success ? span.End + post.Index + post.Length : span.End;
        return (inSitu, new TextSpan(start, end));
    }

    /// <summary>The rows of a histology term, or of its nearest broader term that has rows: a broader code is still true.</summary>
    private static List<MorphologyCode> RowsOf(string histology)
    {
        var h = HistologyVocabulary.Instance;
        var term = histology;
        for (var depth = 0; term is not null && depth < 10; depth++)
        {
            var t = term;
            var rows = IcdO3Vocabulary.Instance.Morphology.Where(r => r.Histology == t).ToList();
            if (rows.Count > 0)
            {
                return rows;
            }

            term = h.Find(t)?.Parent;
        }

        return [];
    }

    /// <summary>
    /// Qualifier words in the type's own phrase: inside the mention, or a few words before or after it, not across a
    /// sentence, and not in a neighbouring lesion ("adenocarcinoma arising in a tubular adenoma" is not tubular).
    /// </summary>
    private static IEnumerable<TextSpan> Qualifiers(string text, TextSpan mention, Regex pattern)
    {
        var start = Math.Max(0, mention.Start - QualifierReach);
        var end = Math.Min(text.Length, mention.End + QualifierReach);
        foreach (Match m in pattern.Matches(text[..end], start))
        {
            var span = new TextSpan(m.Index, m.Index + m.Length);
            var gap = span.End <= mention.Start ? text[span.End..mention.Start]
                : span.Start >= mention.End ? text[mention.End..span.Start]
                : string.Empty;
            if (Break().IsMatch(gap) || IsComponent(text, span) || !ClinicalScope.IsAffirmed(text, span, ScopeKind.Negated))
            {
                continue;
            }

            yield return span;
        }
    }

    /// <summary>
    /// A qualifier that names a part of the tumour ("with mucinous features", "papillary component", "composante
    /// mucineuse", "foyers de cellules claires") describes a component, not the type the whole tumour is coded by.
    /// </summary>
    private static bool IsComponent(string text, TextSpan qualifier) =>
        ComponentAfter().Match(text, qualifier.End) is { Success: true } after && after.Index == qualifier.End
        || ComponentBefore().IsMatch(ReportContext.Slice(text, qualifier.Start - 30, qualifier.Start));

    private static void Written(SourceDocument document, List<Finding> result)
    {
        var text = document.Text;
        foreach (Match m in WrittenCode().Matches(text))
        {
            var code = m.Groups["code"];
            var value = code.Value.ToUpperInvariant();
            var key = IcdO3Vocabulary.IsTopographyCode(value) ? ExtensionFields.IcdO3Topography
                : IcdO3Vocabulary.IsMorphologyCode(value) ? ExtensionFields.IcdO3Morphology
                : null;
            var span = new TextSpan(code.Index, code.Index + code.Length);
            if (key is null || Example().IsMatch(ReportContext.Slice(text, span.Start - 20, span.Start)) || !ClinicalScope.IsAffirmed(text, span))
            {
                continue;
            }

            result.Add(new Finding(key, code.Value, value, document.Id, span, RuleConfidence.Explicit)
            {
                Note = "code written in the document",
            });
        }
    }

    // A new sentence starts with a capital; cleaned OCR puts a point at every line end ("Adenocarcinoma,. intestinal type").
    [GeneratedRegex(@"(?-i:[.;]\s+(?=\p{Lu}))|\n\s*\n|(?<![\p{L}])(?:arising|adenoma|ad[ée]nome|polyp\w*|n[ée]oplasie|background|adjacent|associated|associ[ée]e?|sur|within|dans)(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Break();

    // A high grade, in the words of a serous carcinoma's grading: "high grade", "grade 3 (of 3)", "FIGO grade: III",
    // "poorly differentiated", "haut grade", "peu différencié".
    [GeneratedRegex(@"(?<![\p{L}])(?:high[-\s\u00B7]?grade|haut\s+grade|poorly[-\s]+differentiated|peu\s+diff[ée]renci[ée]e?s?|(?:FIGO\s+|nuclear\s+|nucl[ée]aire\s+)?grade\s*:?\s*(?:3|III)(?![\d\p{L}]))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HighGrade();

    // Words that make a qualifier a part of the tumour rather than its type.
    [GeneratedRegex(@"\G[\s,]*(?:features?|components?|areas?|foci|focus|elements?|contingent)(?![\p{L}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ComponentAfter();

    [GeneratedRegex(@"(?<![\p{L}])(?:composantes?|contingents?|zones?|foyers?|areas?\s+of|foci\s+of|component\s+of|with\s+focal)\s+(?:(?:de|d['’]|du|des)\s*)?(?:\p{L}+\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ComponentBefore();

    // What joins the items of a list of patterns: a comma, a slash, "and", "et".
    [GeneratedRegex(@"\s*(?:,|/|;)?\s*(?:(?:and|et|or|ou)\s+)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListLink();

    // "non-invasive urothelial carcinoma", "carcinome urothélial non invasif", "non infiltrant".
    [GeneratedRegex(@"(?<![\p{L}])(?:non[-\s]?invasive|noninvasive|non[-\s]?infiltrating)\s+(?:[\p{L}-]+\s+){0,3}[\p{L}-]+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NonInvasiveBefore();

    [GeneratedRegex(@"^[\s,]*(?:\(?\s*)?(?:non[-\s]?invasi(?:f|ve)|non[-\s]?infiltrant|non[-\s]?infiltrating)(?![\p{L}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NonInvasiveAfter();

    // Words that make an organ's mention a place the tumour reached or spared, not where it started.
    [GeneratedRegex(@"(?<![\p{L}])(?:metasta\w*|m[ée]tasta\w*|secondary|secondaire|margins?|marges?|lymph|nodes?|ganglion\w*|negative|n[ée]gati\w*|uninvolved|intra-?epithelial|intra-?[ée]pith[ée]lial|in\s+situ|concurrent|incidental\w*|second\s+primary|free\s+of|benign|b[ée]nin\w*|no\s+(?:tumou?r|carcinoma|malignancy)|sans\s+(?:tumeur|l[ée]sion))(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotPrimary();

    [GeneratedRegex(@"(?<![\p{L}])(?:primary|primaire|primitif|primitive|origin|origine)(?![\p{L}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PrimaryWord();

    [GeneratedRegex(@"metasta|m[ée]tasta|secondary|secondaire", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex Metastatic();

    [GeneratedRegex(@"(?<![\p{L}])(?:biops(?:y|ies)|biopsies?)(?![\p{L}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Biopsy();

    [GeneratedRegex(@"\G[ \t]*,[ \t]*")]
    private static partial Regex HeadingComma();

    // Resections named after their organ, lung lobectomies, a synoptic checklist titled by its organ, and biopsies named
    // after their organ ("prostate needle biopsies", "biopsies prostatiques", "biopsy of the breast").
    [GeneratedRegex(@"(?<![\p{L}])(?:(?<lobe>(?:upper|middle|lower)\s+lob(?:e|ectomy)|lob(?:e|ectomie)\s+(?:sup[ée]rieur|moyen|inf[ée]rieur)e?|(?-i:[RL][UML]L))|(?<cervix>(?:endo)?cervi(?:x|cal)\s+biops(?:y|ies)|biopsies?\s+(?:du\s+col|(?:endo)?cervicales?))|(?<organ>stomach|colon|lung|breast|prostate|kidney|thyroid|bladder|pancreas|liver|uterus|endometrium|ovary|rectum)\s+(?:tissue\s+|cancer\s+|tumou?r\s+)?checklist|resected\s+(?<organ>colon|stomach|rectum|kidney|lung|pancreas|liver)|\p{L}*(?:ectom(?:y|ies|ie)|whipple)|(?<biopsied>\p{L}+)\s+(?:core\s+|needle\s+|tru-?cut\s+)?(?:micro-?)?biops(?:y|ies)|(?:micro-?)?biops(?:y|ies|ie)\s+(?:of\s+the\s+|de\s+la\s+|du\s+|des\s+)?(?<biopsied>\p{L}+))(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Specimen();

    // A form's own example ("Code (e.g. C50.9):") is not the patient's code.
    [GeneratedRegex(@"(?:e\.\s?g\.|ex\.|exemple|example|such\s+as|par\s+ex\w*)\s*:?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Example();

    // A code counts only after a coding label on the same line: "C50.4" alone could be a vertebra or a reference.
    [GeneratedRegex(@"(?<=(?:ICD-?O(?:-?3(?:\.\d)?)?|CIM-?O(?:-?3(?:\.\d)?)?|topograph\w*|morpholog\w*|code)[^\n]{0,40}?)(?<![\w./])(?<code>C[0-8]\d\.\d|[89]\d{3}/[0-3])(?![\w/])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WrittenCode();
}
