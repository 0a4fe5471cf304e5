using MedSummary.Core.Gold;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// Field keys the rules fill beyond the contract's seventeen. A form may declare them; assembly treats them like any
/// other key. They keep details the contract's vocabulary cannot hold (a percentage next to a positive status).
/// A key a gold set may also carry takes its string from <see cref="GoldFields"/>, so the rules and the evaluation
/// can never spell one field two ways.
/// </summary>
public static class ExtensionFields
{
    /// <summary>Estrogen receptor percentage of stained tumour cells, normalized "90%", "&lt;1%", "1-10%".</summary>
    public const string ErPercent = "er_percent";

    /// <summary>Progesterone receptor percentage, same vocabulary as <see cref="ErPercent"/>.</summary>
    public const string PrPercent = "pr_percent";

    /// <summary>HER2 immunohistochemistry score: "0", "1+", "2+", "3+".</summary>
    public const string Her2Ihc = "her2_ihc";

    /// <summary>HER2 in situ hybridization result: "amplified" or "not amplified".</summary>
    public const string Her2Ish = "her2_ish";

    /// <summary>ISUP / WHO prostate grade group "1".."5".</summary>
    public const string IsupGradeGroup = "isup_grade_group";

    /// <summary>ICD-O-3 topography code of the primary site, "C50.4"; coded by <see cref="Coding.IcdO3Coder"/>.</summary>
    public const string IcdO3Topography = GoldFields.IcdO3Topography;

    /// <summary>ICD-O-3 morphology code with behaviour, "8500/3"; coded by <see cref="Coding.IcdO3Coder"/>.</summary>
    public const string IcdO3Morphology = GoldFields.IcdO3Morphology;

    /// <summary>Karnofsky performance index "10".."100" (a multiple of ten, no percent sign); never converted to ECOG.</summary>
    public const string Karnofsky = "karnofsky";

    /// <summary>PD-L1 combined positive score: digits with an optional comparator, "10", "&lt;1", "≥20".</summary>
    public const string Pdl1Cps = "pdl1_cps";

    /// <summary>PD-L1 on tumour-infiltrating immune cells (IC, SP142), as a percentage of tumour area: "5%", "&lt;1%".</summary>
    public const string Pdl1Ic = "pdl1_ic";

    /// <summary>The PD-L1 antibody clone: "22C3", "SP263", "SP142", "28-8", "73-10", "E1L3N", "QR1".</summary>
    public const string Pdl1Clone = "pdl1_clone";

    /// <summary>MMR proteins whose expression is lost, in the fixed order MLH1, PMS2, MSH2, MSH6, joined by "/": "MLH1/PMS2".</summary>
    public const string MmrLostProteins = "mmr_lost_proteins";

    /// <summary>HPV tested on the tumour (ISH, PCR, genotyping): "positive" or "negative". p16 is kept apart.</summary>
    public const string HpvStatus = "hpv_status";

    /// <summary>p16 immunohistochemistry, the HPV surrogate: "positive" or "negative".</summary>
    public const string P16Status = "p16_status";

    /// <summary>Whole years at diagnosis, digits: "62" (the youngest age the dossier states; see <see cref="AgeExtractor"/>).</summary>
    public const string AgeAtDiagnosis = GoldFields.AgeAtDiagnosis;

    /// <summary>"female" or "male".</summary>
    public const string Sex = GoldFields.Sex;

    /// <summary>Largest dimension of the tumour in millimetres, digits with a decimal point: "23", "12.5".</summary>
    public const string TumorSize = GoldFields.TumorSize;

    /// <summary>Number of regional lymph nodes with metastasis, digits: "2".</summary>
    public const string NodesPositive = GoldFields.NodesPositive;

    /// <summary>Number of regional lymph nodes examined, digits: "15".</summary>
    public const string NodesExamined = GoldFields.NodesExamined;

    /// <summary>Resection margin status: "R0" (free), "R1" (microscopically involved), "R2" (macroscopic residual).</summary>
    public const string Margins = GoldFields.Margins;

    /// <summary>Distance from the tumour to the closest margin in millimetres, digits: "6", "0.5".</summary>
    public const string MarginDistance = GoldFields.MarginDistance;

    /// <summary>Lymphovascular invasion: "present" or "absent".</summary>
    public const string Lvi = GoldFields.Lvi;

    /// <summary>Perineural invasion: "present" or "absent".</summary>
    public const string Pni = GoldFields.Pni;

    /// <summary>Distant metastatic sites, a set of the schema's values ("liver", "bone"...), or "none" when denied.</summary>
    public const string MetastaticSites = GoldFields.MetastaticSites;

    /// <summary>"premenopausal", "perimenopausal" or "postmenopausal".</summary>
    public const string MenopausalStatus = GoldFields.MenopausalStatus;

    /// <summary>The coded fields: their normalized value is a code, shown with its label.</summary>
    public static bool IsCoded(string fieldKey) => fieldKey is IcdO3Topography or IcdO3Morphology;
}
