using MedSummary.Core.Citations;
using MedSummary.Core.Documents;
using MedSummary.Core.Errors;
using MedSummary.Core.Provenance;
using MedSummary.Ingestion.Loading;
using MedSummary.Ingestion.Ocr;
using MedSummary.Ingestion.Pdf;
using MedSummary.Ingestion.Pipeline;
using MedSummary.Testing.Pdf;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace MedSummary.Ingestion.Tests.Ocr;

/// <summary>
/// Scans made by the tests (a text page rendered to an image, dirtied or turned, wrapped in an image-only PDF) read
/// through the real pdftoppm and Tesseract: the values found are those of the text original, each cited on the page
/// it was scanned on, at the place it was printed. A handful of pages in all: OCR is slow.
/// </summary>
public sealed class ScannedPdfTests(OcrIngestion ocr) : IClassFixture<OcrIngestion>
{
    /// <summary>
    /// How far (points) the centre of an OCR'd value's box may lie from where the original printed it: OCR boxes are
    /// ink-tight where glyph boxes are not, and a speck of noise next to a word widens its box.
    /// </summary>
    private const double Tolerance = 6;

    private static readonly byte[] FrenchReport = new TestPdf().Page(ReportPages.French).Build();

    [Fact]
    public async Task A_scanned_report_in_a_dossier_reads_like_its_text_original_and_is_cited_on_its_page()
    {
        var original = await PdfFacts.ReadAsync(FrenchReport, "original.pdf");
        var dossier = new TestPdf().Page(ReportPages.Letter);

        // The fax software stamped its header as text over the scanned image.
        TestScans.AddScannedPage(dossier, FrenchReport, 1, TestPdf.A4Width, TestPdf.A4Height, new ScanOptions())
            .Text(40, 825, "TELECOPIE 01 23 45 67 89 DU 15/03/2024 10:42 P.2/2", 8);

        var results = new List<IngestionResult>();
        await foreach (var result in ocr.Services.GetRequiredService<IngestionPipeline>().RunAsync([new InputFile("dossier.pdf", dossier.Build())]))
        {
            results.Add(result);
        }

        var document = results.ShouldHaveSingleItem().Document.ShouldNotBeNull();
        document.Pages.Select(p => p.Source).ShouldBe([PageTextSource.TextLayer, PageTextSource.Ocr]);
        document.Language.ShouldBe("fr");
        ShouldReadLike(document, page: 2, original, turn: 0);
        // The header is drawn on the page, so OCR reads it too; its text-layer copy is not added a second time.
        PageText(document, 2).ShouldStartWith("TELECOPIE 01 23 45 67 89 DU 15/03/2024");
        PageText(document, 2).Split("TELECOPIE").Length.ShouldBe(2);

        // The table keeps its rows, in order, one per line, each cell in its column, as the text layer gives them.
        // Cells are compared as values (ReportPages.Cells): whether OCR keeps the thin gap in "40 %", or an accent on a
        // word it reads with low confidence, depends on the CPU's floating-point path and carries no meaning.
        var rows = ReportPages.FrenchRows.Select(r => ReportPages.Cells($"{r.Marker}\t{r.Result}\t{r.Score}")).ToList();
        var lines = PageText(document, 2).Split('\n').Select(ReportPages.Cells).Where(rows.Contains).ToList();
        lines.ShouldBe(rows, PageText(document, 2));
        PageText(original, 1).ShouldContain(string.Join('\n', ReportPages.FrenchRows.Select(r => $"{r.Marker}\t{r.Result}\t{r.Score}")));
        results[0].Chunks.ShouldContain(c => c.PageStart == 2 && c.Text.Contains("Ki-67", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_noisy_scan_of_an_english_report_reads_like_its_original_and_is_detected_as_english()
    {
        var english = new TestPdf().Page(ReportPages.English).Build();
        var original = await PdfFacts.ReadAsync(english, "original.pdf");
        var scan = TestScans.Scan(english, new ScanOptions(NoiseSeed: 11));

        var document = await Loader.LoadAsync(new InputFile("fax.pdf", scan));

        document.Language.ShouldBe("en");
        document.Pages.ShouldHaveSingleItem().Source.ShouldBe(PageTextSource.Ocr);
        ShouldReadLike(document, page: 1, original, turn: 0);
    }

    [Fact]
    public async Task Pages_scanned_sideways_upside_down_or_rotated_for_display_read_like_the_original_on_their_own_pages()
    {
        var original = await PdfFacts.ReadAsync(FrenchReport, "original.pdf");
        ScanOptions[] variants = [new(TurnDegrees: 90), new(TurnDegrees: 180), new(TurnDegrees: 270), new(PageRotate: 90)];
        var scan = new TestPdf();
        foreach (var variant in variants)
        {
            TestScans.AddScannedPage(scan, FrenchReport, 1, TestPdf.A4Width, TestPdf.A4Height, variant);
        }

        var document = await Loader.LoadAsync(new InputFile("rotations.pdf", scan.Build()));

        document.PageCount.ShouldBe(4);
        for (var i = 0; i < variants.Length; i++)
        {
            var page = document.Pages[i];
            page.Source.ShouldBe(PageTextSource.Ocr);
            var landscape = variants[i].TurnDegrees is 90 or 270 || variants[i].PageRotate is 90;
            (page.Width, page.Height).ShouldBe(landscape ? (TestPdf.A4Height, TestPdf.A4Width) : (TestPdf.A4Width, TestPdf.A4Height));
            ShouldReadLike(document, page: i + 1, original, turn: variants[i].TurnDegrees + variants[i].PageRotate);
        }
    }

    [Fact]
    public async Task Pages_read_by_one_tesseract_process_read_as_they_do_with_a_process_for_each_page()
    {
        var scan = TestScans.Scan(new TestPdf().Page(ReportPages.French).Page(ReportPages.Letter).Page(ReportPages.English).Build());
        var pages = Enumerable.Range(1, 3)
            .Select(n => new PageFallbackRequest(n, TestPdf.A4Width, TestPdf.A4Height, PageFallbackReason.ScannedImage) { ImageDpi = 200 })
            .ToList();
        var document = new PageFallbackDocument("scan.pdf", scan, pages);
        using var grouped = new TesseractOcr(new OcrOptions { MaxParallelism = 1, PagesPerProcess = 8 });
        using var alone = new TesseractOcr(new OcrOptions { MaxParallelism = 1, PagesPerProcess = 1 });
        grouped.Batches(pages).ShouldHaveSingleItem().Count.ShouldBe(3);

        var together = await grouped.ReadPagesAsync(document, CancellationToken.None);
        var separately = await alone.ReadPagesAsync(document, CancellationToken.None);

        together.Count.ShouldBe(3);
        for (var i = 0; i < 3; i++)
        {
            var words = together[i].ShouldNotBeNull().Words;
            words.ShouldBe(separately[i].ShouldNotBeNull().Words, $"page {i + 1}");
            together[i]!.TextRotation.ShouldBe(0);
        }

        // Each page's words are its own: the markers of each report on its page, none on the letter.
        together[0]!.Words.ShouldContain(w => w.Text == "RP");
        together[1]!.Words.ShouldNotContain(w => w.Text == "RP" || w.Text == "PR");
        together[2]!.Words.ShouldContain(w => w.Text == "PR");
    }

    [Fact]
    public async Task A_huge_image_and_a_poster_sized_page_are_rendered_within_bounds_and_refused_as_blank()
    {
        // A 20 000 x 20 000 image declared in a few compressed bytes, and a 5 m x 5 m page: the renderer gets a
        // resolution that keeps each image under MaxPixels, and both pages are read (and found blank) in bounded time.
        var poster = new TestPdf();
        poster.AddPage(14_400, 14_400).Rectangle(100, 100, 14_000, 14_000);
        var pages = new[] { HostilePdfs.HugeImage(), poster.Build() };

        foreach (var (pdf, name) in pages.Zip(["immense.pdf", "affiche.pdf"]))
        {
            var error = await Should.ThrowAsync<DocumentRejectedException>(() => Loader.LoadAsync(new InputFile(name, pdf)));
            error.Code.ShouldBe(InputErrorCodes.NoText);
            error.Message.ShouldContain("OCR found no text on them either");
        }
    }

    [Fact]
    public async Task With_ocr_switched_off_a_scan_is_refused_as_no_text_without_running_the_tools()
    {
        using var services = new ServiceCollection()
            .AddMedSummaryIngestion(o => o.Isolation.Enabled = false)
            .AddMedSummaryOcr(o => o.Enabled = false)
            .BuildServiceProvider();
        var scan = TestScans.Scan(FrenchReport);

        var error = await Should.ThrowAsync<DocumentRejectedException>(
            () => services.GetRequiredService<IDocumentLoader>().LoadAsync(new InputFile("scan.pdf", scan)));

        error.Code.ShouldBe(InputErrorCodes.NoText);
        error.Message.ShouldContain("OCR, which is not enabled");
        services.GetRequiredService<OcrStatus>().ShouldBe(new OcrStatus(false, false, null, null, []));
    }

    [Fact]
    public async Task Cancelling_a_document_kills_its_ocr_processes_and_removes_its_temporary_files()
    {
        var temp = Directory.CreateTempSubdirectory("medsummary-ocr-test-");
        try
        {
            using var engine = new TesseractOcr(new OcrOptions { TempPath = temp.FullName, MaxParallelism = 2 });
            var scan = TestScans.Scan(new TestPdf().Page(ReportPages.French).Page(ReportPages.English).Page(ReportPages.French).Build());
            var pages = Enumerable.Range(1, 3).Select(n => new PageFallbackRequest(n, TestPdf.A4Width, TestPdf.A4Height, PageFallbackReason.NoTextLayer)).ToList();
            using var cancel = new CancellationTokenSource();

            var reading = engine.ReadPagesAsync(new PageFallbackDocument("scan.pdf", scan, pages), cancel.Token);
            await WaitUntilAsync(() => ChildTools().Count > 0);
            await cancel.CancelAsync();

            await Should.ThrowAsync<OperationCanceledException>(() => reading);
            ChildTools().ShouldBeEmpty();
            temp.GetFileSystemInfos().ShouldBeEmpty();
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    private IDocumentLoader Loader => ocr.Services.GetRequiredService<IDocumentLoader>();

    /// <summary>
    /// Every value of the original's page is found on the OCR'd page with the same value; its citation verifies, lies
    /// on that page, and its box is where the original printed it (turned as the scan was).
    /// </summary>
    private static void ShouldReadLike(SourceDocument document, int page, SourceDocument original, int turn)
    {
        var expected = ReportPages.Fields(original, 1);
        var found = ReportPages.Fields(document, page);
        expected.Count.ShouldBe(ReportPages.FrenchRows.Length + 2);
        found.Values.Select(f => (f.Name, f.Value)).OrderBy(f => f.Name, StringComparer.Ordinal)
            .ShouldBe(expected.Values.Select(f => (f.Name, f.Value)).OrderBy(f => f.Name, StringComparer.Ordinal));

        var documents = new Dictionary<string, SourceDocument> { [document.Id] = document };
        foreach (var field in found.Values)
        {
            var citation = CitationFactory.Create(document, field.Span);
            CitationVerifier.Check(citation, documents).ShouldBeNull();
            citation.Page.ShouldBe(page);
            citation.Quote.ShouldBe(document.Text[field.Span.Start..field.Span.End]);

            var printed = ReportPages.Turned(ReportPages.BoxOf(original, expected[field.Name].Span), turn, TestPdf.A4Width, TestPdf.A4Height);
            var read = ReportPages.BoxOf(document, field.Span);
            Near(read, printed).ShouldBeTrue($"{field.Name} on page {page} is read at {read}, printed at {printed}");
        }
    }

    /// <summary>The same place: centres close and the boxes mostly overlapping (intersection over union at least one half).</summary>
    private static bool Near(BoundingBox a, BoundingBox b)
    {
        var centres = Math.Abs(((a.Left + a.Right) / 2) - ((b.Left + b.Right) / 2)) < Tolerance
            && Math.Abs(((a.Bottom + a.Top) / 2) - ((b.Bottom + b.Top) / 2)) < Tolerance;
        var width = Math.Min(a.Right, b.Right) - Math.Max(a.Left, b.Left);
        var height = Math.Min(a.Top, b.Top) - Math.Max(a.Bottom, b.Bottom);
        var intersection = width > 0 && height > 0 ? width * height : 0;
        var union = (a.Width * a.Height) + (b.Width * b.Height) - intersection;
        return centres && intersection >= 0.5 * union;
    }

    private static string PageText(SourceDocument document, int page)
    {
        var span = document.Map.PageSpan(page);
        return document.Text[span.Start..span.End];
    }

    /// <summary>pdftoppm and tesseract processes started by this process (under prlimit or not) that still run.</summary>
    private static List<int> ChildTools()
    {
        var self = Environment.ProcessId;
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                // /proc/PID/stat: "PID (comm) state PPID ..."; comm may hold spaces, so read after its closing parenthesis.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var close = stat.LastIndexOf(')');
                var name = stat[(stat.IndexOf('(') + 1)..close];
                var parent = int.Parse(stat[(close + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                if (parent == self && name is "tesseract" or "pdftoppm" or "prlimit")
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
        }

        return children;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (waiting.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("The condition did not become true within 60 s.");
            }

            await Task.Delay(20);
        }
    }
}
