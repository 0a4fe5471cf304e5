using MedSummary.Samples.Pdf;

namespace MedSummary.Samples.Tests;

/// <summary>The bundled sample dossiers, generated once per test class, with every PDF read back by PdfPig.</summary>
public sealed class BundledDossiersFixture
{
    public BundledDossiersFixture()
    {
        Dossiers = BundledSamples.Specs.Select(SampleDossierGenerator.Generate).ToList();
        Extracted = Dossiers
            .SelectMany(d => d.Files.Select(f => (d.Name, f)))
            .ToDictionary(x => (x.Name, x.f.FileName), x => (IReadOnlyList<string>)(x.f.IsPdf ? PdfTextReader.ReadPages(x.f.Content) : [System.Text.Encoding.UTF8.GetString(x.f.Content)]));
    }

    public IReadOnlyList<GeneratedDossier> Dossiers { get; }

    /// <summary>Text per page as PdfPig reads it back, per (dossier, file).</summary>
    public IReadOnlyDictionary<(string Dossier, string File), IReadOnlyList<string>> Extracted { get; }

    public GeneratedDossier Get(string name) => Dossiers.Single(d => d.Name == name);
}
