using System.Diagnostics;
using System.Text.Encodings.Web;
using FluentValidation;
using MedSummary.Api.Configuration;
using MedSummary.Api.Diagnostics;
using MedSummary.Api.Dossiers;
using MedSummary.Api.Errors;
using MedSummary.Api.Fhir;
using MedSummary.Api.Health;
using MedSummary.Api.Hosting;
using MedSummary.Api.Processing;
using MedSummary.Api.ReportLinks;
using MedSummary.Api.Review;
using MedSummary.Api.Search;
using MedSummary.Api.Security;
using MedSummary.Api.Storage;
using MedSummary.Ingestion.Ocr;
using MedSummary.Pipeline.Composition;
using MedSummary.Pipeline.Diagnostics;
using MedSummary.Retrieval.Stores;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Scalar.AspNetCore;

namespace MedSummary.Api;

/// <summary>
/// The MedSummary web service, the same whether hosted by <c>dotnet run --project src/MedSummary.Api</c>,
/// <c>medsummary serve</c> or a test's WebApplicationFactory: <see cref="CreateBuilder"/> registers everything,
/// <see cref="Build"/> wires the pipeline and the endpoints.
/// </summary>
public static class MedSummaryApi
{
    /// <summary>A builder with the service registered. <paramref name="configFile"/> (optional) is read after appsettings*.json and before environment variables and the command line.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, string? configFile = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (configFile is not null)
        {
            var sources = builder.Configuration.Sources;
            var after = sources.Select((s, i) => (s, i)).LastOrDefault(x => x.s is JsonConfigurationSource).i;
            var file = new JsonConfigurationSource { Path = Path.GetFullPath(configFile), Optional = false, ReloadOnChange = false };
            file.ResolveFileProvider();
            sources.Insert(Math.Min(after + 1, sources.Count), file);
        }

        // Request lines carry query strings (a search may name a patient): framework logs start at Warning unless configured.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // The hosting layer logs each request line at Information before any middleware runs: a report link's one-time
        // token is in its path, a search's query may name a patient. Its request lines stay off whatever the
        // configuration says (a rule per provider, added last, outranks any configured one).
        builder.Services.PostConfigure<LoggerFilterOptions>(filters =>
        {
            const string hosting = "Microsoft.AspNetCore.Hosting.Diagnostics";
            foreach (var provider in filters.Rules.Select(r => r.ProviderName).Append(null).Distinct().ToList())
            {
                filters.Rules.Add(new LoggerFilterRule(provider, hosting, LogLevel.Warning, null));
            }
        });
        builder.Services.AddMedSummaryApi(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Builds the app: error handling, request line and header limits, failed-authentication throttling,
    /// authentication, rate limits, then every API area, OpenAPI, Scalar and /metrics (operator key).
    /// </summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLimits();
        app.UseRouting();
        app.UseAuthFailureThrottle();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapHealthApi();
        app.MapDossiersApi();
        app.MapReviewApi();
        app.MapFhirApi();
        app.MapSearchApi();
        app.MapReportLinksApi();

        // Decided per request (options are validated when the host starts, not while the endpoints are mapped).
        app.MapOpenApi().RequireAuthorization(ApiReferenceRequirement.PolicyName);
        app.MapScalarApiReference(o => o
            .WithTitle("MedSummary API")
            .DisableDefaultFonts()
            .AddPreferredSecuritySchemes(ApiKeySecuritySchemeTransformer.SchemeName))
            .RequireAuthorization(ApiReferenceRequirement.PolicyName);

        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(OperatorRequirement.PolicyName);
        return app;
    }

    /// <summary>Runs the service until <paramref name="cancellationToken"/> fires or the host is stopped (Ctrl+C).</summary>
    public static async Task RunAsync(string[] args, string? configFile = null, CancellationToken cancellationToken = default)
    {
        await using var app = Build(CreateBuilder(args, configFile));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every service of the API: options, the pipeline, storage, the queue and its worker, security, validation, problems, OpenAPI, health and metrics.</summary>
    public static IServiceCollection AddMedSummaryApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddMedSummary(configuration);

        // The embedded chunk store lives in the data folder too, unless a path is configured for it.
        services.AddOptions<StoreOptions>().PostConfigure<IOptions<ApiOptions>, IConfiguration>((store, api, config) =>
        {
            if (string.IsNullOrWhiteSpace(config[$"{StoreOptions.SectionName}:{nameof(StoreOptions.SqlitePath)}"]))
            {
                store.SqlitePath = api.Value.ChunkStorePath;
            }
        });

        // Working files (OCR's copies of scans) go to the data folder's private work folder, unless a path is configured.
        services.AddOptions<OcrOptions>().PostConfigure<IOptions<ApiOptions>, IConfiguration>((ocr, api, config) =>
        {
            if (string.IsNullOrWhiteSpace(config[$"{OcrOptions.SectionName}:{nameof(OcrOptions.TempPath)}"]))
            {
                ocr.TempPath = api.Value.WorkFolder;
            }
        });

        services.AddSingleton<WorkFolder>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkFolder>());
        services.AddSingleton<ApiDatabase>();
        services.AddSingleton<DossierRepository>();
        services.AddSingleton<ReviewRepository>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<DossierQueue>();
        services.AddSingleton<DossierIntake>();
        services.AddSingleton<UploadInspector>();
        services.AddHostedService<DossierWorker>();
        services.AddValidatorsFromAssemblyContaining<ApiOptions>(ServiceLifetime.Singleton, includeInternalTypes: true);

        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            if (!problem.Extensions.ContainsKey(ApiProblems.CodeMember))
            {
                var code = ApiErrorCodes.ForStatus(status);
                problem.Extensions[ApiProblems.CodeMember] = code;
                problem.Detail ??= code switch
                {
                    ApiErrorCodes.NotFound => "No endpoint answers this path.",
                    ApiErrorCodes.MethodNotAllowed => "This endpoint does not answer this method.",
                    _ => null,
                };
            }

            // Exception details never leave the service, whatever the environment.
            problem.Extensions.Remove("exception");
            problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

            // Numbers are numbers: the web default also reads them from strings, which the OpenAPI document then declares
            // as "number or string" and generated clients turn into composed types.
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>((kestrel, api) =>
        {
            kestrel.Limits.MaxRequestBodySize = api.Value.Limits.MaxRequestBytes;
            RequestLimits.ConfigureServer(kestrel.Limits);
        });

        services.AddMedSummarySecurity();
        services.AddReportLinks();
        services.AddOpenApi(o => o.AddMedSummaryTransformers());
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: ["ready"])
            .AddCheck<QueueHealthCheck>("queue", tags: ["ready"])
            .AddCheck<ModelHealthCheck>("models", tags: ["ready"]);

        // Metrics stay on this machine: a Prometheus endpoint to scrape, no exporter that sends anything.
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("medsummary"))
            .WithMetrics(metrics => metrics
            .AddMeter(ApiTelemetry.Name, PipelineTelemetry.Name, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
                "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Diagnostics")
            .AddPrometheusExporter());
        return services;
    }
}
