using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;
using MedSummary.Extraction.Rules;

namespace MedSummary.Extraction.Timeline;

/// <summary>
/// The dated patient journey of a dossier, without a model: the dated statements of every document
/// (<see cref="TimelineExtractor"/>) merged across documents into one event per (kind, date), treatment lines with
/// their start and end, each event cited by the statements that state it.
/// </summary>
/// <remarks>
/// Merging: the same kind on the same date from several documents is one event, described by its best statement (a
/// report's own header beats a list item, which beats prose; then the earliest document). A month-precision statement
/// ("octobre 2022") joins a day-precision event of the same kind in that month rather than making a second one; a
/// diagnosis on the day of a biopsy joins the biopsy.
/// Treatment lines: a period ("du 29/12/2022 au 13/04/2023") is a line; a start joins the line of the same kind that
/// starts that day; an end-only statement ("fin de la chimiothérapie le 13/04/2023") closes the latest open line of its
/// kind that started before it (sharing a drug when both name drugs) and is dropped when no such line exists, since a
/// start would have to be invented.
/// </remarks>
public static class TimelineBuilder
{
    /// <summary>At most this many citations per event: enough to show it is stated in several documents.</summary>
    public const int MaxCitationsPerEvent = 4;

    private static readonly string[] KindOrder =
    [
        TimelineKinds.Symptom, TimelineKinds.Imaging, TimelineKinds.Biopsy, TimelineKinds.Diagnosis, TimelineKinds.TumorBoard,
        TimelineKinds.Surgery, TimelineKinds.Chemotherapy, TimelineKinds.TargetedTherapy, TimelineKinds.Immunotherapy,
        TimelineKinds.HormoneTherapy, TimelineKinds.Radiotherapy, TimelineKinds.Toxicity, TimelineKinds.Response,
        TimelineKinds.Relapse, TimelineKinds.Progression, TimelineKinds.Other,
    ];

    /// <summary>The timeline of <paramref name="documents"/>, in date order.</summary>
    public static IReadOnlyList<TimelineEvent> Build(IReadOnlyList<SourceDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var order = DocumentDates.DossierOrder(documents.Select(d => d.Text));
        var candidates = documents.SelectMany((d, i) => TimelineExtractor.Extract(d, i, order)).ToList();
        var byId = documents.GroupBy(d => d.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var groups = new List<Group>();
        groups.AddRange(Points(candidates.Where(c => !TimelineKinds.Treatments.Contains(c.Kind, StringComparer.Ordinal))));
        groups.AddRange(Lines(candidates.Where(c => TimelineKinds.Treatments.Contains(c.Kind, StringComparer.Ordinal))));

        return groups
            .Select(g => g.ToEvent(byId))
            .Where(e => e.Citations.Count > 0)
            .OrderBy(e => e.Date, StringComparer.Ordinal)
            .ThenBy(e => Array.IndexOf(KindOrder, e.Kind))
            .ToList();
    }

    private static List<Group> Points(IEnumerable<EventCandidate> candidates)
    {
        var groups = new List<Group>();

        // Day precision first, so month mentions can join them.
        foreach (var c in candidates.OrderBy(c => c.Precision == DatePrecision.Month ? 1 : 0).ThenBy(c => c.Date, StringComparer.Ordinal))
        {
            var match = groups.FirstOrDefault(g => g.Kind == c.Kind && SameOrWithin(g.Date, c.Date));
            if (match is null)
            {
                groups.Add(new Group(c.Kind, c.Date, null, c));
            }
            else
            {
                match.Add(c);
            }
        }

        // A diagnosis dated on the day of a biopsy is that biopsy's result: one event, cited by both.
        foreach (var diagnosis in groups.Where(g => g.Kind == TimelineKinds.Diagnosis).ToList())
        {
            if (groups.FirstOrDefault(g => g.Kind == TimelineKinds.Biopsy && g.Date == diagnosis.Date) is { } biopsy)
            {
                biopsy.Absorb(diagnosis);
                groups.Remove(diagnosis);
            }
        }

        return groups;
    }

    private static List<Group> Lines(IEnumerable<EventCandidate> candidates)
    {
        var lines = new List<Group>();
        var list = candidates.ToList();

        // Periods and starts open lines; a start in the month of a day-precision start of the same kind joins it.
        foreach (var c in list.Where(c => !c.EndOnly).OrderBy(c => c.EndDate is null ? 1 : 0).ThenBy(c => c.Precision == DatePrecision.Month ? 1 : 0).ThenBy(c => c.Date, StringComparer.Ordinal))
        {
            var match = lines.FirstOrDefault(g => g.Kind == c.Kind && SameOrWithin(g.Date, c.Date)
                && (c.EndDate is null || g.EndDate is null || g.EndDate == c.EndDate));
            if (match is null)
            {
                lines.Add(new Group(c.Kind, c.Date, c.EndDate, c));
            }
            else
            {
                match.EndDate ??= c.EndDate;
                match.Add(c);
            }
        }

        foreach (var c in list.Where(c => c.EndOnly).OrderBy(c => c.EndDate ?? c.Date, StringComparer.Ordinal))
        {
            var end = c.EndDate ?? c.Date;
            var open = lines
                .Where(g => g.Kind == c.Kind && string.CompareOrdinal(g.Date, end) < 0
                    && (g.EndDate is null || g.EndDate == end)
                    && (c.Drugs.Count == 0 || g.Drugs.Count == 0 || g.Drugs.Overlaps(c.Drugs)))
                .OrderByDescending(g => g.Date, StringComparer.Ordinal)
                .FirstOrDefault();
            if (open is not null)
            {
                open.EndDate = end;
                open.Add(c, describes: false);
            }
        }

        return lines;
    }

    /// <summary>Same date, or a month that holds the day.</summary>
    private static bool SameOrWithin(string groupDate, string date) =>
        groupDate == date || (date.Length == 7 && groupDate.StartsWith(date, StringComparison.Ordinal));

    private sealed class Group(string kind, string date, string? endDate, EventCandidate first)
    {
        private readonly List<EventCandidate> _members = [first];
        private EventCandidate _describer = first;

        public string Kind { get; } = kind;

        public string Date { get; } = date;

        public string? EndDate { get; set; } = endDate;

        public HashSet<string> Drugs { get; } = new(first.Drugs, StringComparer.Ordinal);

        public void Add(EventCandidate candidate, bool describes = true)
        {
            _members.Add(candidate);
            Drugs.UnionWith(candidate.Drugs);
            if (describes && Better(candidate, _describer))
            {
                _describer = candidate;
            }
        }

        /// <summary>Takes <paramref name="other"/>'s statements as further citations; this group's description stays.</summary>
        public void Absorb(Group other)
        {
            foreach (var m in other._members)
            {
                Add(m, describes: false);
            }
        }

        public TimelineEvent ToEvent(IReadOnlyDictionary<string, SourceDocument> documents)
        {
            var citations = new List<Citation>();

            // The describing statement first, then one statement per other document (an end-only one always: it is the end date's source).
            var ordered = _members
                .OrderBy(m => ReferenceEquals(m, _describer) ? 0 : m.EndOnly ? 1 : 2)
                .ThenByDescending(m => m.Quality)
                .ThenBy(m => m.DocumentIndex);
            var seenDocuments = new HashSet<string>(StringComparer.Ordinal);
            foreach (var m in ordered)
            {
                if (citations.Count >= MaxCitationsPerEvent || !documents.TryGetValue(m.DocumentId, out var document))
                {
                    continue;
                }

                if (!seenDocuments.Add(m.DocumentId) && !m.EndOnly)
                {
                    continue;
                }

                foreach (var span in Spans(m))
                {
                    citations.AddRange(CitationFactory.ForSpan(document, span));
                }
            }

            var distinct = citations
                .GroupBy(c => (c.DocumentId, c.Start, c.End))
                .Select(g => g.First())
                .ToList();
            return new TimelineEvent(Date, EndDate, Kind, _describer.Description, distinct);
        }

        private static IEnumerable<TextSpan> Spans(EventCandidate m)
        {
            yield return m.Statement;
            foreach (var extra in m.Extra.Where(e => !e.Overlaps(m.Statement)))
            {
                yield return extra;
            }
        }

        private static bool Better(EventCandidate a, EventCandidate b) =>
            a.Quality != b.Quality ? a.Quality > b.Quality
            : a.Precision != b.Precision ? a.Precision == DatePrecision.Day
            : a.DocumentIndex < b.DocumentIndex;
    }
}
