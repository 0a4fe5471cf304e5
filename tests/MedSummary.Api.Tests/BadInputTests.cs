using System.Net.Http.Json;
using System.Text;
using MedSummary.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Shouldly;
using Xunit;

namespace MedSummary.Api.Tests;

public sealed class BadInputTests
{
    private static readonly Dictionary<string, string?> SmallLimits = new()
    {
        ["MedSummary:Api:Limits:MaxFileBytes"] = "20000",
        ["MedSummary:Api:Limits:MaxRequestBytes"] = "60000",
        ["MedSummary:Api:Limits:MaxFilesPerDossier"] = "3",
    };

    [Fact]
    public async Task Each_bad_upload_gets_its_problem_and_nothing_is_stored()
    {
        using var host = new ApiHost(SmallLimits);
        using var client = host.Client();
        var good = TestDossiers.Pathology(40);

        async Task Refused(HttpContent content, int status, string code, string? fileInDetail = null)
        {
            using var response = await client.PostAsync("/v1/dossiers", content);
            var problem = await response.ShouldBeProblemAsync(status, code);
            if (fileInDetail is not null)
            {
                problem["detail"]!.GetValue<string>().ShouldStartWith(fileInDetail + ":");
            }
        }

        await Refused(ApiCalls.Form([], patientRef: "IPP-1"), 400, "no_file");
        await Refused(ApiCalls.Form([]), 400, "invalid_request");
        await Refused(ApiCalls.Form([("a.pdf", good), ("b.pdf", TestDossiers.Letter(41)), ("c.txt", "note"u8.ToArray()), ("d.txt", "autre"u8.ToArray())]), 400, "too_many_files");
        await Refused(ApiCalls.Form([("gros.pdf", new byte[30_000])]), 413, "payload_too_large", "gros.pdf");
        await Refused(ApiCalls.Form([("a.pdf", new byte[19_000]), ("b.pdf", new byte[19_000]), ("c.pdf", new byte[19_000]), ("d.pdf", new byte[19_000])]), 413, "payload_too_large");
        await Refused(ApiCalls.Form([("photo.pdf", TestDossiers.Png())]), 415, "unsupported_type", "photo.pdf");
        await Refused(ApiCalls.Form([("ok.pdf", good), ("tronque.pdf", TestDossiers.Truncated())]), 422, "corrupt_pdf", "tronque.pdf");
        await Refused(ApiCalls.Form([("vide.txt", [])]), 400, "empty_file", "vide.txt");
        await Refused(ApiCalls.Form([("blanc.txt", "  \n\t \n"u8.ToArray())]), 422, "no_text", "blanc.txt");
        await Refused(ApiCalls.Form([("ok.pdf", good)], language: "de"), 400, "invalid_request");
        await Refused(ApiCalls.Form([("ok.pdf", good)], patientRef: new string('9', 200)), 400, "invalid_request");
        await Refused(JsonContent.Create(new { files = "ok.pdf" }), 415, "not_multipart");

        (await client.GetJsonAsync("/v1/dossiers"))["dossiers"]!.AsArray().ShouldBeEmpty();
        await using var connection = new SqliteConnection($"Data Source={host.DatabasePath}");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT (SELECT COUNT(*) FROM dossiers) + (SELECT COUNT(*) FROM uploads) + (SELECT COUNT(*) FROM audit);";
        ((long)(await count.ExecuteScalarAsync())!).ShouldBe(0);
    }

    [Fact]
    public async Task Missing_or_wrong_credentials_get_401_and_the_probes_stay_open()
    {
        using var host = new ApiHost();
        using var anonymous = host.Client(key: null);
        using var wrong = host.Client("not-a-key-of-this-service-000000");

        var missing = await (await anonymous.GetAsync("/v1/dossiers")).ShouldBeProblemAsync(401, "unauthorized");
        missing["detail"]!.GetValue<string>().ShouldContain("X-Api-Key");
        await (await wrong.GetAsync("/v1/dossiers")).ShouldBeProblemAsync(401, "unauthorized");
        await (await wrong.PostAsync("/v1/dossiers", ApiCalls.Form([("a.pdf", TestDossiers.Pathology(42))]))).ShouldBeProblemAsync(401, "unauthorized");
        await (await anonymous.GetAsync("/metrics")).ShouldBeProblemAsync(401, "unauthorized");
        (await anonymous.GetAsync("/openapi/v1.json")).IsSuccessStatusCode.ShouldBeTrue("the API reference is public by default");
        (await anonymous.GetAsync("/health/live")).IsSuccessStatusCode.ShouldBeTrue();
        (await anonymous.GetAsync("/health/ready")).IsSuccessStatusCode.ShouldBeTrue();

        using var viaAuthorization = host.Client(key: null);
        viaAuthorization.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "ApiKey " + ApiHost.OncologyKey);
        (await viaAuthorization.GetAsync("/v1/dossiers")).IsSuccessStatusCode.ShouldBeTrue();
    }

    [Fact]
    public async Task Unknown_routes_and_ids_answer_with_problems_too()
    {
        using var host = new ApiHost();
        using var client = host.Client();
        await (await client.GetAsync("/v1/nothing-here")).ShouldBeProblemAsync(404, "not_found");
        await (await client.GetAsync("/v1/dossiers/0123456789abcdef0123456789abcdef")).ShouldBeProblemAsync(404, "dossier_not_found");
        await (await client.DeleteAsync("/v1/dossiers")).ShouldBeProblemAsync(405, "method_not_allowed");
        await (await client.GetAsync("/v1/dossiers?limit=0")).ShouldBeProblemAsync(400, "invalid_query");
    }

    [Fact]
    public async Task An_internal_error_is_a_500_problem_without_message_or_stack_trace()
    {
        using var host = new ApiHost();
        using var client = host.Client();
        var id = (await client.UploadAsync(TestDossiers.Small(43)))["id"]!.GetValue<string>();
        await client.WaitFinishedAsync(id);

        // Damage the stored result behind the service's back: reading it now throws inside the handler.
        await using (var connection = new SqliteConnection($"Data Source={host.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var damage = connection.CreateCommand();
            damage.CommandText = "UPDATE results SET result_json = '{\"documents\": \"Mme Dupont Jeanne\"';";
            await damage.ExecuteNonQueryAsync();
        }

        using var response = await client.GetAsync($"/v1/dossiers/{id}/result");
        var problem = await response.ShouldBeProblemAsync(500, "internal_error");
        var body = problem.ToJsonString();
        body.ShouldNotContain("Dupont");
        body.ShouldNotContain("Json");
        problem["traceId"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_configuration_without_any_key_fails_at_start_naming_the_setting()
    {
        using var host = new ApiHost(new Dictionary<string, string?>
        {
            ["MedSummary:Api:Keys:0:Key"] = null,
            ["MedSummary:Api:Keys:0:Tenant"] = null,
            ["MedSummary:Api:Keys:0:Name"] = null,
            ["MedSummary:Api:Keys:1:KeySha256"] = "not-a-hash",
        });
        var error = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() => host.Client());
        error.Message.ShouldContain("MedSummary:Api:Keys:1:KeySha256");
    }
}
