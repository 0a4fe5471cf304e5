using MedSummary.Qdrant.Client;
using MedSummary.Qdrant.Store;
using MedSummary.Retrieval.Stores;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace MedSummary.Qdrant.Health;

/// <summary>
/// Reports whether the configured Qdrant answers, with our API key, within
/// <see cref="QdrantOptions.HealthCheckTimeout"/>: Unhealthy with the reason when it does not (the service keeps
/// running and retries on each request), Healthy otherwise, saying whether the collection exists yet (the first
/// indexed dossier creates it). Healthy and idle when the configured store is not Qdrant.
/// </summary>
public sealed class QdrantHealthCheck(
    IOptionsMonitor<StoreOptions> store,
    IOptionsMonitor<QdrantOptions> options,
    IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (store.CurrentValue.ProviderKey != QdrantOptions.ProviderKey)
        {
            return HealthCheckResult.Healthy("Qdrant is not the configured chunk store.");
        }

        var qdrant = (QdrantChunkStore?)services.GetService(typeof(QdrantChunkStore));
        if (qdrant is null)
        {
            return HealthCheckResult.Unhealthy("The Qdrant store is not registered (call AddMedSummaryQdrant).");
        }

        var timeout = options.CurrentValue.HealthCheckTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var data = new Dictionary<string, object> { ["url"] = qdrant.ServerUrl, ["collection"] = qdrant.CollectionName };
        try
        {
            var exists = await qdrant.CollectionExistsAsync(deadline.Token).ConfigureAwait(false);
            data["collectionExists"] = exists;
            return HealthCheckResult.Healthy(
                exists ? "Qdrant answers; the collection exists." : "Qdrant answers; the collection will be created by the first indexed dossier.",
                data);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Qdrant at {qdrant.ServerUrl} did not answer within {timeout.TotalSeconds:0.#} s.", data: data);
        }
        catch (QdrantException e)
        {
            return HealthCheckResult.Unhealthy(e.Message, data: data);
        }
    }
}
