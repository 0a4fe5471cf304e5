using MedSummary.Core.Chunks;
using MedSummary.Core.Provenance;
using MedSummary.Retrieval.Search;
using MedSummary.Retrieval.Stores;
using MedSummary.Testing.Environment;
using Shouldly;
using Xunit;

namespace MedSummary.Testing.Conformance;

/// <summary>
/// The behaviour every <see cref="IChunkStore"/> must have. Each implementation's test project subclasses
/// this once and supplies <see cref="CreateStoreAsync"/>; xunit runs every test below against it. A new
/// instance of the subclass is made per test, so each test owns its stores. A subclass that needs a server marks
/// itself [RequiresEnvironment("VARIABLE", "why")]: where the variable is unset, every test is reported skipped
/// with that reason.
/// </summary>
public abstract class ChunkStoreConformanceTests : IAsyncLifetime
{
    /// <summary>Small on purpose: hand-made vectors whose cosines the tests can reason about.</summary>
    protected const int Dimension = 8;

    /// <summary>The embedder id the suite's stores are created with.</summary>
    protected const string EmbedderId = "conformance-embedder-v1";

    private const string Tenant = "tenant-a";
    private const string OtherTenant = "tenant-b";

    private readonly List<IChunkStore> _stores = [];

    /// <summary>
    /// A fresh, empty store that has not been created yet (no EnsureCreatedAsync). Called once or more per
    /// test; the suite disposes each store (IAsyncDisposable or IDisposable) when the test ends.
    /// </summary>
    protected abstract Task<IChunkStore> CreateStoreAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            switch (store)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    [EnvironmentFact]
    public async Task EnsureCreated_is_idempotent_and_keeps_data()
    {
        var store = await NewStoreAsync();
        await store.UpsertAsync([Make(Tenant, "d1", "doc1", 0, "Compte rendu opératoire", Basis(0))]);

        await store.EnsureCreatedAsync(Dimension, EmbedderId);
        await store.EnsureCreatedAsync(Dimension, EmbedderId);

        (await store.CountAsync(new ChunkFilter(Tenant))).ShouldBe(1);
    }

    [EnvironmentFact]
    public async Task EnsureCreated_with_another_dimension_is_refused()
    {
        var store = await NewStoreAsync();

        var error = await Should.ThrowAsync<InvalidOperationException>(() => store.EnsureCreatedAsync(Dimension * 2, EmbedderId));

        error.Message.ShouldContain($"{Dimension}-dimension");
    }

    [EnvironmentFact]
    public async Task EnsureCreated_with_another_embedder_of_the_same_dimension_is_refused()
    {
        var store = await NewStoreAsync();
        await store.UpsertAsync([Make(Tenant, "d1", "doc1", 0, "Compte rendu opératoire", Basis(0))]);

        var error = await Should.ThrowAsync<InvalidOperationException>(() => store.EnsureCreatedAsync(Dimension, "another-embedder-v2"));

        error.Message.ShouldContain(EmbedderId);
        error.Message.ShouldContain("another-embedder-v2");
        (await store.DescribeAsync()).ShouldBe(new StoreDescriptor(Dimension, EmbedderId));
        (await store.CountAsync(new ChunkFilter(Tenant))).ShouldBe(1);
        await Should.ThrowAsync<ArgumentException>(() => store.EnsureCreatedAsync(Dimension, " "));
    }

    [EnvironmentFact]
    public async Task Describe_tells_whether_and_how_the_store_was_created()
    {
        var store = await NewStoreAsync(create: false);

        (await store.DescribeAsync()).ShouldBeNull();
        await store.EnsureCreatedAsync(Dimension, EmbedderId);
        (await store.DescribeAsync()).ShouldBe(new StoreDescriptor(Dimension, EmbedderId));
    }

    [EnvironmentFact]
    public async Task ListTenants_returns_each_tenant_holding_chunks_once_in_ordinal_order()
    {
        var store = await NewStoreAsync();
        (await store.ListTenantsAsync()).ShouldBeEmpty();
        await store.UpsertAsync(
        [
            Make(Tenant, "d1", "doc1", 0, "un", Basis(0)),
            Make(Tenant, "d2", "doc1", 0, "deux", Basis(1)),
            Make(OtherTenant, "d1", "doc1", 0, "trois", Basis(2)),
            Make("Zeta", "d1", "doc1", 0, "quatre", Basis(3)),
            Make("tenant-c", "d1", "doc1", 0, "cinq", Basis(4)),
        ]);

        (await store.ListTenantsAsync()).ShouldBe(["Zeta", Tenant, OtherTenant, "tenant-c"]);
        await store.DeleteDossierAsync("tenant-c", "d1");
        (await store.ListTenantsAsync()).ShouldBe(["Zeta", Tenant, OtherTenant]);
    }

    [EnvironmentFact]
    public async Task Operations_on_a_store_never_created_are_refused()
    {
        var store = await NewStoreAsync(create: false);
        var filter = new ChunkFilter(Tenant);

        await Should.ThrowAsync<InvalidOperationException>(() => store.UpsertAsync([Make(Tenant, "d1", "doc1", 0, "texte", Basis(0))]));
        await Should.ThrowAsync<InvalidOperationException>(() => store.SearchAsync(new ChunkQuery(filter, "texte", null, 5, SearchMode.Lexical)));
        await Should.ThrowAsync<InvalidOperationException>(() => store.CountAsync(filter));
        await Should.ThrowAsync<InvalidOperationException>(() => store.DeleteDossierAsync(Tenant, "d1"));
        await Should.ThrowAsync<InvalidOperationException>(async () => await ToListAsync(store.ListAsync(filter)));
        await Should.ThrowAsync<InvalidOperationException>(() => store.ListTenantsAsync());
    }

    [EnvironmentFact]
    public async Task Upsert_then_count_by_tenant_and_dossier()
    {
        var store = await NewStoreAsync();
        await store.UpsertAsync(
        [
            Make(Tenant, "d1", "doc1", 0, "un", Basis(0)),
            Make(Tenant, "d1", "doc1", 1, "deux", Basis(1)),
            Make(Tenant, "d2", "doc2", 0, "trois", Basis(2)),
            Make(OtherTenant, "d1", "doc1", 0, "quatre", Basis(3)),
        ]);

        (await store.CountAsync(new ChunkFilter(Tenant))).ShouldBe(3);
        (await store.CountAsync(new ChunkFilter(Tenant, DossierIds: ["d1"]))).ShouldBe(2);
        (await store.CountAsync(new ChunkFilter(OtherTenant))).ShouldBe(1);
        (await store.CountAsync(new ChunkFilter("nobody"))).ShouldBe(0);
    }

    [EnvironmentFact]
    public async Task Upsert_of_an_empty_batch_writes_nothing()
    {
        var store = await NewStoreAsync();

        await store.UpsertAsync([]);

        (await store.CountAsync(new ChunkFilter(Tenant))).ShouldBe(0);
    }

    [EnvironmentFact]
    public async Task Reupserting_the_same_ids_replaces_and_duplicates_nothing()
    {
        var store = await NewStoreAsync();
        await store.UpsertAsync(
        [
            Make(Tenant, "d1", "doc1", 0, "Mammographie initiale sans anomalie", Basis(0)),
            Make(Tenant, "d1", "doc1", 1, "Biopsie écho-guidée", Basis(1)),
        ]);

        await store.UpsertAsync(
        [
            Make(Tenant, "d1", "doc1", 0, "Scintigraphie osseuse normale", Basis(2)),
            Make(Tenant, "d1", "doc1", 1, "Biopsie écho-guidée", Basis(1)),
        ]);

        (await store.CountAsync(new ChunkFilter(Tenant))).ShouldBe(2);
        (await LexicalAsync(store, new ChunkFilter(Tenant), "mammographie")).ShouldBeEmpty();
        (await LexicalAsync(store, new ChunkFilter(Tenant), "scintigraphie")).Select(h => h.Chunk.Chunk.Id).ShouldBe([Chunk.MakeId("doc1", 0)]);
        var nearest = await DenseAsync(store, new ChunkFilter(Tenant), Basis(2), top: 1);
        nearest.Single().Chunk.Chunk.Text.ShouldBe("Scintigraphie osseuse normale");
        var listed = await ToListAsync(store.ListAsync(new ChunkFilter(Tenant)));
        listed.Select(c => c.Chunk.Text).ShouldBe(["Scintigraphie osseuse normale", "Biopsie écho-guidée"], ignoreOrder: true);
    }

    [EnvironmentFact]
    public async Task The_same_chunk_id_in_two_dossiers_or_tenants_is_kept_apart()
    {
        var store = await NewStoreAsync();
        await store.UpsertAsync(
        [
            Make(Tenant, "d1", "doc1", 0, "copie du dossier un", Basis(0)),
            Make(Tenant, "d2", "doc1", 0, "copie du dossier deux", Basis(0)),
            Make(OtherTenant, "d1", "doc1", 0, "copie de l'autre établissement", Basis(0)),
        ]);

        (await store.CountAsync(new ChunkFilter(Tenant))).ShouldBe(2);
        (await store.CountAsync(new ChunkFilter(OtherTenant))).ShouldBe(1);
        var texts = (await ToListAsync(store.ListAsync(new ChunkFilter(Tenant)))).Select(c => c.Chunk.Text);
        texts.ShouldBe(["copie du dossier un", "copie du dossier deux"], ignoreOrder: true);
    }

    [EnvironmentFact]
    public async Task Dense_search_returns_the_nearest_first_with_cosine_scores_and_the_chunk_intact()
    {
        var store = await NewStoreAsync();
        float[][] vectors =
        [
            Vector(1, 0, 0, 0),
            Vector(0.8f, 0.6f, 0, 0),
            Vector(0, 1, 0, 0),
            Vector(-1, 0.2f, 0, 0),
            Vector(0.2f, 0.3f, 0.9f, 0),
        ];
        var chunks = vectors.Select((v, i) => Make(Tenant, "d1", "doc1", i, $"passage {i}", v, section: $"Section {i}")).ToList();
        await store.UpsertAsync(chunks);
        var query = Vector(1, 0.1f, 0, 0);

        var hits = await DenseAsync(store, new ChunkFilter(Tenant), query, top: 5);

        var expected = chunks.OrderByDescending(c => Cosine(query, c.Vector.ToArray())).ToList();
        hits.Select(h => h.Chunk.Chunk.Id).ShouldBe(expected.Select(c => c.Chunk.Id));
        foreach (var hit in hits)
        {
            var stored = chunks.Single(c => c.Chunk.Id == hit.Chunk.Chunk.Id);
            hit.Score.ShouldBe(Cosine(query, stored.Vector.ToArray()), 1e-5);
            hit.DenseScore.ShouldBe(hit.Score);
            hit.LexicalScore.ShouldBeNull();
            hit.Chunk.Chunk.ShouldBe(stored.Chunk);
            hit.Chunk.Tenant.ShouldBe(Tenant);
            hit.Chunk.DossierId.ShouldBe("d1");
            hit.Chunk.FileName.ShouldBe(stored.FileName);
        }

        hits.Select(h => h.Score).ShouldBeInOrder(SortDirection.Descending);
    }

    [EnvironmentTheory]
    [InlineData("Récepteurs hormonaux positifs", "recepteurs")]
    [InlineData("recepteurs hormonaux positifs", "Récepteurs")]
    [InlineData("RÉCEPTEURS HORMONAUX POSITIFS", "récepteurs")]
    [InlineData("Récepteurs aux œstrogènes : 90 %", "oestrogenes")]
    [InlineData("Récepteurs aux oestrogènes : 90 %", "Œstrogènes")]
    [InlineData("Re\u0301cepteurs (forme décomposée)", "récepteurs")]
    public async Task Lexical_search_folds_case_accents_and_ligatures(string stored, string query)
    {
        var store = await NewStoreAsync();
        await store.UpsertAsync(
        [
            Make(Tenant, "d1", "doc1", 0, stored, Basis(0)),
            Make(Tenant, "d1", "doc1", 1, "Fracture du poignet gauche", Basis(1)),
        ]);

        var hits = await LexicalAsync(store, new ChunkFilter(Tenant), query);

        hits.Select(h => h.Chunk.Chunk.Text).ShouldBe([stored]);
        hits[0].LexicalScore.ShouldNotBeNull();
        hits[0].Score.ShouldBe(hits[0].LexicalScore!.Value);
        hits[0].DenseScore.ShouldBeNull();
    }

    [EnvironmentFact]
    public async Task Lexical_search_ranks_the_chunk_with_the_rare_term_first_and_skips_non_matches()
    {
        var store = await NewStoreAsync();
        await store.UpsertAsync(
        [
            Make(Tenant, "d1", "doc1", 0, "Carcinome canalaire infiltrant du sein droit, carcinome de grade 2.", Basis(0)),
            Make(Tenant, "d1", "doc1", 1, "Le carcinome est classé pT2 N0, carcinome sans emboles.", Basis(1)),
            Make(Tenant, "d1", "doc1", 2, "Traitement adjuvant par trastuzumab proposé pour ce carcinome.", Basis(2)),
            Make(Tenant, "d1", "doc1", 3, "Carcinome HER2 positif, le carcinome est multifocal.", Basis(3)),
            Make(Tenant, "d1", "doc1", 4, "Consultation d'annonce avec l'infirmière.", Basis(4)),
        ]);

        var hits = await LexicalAsync(store, new ChunkFilter(Tenant), "carcinome trastuzumab", top: 10);

        hits[0].Chunk.Chunk.Index.ShouldBe(2);
        hits.Count.ShouldBe(4);
        hits.ShouldNotContain(h => h.Chunk.Chunk.Index == 4);
        hits.Select(h => h.Score).ShouldBeInOrder(SortDirection.Descending);
    }

    [EnvironmentFact]
    public async Task Hybrid_search_returns_the_union_in_reciprocal_rank_order()
    {
        var store = await NewStoreAsync();
        await store.UpsertAsync(
        [
            Make(Tenant, "d1", "doc1", 0, "Bilan d'extension sans particularité.", Vector(1, 0, 0, 0)),
            Make(Tenant, "d1", "doc1", 1, "Le ganglion sentinelle est indemne ; ganglion sentinelle unique.", Vector(0.9f, 0.44f, 0, 0)),
            Make(Tenant, "d1", "doc1", 2, "Un ganglion axillaire palpable.", Vector(0.3f, 0.95f, 0, 0)),
            Make(Tenant, "d1", "doc1", 3, "Antécédents familiaux non renseignés.", Vector(-1, 0, 0, 0)),
        ]);
        var filter = new ChunkFilter(Tenant);
        var queryVector = Vector(1, 0, 0, 0);
        const string queryText = "ganglion sentinelle";

        var hybrid = await store.SearchAsync(new ChunkQuery(filter, queryText, queryVector, 4, SearchMode.Hybrid));

        // Dense ranks 0,1,2,3; lexical ranks 1,2: fused, 1 leads, then 2 (both sides), then 0, then 3.
        hybrid.Select(h => h.Chunk.Chunk.Index).ShouldBe([1, 2, 0, 3]);
        var depth = ReciprocalRankFusion.CandidateDepth(4);
        var dense = await DenseAsync(store, filter, queryVector, depth);
        var lexical = await LexicalAsync(store, filter, queryText, depth);
        var fused = ReciprocalRankFusion.FuseHits(dense, lexical, 4);
        hybrid.Select(h => h.Chunk.Chunk.Id).ShouldBe(fused.Select(h => h.Chunk.Chunk.Id));
        hybrid.Select(h => h.Score).ShouldBe(fused.Select(h => h.Score), tolerance: 1e-9);
        hybrid[0].DenseScore.ShouldNotBeNull();
        hybrid[0].LexicalScore.ShouldNotBeNull();
        hybrid.Single(h => h.Chunk.Chunk.Index == 0).LexicalScore.ShouldBeNull();
    }

    [EnvironmentFact]
    public async Task Hybrid_search_works_with_only_text_or_only_a_vector()
    {
        var store = await NewStoreAsync();
        await store.UpsertAsync(
        [
            Make(Tenant, "d1", "doc1", 0, "Tumeur de la vessie", Basis(0)),
            Make(Tenant, "d1", "doc1", 1, "Tumeur du rein", Basis(1)),
        ]);
        var filter = new ChunkFilter(Tenant);

        var textOnly = await store.SearchAsync(new ChunkQuery(filter, "rein", null, 5, SearchMode.Hybrid));
        var vectorOnly = await store.SearchAsync(new ChunkQuery(filter, null, Basis(0), 5, SearchMode.Hybrid));

        textOnly.Select(h => h.Chunk.Chunk.Index).ShouldBe([1]);
        vectorOnly[0].Chunk.Chunk.Index.ShouldBe(0);
        await Should.ThrowAsync<ArgumentException>(() => store.SearchAsync(new ChunkQuery(filter, null, null, 5, SearchMode.Hybrid)));
    }

    [EnvironmentFact]
    public async Task No_search_ever_returns_another_tenants_chunks()
    {
        var store = await NewStoreAsync();
        await store.UpsertAsync(
        [
            Make(Tenant, "d1", "doc1", 0, "Patiente suivie pour adénocarcinome alpha", Basis(0)),
            Make(OtherTenant, "d1", "doc1", 0, "Patiente suivie pour adénocarcinome beta", Basis(0)),
            Make(OtherTenant, "d1", "doc1", 1, "Adénocarcinome adénocarcinome adénocarcinome", Basis(0)),
            Make(OtherTenant, "d9", "doc9", 0, "Adénocarcinome du pancréas", Basis(0)),
        ]);
        var filter = new ChunkFilter(Tenant);

        foreach (var mode in Enum.GetValues<SearchMode>())
        {
            var hits = await store.SearchAsync(new ChunkQuery(filter, "adénocarcinome beta pancréas", Basis(0), 10, mode));
            hits.ShouldAllBe(h => h.Chunk.Tenant == Tenant);
            hits.Select(h => h.Chunk.Chunk.Text).ShouldBe(["Patiente suivie pour adénocarcinome alpha"]);
        }

        var scoped = new ChunkFilter(Tenant, DossierIds: ["d9"], DocumentIds: ["doc9"]);
        foreach (var mode in Enum.GetValues<SearchMode>())
        {
            (await store.SearchAsync(new ChunkQuery(scoped, "pancréas", Basis(0), 10, mode))).ShouldBeEmpty();
        }

        (await ToListAsync(store.ListAsync(filter))).ShouldAllBe(c => c.Tenant == Tenant);
        (await store.CountAsync(scoped)).ShouldBe(0);
    }

    [EnvironmentFact]
    public async Task Filters_by_dossier_list_document_list_and_section()
    {
        var store = await NewStoreAsync();
        await store.UpsertAsync(
        [
            Make(Tenant, "d1", "doc1", 0, "biopsie mammaire", Basis(0), section: "Anatomopathologie"),
            Make(Tenant, "d1", "doc2", 0, "biopsie hépatique", Basis(0), section: "Imagerie"),
            Make(Tenant, "d2", "doc3", 0, "biopsie osseuse", Basis(0), section: "Anatomopathologie"),
            Make(Tenant, "d3", "doc4", 0, "biopsie cutanée", Basis(0), section: null),
        ]);

        async Task<IEnumerable<string>> Found(ChunkFilter filter, SearchMode mode) =>
            (await store.SearchAsync(new ChunkQuery(filter, "biopsie", Basis(0), 10, mode))).Select(h => h.Chunk.Chunk.DocumentId).Order();

        foreach (var mode in Enum.GetValues<SearchMode>())
        {
            (await Found(new ChunkFilter(Tenant, DossierIds: ["d1", "d3"]), mode)).ShouldBe(["doc1", "doc2", "doc4"]);
            (await Found(new ChunkFilter(Tenant, DocumentIds: ["doc2", "doc3"]), mode)).ShouldBe(["doc2", "doc3"]);
            (await Found(new ChunkFilter(Tenant, Section: "Anatomopathologie"), mode)).ShouldBe(["doc1", "doc3"]);
            (await Found(new ChunkFilter(Tenant, DossierIds: ["d1"], Section: "Anatomopathologie"), mode)).ShouldBe(["doc1"]);
            (await Found(new ChunkFilter(Tenant, DossierIds: []), mode)).ShouldBeEmpty();
            (await Found(new ChunkFilter(Tenant, DocumentIds: []), mode)).ShouldBeEmpty();
        }

        (await store.CountAsync(new ChunkFilter(Tenant, DossierIds: ["d1", "d2"]))).ShouldBe(3);
        (await store.CountAsync(new ChunkFilter(Tenant, Section: "Imagerie"))).ShouldBe(1);
        (await store.CountAsync(new ChunkFilter(Tenant, DossierIds: []))).ShouldBe(0);
        (await ToListAsync(store.ListAsync(new ChunkFilter(Tenant, DocumentIds: ["doc4"])))).Single().Chunk.Text.ShouldBe("biopsie cutanée");
    }

    [EnvironmentFact]
    public async Task Top_is_respected_in_every_mode()
    {
        var store = await NewStoreAsync();
        var random = new Random(7);
        await store.UpsertAsync(Enumerable.Range(0, 30)
            .Select(i => Make(Tenant, "d1", "doc1", i, $"compte rendu numéro {i} de chimiothérapie", RandomVector(random)))
            .ToList());

        foreach (var mode in Enum.GetValues<SearchMode>())
        {
            (await store.SearchAsync(new ChunkQuery(new ChunkFilter(Tenant), "chimiothérapie", RandomVector(random), 5, mode))).Count.ShouldBe(5);
            (await store.SearchAsync(new ChunkQuery(new ChunkFilter(Tenant), "chimiothérapie", RandomVector(random), 1, mode))).Count.ShouldBe(1);
        }

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => store.SearchAsync(new ChunkQuery(new ChunkFilter(Tenant), "x", null, 0, SearchMode.Lexical)));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() =>
            store.SearchAsync(new ChunkQuery(new ChunkFilter(Tenant), "x", null, ChunkStoreGuards.MaxTop + 1, SearchMode.Lexical)));
    }

    [EnvironmentFact]
    public async Task DeleteDossier_removes_only_that_dossier_of_that_tenant()
    {
        var store = await NewStoreAsync();
        await store.UpsertAsync(
        [
            Make(Tenant, "d1", "doc1", 0, "lymphome folliculaire", Basis(0)),
            Make(Tenant, "d1", "doc1", 1, "lymphome en rémission", Basis(1)),
            Make(Tenant, "d2", "doc2", 0, "myélome multiple", Basis(2)),
            Make(OtherTenant, "d1", "doc1", 0, "lymphome folliculaire", Basis(0)),
        ]);

        await store.DeleteDossierAsync(Tenant, "d1");
        await store.DeleteDossierAsync(Tenant, "never-indexed");

        (await store.CountAsync(new ChunkFilter(Tenant, DossierIds: ["d1"]))).ShouldBe(0);
        (await store.CountAsync(new ChunkFilter(Tenant, DossierIds: ["d2"]))).ShouldBe(1);
        (await store.CountAsync(new ChunkFilter(OtherTenant, DossierIds: ["d1"]))).ShouldBe(1);
        (await LexicalAsync(store, new ChunkFilter(Tenant), "lymphome")).ShouldBeEmpty();
        (await DenseAsync(store, new ChunkFilter(Tenant), Basis(0), 10)).Select(h => h.Chunk.DossierId).ShouldBe(["d2"]);
        (await LexicalAsync(store, new ChunkFilter(OtherTenant), "lymphome")).Count.ShouldBe(1);
    }

    [EnvironmentFact]
    public async Task List_returns_every_chunk_with_its_vector_bit_for_bit()
    {
        var store = await NewStoreAsync();
        var random = new Random(11);
        var chunks = Enumerable.Range(0, 12)
            .Select(i => Make(Tenant, $"d{i % 3}", $"doc{i % 4}", i, $"texte {i} — « guillemets » et émojis 🩺", RandomVector(random), section: i % 2 == 0 ? "Conclusion" : null))
            .ToList();
        chunks.Add(Make(Tenant, "d9", "doc9", 0, "valeurs extrêmes", Vector(-0.0f, float.Epsilon, 1e-38f, 3.4e38f, -3.4e38f, 1f / 3, -1e-7f, 0)));
        await store.UpsertAsync(chunks);

        var listed = await ToListAsync(store.ListAsync(new ChunkFilter(Tenant)));

        listed.Count.ShouldBe(chunks.Count);
        foreach (var original in chunks)
        {
            var copy = listed.Single(c => c.DossierId == original.DossierId && c.Chunk.Id == original.Chunk.Id);
            copy.Chunk.ShouldBe(original.Chunk);
            copy.Tenant.ShouldBe(original.Tenant);
            copy.FileName.ShouldBe(original.FileName);
            Bits(copy.Vector).ShouldBe(Bits(original.Vector));
        }
    }

    [EnvironmentFact]
    public async Task Vectors_of_the_wrong_dimension_or_not_finite_are_refused_and_nothing_is_written()
    {
        var store = await NewStoreAsync();
        var good = Make(Tenant, "d1", "doc1", 0, "valide", Basis(0));
        var wrongDimension = Make(Tenant, "d1", "doc1", 1, "trop court", new float[Dimension - 1]);
        var notFinite = Make(Tenant, "d1", "doc1", 2, "NaN", Vector(float.NaN));

        var error = await Should.ThrowAsync<ArgumentException>(() => store.UpsertAsync([good, wrongDimension]));
        await Should.ThrowAsync<ArgumentException>(() => store.UpsertAsync([good, notFinite]));

        error.Message.ShouldContain((Dimension - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await store.CountAsync(new ChunkFilter(Tenant))).ShouldBe(0);
        await Should.ThrowAsync<ArgumentException>(() =>
            store.SearchAsync(new ChunkQuery(new ChunkFilter(Tenant), null, new float[Dimension + 1], 5, SearchMode.Dense)));
    }

    [EnvironmentFact]
    public async Task Malformed_queries_are_refused()
    {
        var store = await NewStoreAsync();

        await Should.ThrowAsync<ArgumentException>(() => store.SearchAsync(new ChunkQuery(new ChunkFilter(" "), "x", null, 5, SearchMode.Lexical)));
        await Should.ThrowAsync<ArgumentException>(() => store.SearchAsync(new ChunkQuery(new ChunkFilter(Tenant), "x", null, 5, SearchMode.Dense)));
        await Should.ThrowAsync<ArgumentException>(() => store.SearchAsync(new ChunkQuery(new ChunkFilter(Tenant), null, Basis(0), 5, SearchMode.Lexical)));
        await Should.ThrowAsync<ArgumentException>(() => store.CountAsync(new ChunkFilter("")));
        await Should.ThrowAsync<ArgumentException>(() => store.DeleteDossierAsync(Tenant, " "));
    }

    [EnvironmentFact]
    public async Task An_empty_store_finds_nothing()
    {
        var store = await NewStoreAsync();
        var filter = new ChunkFilter(Tenant);

        foreach (var mode in Enum.GetValues<SearchMode>())
        {
            (await store.SearchAsync(new ChunkQuery(filter, "carcinome", Basis(0), 10, mode))).ShouldBeEmpty();
        }

        (await store.CountAsync(filter)).ShouldBe(0);
        (await ToListAsync(store.ListAsync(filter))).ShouldBeEmpty();
    }

    [EnvironmentTheory]
    [InlineData("\"")]
    [InlineData("\"récepteurs")]
    [InlineData("\"récepteurs\" \"")]
    [InlineData("récepteurs*")]
    [InlineData("*")]
    [InlineData("-récepteurs")]
    [InlineData("NOT récepteurs")]
    [InlineData("récepteurs NOT")]
    [InlineData("AND OR NOT NEAR")]
    [InlineData("NEAR(récepteurs hormonaux, 2)")]
    [InlineData("(récepteurs")]
    [InlineData("récepteurs)")]
    [InlineData("body:récepteurs")]
    [InlineData("{body text}: récepteurs")]
    [InlineData("^récepteurs")]
    [InlineData("récepteurs + hormonaux")]
    [InlineData("'; DROP TABLE chunks; --")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("%_\\")]
    public async Task Query_text_with_search_syntax_is_taken_literally(string query)
    {
        var store = await NewStoreAsync();
        await store.UpsertAsync(
        [
            Make(Tenant, "d1", "doc1", 0, "Récepteurs hormonaux positifs", Basis(0)),
            Make(Tenant, "d1", "doc1", 1, "Pas de récidive", Basis(1)),
        ]);

        var lexical = await LexicalAsync(store, new ChunkFilter(Tenant), query);
        var hybrid = await store.SearchAsync(new ChunkQuery(new ChunkFilter(Tenant), query, Basis(0), 10, SearchMode.Hybrid));

        var mentionsTerm = query.Contains("récepteurs", StringComparison.Ordinal);
        lexical.Any(h => h.Chunk.Chunk.Index == 0).ShouldBe(mentionsTerm);
        hybrid.Count.ShouldBe(2);
        (await store.CountAsync(new ChunkFilter(Tenant))).ShouldBe(2);
    }

    [EnvironmentFact]
    public async Task Concurrent_upserts_and_searches_do_not_corrupt_the_store()
    {
        var store = await NewStoreAsync();
        const int writers = 4;
        const int batches = 8;
        const int batchSize = 5;
        var readerErrors = 0;

        var writing = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var b = 0; b < batches; b++)
            {
                var batch = Enumerable.Range(0, batchSize)
                    .Select(i => Make(Tenant, $"w{w}", $"doc-w{w}", (b * batchSize) + i, $"écrivain{w} lot{b} passage{i} marqueurw{w}b{b}i{i}", RandomVector(random)))
                    .ToList();
                await store.UpsertAsync(batch);
            }
        })).ToList();

        var reading = Enumerable.Range(0, writers).Select(r => Task.Run(async () =>
        {
            var random = new Random(100 + r);
            for (var q = 0; q < 12; q++)
            {
                var mode = (SearchMode)(q % 3);
                var hits = await store.SearchAsync(new ChunkQuery(new ChunkFilter(Tenant), "passage lot1", RandomVector(random), 5, mode));
                if (hits.Any(h => h.Chunk.Tenant != Tenant))
                {
                    Interlocked.Increment(ref readerErrors);
                }

                await store.CountAsync(new ChunkFilter(Tenant));
            }
        })).ToList();

        await Task.WhenAll(writing.Concat(reading));

        readerErrors.ShouldBe(0);
        (await store.CountAsync(new ChunkFilter(Tenant))).ShouldBe(writers * batches * batchSize);
        for (var w = 0; w < writers; w++)
        {
            (await store.CountAsync(new ChunkFilter(Tenant, DossierIds: [$"w{w}"]))).ShouldBe(batches * batchSize);
        }

        var listed = await ToListAsync(store.ListAsync(new ChunkFilter(Tenant)));
        listed.Select(c => (c.DossierId, c.Chunk.Id)).Distinct().Count().ShouldBe(writers * batches * batchSize);
        var probe = await LexicalAsync(store, new ChunkFilter(Tenant), "marqueurw3b7i4");
        probe.Single().Chunk.Chunk.Text.ShouldContain("marqueurw3b7i4");
    }

    /// <summary>A store from <see cref="CreateStoreAsync"/>, disposed after the test; created with <see cref="Dimension"/> unless told not to.</summary>
    protected async Task<IChunkStore> NewStoreAsync(bool create = true)
    {
        var store = await CreateStoreAsync();
        _stores.Add(store);
        if (create)
        {
            await store.EnsureCreatedAsync(Dimension, EmbedderId);
        }

        return store;
    }

    protected static IndexedChunk Make(
        string tenant, string dossier, string document, int index, string text, float[] vector, string? section = null, string? fileName = null)
    {
        var start = index * 1000;
        var chunk = new Chunk(Chunk.MakeId(document, index), document, index, section, TextSpan.FromLength(start, text.Length), 1 + (index / 3), 1 + (index / 3) + (index % 2), text);
        return new IndexedChunk(chunk, tenant, dossier, fileName ?? $"{document}.pdf", vector);
    }

    protected static float[] Vector(params float[] leading)
    {
        var vector = new float[Dimension];
        leading.AsSpan().CopyTo(vector);
        return vector;
    }

    protected static float[] Basis(int axis)
    {
        var vector = new float[Dimension];
        vector[axis] = 1;
        return vector;
    }

    protected static float[] RandomVector(Random random)
    {
        var vector = new float[Dimension];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return vector;
    }

    protected static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        return dot / (Math.Sqrt(na) * Math.Sqrt(nb));
    }

    protected static Task<IReadOnlyList<ChunkHit>> LexicalAsync(IChunkStore store, ChunkFilter filter, string text, int top = 10) =>
        store.SearchAsync(new ChunkQuery(filter, text, null, top, SearchMode.Lexical));

    protected static Task<IReadOnlyList<ChunkHit>> DenseAsync(IChunkStore store, ChunkFilter filter, float[] vector, int top) =>
        store.SearchAsync(new ChunkQuery(filter, null, vector, top, SearchMode.Dense));

    protected static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    private static int[] Bits(ReadOnlyMemory<float> vector) => vector.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();
}
