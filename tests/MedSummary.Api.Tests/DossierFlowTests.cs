using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MedSummary.Api.Tests.Infrastructure;
using MedSummary.Core.Contract;
using MedSummary.Extraction.Grounding.Forms;
using MedSummary.Extraction.Prompts;
using Shouldly;
using Xunit;

namespace MedSummary.Api.Tests;

public sealed partial class DossierFlowTests
{
    [Fact]
    public async Task Upload_poll_and_fetch_the_form_whose_every_citation_is_the_text_of_its_page()
    {
        using var host = new ApiHost();
        using var client = host.Client();
        var files = TestDossiers.Breast;

        using var response = await client.PostAsync("/v1/dossiers", ApiCalls.Form(files, patientRef: "IPP-000123", language: "fr"));
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var accepted = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var id = accepted["id"]!.GetValue<string>();
        response.Headers.Location!.ToString().ShouldBe($"/v1/dossiers/{id}");
        accepted["statusUrl"]!.GetValue<string>().ShouldBe($"/v1/dossiers/{id}");
        accepted["created"]!.GetValue<bool>().ShouldBeTrue();
        accepted["documents"]!.AsArray().Count.ShouldBe(files.Count);

        var status = await client.WaitFinishedAsync(id);
        status["status"]!.GetValue<string>().ShouldBe("completed", status.ToJsonString());
        status["externalRef"]!.GetValue<string>().ShouldBe("IPP-000123");
        status["attempts"]!.GetValue<int>().ShouldBe(1);
        var progress = status["progress"]!;
        progress["documentsRead"]!.GetValue<int>().ShouldBe(files.Count);
        progress["documentsTotal"]!.GetValue<int>().ShouldBe(files.Count);
        progress["pages"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(files.Count);
        progress["fieldsDone"]!.GetValue<int>().ShouldBe(progress["fieldsTotal"]!.GetValue<int>());
        status["documents"]!.AsArray().ShouldAllBe(d => d!["status"]!.GetValue<string>() == "read");

        var form = await client.GetJsonAsync($"/v1/dossiers/{id}/form");
        var fields = form["fields"]!.AsObject();
        fields.Select(f => f.Key).ShouldBe(FormSchemaLoader.Load(new EmbeddedPromptProvider()).Keys, ignoreOrder: true);
        fields.ShouldAllBe(f => f.Value!["state"] != null);
        fields[ContractFields.PrimarySite]!["normalized"]!.GetValue<string>().ShouldBe("breast");

        // Every citation of every found field must be exactly the text at its offsets on its page, as the page view serves it.
        var checkedCitations = 0;
        var pages = new Dictionary<string, JsonObject>();
        foreach (var (key, field) in fields)
        {
            if (field!["status"]!.GetValue<string>() == FieldStatus.NotFound)
            {
                continue;
            }

            foreach (var citation in field["citations"]!.AsArray())
            {
                var url = $"/v1/dossiers/{id}/documents/{citation!["documentId"]}/pages/{citation["page"]}";
                if (!pages.TryGetValue(url, out var page))
                {
                    pages[url] = page = await client.GetJsonAsync(url);
                }

                var start = citation["start"]!.GetValue<int>() - page["start"]!.GetValue<int>();
                var end = citation["end"]!.GetValue<int>() - page["start"]!.GetValue<int>();
                start.ShouldBeGreaterThanOrEqualTo(0, key);
                page["text"]!.GetValue<string>()[start..end].ShouldBe(citation["quote"]!.GetValue<string>(), key);
                page["citations"]!.AsArray().ShouldContain(
                    c => c!["start"]!.GetValue<int>() == citation["start"]!.GetValue<int>() && c["citedBy"]!.AsArray().Any(b => b!.GetValue<string>() == $"form.fields.{key}"),
                    key);
                checkedCitations++;
            }
        }

        checkedCitations.ShouldBeGreaterThan(5);

        // The whole result is the CLI's contract.
        var json = await client.GetStringAsync($"/v1/dossiers/{id}/result");
        var result = ContractJson.Deserialize(json);
        result.DossierId.ShouldBe(id);
        result.Documents.Count.ShouldBe(files.Count);
        json.ShouldBe(ContractJson.Serialize(result));
    }

    [Fact]
    public async Task The_report_is_the_shared_french_fiche_whose_citation_links_land_on_marked_passages()
    {
        using var host = new ApiHost();
        using var client = host.Client();
        var id = (await client.UploadAsync(TestDossiers.Small(1)))["id"]!.GetValue<string>();
        (await client.WaitFinishedAsync(id))["status"]!.GetValue<string>().ShouldBe("completed");

        using var response = await client.GetAsync($"/v1/dossiers/{id}/report");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync();
        var links = HrefAnchor().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        links.ShouldNotBeEmpty();
        foreach (var anchor in links)
        {
            html.ShouldContain($"<li id=\"{anchor}\">");
        }

        // The one report module, in the dossier's language (the two files are French), self-contained.
        html.ShouldContain("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"fr\">");
        html.ShouldContain("<h2>Formulaire</h2>");
        html.ShouldContain("<th scope=\"row\">Récepteurs aux œstrogènes</th><td class=\"value\">positif</td>");
        html.ShouldContain("<mark>");
        html.ShouldContain("Carcinome canalaire infiltrant");
        html.ShouldNotContain("src=");
        html.ShouldNotContain("/v1/");

        var page = await client.GetStringAsync($"/v1/dossiers/{id}/documents/{(await client.GetJsonAsync($"/v1/dossiers/{id}/form"))["fields"]!["er_status"]!["citations"]![0]!["documentId"]}/pages/1?format=html");
        page.ShouldContain("<mark");
    }

    [Fact]
    public async Task The_same_files_again_in_another_order_name_the_same_dossier_and_do_no_new_work()
    {
        using var host = new ApiHost();
        using var client = host.Client();
        var files = TestDossiers.Small(2);
        var first = await client.UploadAsync(files);
        var id = first["id"]!.GetValue<string>();
        await client.WaitFinishedAsync(id);

        using var again = await client.PostAsync("/v1/dossiers", ApiCalls.Form(files.Reverse()));
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var repeat = JsonNode.Parse(await again.Content.ReadAsStringAsync())!;
        repeat["id"]!.GetValue<string>().ShouldBe(id);
        repeat["created"]!.GetValue<bool>().ShouldBeFalse();
        repeat["status"]!.GetValue<string>().ShouldBe("completed");

        var audit = await client.GetJsonAsync($"/v1/dossiers/{id}/audit");
        var actions = audit["entries"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToList();
        actions.ShouldBe(["uploaded", "processed"]);
        (await client.GetJsonAsync($"/v1/dossiers/{id}"))["attempts"]!.GetValue<int>().ShouldBe(1);

        var list = await client.GetJsonAsync("/v1/dossiers");
        list["dossiers"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_file_without_text_is_reported_on_its_document_and_a_dossier_of_only_such_files_fails_with_a_reason()
    {
        using var host = new ApiHost();
        using var client = host.Client();
        var mixed = await client.UploadAsync([.. TestDossiers.Small(3), ("scan.pdf", TestDossiers.Scan())]);
        var status = await client.WaitFinishedAsync(mixed["id"]!.GetValue<string>());
        status["status"]!.GetValue<string>().ShouldBe("completed");
        var scan = status["documents"]!.AsArray().Single(d => d!["fileName"]!.GetValue<string>() == "scan.pdf")!;
        scan["status"]!.GetValue<string>().ShouldBe("failed");
        scan["error"]!["code"]!.GetValue<string>().ShouldBe("no_text");
        scan["error"]!["message"]!.GetValue<string>().ShouldStartWith("scan.pdf:");

        var only = await client.UploadAsync([("scan.pdf", TestDossiers.Scan())]);
        var failed = await client.WaitFinishedAsync(only["id"]!.GetValue<string>());
        failed["status"]!.GetValue<string>().ShouldBe("failed");
        failed["failure"]!["code"]!.GetValue<string>().ShouldBe("no_readable_document");
        failed["failure"]!["reason"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        failed["documents"]![0]!["error"]!["code"]!.GetValue<string>().ShouldBe("no_text");

        using var form = await client.GetAsync($"/v1/dossiers/{only["id"]}/form");
        await form.ShouldBeProblemAsync(409, "dossier_failed");
    }

    [GeneratedRegex("class=\"cite\" href=\"#(cite-\\d+)\"")]
    private static partial Regex HrefAnchor();
}
