using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using JsonNode = System.Text.Json.Nodes.JsonNode;
using MedSummary.Api.Client;
using MedSummary.Api.Client.Models;
using MedSummary.Api.Tests.Infrastructure;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using Shouldly;
using Xunit;

namespace MedSummary.Api.Client.Tests;

/// <summary>The Kiota client, generated at build from the service's document and used as generated, through the whole review flow.</summary>
public sealed class GeneratedClientTests
{
    private static string Metadata(string key) =>
        typeof(GeneratedClientTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static (MedSummaryClient Client, HttpClient Http) Connect(ApiHost host, string key = ApiHost.OncologyKey)
    {
        // Kiota's own handler chain (headers inspection, redirects, retries) in front of the test server; https, because
        // Kiota's API key provider sends a key over nothing else.
        var baseAddress = new Uri("https://localhost");
        var http = KiotaClientFactory.Create(host.Server.CreateHandler());
        http.BaseAddress = baseAddress;
        var auth = new ApiKeyAuthenticationProvider(key, "X-Api-Key", ApiKeyAuthenticationProvider.KeyLocation.Header, baseAddress.Host);
        var adapter = new HttpClientRequestAdapter(auth, httpClient: http) { BaseUrl = baseAddress.ToString().TrimEnd('/') };
        return (new MedSummaryClient(adapter), http);
    }

    [Fact]
    public async Task Upload_a_sample_poll_read_the_form_review_with_IfMatch_read_the_audit_and_export_FHIR()
    {
        using var host = new ApiHost();
        _ = host.Server;
        var (client, http) = Connect(host);
        using var _http = http;

        var sample = Path.Combine(Metadata("SamplesFolder"), "breast-fr");
        var body = new MultipartBody();
        foreach (var file in Directory.GetFiles(sample).Order(StringComparer.Ordinal))
        {
            var type = file.EndsWith(".pdf", StringComparison.Ordinal) ? "application/pdf" : "text/plain";
            body.AddOrReplacePart("files", type, new MemoryStream(await File.ReadAllBytesAsync(file)), Path.GetFileName(file));
        }

        body.AddOrReplacePart("patientRef", "text/plain", "IPP-42");
        body.AddOrReplacePart("language", "text/plain", "fr");
        var accepted = await client.V1.Dossiers.PostAsync(body);
        accepted.ShouldNotBeNull();
        accepted.Created.ShouldBe(true);
        accepted.Documents!.Count.ShouldBe(Directory.GetFiles(sample).Length);
        var id = accepted.Id!;

        DossierStatusView? status = null;
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            status = await client.V1.Dossiers[id].GetAsync();
            if (status!.Status is "completed" or "failed")
            {
                break;
            }

            await Task.Delay(200);
        }

        status!.Status.ShouldBe("completed");
        status.ExternalRef.ShouldBe("IPP-42");

        var headers = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        var form = await client.V1.Dossiers[id].Form.GetAsync(c => c.Options.Add(headers));
        form.ShouldNotBeNull();
        form.DossierId.ShouldBe(id);
        form.State.ShouldBe(ReviewedForm_state.Machine);
        var fields = form.Fields!.AdditionalData;
        fields.ShouldContainKey("primary_site");
        var etag = headers.ResponseHeaders["ETag"].Single();
        etag.ShouldBe($"\"form-{form.FormVersion}\"");

        var reviewed = await client.V1.Dossiers[id].Form.Fields["primary_site"].PatchAsync(
            new ReviewRequest { Action = "correct", Value = "sein gauche", Normalized = "breast", Comment = "checked with the pathology report" },
            c => c.Headers.Add("If-Match", etag));
        reviewed.ShouldNotBeNull();
        reviewed.FormVersion.ShouldBe(form.FormVersion + 1);
        reviewed.Final!.Source.ShouldBe("reviewer");

        // The same ETag again is stale now: a 412 the client raises as the document's ProblemDetails, code included.
        var stale = await Should.ThrowAsync<ProblemDetails>(() => client.V1.Dossiers[id].Form.Fields["primary_site"].PatchAsync(
            new ReviewRequest { Action = "accept" }, c => c.Headers.Add("If-Match", etag)));
        stale.ResponseStatusCode.ShouldBe(412);
        stale.Code.ShouldBe(ProblemDetails_code.Precondition_failed);

        var audit = await client.V1.Dossiers[id].Audit.GetAsync();
        audit.ShouldNotBeNull();
        var review = audit.Entries!.Single(e => e.FieldKey == "primary_site");
        review.Actor.ShouldBe("onco-coordinators");
        review.Comment.ShouldBe("checked with the pathology report");

        var bundle = await client.V1.Dossiers[id].Fhir.GetAsync();
        bundle.ShouldNotBeNull();
        bundle.ResourceType.ShouldBe(FhirBundle_resourceType.Bundle);
        bundle.Type.ShouldBe(FhirBundle_type.Document);
        bundle.Entry!.Count.ShouldBeGreaterThan(3);
        bundle.Entry.ShouldAllBe(e => !string.IsNullOrEmpty(e.FullUrl) && e.Resource != null);

        var missing = await Should.ThrowAsync<ProblemDetails>(() => client.V1.Dossiers["no-such-dossier"].GetAsync());
        missing.ResponseStatusCode.ShouldBe(404);
        missing.Code.ShouldBe(ProblemDetails_code.Dossier_not_found);
    }

    [Fact]
    public async Task The_document_the_client_was_generated_from_is_the_one_the_running_service_serves()
    {
        using var host = new ApiHost();
        using var http = host.Client();
        var served = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!;
        var built = JsonNode.Parse(await File.ReadAllTextAsync(Metadata("ApiDocument")))!;
        JsonNode.DeepEquals(served, built).ShouldBeTrue(
            "The build-time document differs from /openapi/v1.json: " + JsonSerializer.Serialize(served).Length + " vs " + JsonSerializer.Serialize(built).Length + " characters.");
    }
}
