namespace MedSummary.Extraction.Rules;

/// <summary>
/// Field keys the rules fill beyond the contract's seventeen. A form may declare them; assembly treats them like any
/// other key. They keep details the contract's vocabulary cannot hold (a percentage next to a positive status).
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
}
