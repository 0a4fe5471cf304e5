namespace MedSummary.Samples.Generation;

/// <summary>
/// The ICD-O-3 codes of the few sites and types the generator writes, for the truth. Kept apart from the
/// extraction's coding tables on purpose: a gold built from the coder's own table would agree with it by
/// construction, so its errors would never show.
/// </summary>
internal static class IcdO3Truth
{
    /// <summary>Topography of the organ as a whole (the ".9" of ICD-O-3), for the organ's words without a sub-site.</summary>
    public static string Organ(CancerType cancer) => cancer switch
    {
        CancerType.Breast => "C50.9",
        CancerType.Lung => "C34.9",
        CancerType.Prostate => "C61.9",
        CancerType.Rectum => "C20.9",
        _ => "C18.9",
    };

    /// <summary>Breast quadrant keys of <see cref="Tumor.Location"/>; "outer-junction" lies across two quadrants (C50.8).</summary>
    public static string Quadrant(string location) => location switch
    {
        "central" => "C50.1",
        "uiq" => "C50.2",
        "liq" => "C50.3",
        "uoq" => "C50.4",
        "loq" => "C50.5",
        _ => "C50.8",
    };

    /// <summary>
    /// The lobe the words name: read from the words rather than the case, since a document that contradicts the side
    /// of a middle-lobe tumour names a left upper lobe (the left lung has no middle lobe).
    /// </summary>
    public static string Lobe(string words) =>
        words.Contains("moyen", StringComparison.Ordinal) || words.Contains("middle", StringComparison.Ordinal) ? "C34.2"
        : words.Contains("inférieur", StringComparison.Ordinal) || words.Contains("lower", StringComparison.Ordinal) ? "C34.3"
        : "C34.1";

    /// <summary>Colonic segment keys of <see cref="Tumor.Location"/> ("right colon" is ascending, "left colon" descending in ICD-O-3).</summary>
    public static string ColonSegment(string location) => location switch
    {
        "caecum" => "C18.0",
        "ascending" => "C18.2",
        "hepatic-flexure" => "C18.3",
        "transverse" => "C18.4",
        "splenic-flexure" => "C18.5",
        "descending" => "C18.6",
        _ => "C18.7",
    };

    /// <summary>
    /// Morphology of a histology as one phrase words it: the WHO classifications code prostate acinar adenocarcinoma
    /// 8140/3 (8550 is acinar cell carcinoma), a keratinizing squamous cell carcinoma 8071/3, and an acinar-predominant
    /// lung adenocarcinoma 8550/3: the ICD-O-3.1 code the project's vocabulary keeps and registry data (TCGA) uses,
    /// where ICD-O-3.2 and the WHO 2015 thoracic classification write 8551/3 (acinar cell cystadenocarcinoma in 3.1).
    /// </summary>
    public static string Morphology(string histology, CancerType cancer, string phrase) => histology switch
    {
        "invasive ductal carcinoma" => "8500/3",
        "invasive lobular carcinoma" => "8520/3",
        "squamous cell carcinoma" => phrase.Contains("kérat", StringComparison.OrdinalIgnoreCase) || phrase.Contains("kerat", StringComparison.OrdinalIgnoreCase) ? "8071/3" : "8070/3",
        "mucinous adenocarcinoma" => "8480/3",
        _ when cancer == CancerType.Lung && (phrase.Contains("acinar", StringComparison.OrdinalIgnoreCase) || phrase.Contains("acineuse", StringComparison.OrdinalIgnoreCase)) => "8550/3",
        _ => "8140/3",
    };

    /// <summary>True when <paramref name="general"/> is a broader code of the same thing as <paramref name="specific"/>.</summary>
    public static bool IsBroader(string general, string specific) =>
        general != specific
        && ((general.StartsWith('C') && general.EndsWith(".9", StringComparison.Ordinal) && specific.StartsWith(general[..3], StringComparison.Ordinal))
            || (general == "8140/3" && specific == "8550/3")
            || (general == "8070/3" && specific == "8071/3"));
}
