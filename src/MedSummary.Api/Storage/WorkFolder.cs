using MedSummary.Api.Configuration;
using MedSummary.Api.Diagnostics;
using Microsoft.Extensions.Options;

namespace MedSummary.Api.Storage;

/// <summary>
/// The private folder (0700) under the data folder where the service's working files go: OCR's copy of a scanned
/// PDF while its pages are rendered. Nothing with patient data is written to the system's temporary folder, which
/// the hospital neither protects nor backs up like the data folder. Emptied at start (a crash or kill -9 leaves
/// what a job was holding) and after each job once no other job is running.
/// </summary>
public sealed class WorkFolder(IOptions<ApiOptions> options, ILogger<WorkFolder> logger) : IHostedService
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The folder's full path (<see cref="ApiOptions.WorkFolder"/>).</summary>
    public string Path { get; } = options.Value.WorkFolder;

    /// <summary>Creates the folder (private), sweeps what an earlier run left in it.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Prepare();
        var removed = Sweep();
        if (removed > 0)
        {
            ApiLog.WorkFolderSwept(logger, removed);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Sweep();
        return Task.CompletedTask;
    }

    /// <summary>Creates the folder when missing and makes it private when it is not.</summary>
    public void Prepare()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Path);
            return;
        }

        Directory.CreateDirectory(Path, Private);
        if (File.GetUnixFileMode(Path) != Private)
        {
            File.SetUnixFileMode(Path, Private);
        }
    }

    /// <summary>Removes everything inside the folder; returns how many entries went. Failures are logged, never thrown.</summary>
    public int Sweep()
    {
        if (!Directory.Exists(Path))
        {
            return 0;
        }

        var removed = 0;
        var failed = 0;
        string? reason = null;
        foreach (var entry in new DirectoryInfo(Path).EnumerateFileSystemInfos())
        {
            try
            {
                if (entry is DirectoryInfo folder)
                {
                    folder.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }

                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failed++;
                reason = StoreUnavailableException.ReasonFor(e);
            }
        }

        if (failed > 0)
        {
            ApiLog.WorkFolderSweepFailed(logger, failed, reason ?? "unknown");
        }

        return removed;
    }
}
