using System.Net;
using MedSummary.Api.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace MedSummary.Api.Tests;

public sealed class LimitsTests
{
    [Fact]
    public async Task A_full_queue_answers_429_queue_full_with_retry_after_and_stores_nothing()
    {
        var gate = new ProcessingGate();
        using var host = new ApiHost(new Dictionary<string, string?> { ["MedSummary:Api:Queue:Capacity"] = "1" }, gate);
        using var client = host.Client();
        var processing = (await client.UploadAsync(TestDossiers.Small(60)))["id"]!.GetValue<string>();
        await client.WaitStatusAsync(processing, s => s == "processing");
        var waitingFiles = TestDossiers.Small(61);
        var waiting = (await client.UploadAsync(waitingFiles))["id"]!.GetValue<string>();

        // TestPdf gives every PDF a random file id: the same files are the same bytes, kept here.
        var refusedFiles = TestDossiers.Small(62);
        using var refused = await client.PostAsync("/v1/dossiers", ApiCalls.Form(refusedFiles));
        var problem = await refused.ShouldBeProblemAsync(429, "queue_full");
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeGreaterThanOrEqualTo(1);
        problem["retryAfterSeconds"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(1);

        // A repeat of an accepted upload needs no place in the queue.
        using var repeat = await client.PostAsync("/v1/dossiers", ApiCalls.Form(waitingFiles));
        repeat.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var operatorClient = host.OperatorClient();
        (await operatorClient.GetJsonAsync("/health"))["checks"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "queue")!["status"]!
            .GetValue<string>().ShouldBe("degraded");

        gate.Open();
        (await client.WaitFinishedAsync(processing))["status"]!.GetValue<string>().ShouldBe("completed");
        (await client.WaitFinishedAsync(waiting))["status"]!.GetValue<string>().ShouldBe("completed");
        (await client.GetJsonAsync("/v1/dossiers"))["dossiers"]!.AsArray().Count.ShouldBe(2);
        (await client.UploadAsync(refusedFiles))["created"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Pages_over_the_dossier_limit_or_one_pdf_limit_get_422_too_many_pages_and_a_dossier_at_the_limit_is_accepted()
    {
        using var host = new ApiHost(new Dictionary<string, string?>
        {
            ["MedSummary:Api:Limits:MaxPagesPerDossier"] = "3",
            ["MedSummary:Ingestion:MaxPages"] = "2",
        });
        using var client = host.Client();

        // Small() is a two-page report and a one-page letter: three pages, the dossier's limit exactly.
        (await client.UploadAsync(TestDossiers.Small(63)))["created"]!.GetValue<bool>().ShouldBeTrue();

        using var overDossier = await client.PostAsync("/v1/dossiers", ApiCalls.Form([.. TestDossiers.Small(64), ("suite.pdf", TestDossiers.Letter(65))]));
        (await overDossier.ShouldBeProblemAsync(422, "too_many_pages"))["detail"]!.GetValue<string>().ShouldContain("4 pages");

        var threePages = new Testing.Pdf.TestPdf()
            .Page(p => p.Text(72, 700, "Page un.", 12)).Page(p => p.Text(72, 700, "Page deux.", 12)).Page(p => p.Text(72, 700, "Page trois.", 12))
            .Build();
        using var overFile = await client.PostAsync("/v1/dossiers", ApiCalls.Form([("long.pdf", threePages)]));
        (await overFile.ShouldBeProblemAsync(422, "too_many_pages"))["detail"]!.GetValue<string>().ShouldStartWith("long.pdf:");

        (await client.GetJsonAsync("/v1/dossiers"))["dossiers"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_key_over_its_rate_gets_429_rate_limited_with_retry_after_and_other_keys_do_not()
    {
        using var host = new ApiHost(new Dictionary<string, string?>
        {
            ["MedSummary:Api:RateLimit:PermitsPerSecond"] = "1",
            ["MedSummary:Api:RateLimit:Burst"] = "3",
        });
        using var client = host.Client();
        using var other = host.Client(ApiHost.CardiologyKey);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await client.GetAsync("/v1/dossiers");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        limited.ShouldNotBeNull(string.Join(",", statuses));
        await limited.ShouldBeProblemAsync(429, "rate_limited");
        limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeGreaterThanOrEqualTo(1);
        (await other.GetAsync("/v1/dossiers")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host.Client(key: null).GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
