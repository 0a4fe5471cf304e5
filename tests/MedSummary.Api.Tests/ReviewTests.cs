using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MedSummary.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Shouldly;
using Xunit;

namespace MedSummary.Api.Tests;

public sealed class ReviewTests
{
    [Fact]
    public async Task Reviews_keep_the_machine_value_and_every_change_in_an_append_only_audit_trail()
    {
        using var host = new ApiHost();
        using var client = host.Client();
        var id = (await client.UploadAsync(TestDossiers.Small(10)))["id"]!.GetValue<string>();
        await client.WaitFinishedAsync(id);

        using var formResponse = await client.GetAsync($"/v1/dossiers/{id}/form");
        var etag = formResponse.Headers.ETag!.ToString();
        var form = JsonNode.Parse(await formResponse.Content.ReadAsStringAsync())!;
        form["state"]!.GetValue<string>().ShouldBe("machine");
        var machineT = form["fields"]!["pathologic_t"]!;
        machineT["status"]!.GetValue<string>().ShouldBe("found");
        var machineValue = machineT["value"]!.GetValue<string>();

        // A correction, with the ETag just read.
        var correct = await Patch(client, id, "pathologic_t", new { action = "correct", value = "pT1c", normalized = "T1c", comment = "Relecture de la pièce opératoire", reviewer = "Dr Martin" }, etag);
        correct.StatusCode.ShouldBe(HttpStatusCode.OK);
        var corrected = JsonNode.Parse(await correct.Content.ReadAsStringAsync())!;
        corrected["final"]!["value"]!.GetValue<string>().ShouldBe("pT1c");
        corrected["final"]!["source"]!.GetValue<string>().ShouldBe("reviewer");
        var newTag = correct.Headers.ETag!.ToString();
        newTag.ShouldNotBe(etag);

        // The stale ETag no longer matches.
        var stale = await Patch(client, id, "er_status", new { action = "accept" }, etag);
        await stale.ShouldBeProblemAsync(412, "precondition_failed");

        (await Patch(client, id, "er_status", new { action = "accept" }, newTag)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Patch(client, id, "grade", new { action = "reject", comment = "grade non retrouvé sur la pièce" }, null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var reviewed = await client.GetJsonAsync($"/v1/dossiers/{id}/form");
        reviewed["state"]!.GetValue<string>().ShouldBe("in_review");
        var t = reviewed["fields"]!["pathologic_t"]!;
        t["value"]!.GetValue<string>().ShouldBe(machineValue, "the machine's member never changes");
        t["citations"]!.AsArray().ShouldNotBeEmpty();
        t["review"]!["action"]!.GetValue<string>().ShouldBe("correct");
        t["review"]!["reviewer"]!.GetValue<string>().ShouldBe("Dr Martin");
        t["review"]!["actor"]!.GetValue<string>().ShouldBe("onco-coordinators");
        t["final"]!["value"]!.GetValue<string>().ShouldBe("pT1c");
        reviewed["fields"]!["grade"]!["final"]!["status"]!.GetValue<string>().ShouldBe("rejected");
        reviewed["fields"]!["er_status"]!["final"]!["value"]!.GetValue<string>()
            .ShouldBe(reviewed["fields"]!["er_status"]!["value"]!.GetValue<string>());

        // Validation locks the form.
        var validate = await client.PostAsJsonAsync($"/v1/dossiers/{id}/form/validate", new { reviewer = "Dr Martin", comment = "RCP du 14" });
        validate.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetJsonAsync($"/v1/dossiers/{id}/form"))["state"]!.GetValue<string>().ShouldBe("validated");
        await (await Patch(client, id, "stage", new { action = "accept" }, null)).ShouldBeProblemAsync(409, "form_validated");
        await (await client.PostAsJsonAsync($"/v1/dossiers/{id}/form/validate", new { })).ShouldBeProblemAsync(409, "form_validated");
        (await client.GetJsonAsync($"/v1/dossiers/{id}"))["validated"]!["by"]!.GetValue<string>().ShouldBe("Dr Martin");

        // The report shows the form as reviewed: the reviewer's value with who decided, and who validated.
        var report = await client.GetStringAsync($"/v1/dossiers/{id}/report");
        report.ShouldContain("<td class=\"value\">pT1c<span class=\"review\">corrigée par Dr Martin (machine : ");
        report.ShouldContain("Relecture de la pièce opératoire");
        report.ShouldContain("<span class=\"review\">rejetée par onco-coordinators — grade non retrouvé sur la pièce</span>");
        report.ShouldContain("Validée par Dr Martin le ");

        var audit = (await client.GetJsonAsync($"/v1/dossiers/{id}/audit"))["entries"]!.AsArray();
        audit.Select(e => e!["action"]!.GetValue<string>()).ShouldBe(["uploaded", "processed", "correct", "accept", "reject", "validated"]);
        var correction = audit[2]!;
        correction["fieldKey"]!.GetValue<string>().ShouldBe("pathologic_t");
        correction["actor"]!.GetValue<string>().ShouldBe("onco-coordinators");
        correction["reviewer"]!.GetValue<string>().ShouldBe("Dr Martin");
        correction["comment"]!.GetValue<string>().ShouldBe("Relecture de la pièce opératoire");
        correction["before"]!["decision"]!.GetValue<string>().ShouldBe("machine");
        correction["before"]!["value"]!.GetValue<string>().ShouldBe(machineValue);
        correction["after"]!["value"]!.GetValue<string>().ShouldBe("pT1c");
        audit[4]!["before"]!["decision"]!.GetValue<string>().ShouldBe("machine");
        audit[4]!["after"]!["status"]!.GetValue<string>().ShouldBe("rejected");
        audit.Select(e => e!["seq"]!.GetValue<long>()).ShouldBeInOrder();

        // The trail is append-only in the database itself.
        await using var connection = new SqliteConnection($"Data Source={host.DatabasePath}");
        await connection.OpenAsync();
        await using var tamper = connection.CreateCommand();
        tamper.CommandText = "UPDATE audit SET actor = 'someone else';";
        Should.Throw<SqliteException>(() => tamper.ExecuteNonQuery()).Message.ShouldContain("append-only");
        tamper.CommandText = "DELETE FROM audit;";
        Should.Throw<SqliteException>(() => tamper.ExecuteNonQuery()).Message.ShouldContain("append-only");
    }

    [Fact]
    public async Task Each_invalid_review_is_refused_with_invalid_review_and_leaves_no_trace()
    {
        using var host = new ApiHost();
        using var client = host.Client();
        var id = (await client.UploadAsync(TestDossiers.Small(11)))["id"]!.GetValue<string>();
        await client.WaitFinishedAsync(id);

        string[] bodies =
        [
            "{\"action\":\"maybe\"}",
            "{\"action\":\"correct\"}",
            "{\"action\":\"correct\",\"value\":\"   \"}",
            "{\"action\":\"accept\",\"value\":\"pT3\"}",
            "{\"action\":\"reject\",\"normalized\":\"T3\"}",
            "{\"action\":\"accept\",\"reviewer\":\"\"}",
            "{}",
        ];
        foreach (var body in bodies)
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            var problem = await (await client.PatchAsync($"/v1/dossiers/{id}/form/fields/pathologic_t", content)).ShouldBeProblemAsync(400, "invalid_review");
            problem["errors"]!.AsArray().ShouldNotBeEmpty(body);
        }

        using var malformed = new StringContent("{\"action\":", System.Text.Encoding.UTF8, "application/json");
        await (await client.PatchAsync($"/v1/dossiers/{id}/form/fields/pathologic_t", malformed)).ShouldBeProblemAsync(400, "invalid_request");
        (await client.GetJsonAsync($"/v1/dossiers/{id}/audit"))["entries"]!.AsArray().Count.ShouldBe(2);
        (await client.GetJsonAsync($"/v1/dossiers/{id}/form"))["state"]!.GetValue<string>().ShouldBe("machine");
    }

    [Fact]
    public async Task An_unknown_field_key_gets_404_unknown_field_and_an_unprocessed_dossier_409()
    {
        var gate = new ProcessingGate();
        using var host = new ApiHost(gate: gate);
        using var client = host.Client();
        var id = (await client.UploadAsync(TestDossiers.Small(12)))["id"]!.GetValue<string>();
        await (await Patch(client, id, "pathologic_t", new { action = "accept" }, null)).ShouldBeProblemAsync(409, "dossier_not_ready");
        await (await client.GetAsync($"/v1/dossiers/{id}/form")).ShouldBeProblemAsync(409, "dossier_not_ready");

        gate.Open();
        await client.WaitFinishedAsync(id);
        var problem = await (await Patch(client, id, "tumour_colour", new { action = "accept" }, null)).ShouldBeProblemAsync(404, "unknown_field");
        problem["fields"]!.AsArray().Select(f => f!.GetValue<string>()).ShouldContain("pathologic_t");
        await (await Patch(client, "0123456789abcdef0123456789abcdef", "pathologic_t", new { action = "accept" }, null)).ShouldBeProblemAsync(404, "dossier_not_found");
    }

    private static async Task<HttpResponseMessage> Patch(HttpClient client, string id, string key, object body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1/dossiers/{id}/form/fields/{key}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }
}
