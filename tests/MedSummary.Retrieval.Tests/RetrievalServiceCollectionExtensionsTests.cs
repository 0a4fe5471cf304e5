using MedSummary.Core.Chunks;
using MedSummary.Core.Provenance;
using MedSummary.Retrieval.Embeddings;
using MedSummary.Retrieval.Search;
using MedSummary.Retrieval.Stores;
using MedSummary.Retrieval.Stores.Sqlite;
using MedSummary.Retrieval.Tests.TestSupport;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;

namespace MedSummary.Retrieval.Tests;

public sealed class RetrievalServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task The_default_registration_indexes_and_searches_with_configured_settings()
    {
        var path = _folder.File("di.db");
        await using var provider = Build(new()
        {
            ["MedSummary:Store:SqlitePath"] = path,
            ["MedSummary:Embeddings:Hashed:Dimension"] = "256",
            ["MedSummary:Retrieval:EmbeddingBatchSize"] = "8",
        });

        provider.GetRequiredService<IStartupValidator>().Validate();
        var retriever = provider.GetRequiredService<Retriever>();
        var chunk = new Chunk("doc:0", "doc", 0, null, new TextSpan(0, 24), 1, 1, "Lymphome B diffus à grandes cellules");
        await retriever.IndexAsync([chunk], "t", "d", new Dictionary<string, string> { ["doc"] = "hemato.pdf" });
        var hits = await retriever.SearchAsync("lymphome", new ChunkFilter("t"));

        hits.Single().Chunk.FileName.ShouldBe("hemato.pdf");
        provider.GetRequiredService<IChunkStore>().ShouldBeOfType<SqliteChunkStore>().DatabasePath.ShouldBe(Path.GetFullPath(path));
        provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().ShouldBeOfType<HashedNGramEmbeddingGenerator>().Dimension.ShouldBe(256);
        File.Exists(path).ShouldBeTrue();
    }

    [Theory]
    [InlineData("MedSummary:Store:Provider", "qdrant", "qdrant")]
    [InlineData("MedSummary:Store:Provider", " ", "Provider")]
    [InlineData("MedSummary:Store:SqlitePath", ":memory:", "SqlitePath")]
    [InlineData("MedSummary:Embeddings:Hashed:Dimension", "4", "Dimension")]
    [InlineData("MedSummary:Retrieval:EmbeddingBatchSize", "0", "EmbeddingBatchSize")]
    public async Task A_bad_setting_fails_at_start_naming_it(string key, string value, string named)
    {
        await using var provider = Build(new() { ["MedSummary:Store:SqlitePath"] = _folder.File("x.db"), [key] = value });

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        error.Message.ShouldContain(named);
    }

    [Fact]
    public async Task Another_provider_plugs_in_by_key()
    {
        using var other = new SqliteChunkStore(new SqliteChunkStoreOptions { DatabasePath = _folder.File("other.db") });
        var services = new ServiceCollection();
        services.AddKeyedSingleton<IChunkStore>("custom", other);
        services.AddMedSummaryRetrieval(o => o.Provider = "Custom");
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        provider.GetRequiredService<IChunkStore>().ShouldBeSameAs(other);
    }

    [Fact]
    public async Task An_embedder_registered_beforehand_is_kept()
    {
        using var mine = new HashedNGramEmbeddingGenerator(new HashedNGramEmbeddingOptions { Dimension = 64 });
        var services = new ServiceCollection();
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(mine);
        services.AddMedSummaryRetrieval(o => o.SqlitePath = _folder.File("kept.db"));
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().ShouldBeSameAs(mine);
    }

    public void Dispose() => _folder.Dispose();

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddMedSummaryRetrieval();
        return services.BuildServiceProvider();
    }
}
