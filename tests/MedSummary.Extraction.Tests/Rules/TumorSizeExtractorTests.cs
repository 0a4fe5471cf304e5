using MedSummary.Extraction.Rules;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class TumorSizeExtractorTests
{
    private const string Key = ExtensionFields.TumorSize;
    private readonly TumorSizeExtractor _extractor = new();

    public static TheoryData<string, string, string, string> Stated => new()
    {
        { "Invasive carcinoma measuring 2.3 cm.", "en", "2.3 cm", "23" },
        { "Tumour size: 3 x 2 x 1.5 cm.", "en", "3 x 2 x 1.5 cm", "30" },
        { "Tumeur de 15 mm, à distance des berges.", "fr", "15 mm", "15" },
        { "A 23 mm mass in the upper outer quadrant.", "en", "23 mm", "23" },
        { "Plus grand axe : 18 mm.", "fr", "18 mm", "18" },
        { "Taille tumorale : 2,1 cm.", "fr", "2,1 cm", "21" },
        { "Carcinome canalaire infiltrant mesurant 12 mm.", "fr", "12 mm", "12" },
        { "Greatest dimension of invasive tumour: 41 mm.", "en", "41 mm", "41" },
        { "The tumour measures 4.5 x 3.2 cm.", "en", "4.5 x 3.2 cm", "45" },
        { "Lésion spiculée de 9 mm du quadrant supéro-externe.", "fr", "9 mm", "9" },
        { "Nodule of 27 mm in the right upper lobe.", "en", "27 mm", "27" },
        { "Masse irrégulière de 3,4 cm.", "fr", "3,4 cm", "34" },
        { "Tumor size 1.2 cm (greatest dimension).", "en", "1.2 cm", "12" },
        { "Diamètre maximal de la tumeur : 25 mm.", "fr", "25 mm", "25" },
        { "Tumour 2 cm x 1.5 cm x 1 cm.", "en", "2 cm x 1.5 cm x 1 cm", "20" },
        { "A firm ill-defined tumour of 7 mm, clear of the margins.", "en", "7 mm", "7" },
        { "Adenocarcinoma, 35 mm in greatest dimension.", "en", "35 mm", "35" },
        { "Tumeur ferme, mal limitée, de 15 mm.", "fr", "15 mm", "15" },
        { "Size: 0.8 cm", "en", "0.8 cm", "8" },
        { "Opacité spiculée de 31 mm du lobe supérieur droit.", "fr", "31 mm", "31" },
        { "A 12.5 mm invasive carcinoma.", "en", "12.5 mm", "12.5" },
        { "Taille de la tumeur : 60 x 40 x 35 mm", "fr", "60 x 40 x 35 mm", "60" },
        { "Dimension : 14 mm", "fr", "14 mm", "14" },
        { "Lesion measuring 19x12 mm.", "en", "19x12 mm", "19" },
        { "Carcinoma, maximum dimension 5.2 cm", "en", "5.2 cm", "52" },
        // The size stays the size when a distance follows it in the same sentence.
        { "Tumeur ulcérée de 44 mm, située à 7 cm de la recoupe la plus proche.", "fr", "44 mm", "44" },
        { "Stellate lesion of 16 mm, 5 mm from the nearest (superior) margin.", "en", "16 mm", "16" },
        { "Lobe contenant une tumeur de 33 mm, à 2 cm de la recoupe bronchique.", "fr", "33 mm", "33" },
    };

    public static TheoryData<string, string> NotTheTumour => new()
    {
        { "Orientated excision specimen of 68 x 50 x 30 mm.", "en" },
        { "Exérèse orientée de 68 x 50 x 30 mm.", "fr" },
        { "Specimen size: 12 x 8 x 4 cm.", "en" },
        { "Axillary lymph node of 14 mm with a thickened cortex.", "en" },
        { "Ganglion axillaire de 12 mm.", "fr" },
        { "Closest margin 2 mm (inferior).", "en" },
        { "Marge minimale 6 mm.", "fr" },
        { "Tumour located 3 mm from the deep margin.", "en" },
        { "Micrometastasis (< 2 mm) in 1 of 3 nodes.", "en" },
        { "Five tissue fragments of 1 to 4 mm, entirely embedded.", "en" },
        { "Biopsies carottes de 12 mm.", "fr" },
        { "Multiple hepatic lesions up to 25 mm.", "en" },
        { "Métastase hépatique de 18 mm.", "fr" },
        { "Previous tumour of 2 cm resected in 2012.", "en" },
        { "Her mother had a tumour of 3 cm.", "en" },
        { "Slices of 5 mm thickness.", "en" },
        { "DCIS component 8 mm.", "en" },
        { "Pas de tumeur résiduelle de plus de 1 mm.", "fr" },
        // Distances from a margin or a landmark, and places, are no sizes.
        { "Tumour of the low rectum, lower edge 6 cm from the anal verge.", "en" },
        { "Tumeur du rectum dont le pôle inférieur est à 5 cm de la marge anale.", "fr" },
        { "Tumour of the descending colon (38 cm from the anal verge).", "en" },
        { "Lésion située à 4 cm du mamelon.", "fr" },
        { "Tumour 2 cm from the nipple.", "en" },
        { "Tumeur de l'œsophage à 28 cm des arcades dentaires.", "fr" },
        { "Oesophageal tumour at 31 cm from the incisors.", "en" },
        { "Lung tumour 2 cm from the carina.", "en" },
        { "Tumeur à 8 cm de la recoupe la plus proche.", "fr" },
        { "Lesion 4 mm from the nearest (posterior) margin.", "en" },
        { "Tumeur située à 3 cm du pylore.", "fr" },
    };

    [Theory]
    [MemberData(nameof(Stated))]
    public void Reads_the_largest_dimension_in_millimetres(string text, string language, string value, string normalized) =>
        FindingAssert.Finds(_extractor, text, language, Key, value, normalized);

    [Theory]
    [MemberData(nameof(NotTheTumour))]
    public void Reads_nothing_from_a_specimen_node_margin_fragment_or_metastasis(string text, string language) =>
        FindingAssert.FindsNothing(_extractor, text, language, Key);

    [Fact]
    public void A_pathology_reports_size_is_marked_so_that_it_outranks_imaging()
    {
        const string report = "Compte rendu d'anatomie pathologique\nMacroscopie : pièce de tumorectomie.\nMicroscopie : carcinome infiltrant mesurant 15 mm.\nBerges saines.";
        var (_, findings) = FindingAssert.Run(_extractor, report, "fr");
        findings.ShouldHaveSingleItem().Note.ShouldBe(TumorSizeExtractor.PathologyNote);

        var (_, imaging) = FindingAssert.Run(_extractor, "Mammographie : masse irrégulière de 18 mm.", "fr");
        imaging.ShouldHaveSingleItem().Note.ShouldBeNull();
    }
}
