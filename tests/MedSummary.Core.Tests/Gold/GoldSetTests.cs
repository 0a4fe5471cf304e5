using MedSummary.Core.Gold;
using Shouldly;
using Xunit;

namespace MedSummary.Core.Tests.Gold;

public sealed class GoldSetTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "medsummary-gold-" + Guid.NewGuid().ToString("N"));

    public GoldSetTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Dossier(string name, string truth, params string[] files)
    {
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        foreach (var file in files)
        {
            File.WriteAllText(Path.Combine(folder, file), "text");
        }

        File.WriteAllText(Path.Combine(folder, GoldSet.TruthFileName), truth);
        return folder;
    }

    private static string Truth(string name, string quoteFile = "a.txt") => $$"""
        { "schemaVersion": "1", "dossier": "{{name}}", "language": "en",
          "fields": { "primary_site": { "value": "lung", "quotes": [ { "file": "{{quoteFile}}", "text": "lung" } ] } } }
        """;

    [Fact]
    public async Task Loads_every_dossier_folder_in_name_order_with_its_files()
    {
        Dossier("b-second", Truth("b-second"), "a.txt", "02.pdf");
        Dossier("a-first", Truth("a-first"), "a.txt");
        Directory.CreateDirectory(Path.Combine(_root, ".cache"));
        File.WriteAllText(Path.Combine(_root, "README.md"), "about this set");

        var dossiers = await GoldSet.LoadAsync(_root);

        dossiers.Select(d => d.Name).ShouldBe(["a-first", "b-second"]);
        dossiers[1].FilePaths.Select(Path.GetFileName).ShouldBe(["02.pdf", "a.txt"]);
        dossiers[1].Truth.Fields["primary_site"].Value.ShouldBe("lung");
    }

    [Fact]
    public async Task A_quote_naming_a_file_that_is_not_in_the_folder_is_an_error_naming_the_truth_file()
    {
        var folder = Dossier("d", Truth("d", quoteFile: "missing.pdf"), "a.txt");

        var error = await Should.ThrowAsync<GoldFormatException>(() => GoldSet.LoadDossierAsync(folder));

        error.Path.ShouldBe(Path.Combine(folder, GoldSet.TruthFileName));
        error.Reason.ShouldContain("missing.pdf");
    }

    [Fact]
    public async Task A_dossier_folder_without_truth_is_an_error()
    {
        Directory.CreateDirectory(Path.Combine(_root, "no-truth"));

        var error = await Should.ThrowAsync<GoldFormatException>(() => GoldSet.LoadAsync(_root));

        error.Reason.ShouldContain("truth.json");
    }

    [Fact]
    public async Task Malformed_json_reports_the_file_and_line()
    {
        var folder = Dossier("d", "{\n \"schemaVersion\": \"1\",\n \"dossier\": \n}", "a.txt");

        var error = await Should.ThrowAsync<GoldFormatException>(() => GoldSet.LoadDossierAsync(folder));

        error.Message.ShouldStartWith(Path.Combine(folder, GoldSet.TruthFileName));
        error.Message.ShouldContain("line");
    }
}
