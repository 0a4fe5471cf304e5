using MedSummary.AI.Status;
using MedSummary.Api.Processing;
using MedSummary.Api.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedSummary.Api.Health;

/// <summary>The service's database answers a query.</summary>
internal sealed class StoreHealthCheck(DossierRepository repository) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var count = await repository.CountAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The dossier store answers.", new Dictionary<string, object> { ["dossiers"] = count });
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy($"The dossier store does not answer ({e.GetType().Name}).");
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
