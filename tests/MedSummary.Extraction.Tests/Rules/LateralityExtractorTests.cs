using MedSummary.Core.Contract;
using MedSummary.Extraction.Rules;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class LateralityExtractorTests
{
    private const string Key = ContractFields.Laterality;
    private readonly LateralityExtractor _extractor = new();

    public static TheoryData<string, string, string, string> Stated => new()
    {
        { "Invasive ductal carcinoma of the left breast.", "en", "left", "left" },
        { "Tumeur du sein gauche de 2 cm.", "fr", "gauche", "left" },
        { "Adenocarcinoma of the right upper lobe.", "en", "right", "right" },
        { "Carcinome du rein droit.", "fr", "droit", "right" },
        { "Bilateral ovarian serous carcinoma.", "en", "Bilateral", "bilateral" },
        { "Carcinome séreux des ovaires bilatéraux.", "fr", "bilatéraux", "bilateral" },
        { "Kidney, right, radical nephrectomy: clear cell renal cell carcinoma.", "en", "right", "right" },
        { "Tumor site: breast\nLaterality: Left", "en", "Left", "left" },
        { "Latéralité : droite", "fr", "droite", "right" },
        { "RUL mass, adenocarcinoma on biopsy.", "en", "RUL", "right" },
        { "Lobe supérieur droit : adénocarcinome.", "fr", "droit", "right" },
        { "Left temporal glioblastoma.", "en", "Left", "left" },
        { "Squamous cell carcinoma of the right lateral tongue.", "en", "right", "right" },
        { "Carcinoma involves both right and left lobes of the prostate.", "en", "both right and left lobes", "bilateral" },
        { "Serous carcinoma in both ovaries.", "en", "both ovaries", "bilateral" },
        { "Left lower lobe lobectomy: squamous cell carcinoma.", "en", "Left", "left" },
        // Head and neck: one-sided sub-sites and resections.
        { "(B) RIGHT HEMIMANDIBULECTOMY: moderately differentiated squamous cell carcinoma.", "en", "RIGHT", "right" },
        { "Hémimandibulectomie gauche : carcinome épidermoïde infiltrant.", "fr", "gauche", "left" },
        { "Ulcerated tumour of the left cheek, squamous cell carcinoma on biopsy.", "en", "left", "left" },
        { "Tumeur ulcérée de la joue droite : carcinome épidermoïde.", "fr", "droite", "right" },
        { "Specimen 2, \"left supraglottic biopsy\": invasive squamous cell carcinoma.", "en", "left", "left" },
        { "Parotidectomie droite : carcinome mucoépidermoïde.", "fr", "droite", "right" },
        { "Right renal mass.", "en", "Right", "right" },
        { "Mastectomie gauche : carcinome lobulaire infiltrant.", "fr", "gauche", "left" },
        { "Right breast, lumpectomy: invasive lobular carcinoma.", "en", "Right", "right" },
        { "Left partial nephrectomy for renal cell carcinoma.", "en", "Left", "left" },
        { "Prostate adenocarcinoma.\nLATERALITY: Right and left lobes", "en", "Right", "bilateral" },
        { "Lt breast carcinoma.", "en", "Lt", "left" },
        { "Poumon gauche : carcinome épidermoïde.", "fr", "gauche", "left" },
        { "Adénocarcinome du lobe inférieur gauche.", "fr", "gauche", "left" },
        { "Carcinoma of the left ovary; right ovary unremarkable.", "en", "left", "left" },
        { "Cancer du sein droit, sein gauche sans particularité.", "fr", "droit", "right" },
        { "Right parietal primary tumor: glial neoplasm.", "en", "Right", "right" },
        { "Carcinome épidermoïde de l'amygdale droite.", "fr", "droite", "right" },
        { "Left kidney, radical nephrectomy - renal cell carcinoma, clear cell type.", "en", "Left", "left" },
        { "Specimen laterality: Right", "en", "Right", "right" },
        { "Tumor laterality: Bilateral", "en", "Bilateral", "bilateral" },
        { "Carcinome canalaire infiltrant, QSE du sein gauche.", "fr", "gauche", "left" },
        { "LUL nodule, adenocarcinoma.", "en", "LUL", "left" },
        { "Masse du rein gauche.", "fr", "gauche", "left" },
        { "Néphrectomie droite : carcinome à cellules claires.", "fr", "droite", "right" },
        { "Testicule droit : séminome.", "fr", "droit", "right" },
        { "Seminoma of the left testis.", "en", "left", "left" },
        { "Invasive carcinoma in the right breast at 10 o'clock.", "en", "right", "right" },
        { "Carcinoma involving the prostate bilaterally.", "en", "bilaterally", "bilateral" },
        { "Left breast mass; right breast: benign.", "en", "Left", "left" },

        // Synoptic lines broken by OCR, or written with a full stop for a colon.
        { "Specimen laterality. Ri ght", "en", "Ri ght", "right" },
        { "Later. ality: Left", "en", "Left", "left" },
        { "Latéralité. gauche", "fr", "gauche", "left" },
        { "Tumor site: L-Lower lobe", "en", "L", "left" },
        { "Tumour laterality: Leftlobe", "en", "Left", "left" },

        // The dominant tumour's synoptic block decides over a second tumour's.
        { "Dominant tumour. Tumor laterality: Right lobe. Size 3 cm. Second tumour. Tumor laterality: Left lobe. Size 0.2 cm.", "en", "Right", "right" },
        { "Tumeur principale. Latéralité : droite. Deuxième tumeur. Latéralité : gauche.", "fr", "droite", "right" },

        // A synoptic answer outranks prose naming the other side.
        { "Right lobe: 4.1 cm. Left lobe: 3.9 cm. Tumour focality: unifocal. Tumour laterality: Left lobe.", "en", "Left", "left" },

        // Lymph node stations and contralateral benign parts sampled with a one-sided tumour.
        { "Lymph node, right upper lobe lymph node, biopsy: metastatic carcinoma. Lung, left upper lobe, lobectomy: squamous cell carcinoma.", "en", "left", "left" },
        { "Ganglions lymphatiques du lobe inférieur droit : métastase de carcinome. Lobe supérieur gauche, lobectomie : carcinome épidermoïde.", "fr", "gauche", "left" },
        { "1) Left tonsil (tonsillectomy): squamous cell carcinoma. 2) Right tonsil (tonsillectomy): tonsillar tissue. Negative for. tumour.", "en", "Left", "left" },
        { "The mass lies on the left hand side of the specimen; carcinoma of the right kidney.", "en", "right", "right" },
        { "Invasive carcinoma in the (right) breast.", "en", "right", "right" },

        // Tumour stated in both lobes, in French word order or across an OCR full stop.
        { "Adénocarcinome atteignant les lobes droit et gauche.", "fr", "lobes droit et gauche", "bilateral" },
        { "Carcinoma involves both the left and. right lobes.", "en", "both the left and. right lobes", "bilateral" },

        // Prostate carcinoma stated in both lobes, also across an OCR full stop before a bracket.
        { "Acinar adenocarcinoma, grade group 2. (3+4), present in bilateral lobes.", "en", "bilateral", "bilateral" },
        { "Stage pT2c, bilateral disease.", "en", "bilateral", "bilateral" },
        { "Adenocarcinoma diffusely involving the bilateral prostate gland.", "en", "bilateral", "bilateral" },

        // The requester's clinical history gives way to the pathologist's own diagnosis when they disagree.
        { "Clinical history: left renal mass on imaging.\nFinal diagnosis: Kidney, right, radical nephrectomy: clear cell renal cell carcinoma.", "en", "right", "right" },
    };

    public static TheoryData<string, string> NotStated => new()
    {
        { "The patient left the hospital with a diagnosis of carcinoma.", "en" },
        { "Droit à l'information respecté ; carcinome du côlon.", "fr" },
        { "Left ventricular ejection fraction 60%, known carcinoma.", "en" },
        { "Right colon adenocarcinoma.", "en" },
        { "Left ovary: benign serous cystadenoma.", "en" },
        { "No mass in the left breast.", "en" },
        { "Her mother had left breast cancer.", "en" },
        { "History of right breast cancer in 2010.", "en" },
        { "Bilateral salpingo-oophorectomy: endometrioid carcinoma of the uterus.", "en" },
        { "Right lobe of the liver: hepatocellular carcinoma.", "en" },
        { "Right-sided chest pain, carcinoma of the colon.", "en" },
        { "Contralateral right breast: no malignancy.", "en" },
        { "The left and right margins are free of tumour.", "en" },
        { "Right hand dominant.", "en" },
        { "Sein droit : pas de lésion.", "fr" },
        { "Left renal cyst, simple.", "en" },
        { "If left breast cancer is confirmed, surgery will follow.", "en" },
        { "Rein gauche normal.", "fr" },
        { "Antécédent de cancer du sein gauche traité en 2012.", "fr" },
        { "Sa mère a eu un cancer du sein droit.", "fr" },
        { "Right upper lobe lymph node: metastatic carcinoma.", "en" },
        { "Curage ganglionnaire, lobe inférieur gauche, ganglions : métastase de carcinome.", "fr" },
        { "Left lobe: 4 cm. Right lobe: 3 cm. Tumor focality: unifocal.", "en" },
        { "Right kidney, nephrectomy: angiomyolipoma, a benign tumour.", "en" },
        { "Left parotidectomy: pleomorphic adenoma, benign.", "en" },
        { "Joue gauche : pas de lésion tumorale.", "fr" },
        { "Right cheek biopsy: benign fibroepithelial polyp.", "en" },
    };

    [Theory]
    [MemberData(nameof(Stated))]
    public void Reads_the_side_of_the_tumour(string text, string language, string value, string normalized) =>
        FindingAssert.Finds(_extractor, text, language, Key, value, normalized);

    [Theory]
    [MemberData(nameof(NotStated))]
    public void Reads_no_side_from_verbs_law_benign_organs_or_other_people(string text, string language) =>
        FindingAssert.FindsNothing(_extractor, text, language, Key);

    [Fact]
    public void Tumour_on_both_sides_of_one_report_is_bilateral_with_each_side_cited()
    {
        var (_, findings) = FindingAssert.Run(_extractor, "Left breast: invasive carcinoma. Right breast: invasive carcinoma.", "en");
        findings.ShouldAllBe(f => f.Normalized == "bilateral");
        findings.Select(f => f.Value).ShouldBe(["Left", "Right"], ignoreOrder: true);
    }
}
