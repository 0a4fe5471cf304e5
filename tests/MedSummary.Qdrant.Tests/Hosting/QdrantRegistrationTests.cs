using MedSummary.Qdrant.Store;
using MedSummary.Retrieval;
using MedSummary.Retrieval.Stores;
using MedSummary.Testing.Qdrant;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Shouldly;

namespace MedSummary.Qdrant.Tests.Hosting;

/// <summary>Configuration, start-up validation, DI and the health check, against the in-process gRPC server.</summary>
public sealed class QdrantRegistrationTests
{
    [Fact]
    public async Task Configuration_chooses_qdrant_and_the_store_starts_without_contacting_the_server()
    {
        await using var server = await QdrantTestServer.StartAsync();
        using var host = Host(new()
        {
            ["MedSummary:Store:Provider"] = "Qdrant",
            ["MedSummary:Store:Qdrant:Url"] = server.Url,
            ["MedSummary:Store:Qdrant:ApiKey"] = "k",
            ["MedSummary:Store:Qdrant:CollectionPrefix"] = "oncology_",
        });

        await host.StartAsync();

        var store = host.Services.GetRequiredService<IChunkStore>().ShouldBeOfType<QdrantChunkStore>();
        host.Services.GetRequiredKeyedService<IChunkStore>("qdrant").ShouldBeSameAs(store);
        store.CollectionName.ShouldBe("oncology_chunks");
        store.ServerUrl.ShouldBe(server.Url);
        server.Calls.ShouldBeEmpty();
        await host.StopAsync();
    }

    [Fact]
    public void The_default_url_is_qdrants_grpc_port()
    {
        new QdrantOptions().Url.ShouldBe("http://localhost:6334");
    }

    [Fact]
    public async Task The_embedded_store_stays_the_default_and_bad_qdrant_settings_are_then_ignored()
    {
        using var host = Host(new() { ["MedSummary:Store:Qdrant:Url"] = "not a url", ["MedSummary:Store:SqlitePath"] = Path.Combine(Path.GetTempPath(), $"ms-{Guid.NewGuid():N}.db") });

        await host.StartAsync();

        host.Services.GetRequiredService<IChunkStore>().ShouldNotBeOfType<QdrantChunkStore>();
        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        health.Entries["qdrant"].Status.ShouldBe(HealthStatus.Healthy);
        health.Entries["qdrant"].Description!.ShouldContain("not the configured");
        await host.StopAsync();
    }

    [Theory]
    [InlineData("MedSummary:Store:Qdrant:Url", "ftp://qdrant:6334", "must be an absolute http or https URL")]
    [InlineData("MedSummary:Store:Qdrant:Url", "http://user:pw@qdrant:6334", "credentials")]
    [InlineData("MedSummary:Store:Qdrant:CollectionPrefix", "bad prefix!", "CollectionPrefix")]
    [InlineData("MedSummary:Store:Qdrant:Timeout", "00:00:00", "Timeout")]
    [InlineData("MedSummary:Store:Qdrant:MaxRetries", "50", "MaxRetries")]
    [InlineData("MedSummary:Store:Qdrant:UpsertBatchSize", "0", "UpsertBatchSize")]
    [InlineData("MedSummary:Store:Qdrant:CaCertificatePath", "/nowhere/ca.pem", "CaCertificatePath")]
    [InlineData("MedSummary:Store:Qdrant:ApiKey", "key", "in clear")]
    public async Task Bad_qdrant_settings_fail_at_start_naming_the_setting(string key, string value, string expected)
    {
        using var host = Host(new()
        {
            ["MedSummary:Store:Provider"] = "qdrant",
            ["MedSummary:Store:Qdrant:Url"] = "http://qdrant.internal:6334",
            [key] = value,
        });

        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());

        error.Message.ShouldContain(expected);
    }

    [Fact]
    public async Task The_health_check_reports_an_unreachable_server_as_unhealthy_with_the_reason()
    {
        var url = QdrantTestServer.UnreachableUrl();
        using var host = Host(new()
        {
            ["MedSummary:Store:Provider"] = "qdrant",
            ["MedSummary:Store:Qdrant:Url"] = url,
            ["MedSummary:Store:Qdrant:MaxRetries"] = "1",
        });
        await host.StartAsync();

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Status.ShouldBe(HealthStatus.Unhealthy);
        report.Entries["qdrant"].Description!.ShouldContain("is unreachable");
        report.Entries["qdrant"].Description!.ShouldContain(url);
        report.Entries["qdrant"].Description!.ShouldNotContain("Exception");
        await host.StopAsync();
    }

    [Fact]
    public async Task The_health_check_gives_up_after_its_own_timeout()
    {
        await using var server = await QdrantTestServer.StartAsync();
        server.Faults.Stall = TimeSpan.FromMinutes(1);
        using var host = Host(new()
        {
            ["MedSummary:Store:Provider"] = "qdrant",
            ["MedSummary:Store:Qdrant:Url"] = server.Url,
            ["MedSummary:Store:Qdrant:HealthCheckTimeout"] = "00:00:00.100",
        });

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Entries["qdrant"].Status.ShouldBe(HealthStatus.Unhealthy);
        report.Entries["qdrant"].Description!.ShouldContain("did not answer within 0.1 s");
        server.Calls.Select(c => c.Method).ShouldBe(["Collections/CollectionExists"]);
    }

    [Theory]
    [InlineData(true, "the collection exists")]
    [InlineData(false, "will be created")]
    public async Task The_health_check_is_healthy_when_the_server_answers(bool exists, string expected)
    {
        await using var server = await QdrantTestServer.StartAsync();
        using var host = Host(new() { ["MedSummary:Store:Provider"] = "qdrant", ["MedSummary:Store:Qdrant:Url"] = server.Url });
        if (exists)
        {
            await host.Services.GetRequiredService<QdrantChunkStore>().EnsureCreatedAsync(4, "model");
        }

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Entries["qdrant"].Status.ShouldBe(HealthStatus.Healthy);
        report.Entries["qdrant"].Description!.ShouldContain(expected);
        report.Entries["qdrant"].Data["collectionExists"].ShouldBe(exists);
    }

    [Theory]
    [InlineData("bad", "refused the API key")]
    [InlineData(null, "requires an API key")]
    public async Task The_health_check_reports_a_refused_or_missing_key(string? key, string expected)
    {
        await using var server = await QdrantTestServer.StartAsync(apiKey: "right");
        using var host = Host(new()
        {
            ["MedSummary:Store:Provider"] = "qdrant",
            ["MedSummary:Store:Qdrant:Url"] = server.Url,
            ["MedSummary:Store:Qdrant:ApiKey"] = key,
        });

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Entries["qdrant"].Status.ShouldBe(HealthStatus.Unhealthy);
        report.Entries["qdrant"].Description!.ShouldContain(expected);
        server.Calls.Count.ShouldBe(1);
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

    private static IHost Host(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddMedSummaryRetrieval();
        builder.Services.AddMedSummaryQdrant(o => o.RetryDelay = TimeSpan.FromMilliseconds(1));
        return builder.Build();
    }
}
