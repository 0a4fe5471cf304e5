using MedSummary.Testing.Pdf;
using Shouldly;
using Xunit;

namespace MedSummary.Ingestion.Tests.Pdf;

public sealed class ReadingOrderTests
{
    private const string LeftText =
        "Alpha la patiente est suivie depuis deux ans pour une masse du sein gauche découverte à la palpation. " +
        "La mammographie montre une opacité stellaire de vingt millimètres classée ACR5 dans le quadrant supéro-externe. " +
        "Une biopsie percutanée a été réalisée sous échographie avec trois prélèvements. Omega";

    private const string RightText =
        "Bravo the second column describes the pathology findings that must be read only after the first column ends. " +
        "The tumour cells are arranged in cords and nests with moderate nuclear pleomorphism and rare mitoses. " +
        "Hormone receptors are strongly expressed in most tumour cells. Zulu";

    [Fact]
    public async Task Two_columns_are_read_column_by_column_between_full_width_text()
    {
        var title = "COMPTE RENDU DE CONSULTATION ONCOLOGIQUE DU CENTRE DE TEST";
        var closing = "Conclusion commune écrite sur toute la largeur de la page après les deux colonnes du compte rendu.";
        var left = TestPdf.Wrap(LeftText, 225, 10);
        var right = TestPdf.Wrap(RightText, 225, 10);
        var pdf = new TestPdf().Page(p => p
            .Text(60, 760, title, 13, bold: true)
            .Lines(60, 730, left, 10, 13)
            .Lines(310, 730, right, 10, 13)
            .Text(60, 730 - (13 * Math.Max(left.Count, right.Count)) - 40, closing, 10))
            .Build();

        var document = await PdfFacts.ReadAsync(pdf);

        var expected = PdfFacts.Words(title)
            .Concat(PdfFacts.Words(LeftText))
            .Concat(PdfFacts.Words(RightText))
            .Concat(PdfFacts.Words(closing));
        PdfFacts.Words(document.Text).ShouldBe(expected);
        left.Count.ShouldBeGreaterThan(3, "the test needs columns of several lines");
    }

    [Fact]
    public async Task Columns_of_different_lengths_and_a_right_column_starting_lower_keep_their_order()
    {
        var left = TestPdf.Wrap(LeftText + " " + LeftText, 225, 10);
        var right = TestPdf.Wrap(RightText, 225, 10);
        var pdf = new TestPdf().Page(p => p
            .Lines(60, 760, left, 10, 13)
            .Lines(310, 760 - (13 * 3), right, 10, 13))
            .Build();

        var document = await PdfFacts.ReadAsync(pdf);

        PdfFacts.Words(document.Text).ShouldBe(PdfFacts.Words(LeftText + " " + LeftText).Concat(PdfFacts.Words(RightText)));
    }

    [Fact]
    public async Task Table_rows_stay_rows_with_cells_in_order()
    {
        string[][] rows =
        [
            ["Marqueur", "Résultat", "Score"],
            ["RE", "positif", "90 %"],
            ["RP", "positif", "60 %"],
            ["HER2", "négatif", "1+"],
            ["Ki-67", "élevé", "30 %"],
        ];
        var intro = "Résultats immunohistochimiques obtenus sur la pièce opératoire, détaillés dans le tableau suivant.";
        var pdf = new TestPdf().Page(p =>
        {
            p.Text(60, 760, intro, 10);
            for (var i = 0; i < rows.Length; i++)
            {
                p.Text(60, 730 - (14 * i), rows[i][0], 10).Text(220, 730 - (14 * i), rows[i][1], 10).Text(380, 730 - (14 * i), rows[i][2], 10);
            }
        }).Build();

        var document = await PdfFacts.ReadAsync(pdf);

        var lines = document.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldBe([intro, .. rows.Select(r => string.Join('\t', r))]);
    }

    [Fact]
    public async Task Words_on_a_line_are_separated_by_one_space_and_lines_by_newlines()
    {
        var pdf = new TestPdf().Page(p => p
            .Text(72, 700, "Première ligne du texte", 11)
            .Text(72, 686, "Deuxième ligne du texte", 11))
            .Build();

        var document = await PdfFacts.ReadAsync(pdf);

        document.Text.ShouldBe("Première ligne du texte\nDeuxième ligne du texte");
    }
}
