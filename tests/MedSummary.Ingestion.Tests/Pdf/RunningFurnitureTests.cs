using MedSummary.Testing.Pdf;
using Shouldly;
using Xunit;

namespace MedSummary.Ingestion.Tests.Pdf;

public sealed class RunningFurnitureTests
{
    private const string Header = "Centre Hospitalier de Test — Service d'oncologie médicale";
    private const string Repeated = "Ce paragraphe répété volontairement sur chaque page fait partie du corps du texte.";

    private static byte[] Dossier(int pages, Func<int, string> pageNumber, bool withFooterDate = true)
    {
        var pdf = new TestPdf();
        for (var i = 1; i <= pages; i++)
        {
            var n = i;
            pdf.Page(p =>
            {
                p.Text(60, 806, Header, 9).TextRightAligned(535, 806, pageNumber(n), 9);
                p.Lines(60, 740, TestPdf.Wrap($"Page de corps numéro {n} : observation clinique détaillée du jour {n} avec examen complet.", 470, 11), 11, 14);
                p.Text(60, 500, Repeated, 11);
                p.Lines(60, 470, TestPdf.Wrap($"Suite de l'observation {n} : la patiente va bien, poursuite du traitement prévu.", 470, 11), 11, 14);
                if (withFooterDate)
                {
                    p.Text(60, 30, $"Imprimé le {10 + n:00}/03/2024 à 14:{n:00}", 8);
                }
            });
        }

        return pdf.Build();
    }

    [Theory]
    [InlineData("Page {0}/4")]
    [InlineData("{0} / 4")]
    [InlineData("- {0} -")]
    [InlineData("Page {0} sur 4")]
    public async Task Repeated_headers_footers_and_page_numbers_are_removed_and_recorded(string pageNumberFormat)
    {
        var pdf = Dossier(4, n => string.Format(System.Globalization.CultureInfo.InvariantCulture, pageNumberFormat, n));

        var document = await PdfFacts.ReadAsync(pdf);

        document.Text.ShouldNotContain("Centre Hospitalier");
        document.Text.ShouldNotContain("Imprimé le");
        document.Text.ShouldNotContain("/4");
        document.RemovedFurniture.ShouldContain(Header);
        document.RemovedFurniture.ShouldContain(string.Format(System.Globalization.CultureInfo.InvariantCulture, pageNumberFormat, 3));
        document.RemovedFurniture.ShouldContain("Imprimé le 12/03/2024 à 14:02");
        document.RemovedFurniture.Distinct().Count().ShouldBe(document.RemovedFurniture.Count);
        for (var n = 1; n <= 4; n++)
        {
            var page = document.Map.PageSpan(n);
            var pageText = document.Text[page.Start..page.End];
            pageText.ShouldStartWith($"Page de corps numéro {n}");
            pageText.ShouldContain(Repeated);
        }
    }

    [Fact]
    public async Task In_a_two_page_document_a_header_at_the_same_place_is_removed_but_repeated_body_text_is_kept()
    {
        var pdf = Dossier(2, n => $"Page {n}/2", withFooterDate: false);

        var document = await PdfFacts.ReadAsync(pdf);

        document.Text.ShouldNotContain(Header);
        document.RemovedFurniture.ShouldContain(Header);
        CountOf(document.Text, Repeated).ShouldBe(2);
        document.Text.ShouldContain("Suite de l'observation 1");
        document.Text.ShouldContain("Suite de l'observation 2");
    }

    [Fact]
    public async Task Body_text_repeated_at_the_top_of_pages_but_outside_the_margin_band_is_kept()
    {
        var pdf = new TestPdf();
        for (var i = 1; i <= 3; i++)
        {
            var n = i;
            pdf.Page(p => p
                .Text(60, 700, "EXAMEN CLINIQUE", 12, bold: true)
                .Text(60, 680, $"Constatation numéro {n} faite lors de la visite.", 11));
        }

        var document = await PdfFacts.ReadAsync(pdf.Build());

        CountOf(document.Text, "EXAMEN CLINIQUE").ShouldBe(3);
        document.RemovedFurniture.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_title_at_the_same_place_on_scattered_pages_of_a_long_document_is_kept()
    {
        var pdf = new TestPdf();
        for (var i = 1; i <= 9; i++)
        {
            var n = i;
            pdf.Page(p =>
            {
                p.Text(60, 806, Header, 9);
                p.Text(60, 780, n % 3 == 0 ? "CONCLUSION" : $"Consultation du {(3 * n) + 1:00}/03/2024", 12, bold: true);
                p.Text(60, 700, $"Texte du jour {n}.", 11);
            });
        }

        var document = await PdfFacts.ReadAsync(pdf.Build());

        CountOf(document.Text, "CONCLUSION").ShouldBe(3);
        CountOf(document.Text, "Consultation du ").ShouldBe(6);
        document.Text.ShouldContain("Consultation du 25/03/2024");
        document.RemovedFurniture.ShouldBe([Header]);
    }

    [Fact]
    public async Task The_header_of_a_report_on_consecutive_pages_of_a_merged_dossier_is_removed()
    {
        var pdf = new TestPdf();
        for (var i = 1; i <= 10; i++)
        {
            var n = i;
            pdf.Page(p =>
            {
                if (n is >= 2 and <= 4)
                {
                    p.Text(60, 806, $"Laboratoire d'anatomie pathologique — feuillet {n - 1}/3", 9);
                }

                p.Text(60, 700, $"Texte de la page {n}.", 11);
            });
        }

        var document = await PdfFacts.ReadAsync(pdf.Build());

        document.Text.ShouldNotContain("Laboratoire");
        document.RemovedFurniture.Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_single_page_keeps_its_text_but_loses_a_bare_page_number()
    {
        var pdf = new TestPdf().Page(p => p
            .Text(60, 806, "Hôpital de Test", 9)
            .Text(60, 700, "Texte du compte rendu.", 11)
            .Text(290, 30, "Page 1/1", 9))
            .Build();

        var document = await PdfFacts.ReadAsync(pdf);

        document.Text.ShouldBe("Hôpital de Test\n\nTexte du compte rendu.");
        document.RemovedFurniture.ShouldBe(["Page 1/1"]);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
