using MedSummary.Api.Configuration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace MedSummary.Api.Security;

/// <summary>
/// The OpenAPI document and the Scalar reference: open to anyone while <see cref="ApiOptions.PublicApiReference"/> is
/// on (the default; they describe the API and hold no patient data), else a tenant's key is needed.
/// </summary>
public sealed class ApiReferenceRequirement : IAuthorizationRequirement
{
    public const string PolicyName = "api-reference";
}

internal sealed class ApiReferenceHandler(IOptions<ApiOptions> options) : AuthorizationHandler<ApiReferenceRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiReferenceRequirement requirement)
    {
        if (options.Value.PublicApiReference || context.User.HasClaim(c => c.Type == TenantClaims.Tenant))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
