using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using MedSummary.Api;
using MedSummary.Samples;
using MedSummary.Testing.Pdf;

using static MedSummary.Bench.BenchArgs;

namespace MedSummary.Bench;

/// <summary>
/// The service killed with SIGKILL mid-job and restarted, as a real process on loopback (this program started
/// again in "--serve" mode on a temporary data folder). N dossiers (default 10), each a small generated dossier with
/// a scanned page (so OCR holds a copy of the scan in the work folder) and a unique line, are uploaded; then R rounds
/// (default 3): wait until a dossier is processing, kill -9 the service a moment later, count what the kill left in
/// the work folder, restart it on the same folder. Then every dossier is waited for. Prints lost dossiers (accepted
/// but unknown after the restarts), duplicates (a dossier listed twice, or processed more than once by its audit
/// trail), and leftover temporary files once all is done: in the work folder, OCR copies in the system's temporary
/// folder named after the service's processes, and ASPNETCORE_*.tmp files new in the system's temporary folder.
/// Args: [--dossiers N] (10) [--rounds N] (3) [--timeout-seconds N] (900). Exit 0 when all three counts are 0.
/// </summary>
public sealed class KillLoopBenchmark : IBenchmark
{
    private const string Key = "killloop-bench-key-0123456789abcdef";
    private const string Tenant = "bench";

    public string Name => "killloop";

    public string Description => "kill -9 the REST API mid-job and restart it, N rounds: lost, duplicates and leftover temporary files (all 0)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Contains("--serve"))
        {
            return await ServeAsync(args, cancellationToken).ConfigureAwait(false);
        }

        var count = IntArg(args, "--dossiers", 10);
        var rounds = IntArg(args, "--rounds", 3);
        var timeout = TimeSpan.FromSeconds(IntArg(args, "--timeout-seconds", 900));
        var dataFolder = Path.Combine(Path.GetTempPath(), "medsummary-bench-killloop-" + Guid.NewGuid().ToString("N"));
        var work = Path.Combine(dataFolder, "work");
        var temp = Path.GetTempPath();
        var aspnetBefore = Directory.GetFiles(temp, "ASPNETCORE_*.tmp").ToHashSet(StringComparer.Ordinal);
        var pids = new List<int>();
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"killloop benchmark: {count} dossiers, {rounds} rounds of kill -9 mid-job, data folder {dataFolder}, "
            + $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");

        var service = await Service.StartAsync(dataFolder, cancellationToken).ConfigureAwait(false);
        pids.Add(service.Pid);
        try
        {
            var accepted = new List<string>();
            for (var i = 0; i < count; i++)
            {
                accepted.Add(await service.UploadAsync(Dossier(i), cancellationToken).ConfigureAwait(false));
            }

            Console.WriteLine($"uploaded {accepted.Count} dossiers ({accepted.Distinct().Count()} distinct ids) in {clock.Elapsed.TotalSeconds:0.0} s");
            var random = new Random(7);
            for (var round = 1; round <= rounds; round++)
            {
                var processing = await service.WaitProcessingAsync(timeout, cancellationToken).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(300, 2500)), cancellationToken).ConfigureAwait(false);
                service.Kill();
                var leftAtKill = Files(work).Count;
                Console.WriteLine($"round {round}: killed pid {service.Pid} with {processing} dossier(s) processing; work folder held {leftAtKill} file(s)");
                service.Dispose();
                service = await Service.StartAsync(dataFolder, cancellationToken).ConfigureAwait(false);
                pids.Add(service.Pid);
                Console.WriteLine($"round {round}: restarted as pid {service.Pid}; work folder holds {Files(work).Count} file(s) after start");
            }

            var statuses = await service.WaitAllFinishedAsync(accepted, timeout, cancellationToken).ConfigureAwait(false);
            var listed = await service.ListAsync(cancellationToken).ConfigureAwait(false);
            var lost = accepted.Distinct().Count(id => !listed.Contains(id));
            var processedTwice = 0;
            foreach (var id in accepted.Distinct())
            {
                var audit = await service.GetAsync($"/v1/dossiers/{id}/audit", cancellationToken).ConfigureAwait(false);
                processedTwice += audit["entries"]!.AsArray().Count(e => e!["action"]!.GetValue<string>() == "processed") > 1 ? 1 : 0;
            }

            var duplicates = (listed.Count - listed.Distinct().Count()) + processedTwice + Math.Max(0, listed.Count - accepted.Distinct().Count());
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            var leftWork = Files(work);
            var leftOcr = pids.SelectMany(pid => Directory.GetDirectories(temp, $"medsummary-ocr-{pid}-*")).ToList();
            var leftAspNet = Directory.GetFiles(temp, "ASPNETCORE_*.tmp").Where(f => !aspnetBefore.Contains(f)).ToList();
            var leftover = leftWork.Count + leftOcr.Count + leftAspNet.Count;

            Console.WriteLine();
            Console.WriteLine($"outcomes: {string.Join(", ", statuses.GroupBy(s => s.Value).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))}; "
                + $"attempts per dossier: {string.Join(" ", statuses.Keys.Select(id => service.Attempts.GetValueOrDefault(id)))}");
            Console.WriteLine($"lost: {lost}");
            Console.WriteLine($"duplicates: {duplicates}");
            Console.WriteLine($"leftover temp files: {leftover} (work folder {leftWork.Count}, system temp OCR folders {leftOcr.Count}, new ASPNETCORE_*.tmp {leftAspNet.Count})");
            Console.WriteLine($"total {clock.Elapsed.TotalSeconds:0.0} s");
            return lost == 0 && duplicates == 0 && leftover == 0 ? 0 : 1;
        }
        finally
        {
            service.Dispose();
            try
            {
                Directory.Delete(dataFolder, recursive: true);
            }
            catch (IOException)
            {
                Console.Error.WriteLine($"killloop: could not remove {dataFolder}");
            }
        }
    }

    private static async Task<int> ServeAsync(string[] args, CancellationToken cancellationToken)
    {
        var data = StringArg(args, "--data") ?? throw new ArgumentException("--serve needs --data");
        var url = StringArg(args, "--url") ?? throw new ArgumentException("--serve needs --url");
        await MedSummaryApi.RunAsync(
            [
                $"--urls={url}",
                $"--MedSummary:Api:DataFolder={data}",
                $"--MedSummary:Api:Keys:0:Tenant={Tenant}",
                $"--MedSummary:Api:Keys:0:Key={Key}",
                "--Logging:LogLevel:Default=Warning",
            ],
            null,
            cancellationToken).ConfigureAwait(false);
        return 0;
    }

    /// <summary>A small generated dossier, one scanned page and a line that makes it distinct.</summary>
    private static List<(string Name, byte[] Content)> Dossier(int i)
    {
        var generated = SampleDossierGenerator.Generate(new SampleSpec
        {
            Name = $"killloop-{i}",
            Cancer = i % 2 == 0 ? CancerType.Breast : CancerType.Lung,
            Language = i % 3 == 0 ? DossierLanguage.English : DossierLanguage.French,
            Seed = 100 + i,
            Size = DossierSize.Small,
        });
        var letter = new TestPdf().Page(p => p.Lines(72, 760,
        [
            "COURRIER DE CONSULTATION",
            $"Dossier de banc d'essai numero {i}.",
            "Carcinome canalaire infiltrant du sein gauche, grade SBR II.",
            "Recepteurs aux oestrogenes : 90 % positifs.",
        ])).Build();
        List<(string, byte[])> files = [.. generated.Files.Select(f => (f.FileName, f.Content))];
        files.Add(("scan.pdf", TestScans.Scan(letter)));
        files.Add(("run.txt", Encoding.UTF8.GetBytes($"killloop {Guid.NewGuid():N} dossier {i}\n")));
        return files;
    }

    private static List<string> Files(string folder) =>
        Directory.Exists(folder) ? [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)] : [];

    /// <summary>The service as a child process of this program, and a client for it.</summary>
    private sealed class Service : IDisposable
    {
        private readonly Process _process;
        private readonly HttpClient _http;

        private Service(Process process, Uri url)
        {
            _process = process;
            _http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(5) };
            _http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        }

        public int Pid => _process.Id;

        public Dictionary<string, int> Attempts { get; } = new(StringComparer.Ordinal);

        public static async Task<Service> StartAsync(string dataFolder, CancellationToken cancellationToken)
        {
            var url = new Uri($"http://127.0.0.1:{FreePort()}");
            var self = Environment.ProcessPath!;
            var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                start.ArgumentList.Add(typeof(KillLoopBenchmark).Assembly.Location);
            }

            foreach (var arg in new[] { "killloop", "--serve", "--data", dataFolder, "--url", url.ToString().TrimEnd('/') })
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is { Length: > 0 } line)
                {
                    Console.Error.WriteLine($"  [service {process.Id}] {line}");
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var service = new Service(process, url);
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"the service exited at start with code {process.ExitCode}");
                }

                try
                {
                    using var live = await service._http.GetAsync("/health/live", cancellationToken).ConfigureAwait(false);
                    if (live.IsSuccessStatusCode)
                    {
                        return service;
                    }
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline)
                {
                }

                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }

        public async Task<string> UploadAsync(List<(string Name, byte[] Content)> files, CancellationToken cancellationToken)
        {
            using var form = new MultipartFormDataContent();
            foreach (var (name, content) in files)
            {
                var part = new ByteArrayContent(content);
                part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                form.Add(part, "files", name);
            }

            using var response = await _http.PostAsync("/v1/dossiers", form, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"upload: {(int)response.StatusCode} {body}");
            }

            return JsonNode.Parse(body)!["id"]!.GetValue<string>();
        }

        public async Task<JsonObject> GetAsync(string path, CancellationToken cancellationToken)
        {
            using var response = await _http.GetAsync(path, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? JsonNode.Parse(body)!.AsObject()
                : throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {body}");
        }

        public async Task<List<string>> ListAsync(CancellationToken cancellationToken) =>
            [.. (await GetAsync("/v1/dossiers?limit=500", cancellationToken).ConfigureAwait(false))["dossiers"]!.AsArray().Select(d => d!["id"]!.GetValue<string>())];

        /// <summary>Waits until a dossier is processing; returns how many are.</summary>
        public async Task<int> WaitProcessingAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                var processing = (await GetAsync("/v1/dossiers?status=processing", cancellationToken).ConfigureAwait(false))["dossiers"]!.AsArray().Count;
                if (processing > 0)
                {
                    return processing;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException("no dossier started processing");
                }

                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }

        public async Task<Dictionary<string, string>> WaitAllFinishedAsync(IEnumerable<string> ids, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow + timeout;
            var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var id in ids.Distinct())
            {
                while (true)
                {
                    var status = await GetAsync($"/v1/dossiers/{id}", cancellationToken).ConfigureAwait(false);
                    var value = status["status"]!.GetValue<string>();
                    if (value is "completed" or "failed")
                    {
                        statuses[id] = value;
                        Attempts[id] = status["attempts"]?.GetValue<int>() ?? 0;
                        break;
                    }

                    if (DateTime.UtcNow > deadline)
                    {
                        throw new TimeoutException($"dossier {id} still {value}");
                    }

                    await Task.Delay(200, cancellationToken).ConfigureAwait(false);
                }
            }

            return statuses;
        }

        /// <summary>SIGKILL: no shutdown code runs in the service.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: false);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            _http.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
