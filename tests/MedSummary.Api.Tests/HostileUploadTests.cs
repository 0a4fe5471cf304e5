using System.Text.Json.Nodes;
using MedSummary.Api.Tests.Infrastructure;
using MedSummary.Testing.Pdf;
using Shouldly;
using Xunit;

namespace MedSummary.Api.Tests;

/// <summary>
/// Hostile PDFs uploaded through the real service with a valid key: each is refused at once with its problem, or
/// accepted and failed by its job with the file's error code, and after each one the other tenant's dossier is
/// still served. A PDF parsed inside the service would end this test process (a stack overflow cannot be caught).
/// </summary>
public sealed class HostileUploadTests
{
    [Fact]
    public async Task A_reference_cycle_pdf_fails_its_own_dossier_and_the_service_keeps_serving_another_tenant()
    {
        using var host = new ApiHost();
        using var oncology = host.Client();
        using var cardiology = host.Client(ApiHost.CardiologyKey);
        var bystander = await BystanderAsync(cardiology);

        using var response = await oncology.PostAsync("/v1/dossiers", ApiCalls.Form([("cycle.pdf", HostilePdfs.ReferenceCycle())]));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        ((int)response.StatusCode).ShouldBe(202, body.ToJsonString());
        var status = await oncology.WaitFinishedAsync(body["id"]!.GetValue<string>());

        status["status"]!.GetValue<string>().ShouldBe("failed");
        var error = status["documents"]![0]!["error"]!;
        error["code"]!.GetValue<string>().ShouldBe("parser_crashed");
        error["message"]!.GetValue<string>().ShouldStartWith("cycle.pdf:");
        (await cardiology.GetJsonAsync($"/v1/dossiers/{bystander}/form"))["fields"].ShouldNotBeNull();
    }

    /// <summary>The well-behaved tenant's dossier, processed to the end before the attack.</summary>
    private static async Task<string> BystanderAsync(HttpClient cardiology)
    {
        var accepted = await cardiology.UploadAsync(TestDossiers.Small(900));
        var id = accepted["id"]!.GetValue<string>();
        (await cardiology.WaitFinishedAsync(id))["status"]!.GetValue<string>().ShouldBe("completed");
        return id;
    }
}
