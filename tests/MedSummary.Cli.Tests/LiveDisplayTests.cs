using MedSummary.Cli.Display;
using MedSummary.Samples;
using Shouldly;
using Xunit;

namespace MedSummary.Cli.Tests;

/// <summary>Issue 17: live progress on a terminal, the plain log everywhere else, and who decides.</summary>
public sealed class LiveDisplayTests
{
    private static readonly GeneratedDossier Breast = SampleDossierGenerator.Generate(new SampleSpec
    {
        Name = "breast-live",
        Cancer = CancerType.Breast,
        Language = DossierLanguage.French,
        Seed = 5,
        Size = DossierSize.Small,
    });

    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Theory]
    [InlineData(true, null, "xterm-256color", null, ProgressDisplay.Live)]
    [InlineData(false, null, "xterm-256color", null, ProgressDisplay.Plain)] // stderr redirected: a pipe or a file
    [InlineData(true, "true", "xterm-256color", null, ProgressDisplay.Plain)] // CI
    [InlineData(true, "false", "xterm-256color", null, ProgressDisplay.Live)]
    [InlineData(true, null, "dumb", null, ProgressDisplay.Plain)]
    [InlineData(false, null, "dumb", "live", ProgressDisplay.Live)]           // forced
    [InlineData(true, null, "xterm", "plain", ProgressDisplay.Plain)]
    public void The_display_is_live_only_on_a_terminal_outside_ci(bool terminal, string? ci, string term, string? forced, ProgressDisplay expected)
    {
        var env = Env(("CI", ci!), ("TERM", term), (CliTerminal.ProgressVariable, forced!));
        new CliTerminal(terminal, env).Choose(quiet: false).ShouldBe(expected);
        new CliTerminal(terminal, env).Choose(quiet: true).ShouldBe(ProgressDisplay.None);
    }

    [Fact]
    public async Task On_a_terminal_summarize_draws_dossiers_stage_model_calls_and_time_left()
    {
        using var cli = new CliRun();
        Breast.WriteTo(cli.Folder);
        var dossier = Path.Combine(cli.Folder, Breast.Name);
        var output = new StringWriter();
        var error = new StringWriter();
        var terminal = new CliTerminal(true, Env(("TERM", "xterm-256color")));

        var code = await CliApp.RunAsync(
            ["summarize", dossier, Path.Combine(cli.Folder, "missing"), "--out", cli.PathOf("out"), "--config", cli.ConfigPath], output, error, terminal);

        code.ShouldBe(1);
        var screen = error.ToString();
        screen.ShouldContain("\u001b[");                 // redrawn in place
        screen.ShouldContain("dossiers");
                screen.ShouldMatch("breast-live: (read|index|form|summary|alerts)");
        screen.ShouldContain("ETA");
        screen.ShouldMatch(@"1/1 +\d+:\d\d elapsed");    // the last frame: all dossiers done
        screen.ShouldContain("rules only, no model calls"); // without a model the form stage says so, not 0/0

        // The error line is printed once, whole, above the display.
        screen.Split('\n').Count(l => l.Contains("medsummary: ", StringComparison.Ordinal) && l.Contains("missing: no such file or folder", StringComparison.Ordinal))
            .ShouldBe(1);
    }

    [Fact]
    public async Task Elsewhere_the_plain_line_per_step_log_is_unchanged()
    {
        using var cli = new CliRun();
        Breast.WriteTo(cli.Folder);

        var (code, _, error) = await cli.RunAsync("summarize", Path.Combine(cli.Folder, Breast.Name), "--out", cli.PathOf("out"));

        code.ShouldBe(0, error);
        error.ShouldNotContain("\u001b[");
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith($"[breast-live] read 1/{Breast.Files.Count} ");
        lines.ShouldContain("[breast-live] form 0/1");
        lines.ShouldContain("[breast-live] form 1/1");
        lines.ShouldAllBe(l => l.StartsWith("[breast-live] ", StringComparison.Ordinal));
    }
}
