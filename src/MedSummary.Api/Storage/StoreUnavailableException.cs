using Microsoft.Data.Sqlite;

namespace MedSummary.Api.Storage;

/// <summary>
/// The data folder cannot take or keep a write (gone, read-only, full, damaged): answered 503 store_unavailable,
/// and whatever was being written is not acknowledged.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException(string reason)
        : base(reason)
    {
    }

    public StoreUnavailableException()
        : this("the store is unavailable")
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// The reason, in words, when <paramref name="exception"/> is a storage fault (the store gone, read-only, full,
    /// locked too long, damaged, or an I/O error), else null (a bug, which stays a 500).
    /// </summary>
    public static string? ReasonFor(Exception exception) => exception switch
    {
        StoreUnavailableException s => s.Message,
        SqliteException { SqliteErrorCode: 3 } => "the database file may not be written (permission)",
        SqliteException { SqliteErrorCode: 5 or 6 } => "the database stayed locked past the busy timeout",
        SqliteException { SqliteErrorCode: 7 } => "the database ran out of memory",
        SqliteException { SqliteErrorCode: 8 } => "the database is read-only",
        SqliteException { SqliteErrorCode: 10 } => "an I/O error on the database file",
        SqliteException { SqliteErrorCode: 11 or 26 } => "the database file is damaged or not a database",
        SqliteException { SqliteErrorCode: 13 } => "the disk is full",
        SqliteException { SqliteErrorCode: 14 } => "the database file cannot be opened",
        SqliteException { SqliteErrorCode: 15 } => "the database lock protocol failed",
        SqliteException { SqliteErrorCode: 1 } e when e.Message.Contains("no such table", StringComparison.Ordinal) =>
            "the database file lost its tables (replaced by another file)",
        IOException or UnauthorizedAccessException => "the data folder cannot be read or written",
        _ => null,
    };
}
