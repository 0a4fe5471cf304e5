using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Gold;

namespace MedSummary.Evaluation.Metrics;

/// <summary>What the evaluation looked at for one dossier: its truth, the verified result and the documents it cites.</summary>
/// <param name="Documents">The dossier's documents by id (<c>Dossier.DocumentsById</c>); null when none could be read.</param>
/// <param name="Files">Files handed to the pipeline.</param>
/// <param name="Seconds">Wall-clock time of the pipeline on this dossier.</param>
/// <param name="Failure">Set when the pipeline threw instead of answering (the result is then empty).</param>
/// <param name="Verification">What the pipeline's last verification gate removed; null when not known.</param>
public sealed record DossierObservation(
    string Name,
    GoldTruth Truth,
    DossierResult Result,
    IReadOnlyDictionary<string, SourceDocument>? Documents,
    int Files,
    double Seconds,
    string? Failure = null,
    VerificationCounts? Verification = null);

/// <summary>
/// What the pipeline's last gate removed from a result before returning it: citations that did not verify, fields
/// withdrawn for want of a valid citation, summary sentences and alerts dropped. All zero unless a stage upstream has a bug.
/// </summary>
public sealed record VerificationCounts(int InvalidCitations, int FieldsWithdrawn, int SentencesDropped, int AlertsDropped)
{
    public static VerificationCounts None { get; } = new(0, 0, 0, 0);

    public static VerificationCounts operator +(VerificationCounts a, VerificationCounts b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.InvalidCitations + b.InvalidCitations, a.FieldsWithdrawn + b.FieldsWithdrawn, a.SentencesDropped + b.SentencesDropped, a.AlertsDropped + b.AlertsDropped);
    }

    public static VerificationCounts Add(VerificationCounts a, VerificationCounts b) => a + b;
}

/// <summary>What one dossier cost: its size and the time and tokens spent on it (tokens null when not reported).</summary>
public sealed record DossierCost
{
    public int Files { get; init; }

    /// <summary>Documents read (files that could not be read are not counted).</summary>
    public int Documents { get; init; }

    public int Pages { get; init; }

    public double Seconds { get; init; }

    public long? PromptTokens { get; init; }

    public long? GeneratedTokens { get; init; }

    /// <summary>Chat model calls, when the result reports them.</summary>
    public int? ModelCalls { get; init; }
}

/// <summary>An input the pipeline could not read: its file and the stable error code (no message: it may quote content).</summary>
public sealed record InputErrorRef(string File, string Code);

/// <summary>An alert the truth expects, and whether some reported alert matched it.</summary>
public sealed record ExpectedAlertResult(string Kind, string About, bool Found);

/// <summary>
/// An alert the result reports: its kind, whether that kind is judged (gold sets annotate lab_abnormal and
/// contradiction alerts only), the expected alert it matched (its "about"), and its first citation.
/// </summary>
public sealed record ReportedAlertResult(string Kind, bool Evaluated, string? MatchedAbout, EvidenceRef? Evidence);

public sealed record AlertEvaluation
{
    public IReadOnlyList<ExpectedAlertResult> Expected { get; init; } = [];

    public IReadOnlyList<ReportedAlertResult> Reported { get; init; } = [];
}

/// <summary>The summary of one dossier: sentences kept, their citations (span checks only), and sentences dropped.</summary>
public sealed record SummaryEvaluation
{
    public int Sentences { get; init; }

    /// <summary>Summary citations; <see cref="CitationTally.SpanValid"/> counts those that verify against the source.</summary>
    public CitationTally Citations { get; init; } = CitationTally.Empty;

    /// <summary>Sentences kept with no citation that verifies (should be 0: the pipeline drops them).</summary>
    public int Unsupported { get; init; }

    /// <summary>
    /// Sentences dropped because their citations did not verify: by the pipeline's last gate plus, when the result
    /// reports it, by the summary builder's own check. Null when neither is known.
    /// </summary>
    public int? Dropped { get; init; }
}

/// <summary>One dossier, judged: every evaluated field, the alerts, the summary and the cost.</summary>
public sealed record DossierEvaluation
{
    public required string Name { get; init; }

    public string Language { get; init; } = "und";

    /// <summary>The result's processing mode ("rules", "rules+llm"); null when the result does not say.</summary>
    public string? Mode { get; init; }

    public DossierCost Cost { get; init; } = new();

    public IReadOnlyList<InputErrorRef> InputErrors { get; init; } = [];

    /// <summary>Exception type and message when the pipeline threw on this dossier; null when it answered.</summary>
    public string? Failure { get; init; }

    /// <summary>Field keys the result's form declares and attempted (a not_attempted field counts as absent), so that fields the run did not look for can be told apart.</summary>
    public IReadOnlyList<string> FormKeys { get; init; } = [];

    public IReadOnlyList<FieldScore> Fields { get; init; } = [];

    public AlertEvaluation Alerts { get; init; } = new();

    /// <summary>The patient identity, part by part (<see cref="IdentityScorer"/>); empty when neither side states one.</summary>
    public IReadOnlyList<IdentityPartScore> Identity { get; init; } = [];

    public SummaryEvaluation Summary { get; init; } = new();

    /// <summary>What the pipeline's last verification gate removed; null when not known (the pipeline failed).</summary>
    public VerificationCounts? Verification { get; init; }

    /// <summary>Model-proposed values not reported because their quotes did not support them; null when not reported.</summary>
    public int? ValuesRejected { get; init; }
}
