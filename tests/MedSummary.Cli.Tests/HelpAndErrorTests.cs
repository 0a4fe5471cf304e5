using System.Text.RegularExpressions;
using MedSummary.Cli.Hosting;
using Shouldly;
using Xunit;

namespace MedSummary.Cli.Tests;

/// <summary>Issue 17: help says what each command writes and where; errors are one line, in words, naming the file once.</summary>
public sealed partial class HelpAndErrorTests
{
    [Fact]
    public async Task Summarize_help_lists_every_file_it_writes_and_where_the_index_goes()
    {
        using var cli = new CliRun();
        var (code, help, _) = await cli.RunAsync("summarize", "--help");

        code.ShouldBe(0);
        foreach (var expected in new[] { "<name>.json", "<name>.md", "<name>.html", "--out", "stdout", "stderr", "--store", "--index", "temporary", CliStore.PerUserPath(), "current folder" })
        {
            help.ShouldContain(expected, customMessage: help);
        }
    }

    [Fact]
    public async Task Extract_search_and_reindex_help_say_what_they_write_and_which_index_they_use()
    {
        using var cli = new CliRun();
        var (_, extract, _) = await cli.RunAsync("extract", "--help");
        extract.ShouldContain("<name>.json");
        extract.ShouldContain("<name>.md");
        extract.ShouldContain("stdout");
        extract.ShouldContain("--store");

        var (_, search, _) = await cli.RunAsync("search", "--help");
        search.ShouldContain("stdout");
        search.ShouldContain(CliStore.PerUserPath());

        var (_, reindex, _) = await cli.RunAsync("reindex", "--help");
        reindex.ShouldContain("--store");
        reindex.ShouldContain("stdout");

        var (_, root, _) = await cli.RunAsync("--help");
        root.ShouldContain("chunk index");
    }

    [Fact]
    public void The_per_user_folder_follows_xdg()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        CliStore.DataFolder(n => n == "XDG_DATA_HOME" ? "/srv/me/data" : "/home/me").ShouldBe("/srv/me/data/medsummary");
        CliStore.DataFolder(n => n == "HOME" ? "/home/me" : null).ShouldBe("/home/me/.local/share/medsummary");

        // A relative XDG_DATA_HOME is invalid by the specification and ignored: never an index relative to the current folder.
        CliStore.DataFolder(n => n == "XDG_DATA_HOME" ? "data" : "/home/me").ShouldBe("/home/me/.local/share/medsummary");
    }

    [Theory]
    [InlineData("--store", ":memory:")]
    [InlineData("--store", "")]
    public async Task A_bad_store_is_refused_at_start_naming_the_option(string option, string value)
    {
        using var cli = new CliRun();
        var text = cli.PathOf("note.txt");
        await File.WriteAllTextAsync(text, "Adenocarcinoma of the left lung.");

        var (code, _, error) = await cli.RunAsync("extract", text, option, value, "-q");

        code.ShouldBe(2);
        error.ShouldStartWith("medsummary: --store: ");
        error.Trim().Split('\n').Length.ShouldBe(1, error);
        ShouldBeInWords(error);
    }

    [Fact]
    public async Task Store_and_index_together_are_a_usage_error()
    {
        using var cli = new CliRun();
        var (code, _, error) = await cli.RunAsync("extract", cli.PathOf("a.txt"), "--store", cli.PathOf("x.db"), "--index", "-q");
        code.ShouldBe(2);
        error.ShouldContain("--store and --index");
    }

    [Fact]
    public async Task A_configuration_file_that_is_not_json_is_named_once_with_the_reason_in_words()
    {
        using var cli = new CliRun();
        var bad = cli.PathOf("broken.json");
        await File.WriteAllTextAsync(bad, "{ \"MedSummary\": { ");
        var text = cli.PathOf("note.txt");
        await File.WriteAllTextAsync(text, "Adenocarcinoma of the left lung.");
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await CliApp.RunAsync(["extract", text, "--config", bad, "-q"], output, error);

        code.ShouldBe(2, error.ToString());
        var line = error.ToString().Trim();
        line.Split('\n').Length.ShouldBe(1, line);
        line.ShouldStartWith("medsummary: config: ");
        Regex.Matches(line, Regex.Escape("broken.json")).Count.ShouldBe(1, line);
        ShouldBeInWords(line);
    }

    [Fact]
    public async Task A_missing_configuration_file_is_named_once()
    {
        using var cli = new CliRun();
        var output = new StringWriter();
        var error = new StringWriter();
        var missing = cli.PathOf("nowhere.json");
        await File.WriteAllTextAsync(cli.PathOf("a.txt"), "Adenocarcinoma of the left lung.");

        var code = await CliApp.RunAsync(["extract", cli.PathOf("a.txt"), "--config", missing, "-q"], output, error);

        code.ShouldBe(2);
        Regex.Matches(error.ToString(), Regex.Escape("nowhere.json")).Count.ShouldBe(1, error.ToString());
        ShouldBeInWords(error.ToString());
    }

    /// <summary>No .NET exception type or namespace in a message meant for a person.</summary>
    internal static void ShouldBeInWords(string message)
    {
        ExceptionName().IsMatch(message).ShouldBeFalse(message);
        message.ShouldNotContain("System.");
        message.ShouldNotContain("   at ");
    }

    [GeneratedRegex(@"\w+Exception\b")]
    private static partial Regex ExceptionName();
}
