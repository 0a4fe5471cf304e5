using MedSummary.Samples.Generation;
using MedSummary.Testing.Pdf;

namespace MedSummary.Samples;

/// <summary>
/// Turns the files a spec names in <see cref="SampleSpec.Scans"/> into image-only PDFs, as printing and scanning them
/// would: each page rendered by pdftoppm (poppler-utils must be installed), dirtied with a seeded scanner noise and
/// turned as asked. Kept apart from <see cref="SampleDossierGenerator.Generate"/>, which stays free of external tools:
/// the images depend on poppler's version, the text and truth they carry do not.
/// </summary>
public static class SampleScans
{
    /// <summary>Scanner resolution: an office scanner's default, small enough for a bundled sample, read well by OCR.</summary>
    public const int Dpi = 150;

    /// <summary>
    /// No gray jitter of the paper, only specks and lighter ink: a jitter of even 6 grays per pixel makes every page
    /// about 1.9 MB, as grain does not compress, and a bundled sample should stay small.
    /// </summary>
    public const int NoiseJitter = 0;

    public static GeneratedDossier Apply(SampleSpec spec, GeneratedDossier dossier)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(dossier);
        if (dossier.Files.All(f => f.Scan is null))
        {
            return dossier;
        }

        var files = dossier.Files.Select(f => f.Scan is { } scan
            ? f with
            {
                Content = TestScans.Scan(f.Content, new ScanOptions(
                    Dpi,
                    NoiseSeed: Rng.Derive(spec.Seed, "scan:" + f.FileName),
                    TurnDegrees: scan.TurnDegrees,
                    PageRotate: scan.PageRotate,
                    NoiseJitter: NoiseJitter)),
            }
            : f).ToList();
        return dossier with { Files = files };
    }
}
