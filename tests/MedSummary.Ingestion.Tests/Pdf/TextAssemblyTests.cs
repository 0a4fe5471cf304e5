using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;
using MedSummary.Ingestion.Pdf;
using MedSummary.Ingestion.Pdf.Layout;
using MedSummary.Testing.Pdf;
using Shouldly;
using Xunit;

namespace MedSummary.Ingestion.Tests.Pdf;

public sealed class TextAssemblyTests
{
    [Fact]
    public void A_ligature_glyph_is_spelled_out_and_each_letter_keeps_the_glyph_box()
    {
        // PdfPig reports a ligature either as U+FB01 or as "fi" in one letter; both must give searchable "fi".
        var fi = new BoundingBox(10, 100, 16, 108);
        Glyph[] glyphs =
        [
            new("\uFB01", fi, 10, 16, 100, 10),
            new("n", new BoundingBox(16, 100, 21, 106), 16, 21.5, 100, 10),
            new("fl", new BoundingBox(30, 100, 36, 108), 30, 36, 100, 10),
            new("u", new BoundingBox(36, 100, 41, 106), 36, 41.5, 100, 10),
        ];
        var page = new PageModel(1, 200, 200, glyphs, PageGeometry.BuildRows(glyphs), PageTextSource.TextLayer);
        var builder = new CanonicalTextBuilder();

        builder.AppendPage(page, ReadingOrder.Order(page.Rows), isLast: true);
        var (text, map, _) = builder.Build();

        text.ShouldBe("fin flu");
        map.BoxAt(0).ShouldBe(fi);
        map.BoxAt(1).ShouldBe(fi);
        map.BoxAt(3).ShouldBeNull();
        map.BoxAt(4).ShouldBe(map.BoxAt(5));
    }

    [Fact]
    public void The_test_writer_refuses_characters_helvetica_cannot_show()
    {
        var error = Should.Throw<ArgumentException>(() => new TestPdf().Page(p => p.Text(72, 700, "Signiﬁcatif", 12)));

        error.Message.ShouldContain("U+FB01");
    }
}
