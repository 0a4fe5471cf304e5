using MedSummary.Core.Contract;
using MedSummary.Extraction.Rules;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class HistologyExtractorTests
{
    private const string Key = ContractFields.Histology;
    private readonly HistologyExtractor _extractor = new();

    public static TheoryData<string, string, string, string> Stated => new()
    {
        { "Invasive ductal carcinoma, grade 2.", "en", "Invasive ductal carcinoma", "invasive ductal carcinoma" },
        { "Carcinome canalaire infiltrant.", "fr", "Carcinome canalaire infiltrant", "invasive ductal carcinoma" },
        { "Carcinome infiltrant de type non spécifique (NST).", "fr", "Carcinome infiltrant de type non spécifique (NST)", "invasive ductal carcinoma" },
        { "Adenocarcinoma, moderately differentiated.", "en", "Adenocarcinoma", "adenocarcinoma" },
        { "Squamous cell carcinoma, keratinizing.", "en", "Squamous cell carcinoma", "squamous cell carcinoma" },
        { "High-grade serous carcinoma of the ovary.", "en", "High-grade serous carcinoma", "high-grade serous carcinoma" },
        { "Clear cell renal cell carcinoma, Fuhrman 2.", "en", "Clear cell renal cell carcinoma", "clear cell renal cell carcinoma" },
        { "Glioblastoma, IDH-wildtype.", "en", "Glioblastoma", "glioblastoma" },
        { "Urothelial carcinoma, high grade, muscle invasive.", "en", "Urothelial carcinoma", "urothelial carcinoma" },
        { "Hepatocellular carcinoma, well differentiated.", "en", "Hepatocellular carcinoma", "hepatocellular carcinoma" },
        { "Carcinome épidermoïde invasif.", "fr", "Carcinome épidermoïde", "squamous cell carcinoma" },
        { "Adénocarcinome lieberkühnien.", "fr", "Adénocarcinome", "adenocarcinoma" },
        { "Invasive lobular carcinoma, classic type.", "en", "Invasive lobular carcinoma", "invasive lobular carcinoma" },
        { "Carcinome lobulaire infiltrant.", "fr", "Carcinome lobulaire infiltrant", "invasive lobular carcinoma" },
        { "Ductal carcinoma in situ, high nuclear grade.", "en", "Ductal carcinoma in situ", "ductal carcinoma in situ" },
        { "Invasive ductal carcinoma with associated ductal carcinoma in situ.", "en", "Invasive ductal carcinoma", "invasive ductal carcinoma" },
        { "Endometrioid adenocarcinoma, FIGO grade 1.", "en", "Endometrioid adenocarcinoma", "endometrioid carcinoma" },
        { "Adenocarcinoma, endometrioid type.", "en", "Adenocarcinoma, endometrioid type", "endometrioid carcinoma" },
        { "Papillary serous carcinoma.", "en", "Papillary serous carcinoma", "serous carcinoma" },
        { "Serous cystadenocarcinoma.", "en", "Serous cystadenocarcinoma", "serous carcinoma" },
        { "Mucinous adenocarcinoma of the colon.", "en", "Mucinous adenocarcinoma", "mucinous adenocarcinoma" },
        { "Signet ring cell carcinoma.", "en", "Signet ring cell carcinoma", "signet ring cell carcinoma" },
        { "Small cell carcinoma of the lung.", "en", "Small cell carcinoma", "small cell carcinoma" },
        { "Non-small cell lung carcinoma, favour adenocarcinoma.", "en", "Non-small cell lung carcinoma", "non-small cell carcinoma" },
        { "Carcinome bronchique non à petites cellules.", "fr", "Carcinome bronchique non à petites cellules", "non-small cell carcinoma" },
        { "Acinar adenocarcinoma of the prostate.", "en", "Acinar adenocarcinoma", "acinar adenocarcinoma" },
        { "Pancreatic ductal adenocarcinoma.", "en", "Pancreatic ductal adenocarcinoma", "ductal adenocarcinoma" },
        { "Transitional cell carcinoma of the bladder.", "en", "Transitional cell carcinoma", "urothelial carcinoma" },
        { "Carcinome à cellules claires du rein.", "fr", "Carcinome à cellules claires du rein", "clear cell renal cell carcinoma" },
        { "Papillary renal cell carcinoma, type 2.", "en", "Papillary renal cell carcinoma", "papillary renal cell carcinoma" },
        { "Chromophobe renal cell carcinoma.", "en", "Chromophobe renal cell carcinoma", "chromophobe renal cell carcinoma" },
        { "Anaplastic astrocytoma, WHO grade III.", "en", "Anaplastic astrocytoma", "anaplastic astrocytoma" },
        { "Oligodendroglioma, IDH-mutant and 1p/19q-codeleted.", "en", "Oligodendroglioma", "oligodendroglioma" },
        { "Cholangiocarcinome intrahépatique.", "fr", "Cholangiocarcinome", "cholangiocarcinoma" },
        { "Carcinosarcoma (malignant mixed müllerian tumour) of the uterus.", "en", "Carcinosarcoma", "carcinosarcoma" },
        { "Adénocarcinome mucineux.", "fr", "Adénocarcinome mucineux", "mucinous adenocarcinoma" },
        { "Mélanome malin.", "fr", "Mélanome", "melanoma" },
        { "Diffuse large B-cell lymphoma.", "en", "Diffuse large B-cell lymphoma", "diffuse large b-cell lymphoma" },
        { "Basaloid squamous cell carcinoma of the larynx.", "en", "Basaloid squamous cell carcinoma", "basaloid squamous cell carcinoma" },
        { "Epidermoid carcinoma.", "en", "Epidermoid carcinoma", "squamous cell carcinoma" },
        { "Invasive carcinoma of no special type.", "en", "Invasive carcinoma of no special type", "invasive ductal carcinoma" },
        { "Carcinome hépatocellulaire sur cirrhose.", "fr", "Carcinome hépatocellulaire", "hepatocellular carcinoma" },
        { "Carcinome urothélial infiltrant de haut grade.", "fr", "Carcinome urothélial", "urothelial carcinoma" },
        { "Leiomyosarcoma of the uterus.", "en", "Leiomyosarcoma", "leiomyosarcoma" },
        { "Malignant mesothelioma, epithelioid type.", "en", "Malignant mesothelioma", "mesothelioma" },
        { "Adenocarcinoma, consistent with lung primary.", "en", "Adenocarcinoma", "adenocarcinoma" },
        { "Large cell neuroendocrine carcinoma.", "en", "Large cell neuroendocrine carcinoma", "large cell neuroendocrine carcinoma" },
        { "Neuroendocrine tumour, grade 1.", "en", "Neuroendocrine tumour", "neuroendocrine tumor" },
        { "Carcinome séreux de haut grade.", "fr", "Carcinome séreux de haut grade", "high-grade serous carcinoma" },
        { "Adenosquamous carcinoma.", "en", "Adenosquamous carcinoma", "adenosquamous carcinoma" },
        { "Squamous\ncell carcinoma, moderately differentiated.", "en", "Squamous\ncell carcinoma", "squamous cell carcinoma" },
        // OCR glues a synoptic answer to the next label.
        { "Tumor site: right upper lobeHistologic type: Squamous cell carcinomaHistologic grade: G2", "en", "Squamous cell carcinoma", "squamous cell carcinoma" },
        { "Specimen: colonHistologic type: AdenocarcinomaHistologic grade: moderately differentiated", "en", "Adenocarcinoma", "adenocarcinoma" },
        { "Type histologique : Carcinome canalaire infiltrantGrade : 2", "fr", "Carcinome canalaire infiltrant", "invasive ductal carcinoma" },
        // OCR reads "papillary" with one l or an extra i.
        { "THYROID, LEFT LOBE: PAPILIARY CARCINOMA, 1.1 CM.", "en", "PAPILIARY CARCINOMA", "papillary carcinoma" },
        { "Diagnosis: papilary thyroid carcinoma, classic type.", "en", "papilary thyroid carcinoma", "papillary thyroid carcinoma" },
        { "Bladder: non-invasive papiliary urothelial carcinoma, low grade.", "en", "non-invasive papiliary urothelial carcinoma", "urothelial carcinoma" },

        // The protocol's answer is read, its title is not.
        { "SYNOPTIC - PRIMARY UTERINE ENDOMETRIAL CARCINOMA & CARCINOSARCOMA: HYSTERECTOMY. TUMOR TYPE: Endometrioid adenocarcinoma, NOS.", "en", "Endometrioid adenocarcinoma", "endometrioid carcinoma" },
        { "Synoptic report: invasive ductal carcinoma, Nottingham grade 2.", "en", "invasive ductal carcinoma", "invasive ductal carcinoma" },

        // "Endometroid", a frequent misspelling.
        { "TUMOR TYPE: Endometroid adenocarcinoma, NOS.", "en", "Endometroid adenocarcinoma", "endometrioid carcinoma" },

        // A synoptic line that gives the type by its qualifier alone.
        { "Breast, core biopsy. Histologic type: ductal. Nottingham grade: 2.", "en", "ductal", "invasive ductal carcinoma" },
        { "HISTOLOGIC TYPE: Invasive lobular (E-cadherin negative). GRADE: 2.", "en", "lobular", "invasive lobular carcinoma" },
        { "Tumor type: squamous cell. Depth of invasion: 4 mm.", "en", "squamous cell", "squamous cell carcinoma" },
        { "Histologic Type: Endometrioid\nFIGO grade: 1", "en", "Endometrioid", "endometrioid carcinoma" },
        { "Kidney, radical nephrectomy. Histologic type: Conventional-clear cell. Fuhrman grade 2.", "en", "Conventional-clear cell", "clear cell carcinoma" },
        { "Histological type: chromophobe; size 4 cm.", "en", "chromophobe", "chromophobe renal cell carcinoma" },
        { "Type histologique : canalaire. Grade SBR : 2.", "fr", "canalaire", "invasive ductal carcinoma" },
        { "Type histologique : épidermoïde, kératinisant.", "fr", "épidermoïde", "squamous cell carcinoma" },
        { "Type histologique : mucineux.", "fr", "mucineux", "mucinous adenocarcinoma" },
        { "Type histologique : à cellules claires.", "fr", "à cellules claires", "clear cell carcinoma" },

        // Renal carcinoma named without "cell".
        { "Right kidney: papillary renal carcinoma, type 2.", "en", "papillary renal carcinoma", "papillary renal cell carcinoma" },
        { "Clear cell renal carcinoma, Fuhrman grade 3.", "en", "Clear cell renal carcinoma", "clear cell renal cell carcinoma" },
    };

    public static TheoryData<string, string> NotStated => new()
    {
        { "No evidence of carcinoma.", "en" },
        { "Negative for carcinoma.", "en" },
        { "Margins free of carcinoma.", "en" },
        { "Suspicious for adenocarcinoma.", "en" },
        { "Rule out squamous cell carcinoma.", "en" },
        { "Mother had breast carcinoma.", "en" },
        { "Carcinoma: not identified.", "en" },
        { "No residual carcinoma after neoadjuvant therapy.", "en" },
        { "Differential diagnosis: lymphoma versus carcinoma.", "en" },
        { "Benign serous cystadenoma.", "en" },
        { "Pas de carcinome résiduel.", "fr" },
        { "Absence de carcinome.", "fr" },
        { "Suspicion d'adénocarcinome.", "fr" },
        { "Antécédent de carcinome canalaire infiltrant en 2005.", "fr" },
        { "Adénocarcinome à confirmer.", "fr" },
        { "Carcinoma cannot be excluded.", "en" },
        { "Possible adenocarcinoma.", "en" },
        { "Atypical ductal hyperplasia.", "en" },
        { "Favor glial neoplasm; glioma cannot be ruled out.", "en" },
        { "12. Undifferentiated carcinoma\n13. Small cell carcinoma\n14. Mixed epithelial tumour", "en" },

        // A checklist item answered in the negative, alone or with the types coordinated after it.
        { "Variant histology - adenocarcinoma and squamous carcinoma: not applicable.", "en" },
        { "Squamous cell carcinoma: Not applicable.", "en" },
        { "Sarcomatoid carcinoma or small cell carcinoma: absent.", "en" },
        { "Cholangiocarcinoma / adenocarcinoma component: no.", "en" },
        { "Adenocarcinoma, signet ring cell carcinoma: none.", "en" },
        { "Composante de carcinome épidermoïde : non applicable.", "fr" },
        { "Adénocarcinome ou carcinome à petites cellules : non.", "fr" },
        { "Carcinome à petites cellules : sans objet.", "fr" },
        { "Carcinome neuroendocrine et carcinome épidermoïde : absents.", "fr" },

        // A qualifier that is no type, or one the line does not give as the type.
        { "Histologic type: trabecular.", "en" },
        { "Histologic type: ductal: not identified.", "en" },
        { "Histologic type: pending.", "en" },
        { "Type histologique : en attente de l'immunohistochimie.", "fr" },
        { "Growth pattern: papillary.", "en" },

        // A type named in the title of a synoptic protocol.
        { "SYNOPTIC - PRIMARY UTERINE ENDOMETRIAL CARCINOMA & CARCINOSARCOMA: HYSTERECTOMY SPECIMENS", "en" },
        { "Protocol for the examination of specimens with carcinoma of the colon and rectum: resection", "en" },
        { "Compte rendu standardisé des carcinomes et carcinosarcomes de l'endomètre : hystérectomie", "fr" },

        // A type's name used as the name of a stain.
        { "Tumour cells are negative with TTF-1, CK7, CD10 and Pan melanoma.", "en" },
        { "Immunostains: melanoma cocktail and S100 performed on block A2.", "en" },
        { "Stain/Procedure: MELANOMA-E (HMB-45). See comment.", "en" },
        { "Immunohistochimie : cocktail mélanome réalisé sur le bloc A3.", "fr" },
        { "Marquage par l'anticorps anti-mélanome (HMB45) sur la lame 2.", "fr" },
    };

    [Theory]
    [MemberData(nameof(Stated))]
    public void Reads_histologic_types(string text, string language, string value, string normalized) =>
        FindingAssert.Finds(_extractor, text, language, Key, value, normalized);

    [Theory]
    [MemberData(nameof(NotStated))]
    public void Reads_no_type_from_denials_hypotheses_or_history(string text, string language) =>
        FindingAssert.FindsNothing(_extractor, text, language, Key);

    [Theory]
    [InlineData("Endometrium: carcinosarcoma (malignant mixed Mullerian tumour) with a serous carcinoma component and heterologous rhabdomyosarcoma.", "en")]
    [InlineData("Utérus : carcinosarcome, composante épithéliale de type adénocarcinome endométrioïde, composante sarcomateuse de type chondrosarcome.", "fr")]
    public void The_components_of_a_carcinosarcoma_are_not_other_types(string text, string language)
    {
        var (_, findings) = FindingAssert.Run(_extractor, text, language);
        findings.Where(f => f.FieldKey == Key).Select(f => f.Normalized).Distinct().ShouldBe(["carcinosarcoma"], text);
    }

    [Fact]
    public void Broader_and_finer_terms_share_a_hierarchy()
    {
        var v = HistologyVocabulary.Instance;
        v.IsSameOrBroader("adenocarcinoma", "acinar adenocarcinoma").ShouldBeTrue();
        v.IsSameOrBroader("carcinoma", "clear cell renal cell carcinoma").ShouldBeTrue();
        v.IsSameOrBroader("non-small cell carcinoma", "squamous cell carcinoma").ShouldBeTrue();
        v.IsSameOrBroader("astrocytoma", "glioblastoma").ShouldBeTrue();
        v.IsSameOrBroader("squamous cell carcinoma", "adenocarcinoma").ShouldBeFalse();
        v.IsSameOrBroader("acinar adenocarcinoma", "adenocarcinoma").ShouldBeFalse();
    }
}
