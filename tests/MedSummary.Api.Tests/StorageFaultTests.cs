using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MedSummary.Api.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace MedSummary.Api.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StorageFaultTests
{
    [Fact]
    public async Task With_the_data_folder_deleted_nothing_is_acknowledged_every_answer_is_503_store_unavailable_and_health_is_unhealthy()
    {
        using var host = new ApiHost();
        using var client = host.Client();
        using var probe = host.Client(key: null);
        using var operatorClient = host.OperatorClient();
        var id = (await client.UploadAsync(TestDossiers.Small(70)))["id"]!.GetValue<string>();
        (await client.WaitFinishedAsync(id))["status"]!.GetValue<string>().ShouldBe("completed");
        (await operatorClient.GetJsonAsync("/health"))["status"]!.GetValue<string>().ShouldBe("healthy");

        Directory.Delete(host.DataFolder, recursive: true);

        await StoreRefusesAsync(host, client, id);

        // Nothing was recreated behind the service's back: a vanished folder is not silently replaced by an empty one.
        Directory.Exists(host.DataFolder).ShouldBeFalse();
    }

    [Fact]
    public async Task With_the_data_folder_replaced_by_a_file_uploads_get_503_and_after_repair_the_service_recovers()
    {
        using var host = new ApiHost();
        using var client = host.Client();
        var id = (await client.UploadAsync(TestDossiers.Small(72)))["id"]!.GetValue<string>();
        await client.WaitFinishedAsync(id);

        using (StoreFault.ReplacedByFile(host.DataFolder))
        {
            await StoreRefusesAsync(host, client, id);
        }

        (await client.GetJsonAsync($"/v1/dossiers/{id}"))["status"]!.GetValue<string>().ShouldBe("completed");
        using var operatorClient = host.OperatorClient();
        (await operatorClient.GetJsonAsync("/health"))["status"]!.GetValue<string>().ShouldBe("healthy");
    }

    [Fact]
    public async Task With_the_data_folder_made_read_only_mid_run_writes_get_503_the_process_survives_and_nothing_refused_exists_after_a_restart()
    {
        using var folder = new MedSummary.Testing.TempDirectory("medsummary-readonly");
        var refused = TestDossiers.Small(74);
        string id;
        using (var host = new ApiHost(dataFolder: folder.Path))
        {
            using var client = host.Client();
            id = (await client.UploadAsync(TestDossiers.Small(73)))["id"]!.GetValue<string>();
            await client.WaitFinishedAsync(id);

            using (var fault = StoreFault.ReadOnly(folder.Path))
            {
                using var upload = await client.PostAsync("/v1/dossiers", ApiCalls.Form(refused));
                await upload.ShouldBeProblemAsync(503, "store_unavailable");
                using var review = await client.PostAsJsonAsync($"/v1/dossiers/{id}/form/validate", new { reviewer = "Dr Martin" });
                await review.ShouldBeProblemAsync(503, "store_unavailable");
                using var operatorClient = host.OperatorClient();
                using var health = await operatorClient.GetAsync("/health");
                var body = await health.Content.ReadAsStringAsync();
                health.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, $"{fault.Kind}: {body}");
                StoreCheck(body)["description"]!.GetValue<string>().ShouldStartWith("The store cannot take a durable write");
            }
        }

        using var again = new ApiHost(dataFolder: folder.Path);
        using var after = again.Client();
        (await after.GetJsonAsync("/v1/dossiers"))["dossiers"]!.AsArray().Select(d => d!["id"]!.GetValue<string>()).ShouldBe([id]);
        var status = await after.GetJsonAsync($"/v1/dossiers/{id}");
        status["review"]?["validated"]?.GetValue<bool>().ShouldNotBe(true, status.ToJsonString());
    }

    [Fact]
    public async Task A_job_caught_by_a_store_fault_is_not_left_processing_it_is_retried_once_the_store_is_back()
    {
        var gate = new ProcessingGate();
        using var host = new ApiHost(gate: gate);
        using var client = host.Client();
        var id = (await client.UploadAsync(TestDossiers.Small(75)))["id"]!.GetValue<string>();
        await client.WaitStatusAsync(id, s => s == "processing");
        while (gate.Entered == 0)
        {
            await Task.Delay(20);
        }

        using (StoreFault.ReplacedByFile(host.DataFolder))
        {
            gate.Open();

            // The attempt ends against the fault (its result cannot be stored): no job is processing, one waits for its retry.
            using var operatorClient = host.OperatorClient();
            await WaitForAsync(async () =>
            {
                using var health = await operatorClient.GetAsync("/health");
                return JsonNode.Parse(await health.Content.ReadAsStringAsync())!["queue"]!["processing"]!.GetValue<int>() == 0;
            });
        }

        var status = await client.WaitFinishedAsync(id);
        status["status"]!.GetValue<string>().ShouldBe("completed", status.ToJsonString());
        status["attempts"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(2, "the attempt cut short by the fault counts");
    }

    /// <summary>Uploads, reads and reviews are refused with 503 store_unavailable and Retry-After; the detailed and bare health say unhealthy; liveness still answers.</summary>
    private static async Task StoreRefusesAsync(ApiHost host, HttpClient client, string id)
    {
        using var upload = await client.PostAsync("/v1/dossiers", ApiCalls.Form(TestDossiers.Small(71)));
        var problem = await upload.ShouldBeProblemAsync(503, "store_unavailable");
        problem["detail"]!.GetValue<string>().ShouldContain("nothing was acknowledged");
        upload.Headers.RetryAfter.ShouldNotBeNull();

        await (await client.GetAsync($"/v1/dossiers/{id}")).ShouldBeProblemAsync(503, "store_unavailable");
        await (await client.PostAsJsonAsync($"/v1/dossiers/{id}/form/validate", new { reviewer = "Dr Martin" })).ShouldBeProblemAsync(503, "store_unavailable");

        using var operatorClient = host.OperatorClient();
        using var health = await operatorClient.GetAsync("/health");
        var body = await health.Content.ReadAsStringAsync();
        health.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, body);
        JsonNode.Parse(body)!["status"]!.GetValue<string>().ShouldBe("unhealthy");
        StoreCheck(body)["description"]!.GetValue<string>().ShouldContain("data folder");

        using var probe = host.Client(key: null);
        (await probe.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await probe.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static JsonNode StoreCheck(string healthBody) =>
        JsonNode.Parse(healthBody)!["checks"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "store")!;

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline);
            await Task.Delay(50);
        }
    }
}
