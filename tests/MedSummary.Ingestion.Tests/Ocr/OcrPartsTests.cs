using System.Text;
using MedSummary.Core.Provenance;
using MedSummary.Ingestion.Ocr;
using MedSummary.Ingestion.Pdf;
using MedSummary.Ingestion.Pdf.Layout;
using MedSummary.Testing.Pdf;
using Shouldly;
using Xunit;

namespace MedSummary.Ingestion.Tests.Ocr;

/// <summary>The OCR stages that need no external tool: frames, Tesseract's TSV, text direction, images, word layout.</summary>
public sealed class OcrPartsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(90)]
    [InlineData(180)]
    [InlineData(270)]
    public void A_box_taken_to_the_upright_frame_and_back_is_unchanged(int rotation)
    {
        var frame = new TextFrame(rotation, 842, 595);
        var box = new BoundingBox(100, 200, 130, 260);

        var back = frame.ToPage(frame.ToUpright(box));

        back.Left.ShouldBe(box.Left, 1e-9);
        back.Bottom.ShouldBe(box.Bottom, 1e-9);
        back.Right.ShouldBe(box.Right, 1e-9);
        back.Top.ShouldBe(box.Top, 1e-9);
        (frame.Width, frame.Height).ShouldBe(rotation is 90 or 270 ? (595.0, 842.0) : (842.0, 595.0));
    }

    [Theory]
    [InlineData(90, 0, -1)]
    [InlineData(180, -1, 0)]
    [InlineData(270, 0, 1)]
    public void Text_running_rotated_on_the_page_reads_left_to_right_in_its_upright_frame(int rotation, int dx, int dy)
    {
        // Two words one after the other along the text's direction on a 600 x 800 page, from its centre.
        var frame = new TextFrame(rotation, 600, 800);
        var first = new BoundingBox(300, 400, 310, 410);
        var second = new BoundingBox(300 + (50 * dx), 400 + (50 * dy), 310 + (50 * dx), 410 + (50 * dy));

        var a = frame.ToUpright(first);
        var b = frame.ToUpright(second);

        (b.Left - a.Left).ShouldBe(50, 1e-9);
        (b.Bottom - a.Bottom).ShouldBe(0, 1e-9);
        a.Left.ShouldBeInRange(0, frame.Width);
        a.Top.ShouldBeInRange(0, frame.Height);
    }

    [Fact]
    public void Tesseract_tsv_gives_the_words_with_their_boxes_and_lines_and_skips_the_rest()
    {
        var tsv = string.Join('\n',
            "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
            "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t",
            "4\t1\t1\t1\t1\t0\t300\t200\t500\t40\t-1\t",
            "5\t1\t1\t1\t1\t1\t300\t200\t180\t40\t95.5\tCarcinome",
            "5\t1\t1\t1\t1\t2\t500\t200\t120\t40\t91\tinfiltrant",
            "5\t1\t1\t1\t2\t1\t300\t260\t60\t40\t88.25\tpT2a",
            "5\t1\t2\t1\t1\t1\t900\t260\t0\t40\t88\tvide",
            "5\t1\t2\t1\t1\t2\t950\t260\t10\t40\t12\t ",
            "5\tbroken row",
            "5\t1\t2\t1\t1\t3\t1000\t260\t80\t40\t77\tRE");

        var words = TesseractTsv.Parse(Encoding.UTF8.GetBytes(tsv));

        words.Select(w => w.Text).ShouldBe(["Carcinome", "infiltrant", "pT2a", "RE"]);
        words.Select(w => w.Line).ShouldBe([0, 0, 1, 2]);
        words[2].ShouldBe(new TsvWord("pT2a", 88.25, 300, 260, 60, 40, 1));
    }

    [Fact]
    public void Tesseract_tsv_of_several_images_gives_each_page_its_words_with_lines_counted_from_zero()
    {
        var tsv = string.Join('\n',
            "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
            "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t",
            "5\t1\t1\t1\t1\t1\t300\t200\t180\t40\t95\tRE",
            "5\t1\t1\t1\t2\t1\t300\t260\t60\t40\t88\tRP",
            "1\t2\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t",
            "1\t3\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t",
            "5\t3\t1\t1\t1\t1\t300\t200\t180\t40\t91\tHER2",
            "5\t3\t2\t1\t1\t1\t300\t300\t180\t40\t91\tKi-67",
            "5\t4\t1\t1\t1\t1\t300\t300\t180\t40\t91\tbeyond");

        var pages = TesseractTsv.ParsePages(Encoding.UTF8.GetBytes(tsv), 3);

        pages.Select(p => p.Select(w => w.Text).ToList()).ShouldBe([["RE", "RP"], [], ["HER2", "Ki-67"]]);
        pages[0].Select(w => w.Line).ShouldBe([0, 1]);
        pages[2].Select(w => w.Line).ShouldBe([0, 1]);
    }

    [Fact]
    public void Pages_are_grouped_by_resolution_in_as_many_groups_as_run_at_once_and_none_above_the_limit()
    {
        using var ocr = new TesseractOcr(new OcrOptions { MaxParallelism = 2, PagesPerProcess = 3 });
        var pages = Enumerable.Range(1, 9)
            .Select(n => new PageFallbackRequest(n, TestPdf.A4Width, TestPdf.A4Height, PageFallbackReason.ScannedImage) { ImageDpi = n == 5 ? 300 : 200 })
            .ToList();

        var batches = ocr.Batches(pages);

        batches.SelectMany(b => b).Select(p => p.PageNumber).Order().ShouldBe(Enumerable.Range(1, 9));
        batches.ShouldAllBe(b => b.Count <= 3 && b.Select(p => p.ImageDpi).Distinct().Count() == 1);
        batches.Count(b => b.Any(p => p.PageNumber == 5)).ShouldBe(1);
        batches.Single(b => b.Any(p => p.PageNumber == 5)).Count.ShouldBe(1);
        ocr.Batches(pages.Take(2).ToList()).Select(b => b.Count).ShouldBe([1, 1]);
        new OcrOptions { PagesPerProcess = 0 }.Validate().ShouldContain(e => e.StartsWith("PagesPerProcess", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(0, 1, 90)]
    [InlineData(-1, 0, 180)]
    [InlineData(0, -1, 270)]
    public void The_text_direction_is_the_way_most_lines_run_from_their_first_word_to_their_last(int dx, int dy, int expected)
    {
        var words = new List<TsvWord>();
        for (var line = 0; line < 3; line++)
        {
            for (var w = 0; w < 4; w++)
            {
                words.Add(new TsvWord("mot", 90, 1000 + (dx * w * 100) + (line * 7), 1000 + (dy * w * 100) + (line * 50), 60, 30, line));
            }
        }

        // A stamp across the page, one line going the other way, is outvoted.
        words.Add(new TsvWord("URGENT", 90, 10, 10, 100, 30, 9));
        words.Add(new TsvWord("FAX", 90, 10, 200, 100, 30, 9));

        TesseractOcr.TextDirection(words).ShouldBe(expected);
    }

    [Fact]
    public void A_half_turn_reverses_the_pixels_and_keeps_the_size()
    {
        var pgm = Encoding.ASCII.GetBytes("P5\n3 2\n255\n").Concat(new byte[] { 1, 2, 3, 4, 5, 6 }).ToArray();

        var turned = Pgm.RotateHalfTurn(pgm);

        var (width, height, offset) = Pgm.ReadHeader(turned);
        (width, height).ShouldBe((3, 2));
        turned[offset..].ShouldBe(new byte[] { 6, 5, 4, 3, 2, 1 });
        Should.Throw<FormatException>(() => Pgm.ReadHeader(Encoding.ASCII.GetBytes("P5\n3 2\n255\n\u0001")));
        Should.Throw<FormatException>(() => Pgm.ReadHeader(Encoding.ASCII.GetBytes("P6\n3 2\n255\n")));
    }

    [Fact]
    public void Despeckling_removes_lone_specks_and_keeps_letters_punctuation_and_accents()
    {
        // A 60 x 30 white page at 300 dpi: a letter-sized blob with a dot right after it (a full stop) and an accent
        // just above it, and a lone 2 x 2 speck far from anything.
        const int width = 60;
        const int height = 30;
        var pixels = Enumerable.Repeat((byte)255, width * height).ToArray();
        void Fill(int x0, int y0, int w, int h)
        {
            for (var y = y0; y < y0 + h; y++)
            {
                for (var x = x0; x < x0 + w; x++)
                {
                    pixels[(y * width) + x] = 0;
                }
            }
        }

        Fill(5, 10, 8, 12);   // the letter
        Fill(15, 19, 3, 3);   // its full stop, two pixels away
        Fill(7, 6, 3, 2);     // its accent, two pixels above
        Fill(45, 3, 2, 2);    // a speck
        var pgm = Encoding.ASCII.GetBytes($"P5\n{width} {height}\n255\n").Concat(pixels).ToArray();
        var offset = pgm.Length - pixels.Length;

        var removed = Despeckle.Clean(pgm, 300);

        removed.ShouldBe(1);
        pgm[offset + (3 * width) + 45].ShouldBe((byte)255);
        pgm[offset + (20 * width) + 16].ShouldBe((byte)0);
        pgm[offset + (6 * width) + 8].ShouldBe((byte)0);
        pgm.Skip(offset).Count(b => b == 0).ShouldBe((8 * 12) + 9 + 6);
    }

    [Fact]
    public async Task Recognised_words_keep_their_order_and_separation_even_when_their_boxes_overlap()
    {
        // Tesseract sometimes gives a word a box wider than its ink, reaching into the next word.
        var fallback = new FixedOcr(new FallbackPageText(
        [
            new FallbackWord("canalaire", new BoundingBox(72, 700, 119, 710), 0),
            new FallbackWord("infiltrant", new BoundingBox(125, 700, 182, 710), 0),
            new FallbackWord("de", new BoundingBox(172, 700, 182, 714), 0),
            new FallbackWord("grade", new BoundingBox(186, 698, 216, 712), 0),
        ]));

        var document = await new PdfDocumentReader(fallback: fallback).ReadAsync(new InputFile("scan.pdf", OneBlankPage), CancellationToken.None);

        document.Text.ShouldBe("canalaire infiltrant de grade");
        var de = document.Text.IndexOf(" de ", StringComparison.Ordinal) + 1;
        document.Map.BoxAt(de)!.Value.Left.ShouldBe(172, 1e-9);
    }

    [Fact]
    public async Task Words_of_a_page_scanned_sideways_are_read_in_order_with_their_boxes_on_the_page()
    {
        // The text runs top to bottom (a portrait page fed sideways): each line is a column, read from the right.
        var fallback = new FixedOcr(new FallbackPageText(
        [
            new FallbackWord("ligne", new BoundingBox(500, 600, 512, 630), 0),
            new FallbackWord("une", new BoundingBox(500, 570, 512, 590), 0),
            new FallbackWord("ligne", new BoundingBox(480, 600, 492, 630), 1),
            new FallbackWord("deux", new BoundingBox(480, 565, 492, 590), 1),
        ], TextRotation: 90));

        var document = await new PdfDocumentReader(fallback: fallback).ReadAsync(new InputFile("scan.pdf", OneBlankPage), CancellationToken.None);

        document.Text.ShouldBe("ligne une\nligne deux");
        var deux = document.Text.IndexOf("deux", StringComparison.Ordinal);
        var box = document.Map.BoxAt(deux)!.Value;
        (box.Left, box.Right).ShouldBe((480.0, 492.0));
        box.Top.ShouldBe(590, 1e-9);
    }

    [Fact]
    public async Task A_page_that_is_mostly_an_image_under_a_stamped_line_goes_to_ocr_and_keeps_the_line()
    {
        var image = new MedSummary.Testing.Imaging.GrayImage(100, 140, Enumerable.Repeat((byte)230, 14_000).ToArray());
        var pdf = new TestPdf()
            .Page(p => p.Image(image, 0, 0, TestPdf.A4Width, TestPdf.A4Height).Text(40, 820, "FAX 01 23 45 67 89 P.1", 8))
            .Build();
        var recognised = new FixedOcr(new FallbackPageText(
        [
            new FallbackWord("Compte", new BoundingBox(72, 700, 120, 712), 0),
            new FallbackWord("rendu", new BoundingBox(126, 700, 160, 712), 0),
        ]));
        var rereadHeader = new FixedOcr(new FallbackPageText(
        [
            new FallbackWord("FAX", new BoundingBox(39, 818, 58, 827), 0),
            new FallbackWord("Compte", new BoundingBox(72, 700, 120, 712), 1),
        ]));

        var withoutOcr = await new PdfDocumentReader().ReadAsync(new InputFile("fax.pdf", pdf), CancellationToken.None);
        var withOcr = await new PdfDocumentReader(fallback: recognised).ReadAsync(new InputFile("fax.pdf", pdf), CancellationToken.None);
        var headerRead = await new PdfDocumentReader(fallback: rereadHeader).ReadAsync(new InputFile("fax.pdf", pdf), CancellationToken.None);

        withoutOcr.Text.ShouldBe("FAX 01 23 45 67 89 P.1");
        withoutOcr.Pages[0].Source.ShouldBe(Core.Documents.PageTextSource.TextLayer);
        recognised.Requests.ShouldHaveSingleItem().Reason.ShouldBe(PageFallbackReason.ScannedImage);

        // The scan's own resolution, for OCR to render at: 100 x 140 pixels over an A4 page.
        recognised.Requests[0].ImageDpi!.Value.ShouldBe(Math.Sqrt(100.0 * 140 / (TestPdf.A4Width * TestPdf.A4Height)) * 72, 1e-6);
        withOcr.Text.ShouldBe("FAX 01 23 45 67 89 P.1\n\nCompte rendu");
        withOcr.Pages[0].Source.ShouldBe(Core.Documents.PageTextSource.Ocr);
        headerRead.Text.Split("FAX").Length.ShouldBe(2, "the header's word read by OCR must not be doubled by its text-layer copy");
        headerRead.Text.ShouldContain("01 23 45 67 89 P.1");
    }

    private static readonly byte[] OneBlankPage = new TestPdf().Page(p => p.Rectangle(50, 50, 100, 100)).Build();

    private sealed class FixedOcr(FallbackPageText page) : IPageTextFallback
    {
        public List<PageFallbackRequest> Requests { get; } = [];

        public Task<IReadOnlyList<FallbackPageText?>> ReadPagesAsync(PageFallbackDocument document, CancellationToken cancellationToken)
        {
            Requests.AddRange(document.Pages);
            return Task.FromResult<IReadOnlyList<FallbackPageText?>>([.. document.Pages.Select(_ => page)]);
        }
    }
}
