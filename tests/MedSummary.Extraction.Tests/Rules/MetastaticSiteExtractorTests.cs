using MedSummary.Extraction.Rules;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class MetastaticSiteExtractorTests
{
    private const string Key = ExtensionFields.MetastaticSites;
    private readonly MetastaticSiteExtractor _extractor = new();

    /// <summary>Text, language, the sites expected (comma-separated, "none" for a stated absence).</summary>
    public static TheoryData<string, string, string> Stated => new()
    {
        { "Métastases hépatiques et osseuses.", "fr", "liver,bone" },
        { "PET staging: hepatic metastases.", "en", "liver" },
        { "FDG-avid foci consistent with metastatic liver lesions.", "en", "liver" },
        { "cT4 cN2 M1 (liver).", "en", "liver" },
        { "Multiple liver lesions consistent with metastases.", "en", "liver" },
        { "Bone metastasis at L3.", "en", "bone" },
        { "Lésions secondaires hépatiques multiples.", "fr", "liver" },
        { "Localisations secondaires osseuses et pulmonaires.", "fr", "bone,lung" },
        { "Carcinose péritonéale.", "fr", "peritoneum" },
        { "Malignant pleural effusion.", "en", "pleura" },
        { "Métastase cérébrale unique de 12 mm.", "fr", "brain" },
        { "Brain metastases (3).", "en", "brain" },
        { "Adrenal metastasis on the left.", "en", "adrenal" },
        { "Métastase surrénalienne gauche.", "fr", "adrenal" },
        { "Metastatic disease to the liver and bones.", "en", "liver,bone" },
        { "Target 2 (hepatic metastases)", "en", "liver" },
        { "Adénopathies sus-claviculaires métastatiques.", "fr", "distant lymph nodes" },
        { "Pulmonary metastases, bilateral.", "en", "lung" },
        { "Métastases pleurales.", "fr", "pleura" },
        { "Peritoneal metastases found at laparoscopy.", "en", "peritoneum" },
        { "Lésions osseuses lytiques secondaires.", "fr", "bone" },
        { "Known history of liver metastases resected in 2021.", "en", "liver" },
        { "Staging: no distant metastatic disease.", "en", "none" },
        { "No evidence of metastatic disease.", "en", "none" },
        { "Au terme de ce bilan : pas de lésion secondaire à distance.", "fr", "none" },
        { "Scanner : absence de localisation secondaire.", "fr", "none" },
        { "Pas de foyer osseux suspect.", "fr", "none" },
        { "Pas d'argument pour une extension métastatique.", "fr", "none" },
        { "Pas de métastase.", "fr", "none" },
        { "Sans métastase à distance.", "fr", "none" },
    };

    public static TheoryData<string, string> NoSite => new()
    {
        { "Bone scan to rule out bone metastases.", "en" },
        { "Suspicion de métastases osseuses, à confirmer.", "fr" },
        { "Her mother died of liver metastases.", "en" },
        { "Ganglions : 6 ganglion(s) métastatique(s) sur 11 examiné(s).", "fr" },
        { "Metastatic carcinoma in 2 of 12 lymph nodes.", "en" },
        { "Metastatic non-small cell lung cancer.", "en" },
        { "Metastatic squamous cell carcinoma of the lung.", "en" },
        { "Foie de taille normale, sans lésion focale.", "fr" },
        { "No liver metastases.", "en" },
        { "Pas de métastase hépatique ni osseuse.", "fr" },
        { "Effets secondaires hépatiques de grade 1.", "fr" },
        { "Possible adrenal metastasis, to be confirmed.", "en" },
        { "Bone pain, lung cancer.", "en" },
    };

    [Theory]
    [MemberData(nameof(Stated))]
    public void Reads_each_site_cited_with_its_metastasis_word(string text, string language, string expected)
    {
        var (document, findings) = FindingAssert.Run(_extractor, text, language);
        var sites = findings.Where(f => f.FieldKey == Key).ToList();
        sites.Select(f => f.Normalized).Distinct().Order().ShouldBe(expected.Split(',').Order(), $"in \"{text}\"");
        sites.ShouldAllBe(f => document.Slice(f.Span) == f.Value);
    }

    [Theory]
    [MemberData(nameof(NoSite))]
    public void Reads_no_site_from_doubt_denial_relatives_regional_nodes_or_the_primary(string text, string language)
    {
        var (_, findings) = FindingAssert.Run(_extractor, text, language);
        findings.Where(f => f.Normalized != MetastaticSiteExtractor.None).ShouldBeEmpty($"in \"{text}\"");
    }
}
