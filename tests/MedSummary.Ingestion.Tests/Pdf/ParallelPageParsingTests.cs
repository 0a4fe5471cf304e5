using MedSummary.Ingestion.Pdf;
using MedSummary.Ingestion.Pdf.Isolation;
using MedSummary.Testing.Pdf;
using Shouldly;
using Xunit;

namespace MedSummary.Ingestion.Tests.Pdf;

/// <summary>
/// Pages parsed on two threads of the isolated worker (each thread with its own reader of the file) and laid out on
/// two threads here come back as the same pages, in page order, with the same text and boxes as one thread gives.
/// </summary>
public sealed class ParallelPageParsingTests
{
    /// <summary>48 pages, each with text of its own, a running header, and a two-column page every tenth page.</summary>
    private static byte[] Dossier()
    {
        var pdf = new TestPdf();
        for (var n = 1; n <= 48; n++)
        {
            var number = n;
            pdf.Page(p =>
            {
                p.Text(60, 806, "Centre de lutte contre le cancer — dossier partagé", 9)
                    .Text(60, 30, $"Page {number}/48", 9);
                if (number % 10 == 0)
                {
                    p.Lines(60, 760, TestPdf.Wrap($"Colonne gauche de la page {number} : compte rendu opératoire détaillé, berges saines et marge de {number} mm.", 220, 10), 10, 13)
                        .Lines(320, 760, TestPdf.Wrap($"Colonne droite de la page {number} : la patiente est informée, la décision est validée en réunion.", 220, 10), 10, 13);
                }
                else
                {
                    p.Lines(60, 760, TestPdf.Wrap($"Feuillet {number} : examen anatomo-pathologique, récepteurs aux œstrogènes exprimés à {number} %, suivi proposé.", 470, 11), 11, 14);
                }
            });
        }

        return pdf.Build();
    }

    [Fact]
    public async Task The_isolated_worker_returns_the_same_pages_in_order_whether_it_parses_on_one_thread_or_two()
    {
        var bytes = Dossier();
        await using var pool = new PdfWorkerPool(new IngestionOptions());

        var sequential = await pool.ParseAsync("dossier.pdf", bytes, new PdfExtractionLimits(2000, 1), CancellationToken.None);
        var parallel = await pool.ParseAsync("dossier.pdf", bytes, new PdfExtractionLimits(2000, 2), CancellationToken.None);

        parallel.Pages.Select(p => p.Number).ShouldBe(Enumerable.Range(1, 48));
        sequential.Pages.Select(p => p.Number).ShouldBe(Enumerable.Range(1, 48));
        for (var i = 0; i < 48; i++)
        {
            parallel.Pages[i].Glyphs.ShouldNotBeEmpty();
            parallel.Pages[i].Glyphs.SequenceEqual(sequential.Pages[i].Glyphs).ShouldBeTrue($"page {i + 1}");
            (parallel.Pages[i].Width, parallel.Pages[i].Height, parallel.Pages[i].Fallback)
                .ShouldBe((sequential.Pages[i].Width, sequential.Pages[i].Height, sequential.Pages[i].Fallback));
        }
    }

    [Fact]
    public async Task A_document_read_through_the_worker_on_two_threads_has_the_text_and_boxes_of_one_thread()
    {
        var input = new InputFile("dossier.pdf", Dossier());
        var one = new IngestionOptions { MaxPageParallelism = 1 };
        var two = new IngestionOptions { MaxPageParallelism = 2 };
        await using var pool = new PdfWorkerPool(two);

        var sequential = await new PdfDocumentReader(one, parser: pool).ReadAsync(input, CancellationToken.None);
        var parallel = await new PdfDocumentReader(two, parser: pool).ReadAsync(input, CancellationToken.None);

        parallel.Text.ShouldBe(sequential.Text);
        parallel.Pages.ShouldBe(sequential.Pages);
        parallel.RemovedFurniture.ShouldBe(sequential.RemovedFurniture);
        Enumerable.Range(0, parallel.Text.Length).ShouldAllBe(i => parallel.Map.BoxAt(i) == sequential.Map.BoxAt(i));
        for (var n = 1; n <= 48; n++)
        {
            var marker = n % 10 == 0 ? $"Colonne gauche de la page {n}" : $"Feuillet {n} :";
            parallel.Map.PageAt(parallel.Text.IndexOf(marker, StringComparison.Ordinal)).ShouldBe(n);
        }

        // The two columns are read one after the other, not line by line across the gutter.
        parallel.Text.IndexOf("Colonne droite de la page 10", StringComparison.Ordinal)
            .ShouldBeGreaterThan(parallel.Text.IndexOf("marge de 10 mm.", StringComparison.Ordinal));
        parallel.Text.ShouldNotContain("Page 7/48");
    }
}
