using MedSummary.Evaluation.Metrics;
using MedSummary.Evaluation.Results;

namespace MedSummary.Evaluation.Drift;

/// <summary>When a change between two runs is worth flagging.</summary>
public sealed record DriftOptions
{
    /// <summary>
    /// How far a rate may move the wrong way before the field is flagged, as a fraction (0.02 = 2 points). Default
    /// 0: any fall is flagged, because one dossier of a small gold set is already several points and a
    /// deployment's own gold set is small.
    /// </summary>
    public double Tolerance { get; init; }

    public IReadOnlyList<string> Validate() =>
        Tolerance is < 0 or >= 1 || double.IsNaN(Tolerance) ? ["the tolerance must be at least 0 and below 1"] : [];
}

/// <summary>Why a field is flagged.</summary>
public static class DriftFlags
{
    /// <summary>Accuracy on stated values fell by more than the tolerance.</summary>
    public const string AccuracyFell = "accuracy_fell";

    /// <summary>The invention rate (values found where the truth says "stated nowhere") rose by more than the tolerance.</summary>
    public const string MoreInventions = "more_inventions";

    /// <summary>Citation validity fell by more than the tolerance.</summary>
    public const string CitationsFell = "citation_validity_fell";

    /// <summary>The field was answered in the baseline and is no longer declared by the form.</summary>
    public const string NoLongerInForm = "no_longer_in_form";
}

/// <summary>One run, as a comparison names it.</summary>
public sealed record RunRef(string? Label, DateTimeOffset StartedAt, string ToolVersion, string Mode, string? ChatModel, string GoldSetPath)
{
    /// <summary>Name the run with its start time even when it has a label (two runs with the same label).</summary>
    public bool WithTime { get; init; }

    public static RunRef Of(EvaluationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new RunRef(run.Configuration.Label, run.StartedAt, run.Tool.Version, run.Configuration.Mode, run.Configuration.ChatModel, run.GoldSet.Path);
    }

    /// <summary>The label, or the mode, with the UTC start time when there is no label or when asked.</summary>
    public string Name => Label is { } label && !WithTime
        ? label
        : $"{Label ?? Mode} {StartedAt.ToUniversalTime():yyyy-MM-dd HH:mm:ss}";
}

/// <summary>
/// How one field (or "*" for all) moved from the baseline to the latest run. On the same gold set the dossiers are
/// paired: <see cref="Regressions"/> went from right to wrong, <see cref="Improvements"/> the other way, and
/// <see cref="PValue"/> is the one-sided exact sign test of "at least this many regressions out of the changed
/// dossiers if changes went either way at random" (small means the fall is unlikely to be chance).
/// </summary>
public sealed record FieldDrift
{
    public required string Key { get; init; }

    public double? BaselineAccuracy { get; init; }

    public double? LatestAccuracy { get; init; }

    /// <summary>Latest minus baseline accuracy; null when either is undefined.</summary>
    public double? Delta => BaselineAccuracy is { } b && LatestAccuracy is { } l ? l - b : null;

    public int BaselineStated { get; init; }

    public int LatestStated { get; init; }

    public double? BaselineInventionRate { get; init; }

    public double? LatestInventionRate { get; init; }

    public double? BaselineCitationValidity { get; init; }

    public double? LatestCitationValidity { get; init; }

    public IReadOnlyList<string> Regressions { get; init; } = [];

    public IReadOnlyList<string> Improvements { get; init; } = [];

    public double? PValue { get; init; }

    public IReadOnlyList<string> Flags { get; init; } = [];

    public bool Flagged => Flags.Count > 0;
}

/// <summary>The comparison of two runs: per field, flags, and warnings about what makes them hard to compare.</summary>
public sealed record DriftReport
{
    public required RunRef Baseline { get; init; }

    public required RunRef Latest { get; init; }

    /// <summary>Same truths (hash equal): the runs measured against the same expectations.</summary>
    public bool SameTruths { get; init; }

    /// <summary>Same documents (hash equal): the runs read the same inputs.</summary>
    public bool SameFiles { get; init; }

    public required FieldDrift Overall { get; init; }

    public IReadOnlyList<FieldDrift> Fields { get; init; } = [];

    public IReadOnlyList<string> Warnings { get; init; } = [];

    public IReadOnlyList<FieldDrift> Flagged => [.. Fields.Where(f => f.Flagged)];
}

/// <summary>Compares the latest run with a previous one and flags the fields that got worse.</summary>
public static class DriftDetector
{
    public static DriftReport Compare(EvaluationRun baseline, EvaluationRun latest, DriftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(latest);
        options ??= new DriftOptions();
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        var sameTruths = baseline.GoldSet.TruthSha256.Length > 0 && baseline.GoldSet.TruthSha256 == latest.GoldSet.TruthSha256;
        var sameFiles = baseline.GoldSet.FilesSha256.Length > 0 && baseline.GoldSet.FilesSha256 == latest.GoldSet.FilesSha256;
        var warnings = new List<string>();
        if (!sameTruths)
        {
            warnings.Add("The runs used different truths (gold-set hashes differ): differences mix changes of the tool and of the gold set; dossiers are not paired.");
        }
        else if (!sameFiles)
        {
            warnings.Add("The runs read different document files under the same truths: differences may come from the inputs.");
        }

        if (!string.Equals(baseline.Configuration.Mode, latest.Configuration.Mode, StringComparison.Ordinal)
            || !string.Equals(baseline.Configuration.ChatModel, latest.Configuration.ChatModel, StringComparison.Ordinal))
        {
            warnings.Add($"Mode or model changed: {Describe(baseline)} then {Describe(latest)}.");
        }

        var baselineFields = baseline.Metrics.Fields.ToDictionary(f => f.Key, StringComparer.Ordinal);
        var latestFields = latest.Metrics.Fields.ToDictionary(f => f.Key, StringComparer.Ordinal);
        var keys = baselineFields.Keys.Union(latestFields.Keys, StringComparer.Ordinal).Order(FieldOrder.Comparer).ToList();

        var fields = keys.Select(key => Field(
            key,
            baselineFields.GetValueOrDefault(key),
            latestFields.GetValueOrDefault(key),
            sameTruths ? Pair(baseline, latest, key) : null,
            options.Tolerance)).ToList();
        var overall = Field(
            RunAggregator.AllKey,
            baseline.Metrics.Overall,
            latest.Metrics.Overall,
            sameTruths ? Pair(baseline, latest, null) : null,
            options.Tolerance);

        var before = RunRef.Of(baseline);
        var after = RunRef.Of(latest);
        if (before.Name == after.Name)
        {
            before = before with { WithTime = true };
            after = after with { WithTime = true };
        }

        return new DriftReport
        {
            Baseline = before,
            Latest = after,
            SameTruths = sameTruths,
            SameFiles = sameFiles,
            Overall = overall,
            Fields = fields,
            Warnings = warnings,
        };
    }

    private static string Describe(EvaluationRun run) =>
        run.Configuration.ChatModel is { } model ? $"{run.Configuration.Mode} ({model})" : run.Configuration.Mode;

    private static FieldDrift Field(string key, FieldMetrics? before, FieldMetrics? after, (List<string> Worse, List<string> Better)? paired, double tolerance)
    {
        var flags = new List<string>();
        if (before is not null && after is null && before.AnsweredFound + before.AnsweredConflict > 0)
        {
            flags.Add(DriftFlags.NoLongerInForm);
        }

        if (Fell(before?.Accuracy, after?.Accuracy, tolerance))
        {
            flags.Add(DriftFlags.AccuracyFell);
        }

        if (Fell(after?.InventionRate, before?.InventionRate, tolerance))
        {
            flags.Add(DriftFlags.MoreInventions);
        }

        if (Fell(before?.CitationValidity, after?.CitationValidity, tolerance))
        {
            flags.Add(DriftFlags.CitationsFell);
        }

        return new FieldDrift
        {
            Key = key,
            BaselineAccuracy = before?.Accuracy,
            LatestAccuracy = after?.Accuracy,
            BaselineStated = before is null ? 0 : before.Stated + before.ExpectedConflicts,
            LatestStated = after is null ? 0 : after.Stated + after.ExpectedConflicts,
            BaselineInventionRate = before?.InventionRate,
            LatestInventionRate = after?.InventionRate,
            BaselineCitationValidity = before?.CitationValidity,
            LatestCitationValidity = after?.CitationValidity,
            Regressions = paired?.Worse ?? [],
            Improvements = paired?.Better ?? [],
            PValue = paired is { } p && p.Worse.Count > 0 ? SignTest(p.Worse.Count, p.Better.Count) : null,
            Flags = flags,
        };
    }

    /// <summary>True when <paramref name="after"/> is below <paramref name="before"/> by more than the tolerance (both defined).</summary>
    private static bool Fell(double? before, double? after, double tolerance) =>
        before is { } b && after is { } a && b - a > tolerance + 1e-12;

    /// <summary>
    /// Pairs the dossiers of two runs on the same truths by name: for one field (or every field when null),
    /// "dossier" or "dossier/field" entries whose answer went from right to wrong and from wrong to right.
    /// </summary>
    private static (List<string> Worse, List<string> Better) Pair(EvaluationRun baseline, EvaluationRun latest, string? key)
    {
        var inScope = latest.Metrics.Fields.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var before = Index(baseline, key, inScope);
        var worse = new List<string>();
        var better = new List<string>();
        foreach (var (id, right) in Index(latest, key, inScope))
        {
            if (before.TryGetValue(id, out var wasRight) && wasRight != right)
            {
                (right ? better : worse).Add(id);
            }
        }

        return (worse, better);
    }

    private static Dictionary<string, bool> Index(EvaluationRun run, string? key, HashSet<string> inScope)
    {
        var index = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var dossier in run.Dossiers)
        {
            foreach (var score in dossier.Fields)
            {
                if (key is null ? inScope.Contains(score.Key) : score.Key == key)
                {
                    index[key is null ? $"{dossier.Name}/{score.Key}" : dossier.Name] = score.IsCorrect;
                }
            }
        }

        return index;
    }

    /// <summary>P(X >= worse) for X ~ Binomial(worse + better, 1/2).</summary>
    public static double SignTest(int worse, int better)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(worse);
        ArgumentOutOfRangeException.ThrowIfNegative(better);
        var n = worse + better;
        if (n == 0)
        {
            return 1;
        }

        // Sum in log space so that large gold sets (thousands of changed answers) do not overflow.
        var logs = new List<double>();
        for (var k = worse; k <= n; k++)
        {
            logs.Add(LogChoose(n, k) - (n * Math.Log(2)));
        }

        var max = logs.Max();
        return Math.Min(1, Math.Exp(max) * logs.Sum(l => Math.Exp(l - max)));
    }

    private static double LogChoose(int n, int k)
    {
        double sum = 0;
        for (var i = 1; i <= k; i++)
        {
            sum += Math.Log(n - k + i) - Math.Log(i);
        }

        return sum;
    }
}
