using System.Security.Claims;
using System.Text;
using System.Threading.RateLimiting;
using MedSummary.Api.Configuration;
using MedSummary.Api.Diagnostics;
using MedSummary.Api.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace MedSummary.Api.Security;

/// <summary>
/// Authentication (API keys, optional JWT), the tenant policy every endpoint but health needs, the operator policy,
/// failed-authentication throttling per client address, and per-key rate limits.
/// </summary>
internal static class SecurityServiceCollectionExtensions
{
    /// <summary>Picks the key handler or the JWT handler from the request's credentials.</summary>
    public const string SelectorScheme = "MedSummary";

    public static IServiceCollection AddMedSummarySecurity(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyRegistry>();
        services.AddSingleton<AuthFailureThrottle>();
        services.AddSingleton<IAuthorizationHandler, OperatorKeyHandler>();
        services.AddSingleton<IAuthorizationHandler, ApiReferenceHandler>();
        services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "API key or bearer token", o => o.ForwardDefaultSelector = context =>
            {
                var jwt = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.Jwt;
                return jwt.Enabled && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeyAuthenticationHandler.SchemeName;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<ApiOptions>>(ConfigureJwt);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(TenantClaims.Tenant).Build())
            .AddPolicy(OperatorRequirement.PolicyName, p => p.AddRequirements(new OperatorRequirement()))
            .AddPolicy(ApiReferenceRequirement.PolicyName, p => p.AddRequirements(new ApiReferenceRequirement()));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (context.User.FindFirstValue(TenantClaims.RateKey) is not { } key)
                {
                    // Unauthenticated requests are refused before any work; health probes are not limited.
                    return RateLimitPartition.GetNoLimiter(string.Empty);
                }

                var limits = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.RateLimit;
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Burst,
                    TokensPerPeriod = limits.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = (int)Math.Clamp(Math.Ceiling(retryAfter.TotalSeconds), 1, 3600);
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ProblemAuthorizationResultHandler.WriteAsync(
                    context.HttpContext, ApiErrorCodes.RateLimited, $"Too many requests for this key; retry after {seconds} s.").ConfigureAwait(false);
            };
        });
        return services;
    }

    /// <summary>
    /// Refuses, before authentication, a client address that has used up its failed authentications: 429 with
    /// Retry-After and a ProblemDetails, logged under the client's marker.
    /// </summary>
    public static IApplicationBuilder UseAuthFailureThrottle(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var throttle = context.RequestServices.GetRequiredService<AuthFailureThrottle>();
        if (!throttle.IsBlocked(context, out var retryAfter))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var seconds = (int)Math.Clamp(Math.Ceiling(retryAfter.TotalSeconds), 1, 3600);
        ApiLog.AuthenticationThrottled(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("MedSummary.Api.Security"),
            throttle.MarkerOf(context), seconds);
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await ProblemAuthorizationResultHandler.WriteAsync(context, ApiErrorCodes.AuthThrottled,
            $"Too many failed authentications from this address; retry after {seconds} s.").ConfigureAwait(false);
    });

    private static void ConfigureJwt(JwtBearerOptions bearer, IOptions<ApiOptions> api)
    {
        var jwt = api.Value.Jwt;
        if (!jwt.Enabled)
        {
            return;
        }

        bearer.MapInboundClaims = false;
        bearer.RequireHttpsMetadata = jwt.RequireHttpsMetadata;
        bearer.Audience = jwt.Audience;
        bearer.TokenValidationParameters.ValidAudience = jwt.Audience;
        if (!string.IsNullOrWhiteSpace(jwt.SigningKey))
        {
            bearer.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey));
            bearer.TokenValidationParameters.ValidIssuer = jwt.Issuer;
            bearer.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }
        else
        {
            bearer.Authority = jwt.Authority;
            if (!string.IsNullOrWhiteSpace(jwt.Issuer))
            {
                bearer.TokenValidationParameters.ValidIssuer = jwt.Issuer;
            }
        }

        bearer.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var principal = context.Principal!;
                var tenant = principal.FindFirstValue(jwt.TenantClaim);
                if (!ApiOptionsValidator.IsValidTenant(tenant))
                {
                    var services = context.HttpContext.RequestServices;
                    ApiLog.AuthenticationRefusedFrom(services.GetRequiredService<ILoggerFactory>().CreateLogger("MedSummary.Api.Security"),
                        services.GetRequiredService<AuthFailureThrottle>().MarkerOf(context.HttpContext), "bearer token without a usable tenant claim");
                    context.Fail($"The token has no usable '{jwt.TenantClaim}' claim.");
                    return Task.CompletedTask;
                }

                var subject = principal.FindFirstValue("sub") ?? "unknown";
                var actor = principal.FindFirstValue(jwt.NameClaim) ?? subject;
                var identity = new ClaimsIdentity(
                    [
                        new Claim(TenantClaims.Tenant, tenant!),
                        new Claim(TenantClaims.Actor, actor),
                        new Claim(TenantClaims.RateKey, "jwt:" + tenant + ":" + subject),
                    ],
                    JwtBearerDefaults.AuthenticationScheme);
                principal.AddIdentity(identity);
                return Task.CompletedTask;
            },
            OnChallenge = context =>
            {
                // The authorization result handler writes the problem; the handler's own empty 401 is not wanted.
                context.HandleResponse();
                return Task.CompletedTask;
            },
        };
    }
}
