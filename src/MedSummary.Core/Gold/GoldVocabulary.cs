using MedSummary.Core.Contract;

namespace MedSummary.Core.Gold;

/// <summary>
/// Field keys a gold set may carry beyond <see cref="ContractFields"/>: the fields later issues add to the form.
/// Their normalized vocabularies are documented in eval/README.md.
/// </summary>
public static class GoldFields
{
    /// <summary>Whole years at the date of diagnosis, e.g. "58".</summary>
    public const string AgeAtDiagnosis = "age_at_diagnosis";

    /// <summary>"female" or "male".</summary>
    public const string Sex = "sex";

    /// <summary>ECOG / WHO performance status "0".."4" (the most recent one stated).</summary>
    public const string Ecog = "ecog";

    /// <summary>Multi-valued: distant metastatic sites as English lowercase words; an empty set means "stated: none".</summary>
    public const string MetastaticSites = "metastatic_sites";

    /// <summary>"wild-type", "mutated" or "mutated (VARIANT)": "mutated (L858R)", "mutated (exon 19 deletion)" (eval/README.md).</summary>
    public const string EgfrStatus = "egfr_status";

    /// <summary>"positive" (rearranged) or "negative".</summary>
    public const string AlkStatus = "alk_status";

    /// <summary>"wild-type", "mutated" or "mutated (VARIANT)": "mutated (G12C)".</summary>
    public const string KrasStatus = "kras_status";

    /// <summary>"wild-type", "mutated" or "mutated (VARIANT)": "mutated (V600E)".</summary>
    public const string BrafStatus = "braf_status";

    /// <summary>PD-L1 tumour proportion score, e.g. "60%".</summary>
    public const string PdL1 = "pdl1_tps";

    /// <summary>"msi-h" (or dMMR) or "mss" (or pMMR).</summary>
    public const string MsiStatus = "msi_status";

    /// <summary>BRCA1/2: "wild-type", "mutated", or "mutated (GENE, ORIGIN)": "mutated (BRCA2, germline)".</summary>
    public const string BrcaStatus = "brca_status";

    /// <summary>PSA at diagnosis in ng/mL with a decimal point, e.g. "12.4".</summary>
    public const string PsaAtDiagnosis = "psa_at_diagnosis";

    /// <summary>At the most recent document: "no evidence of disease", "complete response", "partial response", "stable disease" or "progressive disease".</summary>
    public const string DiseaseStatus = "disease_status";

    /// <summary>"premenopausal", "perimenopausal" or "postmenopausal" (the patient's own status, never a relative's).</summary>
    public const string MenopausalStatus = "menopausal_status";

    /// <summary>Largest dimension of the tumour in whole or decimal millimetres, digits only: "23" (written "23 mm" or "2,3 cm").</summary>
    public const string TumorSize = "tumor_size";

    /// <summary>Regional lymph nodes with metastasis (micrometastases count), digits: "2" (written "2/14").</summary>
    public const string NodesPositive = "nodes_positive";

    /// <summary>Regional lymph nodes examined, digits: "14" (written "2/14").</summary>
    public const string NodesExamined = "nodes_examined";

    /// <summary>Resection margin status: "R0" (free), "R1" (microscopically involved), "R2" (macroscopic residual tumour).</summary>
    public const string Margins = "margins";

    /// <summary>Distance from the tumour to the margin a report calls the closest, in millimetres, digits: "6" (written "8 cm" gives "80").</summary>
    public const string MarginDistance = "margin_distance";

    /// <summary>Lymphovascular invasion: "present" or "absent". Extramural venous invasion alone does not state it.</summary>
    public const string Lvi = "lvi";

    /// <summary>Perineural invasion: "present" or "absent".</summary>
    public const string Pni = "pni";

    /// <summary>
    /// ICD-O-3 topography code of the primary site, "C50.4": the most specific site the documents name (the quadrant,
    /// lobe or colonic segment when one is named, else the organ's ".9"). Its quotes are the site words, not a code.
    /// </summary>
    public const string IcdO3Topography = "icdo3_topography";

    /// <summary>
    /// ICD-O-3 morphology code with behaviour and without the grade digit, "8500/3": the most specific type the
    /// documents name. Its quotes are the histology words, not a code.
    /// </summary>
    public const string IcdO3Morphology = "icdo3_morphology";

    public static IReadOnlyList<string> All { get; } =
    [
        AgeAtDiagnosis, Sex, Ecog, MetastaticSites, EgfrStatus, AlkStatus, KrasStatus, BrafStatus, PdL1,
        MsiStatus, BrcaStatus, PsaAtDiagnosis, DiseaseStatus, MenopausalStatus, TumorSize, NodesPositive, NodesExamined,
        Margins, MarginDistance, Lvi, Pni, IcdO3Topography, IcdO3Morphology,
    ];

    /// <summary>
    /// Fields whose value is a code read from words: a citation supports the code when it quotes the words coded
    /// (the answer's value as written), the code itself, or the code's label (eval/README.md, "Metrics").
    /// </summary>
    public static IReadOnlyList<string> Coded { get; } = [IcdO3Topography, IcdO3Morphology];

    /// <summary>Fields whose expectation is a set (<see cref="GoldField.Values"/>) rather than one value.</summary>
    public static IReadOnlyList<string> MultiValued { get; } = [MetastaticSites];
}

/// <summary>Kinds of expected alerts.</summary>
public static class GoldAlertKinds
{
    /// <summary>A laboratory value clearly outside its reference range; <see cref="GoldAlert.About"/> names the analyte.</summary>
    public const string LabAbnormal = "lab_abnormal";

    /// <summary>Documents disagree on a field; <see cref="GoldAlert.About"/> is the field key.</summary>
    public const string Contradiction = "contradiction";

    /// <summary>
    /// A document is about another patient (birth date, identifier or name disagree); <see cref="GoldAlert.About"/>
    /// is the misfiled file's name and the quotes cite both identities. Same kind as the contract's alert.
    /// </summary>
    public const string DifferentPatients = Contract.AlertKinds.DifferentPatients;
}

/// <summary>Analyte names used in <see cref="GoldAlert.About"/> for laboratory alerts.</summary>
public static class GoldLabs
{
    public const string Hemoglobin = "hemoglobin";
    public const string Neutrophils = "neutrophils";
    public const string Leukocytes = "leukocytes";
    public const string Platelets = "platelets";
    public const string Creatinine = "creatinine";

    /// <summary>Estimated glomerular filtration rate (not the EGFR gene).</summary>
    public const string Gfr = "gfr";

    public const string Bilirubin = "bilirubin";
    public const string Alt = "alt";
    public const string Ast = "ast";
    public const string Calcium = "calcium";
    public const string Potassium = "potassium";
    public const string Sodium = "sodium";

    public static IReadOnlyList<string> All { get; } =
        [Hemoglobin, Neutrophils, Leukocytes, Platelets, Creatinine, Gfr, Bilirubin, Alt, Ast, Calcium, Potassium, Sodium];
}

/// <summary>Kinds of timeline events.</summary>
public static class GoldEventKinds
{
    public const string Symptom = "symptom";
    public const string Imaging = "imaging";
    public const string Biopsy = "biopsy";
    public const string Diagnosis = "diagnosis";
    public const string TumorBoard = "tumor_board";
    public const string Surgery = "surgery";
    public const string TreatmentStart = "treatment_start";
    public const string TreatmentEnd = "treatment_end";
    public const string Toxicity = "toxicity";
    public const string Consultation = "consultation";
    public const string LabTest = "lab_test";
    public const string Progression = "progression";
    public const string Response = "response";
}

/// <summary>Kinds of treatments.</summary>
public static class GoldTreatmentKinds
{
    public const string Surgery = "surgery";
    public const string Chemotherapy = "chemotherapy";
    public const string Radiotherapy = "radiotherapy";
    public const string HormoneTherapy = "hormone_therapy";
    public const string TargetedTherapy = "targeted_therapy";
    public const string Immunotherapy = "immunotherapy";
}

/// <summary>Kinds of documents named in <see cref="GoldFile.Kind"/>.</summary>
public static class GoldDocumentKinds
{
    public const string ReferralLetter = "referral_letter";
    public const string Pathology = "pathology";
    public const string Imaging = "imaging";
    public const string OperativeReport = "operative_report";
    public const string LabResults = "lab_results";
    public const string Consultation = "consultation";
    public const string DischargeSummary = "discharge_summary";
    public const string NursingNotes = "nursing_notes";
}
