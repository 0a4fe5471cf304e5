using MedSummary.Core.Chunks;

namespace MedSummary.Core.Documents;

/// <summary>
/// One patient's dossier once read: its documents (with provenance) and their chunks, owned by a tenant.
/// The unit every analysis (form, summary, alerts) works on.
/// </summary>
public sealed class Dossier
{
    public Dossier(string tenant, string id, IReadOnlyList<SourceDocument> documents, IReadOnlyList<Chunk> chunks)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(chunks);
        Tenant = tenant;
        Id = id;
        Documents = documents;
        Chunks = chunks;
        DocumentsById = documents
            .GroupBy(d => d.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public string Tenant { get; }

    public string Id { get; }

    public IReadOnlyList<SourceDocument> Documents { get; }

    public IReadOnlyList<Chunk> Chunks { get; }

    public IReadOnlyDictionary<string, SourceDocument> DocumentsById { get; }

    public int PageCount => Documents.Sum(d => d.PageCount);
}
