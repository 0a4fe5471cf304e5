using MedSummary.Api.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace MedSummary.Api.Storage;

/// <summary>
/// The service's SQLite file under the data folder: opens connections with the settings every one needs and brings
/// the schema to the current version on first use.
/// </summary>
/// <remarks>
/// <para>Rollback journal, not WAL, and no memory mapping (mmap_size=0): WAL keeps its index in a memory-mapped
/// "-shm" file, and a page of a mapped file that the kernel refuses to write (the file made immutable, the disk
/// gone) raises SIGBUS, which ends the process at once with no log line and no answer. With a journal file and
/// plain reads and writes the same faults come back as SQLite errors, which the service reports (503
/// store_unavailable, /health unhealthy). Readers wait for a commit rather than reading beside it; the busy
/// timeout covers those waits.</para>
/// <para>Full sync, so an acknowledged upload survives a power cut; foreign keys; a busy timeout for a second
/// process on the same folder. After the schema exists, connections open the file read-write without creating
/// it, and every open and commit first checks the data folder and the file are still there: SQLite keeps writing to
/// a file deleted under it (to its unlinked inode), which would acknowledge work that is gone at the next start.</para>
/// </remarks>
public sealed class ApiDatabase
{
    private readonly string _createString;
    private readonly string _connectionString;
    private readonly string _dataFolder;
    private readonly SemaphoreSlim _migrate = new(1, 1);
    private volatile bool _ready;

    public ApiDatabase(IOptions<ApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Path = options.Value.DatabasePath;
        _dataFolder = System.IO.Path.GetDirectoryName(Path)!;
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        };
        _createString = builder.ToString();
        builder.Mode = SqliteOpenMode.ReadWrite;
        _connectionString = builder.ToString();
    }

    public string Path { get; }

    /// <summary>An open connection, schema migrated.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (!_ready)
        {
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
        }

        EnsurePresent();
        return await OpenRawAsync(_connectionString, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An open connection for a synchronous caller (progress reports from inside the pipeline).</summary>
    public SqliteConnection Open()
    {
        if (!_ready)
        {
            MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        EnsurePresent();
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Configure(connection);
        return connection;
    }

    /// <summary>Called after a commit: the write is only acknowledged when the file it went to is still the data folder's.</summary>
    public void ConfirmDurable() => EnsurePresent();

    /// <summary>
    /// Throws <see cref="StoreUnavailableException"/> when the data folder or the database file is gone (deleted,
    /// moved, replaced by a file), and drops pooled connections, which may still point at the vanished file.
    /// </summary>
    public void EnsurePresent()
    {
        var reason = !Directory.Exists(_dataFolder) ? "the data folder is missing or is not a folder"
            : !File.Exists(Path) ? "the database file is missing from the data folder"
            : null;
        if (reason is null)
        {
            return;
        }

        using (var pooled = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(pooled);
        }

        throw new StoreUnavailableException(reason);
    }

    /// <summary>A real durable write (a row rewritten, synced) that fails when the store cannot take one: for health checks.</summary>
    public async Task ProbeWriteAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "UPDATE schema_version SET version = version;";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        ConfirmDurable();
    }

    /// <summary>Creates or upgrades the schema; idempotent, safe with another process doing the same.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await _migrate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ready)
            {
                return;
            }

            Directory.CreateDirectory(_dataFolder);
            await using var connection = await OpenRawAsync(_createString, cancellationToken).ConfigureAwait(false);
            await using (var journal = connection.CreateCommand())
            {
                // Persistent in the file: a database written by an earlier version in WAL mode is brought back to a journal.
                journal.CommandText = "PRAGMA journal_mode=DELETE;";
                await journal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await SchemaMigrations.ApplyAsync(connection, cancellationToken).ConfigureAwait(false);
            _ready = true;
        }
        finally
        {
            _migrate.Release();
        }
    }

    private static async Task<SqliteConnection> OpenRawAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        Configure(connection);
        return connection;
    }

    private static void Configure(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA mmap_size=0; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";
        command.ExecuteNonQuery();
    }
}
