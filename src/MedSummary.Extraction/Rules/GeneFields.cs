using MedSummary.Core.Gold;

namespace MedSummary.Extraction.Rules;

/// <summary>What a gene's statement can say about it: which alteration words count for its field.</summary>
[Flags]
public enum GeneAlteration
{
    None = 0,

    /// <summary>A point mutation, small insertion or deletion, splice variant: "mutated" / "wild-type".</summary>
    Mutation = 1,

    /// <summary>A rearrangement, fusion or translocation: "positive" / "negative".</summary>
    Fusion = 2,

    /// <summary>A gene amplification: "amplified" / "not amplified".</summary>
    Amplification = 4,

    /// <summary>A bare "positive" / "negative" is a result on its own (ALK by IHC or FISH), without an alteration word.</summary>
    BareStatus = 8,
}

/// <summary>
/// One row of the driver-gene table: the field it fills, the gene's written forms (a regex fragment), the alterations
/// its field reports, and whether the field covers a family of genes (IDH1/IDH2, BRCA1/BRCA2, NTRK1-3), in which case
/// the gene named is kept in the value.
/// </summary>
/// <remarks>
/// <see cref="Hallmark"/> is the variant a targeted test looks for, whose absence is the gene's wild-type result
/// ("BRAF V600E: not detected"); the absence of any other named variant ("T790M non détectée") says nothing of the gene.
/// </remarks>
public sealed record GeneSpec(string FieldKey, string Gene, string Pattern, GeneAlteration Alterations, bool Family = false, string? Hallmark = null);

/// <summary>
/// The driver-gene and hereditary-marker fields the rules fill, and the table <see cref="GeneStatusExtractor"/> reads.
/// </summary>
/// <remarks>
/// Normalized values, one small vocabulary for every gene (documented in prompts/forms/rcp.form.json and
/// eval/README.md):
/// <list type="bullet">
/// <item>mutations: "wild-type", "mutated", or "mutated (DETAIL)" where DETAIL is, space-separated, the gene for a
/// family field ("IDH1", "BRCA2"), then the variant: a protein change in one-letter code without "p." ("L858R",
/// "G12C", "V600E"; "p.Leu858Arg" becomes "L858R"), else an exon event ("exon 19 deletion", "exon 20 insertion",
/// "exon 14 skipping"), else a cDNA change as written ("c.68_69delAG"); then ", germline" or ", somatic" when the
/// text says so: "mutated (BRCA1, germline)", "mutated (IDH1 R132H)";</item>
/// <item>fusions: "negative", "positive", or "positive (NTRK1)" for a family field;</item>
/// <item>amplification (MET): "amplified", "not amplified".</item>
/// </list>
/// "mutated" is a broader statement of "mutated (L858R)" (<see cref="IsSameOrBroader"/>): they agree.
/// </remarks>
public static class GeneFields
{
    public const string Egfr = GoldFields.EgfrStatus;
    public const string Alk = GoldFields.AlkStatus;
    public const string Ros1 = "ros1_status";
    public const string Kras = GoldFields.KrasStatus;
    public const string Braf = GoldFields.BrafStatus;
    public const string Ntrk = "ntrk_status";
    public const string Met = "met_status";
    public const string Ret = "ret_status";

    /// <summary>ERBB2 (HER2) mutation, never the HER2 protein or amplification status (that is her2_status).</summary>
    public const string Her2Mutation = "her2_mutation";

    /// <summary>IDH1 or IDH2.</summary>
    public const string Idh = "idh_status";

    /// <summary>BRCA1 or BRCA2, germline or somatic when stated.</summary>
    public const string Brca = "brca_status";

    public const string Mutated = "mutated";
    public const string WildType = "wild-type";
    public const string Positive = "positive";
    public const string Negative = "negative";
    public const string Amplified = "amplified";
    public const string NotAmplified = "not amplified";

    private const GeneAlteration FusionResult = GeneAlteration.Fusion | GeneAlteration.BareStatus;

    /// <summary>
    /// The table. Gene symbols are matched in capitals only where the lower-case word means something else: "eGFR" is
    /// the kidney's filtration rate, "Met"/"met" and "ret" are words.
    /// </summary>
    public static IReadOnlyList<GeneSpec> Table { get; } =
    [
        new(Egfr, "EGFR", @"(?-i:EGFR)", GeneAlteration.Mutation),
        new(Alk, "ALK", @"(?-i:ALK)", FusionResult),
        new(Ros1, "ROS1", @"(?-i:ROS-?1)", FusionResult),
        new(Kras, "KRAS", @"K-?RAS", GeneAlteration.Mutation),
        new(Braf, "BRAF", @"B-?RAF", GeneAlteration.Mutation, Hallmark: "V600"),
        new(Ntrk, "NTRK", @"(?-i:NTRK)(?:\s?[1-3](?:\s?(?:/|-|,|et|and|ou|or)\s?[1-3])*)?", FusionResult, Family: true),
        new(Met, "MET", @"(?-i:(?:c-)?MET)(?=ex\d|[^\p{L}\p{N}]|$)", GeneAlteration.Mutation | GeneAlteration.Amplification),
        new(Ret, "RET", @"(?-i:RET)", GeneAlteration.Fusion | GeneAlteration.Mutation | GeneAlteration.BareStatus),
        new(Her2Mutation, "ERBB2", @"ERBB-?2|(?-i:HER-?2)(?:/neu)?", GeneAlteration.Mutation),
        new(Idh, "IDH", @"(?-i:IDH)(?:-?[12](?:\s?(?:/|-|,|et|and|ou|or)\s?-?[12])?)?", GeneAlteration.Mutation, Family: true),
        new(Brca, "BRCA", @"(?-i:BRCA)(?:-?[12](?:\s?(?:/|-|,|et|and|ou|or)\s?-?[12])?)?", GeneAlteration.Mutation, Family: true),
    ];

    /// <summary>Every key of the table, in table order.</summary>
    public static IReadOnlyList<string> Keys { get; } = [.. Table.Select(g => g.FieldKey)];

    public static bool IsGeneField(string fieldKey) => Table.Any(g => g.FieldKey == fieldKey);

    /// <summary>
    /// True when <paramref name="general"/> is <paramref name="specific"/> or says less of the same result: "mutated"
    /// of "mutated (L858R)", "mutated (BRCA1)" of "mutated (BRCA1, germline)", "positive" of "positive (NTRK1)".
    /// Two different variants are not related: a conflict is for a person to read.
    /// </summary>
    public static bool IsSameOrBroader(string general, string specific)
    {
        ArgumentNullException.ThrowIfNull(general);
        ArgumentNullException.ThrowIfNull(specific);
        if (string.Equals(general, specific, StringComparison.Ordinal))
        {
            return true;
        }

        var (gBase, gDetail) = Split(general);
        var (sBase, sDetail) = Split(specific);
        if (!string.Equals(gBase, sBase, StringComparison.Ordinal) || sDetail.Length == 0)
        {
            return false;
        }

        return gDetail.All(part => sDetail.Contains(part, StringComparer.Ordinal));
    }

    private static (string Base, string[] Detail) Split(string value)
    {
        var open = value.IndexOf(" (", StringComparison.Ordinal);
        if (open < 0 || !value.EndsWith(')'))
        {
            return (value, []);
        }

        var detail = value[(open + 2)..^1].Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        return (value[..open], detail);
    }
}
