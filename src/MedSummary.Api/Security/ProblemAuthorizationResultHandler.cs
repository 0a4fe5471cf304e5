using MedSummary.Api.Configuration;
using MedSummary.Api.Diagnostics;
using MedSummary.Api.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;

namespace MedSummary.Api.Security;

/// <summary>Answers a refused authorization with a ProblemDetails (code "unauthorized" or "forbidden") instead of an empty 401/403.</summary>
/// <remarks>A refusal of credentials that were presented counts as a failure of the client's address (<see cref="AuthFailureThrottle"/>).</remarks>
internal sealed class ProblemAuthorizationResultHandler(IOptions<ApiOptions> options, AuthFailureThrottle throttle, ILogger<ProblemAuthorizationResultHandler> logger)
    : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if ((authorizeResult.Challenged || authorizeResult.Forbidden) && policy.Requirements.OfType<OperatorRequirement>().Any())
        {
            await RefuseOperatorAsync(context).ConfigureAwait(false);
            return;
        }

        if (authorizeResult.Challenged)
        {
            var failed = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Failure is not null
                || ApiKeyAuthenticationHandler.Presented(context.Request) is not null
                || context.Request.Headers.Authorization.Count > 0;
            if (failed)
            {
                Failed(context, "credentials not accepted");
            }

            context.Response.Headers.WWWAuthenticate = options.Value.Jwt.Enabled
                ? $"ApiKey header=\"{ApiKeyAuthenticationHandler.HeaderName}\", Bearer"
                : $"ApiKey header=\"{ApiKeyAuthenticationHandler.HeaderName}\"";
            await WriteAsync(context, ApiErrorCodes.Unauthorized, failed
                ? "The API key or token was not accepted."
                : $"An API key is required: send it in the {ApiKeyAuthenticationHandler.HeaderName} header.").ConfigureAwait(false);
            return;
        }

        if (authorizeResult.Forbidden)
        {
            await WriteAsync(context, ApiErrorCodes.Forbidden, "The credentials do not allow this request.").ConfigureAwait(false);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }

    private async Task RefuseOperatorAsync(HttpContext context)
    {
        if (ApiOptionsValidator.OperatorHashOf(options.Value) is null)
        {
            await WriteAsync(context, ApiErrorCodes.Forbidden,
                "No operator key is configured: this endpoint is closed. /health/live and /health/ready answer without one.").ConfigureAwait(false);
            return;
        }

        context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{OperatorRequirement.HeaderName}\"";
        if (OperatorKeyHandler.Presented(context) is null)
        {
            await WriteAsync(context, ApiErrorCodes.Unauthorized, $"The operator key is required: send it in the {OperatorRequirement.HeaderName} header.").ConfigureAwait(false);
            return;
        }

        Failed(context, "operator key not accepted");
        await WriteAsync(context, ApiErrorCodes.Unauthorized, "The operator key was not accepted.").ConfigureAwait(false);
    }

    private void Failed(HttpContext context, string reason)
    {
        throttle.RecordFailure(context);
        ApiLog.AuthenticationRefusedFrom(logger, throttle.MarkerOf(context), reason);
    }

    public static async Task WriteAsync(HttpContext context, string code, string detail)
    {
        var problem = ApiProblems.Details(code, detail);
        context.Response.StatusCode = problem.Status!.Value;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).ConfigureAwait(false);
    }
}
