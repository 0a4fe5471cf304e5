using MedSummary.Core.Documents;
using MedSummary.Core.Errors;
using MedSummary.Core.Provenance;
using MedSummary.Ingestion.Pdf;
using MedSummary.Testing.Pdf;
using Shouldly;
using Xunit;

namespace MedSummary.Ingestion.Tests.Pdf;

public sealed class PdfDocumentReaderTests
{
    [Fact]
    public async Task French_accents_round_trip_and_every_character_maps_to_its_page_and_glyph()
    {
        string[] pageTexts =
        [
            "Antécédents : œdème, hépatite à 20 ans, cœur sain.",
            "Élément clé : réévaluation après chimiothérapie néoadjuvante.",
            "Ça reste à suivre ; « contrôle » prévu où il faut, à Noël.",
        ];
        var pdf = new TestPdf();
        foreach (var text in pageTexts)
        {
            pdf.Page(p => p.Text(100, 600, text, 12).Text(100, 580, "Deuxième ligne ici.", 12));
        }

        var bytes = pdf.Build();
        var document = await PdfFacts.ReadAsync(bytes);

        document.PageCount.ShouldBe(3);
        document.MediaType.ShouldBe("application/pdf");
        document.Language.ShouldBe("fr");
        var raw = PdfFacts.RawLetters(bytes);
        for (var page = 1; page <= 3; page++)
        {
            var span = document.Map.PageSpan(page);
            var pageText = document.Text[span.Start..span.End];
            pageText.ShouldStartWith(pageTexts[page - 1] + "\nDeuxième ligne ici.");
            document.Pages[page - 1].Source.ShouldBe(PageTextSource.TextLayer);
            document.Pages[page - 1].Span.ShouldBe(span);
            CharMapAssert.EveryBoxedCharacterIsItsGlyph(document, page, raw[page - 1], expectedDroppedGlyphs: []);
        }

        // The separator belongs to the page it ends, so the last page has none and pages tile the text.
        document.Map.PageSpan(1).End.ShouldBe(document.Map.PageSpan(2).Start);
        document.Text[(document.Map.PageSpan(1).End - 2)..document.Map.PageSpan(1).End].ShouldBe("\n\n");
        document.Text.ShouldEndWith("Deuxième ligne ici.");

        var word = PdfFacts.SingleIndexOf(document.Text, "réévaluation");
        document.Map.PageAt(word).ShouldBe(2);
        var first = document.Map.BoxAt(word)!.Value;
        first.Left.ShouldBe(100 + TestPdf.Measure("Élément clé : ", 12), 1.0);
        first.Bottom.ShouldBeInRange(600 - 4, 600 + 1);
        var region = document.Map.RegionsOf(TextSpan.FromLength(word, "réévaluation".Length)).ShouldHaveSingleItem();
        region.Page.ShouldBe(2);
        region.Boxes.ShouldHaveSingleItem().Right.ShouldBe(100 + TestPdf.Measure("Élément clé : réévaluation", 12), 1.0);
    }

    [Fact]
    public async Task A_page_without_text_is_empty_and_other_pages_are_read()
    {
        var pdf = new TestPdf()
            .Page(p => p.Text(72, 700, "Première page lisible.", 12))
            .Page(p => p.Rectangle(100, 100, 300, 400))
            .Page(p => p.Text(72, 700, "Troisième page lisible.", 12))
            .Build();

        var document = await PdfFacts.ReadAsync(pdf);

        document.Text.ShouldBe("Première page lisible.\n\nTroisième page lisible.");
        document.Pages[1].Source.ShouldBe(PageTextSource.None);
        document.Map.PageSpan(2).IsEmpty.ShouldBeTrue();
        document.Map.PageAt(document.Text.IndexOf("Troisième", StringComparison.Ordinal)).ShouldBe(3);
    }

    [Fact]
    public async Task Pages_without_a_text_layer_go_to_the_fallback_when_one_is_given()
    {
        var pdf = new TestPdf()
            .Page(p => p.Text(72, 700, "Texte natif.", 12))
            .Page(p => p.Rectangle(100, 100, 300, 400))
            .Build();
        var fallback = new FakeOcr(new FallbackPageText(
        [
            new FallbackWord("texte", new BoundingBox(150, 500, 190, 512)),
            new FallbackWord("Reconnu", new BoundingBox(100, 500, 145, 512)),
            new FallbackWord("ligne", new BoundingBox(100, 480, 130, 492)),
        ]));

        var document = await new PdfDocumentReader(fallback: fallback).ReadAsync(new InputFile("scan.pdf", pdf), CancellationToken.None);

        fallback.Requests.ShouldHaveSingleItem().PageNumber.ShouldBe(2);
        fallback.Requests[0].Reason.ShouldBe(PageFallbackReason.NoTextLayer);
        document.Pages[1].Source.ShouldBe(PageTextSource.Ocr);
        var page2 = document.Map.PageSpan(2);
        document.Text[page2.Start..page2.End].ShouldBe("Reconnu texte\nligne");
        var box = document.Map.BoxAt(document.Text.IndexOf("Reconnu", StringComparison.Ordinal))!.Value;
        box.Left.ShouldBe(100, 0.01);
    }

    [Fact]
    public async Task Pages_with_nothing_drawn_are_not_sent_to_the_fallback_and_a_flood_of_them_is_refused_as_no_text()
    {
        var fallback = new FakeOcr(new FallbackPageText([new FallbackWord("lu", new BoundingBox(100, 500, 120, 512))]));
        var reader = new PdfDocumentReader(fallback: fallback);

        var error = await Should.ThrowAsync<DocumentRejectedException>(
            () => reader.ReadAsync(new InputFile("blanc.pdf", HostilePdfs.BlankPages(2000)), CancellationToken.None));
        var unpainted = new RawPdf();
        unpainted.Add("<< /Type /Catalog /Pages 2 0 R >>");
        unpainted.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        unpainted.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>");
        unpainted.AddStream("", "q 1 0 0 1 10 10 cm 0.5 g 100 100 300 400 re n Q");
        var alsoBlank = await Should.ThrowAsync<DocumentRejectedException>(
            () => reader.ReadAsync(new InputFile("trace.pdf", unpainted.Build()), CancellationToken.None));

        error.Code.ShouldBe(InputErrorCodes.NoText);
        error.Message.ShouldBe("blanc.pdf: nothing is drawn on any of the PDF's 2000 page(s).");
        alsoBlank.Code.ShouldBe(InputErrorCodes.NoText);
        fallback.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Pages_read_in_parallel_give_the_same_document_as_pages_read_in_order()
    {
        var pdf = new TestPdf();
        for (var n = 1; n <= 40; n++)
        {
            var page = n;
            pdf.Page(p => p
                .Text(60, 806, "En-tête commun du dossier", 9)
                .Lines(60, 760, TestPdf.Wrap($"Page {page} : texte propre à cette page, numéro {page}, suivi de quelques mots de plus pour remplir la ligne.", 470, 11), 11, 14));
        }

        var bytes = pdf.Build();
        var input = new InputFile("long.pdf", bytes);

        var sequential = await new PdfDocumentReader(new IngestionOptions { MaxPageParallelism = 1 }).ReadAsync(input, CancellationToken.None);
        var parallel = await new PdfDocumentReader(new IngestionOptions { MaxPageParallelism = 4 }).ReadAsync(input, CancellationToken.None);

        parallel.Text.ShouldBe(sequential.Text);
        parallel.RemovedFurniture.ShouldBe(sequential.RemovedFurniture);
        parallel.Pages.ShouldBe(sequential.Pages);
        Enumerable.Range(0, parallel.Text.Length).ShouldAllBe(i => parallel.Map.BoxAt(i) == sequential.Map.BoxAt(i));
        for (var n = 1; n <= 40; n++)
        {
            parallel.Map.PageAt(parallel.Text.IndexOf($"Page {n} :", StringComparison.Ordinal)).ShouldBe(n);
        }
    }

    private sealed class FakeOcr(FallbackPageText result) : IPageTextFallback
    {
        public List<PageFallbackRequest> Requests { get; } = [];

        public Task<IReadOnlyList<FallbackPageText?>> ReadPagesAsync(PageFallbackDocument document, CancellationToken cancellationToken)
        {
            Requests.AddRange(document.Pages);
            return Task.FromResult<IReadOnlyList<FallbackPageText?>>([.. document.Pages.Select(_ => result)]);
        }
    }
}
