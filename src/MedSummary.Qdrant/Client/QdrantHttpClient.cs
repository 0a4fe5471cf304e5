using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.Timeout;

namespace MedSummary.Qdrant.Client;

/// <summary>
/// Qdrant's REST API as we use it: JSON in, the response's "result" out, every failure a <see cref="QdrantException"/>.
/// Retries and timeouts are the HttpClient's resilience handler's (registered by AddMedSummaryQdrant); this
/// class adds the API key, reads Qdrant's response envelope and turns failures into clear messages.
/// </summary>
public sealed partial class QdrantHttpClient
{
    /// <summary>The header Qdrant reads the API key from.</summary>
    public const string ApiKeyHeader = "api-key";

    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly Func<HttpClient> _httpClient;
    private readonly Uri _baseUri;
    private readonly string? _apiKey;
    private readonly string _displayUrl;
    private readonly ILogger _logger;

    /// <param name="httpClient">Gives the HttpClient for one request (from IHttpClientFactory, so handlers rotate).</param>
    public QdrantHttpClient(Func<HttpClient> httpClient, QdrantOptions options, ILogger<QdrantHttpClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _httpClient = httpClient;
        var url = options.Url.EndsWith('/') ? options.Url : options.Url + "/";
        _baseUri = new Uri(url, UriKind.Absolute);
        _apiKey = options.ApiKey;
        _displayUrl = options.DisplayUrl;
        _logger = logger ?? NullLogger<QdrantHttpClient>.Instance;
    }

    /// <summary>The server, for messages: scheme, host and port.</summary>
    public string DisplayUrl => _displayUrl;

    /// <summary>
    /// Sends one request and returns the "result" of Qdrant's answer (a clone, safe to keep), or null for a
    /// plain-text answer (health endpoints). <paramref name="body"/> is UTF-8 JSON, or null for no body.
    /// <paramref name="envelope"/> false returns the whole JSON answer (GET / has no envelope).
    /// </summary>
    public async Task<JsonElement?> SendAsync(
        HttpMethod method, string pathAndQuery, byte[]? body, string operation, CancellationToken cancellationToken, bool envelope = true)
    {
        using var request = new HttpRequestMessage(method, new Uri(_baseUri, pathAndQuery));
        if (_apiKey is not null)
        {
            request.Headers.TryAddWithoutValidation(ApiKeyHeader, _apiKey);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            // Byte content can be read again, so the resilience handler can resend it on a retry.
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = JsonType;
        }

        HttpResponseMessage response;
        try
        {
            response = await _httpClient().SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or OperationCanceledException)
        {
            var why = e switch
            {
                TimeoutRejectedException => "did not answer in time",
                OperationCanceledException => "did not answer in time",
                HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => "refused the TLS connection (certificate not trusted?)",
                _ => "is unreachable",
            };
            LogUnavailable(operation, e.GetType().Name);
            throw new QdrantException($"Qdrant at {_displayUrl} {why} ({operation}); retries exhausted.", operation, null, null, e);
        }

        using (response)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return ReadResult(bytes, response, operation, envelope);
            }

            var serverError = ReadError(bytes);
            LogFailed(operation, (int)response.StatusCode);
            var status = (int)response.StatusCode;
            var what = response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => _apiKey is null
                    ? "requires an API key (set MedSummary:Store:Qdrant:ApiKey)"
                    : "refused the API key",
                HttpStatusCode.NotFound => "has no such collection",
                >= HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests =>
                    "kept failing; retries exhausted",
                _ => "rejected the request",
            };
            var detail = serverError is null ? string.Empty : $": {serverError}";
            throw new QdrantException($"Qdrant at {_displayUrl} {what} ({operation}, HTTP {status}){detail}", operation, response.StatusCode, serverError);
        }
    }

    private JsonElement? ReadResult(byte[] bytes, HttpResponseMessage response, string operation, bool envelope)
    {
        if (response.Content.Headers.ContentType?.MediaType is { } media && !media.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (!envelope)
            {
                return document.RootElement.Clone();
            }

            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("result", out var result))
            {
                return result.Clone();
            }
        }
        catch (JsonException e)
        {
            throw new QdrantException($"Qdrant at {_displayUrl} answered {operation} with a body that is not JSON.", operation, response.StatusCode, null, e);
        }

        throw new QdrantException($"Qdrant at {_displayUrl} answered {operation} without a result.", operation, response.StatusCode, null);
    }

    /// <summary>Qdrant's status.error, sanitised; null when the body is not Qdrant's error envelope.</summary>
    internal static string? ReadError(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("status", out var status)
                && status.ValueKind == JsonValueKind.Object
                && status.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.String)
            {
                return Sanitize(error.GetString()!);
            }
        }
        catch (JsonException)
        {
            // A proxy's HTML page or similar: the status code says enough.
        }

        return null;
    }

    /// <summary>
    /// Qdrant's error text without anything that could be document text: every quoted value ("..." or `...`)
    /// that is not a plain identifier (a field or collection name) becomes "…", and the whole is capped.
    /// </summary>
    internal static string Sanitize(string error)
    {
        var cleaned = QuotedValue().Replace(error, m =>
        {
            var inner = m.Value[1..^1];
            return Identifier().IsMatch(inner) ? m.Value : $"{m.Value[0]}…{m.Value[^1]}";
        });
        cleaned = cleaned.ReplaceLineEndings(" ");
        const int max = 400;
        return cleaned.Length <= max ? cleaned : string.Concat(cleaned.AsSpan(0, max), "…");
    }

    /// <summary>Serialises a request body with the writer callback.</summary>
    public static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = false }))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedValue();

    [GeneratedRegex("^[A-Za-z0-9_.:/\\-]{0,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Qdrant {Operation} failed without an answer ({Error})")]
    private partial void LogUnavailable(string operation, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Qdrant {Operation} failed with HTTP {Status}")]
    private partial void LogFailed(string operation, int status);
}
