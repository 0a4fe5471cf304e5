using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace MedSummary.Api.Storage;

/// <summary>
/// The append-only audit trail: lines are only ever inserted, inside the transaction of the change they record
/// (triggers refuse any UPDATE or DELETE of the table), so a change and its audit line exist together or not at all.
/// </summary>
public sealed class AuditLog(ApiDatabase database)
{
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string tenant, string dossierId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "SELECT seq, at, actor, reviewer, action, field_key, before_json, after_json, comment FROM audit " +
            "WHERE tenant = $t AND dossier_id = $id ORDER BY seq;",
            null, ("$t", tenant), ("$id", dossierId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new AuditEntry(
                reader.GetInt64(0), reader.ReadTime(1), reader.GetString(2), reader.ReadStringOrNull(3), reader.GetString(4),
                reader.ReadStringOrNull(5), Parse(reader.ReadStringOrNull(6)), Parse(reader.ReadStringOrNull(7)), reader.ReadStringOrNull(8)));
        }

        return list;
    }

    internal static async Task AppendAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string tenant,
        string dossierId,
        DateTimeOffset at,
        string actor,
        string? reviewer,
        string action,
        string? fieldKey,
        JsonNode? before,
        JsonNode? after,
        string? comment,
        CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            "INSERT INTO audit (tenant, dossier_id, at, actor, reviewer, action, field_key, before_json, after_json, comment) " +
            "VALUES ($t, $id, $at, $actor, $reviewer, $action, $key, $before, $after, $comment);",
            transaction, ("$t", tenant), ("$id", dossierId), ("$at", SqliteRows.Time(at)), ("$actor", actor), ("$reviewer", reviewer),
            ("$action", action), ("$key", fieldKey), ("$before", before?.ToJsonString()), ("$after", after?.ToJsonString()), ("$comment", comment));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);
}
