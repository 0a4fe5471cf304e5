using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedSummary.Pipeline.Processing;
using MedSummary.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Shouldly;

namespace MedSummary.Api.Tests.Infrastructure;

/// <summary>
/// One test's own MedSummary service: the real app (WebApplicationFactory over Program) on a data folder of its
/// own (real SQLite files), two tenants with a key each, optional settings and an optional gate in front of the
/// real dossier processor. The folder may be handed to a second host to test restarts.
/// </summary>
internal sealed class ApiHost : WebApplicationFactory<Program>
{
    public const string OncologyKey = "oncology-key-0123456789abcdefghij";
    public const string CardiologyKey = "cardiology-key-0123456789abcdefgh";
    public const string OperatorKey = "operator-key-0123456789abcdefghijkl";
    public const string Oncology = "oncology";
    public const string Cardiology = "cardiology";

    private readonly TempDirectory? _ownFolder;
    private readonly Dictionary<string, string?> _settings;
    private readonly ProcessingGate? _gate;
    private readonly ILoggerProvider? _logs;

    public ApiHost(IDictionary<string, string?>? settings = null, ProcessingGate? gate = null, string? dataFolder = null, ILoggerProvider? logs = null)
    {
        _logs = logs;
        if (dataFolder is null)
        {
            _ownFolder = new TempDirectory("medsummary-api");
            dataFolder = _ownFolder.Path;
        }

        DataFolder = dataFolder;
        _gate = gate;
        _settings = new Dictionary<string, string?>
        {
            ["MedSummary:Api:DataFolder"] = dataFolder,
            ["MedSummary:Api:Keys:0:Name"] = "onco-coordinators",
            ["MedSummary:Api:Keys:0:Tenant"] = Oncology,
            ["MedSummary:Api:Keys:0:Key"] = OncologyKey,
            ["MedSummary:Api:Keys:1:Tenant"] = Cardiology,
            ["MedSummary:Api:Keys:1:KeySha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(CardiologyKey))),
            ["MedSummary:Api:RateLimit:PermitsPerSecond"] = "1000",
            ["MedSummary:Api:RateLimit:Burst"] = "1000",
            ["MedSummary:Api:OperatorKey"] = OperatorKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DataFolder { get; }

    public string DatabasePath => Path.Combine(DataFolder, "medsummary.db");

    public HttpClient Client(string? key = OncologyKey)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    /// <summary>
    /// Serves the app through Kestrel on 127.0.0.1 (a free port) instead of the in-memory test server, for what only a
    /// real server shows: its request line and header limits, client addresses, bodies streamed over a socket.
    /// </summary>
    public Uri StartKestrel()
    {
        var port = FreePort();
        UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, port));
        StartServer();
        return new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>A client of the Kestrel server whose connections come from <paramref name="from"/> (any 127.x.y.z address on Linux).</summary>
    public static HttpClient LoopbackClient(Uri server, System.Net.IPAddress from, string? key)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                try
                {
                    socket.Bind(new System.Net.IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = server };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A client that sends the operator key (and no tenant key): /metrics and the detailed /health.</summary>
    public HttpClient OperatorClient()
    {
        var client = Client(key: null);
        client.DefaultRequestHeaders.Add("X-Operator-Key", OperatorKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        if (_logs is not null)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(_logs).AddFilter(_ => true));
        }

        builder.ConfigureTestServices(services =>
        {
            if (_gate is not null)
            {
                services.RemoveAll<IDossierProcessor>();
                services.AddSingleton<DossierProcessor>();
                services.AddSingleton<IDossierProcessor>(sp => new GatedProcessor(sp.GetRequiredService<DossierProcessor>(), _gate));
            }
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _ownFolder?.Dispose();
        }
    }
}

/// <summary>Holds processing until the test opens it; says when a dossier has reached it.</summary>
internal sealed class ProcessingGate
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _entered;

    public int Entered => Volatile.Read(ref _entered);

    public void Open() => _open.TrySetResult();

    public async Task PassAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _entered);
        await _open.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The real processor behind a <see cref="ProcessingGate"/>.</summary>
internal sealed class GatedProcessor(IDossierProcessor inner, ProcessingGate gate) : IDossierProcessor
{
    public async Task<DossierOutcome> ProcessAsync(DossierRequest request, IProgress<DossierProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await gate.PassAsync(cancellationToken).ConfigureAwait(false);
        return await inner.ProcessAsync(request, progress, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Calls shared by the tests: upload files, poll a dossier, read problems.</summary>
internal static class ApiCalls
{
    public static MultipartFormDataContent Form(IEnumerable<(string Name, byte[] Content)> files, string? patientRef = null, string? language = null)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }

        if (patientRef is not null)
        {
            form.Add(new StringContent(patientRef), "patientRef");
        }

        if (language is not null)
        {
            form.Add(new StringContent(language), "language");
        }

        return form;
    }

    public static async Task<JsonObject> UploadAsync(this HttpClient client, IEnumerable<(string Name, byte[] Content)> files, string? patientRef = null)
    {
        using var response = await client.PostAsync("/v1/dossiers", Form(files, patientRef));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Accepted, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    public static async Task<JsonObject> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"GET {url}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Polls the status until it is completed or failed (or the deadline passes, which fails the test).</summary>
    public static async Task<JsonObject> WaitFinishedAsync(this HttpClient client, string id, TimeSpan? timeout = null) =>
        await client.WaitStatusAsync(id, s => s is "completed" or "failed", timeout);

    public static async Task<JsonObject> WaitStatusAsync(this HttpClient client, string id, Func<string, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var status = await client.GetJsonAsync($"/v1/dossiers/{id}");
            if (done(status["status"]!.GetValue<string>()))
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Dossier {id} is still {status["status"]} after the deadline: {status.ToJsonString()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Asserts a ProblemDetails response with its status and stable code, and that it leaks no stack trace.</summary>
    public static async Task<JsonObject> ShouldBeProblemAsync(this HttpResponseMessage response, int status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body);
        var problem = JsonNode.Parse(body)!.AsObject();
        problem["code"]?.GetValue<string>().ShouldBe(code, body);
        problem["status"]!.GetValue<int>().ShouldBe(status);
        problem["title"].ShouldNotBeNull();
        body.ShouldNotContain("   at ");
        body.ShouldNotContain("Exception:");
        return problem;
    }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
