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
        screen.ShouldContain("no model calls"); // without a model the form stage says so, not 0/0

        // The error line is printed once, whole, above the display.
        screen.Split('\n').Count(l => l.Contains("medsummary: ", StringComparison.Ordinal) && l.Contains("missing: no such file or folder", StringComparison.Ordinal))
            .ShouldBe(1);
    }

    [Fact]
    public async Task With_a_model_the_form_and_summary_stages_show_model_calls_done_of_planned()
    {
        var screen = new StringWriter();
        var progress = RunProgress.Create(ProgressDisplay.Live, dossiers: 2);

        await progress.RunAsync(screen, async diagnostics =>
        {
            var dossier = progress.StartDossier("lung-en", files: 13);
            dossier.Report(new("read", 13, 13, "13-review.pdf"));
            dossier.Report(new("form", 0, 1));
            dossier.Report(new("form", 0, 1) { ModelCallsDone = 0, ModelCallsTotal = 8 });
            dossier.Report(new("form", 0, 1) { ModelCallsDone = 3, ModelCallsTotal = 8 });
            await Task.Delay(400); // the display redraws on its own clock
            diagnostics.WriteLine("medsummary: a line printed above the display");
            dossier.Report(new("form", 1, 1));
            dossier.Report(new("summary", 0, 1));
            dossier.Report(new("summary", 0, 1) { ModelCallsDone = 1, ModelCallsTotal = 1 });
            await Task.Delay(400);
            progress.FinishDossier("lung-en");
            await Task.Delay(400);
            return 0;
        });

        var text = screen.ToString();
        text.ShouldMatch(@"lung-en: form +[^\n]*model calls 3/8");
        text.ShouldMatch(@"lung-en: summary +[^\n]*model calls 1/1");
        text.ShouldMatch(@"dossiers +[^\n]*0/2 +\d+:\d\d elapsed, ETA ");
        text.ShouldMatch(@"dossiers +[^\n]*1/2 +\d+:\d\d elapsed, ETA ");
        text.ShouldContain("medsummary: a line printed above the display\n");
    }

    [Fact]
    public async Task The_plain_log_adds_one_line_per_finished_model_call_and_nothing_else()
    {
        var log = new StringWriter();
        var progress = RunProgress.Create(ProgressDisplay.Plain, dossiers: 1);

        await progress.RunAsync(log, _ =>
        {
            var dossier = progress.StartDossier("lung-en", files: 1);
            dossier.Report(new("form", 0, 1));
            dossier.Report(new("form", 0, 1) { ModelCallsDone = 0, ModelCallsTotal = 2 });
            dossier.Report(new("form", 0, 1) { ModelCallsDone = 1, ModelCallsTotal = 2 });
            dossier.Report(new("form", 0, 1) { ModelCallsDone = 2, ModelCallsTotal = 2 });
            dossier.Report(new("form", 1, 1));
            dossier.Report(new("summary", 0, 1));
            dossier.Report(new("alerts", 0, 1));
            return Task.FromResult(0);
        });

        log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(
            ["[lung-en] form 0/1", "[lung-en] form model call 1/2", "[lung-en] form model call 2/2", "[lung-en] form 1/1"]);
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
