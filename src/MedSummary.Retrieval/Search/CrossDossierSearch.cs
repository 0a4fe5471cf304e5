using MedSummary.Core.Contract;
using MedSummary.Retrieval.Stores;
using MedSummary.Retrieval.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedSummary.Retrieval.Search;

/// <summary>
/// A search over a tenant's indexed dossiers. <see cref="DossierIds"/> null searches all of the tenant's dossiers;
/// a list restricts to those. <see cref="Top"/> is 1 to <see cref="ChunkStoreGuards.MaxTop"/>.
/// </summary>
public sealed record PassageSearchRequest(
    string Tenant,
    string Query,
    int Top = 10,
    IReadOnlyList<string>? DossierIds = null,
    SearchMode Mode = SearchMode.Hybrid);

/// <summary>
/// One passage found. <see cref="Citation"/> points into the source document: its span is the passage's
/// sentence that holds the most query words (the whole chunk when none does, as for a purely semantic match),
/// and its quote is exactly the document text over that span. <see cref="Citation"/>.Page is the chunk's first
/// page; <see cref="PageEnd"/> its last (the store keeps no page breaks inside a chunk, so a passage that
/// straddles pages is cited from its first). <see cref="Text"/> is the whole chunk, for context.
/// </summary>
public sealed record PassageHit(
    int Rank,
    double Score,
    double? DenseScore,
    double? LexicalScore,
    string DossierId,
    string ChunkId,
    string? Section,
    int PageEnd,
    int ChunkStart,
    int ChunkEnd,
    string Text,
    Citation Citation);

/// <summary>The answer to a <see cref="PassageSearchRequest"/> (what GET /v1/search returns), passages best first.</summary>
public sealed record PassageSearchResponse(
    string Tenant,
    string Query,
    string Mode,
    int DossierCount,
    IReadOnlyList<PassageHit> Passages);

/// <summary>
/// Search across a tenant's dossiers ("every patient with an EGFR exon 19 deletion"): ranks chunks with the
/// <see cref="Retriever"/> and turns each into a cited passage. The tenant filter is the store's, so no hit can
/// come from another tenant.
/// </summary>
public sealed partial class CrossDossierSearch
{
    private readonly Retriever _retriever;
    private readonly ILogger _logger;

    public CrossDossierSearch(Retriever retriever, ILogger<CrossDossierSearch>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(retriever);
        _retriever = retriever;
        _logger = logger ?? NullLogger<CrossDossierSearch>.Instance;
    }

    /// <summary>
    /// The best passages for the request. A blank query finds nothing. Throws <see cref="ArgumentException"/> for
    /// a blank tenant or a Top out of range, and whatever the store throws when it is unreachable.
    /// </summary>
    public async Task<PassageSearchResponse> SearchAsync(PassageSearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Query, nameof(request));
        if (string.IsNullOrWhiteSpace(request.Tenant))
        {
            throw new ArgumentException("The tenant is mandatory.", nameof(request));
        }

        if (request.Top is < 1 or > ChunkStoreGuards.MaxTop)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Top, $"Top must be between 1 and {ChunkStoreGuards.MaxTop}.");
        }

        var filter = new ChunkFilter(request.Tenant, DossierIds: request.DossierIds);
        var hits = await _retriever.SearchAsync(request.Query, filter, request.Top, request.Mode, cancellationToken).ConfigureAwait(false);
        var terms = LexicalText.QueryTerms(request.Query, ChunkStoreGuards.MaxQueryTerms);
        var passages = new List<PassageHit>(hits.Count);
        foreach (var hit in hits)
        {
            passages.Add(ToPassage(passages.Count + 1, hit, terms));
        }

        var dossiers = passages.Select(p => p.DossierId).Distinct(StringComparer.Ordinal).Count();
        LogSearched(request.Mode, passages.Count, dossiers);
        return new PassageSearchResponse(request.Tenant, request.Query, request.Mode.ToString().ToLowerInvariant(), dossiers, passages);
    }

    private static PassageHit ToPassage(int rank, ChunkHit hit, IReadOnlyList<string> terms)
    {
        var chunk = hit.Chunk.Chunk;
        var (start, length) = Focus(chunk.Text, terms);
        var citation = new Citation(
            chunk.DocumentId,
            hit.Chunk.FileName,
            chunk.PageStart,
            chunk.Span.Start + start,
            chunk.Span.Start + start + length,
            chunk.Text.Substring(start, length));
        return new PassageHit(
            rank, hit.Score, hit.DenseScore, hit.LexicalScore, hit.Chunk.DossierId, chunk.Id, chunk.Section,
            chunk.PageEnd, chunk.Span.Start, chunk.Span.End, chunk.Text, citation);
    }

    /// <summary>
    /// The local span (start, length) of the sentence of <paramref name="text"/> holding the most distinct query
    /// terms, the earliest on ties; the whole text, trimmed, when no sentence holds any.
    /// </summary>
    internal static (int Start, int Length) Focus(string text, IReadOnlyList<string> terms)
    {
        var whole = Trim(text, 0, text.Length);
        if (terms.Count == 0)
        {
            return whole;
        }

        var wanted = new HashSet<string>(terms, StringComparer.Ordinal);
        var best = whole;
        var bestMatches = 0;
        foreach (var (start, length) in Sentences(text))
        {
            var matches = LexicalText.Terms(text.Substring(start, length)).Count(wanted.Contains);
            if (matches > bestMatches)
            {
                best = (start, length);
                bestMatches = matches;
            }
        }

        return best;
    }

    /// <summary>
    /// Sentences as trimmed spans: text ends at '.', '!', '?' or ';' followed by white space, and at every line
    /// break (reports put one finding per line). A decimal point ("2.5 cm") does not end a sentence.
    /// </summary>
    internal static IEnumerable<(int Start, int Length)> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var end = c is '\n' or '\r'
                ? i
                : c is '.' or '!' or '?' or ';' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])) ? i + 1 : -1;
            if (end < 0)
            {
                continue;
            }

            var span = Trim(text, start, end);
            if (span.Length > 0)
            {
                yield return span;
            }

            start = i + 1;
        }

        var last = Trim(text, start, text.Length);
        if (last.Length > 0)
        {
            yield return last;
        }
    }

    private static (int Start, int Length) Trim(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return (start, end - start);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cross-dossier {Mode} search: {Passages} passages from {Dossiers} dossiers")]
    private partial void LogSearched(SearchMode mode, int passages, int dossiers);
}
