using MedSummary.Core.Contract;

namespace MedSummary.Samples;

/// <summary>The dossiers committed under samples/ (regenerate with `dotnet run --project eval/MedSummary.Samples -- samples --out samples`).</summary>
public static class BundledSamples
{
    public static IReadOnlyList<SampleSpec> Specs { get; } =
    [
        // French breast cancer, adjuvant FEC100 then docetaxel with grade 3 neutropenia; the resection pathology
        // report is laid out in two columns.
        new SampleSpec
        {
            Name = "breast-fr",
            Cancer = CancerType.Breast,
            Language = DossierLanguage.French,
            Seed = 30,
            Metastatic = false,
            Size = DossierSize.Medium,
            TwoColumns = true,
            RunningHeaders = false,
        },

        // English metastatic lung cancer (liver metastases, chemo-immunotherapy); running header and footer on every
        // page of every PDF.
        new SampleSpec
        {
            Name = "lung-en",
            Cancer = CancerType.Lung,
            Language = DossierLanguage.English,
            Seed = 2205,
            Metastatic = true,
            Size = DossierSize.Medium,
            TwoColumns = false,
            RunningHeaders = true,
        },

        // English breast cancer whose documents contradict each other; one document is a plain-text export, and the
        // last one is another patient's report, filed here by mistake.
        new SampleSpec
        {
            Name = "breast-en-conflicts",
            Cancer = CancerType.Breast,
            Language = DossierLanguage.English,
            Seed = 3303,
            Metastatic = false,
            Size = DossierSize.Small,
            ConflictFields = [ContractFields.Laterality, ContractFields.PathologicT, ContractFields.ErStatus],
            TwoColumns = false,
            TextExports = 1,
            MisfiledSeed = 3404,
        },

        // French prostate cancer treated by radiotherapy and hormone therapy, raised creatinine; a plain-text export.
        new SampleSpec
        {
            Name = "prostate-fr",
            Cancer = CancerType.Prostate,
            Language = DossierLanguage.French,
            Seed = 25,
            Metastatic = false,
            Size = DossierSize.Medium,
            TwoColumns = false,
            TextExports = 1,
        },

        // English colon cancer whose key reports arrived as scans: image-only pages with scanner noise, read by OCR;
        // the staging CT was fed sideways and its page turned upright by the scanner's /Rotate.
        new SampleSpec
        {
            Name = "colon-en-ocr",
            Cancer = CancerType.Colon,
            Language = DossierLanguage.English,
            Seed = 5500,
            Metastatic = false,
            Size = DossierSize.Medium,
            TwoColumns = false,
            Scans =
            [
                new SampleScan("01-colonoscopy.pdf"),
                new SampleScan("02-pathology-biopsy.pdf"),
                new SampleScan("04-staging-ct.pdf", TurnDegrees: 90, PageRotate: 270),
                new SampleScan("07-pathology-resection.pdf"),
                new SampleScan("09-laboratory-results.pdf"),
            ],
        },
    ];
}
