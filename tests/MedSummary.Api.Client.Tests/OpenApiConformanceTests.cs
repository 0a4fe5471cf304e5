using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MedSummary.Api.Tests.Infrastructure;
using Shouldly;
using Xunit;
using JsonNode = System.Text.Json.Nodes.JsonNode;

namespace MedSummary.Api.Client.Tests;

/// <summary>
/// The document against the service's real answers: every answer the tests provoke, over every endpoint and its
/// refusals, must be declared for its operation with its status and content type, and its JSON body must match the
/// declared schema. And the linters find nothing in it.
/// </summary>
public sealed class OpenApiConformanceTests
{
    private static string Metadata(string key) =>
        typeof(OpenApiConformanceTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    [Fact]
    public async Task Every_answer_of_every_endpoint_is_declared_with_its_status_content_type_and_schema()
    {
        using var host = new ApiHost();
        var recorder = new Recorder(host.Server.CreateHandler());
        HttpClient Client(string? key = ApiHost.OncologyKey)
        {
            var client = new HttpClient(recorder, disposeHandler: false) { BaseAddress = new Uri("http://localhost") };
            if (key is not null)
            {
                client.DefaultRequestHeaders.Add("X-Api-Key", key);
            }

            return client;
        }

        using var api = Client();
        using var anonymous = Client(null);
        using var op = Client(null);
        op.DefaultRequestHeaders.Add("X-Operator-Key", ApiHost.OperatorKey);
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!.AsObject();
        recorder.Clear();

        await anonymous.GetAsync("/v1/dossiers");
        await api.GetAsync("/v1/dossiers?limit=0");
        await api.GetAsync("/v1/dossiers");
        await api.GetAsync("/v1/dossiers/no-such-dossier");
        await api.GetAsync("/v1/dossiers/no-such-dossier/form");
        await api.GetAsync("/v1/dossiers/no-such-dossier/audit");
        await api.PostAsync("/v1/dossiers", new StringContent("{}", Encoding.UTF8, "application/json"));
        await api.PostAsync("/v1/dossiers", Form([]));
        var sample = Directory.GetFiles(Path.Combine(Metadata("SamplesFolder"), "breast-fr")).Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).ToList();
        var pdf = sample.First(f => f.Item1.EndsWith(".pdf", StringComparison.Ordinal)).Item2;
        await api.PostAsync("/v1/dossiers", Form([("cut.pdf", pdf[..(pdf.Length / 2)])]));

        using var upload = await api.PostAsync("/v1/dossiers", Form(sample));
        upload.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var id = JsonNode.Parse(await upload.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        await api.PostAsync("/v1/dossiers", Form(sample));
        await api.GetAsync($"/v1/dossiers/{id}");
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (JsonNode.Parse(await api.GetStringAsync($"/v1/dossiers/{id}"))!["status"]!.GetValue<string>() is not ("completed" or "failed"))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline);
            await Task.Delay(200);
        }

        foreach (var part in new[] { "result", "summary", "alerts", "report", "audit", "fhir" })
        {
            (await api.GetAsync($"/v1/dossiers/{id}/{part}")).IsSuccessStatusCode.ShouldBeTrue(part);
        }

        var result = JsonNode.Parse(await api.GetStringAsync($"/v1/dossiers/{id}/result"))!;
        var documentId = result["documents"]![0]!["id"]!.GetValue<string>();
        await api.GetAsync($"/v1/dossiers/{id}/documents/{documentId}/pages/1");
        await api.GetAsync($"/v1/dossiers/{id}/documents/{documentId}/pages/1?format=html");
        await api.GetAsync($"/v1/dossiers/{id}/documents/{documentId}/pages/1?format=xml");
        await api.GetAsync($"/v1/dossiers/{id}/documents/{documentId}/pages/999");
        await api.GetAsync($"/v1/dossiers/{id}/documents/no-such-document/pages/1");
        await api.GetAsync("/v1/search?q=carcinome");
        await api.GetAsync("/v1/search");

        using var formAnswer = await api.GetAsync($"/v1/dossiers/{id}/form");
        var etag = formAnswer.Headers.ETag!.ToString();
        await Patch(api, id, "primary_site", """{"action":"explode"}""", etag);
        await Patch(api, id, "no_such_field", """{"action":"accept"}""", etag);
        await Patch(api, id, "primary_site", """{"action":"accept"}""", "\"form-999\"");
        await Patch(api, id, "primary_site", """{"action":"accept"}""", etag);
        await api.PostAsync($"/v1/dossiers/{id}/form/validate", new StringContent("""{"reviewer":"Dr A"}""", Encoding.UTF8, "application/json"));
        await Patch(api, id, "primary_site", """{"action":"reject"}""", null);

        using var link = await api.PostAsync($"/v1/dossiers/{id}/report-link", null);
        var url = new Uri(JsonNode.Parse(await link.Content.ReadAsStringAsync())!["url"]!.GetValue<string>());
        await anonymous.GetAsync(url.PathAndQuery);
        await anonymous.GetAsync(url.PathAndQuery);
        await api.PostAsync("/v1/dossiers/no-such-dossier/report-link", null);

        await anonymous.GetAsync("/health/live");
        await anonymous.GetAsync("/health/ready");
        await op.GetAsync("/health");
        await anonymous.GetAsync("/health");

        var failures = new List<string>();
        foreach (var answer in recorder.Answers)
        {
            failures.AddRange(Check(document, answer).Select(f => $"{answer.Method} {answer.Path} {answer.Status}: {f}"));
        }

        var seen = recorder.Answers.Select(a => a.Status).ToHashSet();
        new[] { 200, 202, 303, 400, 401, 404, 409, 412, 415, 422 }.Except(seen).ShouldBeEmpty();
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task Redocly_recommended_and_Spectral_oas_find_nothing_in_the_live_document()
    {
        using var host = new ApiHost();
        using var client = host.Client(key: null);
        var path = Path.Combine(Path.GetTempPath(), $"medsummary-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, await client.GetStringAsync("/openapi/v1.json"));
        try
        {
            var root = Path.GetFullPath(Path.Combine(Metadata("SamplesFolder"), ".."));
            using var lint = Process.Start(new ProcessStartInfo(Path.Combine(root, "scripts", "openapi-lint.sh"), [path])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = lint.StandardOutput.ReadToEndAsync();
            var errors = lint.StandardError.ReadToEndAsync();
            await lint.WaitForExitAsync();
            lint.ExitCode.ShouldBe(0, await output + await errors);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task Patch(HttpClient api, string id, string key, string json, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1/dossiers/{id}/form/fields/{key}")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        (await api.SendAsync(request)).Dispose();
    }

    private static MultipartFormDataContent Form(IEnumerable<(string Name, byte[] Content)> files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }

        return form;
    }

    /// <summary>What the document declares for this answer, and where the body departs from the declared schema.</summary>
    private static IEnumerable<string> Check(JsonObject document, Answer answer)
    {
        var operation = document["paths"]!.AsObject()
            .Where(p => Regex.IsMatch(answer.Path, "^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^}]+}", "[^/]+") + "$"))
            .Select(p => p.Value![answer.Method.ToLowerInvariant()])
            .FirstOrDefault(o => o is not null);
        if (operation is null)
        {
            yield return "no operation in the document";
            yield break;
        }

        var response = operation["responses"]![answer.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        if (response is null)
        {
            yield return "status not declared";
            yield break;
        }

        var content = response["content"]?.AsObject();
        if (answer.ContentType is null)
        {
            yield break;
        }

        var media = content?.FirstOrDefault(c => answer.ContentType.StartsWith(c.Key, StringComparison.OrdinalIgnoreCase)).Value;
        if (media is null)
        {
            yield return $"content type {answer.ContentType} not declared (declared: {string.Join(", ", content?.Select(c => c.Key) ?? [])})";
            yield break;
        }

        if (answer.ContentType.Contains("json", StringComparison.Ordinal) && media["schema"] is { } schema)
        {
            foreach (var failure in Validate(document, JsonNode.Parse(answer.Body), schema, "$"))
            {
                yield return failure;
            }
        }
    }

    /// <summary>A small JSON Schema check: $ref, oneOf, allOf, type, enum, required, properties, additionalProperties, items.</summary>
    private static IEnumerable<string> Validate(JsonObject document, JsonNode? value, JsonNode schema, string at)
    {
        if (schema["$ref"] is { } reference)
        {
            var name = reference.GetValue<string>().Split('/')[^1];
            return Validate(document, value, document["components"]!["schemas"]![name]!, at);
        }

        if (schema["oneOf"] is JsonArray oneOf)
        {
            return oneOf.Any(s => !Validate(document, value, s!, at).Any()) ? [] : [$"{at}: matches none of oneOf"];
        }

        var failures = new List<string>();
        if (schema["allOf"] is JsonArray allOf)
        {
            failures.AddRange(allOf.SelectMany(s => Validate(document, value, s!, at)));
        }

        var kind = value is null ? "null" : value.GetValueKind() switch
        {
            JsonValueKind.Object => "object",
            JsonValueKind.Array => "array",
            JsonValueKind.String => "string",
            JsonValueKind.Number => value.ToJsonString().Contains('.', StringComparison.Ordinal) ? "number" : "integer",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        };
        var types = schema["type"] switch
        {
            JsonArray list => list.Select(t => t!.GetValue<string>()).ToList(),
            JsonValue one => [one.GetValue<string>()],
            _ => null,
        };
        if (types is not null && !types.Contains(kind) && !(kind == "integer" && types.Contains("number")))
        {
            failures.Add($"{at}: {kind}, declared {string.Join("|", types)}");
            return failures;
        }

        if (schema["enum"] is JsonArray values && kind == "string" && !values.Any(v => v?.GetValue<string>() == value!.GetValue<string>()))
        {
            failures.Add($"{at}: '{value}' is not in the declared enum");
        }

        if (value is JsonObject obj)
        {
            foreach (var required in schema["required"]?.AsArray() ?? [])
            {
                if (!obj.ContainsKey(required!.GetValue<string>()))
                {
                    failures.Add($"{at}: required '{required}' missing");
                }
            }

            var properties = schema["properties"]?.AsObject();
            foreach (var (key, member) in obj)
            {
                if (properties?[key] is { } declared)
                {
                    failures.AddRange(Validate(document, member, declared, $"{at}.{key}"));
                }
                else if (schema["additionalProperties"] is JsonObject additional)
                {
                    failures.AddRange(Validate(document, member, additional, $"{at}.{key}"));
                }
            }
        }
        else if (value is JsonArray array && schema["items"] is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                failures.AddRange(Validate(document, array[i], items, $"{at}[{i}]"));
            }
        }

        return failures;
    }

    private sealed record Answer(string Method, string Path, int Status, string? ContentType, string Body);

    /// <summary>Records every answer that passes through it (the real app's, over the test server).</summary>
    private sealed class Recorder(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly List<Answer> _answers = [];

        public IReadOnlyList<Answer> Answers => _answers;

        public void Clear() => _answers.Clear();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            _answers.Add(new Answer(request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode,
                response.Content.Headers.ContentType?.MediaType, body));
            return response;
        }
    }
}
