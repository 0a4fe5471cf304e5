using System.Net;
using MedSummary.Api.Configuration;
using MedSummary.Api.Tests.Infrastructure;
using MedSummary.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using Xunit;

namespace MedSummary.Api.Tests;

/// <summary>
/// medsummary.example.json at the repository root, as `medsummary serve --config` reads it: the real service started on
/// it (its options validated at start), with only the data folder moved into the test's own folder.
/// </summary>
public sealed class ExampleConfigurationTests
{
    private static string ExamplePath => Path.Combine(RepoPaths.Root, "medsummary.example.json");

    private static IConfigurationRoot Example() => new ConfigurationBuilder().AddJsonFile(ExamplePath).Build();

    [Fact]
    public async Task The_service_starts_on_the_example_and_its_development_key_processes_a_dossier()
    {
        using var data = new TempDirectory("medsummary-example");
        using var host = new ExampleHost(data.Path);
        var devKey = Example()["MedSummary:Api:Keys:0:Key"].ShouldNotBeNull();
        var operatorKey = Example()["MedSummary:Api:OperatorKey"].ShouldNotBeNull();

        var api = host.Services.GetRequiredService<IOptions<ApiOptions>>().Value;
        api.Keys.Single().Tenant.ShouldBe("oncology");
        api.DataFolder.ShouldBe(data.Path);

        using var anonymous = host.CreateClient();
        (await anonymous.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync("/v1/dossiers")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", devKey);
        var upload = await client.UploadAsync(TestDossiers.Breast);
        var status = await client.WaitFinishedAsync(upload["id"]!.GetValue<string>());
        status["status"]!.GetValue<string>().ShouldBe("completed");
        var form = await client.GetJsonAsync($"/v1/dossiers/{upload["id"]}/form");
        form["fields"]!.AsObject().Count.ShouldBeGreaterThan(0);

        using var operatorClient = host.CreateClient();
        operatorClient.DefaultRequestHeaders.Add("X-Operator-Key", operatorKey);
        (await operatorClient.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void The_example_marks_its_keys_as_development_ones_and_configures_no_model()
    {
        var text = File.ReadAllText(ExamplePath);
        text.ShouldContain("DEVELOPMENT KEY");
        text.ShouldContain("DEVELOPMENT operator key");
        var example = Example();
        example["MedSummary:AI:Chat:Engine"].ShouldBe("none");
        bool.Parse(example["MedSummary:Ocr:Enabled"].ShouldNotBeNull()).ShouldBeTrue();
    }

    /// <summary>The real app with the example file as its configuration (as `--config` inserts it), the data folder moved.</summary>
    private sealed class ExampleHost(string dataFolder) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.ConfigureAppConfiguration(config => config
                .AddJsonFile(ExamplePath, optional: false)
                .AddInMemoryCollection([new("MedSummary:Api:DataFolder", dataFolder)]));
        }
    }
}
