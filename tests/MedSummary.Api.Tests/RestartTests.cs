using MedSummary.Api.Tests.Infrastructure;
using MedSummary.Testing;
using Shouldly;
using Xunit;

namespace MedSummary.Api.Tests;

public sealed class RestartTests
{
    [Fact]
    public async Task A_second_instance_on_the_folder_of_one_stopped_mid_processing_finishes_every_accepted_dossier()
    {
        using var folder = new TempDirectory("medsummary-restart");
        var gate = new ProcessingGate();
        string first, second;
        using (var a = new ApiHost(gate: gate, dataFolder: folder.Path))
        {
            using var client = a.Client();
            first = (await client.UploadAsync(TestDossiers.Small(50), patientRef: "IPP-50"))["id"]!.GetValue<string>();
            second = (await client.UploadAsync(TestDossiers.Small(51)))["id"]!.GetValue<string>();
            await client.WaitStatusAsync(first, s => s == "processing");
            await WaitUntil(() => gate.Entered == 1);
            (await client.GetJsonAsync($"/v1/dossiers/{second}"))["status"]!.GetValue<string>().ShouldBe("queued");

            // Stopping A cancels the attempt held at the gate: the dossier stays "processing" in the store.
        }

        using var b = new ApiHost(dataFolder: folder.Path);
        using var again = b.Client();
        var one = await again.WaitFinishedAsync(first);
        var two = await again.WaitFinishedAsync(second);

        one["status"]!.GetValue<string>().ShouldBe("completed", one.ToJsonString());
        one["attempts"]!.GetValue<int>().ShouldBe(2, "the cut-short attempt counts");
        one["externalRef"]!.GetValue<string>().ShouldBe("IPP-50");
        two["status"]!.GetValue<string>().ShouldBe("completed", two.ToJsonString());
        two["attempts"]!.GetValue<int>().ShouldBe(1);
        foreach (var id in new[] { first, second })
        {
            var form = await again.GetJsonAsync($"/v1/dossiers/{id}/form");
            form["fields"]!["er_status"]!["status"]!.GetValue<string>().ShouldBe("found");
            var actions = (await again.GetJsonAsync($"/v1/dossiers/{id}/audit"))["entries"]!.AsArray().Select(e => e!["action"]!.GetValue<string>());
            actions.ShouldBe(["uploaded", "processed"]);
        }

        (await again.GetJsonAsync("/v1/dossiers"))["dossiers"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_dossier_cut_short_as_many_times_as_attempts_allow_is_marked_failed_with_a_reason()
    {
        using var folder = new TempDirectory("medsummary-restart");
        var settings = new Dictionary<string, string?> { ["MedSummary:Api:Queue:MaxAttempts"] = "1" };
        string id, queued;

        // TestPdf gives every PDF a random file id: the retry below must send the very same bytes.
        var files = TestDossiers.Small(52);
        using (var a = new ApiHost(settings, new ProcessingGate(), folder.Path))
        {
            using var client = a.Client();
            id = (await client.UploadAsync(files))["id"]!.GetValue<string>();
            queued = (await client.UploadAsync(TestDossiers.Small(53)))["id"]!.GetValue<string>();
            await client.WaitStatusAsync(id, s => s == "processing");
        }

        using var b = new ApiHost(settings, dataFolder: folder.Path);
        using var again = b.Client();
        var status = await again.WaitFinishedAsync(id);
        status["status"]!.GetValue<string>().ShouldBe("failed");
        status["failure"]!["code"]!.GetValue<string>().ShouldBe("interrupted");
        status["failure"]!["reason"]!.GetValue<string>().ShouldContain("cut short 1 time");
        (await again.WaitFinishedAsync(queued))["status"]!.GetValue<string>().ShouldBe("completed");

        // The files were kept: the same upload queues it again and it completes.
        var retry = await again.UploadAsync(files);
        retry["id"]!.GetValue<string>().ShouldBe(id);
        retry["created"]!.GetValue<bool>().ShouldBeTrue();
        (await again.WaitFinishedAsync(id))["status"]!.GetValue<string>().ShouldBe("completed");
        var actions = (await again.GetJsonAsync($"/v1/dossiers/{id}/audit"))["entries"]!.AsArray().Select(e => e!["action"]!.GetValue<string>());
        actions.ShouldBe(["uploaded", "failed", "requeued", "processed"]);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline);
            await Task.Delay(20);
        }
    }
}
