using System.Text.Json;
using System.Text.Json.Nodes;
using MedSummary.Qdrant.Store;
using Shouldly;

namespace MedSummary.Qdrant.Tests.Protocol;

/// <summary>
/// Response bodies written from Qdrant's REST API reference (OpenAPI schemas CollectionInfo, VersionInfo,
/// QueryResponse, ScrollResult, CountResult, FacetResponse, UpdateResult, ErrorResponse) and the server's own
/// error texts, with MedSummary's collection layout filled in.
/// </summary>
internal static class QdrantExamples
{
    public const string Collection = "medsummary_chunks";
    public const string Embedder = "test-embedder-v1";
    public const int Dimension = 4;

    public static string Version(string version) => $$"""{"title":"qdrant - vector search engine","version":"{{version}}","commit":"8c7d2f1"}""";

    public static string CollectionMissing(string name = Collection) => $"Not found: Collection `{name}` doesn't exist!";

    public const string Updated = """{"operation_id":42,"status":"completed"}""";

    /// <summary>GET /collections/{name}: our collection, with the given embedder and payload indexes.</summary>
    public static string CollectionInfo(string embedder = Embedder, int dimension = Dimension, string[]? indexes = null, bool sparse = true)
    {
        indexes ??= QdrantChunkStore.IndexedFields;
        var schema = string.Join(",", indexes.Select(f => f == "tenant"
            ? "\"tenant\":{\"data_type\":\"keyword\",\"params\":{\"type\":\"keyword\",\"is_tenant\":true},\"points\":3}"
            : $"\"{f}\":{{\"data_type\":\"keyword\",\"points\":3}}"));
        var sparseVectors = sparse ? ",\"sparse_vectors\":{\"lexical\":{\"modifier\":\"idf\"}}" : string.Empty;
        return $$"""
            {
              "status": "green",
              "optimizer_status": "ok",
              "indexed_vectors_count": 0,
              "points_count": 3,
              "segments_count": 2,
              "config": {
                "params": {
                  "vectors": { "dense": { "size": {{dimension}}, "distance": "Cosine" } },
                  "shard_number": 1,
                  "replication_factor": 1,
                  "write_consistency_factor": 1,
                  "on_disk_payload": true{{sparseVectors}}
                },
                "hnsw_config": { "m": 16, "ef_construct": 100, "full_scan_threshold": 10000, "max_indexing_threads": 0, "on_disk": false },
                "optimizer_config": { "deleted_threshold": 0.2, "vacuum_min_vector_number": 1000, "default_segment_number": 0, "flush_interval_sec": 5 },
                "wal_config": { "wal_capacity_mb": 32, "wal_segments_ahead": 0 },
                "quantization_config": null,
                "metadata": { "medsummary_schema": 1, "medsummary_embedder": "{{embedder}}", "medsummary_lexical": "{{QdrantChunkStore.LexicalScheme}}" }
              },
              "payload_schema": { {{schema}} }
            }
            """;
    }

    /// <summary>A point's payload as the store writes it (without the stored vector).</summary>
    public static string Payload(string tenant, string dossier, string document, int index, string text, string? section = "Conclusion") =>
        $$"""
        {"tenant":"{{tenant}}","dossier":"{{dossier}}","chunk_id":"{{document}}:{{index}}","document":"{{document}}","file_name":"{{document}}.pdf",
         "chunk_index":{{index}},{{(section is null ? "" : $"\"section\":\"{section}\",")}}"span_start":{{index * 100}},"span_end":{{(index * 100) + text.Length}},
         "page_start":1,"page_end":2,"text":{{JsonSerializer.Serialize(text)}}}
        """;

    public static string ScoredPoint(string tenant, string dossier, string document, int index, string text, double score) =>
        $$"""{"id":"{{PointIds.Format(PointIds.For(tenant, dossier, $"{document}:{index}"))}}","version":7,"score":{{score.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"payload":{{Payload(tenant, dossier, document, index, text)}}}""";

    /// <summary>Semantic JSON equality, with both sides shown when they differ.</summary>
    public static void ShouldBeJson(this JsonNode? actual, string expected)
    {
        var expectedNode = JsonNode.Parse(expected);
        JsonNode.DeepEquals(actual, expectedNode).ShouldBeTrue(
            $"JSON differs.\nexpected: {expectedNode?.ToJsonString()}\nactual:   {actual?.ToJsonString()}");
    }

    public static string Filter(string tenant, params string[] extra) =>
        $$$"""{"must":[{"key":"tenant","match":{"value":"{{{tenant}}}"}}{{{string.Concat(extra.Select(e => "," + e))}}}]}""";

    public static readonly string HitFields = JsonSerializer.Serialize(QdrantChunkStore.HitFields);
}
