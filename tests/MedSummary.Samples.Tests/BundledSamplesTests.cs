using MedSummary.Core.Gold;
using MedSummary.Testing;
using Shouldly;
using UglyToad.PdfPig;
using Xunit;

namespace MedSummary.Samples.Tests;

/// <summary>
/// The dossiers committed under samples/ against the generator. Scanned files are images made by poppler, whose
/// pixels may differ from one version to the next: they are checked for what they must be (image-only pages, the
/// right count and turn, a reasonable size), while the text and truth they carry are compared with the generator's.
/// </summary>
public sealed class BundledSamplesTests(BundledDossiersFixture fixture) : IClassFixture<BundledDossiersFixture>
{
    [Fact]
    public void Each_committed_dossier_holds_the_generators_truth_and_its_text_files_byte_for_byte()
    {
        foreach (var dossier in fixture.Dossiers)
        {
            var folder = Path.Combine(RepoPaths.Samples, dossier.Name);
            File.ReadAllText(Path.Combine(folder, GoldSet.TruthFileName)).ShouldBe(GoldTruthJson.Serialize(dossier.Truth), dossier.Name);
            Directory.GetFiles(folder).Select(Path.GetFileName).Where(n => n != GoldSet.TruthFileName)
                .ShouldBe(dossier.Files.Select(f => f.FileName), ignoreOrder: true, dossier.Name);
            foreach (var file in dossier.Files.Where(f => f.Scan is null))
            {
                File.ReadAllBytes(Path.Combine(folder, file.FileName)).ShouldBe(file.Content, $"{dossier.Name}/{file.FileName}");
            }
        }
    }

    [Fact]
    public void The_scanned_files_are_images_only_with_their_pages_turned_as_specified_and_stay_small()
    {
        var dossier = fixture.Get("colon-en-ocr");
        var scans = dossier.Files.Where(f => f.Scan is not null).ToList();
        scans.Count.ShouldBeGreaterThanOrEqualTo(4);
        dossier.Truth.Files.Where(f => f.Scanned == true).Select(f => f.Name).ShouldBe(scans.Select(f => f.FileName), ignoreOrder: true);
        scans.ShouldContain(f => f.Scan!.TurnDegrees != 0 && f.Scan.PageRotate != 0);

        foreach (var file in scans)
        {
            var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Samples, dossier.Name, file.FileName));
            using var pdf = PdfDocument.Open(bytes);
            pdf.NumberOfPages.ShouldBe(file.PageCount, file.FileName);
            foreach (var page in pdf.GetPages())
            {
                page.Letters.Count.ShouldBe(0, $"{file.FileName} p{page.Number} has a text layer");
                page.GetImages().Count().ShouldBe(1, $"{file.FileName} p{page.Number}");
                page.Rotation.Value.ShouldBe(file.Scan!.PageRotate, file.FileName);
            }

            // Grayscale at 150 dpi, Flate: a page in about a hundred kilobytes, never megabytes.
            (bytes.Length / file.PageCount).ShouldBeLessThan(300_000, file.FileName);
        }

        var folderBytes = Directory.GetFiles(Path.Combine(RepoPaths.Samples, dossier.Name)).Sum(f => new FileInfo(f).Length);
        folderBytes.ShouldBeLessThan(5_000_000);
    }

    [Fact]
    public void Every_dossier_names_its_patient_and_the_misfiled_report_is_anothers_with_the_alert_citing_both()
    {
        foreach (var d in fixture.Dossiers)
        {
            var patient = d.Truth.Patient.ShouldNotBeNull(d.Name);
            patient.Name.ShouldNotBeNullOrWhiteSpace();
            patient.BirthDate.ShouldNotBeNull();
            patient.Identifier.ShouldNotBeNull().Length.ShouldBe(8);
            GoldTruthValidator.Validate(d.Truth, d.Files.Select(f => f.FileName).ToList()).ShouldBeEmpty(d.Name);
        }

        var dossier = fixture.Get("breast-en-conflicts");
        var alert = dossier.Truth.Alerts.Single(a => a.Kind == GoldAlertKinds.DifferentPatients);
        var misfiled = dossier.Files.Single(f => f.FileName == alert.About);
        misfiled.ShouldBe(dossier.Files[^1]);
        var own = dossier.Truth.Patient!;
        var misfiledText = string.Concat(fixture.Extracted[(dossier.Name, misfiled.FileName)]);

        // Another name, birth date and hospital number: none of the dossier's patient's appears in the report.
        misfiledText.ShouldNotContain(own.Identifier!);
        misfiledText.ShouldNotContain(own.Name.Split(' ')[^1], Case.Insensitive);
        alert.Quotes.Count.ShouldBe(2);
        alert.Quotes[0].File.ShouldNotBe(misfiled.FileName);
        alert.Quotes[1].File.ShouldBe(misfiled.FileName);
        alert.Quotes[1].Text.ShouldNotContain(own.Identifier!);
        alert.Quotes[0].Text.ShouldContain(own.Identifier!);

        // The expected form comes from the dossier's own patient only.
        var fieldQuotes = dossier.Truth.Fields.Values.SelectMany(f => f.Quotes)
            .Concat(dossier.Truth.Treatments.SelectMany(t => t.Quotes))
            .Concat(dossier.Truth.Timeline.SelectMany(e => e.Quotes))
            .Concat(dossier.Truth.Alerts.Where(a => a != alert).SelectMany(a => a.Quotes));
        fieldQuotes.ShouldNotContain(q => q.File == misfiled.FileName);

        // The same dossier without the misfiled report has the same expected form.
        var spec = BundledSamples.Specs.Single(s => s.Name == dossier.Name);
        var clean = SampleDossierGenerator.Generate(spec with { MisfiledSeed = null });
        GoldTruthJson.Serialize(clean.Truth with { Files = dossier.Truth.Files, Alerts = dossier.Truth.Alerts })
            .ShouldBe(GoldTruthJson.Serialize(dossier.Truth));
    }

    [Fact]
    public void A_scan_naming_no_pdf_of_the_dossier_is_refused()
    {
        var spec = BundledSamples.Specs.Single(s => s.Name == "colon-en-ocr") with { Scans = [new SampleScan("99-missing.pdf")] };

        Should.Throw<ArgumentException>(() => SampleDossierGenerator.Generate(spec)).Message.ShouldContain("99-missing.pdf");
    }
}
