namespace MedSummary.Evaluation.Runs;

/// <summary>Settings of one evaluation run (given by the caller per run, not bound from configuration).</summary>
public sealed record EvaluationRunOptions
{
    /// <summary>The tenant the gold dossiers are indexed under. Default "eval", apart from real patients' dossiers.</summary>
    public string Tenant { get; init; } = "eval";

    /// <summary>A label for the run ("baseline", "prompt-v2"), shown in reports and comparisons. Default none.</summary>
    public string? Label { get; init; }

    /// <summary>The configuration summary to record (see <see cref="ConfigurationSummary"/>). Default empty.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Process the first dossier once, unmeasured and unjudged, before the run, so that one-off start-up costs (JIT
    /// compilation, model loading, store creation) are not charged to whichever dossier comes first. Default true;
    /// the warm-up time is recorded apart (<see cref="Results.EvaluationRun.WarmUpSeconds"/>).
    /// </summary>
    public bool WarmUp { get; init; } = true;

    /// <summary>Evaluate only the first N dossiers (in folder order). Default null: all of them.</summary>
    public int? Limit { get; init; }

    /// <summary>The problems with these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Tenant))
        {
            problems.Add("the tenant must not be empty");
        }

        if (Limit is < 1)
        {
            problems.Add("the dossier limit must be 1 or more");
        }

        return problems;
    }
}

/// <summary>Where a run stands, for progress displays: dossier names only, never content.</summary>
public sealed record EvaluationProgress(int Done, int Total, string Dossier);
