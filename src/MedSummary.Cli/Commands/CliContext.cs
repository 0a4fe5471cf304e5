using System.CommandLine;

namespace MedSummary.Cli.Commands;

/// <summary>What every command shares: where results and diagnostics go, and the global options.</summary>
public sealed class CliContext(TextWriter output, TextWriter error)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public Option<string?> ConfigOption { get; } = new("--config")
    {
        Description = "A JSON configuration file (same shape as appsettings.json).",
        Recursive = true,
    };

    public Option<bool> VerboseOption { get; } = new("--verbose")
    {
        Description = "Log informational messages to stderr (never document text).",
        Recursive = true,
    };

    /// <summary>One-line error for the user: "medsummary: WHAT: WHY".</summary>
    public void Fail(string what, string why) => Error.WriteLine($"medsummary: {what}: {why}");
}
