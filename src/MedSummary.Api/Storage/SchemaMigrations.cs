using Microsoft.Data.Sqlite;

namespace MedSummary.Api.Storage;

/// <summary>
/// The schema as numbered steps, recorded in <c>schema_version</c>: a database is brought forward step by step, and
/// a database from a newer version of the service is refused rather than misread.
/// </summary>
internal static class SchemaMigrations
{
    private static readonly string[] Steps =
    [
        // 1: dossiers with their uploaded files (kept so an accepted upload survives anything until processed),
        // the documents as read (canonical text and page map, for page views and reports after a restart),
        // results, the current review of each field, and the append-only audit trail.
        """
        CREATE TABLE dossiers (
            tenant TEXT NOT NULL,
            id TEXT NOT NULL,
            status TEXT NOT NULL,
            external_ref TEXT NULL,
            language TEXT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            started_at TEXT NULL,
            finished_at TEXT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            failure_code TEXT NULL,
            failure_reason TEXT NULL,
            stage TEXT NULL,
            documents_read INTEGER NOT NULL DEFAULT 0,
            fields_done INTEGER NOT NULL DEFAULT 0,
            form_version INTEGER NOT NULL DEFAULT 0,
            validated_at TEXT NULL,
            validated_by TEXT NULL,
            PRIMARY KEY (tenant, id)
        );
        CREATE INDEX dossiers_unfinished ON dossiers (status) WHERE status IN ('queued', 'processing');
        CREATE INDEX dossiers_created ON dossiers (tenant, created_at);

        CREATE TABLE uploads (
            tenant TEXT NOT NULL,
            dossier_id TEXT NOT NULL,
            ordinal INTEGER NOT NULL,
            file_name TEXT NOT NULL,
            document_id TEXT NOT NULL,
            media_type TEXT NOT NULL,
            byte_count INTEGER NOT NULL,
            page_count INTEGER NOT NULL,
            content BLOB NOT NULL,
            PRIMARY KEY (tenant, dossier_id, ordinal),
            FOREIGN KEY (tenant, dossier_id) REFERENCES dossiers (tenant, id) ON DELETE CASCADE
        );

        CREATE TABLE documents (
            tenant TEXT NOT NULL,
            dossier_id TEXT NOT NULL,
            document_id TEXT NOT NULL,
            file_name TEXT NOT NULL,
            media_type TEXT NOT NULL,
            language TEXT NOT NULL,
            text TEXT NOT NULL,
            pages_json TEXT NOT NULL,
            PRIMARY KEY (tenant, dossier_id, document_id),
            FOREIGN KEY (tenant, dossier_id) REFERENCES dossiers (tenant, id) ON DELETE CASCADE
        );

        CREATE TABLE results (
            tenant TEXT NOT NULL,
            dossier_id TEXT NOT NULL,
            result_json TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (tenant, dossier_id),
            FOREIGN KEY (tenant, dossier_id) REFERENCES dossiers (tenant, id) ON DELETE CASCADE
        );

        CREATE TABLE reviews (
            tenant TEXT NOT NULL,
            dossier_id TEXT NOT NULL,
            field_key TEXT NOT NULL,
            action TEXT NOT NULL,
            value TEXT NULL,
            normalized TEXT NULL,
            comment TEXT NULL,
            actor TEXT NOT NULL,
            reviewer TEXT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (tenant, dossier_id, field_key),
            FOREIGN KEY (tenant, dossier_id) REFERENCES dossiers (tenant, id) ON DELETE CASCADE
        );

        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            tenant TEXT NOT NULL,
            dossier_id TEXT NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            reviewer TEXT NULL,
            action TEXT NOT NULL,
            field_key TEXT NULL,
            before_json TEXT NULL,
            after_json TEXT NULL,
            comment TEXT NULL
        );
        CREATE INDEX audit_dossier ON audit (tenant, dossier_id, seq);
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        """,
        // 2: file names stored before names were cleaned of bidirectional formatting marks (see FileNames.Clean)
        // lose them, so that a name that reorders itself is not shown again from an older upload.
        """
        UPDATE uploads SET file_name = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(file_name, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), ''), char(8206), ''), char(8207), ''), char(1564), '');
        UPDATE documents SET file_name = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(file_name, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), ''), char(8206), ''), char(8207), ''), char(1564), '');
        """,
    ];

    public static int CurrentVersion => Steps.Length;

    public static async Task ApplyAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);";
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // BEGIN IMMEDIATE takes the write lock first, so two processes starting together migrate one after the other.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var version = await CurrentAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (version > Steps.Length)
        {
            throw new InvalidOperationException(
                $"The database has schema version {version}, newer than this service's {Steps.Length}; use a newer MedSummary or another data folder.");
        }

        for (var step = version; step < Steps.Length; step++)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Steps[step];
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (version < Steps.Length)
        {
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES ($v);";
            record.Parameters.AddWithValue("$v", Steps.Length);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> CurrentAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT MAX(version) FROM schema_version;";
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? 0 : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
