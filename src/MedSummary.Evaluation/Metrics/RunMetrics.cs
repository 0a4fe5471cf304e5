using System.Text.Json.Serialization;

namespace MedSummary.Evaluation.Metrics;

/// <summary>
/// One identity part over the run: <see cref="Accuracy"/> = dossiers whose reported part is the truth's / dossiers
/// whose truth states it. <see cref="Wrong"/> counts a reported part that is not the truth's where the truth states
/// one; <see cref="Unexpected"/> a part reported where the truth states none; <see cref="Cited"/> reported parts
/// with a citation that reads back from the documents.
/// </summary>
public sealed record IdentityMetrics
{
    public required string Part { get; init; }

    public int Expected { get; init; }

    public int Correct { get; init; }

    public int Wrong { get; init; }

    public int Missed { get; init; }

    public int Unexpected { get; init; }

    public int Reported { get; init; }

    public int Cited { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Accuracy => FieldMetrics.Rate(Correct, Expected);
}

/// <summary>
/// Alerts of one kind (or "*" for all): <see cref="Recall"/> = expected alerts matched by at least one reported
/// alert / expected alerts; <see cref="Precision"/> = judged reported alerts that match an expected one / judged
/// reported alerts. Reported alerts of kinds gold sets do not annotate are counted in <see cref="NotJudged"/> only.
/// </summary>
public sealed record AlertMetrics
{
    public required string Kind { get; init; }

    public int Expected { get; init; }

    public int ExpectedFound { get; init; }

    public int Reported { get; init; }

    public int ReportedMatched { get; init; }

    public int NotJudged { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Precision => FieldMetrics.Rate(ReportedMatched, Reported);

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Recall => FieldMetrics.Rate(ExpectedFound, Expected);
}

/// <summary>
/// Summary sentences over the run. <see cref="DroppedRate"/> = sentences dropped by verification / sentences
/// written (kept + dropped), over the dossiers whose result reports the number dropped; null when none does.
/// </summary>
public sealed record SummaryMetrics
{
    public int Sentences { get; init; }

    /// <summary>Kept sentences without a citation that verifies against the source.</summary>
    public int Unsupported { get; init; }

    public CitationTally Citations { get; init; } = CitationTally.Empty;

    public int Dropped { get; init; }

    public int DossiersReportingDropped { get; init; }

    /// <summary>Sentences kept in the dossiers that report drops (the other half of <see cref="DroppedRate"/>'s denominator).</summary>
    public int KeptWhereReported { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? DroppedRate => DossiersReportingDropped == 0 ? null : FieldMetrics.Rate(Dropped, KeptWhereReported + Dropped);

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? CitationValidity => FieldMetrics.Rate(Citations.SpanValid, Citations.Total);
}

/// <summary>Size, time and tokens over the run; token totals are null when no dossier reported them.</summary>
public sealed record CostMetrics
{
    public int Dossiers { get; init; }

    public int Files { get; init; }

    public int Pages { get; init; }

    public double Seconds { get; init; }

    public double MedianSecondsPerDossier { get; init; }

    public double MaxSecondsPerDossier { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? PromptTokens { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? GeneratedTokens { get; init; }

    public int DossiersWithTokens { get; init; }

    /// <summary>Chat model calls over the dossiers that report them; null when none does.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ModelCalls { get; init; }

    public double MeanSecondsPerDossier => Dossiers == 0 ? 0 : Seconds / Dossiers;

    public double MeanPagesPerDossier => Dossiers == 0 ? 0 : (double)Pages / Dossiers;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? SecondsPerPage => Pages == 0 ? null : Seconds / Pages;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? PromptTokensPerDossier => PromptTokens is { } p && DossiersWithTokens > 0 ? (double)p / DossiersWithTokens : null;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? GeneratedTokensPerDossier => GeneratedTokens is { } g && DossiersWithTokens > 0 ? (double)g / DossiersWithTokens : null;
}

/// <summary>Everything measured over a run, computed from its dossier evaluations by <see cref="RunAggregator"/>.</summary>
public sealed record RunMetrics
{
    public int Dossiers { get; init; }

    /// <summary>Dossiers on which the pipeline threw (they count as answering nothing).</summary>
    public int FailedDossiers { get; init; }

    /// <summary>All fields in scope together (micro-average: every dossier-field pair weighs the same).</summary>
    public FieldMetrics Overall { get; init; } = new() { Key = RunAggregator.AllKey };

    /// <summary>Mean of the per-field accuracies (fields with at least one stated value weigh the same).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MacroAccuracy { get; init; }

    /// <summary>Fields in scope: evaluated by the truth and declared by the form of at least one result.</summary>
    public IReadOnlyList<FieldMetrics> Fields { get; init; } = [];

    /// <summary>Fields the truth evaluates but no result's form declares (not in the totals: the form cannot answer them).</summary>
    public IReadOnlyList<FieldMetrics> FieldsNotInForm { get; init; } = [];

    /// <summary>All kinds together first ("*"), then one entry per kind.</summary>
    public IReadOnlyList<AlertMetrics> Alerts { get; init; } = [];

    /// <summary>The patient identity, one entry per part some dossier's truth or result states.</summary>
    public IReadOnlyList<IdentityMetrics> Identity { get; init; } = [];

    public SummaryMetrics Summary { get; init; } = new();

    public CostMetrics Cost { get; init; } = new();

    /// <summary>What the pipeline's last verification gate removed, summed over the dossiers where it is known.</summary>
    public VerificationCounts Verification { get; init; } = VerificationCounts.None;

    /// <summary>Model-proposed values rejected because their quotes did not support them; null when no result reports it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ValuesRejected { get; init; }
}
