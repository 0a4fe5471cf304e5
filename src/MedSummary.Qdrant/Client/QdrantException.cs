using System.Net;

namespace MedSummary.Qdrant.Client;

/// <summary>
/// A Qdrant request that failed: the server was unreachable or too slow (after retries), refused the API key, or
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

    public QdrantException(string message, string operation, HttpStatusCode? statusCode, string? serverError, Exception? innerException = null)
        : base(message, innerException)
    {
        Operation = operation;
        StatusCode = statusCode;
        ServerError = serverError;
    }

    /// <summary>What was being done, e.g. "upsert points".</summary>
    public string? Operation { get; }

    /// <summary>The HTTP status Qdrant answered, or null when no answer came (unreachable, timed out).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Qdrant's error text (status.error), sanitised; null when the body had none.</summary>
    public string? ServerError { get; }

    /// <summary>True when the server never answered: down, unreachable, or too slow.</summary>
    public bool IsUnavailable => StatusCode is null;
}
