using System.Text.Json.Nodes;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using Microsoft.Data.Sqlite;

namespace MedSummary.Api.Storage;

/// <summary>
/// Dossiers, their uploaded files, the documents as read and their result. Every query is scoped by tenant: a
/// dossier of another tenant does not exist for the caller.
/// </summary>
public sealed class DossierRepository(ApiDatabase database)
{
    private const string Columns =
        "tenant, id, status, external_ref, language, created_at, updated_at, started_at, finished_at, attempts, " +
        "failure_code, failure_reason, stage, documents_read, fields_done, form_version, validated_at, validated_by";

    /// <summary>The system actor in the audit trail.</summary>
    public const string SystemActor = "medsummary";

    public async Task<DossierRecord?> FindAsync(string tenant, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await FindAsync(connection, null, tenant, id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The tenant's dossiers, newest first.</summary>
    public async Task<IReadOnlyList<DossierRecord>> ListAsync(string tenant, int limit, string? status, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            $"SELECT {Columns} FROM dossiers WHERE tenant = $t AND ($s IS NULL OR status = $s) ORDER BY created_at DESC, rowid DESC LIMIT $n;",
            null, ("$t", tenant), ("$s", status), ("$n", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<DossierRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    /// <summary>
    /// Stores an accepted upload in one transaction (the dossier, every file's bytes, the audit line): once this
    /// returns, the upload survives a crash. The same files from the same tenant are the same dossier: a dossier
    /// that exists is left as it is, unless it failed, in which case it is queued again.
    /// </summary>
    public async Task<(CreateOutcome Outcome, DossierRecord Record)> CreateAsync(NewDossier dossier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction();
        var existing = await FindAsync(connection, transaction, dossier.Tenant, dossier.Id, cancellationToken).ConfigureAwait(false);
        CreateOutcome outcome;
        if (existing is not null && existing.Status != DossierStatus.Failed)
        {
            return (CreateOutcome.Existing, existing);
        }

        var at = SqliteRows.Time(dossier.At);
        if (existing is not null)
        {
            await using var requeue = connection.Command(
                "UPDATE dossiers SET status = 'queued', attempts = 0, failure_code = NULL, failure_reason = NULL, stage = NULL, " +
                "documents_read = 0, fields_done = 0, started_at = NULL, finished_at = NULL, updated_at = $at WHERE tenant = $t AND id = $id;",
                transaction, ("$t", dossier.Tenant), ("$id", dossier.Id), ("$at", at));
            await requeue.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await AuditLog.AppendAsync(connection, transaction, dossier.Tenant, dossier.Id, dossier.At, dossier.Actor, null,
                AuditActions.Requeued, null, StatusNode(existing.Status, existing.FailureCode), StatusNode(DossierStatus.Queued, null), null,
                cancellationToken).ConfigureAwait(false);
            outcome = CreateOutcome.Requeued;
        }
        else
        {
            await using (var insert = connection.Command(
                "INSERT INTO dossiers (tenant, id, status, external_ref, language, created_at, updated_at) VALUES ($t, $id, 'queued', $ref, $lang, $at, $at);",
                transaction, ("$t", dossier.Tenant), ("$id", dossier.Id), ("$ref", dossier.ExternalRef), ("$lang", dossier.Language), ("$at", at)))
            {
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var upload in dossier.Uploads)
            {
                await using var file = connection.Command(
                    "INSERT INTO uploads (tenant, dossier_id, ordinal, file_name, document_id, media_type, byte_count, page_count, content) " +
                    "VALUES ($t, $id, $o, $name, $doc, $type, $bytes, $pages, $content);",
                    transaction, ("$t", dossier.Tenant), ("$id", dossier.Id), ("$o", upload.Ordinal), ("$name", upload.FileName),
                    ("$doc", upload.DocumentId), ("$type", upload.MediaType), ("$bytes", upload.ByteCount), ("$pages", upload.PageCount),
                    ("$content", upload.Content ?? throw new ArgumentException("An upload to store needs its content.", nameof(dossier))));
                await file.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var after = new JsonObject
            {
                ["files"] = dossier.Uploads.Count,
                ["pages"] = dossier.Uploads.Sum(u => u.PageCount),
                ["documentIds"] = new JsonArray([.. dossier.Uploads.Select(u => (JsonNode)u.DocumentId)]),
            };
            await AuditLog.AppendAsync(connection, transaction, dossier.Tenant, dossier.Id, dossier.At, dossier.Actor, null,
                AuditActions.Uploaded, null, null, after, null, cancellationToken).ConfigureAwait(false);
            outcome = CreateOutcome.Created;
        }

        var record = await FindAsync(connection, transaction, dossier.Tenant, dossier.Id, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        database.ConfirmDurable();
        return (outcome, record!);
    }

    /// <summary>Dossiers accepted but not finished (queued, or cut short while processing), oldest first.</summary>
    public async Task<IReadOnlyList<(string Tenant, string Id, DateTimeOffset CreatedAt)>> ListUnfinishedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "SELECT tenant, id, created_at FROM dossiers WHERE status IN ('queued', 'processing') ORDER BY created_at, rowid;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<(string, string, DateTimeOffset)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add((reader.GetString(0), reader.GetString(1), reader.ReadTime(2)));
        }

        return list;
    }

    /// <summary>Marks the start of an attempt; null when the dossier is no longer waiting (finished, or gone).</summary>
    public async Task<DossierRecord?> BeginAttemptAsync(string tenant, string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction();
        await using (var command = connection.Command(
            "UPDATE dossiers SET status = 'processing', attempts = attempts + 1, started_at = $at, updated_at = $at, stage = 'queued', " +
            "documents_read = 0, fields_done = 0 WHERE tenant = $t AND id = $id AND status IN ('queued', 'processing');",
            transaction, ("$t", tenant), ("$id", id), ("$at", SqliteRows.Time(at))))
        {
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return null;
            }
        }

        var record = await FindAsync(connection, transaction, tenant, id, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        database.ConfirmDurable();
        return record;
    }

    /// <summary>Records where processing stands (called from inside the pipeline, synchronously).</summary>
    public void ReportProgress(string tenant, string id, string stage, int? documentsRead, int? fieldsDone, DateTimeOffset at)
    {
        using var connection = database.Open();
        using var command = connection.Command(
            "UPDATE dossiers SET stage = $stage, documents_read = COALESCE($read, documents_read), fields_done = COALESCE($fields, fields_done), updated_at = $at " +
            "WHERE tenant = $t AND id = $id AND status = 'processing';",
            null, ("$t", tenant), ("$id", id), ("$stage", stage), ("$read", documentsRead), ("$fields", fieldsDone), ("$at", SqliteRows.Time(at)));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Stores the outcome of an attempt in one transaction: the documents as read, the result, the final status
    /// (completed, or failed with a code and reason) and the audit line. Reviews of an earlier result are dropped.
    /// </summary>
    public async Task FinishAsync(
        string tenant,
        string id,
        DossierResult? result,
        IReadOnlyList<SourceDocument> documents,
        string? failureCode,
        string? failureReason,
        DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        var failed = failureCode is not null;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction();
        var time = SqliteRows.Time(at);
        foreach (var sql in new[]
        {
            "DELETE FROM documents WHERE tenant = $t AND dossier_id = $id;",
            "DELETE FROM reviews WHERE tenant = $t AND dossier_id = $id;",
        })
        {
            await using var delete = connection.Command(sql, transaction, ("$t", tenant), ("$id", id));
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var document in documents)
        {
            await using var insert = connection.Command(
                "INSERT INTO documents (tenant, dossier_id, document_id, file_name, media_type, language, text, pages_json) " +
                "VALUES ($t, $id, $doc, $name, $type, $lang, $text, $pages);",
                transaction, ("$t", tenant), ("$id", id), ("$doc", document.Id), ("$name", document.FileName), ("$type", document.MediaType),
                ("$lang", document.Language), ("$text", document.Text), ("$pages", StoredDocuments.PagesJson(document)));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (result is not null)
        {
            await using var save = connection.Command(
                "INSERT OR REPLACE INTO results (tenant, dossier_id, result_json, created_at) VALUES ($t, $id, $json, $at);",
                transaction, ("$t", tenant), ("$id", id), ("$json", ContractJson.Serialize(result, indented: false)), ("$at", time));
            await save.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var fieldsFound = result?.Form.Fields.Count(f => f.Value.Status != FieldStatus.NotFound) ?? 0;
        await using (var update = connection.Command(
            "UPDATE dossiers SET status = $status, finished_at = $at, updated_at = $at, stage = 'done', fields_done = $fields, " +
            "failure_code = $code, failure_reason = $reason, form_version = form_version + 1, validated_at = NULL, validated_by = NULL " +
            "WHERE tenant = $t AND id = $id;",
            transaction, ("$t", tenant), ("$id", id), ("$status", failed ? DossierStatus.Failed : DossierStatus.Completed), ("$at", time),
            ("$fields", result?.Form.Fields.Count ?? 0), ("$code", failureCode), ("$reason", failureReason)))
        {
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var after = new JsonObject
        {
            ["status"] = failed ? DossierStatus.Failed : DossierStatus.Completed,
            ["documents"] = documents.Count,
            ["unreadable"] = result?.Errors.Count ?? 0,
            ["fieldsFound"] = fieldsFound,
            ["mode"] = result?.Processing?.Mode,
            ["version"] = result?.Processing?.Version,
        };
        if (failed)
        {
            after["failureCode"] = failureCode;
        }

        await AuditLog.AppendAsync(connection, transaction, tenant, id, at, SystemActor, null,
            failed ? AuditActions.Failed : AuditActions.Processed, null, null, after, failureReason, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        database.ConfirmDurable();
    }

    public async Task<IReadOnlyList<UploadRecord>> GetUploadsAsync(string tenant, string id, bool withContent, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            $"SELECT ordinal, file_name, document_id, media_type, byte_count, page_count{(withContent ? ", content" : string.Empty)} " +
            "FROM uploads WHERE tenant = $t AND dossier_id = $id ORDER BY ordinal;",
            null, ("$t", tenant), ("$id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<UploadRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new UploadRecord(
                reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt32(5),
                withContent ? (byte[])reader.GetValue(6) : null));
        }

        return list;
    }

    public async Task<DossierResult?> GetResultAsync(string tenant, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "SELECT result_json FROM results WHERE tenant = $t AND dossier_id = $id;", null, ("$t", tenant), ("$id", id));
        var json = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        return json is null ? null : ContractJson.Deserialize(json);
    }

    /// <summary>The documents as read, rebuilt with their page maps; <paramref name="documentId"/> null for all of them.</summary>
    public async Task<IReadOnlyList<SourceDocument>> GetDocumentsAsync(string tenant, string id, string? documentId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "SELECT document_id, file_name, media_type, language, text, pages_json FROM documents " +
            "WHERE tenant = $t AND dossier_id = $id AND ($doc IS NULL OR document_id = $doc) ORDER BY rowid;",
            null, ("$t", tenant), ("$id", id), ("$doc", documentId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<SourceDocument>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(StoredDocuments.Rebuild(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        }

        return list;
    }

    /// <summary>Whether the store answers (for /health).</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT COUNT(*) FROM dossiers;");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    internal static async Task<DossierRecord?> FindAsync(SqliteConnection connection, SqliteTransaction? transaction, string tenant, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            $"SELECT {Columns} FROM dossiers WHERE tenant = $t AND id = $id;", transaction, ("$t", tenant), ("$id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private static DossierRecord Read(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.ReadStringOrNull(3), r.ReadStringOrNull(4), r.ReadTime(5), r.ReadTime(6),
        r.ReadTimeOrNull(7), r.ReadTimeOrNull(8), r.GetInt32(9), r.ReadStringOrNull(10), r.ReadStringOrNull(11), r.ReadStringOrNull(12),
        r.GetInt32(13), r.GetInt32(14), r.GetInt32(15), r.ReadTimeOrNull(16), r.ReadStringOrNull(17));

    private static JsonObject StatusNode(string status, string? failureCode) => new() { ["status"] = status, ["failureCode"] = failureCode };
}
