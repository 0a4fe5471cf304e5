using MedSummary.Samples;
using MedSummary.Testing.Pdf;

namespace MedSummary.Api.Tests.Infrastructure;

/// <summary>Dossiers built in code: small pathology PDFs the rules read, and one realistic generated dossier.</summary>
internal static class TestDossiers
{
    private static readonly Lazy<GeneratedDossier> GeneratedBreast = new(() => SampleDossierGenerator.Generate(new SampleSpec
    {
        Name = "api-breast",
        Cancer = CancerType.Breast,
        Language = DossierLanguage.French,
        Seed = 11,
        Size = DossierSize.Small,
    }));

    /// <summary>A generated French breast dossier (several PDFs and maybe a text export).</summary>
    public static IReadOnlyList<(string Name, byte[] Content)> Breast =>
        [.. GeneratedBreast.Value.Files.Select(f => (f.FileName, f.Content))];

    /// <summary>
    /// A two-file dossier a few lines long (fast to process), distinct per <paramref name="variant"/>: a pathology
    /// report stating site, histology, receptors, HER2, TNM and grade, and a referral letter.
    /// </summary>
    public static IReadOnlyList<(string Name, byte[] Content)> Small(int variant = 0) =>
    [
        ("anapath.pdf", Pathology(variant)),
        ("courrier.pdf", Letter(variant)),
    ];

    public static byte[] Pathology(int variant = 0) => new TestPdf()
        .Page(p => p.Lines(72, 760,
        [
            "COMPTE RENDU ANATOMO-PATHOLOGIQUE",
            $"Prélèvement n° {4200 + variant} : biopsie mammaire gauche.",
            "Conclusion :",
            "Carcinome canalaire infiltrant du sein gauche, grade SBR II.",
            "Récepteurs aux oestrogènes : 90 % positifs.",
            "Récepteurs à la progestérone : 20 % positifs.",
            "HER2 : score 1+, négatif.",
            "Ki67 : 15 %.",
            "Classification : pT2 N0 M0.",
        ], size: 11))
        .Page(p => p.Lines(72, 760, ["Technique : immunohistochimie automatisée.", $"Référence interne {variant}."], size: 11))
        .Build();

    public static byte[] Letter(int variant = 0) => new TestPdf()
        .Page(p => p.Lines(72, 760,
        [
            "Cher confrère,",
            $"Je vous adresse cette patiente (dossier {variant}) pour une néoplasie du sein gauche",
            "diagnostiquée le 12/03/2024, pour avis en réunion de concertation pluridisciplinaire.",
        ], size: 11))
        .Build();

    /// <summary>A PDF that opens but has no text layer (a scan without OCR).</summary>
    public static byte[] Scan() =>
        new TestPdf().Page(p => p.Rectangle(50, 50, 400, 600)).Build();

    public static byte[] Truncated()
    {
        var pdf = Pathology(99);
        return pdf[..(pdf.Length / 2)];
    }

    public static byte[] Png() =>
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];
}
