using MedSummary.Cli.Commands;
using MedSummary.Core.Contract;
using MedSummary.Core.Errors;
using MedSummary.Samples;
using MedSummary.Testing.Pdf;
using Shouldly;
using Xunit;

namespace MedSummary.Cli.Tests;

/// <summary>
/// The command on a machine without Tesseract and poppler, as a fresh clone meets it: the real `medsummary` process
/// with a PATH that holds neither (an empty folder), so the tools are looked up and not found exactly as there.
/// </summary>
public sealed class MissingOcrToolsTests
{
    private static readonly GeneratedDossier Lung = SampleDossierGenerator.Generate(new SampleSpec
    {
        Name = "lung-no-ocr",
        Cancer = CancerType.Lung,
        Language = DossierLanguage.English,
        Seed = 11,
        Size = DossierSize.Small,
    });

    private static CliProcess WithoutOcrTools()
    {
        var cli = new CliProcess();
        var bin = cli.PathOf("empty-bin");
        Directory.CreateDirectory(bin);
        cli.Environment["PATH"] = bin;
        return cli;
    }

    private static byte[] TextReport(string line) => new TestPdf().Page(p => p.Lines(60, 780, [
        "Pathology report",
        line,
        "Invasive ductal carcinoma, grade 2.",
    ])).Build();

    [Fact]
    public async Task A_dossier_of_text_pdfs_needs_no_ocr_tool_and_exits_zero_without_a_warning()
    {
        using var cli = WithoutOcrTools();
        Lung.WriteTo(cli.WorkingFolder);

        var (code, output, error) = await cli.RunAsync("extract", Lung.Name, "-q");

        code.ShouldBe(DossierCommand.ExitOk, error);
        error.ShouldNotContain(InputErrorCodes.OcrUnavailable);
        var result = ContractJson.Deserialize(output);
        result.Errors.ShouldBeEmpty();
        result.Documents.Count.ShouldBe(Lung.Files.Count);
    }

    [Fact]
    public async Task Scanned_pages_are_left_unread_and_each_is_reported_with_its_file_page_and_the_tool_to_install()
    {
        using var cli = WithoutOcrTools();
        var dossier = Path.Combine(cli.WorkingFolder, "mixed");
        Directory.CreateDirectory(dossier);
        var original = TextReport("Specimen: left breast, core biopsy.");
        File.WriteAllBytes(Path.Combine(dossier, "letter.pdf"), TextReport("Referral for a second opinion."));
        File.WriteAllBytes(Path.Combine(dossier, "scan.pdf"), TestScans.Scan(original, new ScanOptions(NoiseSeed: 4)));

        // Page 1 has a text layer, page 2 is the scan of a printed page.
        var mixed = new TestPdf().Page(p => p.Lines(60, 780, ["Operative note", "Left lumpectomy."]));
        TestScans.AddScannedPage(mixed, original, 1, TestPdf.A4Width, TestPdf.A4Height, new ScanOptions());
        File.WriteAllBytes(Path.Combine(dossier, "mixed.pdf"), mixed.Build());

        var (code, output, error) = await cli.RunAsync("extract", "mixed", "-q");

        code.ShouldBe(DossierCommand.ExitSomeInputsUnreadable, error);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(2, error);
        var scanLine = lines.Single(l => l.Contains("scan.pdf", StringComparison.Ordinal));
        scanLine.ShouldStartWith("medsummary: ");
        scanLine.ShouldContain("scanned image");
        scanLine.ShouldEndWith($"({InputErrorCodes.OcrUnavailable})");
        var mixedLine = lines.Single(l => l.Contains("mixed.pdf", StringComparison.Ordinal));
        mixedLine.ShouldContain("page 2 is a scanned image");
        mixedLine.ShouldNotContain("page 1");
        foreach (var line in lines)
        {
            // What is missing and how to get it, in the line itself.
            line.ShouldContain("tesseract");
            line.ShouldContain("apt-get install");
        }

        var result = ContractJson.Deserialize(output);
        result.Errors.Select(e => (e.FileName, e.Code)).ShouldBe(
            [("mixed.pdf", InputErrorCodes.OcrUnavailable), ("scan.pdf", InputErrorCodes.OcrUnavailable)], ignoreOrder: true);

        // The text pages were read and used: the letter and the mixed file's first page are in the dossier.
        result.Documents.Select(d => d.FileName).ShouldBe(["letter.pdf", "mixed.pdf"], ignoreOrder: true);
        result.Documents.Single(d => d.FileName == "mixed.pdf").PageCount.ShouldBe(2);
    }

    [Fact]
    public async Task The_markdown_report_lists_the_unread_scanned_page()
    {
        using var cli = WithoutOcrTools();
        var mixed = new TestPdf().Page(p => p.Lines(60, 780, ["Operative note", "Left lumpectomy."]));
        TestScans.AddScannedPage(mixed, TextReport("Specimen: left breast."), 1, TestPdf.A4Width, TestPdf.A4Height, new ScanOptions());
        File.WriteAllBytes(Path.Combine(cli.WorkingFolder, "mixed.pdf"), mixed.Build());

        var (code, _, error) = await cli.RunAsync("summarize", "mixed.pdf", "--out", "out", "-q");

        code.ShouldBe(DossierCommand.ExitSomeInputsUnreadable, error);
        var markdown = await File.ReadAllTextAsync(Path.Combine(cli.WorkingFolder, "out", "mixed.md"));
        // Markdown escapes the code's underscore; the line names the file, the code and the page left unread (the colon
        // after the code follows the report's language: French typography puts a non-breaking space before it).
        var escaped = InputErrorCodes.OcrUnavailable.Replace("_", "\\_", StringComparison.Ordinal);
        markdown.ShouldMatch($@"- mixed\.pdf \({System.Text.RegularExpressions.Regex.Escape(escaped)}\)\u00A0?: mixed\.pdf: page 2 is a scanned image");
    }
}

