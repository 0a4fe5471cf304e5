using System.Net;
using MedSummary.Qdrant.Health;
using MedSummary.Qdrant.Store;
using MedSummary.Qdrant.Tests.Fakes;
using MedSummary.Retrieval;
using MedSummary.Retrieval.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Shouldly;

namespace MedSummary.Qdrant.Tests.Hosting;

/// <summary>Configuration, start-up validation, DI and the health check.</summary>
public sealed class QdrantRegistrationTests
{
    [Fact]
    public async Task Configuration_chooses_qdrant_and_the_store_starts_without_contacting_the_server()
    {
        using var server = new RecordingHandler();
        server.ReplyConnectionRefused();
        using var host = Host(server, new()
        {
            ["MedSummary:Store:Provider"] = "Qdrant",
            ["MedSummary:Store:Qdrant:Url"] = "https://qdrant.cancer.example:6334",
            ["MedSummary:Store:Qdrant:ApiKey"] = "k",
            ["MedSummary:Store:Qdrant:CollectionPrefix"] = "oncology_",
        });

        await host.StartAsync();

        var store = host.Services.GetRequiredService<IChunkStore>().ShouldBeOfType<QdrantChunkStore>();
        host.Services.GetRequiredKeyedService<IChunkStore>("qdrant").ShouldBeSameAs(store);
        store.CollectionName.ShouldBe("oncology_chunks");
        store.ServerUrl.ShouldBe("https://qdrant.cancer.example:6334");
        server.Requests.ShouldBeEmpty();
        await host.StopAsync();
    }

    [Fact]
    public async Task The_embedded_store_stays_the_default_and_bad_qdrant_settings_are_then_ignored()
    {
        using var server = new RecordingHandler();
        using var host = Host(server, new() { ["MedSummary:Store:Qdrant:Url"] = "not a url", ["MedSummary:Store:SqlitePath"] = Path.Combine(Path.GetTempPath(), $"ms-{Guid.NewGuid():N}.db") });

        await host.StartAsync();

        host.Services.GetRequiredService<IChunkStore>().ShouldNotBeOfType<QdrantChunkStore>();
        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        health.Entries["qdrant"].Status.ShouldBe(HealthStatus.Healthy);
        health.Entries["qdrant"].Description!.ShouldContain("not the configured");
        await host.StopAsync();
    }

    [Theory]
    [InlineData("MedSummary:Store:Qdrant:Url", "ftp://qdrant:6333", "must be an absolute http or https URL")]
    [InlineData("MedSummary:Store:Qdrant:Url", "http://user:pw@qdrant:6333", "credentials")]
    [InlineData("MedSummary:Store:Qdrant:CollectionPrefix", "bad prefix!", "CollectionPrefix")]
    [InlineData("MedSummary:Store:Qdrant:Timeout", "00:00:00", "Timeout")]
    [InlineData("MedSummary:Store:Qdrant:MaxRetries", "50", "MaxRetries")]
    [InlineData("MedSummary:Store:Qdrant:UpsertBatchSize", "0", "UpsertBatchSize")]
    [InlineData("MedSummary:Store:Qdrant:CaCertificatePath", "/nowhere/ca.pem", "CaCertificatePath")]
    [InlineData("MedSummary:Store:Qdrant:ApiKey", "key", "in clear")]
    public async Task Bad_qdrant_settings_fail_at_start_naming_the_setting(string key, string value, string expected)
    {
        using var server = new RecordingHandler();
        using var host = Host(server, new()
        {
            ["MedSummary:Store:Provider"] = "qdrant",
            ["MedSummary:Store:Qdrant:Url"] = "http://qdrant.internal:6333",
            [key] = value,
        });

        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());

        error.Message.ShouldContain(expected);
    }

    [Fact]
    public async Task The_health_check_reports_an_unreachable_server_as_unhealthy_with_the_reason()
    {
        using var server = new RecordingHandler();
        server.ReplyConnectionRefused();
        using var host = Host(server, new() { ["MedSummary:Store:Provider"] = "qdrant", ["MedSummary:Store:Qdrant:MaxRetries"] = "1" });
        await host.StartAsync();

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Status.ShouldBe(HealthStatus.Unhealthy);
        report.Entries["qdrant"].Description!.ShouldContain("unreachable");
        report.Entries["qdrant"].Description!.ShouldContain("qdrant.test:6333");
        server.Requests.Select(r => r.ToString()).Distinct().ShouldBe(["GET /collections/medsummary_chunks/exists"]);
        await host.StopAsync();
    }

    [Fact]
    public async Task The_health_check_gives_up_after_its_own_timeout()
    {
        using var server = new RecordingHandler();
        server.ReplyHang();
        using var host = Host(server, new()
        {
            ["MedSummary:Store:Provider"] = "qdrant",
            ["MedSummary:Store:Qdrant:HealthCheckTimeout"] = "00:00:00.100",
        });

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Entries["qdrant"].Status.ShouldBe(HealthStatus.Unhealthy);
        report.Entries["qdrant"].Description!.ShouldContain("did not answer within 0.1 s");
    }

    [Theory]
    [InlineData(true, "the collection exists")]
    [InlineData(false, "will be created")]
    public async Task The_health_check_is_healthy_when_the_server_answers(bool exists, string expected)
    {
        using var server = new RecordingHandler();
        server.ReplyOk($$"""{"exists":{{(exists ? "true" : "false")}}}""");
        using var host = Host(server, new() { ["MedSummary:Store:Provider"] = "qdrant" });

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Entries["qdrant"].Status.ShouldBe(HealthStatus.Healthy);
        report.Entries["qdrant"].Description!.ShouldContain(expected);
        report.Entries["qdrant"].Data["collectionExists"].ShouldBe(exists);
    }

    [Fact]
    public async Task The_health_check_reports_a_refused_key()
    {
        using var server = new RecordingHandler();
        server.ReplyError(HttpStatusCode.Forbidden, "Invalid api-key");
        using var host = Host(server, new() { ["MedSummary:Store:Provider"] = "qdrant", ["MedSummary:Store:Qdrant:Url"] = "https://q:6333", ["MedSummary:Store:Qdrant:ApiKey"] = "bad" });

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Entries["qdrant"].Status.ShouldBe(HealthStatus.Unhealthy);
        report.Entries["qdrant"].Description!.ShouldContain("refused the API key");
    }

    [Fact]
    public void Registering_twice_registers_once()
    {
        var services = new ServiceCollection();
        services.AddMedSummaryQdrant();
        services.AddMedSummaryQdrant(o => o.CollectionPrefix = "x_");

        services.Count(d => d.ServiceType == typeof(QdrantChunkStore)).ShouldBe(1);
        using var provider = services.AddLogging().BuildServiceProvider();
        provider.GetRequiredService<IOptions<QdrantOptions>>().Value.CollectionPrefix.ShouldBe("x_");
        provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Count(r => r.Name == "qdrant").ShouldBe(1);
    }

    private static IHost Host(HttpMessageHandler handler, Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddMedSummaryRetrieval();
        builder.Services.AddMedSummaryQdrant(o => o.RetryDelay = TimeSpan.FromMilliseconds(1));
        builder.Services.PostConfigure<QdrantOptions>(o =>
        {
            if (!settings.ContainsKey("MedSummary:Store:Qdrant:Url"))
            {
                o.Url = "http://qdrant.test:6333";
            }
        });
        builder.Services.AddHttpClient(QdrantServiceCollectionExtensions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        return builder.Build();
    }
}
