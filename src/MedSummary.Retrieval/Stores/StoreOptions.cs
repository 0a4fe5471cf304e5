using MedSummary.Retrieval.Stores.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedSummary.Retrieval.Stores;

/// <summary>Which chunk store serves and where it keeps its data; configuration section <c>MedSummary:Store</c>.</summary>
public sealed class StoreOptions
{
    public const string SectionName = "MedSummary:Store";

    /// <summary>The provider name of the embedded SQLite store.</summary>
    public const string EmbeddedProvider = "embedded";

    /// <summary>
    /// The <see cref="IChunkStore"/> to use, by the key it is registered under: "embedded" (default, a SQLite
    /// file, registered by AddMedSummaryRetrieval) or one another package registers ("qdrant", MedSummary.Qdrant).
    /// Compared case-insensitively.
    /// </summary>
    public string Provider { get; set; } = EmbeddedProvider;

    /// <summary>
    /// The SQLite file of the embedded store. Default "data/medsummary-chunks.db", relative to the current
    /// directory; the folder is created on first use.
    /// </summary>
    public string SqlitePath { get; set; } = Path.Combine("data", "medsummary-chunks.db");

    /// <summary>The provider as a service key: trimmed, lowercase.</summary>
    public string ProviderKey => (Provider ?? string.Empty).Trim().ToLowerInvariant();
}

/// <summary>Start-up validation of <see cref="StoreOptions"/>: the provider must be registered, the SQLite path usable.</summary>
internal sealed class StoreOptionsValidator(IServiceProvider services) : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        var key = options.ProviderKey;
        if (key.Length == 0)
        {
            return ValidateOptionsResult.Fail($"{StoreOptions.SectionName}:{nameof(StoreOptions.Provider)} is empty; use '{StoreOptions.EmbeddedProvider}' or a registered store provider.");
        }

        var keyed = services.GetService<IServiceProviderIsKeyedService>();
        if (keyed is not null && !keyed.IsKeyedService(typeof(IChunkStore), key))
        {
            return ValidateOptionsResult.Fail(
                $"{StoreOptions.SectionName}:{nameof(StoreOptions.Provider)} is '{options.Provider}', but no chunk store is registered under that name. "
                + $"'{StoreOptions.EmbeddedProvider}' is always available; other providers need their package's registration (e.g. 'qdrant' from MedSummary.Qdrant).");
        }

        if (key == StoreOptions.EmbeddedProvider && SqliteChunkStoreOptions.ValidatePath(options.SqlitePath) is { } pathError)
        {
            return ValidateOptionsResult.Fail($"{StoreOptions.SectionName}:{nameof(StoreOptions.SqlitePath)}: {pathError}");
        }

        return ValidateOptionsResult.Success;
    }
}
