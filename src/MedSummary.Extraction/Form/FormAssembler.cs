using System.Collections.Frozen;
using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Gold;
using MedSummary.Extraction.Coding;
using MedSummary.Extraction.Identity;
using MedSummary.Extraction.Rules;

namespace MedSummary.Extraction.Form;

/// <summary>
/// Turns the findings of a dossier (many documents) into form fields: every requested key is present; one value
/// found in several places is "found" with citations of those places; values that contradict each other are a
/// "conflict" with each candidate and its citations.
/// </summary>
/// <remarks>
/// Rules, per field:
/// <list type="number">
/// <item>Dossier-level reconciliation first: HER2 equivocal statuses give way to an ISH result
/// (<see cref="Her2Resolver"/>); in situ histologies give way to an invasive one.</item>
/// <item>Performance status (ECOG, Karnofsky): the most recent document that states one decides (see <c>LatestStatement</c>).</item>
/// <item>Values related by <see cref="FieldRelations"/> agree: "T2" and "T2a" both support "T2a", the most specific.
/// Two values that cannot both hold (T2a and T2b, ER positive and negative) are a conflict.</item>
/// <item>Legitimate differences never reach here as conflicts: clinical and pathologic categories are different keys,
/// a biopsy "ER 90%" and a resection "ER 95%" share the status "positive" (percentages are an extension key).</item>
/// <item>Date of diagnosis: dates stated as the diagnosis date decide (conflict if they contradict each other);
/// without one, the earliest diagnostic sampling date wins (later ones are usually the resection after a biopsy),
/// with a lower confidence when several distinct dates were seen.</item>
/// </list>
/// Confidence of a found value: the best supporting finding's confidence, plus 0.04 for each further document that
/// supports it and 0.01 for each further mention, capped at 0.99; minus 0.1 when the earliest of several distinct
/// diagnostic dates was chosen. A conflict has confidence 0 (no value is asserted); each candidate carries the
/// confidence its own support would have. Citations: at most <see cref="RuleExtractionOptions.MaxCitationsPerField"/>
/// per value, taken round-robin across documents (best finding of each document first) so that agreement between
/// reports is visible.
/// </remarks>
public sealed class FormAssembler
{
    private const double DocumentBonus = 0.04;
    private const double MentionBonus = 0.01;
    private const double EarliestDatePenalty = 0.1;

    // Years between ages that still read as one patient's age along the follow-up.
    private const int AgeDrift = 2;

    private readonly int _maxCitations;

    public FormAssembler(RuleExtractionOptions? options = null)
    {
        var o = options ?? new RuleExtractionOptions();
        RuleExtractionOptions.ThrowIfInvalid(o);
        _maxCitations = o.MaxCitationsPerField;
    }

    public FormResult Assemble(IEnumerable<Finding> findings, IEnumerable<SourceDocument> documents, IReadOnlyList<string> fieldKeys)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(fieldKeys);

        var docs = new Dictionary<string, SourceDocument>(StringComparer.Ordinal);
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in documents)
        {
            if (docs.TryAdd(d.Id, d))
            {
                order[d.Id] = order.Count;
            }
        }

        var reconciled = Reconcile(findings, docs);
        foreach (var f in reconciled)
        {
            if (!docs.ContainsKey(f.DocumentId))
            {
                throw new ArgumentException($"A finding for '{f.FieldKey}' points to a document that was not given.", nameof(documents));
            }
        }

        var byKey = reconciled.GroupBy(f => f.FieldKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var fields = new Dictionary<string, FieldResult>(StringComparer.Ordinal);
        foreach (var key in fieldKeys)
        {
            if (fields.ContainsKey(key))
            {
                continue;
            }

            fields[key] = !byKey.TryGetValue(key, out var list) || list.Count == 0 ? FieldResult.NotFound()
                : key == ExtensionFields.MetastaticSites ? AssembleSet(key, list, docs, order)
                : key == ExtensionFields.AgeAtDiagnosis && LaterAges(list, byKey, docs, order) is { } later ? later
                : AssembleField(key, list, docs, order);
        }

        return new FormResult { Fields = fields };
    }

    /// <summary>
    /// Dossier-level rules applied before grouping: HER2 by ISH; invasive over in situ histology; and, when the
    /// documents are given, laterality kept only for organs compatible with the primary sites found (the right ovary
    /// named in a hysterectomy for endometrial carcinoma says nothing about the tumour's side).
    /// </summary>
    public static IReadOnlyList<Finding> Reconcile(IEnumerable<Finding> findings, IReadOnlyDictionary<string, SourceDocument>? documents = null)
    {
        IReadOnlyList<Finding> list = Her2Resolver.Resolve(findings);
        var invasive = list.Any(f => f.FieldKey == ContractFields.Histology && !IsInSitu(f.Normalized));
        if (invasive)
        {
            list = [.. list.Where(f => !(f.FieldKey == ContractFields.Histology && IsInSitu(f.Normalized)))];
        }

        return documents is null ? list : LatestStatement(LateralityAtPrimarySite(list, documents), documents);
    }

    /// <summary>Fields that change over the course of the disease: the most recent document that states one decides.</summary>
    private static readonly FrozenSet<string> TimeVarying = FrozenSet.ToFrozenSet([GoldFields.Ecog, ExtensionFields.Karnofsky], StringComparer.Ordinal);

    /// <summary>
    /// A performance status of 0 at diagnosis and of 2 a year later is no contradiction: for <see cref="TimeVarying"/>
    /// fields only the findings of the most recent stating document are kept. A document is dated by the latest full date
    /// it writes (a letter is written after what it reports); documents with the same date all stay, so that two grades
    /// written on the same day remain a conflict for a person to settle.
    /// </summary>
    private static IReadOnlyList<Finding> LatestStatement(IReadOnlyList<Finding> list, IReadOnlyDictionary<string, SourceDocument> documents)
    {
        var dates = new Dictionary<string, string>(StringComparer.Ordinal);
        string DateOf(string documentId)
        {
            if (!dates.TryGetValue(documentId, out var date))
            {
                date = documents.TryGetValue(documentId, out var d)
                    ? DocumentDates.Find(d.Text, d.Language).Where(m => m.Precision == DatePrecision.Day).Select(m => m.Iso).DefaultIfEmpty("").Max(StringComparer.Ordinal)!
                    : "";
                dates[documentId] = date;
            }

            return date;
        }

        var latest = list.Where(f => TimeVarying.Contains(f.FieldKey))
            .GroupBy(f => f.FieldKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => DateOf(f.DocumentId)).Max(StringComparer.Ordinal)!, StringComparer.Ordinal);
        return latest.Count == 0
            ? list
            : [.. list.Where(f => !latest.TryGetValue(f.FieldKey, out var date) || DateOf(f.DocumentId) == date)];
    }

    private static IReadOnlyList<Finding> LateralityAtPrimarySite(IReadOnlyList<Finding> list, IReadOnlyDictionary<string, SourceDocument> documents)
    {
        var sites = list.Where(f => f.FieldKey == ContractFields.PrimarySite).Select(f => f.Normalized).Distinct(StringComparer.Ordinal).ToList();
        if (sites.Count == 0)
        {
            return list;
        }

        // A "right base" core of a prostate or a "left colon" is a sub-site, not the side of a paired organ: when every
        // primary site found is unpaired, the form has no laterality to report.
        // The one exception is a prostate carcinoma stated to involve both lobes: "bilateral" is then a fact about the
        // tumour itself (pT2c), which the sides of single cores never are.
        if (sites.All(UnpairedSites.Contains))
        {
            var prostate = sites.Contains("prostate");
            return [.. list.Where(f => f.FieldKey != ContractFields.Laterality
                || (prostate && f.Normalized == "bilateral" && documents.TryGetValue(f.DocumentId, out var d)
                    && LateralityExtractor.OrganOf(d.Slice(f.Span)) is null or "prostate"))];
        }

        return [.. list.Where(f =>
        {
            if (f.FieldKey != ContractFields.Laterality || !documents.TryGetValue(f.DocumentId, out var document))
            {
                return true;
            }

            var organ = LateralityExtractor.OrganOf(document.Slice(f.Span));
            return organ is null || sites.Any(s => FieldRelations.AreCompatible(ContractFields.PrimarySite, s, organ));
        })];
    }

    /// <summary>Sites of <see cref="SiteVocabulary"/> that are single midline or visceral organs, with no side to report.</summary>
    private static readonly FrozenSet<string> UnpairedSites = FrozenSet.ToFrozenSet(
    [
        "prostate", "colon", "rectum", "rectosigmoid junction", "colorectum", "anus", "appendix", "small intestine",
        "esophagogastric junction", "stomach", "esophagus", "pancreas", "ampulla of vater", "gallbladder", "bile duct",
        "liver", "bladder", "uterus", "endometrium", "cervix", "vagina", "penis",
    ], StringComparer.Ordinal);

    private static bool IsInSitu(string histology) =>
        HistologyVocabulary.Instance.Find(histology)?.InSitu ?? histology.EndsWith("in situ", StringComparison.Ordinal);

    private FieldResult AssembleField(
        string key,
        List<Finding> findings,
        Dictionary<string, SourceDocument> docs,
        Dictionary<string, int> order)
    {
        var penalty = 0.0;
        var pool = findings;
        if (key == ContractFields.DateOfDiagnosis)
        {
            (pool, penalty) = DatePool(SwappedReadings(findings));
        }
        else if (key == ExtensionFields.AgeAtDiagnosis)
        {
            pool = AgePool(findings);
        }
        else if (key == ExtensionFields.TumorSize && findings.Any(f => f.Note == TumorSizeExtractor.PathologyNote))
        {
            // The pathologist measures the tumour; imaging estimates it before. A measured size outranks estimates.
            pool = [.. findings.Where(f => f.Note == TumorSizeExtractor.PathologyNote)];
        }

        var values = pool.Select(f => f.Normalized).Distinct(StringComparer.Ordinal).ToList();
        var maximal = values
            .Where(v => !values.Any(o => o != v && FieldRelations.IsSameOrBroader(key, v, o)))
            .ToList();

        if (key == ContractFields.DateOfDiagnosis && maximal.Count > 1 && pool.All(f => f.Note != DiagnosisDateExtractor.StatedNote))
        {
            // No stated diagnosis date: the earliest sampling date is the first pathological confirmation.
            var earliest = maximal.Min(StringComparer.Ordinal)!;
            maximal = [earliest];
            penalty += EarliestDatePenalty;
            pool = [.. pool.Where(f => FieldRelations.IsSameOrBroader(key, f.Normalized, earliest))];
        }

        if (maximal.Count == 1)
        {
            var winner = maximal[0];
            var support = pool.Where(f => FieldRelations.IsSameOrBroader(key, f.Normalized, winner)).ToList();
            var best = Best(support.Where(f => f.Normalized == winner), order);
            return new FieldResult
            {
                Value = best.Value,
                Normalized = winner,
                Status = FieldStatus.Found,
                Confidence = Math.Round(Math.Max(0, Score(support) - penalty), 3),
                Source = FieldSource.Rule,
                Citations = Cite(support, winner, docs, order),
                Label = ExtensionFields.IsCoded(key) ? IcdO3Vocabulary.Instance.Label(winner, docs[best.DocumentId].Language) : null,
            };
        }

        var candidates = new List<FieldCandidate>();
        var all = new List<Citation>();
        foreach (var value in maximal.OrderByDescending(v => pool.Where(f => f.Normalized == v).Max(f => f.Confidence)).ThenBy(v => v, StringComparer.Ordinal))
        {
            // A broader value compatible with this candidate only supports it; one compatible with several supports none.
            var support = pool.Where(f => FieldRelations.IsSameOrBroader(key, f.Normalized, value)
                && (f.Normalized == value || maximal.Count(m => FieldRelations.IsSameOrBroader(key, f.Normalized, m)) == 1)).ToList();
            var best = Best(support.Where(f => f.Normalized == value), order);
            var citations = Cite(support, value, docs, order);
            candidates.Add(new FieldCandidate(best.Value, value, FieldSource.Rule, Math.Round(Score(support), 3), citations));
            foreach (var c in citations)
            {
                if (!all.Contains(c))
                {
                    all.Add(c);
                }
            }
        }

        return new FieldResult
        {
            Value = null,
            Normalized = null,
            Status = FieldStatus.Conflict,
            Confidence = 0,
            Source = FieldSource.Rule,
            Citations = all,
            Candidates = candidates,
            Reason = $"{candidates.Count} different values were found: {string.Join(", ", candidates.Select(c => c.Normalized))}.",
        };
    }

    /// <summary>
    /// Ages stated a year or two apart are the same patient seen along the follow-up: the youngest is the age at
    /// diagnosis. Ages further apart than <see cref="AgeDrift"/> are left to contradict each other.
    /// </summary>
    private static List<Finding> AgePool(List<Finding> findings)
    {
        var ages = findings.Select(f => int.TryParse(f.Normalized, System.Globalization.CultureInfo.InvariantCulture, out var a) ? a : -1).ToList();
        if (ages.Any(a => a < 0))
        {
            return findings;
        }

        var youngest = ages.Min();
        return ages.Max() - youngest > AgeDrift ? findings : [.. findings.Where((_, i) => ages[i] == youngest)];
    }

    /// <summary>
    /// An age written in a letter after the diagnosis is the patient's age on the letter's day. When the dossier states
    /// one birth date and the diagnosis date is known to the day, a stated age one or two years above the age those two
    /// dates give is a later age, not the age at diagnosis ("79 ans" on the day of the 79th birthday, a fortnight after
    /// a diagnosis made at 78). When every age stated is such a later age the field is not found, with the reason: the
    /// age at diagnosis would rest on two passages (the birth date and the diagnosis date), which no finding cites, and
    /// the stated age is not it. Null when the ages stand as they are.
    /// </summary>
    private FieldResult? LaterAges(List<Finding> ages, Dictionary<string, List<Finding>> byKey, Dictionary<string, SourceDocument> docs, Dictionary<string, int> order)
    {
        if (!byKey.TryGetValue(ContractFields.DateOfDiagnosis, out var dates) || dates.Count == 0
            || AssembleField(ContractFields.DateOfDiagnosis, dates, docs, order) is not { Status: FieldStatus.Found, Normalized: { Length: 10 } diagnosis }
            || !DateOnly.TryParseExact(diagnosis, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var diagnosed))
        {
            return null;
        }

        var births = docs.Values
            .Select(d => PatientIdentityExtractor.Extract(d)?.BirthDate?.Normalized)
            .Where(b => b is { Length: 10 })
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (births is not [var birth]
            || !DateOnly.TryParseExact(birth, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var born)
            || born >= diagnosed)
        {
            return null;
        }

        var atDiagnosis = diagnosed.Year - born.Year - (diagnosed < born.AddYears(diagnosed.Year - born.Year) ? 1 : 0);
        var stated = AgePool(ages).Select(f => int.TryParse(f.Normalized, System.Globalization.CultureInfo.InvariantCulture, out var a) ? a : -1).Distinct().ToList();
        return stated.All(a => a > atDiagnosis && a - atDiagnosis <= AgeDrift)
            ? FieldResult.NotFound($"The age stated ({string.Join(", ", stated.Order())}) is a later age: the birth date and the diagnosis date stated in the documents give {atDiagnosis} at diagnosis.")
            : null;
    }

    /// <summary>
    /// A set field (metastatic sites): every value found is an item cited to its own statements; a value asserting
    /// absence ("none") stands only when no site is found anywhere, since a site stated in one report outweighs a
    /// negative staging in an earlier one.
    /// </summary>
    private FieldResult AssembleSet(string key, List<Finding> findings, Dictionary<string, SourceDocument> docs, Dictionary<string, int> order)
    {
        var sites = findings.Where(f => f.Normalized != MetastaticSiteExtractor.None).ToList();
        var pool = sites.Count > 0 ? sites : findings;
        var items = pool
            .GroupBy(f => f.Normalized, StringComparer.Ordinal)
            .OrderBy(g => g.Min(f => order[f.DocumentId] * 1_000_000L + f.Span.Start))
            .Select(g =>
            {
                var support = g.ToList();
                return (Item: new FieldItem(Best(support, order).Value, g.Key, Cite(support, g.Key, docs, order)), Score: Score(support));
            })
            .ToList();
        return new FieldResult
        {
            Value = string.Join("; ", items.Select(i => i.Item.Value)),
            Normalized = string.Join("; ", items.Select(i => i.Item.Normalized)),
            Status = FieldStatus.Found,
            Confidence = Math.Round(items.Average(i => i.Score), 3),
            Source = FieldSource.Rule,
            Citations = [.. items.SelectMany(i => i.Item.Citations).Distinct().Take(Math.Max(_maxCitations, items.Count))],
            Items = [.. items.Select(i => i.Item)],
        };
    }

    /// <summary>
    /// "06/04/2023" is the 6th of April in a British letter and the 4th of June in an American one, and a letter often
    /// has no other date to tell. When another passage writes a date unambiguously ("6 April 2023", "22/10/2023") that
    /// is this one with day and month swapped, both name the same day, and the ambiguous one is read that way. A reading
    /// that another passage confirms as it stands is left alone.
    /// </summary>
    private static List<Finding> SwappedReadings(List<Finding> findings)
    {
        var swapped = findings.Select(Swapped).ToList();
        var clear = findings.Where((_, i) => swapped[i] is null).Select(f => f.Normalized).ToHashSet(StringComparer.Ordinal);
        if (clear.Count == 0)
        {
            return findings;
        }

        return [.. findings.Select((f, i) => swapped[i] is { } other && clear.Contains(other) && !clear.Contains(f.Normalized)
            ? f with { Normalized = other }
            : f)];
    }

    /// <summary>The finding's date with day and month swapped when its words are a numeric date both ways valid, else null.</summary>
    private static string? Swapped(Finding finding)
    {
        // The words are read by the one date grammar; only a day-precision reading flagged ambiguous can be swapped.
        var mention = DateExtractor.FindAll(finding.Value, monthFirst: false)
            .FirstOrDefault(m => m.DayMonthAmbiguous && m.Precision == DatePrecision.Day);
        if (mention is null)
        {
            return null;
        }

        var other = DocumentDates.SwapDayMonth(mention.Iso);
        return finding.Normalized == mention.Iso ? other : finding.Normalized == other ? mention.Iso : null;
    }

    /// <summary>Stated diagnosis dates decide when present; sampling dates that agree with them add support.</summary>
    private static (List<Finding> Pool, double Penalty) DatePool(List<Finding> findings)
    {
        var stated = findings.Where(f => f.Note == DiagnosisDateExtractor.StatedNote).ToList();
        if (stated.Count == 0)
        {
            return (findings, 0);
        }

        var pool = new List<Finding>(stated);
        pool.AddRange(findings.Where(f => f.Note != DiagnosisDateExtractor.StatedNote
            && stated.Any(s => FieldRelations.AreCompatible(ContractFields.DateOfDiagnosis, s.Normalized, f.Normalized))));
        return (pool, 0);
    }

    private static double Score(List<Finding> support)
    {
        var best = support.Max(f => f.Confidence);
        var documents = support.Select(f => f.DocumentId).Distinct(StringComparer.Ordinal).Count();
        var mentions = support.Select(f => (f.DocumentId, f.Span)).Distinct().Count();
        var score = best + DocumentBonus * (documents - 1) + MentionBonus * (mentions - documents);
        return Math.Min(0.99, score);
    }

    private static Finding Best(IEnumerable<Finding> findings, Dictionary<string, int> order) =>
        findings.OrderByDescending(f => f.Confidence)
            .ThenBy(f => order[f.DocumentId])
            .ThenBy(f => f.Span.Start)
            .First();

    private List<Citation> Cite(List<Finding> support, string value, Dictionary<string, SourceDocument> docs, Dictionary<string, int> order)
    {
        // Findings of the value itself first, then broader ones; within each document the most confident first.
        var perDocument = support
            .OrderByDescending(f => f.Normalized == value)
            .ThenByDescending(f => f.Confidence)
            .ThenBy(f => f.Span.Start)
            .GroupBy(f => f.DocumentId, StringComparer.Ordinal)
            .OrderBy(g => g.Any(f => f.Normalized == value) ? 0 : 1)
            .ThenByDescending(g => g.Max(f => f.Confidence))
            .ThenBy(g => order[g.Key])
            .Select(g => new Queue<Finding>(g))
            .ToList();

        var citations = new List<Citation>();
        var seen = new HashSet<(string, int, int)>();
        while (citations.Count < _maxCitations && perDocument.Any(q => q.Count > 0))
        {
            foreach (var queue in perDocument)
            {
                if (queue.Count == 0 || citations.Count >= _maxCitations)
                {
                    continue;
                }

                var finding = queue.Dequeue();
                foreach (var c in CitationFactory.ForSpan(docs[finding.DocumentId], finding.Span))
                {
                    if (citations.Count < _maxCitations && seen.Add((c.DocumentId, c.Start, c.End)))
                    {
                        citations.Add(c);
                    }
                }
            }
        }

        return citations;
    }
}
