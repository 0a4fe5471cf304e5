using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace MedSummary.Api.Storage;

/// <summary>What applying a review (or validating the form) did.</summary>
public enum ReviewOutcome
{
    Applied,
    DossierNotFound,
    NotReady,
    AlreadyValidated,
    VersionMismatch,
}

/// <summary>
/// The coordinators' decisions on a completed dossier's form: the current review of each field, the form's
/// version (for If-Match) and validation; each change written with its audit line in one transaction. The machine
/// result is never modified.
/// </summary>
public sealed class ReviewRepository(ApiDatabase database)
{
    public async Task<IReadOnlyDictionary<string, FieldReview>> GetAsync(string tenant, string dossierId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(connection, null, tenant, dossierId, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces the field's review. <paramref name="before"/> is the field's state before (the machine's when it
    /// was never reviewed) and <paramref name="after"/> the state this review gives it, both kept in the audit.
    /// <paramref name="expectedVersion"/> (from If-Match) must equal the form's version when given.
    /// </summary>
    public async Task<(ReviewOutcome Outcome, int FormVersion)> ApplyAsync(
        string tenant,
        string dossierId,
        FieldReview review,
        Func<FieldReview?, JsonNode> before,
        JsonNode after,
        int? expectedVersion,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(before);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction();
        var (outcome, version) = await CheckAsync(connection, transaction, tenant, dossierId, expectedVersion, cancellationToken).ConfigureAwait(false);
        if (outcome != ReviewOutcome.Applied)
        {
            return (outcome, version);
        }

        var previous = (await GetAsync(connection, transaction, tenant, dossierId, review.FieldKey, cancellationToken).ConfigureAwait(false))
            .GetValueOrDefault(review.FieldKey);
        await using (var upsert = connection.Command(
            "INSERT OR REPLACE INTO reviews (tenant, dossier_id, field_key, action, value, normalized, comment, actor, reviewer, at) " +
            "VALUES ($t, $id, $key, $action, $value, $normalized, $comment, $actor, $reviewer, $at);",
            transaction, ("$t", tenant), ("$id", dossierId), ("$key", review.FieldKey), ("$action", review.Action), ("$value", review.Value),
            ("$normalized", review.Normalized), ("$comment", review.Comment), ("$actor", review.Actor), ("$reviewer", review.Reviewer),
            ("$at", SqliteRows.Time(review.At))))
        {
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await AuditLog.AppendAsync(connection, transaction, tenant, dossierId, review.At, review.Actor, review.Reviewer, review.Action,
            review.FieldKey, before(previous), after, review.Comment, cancellationToken).ConfigureAwait(false);
        version = await BumpAsync(connection, transaction, tenant, dossierId, review.At, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        database.ConfirmDurable();
        return (ReviewOutcome.Applied, version);
    }

    /// <summary>Marks the form validated: no field can be reviewed after this.</summary>
    public async Task<(ReviewOutcome Outcome, int FormVersion)> ValidateAsync(
        string tenant,
        string dossierId,
        string actor,
        string? reviewer,
        string? comment,
        JsonNode summary,
        int? expectedVersion,
        DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction();
        var (outcome, version) = await CheckAsync(connection, transaction, tenant, dossierId, expectedVersion, cancellationToken).ConfigureAwait(false);
        if (outcome != ReviewOutcome.Applied)
        {
            return (outcome, version);
        }

        await using (var update = connection.Command(
            "UPDATE dossiers SET validated_at = $at, validated_by = $by WHERE tenant = $t AND id = $id;",
            transaction, ("$t", tenant), ("$id", dossierId), ("$at", SqliteRows.Time(at)), ("$by", reviewer ?? actor)))
        {
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await AuditLog.AppendAsync(connection, transaction, tenant, dossierId, at, actor, reviewer, AuditActions.Validated, null,
            null, summary, comment, cancellationToken).ConfigureAwait(false);
        version = await BumpAsync(connection, transaction, tenant, dossierId, at, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        database.ConfirmDurable();
        return (ReviewOutcome.Applied, version);
    }

    private static async Task<(ReviewOutcome, int)> CheckAsync(
        SqliteConnection connection, SqliteTransaction transaction, string tenant, string dossierId, int? expectedVersion, CancellationToken cancellationToken)
    {
        var record = await DossierRepository.FindAsync(connection, transaction, tenant, dossierId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return (ReviewOutcome.DossierNotFound, 0);
        }

        if (record.Status != DossierStatus.Completed)
        {
            return (ReviewOutcome.NotReady, record.FormVersion);
        }

        if (record.ValidatedAt is not null)
        {
            return (ReviewOutcome.AlreadyValidated, record.FormVersion);
        }

        if (expectedVersion is { } expected && expected != record.FormVersion)
        {
            return (ReviewOutcome.VersionMismatch, record.FormVersion);
        }

        return (ReviewOutcome.Applied, record.FormVersion);
    }

    private static async Task<int> BumpAsync(SqliteConnection connection, SqliteTransaction transaction, string tenant, string dossierId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            "UPDATE dossiers SET form_version = form_version + 1, updated_at = $at WHERE tenant = $t AND id = $id RETURNING form_version;",
            transaction, ("$t", tenant), ("$id", dossierId), ("$at", SqliteRows.Time(at)));
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<Dictionary<string, FieldReview>> GetAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string tenant, string dossierId, string? fieldKey, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            "SELECT field_key, action, value, normalized, comment, actor, reviewer, at FROM reviews " +
            "WHERE tenant = $t AND dossier_id = $id AND ($key IS NULL OR field_key = $key);",
            transaction, ("$t", tenant), ("$id", dossierId), ("$key", fieldKey));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var reviews = new Dictionary<string, FieldReview>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var review = new FieldReview(
                reader.GetString(0), reader.GetString(1), reader.ReadStringOrNull(2), reader.ReadStringOrNull(3), reader.ReadStringOrNull(4),
                reader.GetString(5), reader.ReadStringOrNull(6), reader.ReadTime(7));
            reviews[review.FieldKey] = review;
        }

        return reviews;
    }
}
