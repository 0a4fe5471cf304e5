using MedSummary.Retrieval.Embeddings;
using MedSummary.Retrieval.Search;
using MedSummary.Retrieval.Stores;
using MedSummary.Retrieval.Stores.Sqlite;
using MedSummary.Retrieval.Tests.TestSupport;
using Shouldly;

namespace MedSummary.Retrieval.Tests.Search;

/// <summary>Search across dossiers on the embedded store, with generated dossiers of three tenants and the real embedder.</summary>
public sealed class CrossDossierSearchTests : IAsyncLifetime, IDisposable
{
    private const string Lyon = "chu-lyon";
    private const string Paris = "igr-paris";
    private const string Local = "local";
    private const string Exon19 = "EGFR exon 19 deletion";

    private static readonly IReadOnlyList<GeneratedDossier> Dossiers = GeneratedDossiers.Create([(Lyon, 7), (Paris, 11), (Local, 4)]);

    private readonly TempFolder _folder = new();
    private readonly HashedNGramEmbeddingGenerator _embedder = new();
    private readonly SqliteChunkStore _store;
    private readonly CrossDossierSearch _search;

    public CrossDossierSearchTests()
    {
        _store = new SqliteChunkStore(new SqliteChunkStoreOptions { DatabasePath = _folder.File("cross.db") });
        _search = new CrossDossierSearch(new Retriever(_embedder, _store));
    }

    public async Task InitializeAsync()
    {
        var retriever = new Retriever(_embedder, _store);
        foreach (var dossier in Dossiers)
        {
            await retriever.IndexAsync(dossier.Chunks, dossier.Tenant, dossier.Id, dossier.FileNames);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(Lyon)]
    [InlineData(Paris)]
    [InlineData(Local)]
    public async Task Lexical_search_puts_every_dossier_with_the_alteration_first(string tenant)
    {
        var expected = ExpectedDossiers(tenant, Alteration.EgfrExon19Deletion);
        expected.ShouldNotBeEmpty();

        var response = await _search.SearchAsync(new PassageSearchRequest(tenant, Exon19, Top: 50, Mode: SearchMode.Lexical));

        FirstDistinctDossiers(response, expected.Count).ShouldBe(expected, ignoreOrder: true);
        response.Passages.Select(p => p.Rank).ShouldBe(Enumerable.Range(1, response.Passages.Count));
        response.Passages.Select(p => p.Score).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public async Task Hybrid_search_finds_every_dossier_with_the_alteration_and_leads_with_one()
    {
        var expected = ExpectedDossiers(Paris, Alteration.EgfrExon19Deletion);

        var response = await _search.SearchAsync(new PassageSearchRequest(Paris, Exon19, Top: 20));

        response.Mode.ShouldBe("hybrid");
        expected.ShouldContain(response.Passages[0].DossierId);
        expected.ShouldBeSubsetOf(response.Passages.Select(p => p.DossierId).ToList());
        response.DossierCount.ShouldBe(response.Passages.Select(p => p.DossierId).Distinct().Count());
    }

    [Fact]
    public async Task No_search_returns_another_tenants_passages()
    {
        foreach (var tenant in new[] { Lyon, Paris, Local })
        {
            var others = new[] { Lyon, Paris, Local }.Where(t => t != tenant).Select(GeneratedDossiers.Marker).ToList();
            foreach (var mode in Enum.GetValues<SearchMode>())
            {
                // The other tenants' marker words, and a query every dossier of every tenant matches.
                foreach (var query in others.Append(Exon19).Append("adénocarcinome pulmonaire"))
                {
                    var response = await _search.SearchAsync(new PassageSearchRequest(tenant, query, Top: ChunkStoreGuards.MaxTop, Mode: mode));

                    response.Tenant.ShouldBe(tenant);
                    var documentIds = Dossiers.Where(d => d.Tenant == tenant).SelectMany(d => d.Documents).Select(d => d.Id).ToHashSet();
                    response.Passages.ShouldAllBe(p => documentIds.Contains(p.Citation.DocumentId));
                    response.Passages.ShouldAllBe(p => others.All(marker => !p.Text.Contains(marker)));
                }
            }
        }
    }

    [Fact]
    public async Task A_marker_found_only_in_one_tenant_is_found_there_and_nowhere_else()
    {
        var marker = GeneratedDossiers.Marker(Local);

        var own = await _search.SearchAsync(new PassageSearchRequest(Local, marker, Top: 100, Mode: SearchMode.Lexical));
        var other = await _search.SearchAsync(new PassageSearchRequest(Lyon, marker, Top: 100, Mode: SearchMode.Lexical));

        // Each dossier has two chunks with its tenant's marker (the report's heading and the board note's).
        own.Passages.Count.ShouldBe(Dossiers.Count(d => d.Tenant == Local) * 2);
        other.Passages.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(SearchMode.Lexical)]
    [InlineData(SearchMode.Dense)]
    [InlineData(SearchMode.Hybrid)]
    public async Task Every_citation_quotes_the_source_text_over_its_span_on_its_page(SearchMode mode)
    {
        var response = await _search.SearchAsync(new PassageSearchRequest(Lyon, Exon19, Top: 30, Mode: mode));

        response.Passages.ShouldNotBeEmpty();
        foreach (var passage in response.Passages)
        {
            var document = Dossiers.Single(d => d.Tenant == Lyon && d.Id == passage.DossierId).Documents.Single(d => d.Id == passage.Citation.DocumentId);
            var chunk = document.Chunks.Single(c => c.Id == passage.ChunkId);
            var citation = passage.Citation;
            document.Text[citation.Start..citation.End].ShouldBe(citation.Quote);
            citation.Quote.ShouldNotBeNullOrWhiteSpace();
            citation.Start.ShouldBeGreaterThanOrEqualTo(chunk.Span.Start);
            citation.End.ShouldBeLessThanOrEqualTo(chunk.Span.End);
            citation.Page.ShouldBe(chunk.PageStart);
            citation.FileName.ShouldBe(document.FileName);
            passage.Text.ShouldBe(chunk.Text);
            (passage.ChunkStart, passage.ChunkEnd).ShouldBe((chunk.Span.Start, chunk.Span.End));
            passage.PageEnd.ShouldBe(chunk.PageEnd);
        }
    }

    [Fact]
    public async Task The_quote_is_the_sentence_that_holds_the_query_words()
    {
        var response = await _search.SearchAsync(new PassageSearchRequest(Paris, Exon19, Top: 5, Mode: SearchMode.Lexical));

        var top = response.Passages[0];
        top.Citation.Quote.ShouldStartWith("Mise en évidence d'une délétion de l'exon 19");
        top.Citation.Quote.ShouldEndWith("mutation activatrice.");
        top.Citation.Page.ShouldBe(2);
        top.Section.ShouldBe("Anatomopathologie");
    }

    [Fact]
    public async Task A_dossier_list_restricts_the_search()
    {
        var wanted = ExpectedDossiers(Paris, Alteration.EgfrExon19Deletion).Take(1).Append("d02").Distinct().ToList();

        var response = await _search.SearchAsync(new PassageSearchRequest(Paris, "EGFR", Top: 100, DossierIds: wanted));

        response.Passages.ShouldNotBeEmpty();
        response.Passages.Select(p => p.DossierId).Distinct().ShouldBeSubsetOf(wanted);
    }

    [Fact]
    public async Task Blank_queries_find_nothing_and_bad_requests_are_refused()
    {
        (await _search.SearchAsync(new PassageSearchRequest(Lyon, "   "))).Passages.ShouldBeEmpty();
        await Should.ThrowAsync<ArgumentException>(() => _search.SearchAsync(new PassageSearchRequest(" ", "EGFR")));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => _search.SearchAsync(new PassageSearchRequest(Lyon, "EGFR", Top: 0)));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => _search.SearchAsync(new PassageSearchRequest(Lyon, "EGFR", Top: ChunkStoreGuards.MaxTop + 1)));
    }

    [Theory]
    [InlineData("Première phrase. Deuxième phrase avec EGFR.\nTroisième ligne", "egfr", "Deuxième phrase avec EGFR.")]
    [InlineData("Taille 2.5 cm ; EGFR muté. Fin", "egfr", "EGFR muté.")]
    [InlineData("  Rien de pertinent ici.  ", "egfr", "Rien de pertinent ici.")]
    [InlineData("Exon 19 ici. EGFR exon 19 là.", "egfr exon 19", "EGFR exon 19 là.")]
    public void Focus_picks_the_sentence_with_the_most_query_words(string text, string query, string expected)
    {
        var (start, length) = CrossDossierSearch.Focus(text, MedSummary.Retrieval.Text.LexicalText.QueryTerms(query, 64));

        text.Substring(start, length).ShouldBe(expected);
    }

    public void Dispose()
    {
        _store.Dispose();
        _embedder.Dispose();
        _folder.Dispose();
    }

    private static List<string> ExpectedDossiers(string tenant, Alteration alteration) =>
        Dossiers.Where(d => d.Tenant == tenant && d.Alteration == alteration).Select(d => d.Id).ToList();

    private static List<string> FirstDistinctDossiers(PassageSearchResponse response, int count) =>
        response.Passages.Select(p => p.DossierId).Distinct().Take(count).ToList();
}
