using System.Text.RegularExpressions;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Qdrant.Client.Grpc;

namespace MedSummary.Qdrant.Client;

/// <summary>
/// The gRPC connection to Qdrant through the official client's generated stubs (<see cref="QdrantGrpcClient"/>):
/// one HTTP/2 channel, the API key in the "api-key" header of every call, TLS trusting the configured CA, and
/// every call run through <see cref="Resilience"/>. Each attempt carries a gRPC deadline of
/// <see cref="QdrantOptions.Timeout"/> (the server sees it too and stops working on an abandoned call); attempts
/// that end Unavailable, DeadlineExceeded or ResourceExhausted are retried with exponential back-off and jitter,
/// all within <see cref="QdrantOptions.TotalTimeout"/>. Every failure reaches the caller as a <see cref="QdrantException"/>.
/// </summary>
public sealed partial class QdrantConnection : IDisposable
{
    /// <summary>The header Qdrant reads the API key from.</summary>
    public const string ApiKeyHeader = "api-key";

    /// <summary>Scroll pages hold stored vectors and texts: more than gRPC's 4 MB default may come back.</summary>
    private const int MaxReceiveBytes = 64 * 1024 * 1024;

    private static readonly ResiliencePropertyKey<string> OperationKey = new("MedSummary.Qdrant.Operation");

    private readonly GrpcChannel _channel;
    private readonly TimeSpan _attemptTimeout;
    private readonly bool _hasApiKey;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public QdrantConnection(QdrantOptions options, TimeProvider? timeProvider = null, ILogger<QdrantConnection>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<QdrantConnection>.Instance;
        _attemptTimeout = options.Timeout;
        _hasApiKey = options.ApiKey is not null;
        DisplayUrl = options.DisplayUrl;

        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // Keeps an idle HTTP/2 connection known to be alive, so a restarted server is noticed before a call.
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            EnableMultipleHttp2Connections = true,
        };
        if (options.CaCertificatePath is { } path)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = CertificateTrust.Validator(CertificateTrust.LoadCa(path));
        }

        _channel = GrpcChannel.ForAddress(options.Url, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = MaxReceiveBytes,
        });
        CallInvoker invoker = _channel.CreateCallInvoker();
        if (options.ApiKey is { } key)
        {
            invoker = invoker.Intercept(metadata =>
            {
                metadata.Add(ApiKeyHeader, key);
                return metadata;
            });
        }

        Grpc = new QdrantGrpcClient(invoker);
        Resilience = BuildPipeline(options, _time, _logger);
    }

    /// <summary>The server, for messages: scheme, host and port.</summary>
    public string DisplayUrl { get; }

    /// <summary>The official client's stubs (Qdrant, Collections, Points services) over this connection.</summary>
    public QdrantGrpcClient Grpc { get; }

    /// <summary>Total timeout over retries with back-off; each attempt's own deadline is set by <see cref="CallAsync"/>.</summary>
    public ResiliencePipeline Resilience { get; }

    /// <summary>
    /// Runs one call with retries; <paramref name="call"/> gets the stubs and the call options (deadline and
    /// cancellation) of each attempt. <paramref name="operation"/> names it in messages, e.g. "upsert points".
    /// </summary>
    public async Task<T> CallAsync<T>(string operation, Func<QdrantGrpcClient, CallOptions, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(OperationKey, operation);
        try
        {
            return await Resilience.ExecuteAsync(
                async (context, _) =>
                {
                    var token = context.CancellationToken;
                    var deadline = _time.GetUtcNow().UtcDateTime + _attemptTimeout;
                    try
                    {
                        return await call(Grpc, new CallOptions(deadline: deadline, cancellationToken: token)).ConfigureAwait(false);
                    }
                    catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && token.IsCancellationRequested)
                    {
                        // Ours, not the server's: the caller or the total timeout cancelled. Said as .NET says it, so the
                        // timeout strategy recognises its own cancellation and nothing retries a cancelled call.
                        throw new OperationCanceledException(token);
                    }
                },
                context,
                0).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException e)
        {
            LogFailed(operation, nameof(StatusCode.DeadlineExceeded));
            throw new QdrantException($"Qdrant at {DisplayUrl} did not answer in time ({operation}); retries exhausted.", operation, StatusCode.DeadlineExceeded, null, e);
        }
        catch (RpcException e)
        {
            LogFailed(operation, e.StatusCode.ToString());
            throw Describe(e, operation);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public void Dispose() => _channel.Dispose();

    /// <summary>The gRPC statuses worth another attempt: the server is restarting, overloaded or was too slow.</summary>
    internal static bool IsTransient(StatusCode status) =>
        status is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted;

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

    private QdrantException Describe(RpcException e, string operation)
    {
        // A debug exception means the client failed before Qdrant answered: its detail is .NET's own text, not Qdrant's.
        var transport = e.Status.DebugException;
        var detail = transport is not null || string.IsNullOrWhiteSpace(e.Status.Detail) ? null : Sanitize(e.Status.Detail);
        var what = e.StatusCode switch
        {
            _ when transport is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError }
                || transport?.InnerException is System.Security.Authentication.AuthenticationException =>
                "refused the TLS connection (certificate not trusted? set MedSummary:Store:Qdrant:CaCertificatePath)",
            StatusCode.Unavailable => "is unreachable",
            StatusCode.DeadlineExceeded => "did not answer in time",
            StatusCode.ResourceExhausted => "is overloaded",
            StatusCode.Unauthenticated or StatusCode.PermissionDenied => _hasApiKey
                ? "refused the API key"
                : "requires an API key (set MedSummary:Store:Qdrant:ApiKey)",
            StatusCode.NotFound => "has no such collection",
            StatusCode.Unimplemented => "does not know this call (is the URL Qdrant's gRPC port, 6334 by default?)",
            _ when transport is not null => "could not be reached",
            _ => "rejected the request",
        };
        var retried = IsTransient(e.StatusCode) ? "; retries exhausted" : string.Empty;
        var tail = detail is null ? string.Empty : $": {detail}";
        return new QdrantException(
            $"Qdrant at {DisplayUrl} {what} ({operation}, gRPC {e.StatusCode}{retried}){tail}", operation, e.StatusCode, detail, e);
    }

    private static ResiliencePipeline BuildPipeline(QdrantOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(options.TotalTimeout);
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(e => IsTransient(e.StatusCode)),
                OnRetry = args =>
                {
                    var status = args.Outcome.Exception is RpcException e ? e.StatusCode.ToString() : "unknown";
                    LogRetrying(logger, args.Context.Properties.GetValue(OperationKey, "call"), status, args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            });
        }

        return builder.Build();
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedValue();

    [GeneratedRegex("^[A-Za-z0-9_.:/\\-]{0,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    // Debug only: the caller gets the failure as a QdrantException and reports it (a missing collection is even expected).
    [LoggerMessage(Level = LogLevel.Debug, Message = "Qdrant {Operation} failed with gRPC status {Status}")]
    private partial void LogFailed(string operation, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Qdrant {Operation} failed with gRPC status {Status}; attempt {Attempt} in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string operation, string status, int attempt, TimeSpan delay);
}
