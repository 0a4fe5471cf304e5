using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using MedSummary.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

using static MedSummary.Bench.BenchArgs;

namespace MedSummary.Bench;

/// <summary>
/// The REST API under load, on loopback through Kestrel (the service <c>medsummary serve</c> runs, hosted in this
/// process on a temporary data folder). Phase 1: N clients (default 20), each with its own key over 4 tenants,
/// upload the bundled sample dossiers for a bounded time, each upload made distinct by one extra text file holding a
/// unique line, and a client told 429 waits as Retry-After says; then every accepted dossier is waited for. Prints
/// throughput, upload latency and time-to-completion percentiles, outcome counts and the "nothing lost" check.
/// Phase 2: a queue of 2 places and a burst of N simultaneous uploads, to show 429 queue_full with Retry-After.
/// Args: [--seconds N] (default 60) [--clients N] (20) [--capacity N] (phase 1 queue, 16) [--workers N] (1)
/// [--samples DIR] (default: the repository's samples/) [--drain-seconds N] (most time to wait for the backlog, 900).
/// Exit 0 when nothing was lost, 1 otherwise.
/// </summary>
public sealed class LoadBenchmark : IBenchmark
{
    private const int Tenants = 4;

    public string Name => "load";

    public string Description => "20 clients upload sample dossiers to the REST API on loopback: throughput, p50/p95, nothing lost, 429";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var seconds = IntArg(args, "--seconds", 60);
        var clients = IntArg(args, "--clients", 20);
        var capacity = IntArg(args, "--capacity", 16);
        var workers = IntArg(args, "--workers", 1);
        var drainSeconds = IntArg(args, "--drain-seconds", 900);
        var samplesFolder = StringArg(args, "--samples") ?? LoadKit.FindSamples();
        if (samplesFolder is null || !Directory.Exists(samplesFolder))
        {
            Console.Error.WriteLine("load: no samples folder found; pass --samples DIR (one sub-folder per dossier)");
            return 2;
        }

        var samples = LoadKit.LoadSamples(samplesFolder);
        Console.WriteLine($"load benchmark: {clients} clients, {seconds} s, queue capacity {capacity}, {workers} worker(s), "
            + $"{samples.Count} sample dossiers ({string.Join(", ", samples.Select(s => $"{s.Name} {s.Files.Count} files"))}), "
            + $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");

        bool lostNone;
        await using (var server = await LoopbackServer.StartAsync(clients, capacity, workers, cancellationToken))
        {
            Console.WriteLine($"service on {server.Url}, data folder {server.DataFolder}, models: {await server.ModelsModeAsync(cancellationToken)}");
            Console.WriteLine("phase 1: sustained load");
            var phase1 = await UploadForAsync(server, samples, clients, TimeSpan.FromSeconds(seconds), honourRetryAfter: true, cancellationToken);
            var finished = await DrainAsync(server, phase1, TimeSpan.FromSeconds(drainSeconds), cancellationToken);
            lostNone = await Report(phase1, finished, server.DossierCountsAsync, cancellationToken);
        }

        Console.WriteLine();
        await using (var server = await LoopbackServer.StartAsync(clients, 2, workers, cancellationToken))
        {
            Console.WriteLine($"phase 2: {clients} simultaneous uploads into a queue of 2");
            var burst = await UploadForAsync(server, samples, clients, TimeSpan.Zero, honourRetryAfter: false, cancellationToken);
            var finished = await DrainAsync(server, burst, TimeSpan.FromSeconds(drainSeconds), cancellationToken);
            lostNone &= await Report(burst, finished, server.DossierCountsAsync, cancellationToken);
        }

        return lostNone ? 0 : 1;
    }

    /// <summary>
    /// Every client uploads, one upload at a time, until the window closes; with a zero window each uploads exactly once
    /// (all released together). A 429 is counted and, when <paramref name="honourRetryAfter"/>, waited out.
    /// </summary>
    private static async Task<UploadRun> UploadForAsync(
        LoopbackServer server, IReadOnlyList<LoadSample> samples, int clients, TimeSpan window, bool honourRetryAfter, CancellationToken cancellationToken)
    {
        var run = new UploadRun();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            await start.Task.ConfigureAwait(false);
            var sequence = 0;
            do
            {
                var sample = samples[(client + sequence) % samples.Count];
                using var content = LoadKit.Multipart(sample, $"client {client}, upload {sequence}, run {server.RunId}");
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/dossiers") { Content = content };
                request.Headers.Add("X-Api-Key", server.KeyOf(client));
                var sent = Stopwatch.GetTimestamp();
                using var response = await server.Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var latency = Stopwatch.GetElapsedTime(sent);
                sequence++;
                run.Record(response.StatusCode, latency);
                switch (response.StatusCode)
                {
                    case HttpStatusCode.Accepted:
                        run.Accepted.Add(new AcceptedUpload(client, JsonNode.Parse(body)!["id"]!.GetValue<string>(), sample.Name));
                        break;
                    case HttpStatusCode.TooManyRequests:
                        var code = JsonNode.Parse(body)?["code"]?.GetValue<string>() ?? "?";
                        var retry = response.Headers.RetryAfter?.Delta;
                        run.Refusals.Add((code, retry));
                        if (honourRetryAfter && retry is { } wait)
                        {
                            var left = window - clock.Elapsed;
                            await Task.Delay(wait < left ? wait : left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                        }

                        break;
                    case HttpStatusCode.OK:
                        break;
                    default:
                        run.Unexpected.Add($"{(int)response.StatusCode}: {Trim(body)}");
                        break;
                }
            }
            while (clock.Elapsed < window);
        }, cancellationToken)).ToList();

        clock.Restart();
        start.SetResult();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        run.Window = clock.Elapsed;
        return run;
    }

    /// <summary>Polls every tenant's list until each accepted dossier is completed or failed, then reads each one's status.</summary>
    private static async Task<IReadOnlyList<JsonObject>> DrainAsync(LoopbackServer server, UploadRun run, TimeSpan limit, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var accepted = run.Accepted.ToList();
        var pending = accepted.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        while (pending.Count > 0 && clock.Elapsed < limit)
        {
            for (var tenant = 0; tenant < Tenants; tenant++)
            {
                var list = await server.GetAsync(tenant, "/v1/dossiers?limit=500", cancellationToken).ConfigureAwait(false);
                foreach (var item in list["dossiers"]!.AsArray())
                {
                    if (item!["status"]!.GetValue<string>() is "completed" or "failed")
                    {
                        pending.Remove(item["id"]!.GetValue<string>());
                    }
                }
            }

            if (pending.Count > 0)
            {
                await Task.Delay(500, cancellationToken).ConfigureAwait(false);
            }
        }

        Console.WriteLine($"  drained {accepted.Count - pending.Count}/{accepted.Count} accepted dossiers in {clock.Elapsed.TotalSeconds:F1} s after the upload window");
        var statuses = new List<JsonObject>();
        foreach (var upload in accepted)
        {
            statuses.Add(await server.GetAsync(upload.Client % Tenants, $"/v1/dossiers/{upload.Id}", cancellationToken).ConfigureAwait(false));
        }

        return statuses;
    }

    private static async Task<bool> Report(
        UploadRun run, IReadOnlyList<JsonObject> statuses, Func<CancellationToken, Task<int>> serverCount, CancellationToken cancellationToken)
    {
        var inv = CultureInfo.InvariantCulture;
        var completed = statuses.Where(s => s["status"]!.GetValue<string>() == "completed").ToList();
        var failed = statuses.Where(s => s["status"]!.GetValue<string>() == "failed").ToList();
        var unfinished = statuses.Count - completed.Count - failed.Count;
        var toCompletion = statuses
            .Where(s => s["finishedAt"] is not null)
            .Select(s => (Time(s, "finishedAt") - Time(s, "createdAt")).TotalSeconds)
            .ToList();
        var processing = statuses
            .Where(s => s["finishedAt"] is not null && s["startedAt"] is not null)
            .Select(s => (Time(s, "finishedAt") - Time(s, "startedAt")).TotalSeconds)
            .ToList();
        var pages = completed.Sum(s => s["progress"]!["pages"]!.GetValue<int>());
        var firstCreated = statuses.Count > 0 ? statuses.Min(s => Time(s, "createdAt")) : default;
        var lastFinished = statuses.Where(s => s["finishedAt"] is not null).Select(s => Time(s, "finishedAt")).DefaultIfEmpty(firstCreated).Max();
        var span = (lastFinished - firstCreated).TotalSeconds;
        var latencies = run.Latencies.Select(l => l.TotalMilliseconds).ToList();
        var acceptedLatencies = run.AcceptedLatencies.Select(l => l.TotalMilliseconds).ToList();
        var retryAfter = run.Refusals.Where(r => r.Code == "queue_full").Select(r => r.RetryAfter?.TotalSeconds).ToList();
        var listed = await serverCount(cancellationToken).ConfigureAwait(false);

        Console.WriteLine(string.Create(inv, $"  upload window {run.Window.TotalSeconds:F1} s: {run.Requests} uploads sent ({run.Requests / Math.Max(run.Window.TotalSeconds, 0.001):F1}/s), "
            + $"{run.Accepted.Count} accepted (202), {run.Duplicates} duplicates (200), "
            + $"{run.Refusals.Count(r => r.Code == "queue_full")} queue_full (429), {run.Refusals.Count(r => r.Code == "rate_limited")} rate_limited (429), "
            + $"{run.Unexpected.Count} other"));
        foreach (var other in run.Unexpected.GroupBy(u => u).Take(5))
        {
            Console.WriteLine($"    {other.Count()} x {other.Key}");
        }

        Console.WriteLine(string.Create(inv, $"  upload latency, all answers: p50 {LoadKit.Percentile(latencies, 50):F0} ms, p95 {LoadKit.Percentile(latencies, 95):F0} ms, max {latencies.DefaultIfEmpty(0).Max():F0} ms"));
        Console.WriteLine(string.Create(inv, $"  upload latency, accepted:    p50 {LoadKit.Percentile(acceptedLatencies, 50):F0} ms, p95 {LoadKit.Percentile(acceptedLatencies, 95):F0} ms"));
        if (retryAfter.Count > 0)
        {
            var values = retryAfter.Where(r => r is not null).Select(r => r!.Value).ToList();
            Console.WriteLine(string.Create(inv, $"  Retry-After on queue_full: {values.Count}/{retryAfter.Count} answers carried it, "
                + $"{(values.Count > 0 ? $"{values.Min():F0} to {values.Max():F0} s" : "none")}"));
        }

        Console.WriteLine(string.Create(inv, $"  time to completion (accepted to finished, server clock): p50 {LoadKit.Percentile(toCompletion, 50):F1} s, p95 {LoadKit.Percentile(toCompletion, 95):F1} s; "
            + $"processing alone p50 {LoadKit.Percentile(processing, 50):F1} s, p95 {LoadKit.Percentile(processing, 95):F1} s"));
        Console.WriteLine(string.Create(inv, $"  throughput: {completed.Count / Math.Max(span, 0.001):F2} dossiers/s, {pages / Math.Max(span, 0.001):F1} pages/s "
            + $"({completed.Count} dossiers, {pages} pages between the first acceptance and the last finish, {span:F1} s)"));
        Console.WriteLine($"  outcomes: {completed.Count} completed, {failed.Count} failed, {unfinished} unfinished");
        foreach (var reason in failed.GroupBy(f => $"{f["failure"]?["code"]}: {f["failure"]?["reason"]}"))
        {
            Console.WriteLine($"    failed {reason.Count()} x {reason.Key}");
        }

        var distinct = run.Accepted.Select(a => a.Id).Distinct(StringComparer.Ordinal).Count();
        var lostNone = unfinished == 0 && run.Accepted.Count == completed.Count + failed.Count && distinct == run.Accepted.Count && listed == distinct;
        Console.WriteLine($"  nothing lost: accepted {run.Accepted.Count} == completed {completed.Count} + failed {failed.Count} (each failure with a reason); "
            + $"the service lists {listed} dossiers for {distinct} distinct accepted ids: {(lostNone ? "OK" : "LOST OR UNFINISHED")}");
        return lostNone;
    }

    private static DateTimeOffset Time(JsonObject status, string name) =>
        DateTimeOffset.Parse(status[name]!.GetValue<string>(), CultureInfo.InvariantCulture);

    private static string Trim(string text) => text.Length <= 160 ? text : text[..160] + "...";

    private sealed record AcceptedUpload(int Client, string Id, string Sample);

    /// <summary>What the clients saw, gathered from all of them at once.</summary>
    private sealed class UploadRun
    {
        private int _requests;
        private int _duplicates;

        public ConcurrentBag<AcceptedUpload> Accepted { get; } = [];

        public ConcurrentBag<(string Code, TimeSpan? RetryAfter)> Refusals { get; } = [];

        public ConcurrentBag<string> Unexpected { get; } = [];

        public ConcurrentBag<TimeSpan> Latencies { get; } = [];

        public ConcurrentBag<TimeSpan> AcceptedLatencies { get; } = [];

        public int Requests => Volatile.Read(ref _requests);

        public int Duplicates => Volatile.Read(ref _duplicates);

        public TimeSpan Window { get; set; }

        public void Record(HttpStatusCode status, TimeSpan latency)
        {
            Interlocked.Increment(ref _requests);
            Latencies.Add(latency);
            if (status == HttpStatusCode.Accepted)
            {
                AcceptedLatencies.Add(latency);
            }
            else if (status == HttpStatusCode.OK)
            {
                Interlocked.Increment(ref _duplicates);
            }
        }
    }

    /// <summary>The service on a free loopback port with its own temporary data folder, one key per client over <see cref="Tenants"/> tenants.</summary>
    private sealed class LoopbackServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private LoopbackServer(WebApplication app, string url, string dataFolder)
        {
            _app = app;
            Url = url;
            DataFolder = dataFolder;
            Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
        }

        public string Url { get; }

        public string DataFolder { get; }

        public HttpClient Http { get; }

        public string RunId { get; } = Guid.NewGuid().ToString("N")[..12];

        /// <summary>The operator key of this run's service (for the detailed /health), drawn afresh each run.</summary>
        private static string OperatorKey { get; } = "bench-operator-" + Guid.NewGuid().ToString("N");

        public static async Task<LoopbackServer> StartAsync(int clients, int capacity, int workers, CancellationToken cancellationToken)
        {
            var dataFolder = Path.Combine(Path.GetTempPath(), "medsummary-bench-load-" + Guid.NewGuid().ToString("N"));
            var url = $"http://127.0.0.1:{LoadKit.FreePort()}";
            var settings = new Dictionary<string, string?>
            {
                ["MedSummary:Api:DataFolder"] = dataFolder,
                ["MedSummary:Api:Queue:Capacity"] = capacity.ToString(CultureInfo.InvariantCulture),
                ["MedSummary:Api:Queue:Workers"] = workers.ToString(CultureInfo.InvariantCulture),
                // Refusals are counted by the benchmark; the service would log each one as a warning.
                ["Logging:LogLevel:Default"] = "Error",
                ["MedSummary:Api:OperatorKey"] = OperatorKey,
            };
            for (var i = 0; i < Math.Max(clients, Tenants); i++)
            {
                settings[$"MedSummary:Api:Keys:{i}:Name"] = $"client-{i}";
                settings[$"MedSummary:Api:Keys:{i}:Tenant"] = $"dept-{i % Tenants}";
                settings[$"MedSummary:Api:Keys:{i}:Key"] = Key(i);
            }

            var builder = MedSummaryApi.CreateBuilder([]);
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls(url);
            var app = MedSummaryApi.Build(builder);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return new LoopbackServer(app, url, dataFolder);
        }

        public string KeyOf(int client) => Key(client);

        public async Task<JsonObject> GetAsync(int keyIndex, string path, CancellationToken cancellationToken)
        {
            for (var attempt = 0; ; attempt++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Add("X-Api-Key", Key(keyIndex));
                using var response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 10)
                {
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {Trim(body)}");
                }

                return JsonNode.Parse(body)!.AsObject();
            }
        }

        /// <summary>How many dossiers the service lists over every tenant (up to 500 each).</summary>
        public async Task<int> DossierCountsAsync(CancellationToken cancellationToken)
        {
            var total = 0;
            for (var tenant = 0; tenant < Tenants; tenant++)
            {
                total += (await GetAsync(tenant, "/v1/dossiers?limit=500", cancellationToken).ConfigureAwait(false))["dossiers"]!.AsArray().Count;
            }

            return total;
        }

        public async Task<string> ModelsModeAsync(CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
            request.Headers.Add("X-Operator-Key", OperatorKey);
            using var response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var health = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))!;
            return $"{health["models"]?["mode"]} ({health["models"]?["description"]})";
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open: the temp folder is left for the OS to clean.
            }
        }

        private static string Key(int i) => $"bench-load-key-{i:D4}-0123456789abcdef";
    }
}
