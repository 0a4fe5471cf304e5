using MedSummary.Core.Contract;
using MedSummary.Samples;
using Shouldly;
using Xunit;

namespace MedSummary.Cli.Tests;

/// <summary>
/// Issue 17: the command line writes what the user asked for and nothing else. Runs the real binary as a process
/// from an empty folder, with its own HOME, XDG_DATA_HOME and TMPDIR.
/// </summary>
public sealed class StrayFilesTests
{
    private static readonly GeneratedDossier Lung = SampleDossierGenerator.Generate(new SampleSpec
    {
        Name = "lung-stray",
        Cancer = CancerType.Lung,
        Language = DossierLanguage.English,
        Seed = 17,
        Size = DossierSize.Small,
    });

    private static string WriteDossier(CliProcess cli)
    {
        var inputs = cli.PathOf("inputs");
        Lung.WriteTo(inputs);
        return Path.Combine(inputs, Lung.Name);
    }

    private static string[] Everything(string folder) =>
        [.. Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(folder, p)).Order()];

    [Fact]
    public async Task Summarize_from_an_empty_folder_leaves_it_empty_and_keeps_no_index()
    {
        using var cli = new CliProcess();
        var dossier = WriteDossier(cli);
        var outDir = cli.PathOf("out");

        var (code, output, error) = await cli.RunAsync("summarize", dossier, "--out", outDir, "--verbose");

        code.ShouldBe(0, error);
        output.ShouldBeEmpty();
        Everything(cli.WorkingFolder).ShouldBeEmpty();
        Everything(outDir).ShouldBe(["lung-stray.html", "lung-stray.json", "lung-stray.md"]);

        // One-shot: the index was temporary, said so in --verbose, and is gone; nothing in the per-user folders either.
        error.ShouldContain("Chunk index: ");
        error.ShouldContain("(temporary, deleted at exit)");
        Directory.GetDirectories(cli.Temp, "medsummary-store-*").ShouldBeEmpty();
        Everything(cli.DataHome).ShouldBeEmpty();
        Everything(cli.Home).ShouldBeEmpty();
    }

    [Fact]
    public async Task Working_folders_left_by_a_killed_command_are_removed_by_the_next_one_and_a_running_ones_are_kept()
    {
        using var cli = new CliProcess();
        using (var killed = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sleep", "60")!)!)
        {
            // A command killed mid-run leaves its temporary index and OCR's copy of a scan, named after its process.
            foreach (var kind in new[] { "store", "ocr", "eval-store" })
            {
                var left = Path.Combine(cli.Temp, $"medsummary-{kind}-{killed.Id}-a1b2c3");
                Directory.CreateDirectory(left);
                await File.WriteAllTextAsync(Path.Combine(left, "document.pdf"), "%PDF-1.4 a patient's scan");
            }

            killed.Kill();
            await killed.WaitForExitAsync();
        }

        var running = Path.Combine(cli.Temp, $"medsummary-store-{Environment.ProcessId}-d4e5f6");
        Directory.CreateDirectory(running);
        var unrelated = Path.Combine(cli.Temp, "medsummary-notes");
        Directory.CreateDirectory(unrelated);

        var (code, _, error) = await cli.RunAsync("extract", WriteDossier(cli), "--out", cli.PathOf("out"));

        code.ShouldBe(0, error);
        Everything(cli.Temp).ShouldBe([Path.GetFileName(unrelated), Path.GetFileName(running)], ignoreOrder: true);
    }

    [Fact]
    public async Task Out_inside_the_current_folder_is_the_only_thing_written_there()
    {
        using var cli = new CliProcess();
        var dossier = WriteDossier(cli);

        var (code, _, error) = await cli.RunAsync("extract", dossier, "--out", "form.json", "-q");

        code.ShouldBe(0, error);
        Everything(cli.WorkingFolder).ShouldBe(["form.json"]);
        ContractJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(cli.WorkingFolder, "form.json"))).Documents.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Store_puts_the_index_where_it_says_and_keeps_it()
    {
        using var cli = new CliProcess();
        var dossier = WriteDossier(cli);
        var store = cli.PathOf("indexes/patients.db");

        var (code, _, error) = await cli.RunAsync("extract", dossier, "--store", store, "--out", cli.PathOf("form.json"), "-q", "--verbose");

        code.ShouldBe(0, error);
        File.Exists(store).ShouldBeTrue();
        error.ShouldContain($"Chunk index: {store} (--store)");
        Everything(cli.WorkingFolder).ShouldBeEmpty();
        Everything(cli.DataHome).ShouldBeEmpty();

        // search reads the same file when told to.
        var (searched, passages, searchError) = await cli.RunAsync("search", "adenocarcinoma", "--store", store, "--format", "md");
        searched.ShouldBe(0, searchError);
        passages.ShouldContain("1. **Dossier ");
    }

    [Fact]
    public async Task Index_keeps_the_dossier_in_the_per_user_folder_where_search_finds_it()
    {
        using var cli = new CliProcess();
        var dossier = WriteDossier(cli);
        var perUser = Path.Combine(cli.DataHome, "medsummary", "chunks.db");

        var (before, _, hint) = await cli.RunAsync("search", "adenocarcinoma");
        before.ShouldBe(0, hint);
        hint.ShouldContain($"nothing is indexed in {perUser} yet");

        var (code, _, error) = await cli.RunAsync("summarize", dossier, "--index", "--out", cli.PathOf("out"), "-q");
        code.ShouldBe(0, error);
        File.Exists(perUser).ShouldBeTrue();

        var (searched, passages, searchError) = await cli.RunAsync("search", "adenocarcinoma", "--format", "md", "--verbose");
        searched.ShouldBe(0, searchError);
        searchError.ShouldContain($"Chunk index: {perUser} (per-user data folder)");
        passages.ShouldContain("1. **Dossier ");
        Everything(cli.WorkingFolder).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_terminal_session_shows_the_live_display_with_dossiers_stage_and_time_left()
    {
        if (!File.Exists("/usr/bin/script"))
        {
            return; // util-linux's script gives the pseudo-terminal; LiveDisplayTests covers the display in-process.
        }

        using var cli = new CliProcess();
        var samples = new[] { "lung-en", "breast-fr", "prostate-fr" }.Select(s => $"'{Path.Combine(SamplesFolder(), s)}'");
        var outDir = cli.PathOf("out");
        var command = $"stty cols 120 rows 40; dotnet '{CliProcess.Dll}' summarize {string.Join(' ', samples)} --out '{outDir}'";

        var (code, screen) = await cli.ShellAsync($"script -qec \"{command}\" /dev/null");

        code.ShouldBe(0, screen);
        screen.ShouldContain("\u001b[");          // redrawn in place, not a log
        screen.ShouldContain("dossiers");
        screen.ShouldMatch(@"\d+/\d+ ");
        screen.ShouldMatch(@"(lung-en|breast-fr|prostate-fr): (read|index|form|summary|alerts)");
        screen.ShouldMatch(@"3/3 +\d+:\d\d elapsed");
        screen.ShouldContain("ETA");
        screen.ShouldContain("elapsed");
        screen.ShouldNotContain("] read 1/");     // not the plain log
        Everything(cli.WorkingFolder).ShouldBeEmpty();
        Directory.GetFiles(outDir).Length.ShouldBe(9);
    }

    private static string SamplesFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "samples", "lung-en")))
            {
                return Path.Combine(dir.FullName, "samples");
            }
        }

        throw new DirectoryNotFoundException("the repository's samples folder");
    }
}
