namespace MedSummary.Retrieval.Stores.Sqlite;

/// <summary>Settings of <see cref="SqliteChunkStore"/>.</summary>
public sealed class SqliteChunkStoreOptions
{
    /// <summary>
    /// Path of the SQLite file (required). Relative paths resolve against the current directory; the file and
    /// its folder are created by <see cref="SqliteChunkStore.EnsureCreatedAsync"/>.
    /// </summary>
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>
    /// How long an operation waits for a lock held by another connection (another process writing) before
    /// failing. Default 30 seconds.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The problems with these settings, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var pathError = ValidatePath(DatabasePath);
        if (pathError is not null)
        {
            errors.Add(pathError);
        }

        if (BusyTimeout <= TimeSpan.Zero || BusyTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"The SQLite busy timeout must be positive and at most 10 minutes (got {BusyTimeout}).");
        }

        return errors;
    }

    /// <summary>Why a database path is unusable, or null when it is fine.</summary>
    public static string? ValidatePath(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "The SQLite database path is empty.";
        }

        // Each operation opens its own connection, so an in-memory database would vanish between calls.
        if (path.Trim().Equals(":memory:", StringComparison.OrdinalIgnoreCase) || path.Contains("mode=memory", StringComparison.OrdinalIgnoreCase))
        {
            return $"The SQLite database path '{path}' names an in-memory database; the store needs a file.";
        }

        if (path.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return $"The SQLite database path '{path}' contains characters not allowed in a path.";
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"The SQLite database path '{path}' is not a valid path ({e.GetType().Name}).";
        }

        if (Path.EndsInDirectorySeparator(path) || string.IsNullOrEmpty(Path.GetFileName(full)))
        {
            return $"The SQLite database path '{path}' names a folder, not a file.";
        }

        if (Directory.Exists(full))
        {
            return $"The SQLite database path '{path}' is an existing folder, not a file.";
        }

        return null;
    }
}
