using System.CommandLine;
using MedSummary.Cli.Display;

namespace MedSummary.Cli.Commands;

/// <summary>What every command shares: where results and diagnostics go, the terminal, and the global options.</summary>
public sealed class CliContext(TextWriter output, TextWriter error, CliTerminal? terminal = null)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Whether stderr is a terminal a person watches (live progress) or a log (plain lines).</summary>
    public CliTerminal Terminal { get; } = terminal ?? CliTerminal.None;

    public Option<string?> ConfigOption { get; private init; } = new("--config")
    {
        Description = "A JSON configuration file (same shape as appsettings.json).",
        Recursive = true,
    };

    public Option<bool> VerboseOption { get; private init; } = new("--verbose")
    {
        Description = "Log informational messages to stderr (never document text), among them where the chunk index is.",
        Recursive = true,
    };

    /// <summary>The same context with diagnostics going elsewhere (above a live display); the options stay the parsed ones.</summary>
    public CliContext WithError(TextWriter error) =>
        ReferenceEquals(error, Error) ? this : new CliContext(Output, error, Terminal) { ConfigOption = ConfigOption, VerboseOption = VerboseOption };

    /// <summary>One-line error for the user: "medsummary: WHAT: WHY".</summary>
    public void Fail(string what, string why) => Error.WriteLine($"medsummary: {what}: {why}");
}
