using MedSummary.Api.Errors;
using MedSummary.Api.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MedSummary.Api.Hosting;

/// <summary>
/// The limits on the request line and headers, enforced by the app so that a refusal is a ProblemDetails: Kestrel
/// refuses an over-long request line (414) or header block (431) itself, with an empty body, before any middleware
/// runs. Kestrel's own limits are therefore set at <see cref="ServerHeadroom"/> times ours, and ours apply here; a
/// request beyond even those still gets Kestrel's bare answer. A NUL in the path (raw or %00) never reaches the app:
/// ASP.NET Core's URL decoder refuses it while parsing the request line, and Kestrel answers a bare 400.
/// </summary>
public static class RequestLimits
{
    /// <summary>Longest request target (path and query), as Kestrel's default request line.</summary>
    public const int MaxTargetLength = 8 * 1024;

    /// <summary>Largest header block (names and values), as Kestrel's default.</summary>
    public const int MaxHeadersBytes = 32 * 1024;

    /// <summary>How far above our limits Kestrel's are set.</summary>
    public const int ServerHeadroom = 4;

    public static void ConfigureServer(KestrelServerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.MaxRequestLineSize = MaxTargetLength * ServerHeadroom;
        limits.MaxRequestHeadersTotalSize = MaxHeadersBytes * ServerHeadroom;
    }

    /// <summary>414 uri_too_long and 431 headers_too_large, each a ProblemDetails.</summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (context.Request.Path + context.Request.QueryString).ToString();
        if (target.Length > MaxTargetLength)
        {
            await ProblemAuthorizationResultHandler.WriteAsync(context, ApiErrorCodes.UriTooLong,
                $"The request target has {target.Length} characters, more than the limit of {MaxTargetLength}.").ConfigureAwait(false);
            return;
        }

        long headerBytes = 0;
        foreach (var (name, values) in context.Request.Headers)
        {
            headerBytes += name.Length + values.Sum(v => (long)(v?.Length ?? 0));
        }

        if (headerBytes > MaxHeadersBytes)
        {
            await ProblemAuthorizationResultHandler.WriteAsync(context, ApiErrorCodes.HeadersTooLarge,
                $"The request headers hold {headerBytes} bytes, more than the limit of {MaxHeadersBytes}.").ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    });
}
