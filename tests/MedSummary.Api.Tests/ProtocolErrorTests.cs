using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using MedSummary.Api.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace MedSummary.Api.Tests;

public sealed class ProtocolErrorTests
{
    [Fact]
    public async Task Malformed_multipart_bodies_get_400_invalid_request_problems_and_the_service_keeps_answering()
    {
        using var host = new ApiHost();
        using var client = host.Client();
        var pdf = TestDossiers.Pathology(80);

        async Task Malformed(string contentType, byte[] body)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            using var response = await client.PostAsync("/v1/dossiers", content);
            var problem = await response.ShouldBeProblemAsync(400, "invalid_request");
            problem["detail"]!.GetValue<string>().ShouldContain("multipart");
        }

        var part = Encoding.ASCII.GetBytes("--b1\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\n\r\n");
        await Malformed("multipart/form-data", [.. part, .. pdf, .. "\r\n--b1--\r\n"u8]);
        await Malformed("multipart/form-data; boundary=", [.. part, .. pdf, .. "\r\n--b1--\r\n"u8]);
        await Malformed("multipart/form-data; boundary=" + new string('x', 200), [.. part, .. pdf]);
        await Malformed("multipart/form-data; boundary=b1", [.. part, .. pdf.AsSpan(0, pdf.Length / 2)]);
        await Malformed("multipart/form-data; boundary=b1", [.. part]);
        await Malformed("multipart/form-data; boundary=b1", new Random(7).GetItems<byte>(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), 5000));
        await Malformed("multipart/form-data; boundary=b1", "--b1\r\nthis is not a header\r\n\r\nbody\r\n--b1--\r\n"u8.ToArray());
        await Malformed("multipart/form-data; boundary=b1", "--b1\r\nContent-Disposition: attachment\r\n\r\nbody\r\n--b1--\r\n"u8.ToArray());

        (await client.UploadAsync([("a.pdf", pdf)]))["created"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Server_level_refusals_414_and_431_are_problems_too_and_a_NUL_in_the_path_is_refused()
    {
        using var host = new ApiHost();
        var server = host.StartKestrel();
        using var client = ApiHost.LoopbackClient(server, IPAddress.Loopback, ApiHost.OncologyKey);

        await (await client.GetAsync("/v1/dossiers?q=" + new string('a', 9000))).ShouldBeProblemAsync(414, "uri_too_long");
        await (await client.GetAsync("/v1/dossiers/" + new string('a', 9000))).ShouldBeProblemAsync(414, "uri_too_long");

        using (var request = new HttpRequestMessage(HttpMethod.Get, "/v1/dossiers"))
        {
            request.Headers.TryAddWithoutValidation("X-Padding", new string('p', 40_000));
            await (await client.SendAsync(request)).ShouldBeProblemAsync(431, "headers_too_large");
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, "/v1/dossiers"))
        {
            for (var i = 0; i < 50; i++)
            {
                request.Headers.TryAddWithoutValidation($"X-Padding-{i}", new string('p', 1000));
            }

            await (await client.SendAsync(request)).ShouldBeProblemAsync(431, "headers_too_large");
        }

        // Kestrel itself refuses a NUL in the path (bare 400, before any app code runs); the service goes on answering.
        var (status, _, _) = await RawAsync(server, "GET /v1/dossiers/%00abc HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + ApiHost.OncologyKey + "\r\nConnection: close\r\n\r\n");
        status.ShouldBe(400);

        (await client.GetAsync("/v1/dossiers")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task HTML_named_pdf_is_refused_with_415_and_markup_in_any_disguise_too()
    {
        using var host = new ApiHost();
        using var client = host.Client();

        foreach (var (name, body) in new[]
        {
            ("compte-rendu.pdf", "<!DOCTYPE html><html><body><script>alert(1)</script>Carcinome</body></html>"),
            ("courrier.pdf", "\uFEFF  \n<HTML><head><title>x</title></head></html>"),
            ("note.txt", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"),
            ("export.pdf", "<?xml version=\"1.0\"?><report>Carcinome</report>"),
        })
        {
            using var response = await client.PostAsync("/v1/dossiers", ApiCalls.Form([(name, Encoding.UTF8.GetBytes(body))]));
            var problem = await response.ShouldBeProblemAsync(415, "unsupported_type");
            problem["detail"]!.GetValue<string>().ShouldStartWith(name + ":");
        }

        (await client.UploadAsync([("note.txt", "Carcinome canalaire infiltrant, grade II. Le patient <3 la vie."u8.ToArray())]))["created"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task File_names_lose_control_and_bidirectional_override_characters_wherever_they_are_stored_or_shown()
    {
        using var host = new ApiHost();
        using var client = host.Client();
        const string sent = "rapport\u202Efdp.exe\u200F\u2066\u0007.pdf";

        var accepted = await client.UploadAsync([(sent, TestDossiers.Pathology(81))]);
        var id = accepted["id"]!.GetValue<string>();
        accepted["documents"]![0]!["fileName"]!.GetValue<string>().ShouldBe("rapportfdp.exe.pdf");
        var status = await client.WaitFinishedAsync(id);
        status.ToJsonString().ShouldNotContain("\\u202E", Case.Insensitive);
        var body = status.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        body.ShouldContain("rapportfdp.exe.pdf");
        foreach (var hidden in "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u0007")
        {
            body.ShouldNotContain(hidden.ToString());
        }

        var report = await client.GetStringAsync($"/v1/dossiers/{id}/report");
        report.ShouldContain("rapportfdp.exe.pdf");
        report.ShouldNotContain("\u202E");
    }

    [Fact]
    public async Task Names_stored_with_bidirectional_marks_by_an_earlier_version_are_cleaned_when_the_schema_is_brought_forward()
    {
        using var folder = new MedSummary.Testing.TempDirectory("medsummary-names");
        string id;
        using (var before = new ApiHost(dataFolder: folder.Path))
        {
            using var client = before.Client();
            id = (await client.UploadAsync([("rapport.pdf", TestDossiers.Pathology(82))]))["id"]!.GetValue<string>();
            await client.WaitFinishedAsync(id);
        }

        // What version 1 of the schema kept as sent: an override mark in the name, in uploads and documents alike.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder.Path, "medsummary.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE uploads SET file_name = 'rap\u202Eport.pdf'; UPDATE documents SET file_name = 'rap\u202Eport.pdf'; UPDATE schema_version SET version = 1;";
            await command.ExecuteNonQueryAsync();
        }

        using var after = new ApiHost(dataFolder: folder.Path);
        using var again = after.Client();
        var status = (await again.GetJsonAsync($"/v1/dossiers/{id}")).ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        status.ShouldContain("rapport.pdf");
        status.ShouldNotContain("\u202E");
        (await again.GetStringAsync($"/v1/dossiers/{id}/report")).ShouldNotContain("\u202E");
    }

    /// <summary>One raw HTTP/1.1 exchange (for requests HttpClient will not send as written): status, content type and body.</summary>
    private static async Task<(int Status, string? ContentType, string Body)> RawAsync(Uri server, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var head = response[..response.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        var status = int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var contentType = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?[13..].Trim().Split(';')[0];
        var body = response[(head.Length + 4)..];
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        return (status, contentType, body);
    }

    private static string Dechunk(string chunked)
    {
        var result = new StringBuilder();
        var at = 0;
        while (true)
        {
            var end = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[at..end], 16);
            if (size == 0)
            {
                return result.ToString();
            }

            result.Append(chunked, end + 2, size);
            at = end + 2 + size + 2;
        }
    }
}
