using MedSummary.Core.Contract;
using MedSummary.Extraction.Coding;
using MedSummary.Extraction.Rules;
using MedSummary.Testing.Documents;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Coding;

/// <summary>
/// ICD-O-3 codes read by the rules from French and English wording, each cited to the words it came from, through the
/// whole rule engine (site and histology extractors, then the coder, then form assembly).
/// </summary>
public sealed class IcdO3CoderTests
{
    private static readonly RuleExtractionEngine Engine = RuleExtractionEngine.CreateDefault();

    private static FieldResult Field(string text, string language, string key)
    {
        var document = TestDocuments.FromText(text, language);
        var form = Engine.ExtractForm([document], RuleExtractionEngine.FormKeys);
        var field = form.Fields[key];
        foreach (var c in field.Citations)
        {
            // Every code is cited to words of the document that are really there.
            document.Text[c.Start..c.End].ShouldBe(c.Quote);
        }

        return field;
    }

    public static TheoryData<string, string, string> Topography => new()
    {
        { "Invasive ductal carcinoma of the left breast, upper outer quadrant.", "en", "C50.4" },
        { "Carcinome canalaire infiltrant du sein droit, quadrant supéro-externe.", "fr", "C50.4" },
        { "Carcinome lobulaire infiltrant du sein gauche, QSI.", "fr", "C50.2" },
        { "Breast carcinoma, lower inner quadrant, 2 cm.", "en", "C50.3" },
        { "Carcinome du sein gauche, union des quadrants externes.", "fr", "C50.8" },
        { "Carcinome mammaire rétro-aréolaire droit.", "fr", "C50.1" },
        // The nipple as a landmark or in the operation is not the tumour's sub-site.
        { "Left mastectomy: invasive ductal carcinoma of the upper outer quadrant. Elliptical incision including the nipple-areola complex.", "en", "C50.4" },
        { "Mastectomie gauche emportant la plaque aréolo-mamelonnaire : carcinome canalaire infiltrant du quadrant supéro-externe.", "fr", "C50.4" },
        { "Invasive ductal carcinoma of the right breast, upper inner quadrant, 3 cm from the nipple.", "en", "C50.2" },
        { "Carcinome lobulaire infiltrant du sein droit, quadrant inféro-interne, à 4 cm du mamelon.", "fr", "C50.3" },
        { "Nipple-sparing mastectomy for invasive lobular carcinoma, lower outer quadrant of the left breast.", "en", "C50.5" },
        { "Carcinome canalaire infiltrant du sein gauche, quadrant supéro-interne ; rétraction du mamelon à l'examen.", "fr", "C50.2" },
        { "Paget disease of the nipple with an underlying invasive ductal carcinoma of the breast.", "en", "C50.0" },
        { "Breast cancer, no quadrant given.", "en", "C50.9" },
        { "Adenocarcinoma of the right upper lobe of the lung.", "en", "C34.1" },
        { "Adénocarcinome pulmonaire du lobe inférieur gauche.", "fr", "C34.3" },
        { "Squamous cell carcinoma of the lung, right middle lobe.", "en", "C34.2" },
        { "Carcinome épidermoïde bronchique de la bronche souche gauche.", "fr", "C34.0" },
        { "Lung adenocarcinoma, upper lobe and lower lobe nodules.", "en", "C34.9" },
        { "Adenocarcinoma of the sigmoid colon, pT3.", "en", "C18.7" },
        { "Adénocarcinome du côlon sigmoïde.", "fr", "C18.7" },
        { "Adenocarcinoma of the cecum.", "en", "C18.0" },
        { "Adénocarcinome du rectum, bas rectum.", "fr", "C20.9" },
        { "Adenocarcinoma of the stomach, antrum.", "en", "C16.3" },
        { "Adénocarcinome gastrique de la petite courbure.", "fr", "C16.5" },
        { "Ductal adenocarcinoma of the head of the pancreas.", "en", "C25.0" },
        { "Adénocarcinome canalaire de la queue du pancréas.", "fr", "C25.2" },
        { "Adenocarcinoma of the prostate, Gleason 3+4=7.", "en", "C61.9" },
        { "Adénocarcinome prostatique.", "fr", "C61.9" },
        { "Clear cell renal cell carcinoma, left kidney.", "en", "C64.9" },
        { "Urothelial carcinoma of the bladder, trigone.", "en", "C67.0" },
        { "Papillary thyroid carcinoma, right lobe.", "en", "C73.9" },
        { "Carcinome papillaire de la thyroïde.", "fr", "C73.9" },
        { "Hepatocellular carcinoma in a cirrhotic liver.", "en", "C22.0" },
        { "Carcinome épidermoïde du bord latéral droit de la langue.", "fr", "C02.1" },
        { "Squamous cell carcinoma of the larynx, glottic.", "en", "C32.0" },
        { "Carcinome épidermoïde du col utérin, exocol.", "fr", "C53.1" },
        { "Endometrioid adenocarcinoma of the endometrium.", "en", "C54.1" },
        { "High-grade serous carcinoma of the ovary.", "en", "C56.9" },
        { "Glioblastoma of the right temporal lobe.", "en", "C71.2" },
        { "Carcinome épidermoïde de l'œsophage, tiers moyen.", "fr", "C15.4" },
        { "Topographie CIM-O-3 : C50.4.", "fr", "C50.4" },
        { "Specimens received. 4. LUNG, RIGHT UPPER LOBE (LOBECTOMY). - INFILTRATING POORLY DIFFERENTIATED NON-SMALL CELL CARCINOMA.", "en", "C34.1" },
        { "FINAL DIAGNOSIS: BREAST; RIGHT, NEEDLE LOCALIZATION BIOPSY: - INFILTRATING LOBULAR CARCINOMA.", "en", "C50.9" },
        { "Diagnostic. Col utérin, biopsie : carcinome épidermoïde invasif.", "fr", "C53.9" },
        { "ICD-O-3 topography: C34.1; morphology: 8140/3.", "en", "C34.1" },
    };

    [Theory]
    [MemberData(nameof(Topography))]
    public void Codes_the_primary_site_from_its_words(string text, string language, string code)
    {
        var field = Field(text, language, ExtensionFields.IcdO3Topography);
        field.Status.ShouldBe(FieldStatus.Found, text);
        field.Normalized.ShouldBe(code, text);
        field.Citations.ShouldNotBeEmpty();
        field.Label.ShouldNotBeNullOrWhiteSpace();
    }

    public static TheoryData<string, string, string> Morphology => new()
    {
        { "Invasive ductal carcinoma, grade 2.", "en", "8500/3" },
        { "Infiltrating duct carcinoma of the breast.", "en", "8500/3" },
        { "Carcinome infiltrant de type non spécifique (NST) du sein.", "fr", "8500/3" },
        { "Carcinome lobulaire infiltrant du sein droit.", "fr", "8520/3" },
        { "Ductal carcinoma in situ, high nuclear grade.", "en", "8500/2" },
        { "Invasive ductal and lobular carcinoma of the breast.", "en", "8522/3" },
        { "Adenocarcinoma of the lung, mixed subtype.", "en", "8255/3" },
        { "Adénocarcinome pulmonaire de type mixte.", "fr", "8255/3" },
        { "Lung adenocarcinoma, acinar predominant.", "en", "8550/3" },
        { "Squamous cell carcinoma, keratinizing, of the lung.", "en", "8071/3" },
        { "Squamous cell carcinoma, non-keratinizing, of the tonsil.", "en", "8072/3" },
        { "Carcinome épidermoïde de la langue.", "fr", "8070/3" },
        { "Gastric adenocarcinoma, intestinal type (Lauren).", "en", "8144/3" },
        // A scanned line break leaves a stop between the words.
        { "Gastric adenocarcinoma, moderately differentiated, intestinal.\ntype.", "en", "8144/3" },
        { "Adénocarcinome gastrique de type diffus.", "fr", "8145/3" },
        { "Mucinous adenocarcinoma of the colon.", "en", "8480/3" },
        { "Adénocarcinome mucineux du côlon droit.", "fr", "8480/3" },
        { "Signet ring cell carcinoma of the stomach.", "en", "8490/3" },
        // WHO 2016 codes acinar adenocarcinoma of the prostate 8140/3; 8550/3 stays the lung's and the pancreas's.
        { "Adenocarcinoma of the prostate, acinar type.", "en", "8140/3" },
        { "Adénocarcinome prostatique acineux.", "fr", "8140/3" },
        { "Prostatic acinar adenocarcinoma, Gleason score 3+4=7.", "en", "8140/3" },
        { "Radical prostatectomy: acinar adenocarcinoma, Gleason 4+3, right lobe.", "en", "8140/3" },
        { "Adénocarcinome de type acinaire de la prostate, score de Gleason 6.", "fr", "8140/3" },
        { "Prostatectomie totale : adénocarcinome acineux, score ISUP 2.", "fr", "8140/3" },
        { "Adénocarcinome pulmonaire acineux du lobe supérieur droit.", "fr", "8550/3" },
        { "Acinar cell carcinoma of the pancreas, tail.", "en", "8550/3" },
        // WHO 2014 gives 8460/3 to low-grade serous carcinoma: "papillary serous" graded high takes the serous NOS code.
        { "High grade papillary serous carcinoma of the right ovary.", "en", "8441/3" },
        { "Ovary, left: papillary serous adenocarcinoma, grade 3 of 3.", "en", "8441/3" },
        { "Papillary serous carcinoma of the ovary, FIGO grade III.", "en", "8441/3" },
        { "Ovaries: poorly differentiated serous papillary adenocarcinoma.", "en", "8441/3" },
        { "Carcinome séreux papillaire de haut grade de l'ovaire droit.", "fr", "8441/3" },
        { "Adénocarcinome séreux papillaire de l'ovaire, peu différencié.", "fr", "8441/3" },
        { "Papillary serous carcinoma of the ovary, low grade.", "en", "8460/3" },
        { "Papillary serous carcinoma of the ovary, grade 2.", "en", "8460/3" },
        { "Papillary serous carcinoma of the ovary, low grade; no high-grade component identified.", "en", "8460/3" },
        { "Grade options: low grade, high grade. Type: papillary serous carcinoma of the ovary.", "en", "8460/3" },
        { "Carcinome séreux papillaire de l'ovaire, bas grade.", "fr", "8460/3" },
        // The grade written once holds for the type named again without it (a checklist line).
        { "Right ovary: high grade papillary serous carcinoma.\n\nHistologic type: Papillary serous carcinoma.", "en", "8441/3" },
        { "Ovaire droit : carcinome séreux papillaire de haut grade.\n\nType histologique : carcinome séreux papillaire.", "fr", "8441/3" },
        { "High-grade serous carcinoma of the left ovary.\n\nTumour type: serous papillary adenocarcinoma.", "en", "8441/3" },
        { "Right ovary: papillary serous carcinoma, low grade.\n\nHistologic type: Papillary serous carcinoma.", "en", "8460/3" },
        { "Clear cell renal cell carcinoma, Fuhrman 2.", "en", "8310/3" },
        { "Renal cell carcinoma, clear cell type.", "en", "8310/3" },
        { "Carcinome rénal à cellules claires.", "fr", "8310/3" },
        { "Renal cell carcinoma, papillary type 2.", "en", "8260/3" },
        { "Chromophobe renal cell carcinoma.", "en", "8317/3" },
        { "Papillary thyroid carcinoma, classic type.", "en", "8260/3" },
        { "Thyroid, total thyroidectomy: papillary carcinoma, follicular variant.", "en", "8340/3" },
        { "Papillary carcinoma of the thyroid, tall cell variant.", "en", "8344/3" },
        { "Total thyroidectomy: papiliary carcinoma of thyroid, tall cell variant.", "en", "8344/3" },
        { "Biopsies prostatiques : adénocarcinome acinaire, Gleason 3+4.", "fr", "8140/3" },
        { "Prostate needle biopsies: acinar adenocarcinoma, Gleason 4+3=7.", "en", "8140/3" },
        { "Thyroid, right lobe: papilary carcinoma, follicular variant, 2.2 cm.", "en", "8340/3" },
        { "Carcinome papillaire de la thyroïde, variante folliculaire.", "fr", "8340/3" },
        { "Urothelial carcinoma of the bladder, high grade.", "en", "8120/3" },
        { "Papillary urothelial carcinoma of the bladder.", "en", "8130/3" },
        { "Hepatocellular carcinoma, well differentiated.", "en", "8170/3" },
        { "Carcinome hépatocellulaire sur cirrhose.", "fr", "8170/3" },
        { "Cholangiocarcinome intrahépatique.", "fr", "8160/3" },
        { "Serous carcinoma of the ovary.", "en", "8441/3" },
        { "High-grade serous carcinoma of the ovary.", "en", "8441/3" },
        { "Endometrioid adenocarcinoma of the endometrium, FIGO grade 1.", "en", "8380/3" },
        { "Glioblastoma, IDH-wildtype.", "en", "9440/3" },
        { "Oligodendrogliome anaplasique.", "fr", "9451/3" },
        { "Small cell carcinoma of the lung.", "en", "8041/3" },
        { "Carcinome bronchique non à petites cellules.", "fr", "8046/3" },
        { "Malignant melanoma of the skin.", "en", "8720/3" },
        { "Lymphome B diffus à grandes cellules.", "fr", "9680/3" },
        { "Code CIM-O-3 morphologie : 8500/3.", "fr", "8500/3" },
        { "Tumeur stromale gastro-intestinale (GIST) de l'estomac.", "fr", "8936/1" },
        { "Lung checklist. Histologic type: Squamous cell. carcinoma. Histologic grade: poorly differentiated.", "en", "8070/3" },
        { "Kidney, left, nephrectomy. Histologic type: papillary renal cell. carcinoma, type 2.", "en", "8260/3" },
        { "Sarcome de Kaposi cutané.", "fr", "9140/3" },
        { "Carcinome pulmonaire à cellules d'avoine.", "fr", "8042/3" },
        { "Lymphome de Hodgkin classique.", "fr", "9650/3" },
        { "Myélome multiple à IgG kappa.", "fr", "9732/3" },
        { "Embryonal rhabdomyosarcoma of the orbit.", "en", "8910/3" },
        { "Kidney, right, partial nephrectomy: papillary carcinoma, type 1, 3.1 cm.", "en", "8260/3" },
        { "Rein gauche, néphrectomie : carcinome papillaire de type 2.", "fr", "8260/3" },
        { "Kidney, radical nephrectomy. Histologic type: Conventional-clear cell. Fuhrman grade 2.", "en", "8310/3" },
        { "Breast, left, core biopsy. Histologic type: ductal. Nottingham grade 2.", "en", "8500/3" },
        { "Sein droit, biopsie. Type histologique : lobulaire. Grade SBR 2.", "fr", "8520/3" },
        { "Uterus, hysterectomy: malignant mixed Mullerian tumour (carcinosarcoma), heterologous type with rhabdomyosarcoma; serous carcinoma component.", "en", "8950/3" },
    };

    [Theory]
    [MemberData(nameof(Morphology))]
    public void Codes_the_histologic_type_from_its_words(string text, string language, string code)
    {
        var field = Field(text, language, ExtensionFields.IcdO3Morphology);
        field.Status.ShouldBe(FieldStatus.Found, text);
        field.Normalized.ShouldBe(code, text);
        field.Label.ShouldNotBeNullOrWhiteSpace();
    }

    public static TheoryData<string, string> NoCode => new()
    {
        { "No evidence of malignancy in the breast tissue.", "en" },
        { "Absence de carcinome dans les prélèvements pulmonaires.", "fr" },
        { "Family history: mother had breast cancer at 50.", "en" },
        { "Antécédents familiaux : cancer du sein chez la sœur.", "fr" },
        { "Suspicious for adenocarcinoma; to rule out lung primary.", "en" },
        { "Topography code (e.g. C50.9): ____", "en" },
        { "Code morphologique (ex. 8500/3) : à compléter.", "fr" },
        { "Vertebra C5 and C6 are normal; stenosis at C50.4 level is not a code here.", "en" },
        { "Traitement par RCC (radiochimiothérapie concomitante) terminé.", "fr" },
        { "Marqueurs : SCC à 2,1 ng/ml, normal.", "fr" },
        { "Tumour markers were normal.", "en" },
    };

    [Theory]
    [MemberData(nameof(NoCode))]
    public void Codes_nothing_that_the_text_does_not_affirm(string text, string language)
    {
        Field(text, language, ExtensionFields.IcdO3Topography).Status.ShouldBe(FieldStatus.NotFound, text);
        Field(text, language, ExtensionFields.IcdO3Morphology).Status.ShouldBe(FieldStatus.NotFound, text);
    }

    [Theory]
    [InlineData("Carcinoma of the breast, type not specified.", "en")]
    [InlineData("Sarcome de la cuisse, en attente du typage.", "fr")]
    [InlineData("Lymphome, typage en cours.", "fr")]
    public void A_type_named_only_as_carcinoma_sarcoma_or_lymphoma_is_left_to_the_reader(string text, string language)
    {
        Field(text, language, ExtensionFields.IcdO3Morphology).Status.ShouldBe(FieldStatus.NotFound, text);
    }

    [Fact]
    public void A_site_specific_code_uses_the_site_named_with_the_type()
    {
        var text = "Antécédent de goitre thyroïdien bénin opéré.\n\n" + new string('-', 250)
            + "\nRein gauche, néphrectomie : carcinome médullaire du rein.";
        Field(text, "fr", ExtensionFields.IcdO3Morphology).Normalized.ShouldBe("8510/3");
    }

    [Fact]
    public void A_qualifier_from_a_neighbouring_lesion_does_not_refine_the_type()
    {
        var field = Field("Adenocarcinoma arising in a tubular adenoma of the sigmoid colon.", "en", ExtensionFields.IcdO3Morphology);
        field.Normalized.ShouldBe("8140/3");
    }

    [Fact]
    public void A_broader_code_agrees_with_a_finer_one_instead_of_conflicting()
    {
        var text = "Diagnosis: adenocarcinoma of the lung, right upper lobe.\nComment: acinar adenocarcinoma, predominant pattern.";
        var field = Field(text, "en", ExtensionFields.IcdO3Morphology);
        field.Status.ShouldBe(FieldStatus.Found);
        field.Normalized.ShouldBe("8550/3");
        field.Citations.Count.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public void The_label_is_in_the_language_of_the_document()
    {
        Field("Carcinome canalaire infiltrant du sein, quadrant supéro-externe.", "fr", ExtensionFields.IcdO3Topography)
            .Label.ShouldBe("Quadrant supéro-externe du sein");
        Field("Invasive ductal carcinoma of the breast, upper outer quadrant.", "en", ExtensionFields.IcdO3Topography)
            .Label.ShouldBe("Upper-outer quadrant of breast");
    }

    [Fact]
    public void Different_sites_in_two_documents_are_a_conflict_with_both_cited()
    {
        var a = TestDocuments.FromText("Invasive ductal carcinoma of the left breast.", "en", "a.txt");
        var b = TestDocuments.FromText("Adenocarcinoma of the right upper lobe of the lung.", "en", "b.txt");
        var form = Engine.ExtractForm([a, b], RuleExtractionEngine.FormKeys);
        var field = form.Fields[ExtensionFields.IcdO3Topography];
        field.Status.ShouldBe(FieldStatus.Conflict);
        field.Candidates!.Select(c => c.Normalized![..3]).OrderBy(x => x).ShouldBe(["C34", "C50"]);
    }

    public static TheoryData<string, string, string> SpecimenOrgan => new()
    {
        { "Specimen type: Gastrectomy. Histologic type: Adenocarcinoma. Histologic grade: poorly differentiated.", "en", "C16.9" },
        { "The left upper lobectomy demonstrates a moderately differentiated squamous cell carcinoma, 3.1 cm.", "en", "C34.9" },
        { "STOMACH TISSUE CHECKLIST. Tumor site: not specified. Histologic type: adenocarcinoma.", "en", "C16.9" },
        { "Total thyroidectomy. Diagnosis: papillary carcinoma, classic type, 2.1 cm.", "en", "C73.9" },
        { "Pièce de gastrectomie totale : adénocarcinome peu différencié infiltrant la sous-séreuse.", "fr", "C16.9" },
        { "Lobectomie supérieure droite : carcinome épidermoïde moyennement différencié.", "fr", "C34.9" },
        { "Thyroïdectomie totale : carcinome papillaire, variante folliculaire, 1,4 cm.", "fr", "C73.9" },
        { "Radical cystoprostatectomy: invasive high grade urothelial carcinoma. Incidental prostatic adenocarcinoma, Gleason 3+3=6.", "en", "C67.9" },
        { "Cystoprostatectomie : carcinome urothélial infiltrant de la vessie. Adénocarcinome prostatique de découverte fortuite.", "fr", "C67.9" },
        // A biopsy named after its organ, the tumour sentence naming none.
        { "Nature du prélèvement : biopsies prostatiques transrectales. Conclusion : adénocarcinome acinaire, score de Gleason 7 (3+4).", "fr", "C61.9" },
        { "Specimen: prostate needle biopsies (12 cores). Diagnosis: acinar adenocarcinoma, Gleason score 3+3=6, in 4 of 12 cores.", "en", "C61.9" },
        { "Microbiopsies mammaires échoguidées : carcinome infiltrant de type non spécifique, grade 2.", "fr", "C50.9" },
        { "Gastric biopsies: poorly cohesive carcinoma with signet ring cells.", "en", "C16.9" },
    };

    [Theory]
    [MemberData(nameof(SpecimenOrgan))]
    public void The_operation_names_the_organ_when_the_tumour_sentence_does_not(string text, string language, string code)
    {
        var field = Field(text, language, ExtensionFields.IcdO3Topography);
        field.Status.ShouldBe(FieldStatus.Found, text);
        field.Normalized.ShouldBe(code, text);
        field.Citations.ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("Specimens: colectomy and partial hepatectomy. Diagnosis: adenocarcinoma, 4 cm.", "en")]
    [InlineData("Pièces opératoires : gastrectomie et colectomie segmentaire. Conclusion : adénocarcinome.", "fr")]
    [InlineData("Gastrectomy specimen: no evidence of malignancy.", "en")]
    [InlineData("Pièce de néphrectomie : absence de tumeur maligne.", "fr")]
    [InlineData("Antécédent de mastectomie pour mastopathie. Biopsie osseuse : adénocarcinome.", "fr")]
    [InlineData("Biopsies pulmonaires : adénocarcinome.", "fr")]
    [InlineData("Prostate biopsies: benign prostatic tissue, no carcinoma.", "en")]
    public void Operations_on_two_organs_or_without_a_tumour_code_no_site(string text, string language)
    {
        Field(text, language, ExtensionFields.IcdO3Topography).Status.ShouldBe(FieldStatus.NotFound, text);
    }

    [Theory]
    [InlineData("Radical cystoprostatectomy: invasive high grade urothelial carcinoma. Incidental prostatic adenocarcinoma, Gleason 3+3=6.", "en")]
    [InlineData("Cystoprostatectomie : carcinome urothélial infiltrant de la vessie. Adénocarcinome prostatique de découverte fortuite.", "fr")]
    public void The_incidental_tumour_of_a_second_organ_is_not_coded(string text, string language)
    {
        var field = Field(text, language, ExtensionFields.IcdO3Morphology);
        field.Status.ShouldBe(FieldStatus.Found, text);
        field.Normalized.ShouldBe("8120/3", text);
    }

    public static TheoryData<string, string, string> NosWhereRegistriesDisagree => new()
    {
        { "Carcinome séreux de haut grade de l'ovaire droit.", "fr", "8441/3" },
        { "Medullary thyroid carcinoma, 1.8 cm, calcitonin positive.", "en", "8510/3" },
        { "Carcinome médullaire de la thyroïde.", "fr", "8510/3" },
        { "Medullary thyroid carcinoma with amyloid stroma.", "en", "8345/3" },
        { "Tumeur carcinoïde de l'iléon terminal.", "fr", "8240/3" },
        { "Well-differentiated neuroendocrine tumor, grade 1, of the ileum.", "en", "8240/3" },
    };

    [Theory]
    [MemberData(nameof(NosWhereRegistriesDisagree))]
    public void A_term_coded_two_ways_by_registries_gets_the_code_true_under_both(string text, string language, string code)
    {
        Field(text, language, ExtensionFields.IcdO3Morphology).Normalized.ShouldBe(code, text);
    }

    public static TheoryData<string, string, string> FinerTypeNamedAfterTheWord => new()
    {
        { "Biopsie de la masse de la cuisse : liposarcome à cellules rondes.", "fr", "8853/3" },
        { "Retroperitoneal mass: myxoid liposarcoma, 9 cm.", "en", "8852/3" },
        { "Plèvre, biopsie : mésothéliome malin épithélial.", "fr", "9052/3" },
        { "Orchidectomie : séminome anaplasique de 4 cm.", "fr", "9062/3" },
        { "Testis: seminoma, anaplastic variant.", "en", "9062/3" },
        { "Paroi thoracique : rhabdomyosarcome pléomorphe.", "fr", "8901/3" },
        { "Cervical node: Hodgkin lymphoma, nodular sclerosis type.", "en", "9663/3" },
        { "Ganglion axillaire : lymphome de Hodgkin à cellularité mixte.", "fr", "9652/3" },
        { "Néphrectomie : adénocarcinome rénal à cellules claires, grade 2.", "fr", "8310/3" },
        { "Ovaire : adénocarcinome séreux de haut grade.", "fr", "8441/3" },
        { "Appendix: adenocarcinoma, mucinous type, well differentiated.", "en", "8480/3" },
        { "Estomac, biopsie : adénocarcinome tubulo-papillaire moyennement différencié.", "fr", "8263/3" },
        { "Glande lacrymale : adénocarcinome à différenciation canalaire.", "fr", "8500/3" },
        { "Bronchial biopsy: adenocarcinoma, signet ring cell type.", "en", "8490/3" },
    };

    [Theory]
    [MemberData(nameof(FinerTypeNamedAfterTheWord))]
    public void A_subtype_written_after_the_type_gives_its_own_code(string text, string language, string code)
    {
        Field(text, language, ExtensionFields.IcdO3Morphology).Normalized.ShouldBe(code, text);
    }

    public static TheoryData<string, string, string> PartOrListIsNotTheType => new()
    {
        // A component of the tumour, not its type.
        { "Colon, right hemicolectomy: adenocarcinoma with a minor mucinous component (30%).", "en", "8140/3" },
        { "Adénocarcinome du côlon avec une composante mucineuse de 20 %.", "fr", "8140/3" },
        { "Endometrium: adenocarcinoma, papillary component present.", "en", "8140/3" },
        { "Adénocarcinome de l'endomètre comportant des foyers papillaires.", "fr", "8140/3" },
        // A list of the patterns of a heterogeneous tumour: the type's own code is true of all of them.
        { "Lobectomy: adenocarcinoma (solid, acinar and lepidic patterns).", "en", "8140/3" },
        { "Lobectomie : adénocarcinome hétérogène (solide, acinaire, lépidique).", "fr", "8140/3" },
        // Another lesion the tumour arises from.
        { "Pancréas : adénocarcinome sur néoplasie intracanalaire papillaire et mucineuse.", "fr", "8140/3" },
        // Lauren's intestinal type is a type of the stomach; of the rectum it says no more than adenocarcinoma.
        { "Rectum, biopsie : adénocarcinome de type intestinal.", "fr", "8140/3" },
        { "Stomach, antrum: adenocarcinoma, intestinal type.", "en", "8144/3" },
    };

    [Theory]
    [MemberData(nameof(PartOrListIsNotTheType))]
    public void A_component_a_list_of_patterns_or_a_precursor_does_not_refine_the_type(string text, string language, string code)
    {
        Field(text, language, ExtensionFields.IcdO3Morphology).Normalized.ShouldBe(code, text);
    }

    public static TheoryData<string, string, string> BehaviourFromTheWords => new()
    {
        { "Vessie, résection : carcinome urothélial non invasif de bas grade.", "fr", "8120/2" },
        { "Bladder, TURBT: non-invasive urothelial carcinoma, low grade.", "en", "8120/2" },
        { "Bladder: non-invasive papillary urothelial carcinoma, high grade.", "en", "8130/2" },
        { "Carcinome urothélial papillaire non infiltrant de la vessie.", "fr", "8130/2" },
        { "Estomac : GIST à haut risque de récidive, 12 cm.", "fr", "8936/1" },
        { "Small bowel: gastrointestinal stromal tumour, high risk (Miettinen).", "en", "8936/1" },
        { "Tumeur stromale gastro-intestinale maligne du grêle.", "fr", "8936/3" },
    };

    [Theory]
    [MemberData(nameof(BehaviourFromTheWords))]
    public void The_behaviour_digit_follows_the_words_not_a_risk_group(string text, string language, string code)
    {
        Field(text, language, ExtensionFields.IcdO3Morphology).Normalized.ShouldBe(code, text);
    }

    [Theory]
    [InlineData("Tumeur neuroendocrine du pancréas, Ki-67 à 8 %.", "fr")]
    [InlineData("Neuroendocrine tumor of the pancreas, grade 2.", "en")]
    [InlineData("Carcinome indifférencié du nasopharynx.", "fr")]
    [InlineData("Poorly differentiated to undifferentiated carcinoma, see comment.", "en")]
    public void A_grade_word_or_an_ungraded_neuroendocrine_tumour_is_not_a_type_code(string text, string language)
    {
        Field(text, language, ExtensionFields.IcdO3Morphology).Status.ShouldBe(FieldStatus.NotFound, text);
    }

    public static TheoryData<string, string, string> PrimaryAmongSeveralOrgans => new()
    {
        { "Appendix, appendectomy: metastatic serous carcinoma on the serosa.\nSynoptic report, primary ovarian tumor: serous carcinoma, left ovary.", "en", "C56" },
        { "Appendice, appendicectomie : métastase d'un carcinome séreux.\nTumeur primitive de l'ovaire gauche : carcinome séreux de haut grade.", "fr", "C56" },
        { "Endometrioid adenocarcinoma of the endometrium, FIGO grade 2.\nRight fallopian tube: focus of intraepithelial carcinoma.", "en", "C54" },
        { "Adénocarcinome endométrioïde de l'endomètre, grade 1.\nTrompe droite : carcinome intra-épithélial.", "fr", "C54" },
        { "Left lung, lower lobe: invasive adenocarcinoma, 2.4 cm.\nParietal pleura, biopsy: negative for tumor.", "en", "C34" },
        { "Poumon droit, lobe supérieur : adénocarcinome invasif de 3 cm.\nPlèvre pariétale, biopsie : négative, absence de tumeur.", "fr", "C34" },
    };

    [Theory]
    [MemberData(nameof(PrimaryAmongSeveralOrgans))]
    public void Several_organs_code_the_one_the_carcinoma_is_diagnosed_in(string text, string language, string category)
    {
        var field = Field(text, language, ExtensionFields.IcdO3Topography);
        field.Status.ShouldBe(FieldStatus.Found, text);
        field.Normalized![..3].ShouldBe(category, text);
    }

    [Theory]
    [InlineData("Adenocarcinoma of the lung.\nAdenocarcinoma of the prostate.", "en")]
    [InlineData("Adénocarcinome du poumon.\nAdénocarcinome de la prostate.", "fr")]
    public void Two_organs_with_equal_claims_stay_a_conflict_rather_than_a_guess(string text, string language)
    {
        Field(text, language, ExtensionFields.IcdO3Topography).Status.ShouldBe(FieldStatus.Conflict, text);
    }

    [Theory]
    [InlineData("UTERUS, CERVIX, BIOPSY:\n- Invasive squamous cell carcinoma, moderately differentiated.", "en", "C53")]
    [InlineData("Utérus, col utérin, biopsie :\n- Carcinome épidermoïde infiltrant moyennement différencié.", "fr", "C53")]
    [InlineData("Endocervical biopsy: poorly differentiated squamous cell carcinoma.", "en", "C53")]
    [InlineData("Biopsies cervicales : carcinome épidermoïde peu différencié.", "fr", "C53")]
    [InlineData("Specimen: left lower lobe.\nMicroscopy: moderately differentiated adenocarcinoma.", "en", "C34")]
    [InlineData("Pièce : lobe inférieur gauche.\nMicroscopie : adénocarcinome moyennement différencié.", "fr", "C34")]
    [InlineData("Resected colon with a moderately differentiated adenocarcinoma, pT2, clear resection margins.", "en", "C18")]
    public void The_part_or_the_specimen_named_in_the_heading_gives_the_category(string text, string language, string category)
    {
        var field = Field(text, language, ExtensionFields.IcdO3Topography);
        field.Status.ShouldBe(FieldStatus.Found, text);
        field.Normalized![..3].ShouldBe(category, text);
    }

    [Theory]
    [InlineData("Adenocarcinoma of the stomach.\nTumor site: cardia.", "en", "C16.0")]
    [InlineData("Adénocarcinome de l'estomac.\nSiège tumoral : cardia.", "fr", "C16.0")]
    public void The_nos_code_of_a_category_agrees_with_its_finer_codes(string text, string language, string code)
    {
        var field = Field(text, language, ExtensionFields.IcdO3Topography);
        field.Status.ShouldBe(FieldStatus.Found, text);
        field.Normalized.ShouldBe(code, text);
    }

    [Theory]
    [InlineData("Left kidney, radical nephrectomy: renal cell-carcinoma, conventional (clear cell) type, nuclear grade 2.", "en", "8310/3")]
    [InlineData("Carcinoma of the right kidney, clear cell type, Fuhrman grade 3.", "en", "8310/3")]
    [InlineData("Rein gauche, néphrectomie élargie : carcinome à cellules claires, grade 2.", "fr", "8310/3")]
    [InlineData("Carcinoma of the left kidney, chromophobe type, 5 cm.", "en", "8317/3")]
    public void A_kidney_carcinoma_named_by_its_cell_type_gets_that_type(string text, string language, string code)
    {
        var field = Field(text, language, ExtensionFields.IcdO3Morphology);
        field.Status.ShouldBe(FieldStatus.Found, text);
        field.Normalized.ShouldBe(code, text);
    }
}
