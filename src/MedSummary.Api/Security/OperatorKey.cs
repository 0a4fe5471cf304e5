using System.Security.Cryptography;
using System.Text;
using MedSummary.Api.Configuration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace MedSummary.Api.Security;

/// <summary>The operator's endpoints (/metrics, the detailed /health): they need the operator key, not a tenant's.</summary>
public sealed class OperatorRequirement : IAuthorizationRequirement
{
    public const string PolicyName = "operator";

    public const string HeaderName = "X-Operator-Key";
}

/// <summary>
/// Grants <see cref="OperatorRequirement"/> when the request's X-Operator-Key hashes to the configured operator key
/// (compared in fixed time). A tenant key is never enough: service-wide counters and configuration are not a tenant's.
/// </summary>
internal sealed class OperatorKeyHandler(IOptions<ApiOptions> options) : AuthorizationHandler<OperatorRequirement>
{
    private readonly byte[]? _hash = ApiOptionsValidator.OperatorHashOf(options.Value) is { } hex ? Convert.FromHexString(hex) : null;

    public bool Configured => _hash is not null;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperatorRequirement requirement)
    {
        if (_hash is not null && context.Resource is HttpContext http && Presented(http) is { } presented && presented.Length <= 512
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _hash))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    public static string? Presented(HttpContext context) =>
        context.Request.Headers.TryGetValue(OperatorRequirement.HeaderName, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value.ToString().Trim()
            : null;
}
