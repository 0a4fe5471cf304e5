using MedSummary.Core.Contract;
using MedSummary.Extraction.Rules;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class TnmExtractorTests
{
    private const string PT = ContractFields.PathologicT;
    private const string PN = ContractFields.PathologicN;
    private const string PM = ContractFields.PathologicM;
    private const string CT = ContractFields.ClinicalT;
    private const string CN = ContractFields.ClinicalN;
    private const string CM = ContractFields.ClinicalM;

    // A few lines that make a text read as a pathology report (three distinct markers).
    private const string Pathology = "SURGICAL PATHOLOGY REPORT\nGross description: received in formalin.\nMargins: free.\n";

    private readonly TnmExtractor _extractor = new();

    public static TheoryData<string, string, string, string, string> Stated => new()
    {
        // Joint forms.
        { "Stade : pT2a pN1 M0.", "fr", PT, "pT2a", "T2a" },
        { "Stade : pT2a pN1 M0.", "fr", PN, "pN1", "N1" },
        { "Stade : pT2a pN1 M0.", "fr", PM, "M0", "M0" },
        { "Final staging pT2aN1M0 (AJCC 8th).", "en", PT, "pT2a", "T2a" },
        { "Classification : pT1cpN2a (6/11).", "fr", PT, "pT1c", "T1c" },
        { "Classification : pT1cpN2a (6/11).", "fr", PN, "pN2a", "N2a" },
        { "Résultat histologique définitif : ypT2bypN1a.", "fr", PT, "ypT2b", "T2b" },
        { "Bilan initial : cT3cN1cM0.", "fr", CT, "cT3", "T3" },
        { "Bilan initial : cT3cN1cM0.", "fr", CN, "cN1", "N1" },
        { "Bilan initial : cT3cN1cM0.", "fr", CM, "cM0", "M0" },
        { "Initial staging: cT1cN0M0.", "en", CT, "cT1c", "T1c" },
        { "Initial staging: cT1cN0M0.", "en", CN, "N0", "N0" },
        { "Final staging pT2aN1M0 (AJCC 8th).", "en", PN, "N1", "N1" },
        { "Final staging pT2aN1M0 (AJCC 8th).", "en", PM, "M0", "M0" },
        { "Staging on CT: T2 N0 MX.", "en", CT, "T2", "T2" },
        { "Staging on CT: T2 N0 MX.", "en", CM, "MX", "MX" },
        { "After neoadjuvant chemotherapy: ypT1c ypN0.", "en", PT, "ypT1c", "T1c" },
        { "After neoadjuvant chemotherapy: ypT1c ypN0.", "en", PN, "ypN0", "N0" },
        { "Papillary carcinoma, pT3 N1b.", "en", PN, "N1b", "N1b" },
        { "Classification pT1N0M0.", "fr", PT, "pT1", "T1" },
        { "Tumour classified pT1aN0 on the resection.", "en", PN, "N0", "N0" },
        { "Bilan : cT3 cN1 cM0.", "fr", CT, "cT3", "T3" },
        { "Bilan : cT3 cN1 cM0.", "fr", CN, "cN1", "N1" },
        { "Bilan : cT3 cN1 cM0.", "fr", CM, "cM0", "M0" },
        { "Réévaluation après chimiothérapie : ycT2 ycN0.", "fr", CT, "ycT2", "T2" },
        { "Stade cT2N0M0 au scanner.", "fr", CN, "N0", "N0" },
        { "Clinical staging T4 N2 M1 (PET-CT).", "en", CM, "M1", "M1" },
        { "Rectal MRI: mrT3 mrN1, CRM clear.", "en", CT, "mrT3", "T3" },
        { "Endoscopic ultrasound: uT3N1.", "en", CT, "uT3", "T3" },
        { "Recurrence restaged rpT2 N0.", "en", PT, "rpT2", "T2" },
        { "pT4 pN3 L1 V1 R0, stage IIIB.", "en", PN, "pN3", "N3" },
        { "pT2, pN0 (0/22), pMx, G3", "en", PM, "pMx", "MX" },
        { "pT1 G2 pN0 (0/14)", "en", PN, "pN0", "N0" },
        { "pT3 N1 (2/14) M0", "en", PM, "M0", "M0" },
        { "TNM (UICC 8e édition) : pT2 pN1a M0", "fr", PN, "pN1a", "N1a" },
        { "Classification pTNM : pT2 pN0 (0/12) M0", "fr", PT, "pT2", "T2" },
        { "Stade : pT1c pN0(sn) M0", "fr", PN, "pN0(sn)", "N0" },
        { "ypT0N0 : réponse histologique complète.", "fr", PT, "ypT0", "T0" },

        // One category at a time.
        { "Regional lymph nodes (pN): pN1", "en", PN, "pN1", "N1" },
        { "Primary tumor (pT): pT2", "en", PT, "pT2", "T2" },
        { "Tumeur primitive : pT2", "fr", PT, "pT2", "T2" },
        { "Carcinome infiltrant de stade pT1b.", "fr", PT, "pT1b", "T1b" },
        { "Clinical T stage: 2", "en", CT, "T stage: 2", "T2" },
        { "Microinvasion only, pT1mi.", "en", PT, "pT1mi", "T1mi" },
        { "Micrometastasis in one sentinel node: pN1mi.", "en", PN, "pN1mi", "N1mi" },
        { "Ductal carcinoma in situ only, pTis (DCIS).", "en", PT, "pTis (DCIS)", "Tis" },
        { "Invasion of the visceral pleura, pT4b.", "en", PT, "pT4b", "T4b" },
        { "Four positive nodes, pN2a.", "en", PN, "pN2a", "N2a" },
        { "Supraclavicular node involved, pN3c.", "en", PN, "pN3c", "N3c" },
        { "Liver metastasis confirmed, pM1b.", "en", PM, "pM1b", "M1b" },
        { "Brain metastases at diagnosis (cM1c).", "en", CM, "cM1c", "M1c" },
        { "Fragmented specimen, pTX pNX.", "en", PT, "pTX", "TX" },
        { "Fragmented specimen, pTX pNX.", "en", PN, "pNX", "NX" },
        { "Non-invasive papillary urothelial carcinoma, pTa.", "en", PT, "pTa", "Ta" },
        { "Multifocal tumour, pT2(m) pN0.", "en", PT, "pT2(m)", "T2" },
        { "Isolated tumour cells: pN0(i+).", "en", PN, "pN0(i+)", "N0(i+)" },
        { "Two of fifteen nodes: pN1a (2/15).", "en", PN, "pN1a", "N1a" },
        { "Cervix, FIGO IB1, pT1b1 pN0.", "en", PT, "pT1b1", "T1b1" },
        { "Parametrium free, pT2a2.", "en", PT, "pT2a2", "T2a2" },
        { "Pathologic stage: T3 N1 M0", "en", PT, "T3", "T3" },
        { "Pathological N N1", "en", PN, "N1", "N1" },
        { "Clinical M MO", "en", CM, "MO", "M0" },
        { Pathology + "TNM: T2 N0 M0", "en", PN, "N0", "N0" },
        { Pathology + "TNM STAGE: T3a MO NX.", "en", PN, "NX", "NX" },
        { "Distant metastasis (pM): None identified (pMX).", "en", PM, "pMX", "MX" },
        { "Regional lymph nodes (pN): N0 - no regional lymph node metastasis", "en", PN, "N0", "N0" },
        { Pathology + "Lymph Node Stage (AJCC 7th Edition):\nNO (No regional lymph node metastasis)", "en", PN, "NO", "N0" },

        // OCR noise.
        { "TNM classification pTl pNO RO, stage IA.", "en", PT, "pTl", "T1" },
        { "TNM classification pTl pNO RO, stage IA.", "en", PN, "pNO", "N0" },
        { "Pathologic TN stage: pT3 NO", "en", PN, "NO", "N0" },
        { "pT2 NO MO", "en", PM, "MO", "M0" },
        { "Pathological Staging (pTNM): p T 2 N 0 M x", "en", PT, "p T 2", "T2" },
        { "Pathological Staging (pTNM): p T 2 N 0 M x", "en", PM, "M x", "MX" },
        { "stage pt2 pn0 (lowercase scan)", "en", PT, "pt2", "T2" },
        { "cervix pTlbl, nodes negative", "en", PT, "pTlbl", "T1b1" },
        { "pTNM stage: pT2C NO,", "en", PT, "pT2C", "T2c" },
        { "AJCC Staging (7th edition) pTla pNO pM not applicable", "en", PN, "pNO", "N0" },

        // A table exported cell by cell: the spaced categories after the staging label, each closed by a period.
        { "Pathological Staging (pTNM): T 2c. N 0. M x. Pathological staging is based on the AJCC manual.", "en", PN, "N 0", "N0" },
        { "Pathological Staging (pTNM): T 2c. N 0. M x. Pathological staging is based on the AJCC manual.", "en", PM, "M x", "MX" },
        { "Pathologic staging (pTNM): T 3a, N 1, M 0.", "en", PN, "N 1", "N1" },
        { "Classification pTNM : T 1b. N 0.", "fr", PN, "N 0", "N0" },

        // A staging written in lowercase, with OCR's "o" for zero after a lowercase category.
        { "Gallbladder adenocarcinoma. -Staging: pt3, pno.", "en", PN, "pno", "N0" },
        { "Stade : pt2, pno, pmx.", "fr", PN, "pno", "N0" },
    };

    public static TheoryData<string, string> NotStaging => new()
    {
        { "No tumor identified in the specimen.", "en" },
        { "No lymph nodes were submitted.", "en" },
        { "NO EVIDENCE OF MALIGNANCY.", "en" },
        { "MRI: T1-weighted and T2-weighted images show a small lesion.", "en" },
        { "Compression fracture of the T4 vertebra.", "en" },
        { "Antibody against the N-terminal domain.", "en" },
        { "M1 macrophages infiltrate the stroma.", "en" },
        { "The TNM classification will be assigned after surgery.", "en" },
        { "Tumor size: 2.3 cm; margins clear.", "en" },
        { "Date: 12/03/2023", "en" },
        { "Lésion en hypersignal T2 à l'IRM.", "fr" },
        { "Tassement de la vertèbre T12.", "fr" },
        { "T3 and T4 hormone levels are normal.", "en" },
        { "If pT3, adjuvant radiotherapy will be discussed.", "en" },
        { "Her mother had a pT2 N1 breast cancer.", "en" },
        { "Equivocal extent, pT2-3.", "en" },
        { "Either T1 or T2 on imaging.", "en" },
        { "Lymph nodes: No metastases (0/12).", "en" },
        { "To be reviewed at the tumour board.", "en" },
        { "Ta", "en" },
        { "Seen at 4 pm 1 week ago.", "en" },
        { "pN", "en" },
        { "MO", "en" },
        { "Small T2 signal abnormality in the left frontal lobe.", "en" },
        { "Degenerative changes at levels T10-T12.", "en" },
        { "Recent H1N1 influenza infection.", "en" },
        { "Tx plan discussed with the patient.", "en" },
        { "Mx planned next week.", "en" },
        { "Une tumeur de 2 cm, pas de ganglion.", "fr" },
        { "Patient is at the M1 stage of the study protocol? No.", "en" },
        { "Dose 12 mg, seen by Dr Tl.", "en" },
        { "Seen in room T 2. N 0 follow-up needed.", "en" },
        { "Numbered specimens: T 1. N 2. see gross.", "en" },
        { "pno", "en" },
        { "Piano pno recital, page 3.", "en" },
    };

    [Theory]
    [MemberData(nameof(Stated))]
    public void Reads_stated_categories(string text, string language, string key, string value, string normalized) =>
        FindingAssert.Finds(_extractor, text, language, key, value, normalized);

    [Theory]
    [MemberData(nameof(NotStaging))]
    public void Reads_nothing_where_no_category_is_stated(string text, string language) =>
        FindingAssert.FindsNothingAtAll(_extractor, text, language);

    [Theory]
    [InlineData("History of pT1 N0 colon cancer treated in 2010.", "en", "T1")]
    [InlineData("Antécédent de carcinome mammaire pT2N0 en 2008.", "fr", "T2")]
    public void A_staging_stated_as_history_is_read_with_a_note_when_nothing_else_is_staged(string text, string language, string t)
    {
        var (_, findings) = FindingAssert.Run(_extractor, text, language);
        var finding = findings.Single(f => f.FieldKey == PT);
        finding.Normalized.ShouldBe(t);
        finding.Note!.ShouldContain("history");
        finding.Confidence.ShouldBeLessThan(0.8);
    }

    [Fact]
    public void A_staging_stated_as_history_gives_way_to_the_current_one()
    {
        var (_, findings) = FindingAssert.Run(_extractor, "History of pT1 N0 breast cancer in 2005. Current resection: pT2 pN1a.", "en");
        findings.Where(f => f.FieldKey == PT).Select(f => f.Normalized).ShouldBe(["T2"]);
        findings.Where(f => f.FieldKey == PN).Select(f => f.Normalized).ShouldBe(["N1a"]);
    }

    [Fact]
    public void Post_therapy_and_recurrence_prefixes_are_noted()
    {
        var (_, findings) = FindingAssert.Run(_extractor, "ypT2 ypN1a, rpT1", "en");
        findings.Where(f => f.Value.StartsWith("yp", StringComparison.Ordinal)).ShouldAllBe(f => f.Note!.Contains("(y)"));
        findings.Single(f => f.Value == "rpT1").Note!.ShouldContain("(r)");
    }

    [Fact]
    public void Ocr_readings_rank_below_clean_ones()
    {
        var (_, clean) = FindingAssert.Run(_extractor, "pT2 pN0", "en");
        var (_, noisy) = FindingAssert.Run(_extractor, "pT2 pNO", "en");
        noisy.Single(f => f.FieldKey == PN).Confidence.ShouldBeLessThan(clean.Single(f => f.FieldKey == PN).Confidence);
    }

    [Fact]
    public void An_unassessed_category_gives_way_to_one_the_same_report_states()
    {
        var (_, findings) = FindingAssert.Run(
            _extractor,
            Pathology + "Final diagnosis: sigmoid adenocarcinoma, stage pT4a, N1, Mx (see synoptic).\nSynoptic: regional nodes (pN): pNX. Distant metastasis (pM): pM1a, site: liver.",
            "en");
        findings.Where(f => f.FieldKey == PM).Select(f => f.Normalized).Distinct().ShouldBe(["M1a"]);
        findings.Where(f => f.FieldKey == PN).Select(f => f.Normalized).Distinct().ShouldBe(["N1"]);
    }

    [Fact]
    public void An_unassessed_category_stays_when_nothing_else_is_stated()
    {
        var (_, findings) = FindingAssert.Run(_extractor, Pathology + "Pathologic stage: pT2 pN0 pMX.", "en");
        findings.Single(f => f.FieldKey == PM).Normalized.ShouldBe("MX");
    }

    [Fact]
    public void In_a_table_exported_as_sentences_the_nearest_label_names_the_classification()
    {
        var (_, findings) = FindingAssert.Run(_extractor, Pathology + "Histology: squamous carcinoma. Pathological T. T3. Pathological N. N2a. Clinical M. M0. Stage group.", "en");
        findings.Single(f => f.FieldKey == PT).Normalized.ShouldBe("T3");
        findings.Single(f => f.FieldKey == PN).Normalized.ShouldBe("N2a");
        findings.Single(f => f.FieldKey == CM).Normalized.ShouldBe("M0");
        findings.ShouldNotContain(f => f.FieldKey == PM);
    }

    [Fact]
    public void A_centimetre_unit_in_brackets_is_no_clinical_cue()
    {
        // "(cm)" read without case is "(cM)": it must not turn a pathology table's categories clinical.
        var text = Pathology + "Site of tumour: right kidney, upper pole. Histologic type: papillary renal cell carcinoma, type 2. Size (cm): 8.1. Primary tumour (T): T2. Regional nodes (N): NX.";
        var (_, findings) = FindingAssert.Run(_extractor, text, "en");
        findings.Single(f => f.FieldKey == PT).Normalized.ShouldBe("T2");
        findings.ShouldNotContain(f => f.FieldKey == CT);
    }

    [Theory]
    [InlineData("Pathologic stage group IIIA (assuming a cM0 status). pTNM: pT3 pN1.", "en")]
    [InlineData("Stade IIIA en supposant un statut cM0. pTNM : pT3 pN1.", "fr")]
    public void An_assumed_category_is_not_stated(string text, string language)
    {
        var (_, findings) = FindingAssert.Run(_extractor, text, language);
        findings.ShouldNotContain(f => f.FieldKey == CM || f.FieldKey == PM);
        findings.Single(f => f.FieldKey == PT).Normalized.ShouldBe("T3");
    }

    [Fact]
    public void An_unprefixed_group_in_a_pathology_report_is_pathologic_and_elsewhere_clinical()
    {
        var (_, inReport) = FindingAssert.Run(_extractor, Pathology + "Stage: T2 N1", "en");
        inReport.Select(f => f.FieldKey).ShouldBe([PT, PN], ignoreOrder: true);
        var (_, inLetter) = FindingAssert.Run(_extractor, "Dear colleague, staging T2 N1 after work-up.", "en");
        inLetter.Select(f => f.FieldKey).ShouldBe([CT, CN], ignoreOrder: true);
    }
}
