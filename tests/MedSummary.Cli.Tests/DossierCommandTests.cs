using MedSummary.Cli.Commands;
using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Core.Errors;
using MedSummary.Extraction.Grounding.Forms;
using MedSummary.Extraction.Prompts;
using MedSummary.Extraction.Rules;
using MedSummary.Samples;
using MedSummary.Testing.Pdf;
using Shouldly;
using Xunit;

namespace MedSummary.Cli.Tests;

public sealed class DossierCommandTests
{
    private static readonly GeneratedDossier Lung = SampleDossierGenerator.Generate(new SampleSpec
    {
        Name = "lung-cli",
        Cancer = CancerType.Lung,
        Language = DossierLanguage.English,
        Seed = 11,
        Size = DossierSize.Small,
    });

    private static string WriteDossier(CliRun cli, GeneratedDossier dossier)
    {
        dossier.WriteTo(cli.Folder);
        return Path.Combine(cli.Folder, dossier.Name);
    }

    [Fact]
    public async Task Extract_of_a_folder_prints_the_output_contract_on_stdout()
    {
        using var cli = new CliRun();
        var dir = WriteDossier(cli, Lung);

        var (code, output, error) = await cli.RunAsync("extract", dir, "-q");

        code.ShouldBe(0, error);
        error.ShouldBeEmpty();
        var result = ContractJson.Deserialize(output);
        result.SchemaVersion.ShouldBe("1");
        result.Documents.Count.ShouldBe(Lung.Files.Count);
        RuleExtractionEngine.FormKeys.ShouldBeSubsetOf(result.Form.Fields.Keys);
        result.Form.Fields.Count.ShouldBe(FormSchemaLoader.Load(new EmbeddedPromptProvider()).Keys.Count);
        result.Form.Fields.Values.ShouldAllBe(f => f.State != null);
        result.Form.Fields[ContractFields.PrimarySite].Normalized.ShouldBe("lung");
        output.ShouldContain("\"schemaVersion\": \"1\"");
    }

    [Fact]
    public async Task Per_file_writes_one_json_per_input_named_after_it()
    {
        using var cli = new CliRun();
        var dir = WriteDossier(cli, Lung);
        var inputs = Directory.GetFiles(dir).Where(f => !f.EndsWith("truth.json", StringComparison.Ordinal)).Take(3).ToArray();
        var outDir = cli.PathOf("out");

        var (code, _, error) = await cli.RunAsync(["extract", .. inputs, "--per-file", "--out", outDir, "-q"]);

        code.ShouldBe(0, error);
        var written = Directory.GetFiles(outDir).Select(Path.GetFileName).Order().ToArray();
        written.ShouldBe(inputs.Select(i => Path.GetFileNameWithoutExtension(i) + ".json").Order().ToArray());
        foreach (var file in Directory.GetFiles(outDir))
        {
            ContractJson.Deserialize(await File.ReadAllTextAsync(file)).Documents.Count.ShouldBe(1);
        }
    }

    [Fact]
    public async Task Markdown_format_shows_each_field_with_its_file_page_and_quote()
    {
        using var cli = new CliRun();
        var dir = WriteDossier(cli, Lung);
        var outFile = cli.PathOf("form.md");

        var (code, output, error) = await cli.RunAsync("extract", dir, "--format", "md", "--out", outFile, "-q");

        code.ShouldBe(0, error);
        output.ShouldBeEmpty();
        var md = await File.ReadAllTextAsync(outFile);
        foreach (var key in ContractFields.Required)
        {
            md.ShouldContain($"| <a id=\"field-{key}\"></a>");
        }

        // The English dossier's report: English labels, each citation a link to its numbered passage, shown in bold.
        md.ShouldContain("| <a id=\"field-primary_site\"></a>Primary site | lung |");
        md.ShouldContain("[\\[1\\]](#cite-1)");
        md.ShouldMatch(@"- <a id=""cite-1""></a>\*\*\[1\]\*\* p\.\u00A0\d+ — .*\*\*[^*]+\*\*");
    }

    [Fact]
    public async Task Summarize_writes_json_markdown_and_html_side_by_side_with_verified_citations()
    {
        using var cli = new CliRun();
        var dir = WriteDossier(cli, Lung);
        var outDir = cli.PathOf("reports");

        var (code, _, error) = await cli.RunAsync("summarize", dir, "--out", outDir, "-q");

        code.ShouldBe(0, error);
        File.Exists(Path.Combine(outDir, "lung-cli.json")).ShouldBeTrue();
        File.Exists(Path.Combine(outDir, "lung-cli.md")).ShouldBeTrue();
        var result = ContractJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(outDir, "lung-cli.json")));
        result.Form.Fields.Values.SelectMany(f => f.Citations).ShouldNotBeEmpty();

        // The readable page beside them: every citation of the result is one numbered source passage.
        var html = await File.ReadAllTextAsync(Path.Combine(outDir, "lung-cli.html"));
        html.ShouldStartWith("<!DOCTYPE html>");
        var distinct = result.Form.Fields.Values.SelectMany(f => f.Citations).Concat((result.Timeline ?? []).SelectMany(e => e.Citations))
            .Concat(result.Summary.SelectMany(s => s.Citations)).Concat(result.Alerts.SelectMany(a => a.Citations))
            .Concat(result.Form.Fields.Values.SelectMany(f => (f.Candidates ?? []).SelectMany(c => c.Citations).Concat((f.Items ?? []).SelectMany(i => i.Citations))))
            .Concat(IdentityCitations(result.Patient))
            .Select(c => (c.DocumentId, c.Start, c.End)).Distinct().Count();
        html.Split("<li id=\"cite-").Length.ShouldBe(distinct + 1);
        html.ShouldContain("<h2>Form</h2>");
    }

    [Fact]
    public async Task Each_bad_input_gets_one_line_with_its_reason_and_the_rest_is_still_processed()
    {
        using var cli = new CliRun();
        var dir = WriteDossier(cli, Lung);
        var good = Directory.GetFiles(dir).Where(f => f.EndsWith(".pdf", StringComparison.Ordinal)).Order().First();
        var text = new TestPdf().Page(p => p.Text(72, 700, "Final diagnosis: adenocarcinoma of the left lung, pT2a N0.")).Build();
        var empty = Write(cli, "empty.pdf", []);
        var jpeg = Write(cli, "scan.pdf", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0]);
        var zip = Write(cli, "archive.pdf", [(byte)'P', (byte)'K', 3, 4, 20, 0, 0, 0, 8, 0]);
        var truncated = Write(cli, "truncated.pdf", text[..(text.Length / 3)]);
        var encrypted = Write(cli, "locked.pdf", new TestPdf().Page(p => p.Text(72, 700, "Secret")).BuildEncrypted("patient-password"));
        var missing = cli.PathOf("missing.pdf");
        var outFile = cli.PathOf("result.json");

        var (code, _, error) = await cli.RunAsync("extract", good, empty, jpeg, zip, truncated, encrypted, missing, "--out", outFile, "-q");

        code.ShouldBe(1);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Length.ShouldBe(6, error);
        Line(lines, empty).ShouldContain(InputErrorCodes.Empty);
        Line(lines, jpeg).ShouldContain(InputErrorCodes.UnsupportedType);
        Line(lines, jpeg).ShouldContain("JPEG");
        Line(lines, zip).ShouldContain(InputErrorCodes.UnsupportedType);
        Line(lines, truncated).ShouldContain(InputErrorCodes.CorruptPdf);
        Line(lines, encrypted).ShouldContain(InputErrorCodes.EncryptedPdf);
        Line(lines, missing).ShouldContain(InputErrorCodes.FileNotFound);
        foreach (var path in new[] { empty, jpeg, zip, truncated, encrypted, missing })
        {
            // Issue 17: in words, never a .NET type name, and the file named once (the reason does not repeat it).
            var line = Line(lines, path);
            HelpAndErrorTests.ShouldBeInWords(line);
            System.Text.RegularExpressions.Regex.Matches(line, System.Text.RegularExpressions.Regex.Escape(Path.GetFileName(path))).Count.ShouldBe(1, line);
        }

        var result = ContractJson.Deserialize(await File.ReadAllTextAsync(outFile));
        result.Documents.Single().FileName.ShouldBe(Path.GetFileName(good));
        result.Errors.Count.ShouldBe(5);
    }

    [Fact]
    public async Task A_file_that_is_fine_alone_exits_zero_and_the_citations_point_into_it()
    {
        using var cli = new CliRun();
        var pdf = Write(cli, "pathology.pdf", new TestPdf()
            .Page(p => p.Text(72, 760, "FINAL DIAGNOSIS").Text(72, 740, "Right breast: invasive ductal carcinoma, grade 2, pT1c pN0."))
            .Build());

        var (code, output, error) = await cli.RunAsync("extract", pdf, "-q");

        code.ShouldBe(0, error);
        var result = ContractJson.Deserialize(output);
        var t = result.Form.Fields[ContractFields.PathologicT];
        t.Status.ShouldBe(FieldStatus.Found);
        t.Normalized.ShouldBe("T1c");
        t.Citations.ShouldAllBe(c => c.FileName == "pathology.pdf" && c.Page == 1 && c.Quote.Contains("pT1c"));
        result.Form.Fields[ContractFields.Laterality].Normalized.ShouldBe("right");
    }

    [Theory]
    [InlineData("extract")]
    [InlineData("extract", "--format", "xml", "x.pdf")]
    [InlineData("frobnicate")]
    public async Task Usage_errors_exit_with_two(params string[] args)
    {
        using var cli = new CliRun();
        var (code, _, error) = await cli.RunAsync(args);
        code.ShouldBe(2);
        error.ShouldContain("medsummary: usage:");
        HelpAndErrorTests.ShouldBeInWords(error);
    }

    [Fact]
    public async Task Several_dossiers_without_an_output_folder_is_a_usage_error()
    {
        using var cli = new CliRun();
        var dir = WriteDossier(cli, Lung);
        var (code, _, error) = await cli.RunAsync("extract", dir, dir + "/", "-q");
        code.ShouldBe(2);
        error.ShouldContain("--out");
    }

    [Fact]
    public async Task An_invalid_configuration_is_refused_at_start_with_the_setting_named()
    {
        using var cli = new CliRun();
        var bad = cli.PathOf("bad.json");
        await File.WriteAllTextAsync(bad, """{ "MedSummary": { "AI": { "Chat": { "Engine": "cloud-gpt" } } } }""");
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await CliApp.RunAsync(["extract", WriteDossier(cli, Lung), "--config", bad, "-q"], output, error);

        code.ShouldBe(2);
        error.ToString().ShouldContain("MedSummary:AI:Chat:Engine");
        error.ToString().ShouldNotContain("   at ");
    }

    private static string Write(CliRun cli, string name, byte[] content)
    {
        var path = cli.PathOf(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static string Line(string[] lines, string path) =>
        lines.Single(l => l.StartsWith($"medsummary: {path}:", StringComparison.Ordinal));

    [Fact]
    public async Task A_configured_model_that_cannot_be_loaded_exits_3_with_one_line_and_rules_only_exits_0()
    {
        using var cli = new CliRun();
        var dir = WriteDossier(cli, Lung);
        var model = cli.PathOf("broken.gguf");
        await File.WriteAllBytesAsync(model, [.. "GGUF"u8.ToArray(), .. Enumerable.Repeat((byte)0x5A, 4096)]);
        await File.WriteAllTextAsync(cli.ConfigPath, System.Text.Json.JsonSerializer.Serialize(new
        {
            MedSummary = new
            {
                Store = new { SqlitePath = cli.PathOf("chunks.db") },
                AI = new { Chat = new { Engine = "llamacpp", ModelPath = model } },
            },
        }));

        var (code, output, error) = await cli.RunAsync("extract", dir, "-q");

        code.ShouldBe(DossierCommand.ExitModelFailed, error);
        // One line for the dossier (the engine's own error line comes from the log, as for any engine failure).
        var line = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("medsummary: ", StringComparison.Ordinal)).ShouldHaveSingleItem();
        line.ShouldStartWith($"medsummary: {Lung.Name}: the chat model failed");
        line.ShouldContain("not a valid model");
        line.ShouldContain("--rules-only");
        error.ShouldNotContain("Exception");
        var failed = ContractJson.Deserialize(output);
        failed.Processing!.Mode.ShouldBe("rules");
        failed.Processing.Note!.ShouldContain("could not be loaded");
        failed.Form.Fields["comorbidities"].State.ShouldBe(FieldState.ModelFailed);

        var (rulesCode, rulesOutput, rulesError) = await cli.RunAsync("extract", dir, "-q", "--rules-only");

        rulesCode.ShouldBe(DossierCommand.ExitOk, rulesError);
        rulesError.ShouldBeEmpty();
        var rules = ContractJson.Deserialize(rulesOutput);
        rules.Form.Fields["comorbidities"].State.ShouldBe(FieldState.NotAttempted);
        rules.Form.Fields[ContractFields.PrimarySite].State.ShouldBe(FieldState.Stated);
    }

    private static IEnumerable<Citation> IdentityCitations(PatientIdentity? patient) =>
        patient is null ? [] : new[] { patient.Name, patient.BirthDate, patient.Sex }.OfType<IdentityPart>().Concat(patient.Identifiers).SelectMany(p => p.Citations);
}
