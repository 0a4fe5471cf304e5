using System.Diagnostics;
using MedSummary.Testing;

namespace MedSummary.Cli.Tests;

/// <summary>
/// Runs the built `medsummary` as a separate process, as a user would: from its own empty working folder, with its
/// own HOME, XDG_DATA_HOME and TMPDIR, so what it leaves behind (or not) can be checked without touching the machine's.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly TempDirectory _root = new("medsummary-cli-process");

    public CliProcess()
    {
        foreach (var folder in new[] { WorkingFolder, Home, DataHome, Temp })
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>The folder the user stands in: it must stay empty unless --out points into it.</summary>
    public string WorkingFolder => _root.File("cwd");

    public string Home => _root.File("home");

    public string DataHome => _root.File("xdg-data");

    public string Temp => _root.File("tmp");

    public string PathOf(string name) => _root.File(name);

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "medsummary.dll");

    /// <summary>The environment every run gets: no CI marker, a plain TERM, the test's own folders.</summary>
    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    public async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = WorkingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Configure(start);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Runs a shell command line (e.g. under `script` for a pseudo-terminal) with the same environment.</summary>
    public async Task<(int Code, string Output)> ShellAsync(string commandLine)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = WorkingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(commandLine);
        Configure(start);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    public void Dispose() => _root.Dispose();

    private void Configure(ProcessStartInfo start)
    {
        start.Environment["HOME"] = Home;
        start.Environment["XDG_DATA_HOME"] = DataHome;
        start.Environment["TMPDIR"] = Temp;
        start.Environment["TERM"] = "xterm-256color";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var name in new[] { "CI", "MEDSUMMARY_PROGRESS", "GITHUB_ACTIONS", "TF_BUILD" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }
    }
}
