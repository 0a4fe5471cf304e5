using System.Collections.Concurrent;
using Grpc.Core;

namespace MedSummary.Testing.Qdrant;

/// <summary>What every call goes through before the in-memory collection serves it: the API key, then injected faults.</summary>
public sealed class QdrantTestService(string? apiKey)
{
    internal ConcurrentQueue<QdrantCall> Calls { get; } = new();

    internal QdrantFaults Faults { get; } = new();

    internal InMemoryQdrant Data { get; } = new();

    internal string Version { get; set; } = "1.16.2";

    internal async Task<TResponse> HandleAsync<TRequest, TResponse>(string method, TRequest request, ServerCallContext call, Func<TRequest, TResponse> handle)
    {
        var key = call.RequestHeaders.GetValue("api-key");
        Calls.Enqueue(new QdrantCall(method, key));
        if (apiKey is not null && key != apiKey)
        {
            // As Qdrant answers a missing or wrong key on its gRPC port.
            throw new RpcException(new Status(StatusCode.PermissionDenied, "Invalid api-key"));
        }

        if (Faults.Stall > TimeSpan.Zero)
        {
            await Task.Delay(Faults.Stall, call.CancellationToken).ConfigureAwait(false);
        }

        if (Faults.Take(method) is { } status)
        {
            throw new RpcException(status);
        }

        return handle(request);
    }
}
