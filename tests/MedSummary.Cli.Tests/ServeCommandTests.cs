using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedSummary.Testing;
using Shouldly;
using Xunit;

namespace MedSummary.Cli.Tests;

public sealed class ServeCommandTests
{
    private const string Key = "cli-serve-key-0123456789abcdefghij";
    private const string OperatorKey = "cli-serve-operator-0123456789abcdef";

    [Fact]
    public async Task Help_names_the_urls_option_and_a_bad_url_or_missing_config_is_a_usage_error()
    {
        using var run = new CliRun();
        var help = await run.RunAsync("serve", "--help");
        help.Code.ShouldBe(0);
        help.Output.ShouldContain("--urls");

        var badUrl = await run.RunAsync("serve", "--urls", "ftp://127.0.0.1:21");
        badUrl.Code.ShouldBe(2);
        badUrl.Error.ShouldContain("'ftp://127.0.0.1:21' is not an http:// or https:// address");

        var output = new StringWriter();
        var error = new StringWriter();
        (await CliApp.RunAsync(["serve", "--config", run.PathOf("absent.json")], output, error)).ShouldBe(2);
        error.ToString().ShouldContain("absent.json: configuration file not found");
    }

    [Fact]
    public async Task A_configuration_without_keys_is_refused_at_start_naming_the_setting()
    {
        using var folder = new TempDirectory("medsummary-serve");
        var config = WriteConfig(folder, withKey: false);
        var error = new StringWriter();

        var code = await CliApp.RunAsync(["serve", "--urls", $"http://127.0.0.1:{FreePort()}", "--config", config], new StringWriter(), error);

        code.ShouldBe(2, error.ToString());
        error.ToString().ShouldContain("MedSummary:Api:Keys");
    }

    [Fact]
    public async Task Serve_listens_where_told_answers_health_and_keys_then_stops_cleanly_when_cancelled()
    {
        using var folder = new TempDirectory("medsummary-serve");
        var config = WriteConfig(folder, withKey: true);
        var url = $"http://127.0.0.1:{FreePort()}";
        using var stop = new CancellationTokenSource();
        var error = new StringWriter();
        var serving = Task.Run(() => CliApp.RunAsync(["serve", "--urls", url, "--config", config], new StringWriter(), error, stop.Token));

        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var health = await PollHealthAsync(http, serving);
        health["queue"]!["capacity"]!.GetValue<int>().ShouldBe(7, "the --config file is read");
        (await http.GetAsync("/v1/dossiers")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/v1/dossiers"))
        {
            request.Headers.Add("X-Api-Key", Key);
            (await http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await stop.CancelAsync();
        (await serving.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe(0, error.ToString());
        File.Exists(Path.Combine(folder.Path, "data", "medsummary.db")).ShouldBeTrue();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static string WriteConfig(TempDirectory folder, bool withKey)
    {
        var path = folder.File("serve.json");
        object[] keys = withKey ? [new { Tenant = "oncology", Key }] : [];
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            MedSummary = new
            {
                Api = new { DataFolder = Path.Combine(folder.Path, "data"), Keys = keys, Queue = new { Capacity = 7 }, OperatorKey },
                Store = new { SqlitePath = folder.File("chunks.db") },
            },
        }));
        return path;
    }

    private static async Task<JsonObject> PollHealthAsync(HttpClient http, Task<int> serving)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            serving.IsCompleted.ShouldBeFalse("serve ended before answering /health");
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
                request.Headers.Add("X-Operator-Key", OperatorKey);
                using var response = await http.SendAsync(request);
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
                return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>A loopback port nobody listens on right now (the OS picks it).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
