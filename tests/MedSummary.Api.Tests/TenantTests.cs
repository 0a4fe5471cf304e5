using System.Net.Http.Json;
using MedSummary.Api.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace MedSummary.Api.Tests;

public sealed class TenantTests
{
    [Fact]
    public async Task Another_tenants_key_gets_404_on_every_path_to_a_foreign_dossier_and_finds_nothing_of_it()
    {
        using var host = new ApiHost();
        using var oncology = host.Client(ApiHost.OncologyKey);
        using var cardiology = host.Client(ApiHost.CardiologyKey);
        var files = TestDossiers.Small(30);
        var id = (await oncology.UploadAsync(files))["id"]!.GetValue<string>();
        await oncology.WaitFinishedAsync(id);
        var form = await oncology.GetJsonAsync($"/v1/dossiers/{id}/form");
        var documentId = form["fields"]!["er_status"]!["citations"]![0]!["documentId"]!.GetValue<string>();

        foreach (var path in new[] { "", "/result", "/form", "/summary", "/alerts", "/report", "/fhir", "/audit", $"/documents/{documentId}/pages/1" })
        {
            var problem = await (await cardiology.GetAsync($"/v1/dossiers/{id}{path}")).ShouldBeProblemAsync(404, "dossier_not_found");
            problem["detail"]!.GetValue<string>().ShouldNotContain("oncology");
        }

        await (await cardiology.PatchAsJsonAsync($"/v1/dossiers/{id}/form/fields/er_status", new { action = "reject" })).ShouldBeProblemAsync(404, "dossier_not_found");
        await (await cardiology.PostAsJsonAsync($"/v1/dossiers/{id}/form/validate", new { })).ShouldBeProblemAsync(404, "dossier_not_found");
        (await cardiology.GetJsonAsync("/v1/dossiers"))["dossiers"]!.AsArray().ShouldBeEmpty();
        (await cardiology.GetJsonAsync("/v1/search?q=carcinome%20canalaire%20infiltrant"))["passages"]!.AsArray().ShouldBeEmpty();
        (await cardiology.GetJsonAsync($"/v1/search?q=carcinome&dossier={id}"))["passages"]!.AsArray().ShouldBeEmpty();

        // The owner still sees it intact, and finds it by search.
        (await oncology.GetJsonAsync($"/v1/dossiers/{id}/audit"))["entries"]!.AsArray().Count.ShouldBe(2);
        var hits = (await oncology.GetJsonAsync($"/v1/search?q=carcinome%20canalaire%20infiltrant&top=3&dossier={id}"))["passages"]!.AsArray();
        hits.ShouldNotBeEmpty();
        hits.ShouldAllBe(h => h!["dossierId"]!.GetValue<string>() == id);
        var citation = hits[0]!["citation"]!;
        var page = await oncology.GetJsonAsync($"/v1/dossiers/{id}/documents/{citation["documentId"]}/pages/{citation["page"]}");
        var offset = page["start"]!.GetValue<int>();
        page["text"]!.GetValue<string>()[(citation["start"]!.GetValue<int>() - offset)..(citation["end"]!.GetValue<int>() - offset)]
            .ShouldBe(citation["quote"]!.GetValue<string>());

        // The same files from the other tenant are that tenant's own dossier, processed apart.
        var theirs = await cardiology.UploadAsync(files);
        theirs["id"]!.GetValue<string>().ShouldBe(id);
        theirs["created"]!.GetValue<bool>().ShouldBeTrue();
        await cardiology.WaitFinishedAsync(id);
        (await cardiology.GetJsonAsync($"/v1/dossiers/{id}/audit"))["entries"]![0]!["actor"]!.GetValue<string>().ShouldStartWith("key-");
    }

    [Fact]
    public async Task Search_refuses_a_query_that_is_missing_or_out_of_range()
    {
        using var host = new ApiHost();
        using var client = host.Client();
        await (await client.GetAsync("/v1/search")).ShouldBeProblemAsync(400, "invalid_query");
        await (await client.GetAsync("/v1/search?q=her2&top=0")).ShouldBeProblemAsync(400, "invalid_query");
        await (await client.GetAsync("/v1/search?q=her2&mode=fuzzy")).ShouldBeProblemAsync(400, "invalid_query");
        (await client.GetJsonAsync("/v1/search?q=her2"))["passages"]!.AsArray().ShouldBeEmpty();
    }
}
