using MedSummary.Core.Chunks;
using MedSummary.Core.Provenance;
using MedSummary.Retrieval.Embeddings;
using MedSummary.Retrieval.Search;
using MedSummary.Retrieval.Stores;
using MedSummary.Retrieval.Stores.Sqlite;
using MedSummary.Retrieval.Tests.TestSupport;
using Shouldly;

namespace MedSummary.Retrieval.Tests.Search;

/// <summary>
/// Ranking by clinical meaning through the real retriever, hashed embedder and SQLite file: the gene and the
/// filtration rate, spelled-out concepts and their abbreviations, OCR noise.
/// </summary>
public sealed class ClinicalRankingTests : IAsyncLifetime, IDisposable
{
    private const string Tenant = "centre";

    private static readonly (string Dossier, string File, string Text)[] Documents =
    [
        ("p1", "labs.pdf", "Créatinine 112 µmol/L\neGFR (CKD-EPI) 58 mL/min/1.73m² (19/03)\nCEA 4 ug/L"),
        ("p1", "labs-2.pdf", "Sample of 19/04: eGFR (CKD-EPI) 61 mL/min/1.73m², exon of nothing, urea 19 mmol/L"),
        ("p2", "molecular.pdf", "Lung adenocarcinoma. EGFR exon 19 deletion detected; no T790M."),
        ("p3", "bilan.pdf", "Créatinine 98 µmol/L ; DFG (CKD-EPI) 71 mL/min/1,73m²"),
        ("p4", "consultation.pdf", "État général conservé, indice de performance OMS 1. Classification OMS 2022 des tumeurs."),
        ("p5", "anapath.pdf", "Immunohistochimie : RE : 80 % (positifs), RP positifs (60 %), HER2 négatif."),
        ("p6", "scan.pdf", "Bilan d'extension : pas de Iésion secondaire. Rec3pteurs non évalués. Ganglions : 0."),
    ];

    private readonly TempFolder _folder = new();
    private readonly SqliteChunkStore _store;
    private readonly Retriever _retriever;

    public ClinicalRankingTests()
    {
        _store = new SqliteChunkStore(new SqliteChunkStoreOptions { DatabasePath = _folder.File("ranking.db") });
        _retriever = new Retriever(new HashedNGramEmbeddingGenerator(), _store);
    }

    public async Task InitializeAsync()
    {
        foreach (var group in Documents.GroupBy(d => d.Dossier))
        {
            var chunks = group.Select((d, i) => new Chunk(Chunk.MakeId(d.File, 0), d.File, 0, null, TextSpan.FromLength(0, d.Text.Length), 1, 1, d.Text)).ToList();
            await _retriever.IndexAsync(chunks, Tenant, group.Key, group.ToDictionary(d => d.File, d => d.File));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    [Theory]
    [InlineData(SearchMode.Lexical)]
    [InlineData(SearchMode.Dense)]
    [InlineData(SearchMode.Hybrid)]
    public async Task The_gene_query_finds_the_mutation_before_any_filtration_rate(SearchMode mode)
    {
        var hits = await _retriever.SearchAsync("EGFR exon 19", new ChunkFilter(Tenant), top: 3, mode);

        hits[0].Chunk.FileName.ShouldBe("molecular.pdf");
    }

    [Fact]
    public async Task The_gene_query_matches_no_filtration_rate_lexically()
    {
        var hits = await _retriever.SearchAsync("EGFR", new ChunkFilter(Tenant), top: 10, SearchMode.Lexical);

        hits.Select(h => h.Chunk.FileName).ShouldBe(["molecular.pdf"]);
    }

    [Theory]
    [InlineData("eGFR")]
    [InlineData("DFG")]
    [InlineData("kidney function")]
    [InlineData("débit de filtration glomérulaire")]
    public async Task Every_name_of_the_filtration_rate_finds_the_lab_lines_in_both_languages_and_never_the_gene(string query)
    {
        var hits = await _retriever.SearchAsync(query, new ChunkFilter(Tenant), top: 10, SearchMode.Lexical);

        hits.Select(h => h.Chunk.FileName).ShouldBe(["labs.pdf", "labs-2.pdf", "bilan.pdf"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("PS de la patiente", "consultation.pdf")]
    [InlineData("RH positifs", "anapath.pdf")]
    [InlineData("ACE", "labs.pdf")]
    public async Task Abbreviated_queries_find_the_passage_that_spells_the_concept_otherwise(string query, string file)
    {
        var hits = await _retriever.SearchAsync(query, new ChunkFilter(Tenant), top: 3, SearchMode.Hybrid);

        hits[0].Chunk.FileName.ShouldBe(file);
    }

    [Fact]
    public async Task OCR_noise_is_tolerated_by_the_dense_side_of_hybrid()
    {
        // "Iésion" and "Rec3pteurs" share no word with the query, only character n-grams.
        var hits = await _retriever.SearchAsync("lésion récepteurs", new ChunkFilter(Tenant), top: 3, SearchMode.Hybrid);

        hits.Select(h => h.Chunk.FileName).ShouldContain("scan.pdf");
        hits[0].Chunk.FileName.ShouldBe("scan.pdf");
    }
}
