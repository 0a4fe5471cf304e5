namespace MedSummary.Cli.Display;

/// <summary>
/// What the command line knows about where it runs: whether stderr is a terminal a person watches, and the
/// environment. Tests pass their own to force either display.
/// </summary>
public sealed record CliTerminal(bool ErrorIsTerminal, Func<string, string?> Environment)
{
    /// <summary>The environment variable that overrides the choice: "live" or "plain".</summary>
    public const string ProgressVariable = "MEDSUMMARY_PROGRESS";

    /// <summary>The real process: stderr is a terminal when it is the console's and not redirected.</summary>
    public static CliTerminal For(TextWriter error) =>
        new(ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected, System.Environment.GetEnvironmentVariable);

    /// <summary>Never a terminal (in-process runs with their own writers).</summary>
    public static CliTerminal None { get; } = new(false, _ => null);

    /// <summary>
    /// The live display on a terminal a person watches; the plain line-per-step log on a pipe, in CI (CI set to
    /// anything but false/0) or on a dumb terminal, where redrawn lines would be noise in a log file.
    /// </summary>
    public ProgressDisplay Choose(bool quiet)
    {
        if (quiet)
        {
            return ProgressDisplay.None;
        }

        switch (Environment(ProgressVariable)?.Trim().ToLowerInvariant())
        {
            case "live":
                return ProgressDisplay.Live;
            case "plain":
                return ProgressDisplay.Plain;
        }

        var ci = Environment("CI")?.Trim();
        var inCi = !string.IsNullOrEmpty(ci) && !ci.Equals("false", StringComparison.OrdinalIgnoreCase) && ci != "0";
        var term = Environment("TERM");
        var dumb = OperatingSystem.IsWindows() ? term == "dumb" : string.IsNullOrEmpty(term) || term == "dumb";
        return ErrorIsTerminal && !inCi && !dumb ? ProgressDisplay.Live : ProgressDisplay.Plain;
    }
}

/// <summary>How progress is shown on stderr.</summary>
public enum ProgressDisplay
{
    /// <summary>--quiet: nothing.</summary>
    None,

    /// <summary>One line per step, as a log: "[dossier] stage done/total file".</summary>
    Plain,

    /// <summary>A redrawn display: dossiers done of total, stage, model calls, time left.</summary>
    Live,
}
