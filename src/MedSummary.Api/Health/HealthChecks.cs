using MedSummary.AI.Status;
using MedSummary.Api.Processing;
using MedSummary.Api.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedSummary.Api.Health;

/// <summary>
/// The store can take a durable write: the data folder and the database file are there, a file can be written and
/// synced in the work folder, and a row of the database can be rewritten and committed. Unhealthy, with the reason,
/// when the folder is gone, read-only or full, or the database cannot be written.
/// </summary>
internal sealed class StoreHealthCheck(ApiDatabase database, WorkFolder work) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            database.EnsurePresent();
            var probe = Path.Combine(work.Path, $".probe-{Guid.NewGuid():N}");
            await using (var file = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
                file.WriteByte(1);
                file.Flush(flushToDisk: true);
            }

            await database.ProbeWriteAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The data folder and the database take durable writes.");
        }
        catch (Exception e) when (StoreUnavailableException.ReasonFor(e) is { } reason)
        {
            return HealthCheckResult.Unhealthy($"The store cannot take a durable write: {reason}.");
        }
    }
}

/// <summary>Degraded while the queue is full (uploads get 429 until a place frees up).</summary>
internal sealed class QueueHealthCheck(DossierQueue queue) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["depth"] = queue.Depth, ["capacity"] = queue.Capacity, ["processing"] = queue.Processing };
        return Task.FromResult(queue.IsFull
            ? HealthCheckResult.Degraded("The processing queue is full; uploads are refused with 429 until a place frees up.", data: data)
            : HealthCheckResult.Healthy("The processing queue has room.", data));
    }
}

/// <summary>Degraded when a configured model failed to load: the service still works, rules only or lexical search only.</summary>
internal sealed class ModelHealthCheck(IModelStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failed = status.Chat.State == ModelState.Failed || status.Embeddings.State == ModelState.Failed;
        return Task.FromResult(failed ? HealthCheckResult.Degraded(status.Describe()) : HealthCheckResult.Healthy(status.Describe()));
    }
}
