namespace MedSummary.Core.Contract;

/// <summary>The field keys that every output of schema version 1 carries (the form may declare more).</summary>
public static class ContractFields
{
    public const string PrimarySite = "primary_site";
    public const string Laterality = "laterality";
    public const string Histology = "histology";
    public const string Grade = "grade";
    public const string GleasonScore = "gleason_score";
    public const string PathologicT = "pathologic_t";
    public const string PathologicN = "pathologic_n";
    public const string PathologicM = "pathologic_m";
    public const string ClinicalT = "clinical_t";
    public const string ClinicalN = "clinical_n";
    public const string ClinicalM = "clinical_m";
    public const string Stage = "stage";
    public const string ErStatus = "er_status";
    public const string PrStatus = "pr_status";
    public const string Her2Status = "her2_status";
    public const string Ki67 = "ki67";
    public const string DateOfDiagnosis = "date_of_diagnosis";

    public static IReadOnlyList<string> Required { get; } =
    [
        PrimarySite, Laterality, Histology, Grade, GleasonScore,
        PathologicT, PathologicN, PathologicM, ClinicalT, ClinicalN, ClinicalM, Stage,
        ErStatus, PrStatus, Her2Status, Ki67, DateOfDiagnosis,
    ];
}
