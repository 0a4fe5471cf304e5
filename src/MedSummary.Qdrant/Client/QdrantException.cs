using Grpc.Core;

namespace MedSummary.Qdrant.Client;

/// <summary>
/// A Qdrant call that failed: the server was unreachable or too slow (after retries), refused the API key, or
/// answered an error. <see cref="ServerError"/> is Qdrant's own error text with quoted values removed (they could
/// echo document text); the message says which operation failed against which server.
/// </summary>
public sealed class QdrantException : Exception
{
    public QdrantException()
    {
    }

    public QdrantException(string message)
        : base(message)
    {
    }

    public QdrantException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public QdrantException(string message, string operation, StatusCode? status, string? serverError, Exception? innerException = null)
        : base(message, innerException)
    {
        Operation = operation;
        Status = status;
        ServerError = serverError;
    }

    /// <summary>What was being done, e.g. "upsert points".</summary>
    public string? Operation { get; }

    /// <summary>The gRPC status of the last attempt, or null when the store itself found the answer unusable.</summary>
    public StatusCode? Status { get; }

    /// <summary>Qdrant's error text (the status detail), sanitised; null when there was none.</summary>
    public string? ServerError { get; }

    /// <summary>True when the server never answered usefully: down, unreachable, overloaded or too slow.</summary>
    public bool IsUnavailable => Status is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted;
}
