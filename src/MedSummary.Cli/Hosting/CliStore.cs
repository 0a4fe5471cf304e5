using MedSummary.Retrieval.Stores;
using MedSummary.Retrieval.Stores.Sqlite;
using Microsoft.Extensions.Configuration;

namespace MedSummary.Cli.Hosting;

/// <summary>How a command picks its chunk index when neither --store nor the configuration names one.</summary>
public enum StoreDefault
{
    /// <summary>A fresh index in a temporary folder, deleted when the command ends (one-shot extract and summarize).</summary>
    Temporary,

    /// <summary>The per-user index (<see cref="CliStore.PerUserPath"/>): what `search` reads and `summarize --index` fills.</summary>
    PerUser,
}

/// <summary>
/// Where the command line keeps the chunk index. Patient text never lands in the current folder: the index is the
/// file --store names, else the one the configuration names (MedSummary:Store:SqlitePath or another provider),
/// else the per-user one or a temporary one, as the command asks. Dispose deletes a temporary index.
/// </summary>
public sealed class CliStore : IDisposable
{
    /// <summary>The index file name inside a folder (per-user data folder, temporary folder, or a folder given to --store).</summary>
    public const string FileName = "chunks.db";

    private const string PathKey = StoreOptions.SectionName + ":" + nameof(StoreOptions.SqlitePath);
    private const string ProviderKey = StoreOptions.SectionName + ":" + nameof(StoreOptions.Provider);

    private readonly DirectoryInfo? _temporary;
    private readonly bool _forceEmbedded;

    private CliStore(string path, string description, DirectoryInfo? temporary, bool forceEmbedded)
    {
        Path = path;
        Description = description;
        _temporary = temporary;
        _forceEmbedded = forceEmbedded;
    }

    /// <summary>The SQLite file of the embedded store (the index itself, unless the configuration chose another provider).</summary>
    public string Path { get; }

    /// <summary>Where the index is, in words, for --verbose (a path and why it was chosen; never document text).</summary>
    public string Description { get; }

    public bool IsTemporary => _temporary is not null;

    /// <summary>The configured provider when it is not the embedded file (e.g. "qdrant"); null for the embedded store.</summary>
    public string? OtherProvider { get; private init; }

    /// <summary>
    /// The per-user data folder: $XDG_DATA_HOME/medsummary, by default ~/.local/share/medsummary (XDG base
    /// directories; a relative XDG_DATA_HOME is ignored, as the specification says). Elsewhere than Linux, the
    /// platform's local application data folder.
    /// </summary>
    public static string DataFolder(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (OperatingSystem.IsLinux() || OperatingSystem.IsFreeBSD())
        {
            var xdg = environment("XDG_DATA_HOME");
            if (!string.IsNullOrWhiteSpace(xdg) && System.IO.Path.IsPathRooted(xdg))
            {
                return System.IO.Path.Combine(xdg, "medsummary");
            }

            var home = environment("HOME");
            if (string.IsNullOrWhiteSpace(home))
            {
                home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            }

            return System.IO.Path.Combine(home, ".local", "share", "medsummary");
        }

        return System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "medsummary");
    }

    /// <summary>The per-user index file.</summary>
    public static string PerUserPath(Func<string, string?>? environment = null) => System.IO.Path.Combine(DataFolder(environment), FileName);

    /// <summary>
    /// Chooses the index. Throws <see cref="CliUsageException"/> for an unusable --store, naming the option.
    /// </summary>
    public static CliStore Resolve(IConfiguration configuration, string? storeOption, StoreDefault fallback)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (storeOption is not null)
        {
            // --store names an embedded index file, so it wins over a configured provider too.
            var path = StoreFile(storeOption);
            return new CliStore(path, $"{path} (--store)", null, forceEmbedded: true);
        }

        var provider = configuration[ProviderKey]?.Trim();
        var other = !string.IsNullOrEmpty(provider) && !provider.Equals(StoreOptions.EmbeddedProvider, StringComparison.OrdinalIgnoreCase);
        var chosen = Fallback(configuration, fallback);
        return other
            ? new CliStore(chosen.Path, $"the '{provider}' store ({ProviderKey} in the configuration); embedded file {chosen.Description}", chosen._temporary, false)
            {
                OtherProvider = provider,
            }
            : chosen;
    }

    private static CliStore Fallback(IConfiguration configuration, StoreDefault fallback)
    {
        if (configuration[PathKey] is { } configured && !string.IsNullOrWhiteSpace(configured))
        {
            var path = System.IO.Path.GetFullPath(configured);
            return new CliStore(path, $"{path} ({PathKey} in the configuration)", null, false);
        }

        if (fallback == StoreDefault.PerUser)
        {
            var path = PerUserPath();
            return new CliStore(path, $"{path} (per-user data folder)", null, false);
        }

        var folder = MedSummary.Core.Files.PrivateTempFolders.Create("store");
        var file = System.IO.Path.Combine(folder.FullName, FileName);
        return new CliStore(file, $"{file} (temporary, deleted at exit)", folder, false);
    }

    /// <summary>The configuration with this index in it (later sources win, so it overrides the file and environment).</summary>
    public IConfiguration Apply(IConfiguration configuration)
    {
        var values = new List<KeyValuePair<string, string?>> { new(PathKey, Path) };
        if (_forceEmbedded)
        {
            values.Add(new(ProviderKey, StoreOptions.EmbeddedProvider));
        }

        return new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(values).Build();
    }

    public void Dispose()
    {
        if (_temporary is null)
        {
            return;
        }

        // SQLite pools connections; release them so the files go on every platform, not only where unlinking open files works.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            _temporary.Delete(recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The next command sweeps it (PrivateTempFolders names it after this process); failing this one would help no one.
        }
    }

    private static string StoreFile(string option)
    {
        if (string.IsNullOrWhiteSpace(option))
        {
            throw new CliUsageException("--store: the path is empty");
        }

        // A folder (existing, or written with a trailing slash) holds the index under its usual name.
        var path = Directory.Exists(option) || option.EndsWith(System.IO.Path.DirectorySeparatorChar) || option.EndsWith(System.IO.Path.AltDirectorySeparatorChar)
            ? System.IO.Path.Combine(option, FileName)
            : option;
        if (SqliteChunkStoreOptions.ValidatePath(path) is { } problem)
        {
            throw new CliUsageException($"--store: {problem}");
        }

        return System.IO.Path.GetFullPath(path);
    }
}
