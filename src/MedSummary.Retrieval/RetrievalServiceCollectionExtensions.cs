using MedSummary.Retrieval.Embeddings;
using MedSummary.Retrieval.Search;
using MedSummary.Retrieval.Stores;
using MedSummary.Retrieval.Stores.Reindexing;
using MedSummary.Retrieval.Stores.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedSummary.Retrieval;

/// <summary>Registration of retrieval: the default embedder, the chunk store chosen by configuration, the retriever.</summary>
public static class RetrievalServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="StoreOptions"/> (section MedSummary:Store), <see cref="HashedNGramEmbeddingOptions"/>
    /// (MedSummary:Embeddings:Hashed) and <see cref="RetrieverOptions"/> (MedSummary:Retrieval), bound from the
    /// container's IConfiguration when there is one and validated at start; the hashed n-gram embedder as
    /// IEmbeddingGenerator unless one is already registered; the SQLite store under the key "embedded"; IChunkStore
    /// as the store named by StoreOptions.Provider; <see cref="Retriever"/>, <see cref="CrossDossierSearch"/> and
    /// <see cref="ChunkStoreReindexer"/>.
    /// </summary>
    /// <param name="configureStore">Applied after configuration binding, so code wins over settings.</param>
    public static IServiceCollection AddMedSummaryRetrieval(this IServiceCollection services, Action<StoreOptions>? configureStore = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        Bind<StoreOptions>(services, StoreOptions.SectionName);
        if (configureStore is not null)
        {
            services.Configure(configureStore);
        }

        Bind<HashedNGramEmbeddingOptions>(services, HashedNGramEmbeddingOptions.SectionName);
        Bind<RetrieverOptions>(services, RetrieverOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HashedNGramEmbeddingOptions>, HashedNGramEmbeddingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetrieverOptions>, RetrieverOptionsValidator>());

        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
            new HashedNGramEmbeddingGenerator(sp.GetRequiredService<IOptions<HashedNGramEmbeddingOptions>>().Value));

        services.TryAddKeyedSingleton<IChunkStore>(StoreOptions.EmbeddedProvider, (sp, _) =>
            new SqliteChunkStore(
                new SqliteChunkStoreOptions { DatabasePath = sp.GetRequiredService<IOptions<StoreOptions>>().Value.SqlitePath },
                sp.GetService<ILogger<SqliteChunkStore>>()));

        // Providers plug in as keyed registrations; the configured one becomes the IChunkStore.
        services.TryAddSingleton<IChunkStore>(sp =>
            sp.GetRequiredKeyedService<IChunkStore>(sp.GetRequiredService<IOptions<StoreOptions>>().Value.ProviderKey));

        services.TryAddSingleton(sp => new Retriever(
            sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            sp.GetRequiredService<IChunkStore>(),
            sp.GetRequiredService<IOptions<RetrieverOptions>>(),
            sp.GetService<ILogger<Retriever>>()));
        services.TryAddSingleton(sp => new CrossDossierSearch(sp.GetRequiredService<Retriever>(), sp.GetService<ILogger<CrossDossierSearch>>()));
        services.TryAddSingleton(sp => new ChunkStoreReindexer(sp.GetService<ILogger<ChunkStoreReindexer>>()));

        return services;
    }

    private static void Bind<TOptions>(IServiceCollection services, string section)
        where TOptions : class
    {
        services.AddOptions<TOptions>()
            .Configure<IServiceProvider>((options, sp) => sp.GetService<IConfiguration>()?.GetSection(section).Bind(options))
            .ValidateOnStart();
    }
}
