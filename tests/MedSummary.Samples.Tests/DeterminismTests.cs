using MedSummary.Core.Gold;
using Shouldly;
using Xunit;

namespace MedSummary.Samples.Tests;

public sealed class DeterminismTests
{
    private static readonly SampleSpec Spec = new()
    {
        Name = "det",
        Cancer = CancerType.Lung,
        Language = DossierLanguage.French,
        Seed = 77,
        Size = DossierSize.Small,
        TwoColumns = true,
        RunningHeaders = true,
        Noise = 0.6,
        TextExports = 1,
    };

    [Fact]
    public void The_same_spec_gives_byte_identical_files_and_truth()
    {
        var first = SampleDossierGenerator.Generate(Spec);
        var second = SampleDossierGenerator.Generate(Spec);

        first.Files.Select(f => f.FileName).ShouldBe(second.Files.Select(f => f.FileName));
        for (var i = 0; i < first.Files.Count; i++)
        {
            first.Files[i].Content.ShouldBe(second.Files[i].Content, first.Files[i].FileName);
        }

        GoldTruthJson.Serialize(first.Truth).ShouldBe(GoldTruthJson.Serialize(second.Truth));
    }

    [Fact]
    public void Another_seed_gives_another_dossier()
    {
        var first = SampleDossierGenerator.Generate(Spec);
        var other = SampleDossierGenerator.Generate(Spec with { Seed = 78 });

        GoldTruthJson.Serialize(other.Truth).ShouldNotBe(GoldTruthJson.Serialize(first.Truth));
        other.Files[0].Content.ShouldNotBe(first.Files[0].Content);
    }

    [Fact]
    public void Renaming_a_dossier_does_not_change_its_content()
    {
        var first = SampleDossierGenerator.Generate(Spec);
        var renamed = SampleDossierGenerator.Generate(Spec with { Name = "renamed" });

        renamed.Files.Select(f => f.Content).ShouldBe(first.Files.Select(f => f.Content));
        renamed.Truth.Dossier.ShouldBe("renamed");
    }

    [Fact]
    public void Pdf_metadata_dates_are_fixed_by_the_document_not_the_clock()
    {
        var dossier = SampleDossierGenerator.Generate(Spec);
        var pdf = dossier.Files.First(f => f.IsPdf);
        var date = dossier.Truth.Files.Single(f => f.Name == pdf.FileName).Date!.Replace("-", "", StringComparison.Ordinal);

        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf.Content);

        document.Information.CreationDate.ShouldBe($"D:{date}090000Z");
        document.Information.Producer.ShouldNotBeNull().ShouldContain("MedSummary.Samples");
    }
}
