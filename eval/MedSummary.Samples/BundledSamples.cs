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

        // English breast cancer whose documents contradict each other; one document is a plain-text export.
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

        // English colon cancer, some documents "scanned" with OCR-like noise.
        new SampleSpec
        {
            Name = "colon-en-ocr",
            Cancer = CancerType.Colon,
            Language = DossierLanguage.English,
            Seed = 5500,
            Metastatic = false,
            Size = DossierSize.Medium,
            Noise = 0.5,
            NoisyDocumentShare = 0.6,
            TwoColumns = false,
        },
    ];
}
