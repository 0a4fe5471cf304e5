using MedSummary.Evaluation.Metrics;

namespace MedSummary.Evaluation.Results;

/// <summary>
/// One evaluation run as written to its result file (schema version <see cref="CurrentSchemaVersion"/>): which
/// tool, configuration and gold set produced it, the metrics, and every dossier's judged fields, so that runs can
/// be compared over time. Holds values, file names, page numbers and short quotes only.
/// </summary>
public sealed record EvaluationRun
{
    public const string CurrentSchemaVersion = "1";

    public string SchemaVersion { get; init; } = CurrentSchemaVersion;

    public ToolInfo Tool { get; init; } = new();

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset FinishedAt { get; init; }

    /// <summary>Seconds of the unmeasured warm-up pass over the first dossier; null when there was none.</summary>
    public double? WarmUpSeconds { get; init; }

    public GoldSetInfo GoldSet { get; init; } = new();

    public RunConfiguration Configuration { get; init; } = new();

    public RunMetrics Metrics { get; init; } = new();

    public IReadOnlyList<DossierEvaluation> Dossiers { get; init; } = [];
}

/// <summary>The versions that produced a run: the evaluation's and the pipeline's (from the results).</summary>
public sealed record ToolInfo
{
    public string Name { get; init; } = "medsummary";

    /// <summary>The evaluation assembly's informational version (with the source revision when built from git).</summary>
    public string Version { get; init; } = "";

    /// <summary>The versions the results report (<c>ProcessingInfo.Version</c>), distinct, in order of appearance.</summary>
    public IReadOnlyList<string> PipelineVersions { get; init; } = [];
}

/// <summary>The gold set a run measured: where it was, how many dossiers, and fingerprints of its truths and files.</summary>
public sealed record GoldSetInfo
{
    /// <summary>The folder as given on the command line (relative paths stay relative, so committed results do not carry a machine's layout).</summary>
    public string Path { get; init; } = "";

    public int Dossiers { get; init; }

    /// <summary>SHA-256 over every dossier's name and truth.json bytes (<see cref="GoldSetFingerprint"/>): equal when the truths are.</summary>
    public string TruthSha256 { get; init; } = "";

    /// <summary>SHA-256 over every dossier's name and document files' bytes: equal when the inputs are.</summary>
    public string FilesSha256 { get; init; } = "";
}

/// <summary>
/// How the pipeline was configured: the mode and models the results report, and the "MedSummary:" settings in
/// effect (values of keys that look secret are replaced by "***").
/// </summary>
public sealed record RunConfiguration
{
    /// <summary>"rules" or "rules+llm" (several joined by ", " if the mode changed during the run).</summary>
    public string Mode { get; init; } = "";

    public string? ChatModel { get; init; }

    public string? EmbeddingModel { get; init; }

    /// <summary>A label given on the command line ("baseline", "prompt-v2"), shown in reports and comparisons.</summary>
    public string? Label { get; init; }

    public IReadOnlyDictionary<string, string> Settings { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
}
