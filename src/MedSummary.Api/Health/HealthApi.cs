using MedSummary.AI.Status;
using MedSummary.Api.Processing;
using MedSummary.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedSummary.Api.Health;

/// <summary>GET /health: overall status, models, store, queue and every check (Qdrant's included when it is the store).</summary>
public sealed record HealthView(string Status, ModelsView Models, QueueView Queue, IReadOnlyList<CheckView> Checks);

/// <summary>The chat and embedding models: engine, model, state (not_configured, configured, ready, failed), and the processing mode they give.</summary>
public sealed record ModelsView(string Mode, ModelRoleView Chat, ModelRoleView Embeddings, string Description);

public sealed record ModelRoleView(string Engine, string? Model, string State, string? Detail);

public sealed record QueueView(int Depth, int Capacity, int Processing);

public sealed record CheckView(string Name, string Status, string? Description, double DurationMs);

/// <summary>/health/live and /health/ready: a status word only, for probes.</summary>
public sealed record ProbeView(string Status);

/// <summary>
/// Health for the operator (/health, operator key: models, queue, every check with its reason) and for probes,
/// open without a key (/health/live: the process answers; /health/ready: healthy, degraded or unhealthy, nothing
/// about configuration, queue or dossiers).
/// </summary>
public static class HealthApi
{
    public static RouteGroupBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health");
        group.MapGet("", GetHealth)
            .RequireAuthorization(OperatorRequirement.PolicyName)
            .WithName(nameof(GetHealth))
            .WithSummary("Service health for the operator (X-Operator-Key): 200 when healthy or degraded, 503 when a check fails (e.g. the store cannot be written)")
            .WithDescription("Each check with its status, reason and duration, the models and the processing queue. Needs the operator key (X-Operator-Key); refused to everyone when none is configured.")
            .Produces<HealthView>(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/live", GetLive)
            .AllowAnonymous()
            .WithName(nameof(GetLive))
            .WithSummary("Liveness: 200 while the process answers")
            .WithDescription("Answers 200 as long as the process serves requests; says nothing about the store or the models. No key needed.");
        group.MapGet("/ready", GetReady)
            .AllowAnonymous()
            .WithName(nameof(GetReady))
            .WithSummary("Readiness: 200 when healthy or degraded, 503 when a check fails; the status word only")
            .WithDescription("Runs the health checks and answers only their overall status word (healthy, degraded, unhealthy), nothing about configuration or dossiers. No key needed.")
            .Produces<ProbeView>(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    public static Ok<ProbeView> GetLive() => TypedResults.Ok(new ProbeView("alive"));

    public static async Task<Results<Ok<ProbeView>, JsonHttpResult<ProbeView>>> GetReady(HealthCheckService checks, CancellationToken cancellationToken)
    {
        var report = await checks.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
        var view = new ProbeView(Name(report.Status));
        return report.Status == HealthStatus.Unhealthy
            ? TypedResults.Json(view, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<HealthView>, JsonHttpResult<HealthView>>> GetHealth(
        HealthCheckService checks, IModelStatus models, DossierQueue queue, CancellationToken cancellationToken)
    {
        var report = await checks.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
        var view = new HealthView(
            Name(report.Status),
            new ModelsView(
                models.ChatAvailable ? "rules+llm" : "rules",
                Role(models.Chat),
                Role(models.Embeddings),
                models.Describe()),
            new QueueView(queue.Depth, queue.Capacity, queue.Processing),
            [.. report.Entries.Select(e => new CheckView(e.Key, Name(e.Value.Status), e.Value.Description, Math.Round(e.Value.Duration.TotalMilliseconds, 1)))]);
        return report.Status == HealthStatus.Unhealthy
            ? TypedResults.Json(view, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(view);
    }

    private static ModelRoleView Role(ModelRoleStatus s) => new(s.Engine, s.Model, s.State switch
    {
        ModelState.NotConfigured => "not_configured",
        ModelState.Configured => "configured",
        ModelState.Ready => "ready",
        _ => "failed",
    }, s.Detail);

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
