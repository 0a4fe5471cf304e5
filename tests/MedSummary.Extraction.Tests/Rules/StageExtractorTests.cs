using MedSummary.Core.Contract;
using MedSummary.Extraction.Rules;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class StageExtractorTests
{
    private const string Key = ContractFields.Stage;
    private readonly StageExtractor _extractor = new();

    public static TheoryData<string, string, string, string> Stated => new()
    {
        { "Overall: Stage IIB.", "en", "Stage IIB", "IIB" },
        { "Carcinome canalaire, stade IIIA.", "fr", "stade IIIA", "IIIA" },
        { "AJCC stage group: IIA", "en", "AJCC stage group: IIA", "IIA" },
        { "Endometrial carcinoma, FIGO IIIC1.", "en", "FIGO IIIC1", "IIIC1" },
        { "Metastatic disease, stage IV.", "en", "stage IV", "IV" },
        { "Pathologic stage IA (pT1c N0).", "en", "Pathologic stage IA", "IA" },
        { "Breast cancer stage 2B.", "en", "cancer stage 2B", "IIB" },
        { "AJCC stage 3 after review.", "en", "AJCC stage 3", "III" },
        { "Maladie de stade IV d'emblée.", "fr", "stade IV", "IV" },
        { "Carcinome du col, stade FIGO IB2.", "fr", "stade FIGO IB2", "IB2" },
        { "FIGO stage IIIC serous carcinoma.", "en", "FIGO stage IIIC", "IIIC" },
        { "Ductal carcinoma in situ, stage 0.", "en", "stage 0", "0" },
        { "Clinical stage IIIB on PET-CT.", "en", "Clinical stage IIIB", "IIIB" },
        { "Overall stage: IIA", "en", "Overall stage: IIA", "IIA" },
        { "Stage grouping: IIIA", "en", "Stage grouping: IIIA", "IIIA" },
        { "Node-positive endometrial cancer, stage IIIC2.", "en", "stage IIIC2", "IIIC2" },
        { "FIGO 2009 stage IVB.", "en", "FIGO 2009 stage IVB", "IVB" },
        { "Microinvasive cervical carcinoma, stage IA1.", "en", "stage IA1", "IA1" },
        { "Stade IIIB (AJCC 8e édition).", "fr", "Stade IIIB", "IIIB" },
        { "-Stage:FIGO IIIC pT3c Nx Mx", "en", "Stage:FIGO IIIC", "IIIC" },
        { "TNM classification pT2 pN0, stage llB.", "en", "stage llB", "IIB" },
        { "Stage IIIA (T2 N2 M0).", "en", "Stage IIIA", "IIIA" },
        { "UICC stage IVA.", "en", "UICC stage IVA", "IVA" },
        { "Diffuse large B-cell lymphoma, Ann Arbor stage IIB.", "en", "Ann Arbor stage IIB", "IIB" },
        { "Stade pathologique : IIIA", "fr", "Stade pathologique : IIIA", "IIIA" },
        { "Stage III disease at presentation.", "en", "Stage III", "III" },
        { "Stage IB non-small cell lung cancer.", "en", "Stage IB", "IB" },
        { "stade IIB selon la classification FIGO", "fr", "stade IIB", "IIB" },
        { "Stage Group: IIIB", "en", "Stage Group: IIIB", "IIIB" },
        { "Pathologic stage: Stage I (T1 Nx Mx)", "en", "Stage I", "I" },
        { "Stadification : stade IIA.", "fr", "stade IIA", "IIA" },
        { "Tumour stage IVC at diagnosis.", "en", "Tumour stage IVC", "IVC" },
        { "Stage IIC ovarian carcinoma (FIGO).", "en", "Stage IIC", "IIC" },
        { "stage IIIA1 after nodal review", "en", "stage IIIA1", "IIIA1" },
    };

    /// <summary>How other hospitals write the group: French qualifiers after the word, spaced or hyphenated letters, the group after the TNM it sums up.</summary>
    public static TheoryData<string, string, string, string> OtherHospitals => new()
    {
        { "Synthèse RCP : stade anatomique IIB, hormonosensible.", "fr", "stade anatomique IIB", "IIB" },
        { "Au total stade pronostique IA (AJCC 8e).", "fr", "stade pronostique IA", "IA" },
        { "Après relecture en RCP, stade final : IIA.", "fr", "stade final : IIA", "IIA" },
        { "LDGCB classé en stade II B d'Ann Arbor.", "fr", "stade II B", "IIB" },
        { "Lésion pulmonaire gauche : stade clinique III-c selon le scanner.", "fr", "stade clinique III-c", "IIIC" },
        { "Tumeur bronchique inopérable, stade II-A, revue en RCP.", "fr", "stade II-A", "IIA" },
        { "Stade : pT2 N1 M0, IIB", "fr", "Stade : pT2 N1 M0, IIB", "IIB" },
        { "Conclusion : stade pT1N2M0 (IIIA).", "fr", "stade pT1N2M0 (IIIA)", "IIIA" },
        { "Stage: T2N1M0, IIB", "en", "Stage: T2N1M0, IIB", "IIB" },
        { "AJCC stage pT1c pN1a M0 = IIA per the 8th edition.", "en", "AJCC stage pT1c pN1a M0 = IIA", "IIA" },
        { "Stage III B lung cancer, unresectable.", "en", "Stage III B", "IIIB" },
        { "The final AJCC stage is:\n2b (pT2 pN1a)", "en", "AJCC stage is:\n2b", "IIB" },
    };

    public static TheoryData<string, string> NotStage => new()
    {
        { "CKD stage IV, creatinine 250.", "en" },
        { "Chronic kidney disease stage IIIB.", "en" },
        { "Stage 3 chronic kidney disease.", "en" },
        { "Stage IV chronic kidney disease.", "en" },
        { "Stage 2 pressure ulcer on the sacrum.", "en" },
        { "Stage IV pressure ulcer.", "en" },
        { "NYHA stage III heart failure.", "en" },
        { "Tanner stage IV.", "en" },
        { "Fibrosis stage III (METAVIR).", "en" },
        { "Sleep stage II recorded.", "en" },
        { "Lymphedema stage II of the left arm.", "en" },
        { "If stage III, chemotherapy is indicated.", "en" },
        { "The stage will be determined after surgery.", "en" },
        { "Her sister had stage II breast cancer.", "en" },
        { "Le stade de la maladie sera précisé.", "fr" },
        { "Staging CT scan requested.", "en" },
        { "Stage: pT2 N0", "en" },
        { "Backstage pass.", "en" },
        { "Stage 4.", "en" },
        { "GOLD stage III COPD.", "en" },
        { "Escarre stade III du talon.", "fr" },
        { "Insuffisance rénale chronique stade IV.", "fr" },
        { "Stade 3 de la maladie rénale chronique.", "fr" },
        { "Stade IV de Hoehn et Yahr.", "fr" },
        { "Dénutrition stade II.", "fr" },
        { "Suspected stage IV disease, work-up pending.", "en" },
        { "Stage: to be determined.", "en" },
        { "Clark level IV, Breslow 2.1 mm.", "en" },
    };

    /// <summary>Groups that are a legend, an option, a range, a TNM axis, a population, a condition or a heading's neighbour.</summary>
    public static TheoryData<string, string> NotThisTumoursGroup => new()
    {
        { "Stage key: Stage I / II / III / IV", "en" },
        { "Stade : I - II - III - IV (entourer)", "fr" },
        { "Stage group: IA, IB, IIA, IIB, IIIA (circle one)", "en" },
        { "Col utérin : stade IIA ou IIB, IRM demandée.", "fr" },
        { "Tumeur vulvaire, stade IIIA/IIIB.", "fr" },
        { "Clinical stage I-II on imaging.", "en" },
        { "Tumour category - T Stage: 1, N Stage: 0, M Stage: 0", "en" },
        { "The score was validated for stage II, node-negative breast cancer patients only.", "en" },
        { "Survival of patients with stage III colon cancer improves with FOLFOX.", "en" },
        { "En cas de stade IV au TEP, on discutera une chimiothérapie.", "fr" },
        { "In case of stage IIIC, lymphadenectomy is added.", "en" },
        { "Liver, trichrome stain positive (stage IV).", "en" },
        { "PATHOLOGICAL STAGE\nI. Tumour extent: pT3", "en" },
        { "AJCC STAGE\n1. Largest focus: 14 mm", "en" },
    };

    [Theory]
    [MemberData(nameof(Stated))]
    [MemberData(nameof(OtherHospitals))]
    public void Reads_stage_groups(string text, string language, string value, string normalized) =>
        FindingAssert.Finds(_extractor, text, language, Key, value, normalized);

    [Theory]
    [MemberData(nameof(NotStage))]
    [MemberData(nameof(NotThisTumoursGroup))]
    public void Ignores_other_stages_and_hypotheses(string text, string language) =>
        FindingAssert.FindsNothing(_extractor, text, language, Key);
}
