using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using MedSummary.Api.Tests.Infrastructure;
using MedSummary.Testing;
using MedSummary.Testing.Pdf;
using Shouldly;
using Xunit;

namespace MedSummary.Api.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class WorkFolderTests
{
    [Fact]
    public async Task OCR_works_in_the_data_folders_private_work_folder_which_is_empty_once_the_job_ends()
    {
        using var host = new ApiHost();
        using var client = host.Client();
        _ = host.Services;
        var work = Path.Combine(host.DataFolder, "work");
        Directory.Exists(work).ShouldBeTrue("created at start");
        File.GetUnixFileMode(work).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var created = new ConcurrentQueue<string>();
        using var watcher = new FileSystemWatcher(work) { IncludeSubdirectories = true, EnableRaisingEvents = true };
        watcher.Created += (_, e) => created.Enqueue(Path.GetRelativePath(work, e.FullPath));

        var scan = TestScans.Scan(TestDossiers.Pathology(90));
        var id = (await client.UploadAsync([("scan.pdf", scan)]))["id"]!.GetValue<string>();
        (await client.WaitFinishedAsync(id))["status"]!.GetValue<string>().ShouldBe("completed");

        created.ShouldContain(e => e.StartsWith("medsummary-ocr-", StringComparison.Ordinal), "OCR copied the scan into the work folder, not the system's temporary one");
        Directory.EnumerateFileSystemEntries(work).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_upload_in_flight_is_held_in_memory_never_in_a_temporary_file()
    {
        using var host = new ApiHost();
        var server = host.StartKestrel();
        using var client = ApiHost.LoopbackClient(server, IPAddress.Loopback, ApiHost.OncologyKey);
        var release = new TaskCompletionSource();
        var halfway = new TaskCompletionSource();
        var pdf = TestDossiers.Pathology(91);
        var padding = new byte[2 * 1024 * 1024];
        Array.Fill(padding, (byte)' ');
        byte[] file = [.. pdf, .. padding];

        using var content = new PausingContent(file, halfway, release.Task).WithType();
        var upload = client.PostAsync("/v1/dossiers", content);
        await halfway.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(200);

        // The service has read a megabyte of the part: the framework's form reader would have spilled it to
        // ASPNETCORE_*.tmp. (Other tests' hosts run in this process too: their databases are open under /tmp.)
        OpenFilesUnder(Path.GetTempPath()).Where(f => Path.GetFileName(f).StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ShouldBeEmpty();
        OpenFilesUnder(host.DataFolder).Where(f => !f.Contains("medsummary.db", StringComparison.Ordinal) && !f.Contains("chunks.db", StringComparison.Ordinal)).ShouldBeEmpty();

        release.SetResult();
        using var response = await upload;
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task What_a_killed_service_left_in_the_work_folder_is_swept_at_the_next_start_and_its_dossier_resumed()
    {
        using var folder = new TempDirectory("medsummary-killed");
        var work = Path.Combine(folder.Path, "work");
        var scan = TestScans.Scan(TestDossiers.Pathology(92));
        string id;
        using (var service = ServiceProcess.Start(folder.Path))
        {
            using var client = service.Client();
            await service.WaitReadyAsync();
            id = (await client.UploadAsync([("scan.pdf", scan)]))["id"]!.GetValue<string>();

            // kill -9 while OCR holds its copy of the scan in the work folder.
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (!Directory.Exists(work) || !Directory.EnumerateFiles(work, "*", SearchOption.AllDirectories).Any())
            {
                DateTime.UtcNow.ShouldBeLessThan(deadline, "OCR never wrote its copy");
                await Task.Delay(5);
            }

            service.Kill();
        }

        Directory.EnumerateFiles(work, "*", SearchOption.AllDirectories).ShouldNotBeEmpty("the kill left the scan's copy behind");

        using var again = new ApiHost(dataFolder: folder.Path);
        using var after = again.Client();
        _ = again.Services;
        Directory.EnumerateFileSystemEntries(work).ShouldBeEmpty();
        (await after.WaitFinishedAsync(id))["status"]!.GetValue<string>().ShouldBe("completed");
        Directory.EnumerateFileSystemEntries(work).ShouldBeEmpty();
    }

    /// <summary>Files this process holds open under <paramref name="folder"/> (from /proc/self/fd).</summary>
    private static List<string> OpenFilesUnder(string folder)
    {
        var root = Path.GetFullPath(folder);
        var open = new List<string>();
        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith(root, StringComparison.Ordinal))
                {
                    open.Add(target);
                }
            }
            catch (IOException)
            {
                // The descriptor closed while listed.
            }
        }

        return open;
    }

    /// <summary>A multipart body that stops after its first megabyte until released.</summary>
    private sealed class PausingContent(byte[] file, TaskCompletionSource halfway, Task release) : HttpContent
    {
        private const string Boundary = "pause-boundary";

        public PausingContent WithType()
        {
            Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
            return this;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(
                $"--{Boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"));
            const int first = 1024 * 1024;
            await stream.WriteAsync(file.AsMemory(0, first));
            await stream.FlushAsync();
            halfway.TrySetResult();
            await release;
            await stream.WriteAsync(file.AsMemory(first));
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n"));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

/// <summary>The real service as a child process (dotnet MedSummary.Api.dll) on a data folder, to be killed with SIGKILL.</summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;

    private ServiceProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public static ServiceProcess Start(string dataFolder)
    {
        var port = ApiHost.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataFolder,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MedSummary.Api.dll"));
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["MedSummary:Api:DataFolder"] = dataFolder,
            ["MedSummary:Api:Keys:0:Tenant"] = ApiHost.Oncology,
            ["MedSummary:Api:Keys:0:Key"] = ApiHost.OncologyKey,
        })
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServiceProcess(process, new Uri($"http://127.0.0.1:{port}"));
    }

    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = Url };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiHost.OncologyKey);
        return client;
    }

    public async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Url };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            _process.HasExited.ShouldBeFalse("the service exited at start");
            try
            {
                if ((await http.GetAsync("/health/live")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
