using MedSummary.Ingestion.Processes;

namespace MedSummary.Ingestion.Pdf.Isolation;

/// <summary>How to start the PDF worker, or why it cannot be started.</summary>
internal sealed record PdfWorkerCommand(ToolCommand? Command, string? Problem)
{
    public const string AssemblyName = "MedSummary.Ingestion.PdfWorker";

    /// <summary>
    /// The worker's command: a configured path, else the worker built beside the application. A .dll runs through the
    /// dotnet host that runs this process when there is one (tests, `dotnet run`), else through its native launcher
    /// beside it, else through `dotnet` on the PATH.
    /// </summary>
    public static PdfWorkerCommand Resolve(string? configuredPath)
    {
        var path = string.IsNullOrWhiteSpace(configuredPath)
            ? Path.Combine(AppContext.BaseDirectory, AssemblyName + ".dll")
            : Path.GetFullPath(configuredPath);
        if (!File.Exists(path))
        {
            return new PdfWorkerCommand(null,
                $"the PDF worker was not found at {path} (reference the MedSummary.Ingestion project so that it is built "
                + "beside the application, set WorkerPath, or set Isolation:Enabled=false to parse PDFs in process)");
        }

        if (!path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return new PdfWorkerCommand(new ToolCommand(path, []), null);
        }

        var host = Environment.ProcessPath;
        if (host is not null && Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return new PdfWorkerCommand(new ToolCommand(host, ["exec", path]), null);
        }

        var launcher = Path.ChangeExtension(path, OperatingSystem.IsWindows() ? ".exe" : null);
        if (launcher is not null && File.Exists(launcher))
        {
            return new PdfWorkerCommand(new ToolCommand(launcher, []), null);
        }

        return new PdfWorkerCommand(new ToolCommand("dotnet", ["exec", path]), null);
    }
}
