using System.Runtime.CompilerServices;
using System.Text;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;
using MedSummary.Extraction.Grounding.Forms;
using MedSummary.Extraction.Grounding.Text;
using MedSummary.Retrieval.Search;
using MedSummary.Retrieval.Stores;

namespace MedSummary.Extraction.Grounding.Passages;

/// <summary>
/// The numbered passages of one dossier that every grounded prompt starts with (form groups and narrative alike),
/// in document order, within a character budget; and which of them each field group's queries found.
/// </summary>
public sealed class PassagePool
{
    public PassagePool(IReadOnlyList<Passage> passages, IReadOnlyDictionary<string, IReadOnlyList<Passage>> byGroup)
    {
        Passages = passages;
        ByGroup = byGroup;
    }

    public IReadOnlyList<Passage> Passages { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<Passage>> ByGroup { get; }

    public int TotalChars => Passages.Sum(p => p.Span.Length);

    public Passage? Find(string label) => Passages.FirstOrDefault(p => string.Equals(p.Label, label, StringComparison.OrdinalIgnoreCase));

    /// <summary>The passages as the prompt shows them: "[P1] (file, p. 2)" then the text, whitespace runs collapsed.</summary>
    public string Render() => RenderPassages(Passages);

    public static string RenderPassages(IEnumerable<Passage> passages)
    {
        var sb = new StringBuilder();
        foreach (var p in passages)
        {
            var page = p.Document.Map.PageAt(p.Span.Start);
            sb.Append('[').Append(p.Label).Append("] (").Append(p.Document.FileName).Append(", p. ").Append(page).Append(")\n")
              .Append(Collapse(p.Text)).Append("\n\n");
        }

        return sb.ToString().TrimEnd();
    }

    // Spaces and blank lines cost tokens and carry nothing; the aligner tolerates their absence in quotes.
    private static string Collapse(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        var newline = false;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                newline = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                space = true;
            }
            else
            {
                if (sb.Length > 0 && (newline || space))
                {
                    sb.Append(newline ? '\n' : ' ');
                }

                newline = space = false;
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}

/// <summary>
/// Builds a dossier's <see cref="PassagePool"/> by hybrid search restricted to that dossier (tenant and dossier id:
/// another patient's passages can never be shown), once per dossier: the form filler and the narrative share it.
/// </summary>
public sealed class PassageCollector(Retriever retriever, FormSchema schema, GroundingOptions options)
{
    // Reciprocal-rank fusion constant across a group's queries (the usual 60).
    private const double FusionK = 60;

    /// <summary>The pseudo-group of the patient's journey (for the narrative summary).</summary>
    public const string JourneyGroup = "journey";

    private readonly ConditionalWeakTable<Dossier, Task<PassagePool>> _pools = new();

    /// <summary>The dossier's pool, built on first request and shared by later ones for the same dossier object.</summary>
    public Task<PassagePool> GetAsync(Dossier dossier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        return _pools.GetValue(dossier, d => BuildAsync(d, cancellationToken));
    }

    private async Task<PassagePool> BuildAsync(Dossier dossier, CancellationToken cancellationToken)
    {
        var filter = new ChunkFilter(dossier.Tenant, [dossier.Id]);
        var groups = schema.Groups.Select(g => (g.Key, Queries: schema.FieldsOf(g.Key).SelectMany(f => f.Hints.All).ToList()))
            .Append((Key: JourneyGroup, Queries: options.JourneyQueries.ToList()))
            .ToList();

        var ranked = new Dictionary<string, List<Candidate>>(StringComparer.Ordinal);
        foreach (var (group, queries) in groups)
        {
            var scores = new Dictionary<string, Candidate>(StringComparer.Ordinal);
            var terms = queries.SelectMany(q => TextFolding.FoldWords(q).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(t => t.Length >= 3).ToHashSet(StringComparer.Ordinal);
            foreach (var query in queries.Distinct(StringComparer.Ordinal))
            {
                var hits = await retriever.SearchAsync(query, filter, options.HitsPerQuery, SearchMode.Hybrid, cancellationToken).ConfigureAwait(false);
                for (var rank = 0; rank < hits.Count; rank++)
                {
                    var stored = hits[rank].Chunk;
                    // Belt and braces: the filter already keeps other dossiers out.
                    if (stored.DossierId != dossier.Id || !dossier.DocumentsById.TryGetValue(stored.Chunk.DocumentId, out var document)
                        || stored.Chunk.Span.End > document.Text.Length)
                    {
                        continue;
                    }

                    var key = stored.Chunk.Id;
                    if (!scores.TryGetValue(key, out var c))
                    {
                        c = new Candidate(document, Window(document, stored.Chunk.Span, terms));
                        scores[key] = c;
                    }

                    c.Score += 1 / (FusionK + rank + 1);
                }
            }

            ranked[group] = [.. scores.Values.OrderByDescending(c => c.Score).Take(options.PassagesPerGroup)];
        }

        // Round-robin over groups, best first, so every group gets passages before any gets its fourth.
        var chosen = new List<Candidate>();
        var total = 0;
        for (var rank = 0; rank < options.PassagesPerGroup; rank++)
        {
            foreach (var (group, _) in groups)
            {
                if (rank >= ranked[group].Count)
                {
                    continue;
                }

                var c = ranked[group][rank];
                c.Groups.Add(group);
                var same = chosen.FirstOrDefault(x => x.Document.Id == c.Document.Id && x.Span.Overlaps(c.Span));
                if (same is not null)
                {
                    same.Groups.Add(group);
                    continue;
                }

                if (total + c.Span.Length > options.MaxContextChars)
                {
                    continue;
                }

                chosen.Add(c);
                total += c.Span.Length;
            }
        }

        var order = dossier.Documents.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var passages = new List<Passage>();
        var byGroup = groups.ToDictionary(g => g.Key, _ => new List<Passage>(), StringComparer.Ordinal);
        foreach (var c in chosen.OrderBy(c => order[c.Document.Id]).ThenBy(c => c.Span.Start))
        {
            var passage = new Passage($"P{passages.Count + 1}", c.Document, c.Span);
            passages.Add(passage);
            foreach (var g in c.Groups)
            {
                byGroup[g].Add(passage);
            }
        }

        return new PassagePool(passages, byGroup.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<Passage>)kv.Value, StringComparer.Ordinal));
    }

    /// <summary>
    /// The chunk itself when short enough; otherwise the window of at most MaxPassageChars, cut at whitespace, that
    /// holds the most query terms.
    /// </summary>
    private TextSpan Window(SourceDocument document, TextSpan chunk, HashSet<string> terms)
    {
        var max = options.MaxPassageChars;
        if (chunk.Length <= max)
        {
            return chunk;
        }

        var words = TextFolding.Fold(document.Text, chunk.Start, chunk.End, FoldLevel.Words);
        var hits = new List<int>();
        var text = words.Text;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == ' ')
            {
                if (i > start && terms.Contains(text[start..i]))
                {
                    hits.Add(words.SourceRange(start, i - start).Start);
                }

                start = i + 1;
            }
        }

        var best = chunk.Start;
        var bestCount = -1;
        foreach (var h in hits.Prepend(chunk.Start))
        {
            var from = Math.Max(chunk.Start, h - (max / 4));
            var count = hits.Count(x => x >= from && x < from + max);
            if (count > bestCount)
            {
                best = from;
                bestCount = count;
            }
        }

        var end = Math.Min(chunk.End, best + max);
        best = Snap(document.Text, best, chunk.Start, forward: true);
        end = Snap(document.Text, end, chunk.End, forward: false);
        return end > best ? new TextSpan(best, end) : new TextSpan(chunk.Start, Math.Min(chunk.End, chunk.Start + max));
    }

    // Moves a cut to the nearest whitespace so a passage neither starts nor ends mid-word.
    private static int Snap(string text, int at, int limit, bool forward)
    {
        if (forward)
        {
            if (at == limit)
            {
                return at;
            }

            var i = at;
            while (i < text.Length && i - at < 30 && !char.IsWhiteSpace(text[i - 1 < 0 ? 0 : i - 1]))
            {
                i++;
            }

            return i - at < 30 ? i : at;
        }
        else
        {
            if (at == limit)
            {
                return at;
            }

            var i = at;
            while (i > 0 && at - i < 30 && !char.IsWhiteSpace(text[i]))
            {
                i--;
            }

            return at - i < 30 ? i : at;
        }
    }

    private sealed class Candidate(SourceDocument document, TextSpan span)
    {
        public SourceDocument Document { get; } = document;

        public TextSpan Span { get; } = span;

        public double Score { get; set; }

        public HashSet<string> Groups { get; } = new(StringComparer.Ordinal);
    }
}
