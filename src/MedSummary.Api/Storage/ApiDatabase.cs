using MedSummary.Api.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace MedSummary.Api.Storage;

/// <summary>
/// The service's SQLite file under the data folder: opens connections with the settings every one needs
/// (WAL, full sync so an acknowledged upload survives a power cut, foreign keys, a busy timeout for a second
/// process on the same folder) and brings the schema to the current version on first use.
/// </summary>
public sealed class ApiDatabase
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _migrate = new(1, 1);
    private volatile bool _ready;

    public ApiDatabase(IOptions<ApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Path = options.Value.DatabasePath;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    /// <summary>An open connection, schema migrated.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (!_ready)
        {
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
        }

        return await OpenRawAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An open connection for a synchronous caller (progress reports from inside the pipeline).</summary>
    public SqliteConnection Open()
    {
        if (!_ready)
        {
            MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Configure(connection);
        return connection;
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

            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            await using var connection = await OpenRawAsync(cancellationToken).ConfigureAwait(false);
            await using (var wal = connection.CreateCommand())
            {
                // Persistent: readers (status polls) never wait for the writer (the worker).
                wal.CommandText = "PRAGMA journal_mode=WAL;";
                await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await SchemaMigrations.ApplyAsync(connection, cancellationToken).ConfigureAwait(false);
            _ready = true;
        }
        finally
        {
            _migrate.Release();
        }
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        Configure(connection);
        return connection;
    }

    private static void Configure(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";
        command.ExecuteNonQuery();
    }
}
