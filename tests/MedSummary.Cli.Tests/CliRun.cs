using System.Text.Json;
using MedSummary.Testing;

namespace MedSummary.Cli.Tests;

/// <summary>
/// Runs the real `medsummary` command line in-process with its own writers and a configuration file that
/// keeps the chunk store in the test's temp folder.
/// </summary>
internal sealed class CliRun : IDisposable
{
    private readonly TempDirectory _folder = new("medsummary-cli");

    public CliRun()
    {
        ConfigPath = _folder.File("config.json");
        File.WriteAllText(ConfigPath, JsonSerializer.Serialize(new
        {
            MedSummary = new { Store = new { SqlitePath = _folder.File("chunks.db") } },
        }));
    }

    public string ConfigPath { get; }

    public string Folder => _folder.Path;

    public string PathOf(string name) => _folder.File(name);

    public async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync([.. args, "--config", ConfigPath], output, error);
        return (code, output.ToString(), error.ToString());
    }

    public void Dispose() => _folder.Dispose();
}
