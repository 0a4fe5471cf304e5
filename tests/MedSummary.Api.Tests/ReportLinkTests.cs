using System.Net;
using System.Text.Json.Nodes;
using MedSummary.Api.Configuration;
using MedSummary.Api.Hosting;
using MedSummary.Api.ReportLinks;
using MedSummary.Api.Tests.Infrastructure;
using MedSummary.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace MedSummary.Api.Tests;

public sealed class ReportLinkTests
{
    private static async Task<string> CompletedAsync(HttpClient client, int variant)
    {
        var id = (await client.UploadAsync(TestDossiers.Small(variant)))["id"]!.GetValue<string>();
        (await client.WaitFinishedAsync(id))["status"]!.GetValue<string>().ShouldBe("completed");
        return id;
    }

    private static async Task<Uri> LinkAsync(HttpClient client, string id)
    {
        using var response = await client.PostAsync($"/v1/dossiers/{id}/report-link", null);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["expiresAt"]!.GetValue<DateTimeOffset>().ShouldBeGreaterThan(DateTimeOffset.UtcNow);
        return new Uri(body["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_link_opens_once_into_a_cookie_that_reads_that_dossiers_report_and_pages_and_nothing_else()
    {
        // An operator who turns request logging on still gets no token in the logs.
        var logs = new CapturedLogs();
        using var host = new ApiHost(
            new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
            },
            logs: logs);
        using var api = host.Client();
        var id = await CompletedAsync(api, 0);
        var other = await CompletedAsync(api, 1);
        var link = await LinkAsync(api, id);
        link.AbsolutePath.ShouldStartWith("/v1/report-links/");
        var token = link.AbsolutePath["/v1/report-links/".Length..];

        using var browser = host.Client(key: null);
        using var opened = await browser.GetAsync(link.PathAndQuery);
        opened.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        opened.Headers.Location!.ToString().ShouldBe($"/v1/dossiers/{id}/report");
        opened.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var cookie = opened.Headers.GetValues("Set-Cookie").Single();
        cookie.ShouldStartWith(ReportLinkAuthenticationHandler.CookieName + "=");
        cookie.ShouldNotContain(token);
        cookie.ShouldContain($"path=/v1/dossiers/{id}", Case.Insensitive);
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);
        cookie.ShouldNotContain("secure", Case.Insensitive);

        using var report = await browser.GetAsync(opened.Headers.Location);
        report.StatusCode.ShouldBe(HttpStatusCode.OK);
        report.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        report.Headers.GetValues("Content-Security-Policy").Single().ShouldBe(SecurityHeaders.HtmlPolicy);
        report.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        report.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var result = await api.GetJsonAsync($"/v1/dossiers/{id}/result");
        var documentId = result["documents"]![0]!["id"]!.GetValue<string>();
        (await browser.GetAsync($"/v1/dossiers/{id}/documents/{documentId}/pages/1?format=html")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The cookie is no key: the rest of the API still wants one, and another dossier is not found.
        await (await browser.GetAsync($"/v1/dossiers/{id}/result")).ShouldBeProblemAsync(401, "unauthorized");
        using var elsewhere = new HttpRequestMessage(HttpMethod.Get, $"/v1/dossiers/{other}/report");
        elsewhere.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var anonymous = host.Client(key: null);
        await (await anonymous.SendAsync(elsewhere)).ShouldBeProblemAsync(404, "dossier_not_found");

        // Spent: the same link again, or a forged one, opens nothing.
        await (await anonymous.GetAsync(link.PathAndQuery)).ShouldBeProblemAsync(404, "report_link_invalid");
        var forged = link.PathAndQuery[..^2] + (link.PathAndQuery.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA");
        await (await anonymous.GetAsync(forged)).ShouldBeProblemAsync(404, "report_link_invalid");

        logs.Lines.ShouldNotContain(l => l.Contains(token, StringComparison.Ordinal));
        logs.Lines.ShouldContain(l => l.Contains("report link", StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_tenant_cannot_ask_for_a_link_to_a_dossier_and_the_generated_key_is_private()
    {
        using var host = new ApiHost();
        using var oncology = host.Client();
        using var cardiology = host.Client(ApiHost.CardiologyKey);
        var id = await CompletedAsync(oncology, 2);
        await (await cardiology.PostAsync($"/v1/dossiers/{id}/report-link", null)).ShouldBeProblemAsync(404, "dossier_not_found");
        await (await host.Client(key: null).PostAsync($"/v1/dossiers/{id}/report-link", null)).ShouldBeProblemAsync(401, "unauthorized");

        await LinkAsync(oncology, id);
        var key = Path.Combine(host.DataFolder, ReportLinkSigner.KeyFileName);
        new FileInfo(key).Length.ShouldBe(32);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(key).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Theory]
    [InlineData("LinkLifetimeSeconds", "5", "LinkLifetimeSeconds must be between 10 and 3600")]
    [InlineData("SessionLifetimeSeconds", "999999", "SessionLifetimeSeconds must be between 60 and 43200")]
    [InlineData("SigningKey", "too-short-secret", "SigningKey must be at least 32 bytes")]
    public void Bad_link_settings_are_refused_at_start_naming_the_setting(string setting, string value, string message)
    {
        using var host = new ApiHost(new Dictionary<string, string?> { [$"{ReportLinkOptions.SectionName}:{setting}"] = value });
        var error = Should.Throw<OptionsValidationException>(() => host.Client());
        error.Message.ShouldContain(message);
        if (setting == "SigningKey")
        {
            error.Message.ShouldNotContain(value);
        }
    }

    [Fact]
    public void Links_and_cookies_expire_and_a_link_opens_only_once()
    {
        using var folder = new TempDirectory("medsummary-links");
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-07T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var signer = new ReportLinkSigner(Options.Create(new ReportLinkOptions()), Options.Create(new ApiOptions { DataFolder = folder.Path }), time);

        var (token, expires) = signer.IssueLink("oncology", "d1", TimeSpan.FromMinutes(5));
        expires.ShouldBe(time.GetUtcNow().AddMinutes(5));
        var (late, _) = signer.IssueLink("oncology", "d2", TimeSpan.FromMinutes(5));
        signer.OpenLink(token).ShouldBe(new ReportGrant("oncology", "d1", expires));
        signer.OpenLink(token).ShouldBeNull();

        time.Advance(TimeSpan.FromMinutes(5));
        signer.OpenLink(late).ShouldBeNull();

        var session = signer.IssueSession(new ReportGrant("oncology", "d1", expires), time.GetUtcNow().AddMinutes(30));
        signer.ReadSession(session)!.DossierId.ShouldBe("d1");
        signer.ReadSession(token).ShouldBeNull("a link is not a cookie");
        time.Advance(TimeSpan.FromMinutes(30));
        signer.ReadSession(session).ShouldBeNull();

        // A second signer on the same data folder shares the key: links survive a restart's key, not its memory.
        var again = new ReportLinkSigner(Options.Create(new ReportLinkOptions()), Options.Create(new ApiOptions { DataFolder = folder.Path }), time);
        var (fresh, _) = signer.IssueLink("oncology", "d3", TimeSpan.FromMinutes(5));
        again.OpenLink(fresh).ShouldBeNull("the nonce was issued by the other instance");
        again.ReadSession(signer.IssueSession(new ReportGrant("oncology", "d3", expires), time.GetUtcNow().AddMinutes(1)))!.DossierId.ShouldBe("d3");
    }
}

public sealed class SecurityHeaderTests
{
    [Fact]
    public async Task Every_answer_is_nosniff_patient_data_is_no_store_and_html_has_its_policy()
    {
        using var host = new ApiHost();
        using var api = host.Client();
        using var anonymous = host.Client(key: null);

        using var list = await api.GetAsync("/v1/dossiers");
        list.Headers.CacheControl!.NoStore.ShouldBeTrue();
        list.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        list.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        list.Headers.Contains("Content-Security-Policy").ShouldBeFalse();

        using var refused = await anonymous.GetAsync("/v1/search?q=x");
        ((int)refused.StatusCode).ShouldBe(401);
        refused.Headers.CacheControl!.NoStore.ShouldBeTrue();
        refused.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");

        using var live = await anonymous.GetAsync("/health/live");
        live.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");

        using var document = await anonymous.GetAsync("/openapi/v1.json");
        document.StatusCode.ShouldBe(HttpStatusCode.OK);
        document.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");

        using var scalar = await anonymous.GetAsync("/scalar/");
        scalar.StatusCode.ShouldBe(HttpStatusCode.OK);
        scalar.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var policy = scalar.Headers.GetValues("Content-Security-Policy").Single();
        policy.ShouldBe(SecurityHeaders.ReferencePolicy);
        policy.ShouldContain("frame-ancestors 'none'");
        var page = await scalar.Content.ReadAsStringAsync();
        page.ShouldNotContain("cdn.jsdelivr.net");
    }

    [Fact]
    public async Task With_the_reference_private_the_document_and_scalar_need_a_key()
    {
        using var host = new ApiHost(new Dictionary<string, string?> { ["MedSummary:Api:PublicApiReference"] = "false" });
        await (await host.Client(key: null).GetAsync("/openapi/v1.json")).ShouldBeProblemAsync(401, "unauthorized");
        await (await host.Client(key: null).GetAsync("/scalar/")).ShouldBeProblemAsync(401, "unauthorized");
        (await host.Client().GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
