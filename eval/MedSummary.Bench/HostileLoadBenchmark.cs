using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using MedSummary.Api;
using MedSummary.Testing.Pdf;

using static MedSummary.Bench.BenchArgs;

namespace MedSummary.Bench;

/// <summary>
/// The REST API attacked while it serves: the service runs as its own process on loopback (so that a crash is seen as
/// one, and its memory is its own), 20 clients over 4 tenants. One tenant is well behaved: its clients read the form of
/// a finished dossier over and over and each uploads the smallest sample dossier every 30 s. The three others upload hostile PDFs
/// (reference cycles, deep recursion in page trees and content streams, inflation bombs, huge page counts, blank-page
/// floods, a huge declared image), each beside a unique text note so that every upload is a new dossier. A crashed
/// service is counted and restarted on the same data folder. After the window every accepted dossier is waited for.
/// Prints crashes, lost dossiers, answers without a ProblemDetails body, peak memory (RSS) of the service and of its
/// PDF workers, and the p50/p95 latency of GET form for the well-behaved tenant.
/// Args: [--seconds N] (default 120) [--clients N] (20) [--capacity N] (queue, 16) [--drain-seconds N] (600)
/// [--samples DIR]. Exit 0 when nothing crashed, nothing was lost and every error was a problem, 1 otherwise.
/// </summary>
public sealed class HostileLoadBenchmark : IBenchmark
{
    private const int Tenants = 4;
    private const string ServeFlag = "--serve-child";

    /// <summary>How often each well-behaved client uploads the smallest sample dossier between its reads of the form.</summary>
    private static readonly TimeSpan UploadEvery = TimeSpan.FromSeconds(30);

    public string Name => "load-hostile";

    public string Description => "20 clients on loopback with hostile PDFs mixed in: crashes, lost dossiers, peak RSS of the API and its workers, p95 GET form";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length > 0 && args[0] == ServeFlag)
        {
            return await ServeAsync(args[1..], cancellationToken);
        }

        var seconds = IntArg(args, "--seconds", 120);
        var clients = Math.Max(IntArg(args, "--clients", 20), Tenants);
        var capacity = IntArg(args, "--capacity", 16);
        var drainSeconds = IntArg(args, "--drain-seconds", 600);
        var samplesFolder = StringArg(args, "--samples") ?? LoadKit.FindSamples();
        if (samplesFolder is null || !Directory.Exists(samplesFolder))
        {
            Console.Error.WriteLine("load-hostile: no samples folder found; pass --samples DIR (one sub-folder per dossier)");
            return 2;
        }

        var samples = LoadKit.LoadSamples(samplesFolder);
        var smallest = samples.MinBy(s => s.Files.Sum(f => f.Content.Length))!;
        var hostile = HostileCorpus();
        Console.WriteLine($"load-hostile benchmark: {clients} clients over {Tenants} tenants ({(clients + Tenants - 1) / Tenants} well behaved), {seconds} s, "
            + $"queue capacity {capacity}, {hostile.Count} hostile PDFs ({string.Join(", ", hostile.Select(h => $"{h.Name} {h.Content.Length / 1024} KiB"))}), "
            + $"{Environment.ProcessorCount} cores");

        var dataFolder = Path.Combine(Path.GetTempPath(), "medsummary-bench-hostile-" + Guid.NewGuid().ToString("N"));
        await using var service = new ServiceProcess(dataFolder, clients, capacity);
        await service.StartAsync(cancellationToken);
        var run = new Run();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(service.Url), Timeout = TimeSpan.FromMinutes(5) };
        var formUrl = await BystanderAsync(http, smallest, cancellationToken);
        Console.WriteLine($"service pid {service.Pid} on {service.Url}; the well-behaved tenant's finished dossier: {formUrl}");

        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var monitor = Task.Run(() => MonitorAsync(service, run, window.Token), CancellationToken.None);
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, clients).Select(client => Task.Run(
            () => client % Tenants == 0
                ? WellBehavedAsync(http, client, formUrl, smallest, run, clock, TimeSpan.FromSeconds(seconds), cancellationToken)
                : HostileAsync(http, client, hostile, run, clock, TimeSpan.FromSeconds(seconds), cancellationToken),
            CancellationToken.None)).ToList();
        await Task.WhenAll(tasks);
        var windowTime = clock.Elapsed;

        var finished = await DrainAsync(http, run, TimeSpan.FromSeconds(drainSeconds), cancellationToken);
        await window.CancelAsync();
        await monitor;
        run.SampleMemory(service);
        return Report(run, finished, windowTime) ? 0 : 1;
    }

    /// <summary>The child: the service itself, until its standard input closes.</summary>
    private static async Task<int> ServeAsync(string[] configuration, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _ = Task.Run(async () =>
        {
            await Console.In.ReadToEndAsync(CancellationToken.None).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
        }, CancellationToken.None);
        await MedSummaryApi.RunAsync(configuration, null, stop.Token);
        return 0;
    }

    private static List<(string Name, byte[] Content)> HostileCorpus() =>
    [
        ("reference-cycle.pdf", HostilePdfs.ReferenceCycle()),
        ("recursive-forms.pdf", HostilePdfs.MutuallyRecursiveForms()),
        ("deep-page-tree.pdf", HostilePdfs.DeepPageTree()),
        ("deep-form-chain.pdf", HostilePdfs.DeepFormChain()),
        ("deep-content-nesting.pdf", HostilePdfs.DeepContentNesting()),
        ("page-tree-loop.pdf", HostilePdfs.PageTreeLoop()),
        ("flate-bomb.pdf", HostilePdfs.FlateBomb(1024)),
        ("graphics-state-bomb.pdf", HostilePdfs.GraphicsStateBomb()),
        ("huge-page-count.pdf", HostilePdfs.HugePageCount()),
        ("blank-pages.pdf", HostilePdfs.BlankPages()),
        ("huge-image.pdf", HostilePdfs.HugeImage()),
    ];

    /// <summary>The well-behaved tenant's first dossier, processed to the end: the form its clients then read.</summary>
    private static async Task<string> BystanderAsync(HttpClient http, LoadSample sample, CancellationToken cancellationToken)
    {
        using var request = Post(Key(0), LoadKit.Multipart(sample, "bystander"));
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"the first upload got {(int)response.StatusCode}: {body}");
        }

        var id = JsonNode.Parse(body)!["id"]!.GetValue<string>();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(10))
        {
            var status = await GetAsync(http, Key(0), $"/v1/dossiers/{id}", cancellationToken);
            if (status?["status"]?.GetValue<string>() is "completed")
            {
                return $"/v1/dossiers/{id}/form";
            }

            if (status?["status"]?.GetValue<string>() is "failed")
            {
                throw new InvalidOperationException($"the well-behaved tenant's dossier failed: {status.ToJsonString()}");
            }

            await Task.Delay(500, cancellationToken);
        }

        throw new TimeoutException("the well-behaved tenant's dossier did not finish in 10 minutes");
    }

    private static async Task WellBehavedAsync(
        HttpClient http, int client, string formUrl, LoadSample sample, Run run, Stopwatch clock, TimeSpan window, CancellationToken cancellationToken)
    {
        var nextUpload = UploadEvery * (client / Tenants) / Tenants;
        for (var sequence = 0; clock.Elapsed < window; sequence++)
        {
            try
            {
                if (clock.Elapsed >= nextUpload)
                {
                    nextUpload += UploadEvery;
                    using var content = LoadKit.Multipart(sample, $"ward client {client}, upload {sequence}");
                    await UploadAsync(http, client, content, "sample", run, clock, window, cancellationToken);
                    continue;
                }

                using var request = new HttpRequestMessage(HttpMethod.Get, formUrl);
                request.Headers.Add("X-Api-Key", Key(client));
                var sent = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request, cancellationToken);
                _ = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                run.FormLatencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    run.FormFailures.Add((int)response.StatusCode);
                }
            }
            catch (HttpRequestException)
            {
                // The service is down (a crash the monitor counts and restarts): this read failed.
                run.FormFailures.Add(0);
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    private static async Task HostileAsync(
        HttpClient http, int client, IReadOnlyList<(string Name, byte[] Content)> hostile, Run run, Stopwatch clock, TimeSpan window, CancellationToken cancellationToken)
    {
        for (var sequence = 0; clock.Elapsed < window; sequence++)
        {
            var (name, bytes) = hostile[(client + sequence) % hostile.Count];
            using var form = LoadKit.Multipart(new LoadSample(name, [(name, bytes)]), $"client {client}, upload {sequence}");
            try
            {
                await UploadAsync(http, client, form, name, run, clock, window, cancellationToken);
            }
            catch (HttpRequestException)
            {
                run.ConnectionErrors.Add(name);
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    private static async Task UploadAsync(
        HttpClient http, int client, MultipartFormDataContent content, string what, Run run, Stopwatch clock, TimeSpan window, CancellationToken cancellationToken)
    {
        using var request = Post(Key(client), content);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var status = (int)response.StatusCode;
        if (status == 202)
        {
            run.Accepted.Add(new Accepted(client, JsonNode.Parse(body)!["id"]!.GetValue<string>(), what));
            return;
        }

        if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            run.WithoutProblem.Add($"{what}: {status}");
        }

        var code = status >= 400 ? JsonNode.Parse(body)?["code"]?.GetValue<string>() ?? "?" : "duplicate";
        run.Refused.Add($"{what} -> {status} {code}");
        if (status == 429 && response.Headers.RetryAfter?.Delta is { } wait)
        {
            var left = window - clock.Elapsed;
            await Task.Delay(wait < left ? wait : left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken);
        }
    }

    /// <summary>Every quarter second: the service's memory and its workers'; a service that died is counted and restarted.</summary>
    private static async Task MonitorAsync(ServiceProcess service, Run run, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (service.HasExited)
            {
                run.Crashes.Add(service.ExitCode);
                run.SampleMemory(service);
                await service.StartAsync(CancellationToken.None);
            }

            run.SampleMemory(service);
            try
            {
                await Task.Delay(250, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Waits until every accepted dossier is completed or failed (or the time is up), then reads each status once.</summary>
    private static async Task<List<(Accepted Upload, JsonObject? Status)>> DrainAsync(HttpClient http, Run run, TimeSpan limit, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var pending = run.Accepted.ToList();
        var done = new List<(Accepted, JsonObject?)>();
        while (pending.Count > 0 && clock.Elapsed < limit)
        {
            var still = new List<Accepted>();
            foreach (var upload in pending)
            {
                var status = await GetAsync(http, Key(upload.Client), $"/v1/dossiers/{upload.Id}", cancellationToken);
                if (status?["status"]?.GetValue<string>() is "completed" or "failed")
                {
                    done.Add((upload, status));
                }
                else
                {
                    still.Add(upload);
                }
            }

            pending = still;
            if (pending.Count > 0)
            {
                await Task.Delay(1000, cancellationToken);
            }
        }

        foreach (var upload in pending)
        {
            done.Add((upload, await GetAsync(http, Key(upload.Client), $"/v1/dossiers/{upload.Id}", cancellationToken)));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"drained {run.Accepted.Count - pending.Count}/{run.Accepted.Count} accepted dossiers in {clock.Elapsed.TotalSeconds:F0} s after the window"));
        return done;
    }

    private static bool Report(Run run, List<(Accepted Upload, JsonObject? Status)> finished, TimeSpan window)
    {
        var inv = CultureInfo.InvariantCulture;
        var lost = finished.Count(f => f.Status?["status"]?.GetValue<string>() is not ("completed" or "failed"));
        var formLatencies = run.FormLatencies.ToList();
        Console.WriteLine(string.Create(inv, $"window {window.TotalSeconds:F0} s: {run.Accepted.Count} uploads accepted (202), {run.Refused.Count} answered otherwise, "
            + $"{run.ConnectionErrors.Count} uploads without an answer (service down)"));
        foreach (var group in run.Refused.GroupBy(r => r).OrderByDescending(g => g.Count()).Take(20))
        {
            Console.WriteLine($"  {group.Count(),5} x {group.Key}");
        }

        Console.WriteLine("hostile files accepted, then read by their job (file: code of its document):");
        foreach (var group in finished
            .Where(f => f.Upload.What != "sample")
            .Select(f => $"{f.Upload.What}: {HostileCode(f.Status, f.Upload.What)}")
            .GroupBy(s => s).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {group.Count(),5} x {group.Key}");
        }

        var samplesDone = finished.Where(f => f.Upload.What == "sample").ToList();
        Console.WriteLine($"well-behaved uploads: {samplesDone.Count} accepted, {samplesDone.Count(f => f.Status?["status"]?.GetValue<string>() == "completed")} completed");
        Console.WriteLine(string.Create(inv, $"GET form, well-behaved tenant: {formLatencies.Count} reads, {run.FormFailures.Count} not 200, "
            + $"p50 {LoadKit.Percentile(formLatencies, 50):F1} ms, p95 {LoadKit.Percentile(formLatencies, 95):F1} ms, max {formLatencies.DefaultIfEmpty(0).Max():F0} ms"));
        Console.WriteLine(string.Create(inv, $"peak RSS: service {run.ServicePeakKiB / 1024.0:F0} MiB (kernel high-water mark); one PDF worker {run.WorkerPeakKiB / 1024.0:F0} MiB, "
            + $"all workers together {run.WorkersTogetherPeakKiB / 1024.0:F0} MiB (sampled every 250 ms; {run.WorkersSeen.Count} workers seen)"));
        Console.WriteLine($"crashes: {run.Crashes.Count}{(run.Crashes.IsEmpty ? "" : " (exit codes " + string.Join(", ", run.Crashes) + ")")}");
        Console.WriteLine($"lost dossiers: {lost} of {finished.Count} accepted (not completed or failed after the drain)");
        Console.WriteLine($"error answers without a ProblemDetails body: {run.WithoutProblem.Count}");
        return run.Crashes.IsEmpty && lost == 0 && run.WithoutProblem.IsEmpty;
    }

    /// <summary>The hostile file's own outcome in its dossier: its error code, or "read".</summary>
    private static string HostileCode(JsonObject? status, string fileName)
    {
        var document = status?["documents"]?.AsArray().FirstOrDefault(d => d?["fileName"]?.GetValue<string>() == fileName);
        return document is null ? $"no status ({status?["status"]})" : document["error"]?["code"]?.GetValue<string>() ?? document["status"]?.GetValue<string>() ?? "?";
    }

    private static HttpRequestMessage Post(string key, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/dossiers") { Content = content };
        request.Headers.Add("X-Api-Key", key);
        return request;
    }

    private static async Task<JsonObject?> GetAsync(HttpClient http, string key, string path, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Add("X-Api-Key", key);
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
                }

                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return null;
                }
            }
            catch (HttpRequestException)
            {
                // Down for a moment (restarting): try again.
            }

            await Task.Delay(500, cancellationToken);
        }

        return null;
    }

    private static string Key(int client) => $"bench-hostile-key-{client:D4}-0123456789abcdef";

    private sealed record Accepted(int Client, string Id, string What);

    /// <summary>What the clients and the monitor saw.</summary>
    private sealed class Run
    {
        private readonly Lock _memory = new();

        public ConcurrentBag<Accepted> Accepted { get; } = [];

        public ConcurrentBag<string> Refused { get; } = [];

        public ConcurrentBag<string> ConnectionErrors { get; } = [];

        public ConcurrentBag<string> WithoutProblem { get; } = [];

        public ConcurrentBag<double> FormLatencies { get; } = [];

        public ConcurrentBag<int> FormFailures { get; } = [];

        public ConcurrentBag<int> Crashes { get; } = [];

        public HashSet<int> WorkersSeen { get; } = [];

        public long ServicePeakKiB { get; private set; }

        public long WorkerPeakKiB { get; private set; }

        public long WorkersTogetherPeakKiB { get; private set; }

        public void SampleMemory(ServiceProcess service)
        {
            var pid = service.Pid;
            var servicePeak = Proc.Status(pid, "VmHWM:");
            var workers = Proc.Children(pid).Where(c => Proc.CommandLine(c).Contains("PdfWorker", StringComparison.Ordinal)).ToList();
            var rss = workers.Select(w => (w, Peak: Proc.Status(w, "VmHWM:"), Now: Proc.Status(w, "VmRSS:"))).ToList();
            lock (_memory)
            {
                ServicePeakKiB = Math.Max(ServicePeakKiB, servicePeak);
                foreach (var (w, peak, _) in rss)
                {
                    WorkersSeen.Add(w);
                    WorkerPeakKiB = Math.Max(WorkerPeakKiB, peak);
                }

                WorkersTogetherPeakKiB = Math.Max(WorkersTogetherPeakKiB, rss.Sum(r => r.Now));
            }
        }
    }

    /// <summary>Reads /proc (Linux): memory figures in KiB, child processes, command lines. Missing processes read as 0 or empty.</summary>
    private static class Proc
    {
        public static long Status(int pid, string field)
        {
            try
            {
                var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
                return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                return 0;
            }
            catch (UnauthorizedAccessException)
            {
                return 0;
            }
        }

        public static IEnumerable<int> Children(int parent)
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid))
                {
                    continue;
                }

                string stat;
                try
                {
                    stat = File.ReadAllText(Path.Combine(dir, "stat"));
                }
                catch (IOException)
                {
                    continue;
                }

                // "pid (name) state ppid ...": the name may hold spaces, so fields are counted after its closing parenthesis.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields.Length > 1 && int.TryParse(fields[1], CultureInfo.InvariantCulture, out var ppid) && ppid == parent)
                {
                    yield return pid;
                }
            }
        }

        public static string CommandLine(int pid)
        {
            try
            {
                return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            }
            catch (IOException)
            {
                return string.Empty;
            }
        }
    }

    /// <summary>The service as a child process: this benchmark run again in its serving mode, with the configuration on its command line.</summary>
    private sealed class ServiceProcess(string dataFolder, int clients, int capacity) : IAsyncDisposable
    {
        private Process? _process;

        public string Url { get; } = $"http://127.0.0.1:{LoadKit.FreePort()}";

        public int Pid => _process?.Id ?? 0;

        public bool HasExited => _process is { HasExited: true };

        public int ExitCode => _process?.ExitCode ?? 0;

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            _process?.Dispose();
            var host = Environment.ProcessPath!;
            var info = new ProcessStartInfo(host) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            {
                info.ArgumentList.Add("exec");
                info.ArgumentList.Add(typeof(HostileLoadBenchmark).Assembly.Location);
            }

            info.ArgumentList.Add("load-hostile");
            info.ArgumentList.Add(ServeFlag);
            foreach (var setting in Settings())
            {
                info.ArgumentList.Add(setting);
            }

            _process = Process.Start(info)!;
            _process.OutputDataReceived += (_, _) => { };
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();

            using var http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(5) };
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromMinutes(3))
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"the service exited at start with code {_process.ExitCode}");
                }

                try
                {
                    using var response = await http.GetAsync("/health", cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Slow to answer while starting.
                }

                await Task.Delay(250, cancellationToken);
            }

            throw new TimeoutException("the service did not answer /health within 3 minutes");
        }

        private IEnumerable<string> Settings()
        {
            yield return $"--urls={Url}";
            yield return $"--MedSummary:Api:DataFolder={dataFolder}";
            yield return $"--MedSummary:Api:Queue:Capacity={capacity}";
            yield return "--MedSummary:Api:RateLimit:PermitsPerSecond=10000";
            yield return "--MedSummary:Api:RateLimit:Burst=10000";
            yield return "--Logging:LogLevel:Default=Error";
            for (var i = 0; i < clients; i++)
            {
                yield return $"--MedSummary:Api:Keys:{i}:Name=client-{i}";
                yield return $"--MedSummary:Api:Keys:{i}:Tenant=dept-{i % Tenants}";
                yield return $"--MedSummary:Api:Keys:{i}:Key={Key(i)}";
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_process is { } process)
            {
                _process = null;
                if (!process.HasExited)
                {
                    // Closing its input is the child's signal to stop cleanly.
                    process.StandardInput.Close();
                    using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                    try
                    {
                        await process.WaitForExitAsync(wait.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        process.Kill(entireProcessTree: true);
                    }
                }

                process.Dispose();
            }

            try
            {
                Directory.Delete(dataFolder, recursive: true);
            }
            catch (IOException)
            {
                // Never created, or a file still held open: the temp folder is left for the OS to clean.
            }
        }
    }
}
