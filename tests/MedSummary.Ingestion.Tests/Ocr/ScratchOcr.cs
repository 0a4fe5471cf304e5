using MedSummary.Ingestion.Ocr;
using MedSummary.Testing.Pdf;
using Xunit;
using Xunit.Abstractions;

namespace MedSummary.Ingestion.Tests.Ocr;

public sealed class ScratchOcr(ITestOutputHelper output)
{
    [Fact]
    public async Task Print()
    {
        var text = new TestPdf().Page(p =>
        {
            p.Text(72, 770, "COMPTE RENDU ANATOMOPATHOLOGIQUE", 14, bold: true);
            p.Lines(72, 740, TestPdf.Wrap("Patiente de 58 ans. Tumorectomie du sein gauche le 14 mars 2024. Carcinome canalaire infiltrant de grade II. Classification pTNM : pT2a N1 M0.", 450, 12), 12, 16);
            var y = 650.0;
            foreach (var (a, b, c) in new[] { ("RE", "positif", "90 %"), ("RP", "positif", "40 %"), ("HER2", "négatif", "1+"), ("Ki-67", "élevé", "25 %") })
            {
                p.Text(90, y, a, 12).Text(220, y, b, 12).Text(350, y, c, 12);
                y -= 18;
            }
        }).Build();
        using var ocr = new TesseractOcr(new OcrOptions());
        foreach (var options in new[] { new ScanOptions(), new ScanOptions(NoiseSeed: 3), new ScanOptions(TurnDegrees: 90), new ScanOptions(TurnDegrees: 180), new ScanOptions(TurnDegrees: 270), new ScanOptions(PageRotate: 90) })
        {
            var scan = TestScans.Scan(text, options);
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var doc = await new MedSummary.Ingestion.Pdf.PdfDocumentReader(fallback: ocr).ReadAsync(new InputFile("scan.pdf", scan), CancellationToken.None);
            output.WriteLine($"--- {options} {sw.ElapsedMilliseconds} ms, {scan.Length} bytes, page {doc.Pages[0].Width}x{doc.Pages[0].Height} {doc.Pages[0].Source}");
            output.WriteLine(doc.Text);
            var i = doc.Text.IndexOf("RENDU", StringComparison.Ordinal);
            if (i >= 0)
            {
                output.WriteLine($"box of RENDU: {doc.Map.BoxAt(i)}");
            }
        }
    }
}

public sealed class ScratchGlyphs(ITestOutputHelper output)
{
    [Fact]
    public void Print()
    {
        static MedSummary.Ingestion.Pdf.FallbackWord W(string t, int l, int top, int w, int h) =>
            new(t, new MedSummary.Core.Provenance.BoundingBox(l * 0.24, 842 - ((top + h) * 0.24), (l + w) * 0.24, 842 - (top * 0.24)), 0);
        var page = new MedSummary.Ingestion.Pdf.FallbackPageText([W("canalaire", 302, 452, 196, 39), W("infiltrant", 520, 452, 238, 39), W("de", 718, 448, 40, 58), W("grade", 776, 452, 123, 49)]);
        var (glyphs, _) = MedSummary.Ingestion.Pdf.Layout.FallbackGlyphs.From(page, 595, 842);
        foreach (var g in glyphs)
        {
            output.WriteLine($"{g.Text} {g.StartX:0.0}-{g.EndX:0.0} base {g.BaselineY:0.0} size {g.Size:0.0}");
        }

        var rows = MedSummary.Ingestion.Pdf.Layout.PageGeometry.BuildRows(glyphs);
        foreach (var r in rows)
        {
            foreach (var s in r.Segments)
            {
                output.WriteLine(string.Join(" | ", s.Words.Select(w => string.Concat(w.Glyphs.Select(i => glyphs[i].Text)))));
            }
        }
    }
}
