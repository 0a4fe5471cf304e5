using System.Text;
using MedSummary.Ingestion.Pdf.Probing;
using MedSummary.Testing.Pdf;
using Shouldly;
using Xunit;

namespace MedSummary.Ingestion.Tests.Pdf;

/// <summary>The byte-level probe on PDFs built by the tests: pages and images counted, truncation seen, nothing parsed.</summary>
public sealed class PdfProbeTests
{
    [Fact]
    public void A_well_formed_pdf_shows_its_pages_and_its_end_marker()
    {
        var pdf = new TestPdf().Page(p => p.Text(72, 700, "Un.", 12)).Page(p => p.Text(72, 700, "Deux.", 12)).Page(p => p.Text(72, 700, "Trois.", 12)).Build();

        var probe = PdfProbe.Probe(pdf);

        probe.HasEndMarker.ShouldBeTrue();
        probe.PageObjects.ShouldBe(3);
        probe.PageCountKnown.ShouldBeTrue();
        probe.LargestImagePixels.ShouldBe(0);
    }

    [Fact]
    public void A_truncated_pdf_has_no_end_marker()
    {
        var pdf = new TestPdf().Page(p => p.Text(72, 700, "Compte rendu.", 12)).Build();

        PdfProbe.Probe(pdf[..(pdf.Length / 2)]).HasEndMarker.ShouldBeFalse();
    }

    [Fact]
    public void Padding_after_the_end_marker_is_not_truncation_but_junk_is()
    {
        var pdf = new TestPdf().Page(p => p.Text(72, 700, "Compte rendu.", 12)).Build();
        var spaces = new byte[2 * 1024 * 1024];
        Array.Fill(spaces, (byte)' ');

        PdfProbe.Probe([.. pdf, .. spaces]).HasEndMarker.ShouldBeTrue();
        PdfProbe.Probe([.. pdf, .. new byte[4096]]).HasEndMarker.ShouldBeTrue();
        PdfProbe.Probe([.. pdf, .. Encoding.ASCII.GetBytes(new string('x', 4096))]).HasEndMarker.ShouldBeFalse();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2000)]
    [InlineData(20_000)]
    public void Page_floods_are_counted_exactly(int pages)
    {
        PdfProbe.Probe(HostilePdfs.BlankPages(pages)).PageObjects.ShouldBe(pages);
        PdfProbe.Probe(HostilePdfs.HugePageCount(pages)).PageObjects.ShouldBe(pages);
    }

    [Fact]
    public void A_declared_image_size_is_read_without_inflating_the_image()
    {
        PdfProbe.Probe(HostilePdfs.HugeImage(20_000)).LargestImagePixels.ShouldBe(400_000_000);
    }

    [Fact]
    public void Page_markers_inside_strings_and_streams_are_not_pages_and_a_rewritten_page_counts_once()
    {
        var raw = new RawPdf();
        raw.Add("<< /Type /Catalog /Pages 2 0 R >>");
        raw.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        raw.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>");
        raw.Add(RawPdf.Helvetica);
        raw.AddStream("", "BT /F1 12 Tf 72 720 Td (/Type /Page) Tj ET % /Type /Page");
        raw.Add("<< /Title (a (nested\\) /Type /Page) title) /Subject (/Type /Page) >>");
        var pdf = raw.Build();

        // An incremental update that rewrites the page: still one page.
        var update = Encoding.Latin1.GetBytes("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R >>\nendobj\n%%EOF\n");
        var probe = PdfProbe.Probe([.. pdf, .. update]);

        probe.PageObjects.ShouldBe(1);
        probe.HasEndMarker.ShouldBeTrue();
    }

    [Fact]
    public void Deep_nesting_and_recursion_built_to_break_parsers_are_one_pass_over_bytes()
    {
        PdfProbe.Probe(HostilePdfs.DeepArrayNesting(1_000_000)).PageObjects.ShouldBe(1);
        PdfProbe.Probe(HostilePdfs.DeepPageTree(20_000)).PageObjects.ShouldBe(1);
        PdfProbe.Probe(HostilePdfs.ReferenceCycle()).PageObjects.ShouldBe(1);
    }

    [Fact]
    public void Object_streams_make_the_page_count_unknown()
    {
        var raw = new RawPdf();
        raw.Add("<< /Type /Catalog /Pages 2 0 R >>");
        raw.AddStream("/Type /ObjStm /N 1 /First 4", "2 0 << /Type /Pages /Kids [] /Count 0 >>");

        var probe = PdfProbe.Probe(raw.Build());

        probe.UsesObjectStreams.ShouldBeTrue();
        probe.PageCountKnown.ShouldBeFalse();
    }
}
