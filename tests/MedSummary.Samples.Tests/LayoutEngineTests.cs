using MedSummary.Core.Gold;
using MedSummary.Samples.Pdf;
using Shouldly;
using Xunit;

namespace MedSummary.Samples.Tests;

public sealed class LayoutEngineTests
{
    private static LayoutDocument Document(IReadOnlyList<Block> blocks, RunningLine? footer = null) => new()
    {
        Metadata = new PdfMetadata("test", "author", "creator", new DateOnly(2023, 3, 14)),
        Blocks = blocks,
        Footer = footer,
    };

    [Theory]
    [InlineData(FontFamily.Helvetica)]
    [InlineData(FontFamily.Times)]
    [InlineData(FontFamily.Courier)]
    public void French_text_round_trips_through_PdfPig_in_every_family(FontFamily family)
    {
        const string text = "Élève à l’hôpital : cœur, Œdème, « guillemets », l'apostrophe droite, façon où ù ô î ï ê è ç É À Ç – … € µ ° ² 8,2 g/dL";

        var rendered = PdfLayoutEngine.Render(Document([new Paragraph(MarkedText.Plain(text))]) with { Family = family });

        GoldText.NormalizeWhitespace(PdfTextReader.ReadPages(rendered.Bytes).Single()).ShouldBe(text);
    }

    [Fact]
    public void Characters_outside_WinAnsi_are_replaced_before_offsets_are_taken_or_refused()
    {
        WinAnsi.Sanitize("PSA ≥ 10 → biopsie").ShouldBe("PSA >= 10 -> biopsie");
        Should.Throw<ArgumentException>(() => WinAnsi.Sanitize("肺癌")).Message.ShouldContain("U+80BA");
    }

    [Fact]
    public void A_long_document_flows_onto_new_pages_and_marks_know_their_page()
    {
        var blocks = new List<Block>();
        for (var i = 0; i < 60; i++)
        {
            blocks.Add(new Paragraph(MarkedText.Plain($"Paragraphe {i}. " + string.Concat(Enumerable.Repeat("Le suivi se poursuit sans événement notable. ", 5)))));
        }

        blocks.Add(new Paragraph(new MarkedTextBuilder().Append("Conclusion : ").AppendMarked("pT2 pN1a", ["field:pathologic_t=T2"]).Append(".").Build()));

        var rendered = PdfLayoutEngine.Render(Document(blocks, new RunningLine("", "", "Page {page}/{pages}")));
        var pages = PdfTextReader.ReadPages(rendered.Bytes);

        pages.Count.ShouldBeGreaterThan(2);
        pages.Count.ShouldBe(rendered.PageCount);
        var mark = rendered.Marks.Single();
        mark.Page.ShouldBe(pages.Count);
        GoldText.Contains(pages[mark.Page - 1], mark.Quote).ShouldBeTrue();
        pages[0].ShouldContain($"Page 1/{pages.Count}");
        pages[^1].ShouldContain($"Page {pages.Count}/{pages.Count}");
    }

    [Fact]
    public void A_table_that_continues_on_a_new_page_repeats_its_header_and_row_marks_join_cells()
    {
        var rows = Enumerable.Range(0, 120)
            .Select(i => new TableRow([MarkedText.Plain($"Analyse {i}"), MarkedText.Plain($"{i},5"), MarkedText.Plain("g/dL")])
            {
                Marks = i == 100 ? [new RowMark("lab:hemoglobin@2023-03-14", 0, 2)] : [],
            })
            .ToList();

        var rendered = PdfLayoutEngine.Render(Document([new Table([new("Analyse", 3), new("Résultat", 1, TextAlign.Right), new("Unité", 1)], rows)]));
        var pages = PdfTextReader.ReadPages(rendered.Bytes);

        pages.Count.ShouldBeGreaterThan(1);
        pages.ShouldAllBe(p => p.Contains("Analyse Résultat Unité"));
        var mark = rendered.Marks.Single();
        mark.Quote.ShouldBe("Analyse 100 100,5 g/dL");
        GoldText.Contains(pages[mark.Page - 1], mark.Quote).ShouldBeTrue();
    }

    [Fact]
    public void The_plain_text_export_holds_the_same_marks_verbatim()
    {
        var blocks = new List<Block>
        {
            new Heading(MarkedText.Plain("Conclusion"), 1),
            new Paragraph(new MarkedTextBuilder().Append(string.Concat(Enumerable.Repeat("Texte de remplissage. ", 12))).AppendMarked("carcinome canalaire infiltrant", ["field:histology=invasive ductal carcinoma"]).Build()),
            new Table([new("Analyse", 3), new("Résultat", 1)], [new TableRow([MarkedText.Plain("Plaquettes"), MarkedText.Plain("85")]) { Marks = [new RowMark("lab:platelets@2023-03-14", 0, 1)] }]),
        };

        var rendered = PlainTextRenderer.Render(Document(blocks));
        var text = System.Text.Encoding.UTF8.GetString(rendered.Bytes);

        rendered.PageCount.ShouldBe(1);
        text.Split('\n').ShouldAllBe(line => line.Length <= PlainTextRenderer.WrapColumn);
        rendered.Marks.ShouldAllBe(m => GoldText.Contains(text, m.Quote));
        rendered.Marks.Select(m => m.Quote).ShouldBe(["carcinome canalaire infiltrant", "Plaquettes 85"]);
    }
}
