using System.Globalization;
using System.Text;
using MedSummary.Evaluation.Drift;
using MedSummary.Evaluation.Metrics;
using MedSummary.Evaluation.Results;
using static MedSummary.Evaluation.Reports.Markdown;

namespace MedSummary.Evaluation.Reports;

/// <summary>A chart to link from a report: its title and its path relative to the report.</summary>
public sealed record ChartLink(string Title, string RelativePath);

/// <summary>What a report shows beyond the run itself.</summary>
public sealed record ReportOptions
{
    /// <summary>Charts to embed, in order. Default none.</summary>
    public IReadOnlyList<ChartLink> Charts { get; init; } = [];

    /// <summary>The comparison with a previous run, when there is one.</summary>
    public DriftReport? Drift { get; init; }

    /// <summary>At most this many failures are shown as examples, the most harmful first. Default 40.</summary>
    public int MaxFailures { get; init; } = 40;

    /// <summary>At most this many examples of one outcome on one field (a systematic error repeats). Default 3.</summary>
    public int ExamplesPerFailureKind { get; init; } = 3;
}

/// <summary>
/// The readable report of a run: overall and per-field figures, alerts, summary, cost, drift against a previous run,
/// and the worst failures with what was expected and what was found. It carries values, file names, page
/// numbers and quotes cut to <see cref="FieldScorer.QuoteLength"/> characters: a hospital's gold set is real patient
/// data, and the report is meant to be shared.
/// </summary>
public static class EvaluationReportWriter
{
    /// <summary>Outcomes listed as failures, the most harmful first: an invention is worse than a miss.</summary>
    private static readonly FieldOutcome[] FailureOrder =
    [
        FieldOutcome.Invented, FieldOutcome.ConflictMissed, FieldOutcome.Wrong, FieldOutcome.SpuriousConflict,
        FieldOutcome.ConflictIncomplete, FieldOutcome.Missed, FieldOutcome.ConflictNotFound,
    ];

    public static string Write(EvaluationRun run, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        options ??= new ReportOptions();
        var md = new StringBuilder();
        md.Append("# MedSummary evaluation: ").AppendLine(Cell(run.GoldSet.Path)).AppendLine();
        WriteRun(md, run);
        WriteOverall(md, run.Metrics);
        if (options.Drift is { } drift)
        {
            WriteDrift(md, drift);
        }

        WriteFields(md, run.Metrics);
        WriteAlerts(md, run.Metrics);
        WriteIdentity(md, run.Metrics);
        WriteSummary(md, run.Metrics.Summary);
        WriteCost(md, run);
        WriteFailures(md, run, options);
        WriteCharts(md, options.Charts);
        md.AppendLine("Definitions of every figure: eval/README.md, \"Metrics\".");
        return md.ToString();
    }

    private static void WriteRun(StringBuilder md, EvaluationRun run)
    {
        var c = run.Configuration;
        Header(md, 2, "run", "");
        if (c.Label is { } label)
        {
            Row(md, "label", Cell(label));
        }

        Row(md, "started", run.StartedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)
            + $", {Number((run.FinishedAt - run.StartedAt).TotalSeconds, "0.0")} s");
        Row(md, "mode", Cell(c.Mode.Length == 0 ? "unknown" : c.Mode) + (c.ChatModel is { } m ? $", chat model {Cell(m)}" : ""));
        if (c.EmbeddingModel is { } e)
        {
            Row(md, "embedding model", Cell(e));
        }

        Row(md, "tool version", Cell(run.Tool.Version));
        if (run.Tool.PipelineVersions.Count > 0)
        {
            Row(md, "pipeline version", Cell(string.Join(", ", run.Tool.PipelineVersions)));
        }

        Row(md, "gold set", $"{Cell(run.GoldSet.Path)}: {run.GoldSet.Dossiers} dossier(s), truths `{Short(run.GoldSet.TruthSha256)}`, files `{Short(run.GoldSet.FilesSha256)}`");
        if (c.Settings.Count > 0)
        {
            Row(md, "settings", Cell(string.Join(", ", c.Settings.Select(s => $"{s.Key}={s.Value}"))));
        }

        md.AppendLine();
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;

    private static void WriteOverall(StringBuilder md, RunMetrics m)
    {
        var o = m.Overall;
        md.AppendLine("## Overall").AppendLine();
        md.Append("Over ").Append(m.Fields.Count).Append(" field(s) the form declares and the truths evaluate, ")
            .Append(m.Dossiers).Append(" dossier(s)");
        if (m.FailedDossiers > 0)
        {
            md.Append(" (").Append(m.FailedDossiers).Append(" on which the pipeline failed, counted as answering nothing)");
        }

        md.AppendLine(".").AppendLine();
        Header(md, 1, "metric", "value");
        Row(md, "accuracy on stated values", Percent(o.Correct + o.ConflictsDetected, o.Stated + o.ExpectedConflicts));
        Row(md, "precision of found values", Percent(o.Correct, o.AnsweredFound));
        Row(md, "recall of stated values", Percent(o.Correct, o.Stated));
        Row(md, "not-found rate (value stated)", Percent(o.Missed + o.ConflictsNotFound, o.Stated + o.ExpectedConflicts));
        Row(md, "invention rate (value stated nowhere)", Percent(o.Invented, o.NotStated));
        Row(md, "conflict rate", Percent(o.AnsweredConflict, o.Dossiers));
        Row(md, "expected conflicts reported", Percent(o.ConflictsDetected, o.ExpectedConflicts));
        Row(md, "agreement (every answer, incl. not found)", Percent(o.Correct + o.CorrectNotFound + o.ConflictsDetected, o.Dossiers));
        Row(md, "macro accuracy (mean over fields)", Percent(m.MacroAccuracy));
        Row(md, "citation validity (verbatim and holding the value)", Percent(o.Citations.Valid, o.Citations.Total));
        Row(md, "citations verbatim (quote = source span)", Percent(o.Citations.SpanValid, o.Citations.Total));
        Row(md, "citations holding the value", Percent(o.Citations.ValueContained, o.Citations.Total));
        Row(md, "unsupported-claim rate", Percent(o.UnsupportedClaims, o.Claims));
        Row(md, "answers citing a passage the truth quotes", Percent(o.QuoteMatched, o.QuoteChecked));
        if (m.Alerts.FirstOrDefault(a => a.Kind == RunAggregator.AllKey) is { } alerts)
        {
            Row(md, "alerts precision", Percent(alerts.ReportedMatched, alerts.Reported));
            Row(md, "alerts recall", Percent(alerts.ExpectedFound, alerts.Expected));
        }

        Row(md, "summary sentences dropped by verification", DroppedText(m.Summary));
        Row(md, "model values rejected by quote verification", m.ValuesRejected is { } rejected ? rejected.ToString(CultureInfo.InvariantCulture) : "not reported");
        Row(md, "removed by the pipeline's last verification gate", $"{m.Verification.InvalidCitations} citation(s), {m.Verification.FieldsWithdrawn} field(s), {m.Verification.SentencesDropped} sentence(s), {m.Verification.AlertsDropped} alert(s)");
        Row(md, "seconds per dossier (mean)", Number(m.Cost.MeanSecondsPerDossier));
        Row(md, "tokens per dossier (prompt / generated)", m.Cost.DossiersWithTokens == 0
            ? "not reported"
            : $"{Number(m.Cost.PromptTokensPerDossier ?? 0, "0")} / {Number(m.Cost.GeneratedTokensPerDossier ?? 0, "0")}");
        md.AppendLine();
    }

    private static string DroppedText(SummaryMetrics s) => s.DossiersReportingDropped switch
    {
        0 => "not reported",
        _ when s.KeptWhereReported + s.Dropped == 0 => "0 (no summary sentence written)",
        _ => Percent(s.Dropped, s.KeptWhereReported + s.Dropped),
    };

    private static void WriteFields(StringBuilder md, RunMetrics m)
    {
        md.AppendLine("## Per field").AppendLine();
        Header(md, 1, "field", "dossiers", "accuracy", "precision", "recall", "not found", "inventions", "conflicts found", "citations valid", "unsupported");
        foreach (var f in m.Fields)
        {
            Row(
                md,
                $"`{f.Key}`",
                f.Dossiers.ToString(CultureInfo.InvariantCulture),
                Percent(f.Correct + f.ConflictsDetected, f.Stated + f.ExpectedConflicts),
                Percent(f.Correct, f.AnsweredFound),
                Percent(f.Correct, f.Stated),
                Percent(f.Missed + f.ConflictsNotFound, f.Stated + f.ExpectedConflicts),
                Percent(f.Invented, f.NotStated),
                Percent(f.ConflictsDetected, f.ExpectedConflicts),
                Percent(f.Citations.Valid, f.Citations.Total),
                Percent(f.UnsupportedClaims, f.Claims));
        }

        md.AppendLine();
        if (m.FieldsNotInForm.Count > 0)
        {
            md.Append("Evaluated by the truths but not declared by the form (left out of the totals): ")
                .AppendJoin(", ", m.FieldsNotInForm.Select(f => $"`{f.Key}` ({f.Stated + f.ExpectedConflicts} stated)"))
                .AppendLine(".").AppendLine();
        }
    }

    private static void WriteAlerts(StringBuilder md, RunMetrics m)
    {
        md.AppendLine("## Alerts").AppendLine();
        Header(md, 1, "kind", "expected", "found", "reported", "matching", "precision", "recall");
        foreach (var a in m.Alerts)
        {
            Row(
                md,
                a.Kind == RunAggregator.AllKey ? "all" : $"`{a.Kind}`",
                a.Expected.ToString(CultureInfo.InvariantCulture),
                a.ExpectedFound.ToString(CultureInfo.InvariantCulture),
                a.Reported.ToString(CultureInfo.InvariantCulture),
                a.ReportedMatched.ToString(CultureInfo.InvariantCulture),
                Percent(a.Precision),
                Percent(a.Recall));
        }

        var notJudged = m.Alerts.FirstOrDefault(a => a.Kind == RunAggregator.AllKey)?.NotJudged ?? 0;
        md.AppendLine();
        if (notJudged > 0)
        {
            md.Append(notJudged).AppendLine(" reported alert(s) of kinds gold sets do not annotate were not judged.").AppendLine();
        }
    }

    private static void WriteIdentity(StringBuilder md, RunMetrics m)
    {
        if (m.Identity.Count == 0)
        {
            return;
        }

        md.AppendLine("## Patient identity").AppendLine();
        Header(md, 1, "part", "stated", "correct", "wrong", "missed", "unexpected", "cited", "accuracy");
        foreach (var p in m.Identity)
        {
            Row(
                md,
                $"`{p.Part}`",
                p.Expected.ToString(CultureInfo.InvariantCulture),
                p.Correct.ToString(CultureInfo.InvariantCulture),
                p.Wrong.ToString(CultureInfo.InvariantCulture),
                p.Missed.ToString(CultureInfo.InvariantCulture),
                p.Unexpected.ToString(CultureInfo.InvariantCulture),
                $"{p.Cited}/{p.Reported}",
                Percent(p.Accuracy));
        }

        md.AppendLine();
    }

    private static void WriteSummary(StringBuilder md, SummaryMetrics s)
    {
        md.AppendLine("## Summary").AppendLine();
        md.Append(s.Sentences).Append(" sentence(s) kept, ").Append(s.Unsupported).Append(" without a citation that verifies; ")
            .Append("summary citations valid: ").Append(Percent(s.Citations.SpanValid, s.Citations.Total)).Append("; dropped by verification: ")
            .Append(DroppedText(s))
            .AppendLine(".").AppendLine();
    }

    private static void WriteCost(StringBuilder md, EvaluationRun run)
    {
        var c = run.Metrics.Cost;
        md.AppendLine("## Cost").AppendLine();
        md.Append(c.Dossiers).Append(" dossier(s), ").Append(c.Files).Append(" file(s), ").Append(c.Pages).Append(" page(s) in ")
            .Append(Number(c.Seconds, "0.0")).Append(" s: ").Append(Number(c.MeanSecondsPerDossier)).Append(" s per dossier (median ")
            .Append(Number(c.MedianSecondsPerDossier)).Append(", max ").Append(Number(c.MaxSecondsPerDossier)).Append("), ")
            .Append(c.SecondsPerPage is { } spp ? Number(spp, "0.000") : None).Append(" s per page; tokens: ")
            .Append(c.DossiersWithTokens == 0 ? "not reported" : $"{Number(c.PromptTokens)} prompt, {Number(c.GeneratedTokens)} generated")
            .Append(c.ModelCalls is { } calls ? $" in {Number(calls)} model call(s)" : "")
            .Append('.');
        if (run.WarmUpSeconds is { } warmUp)
        {
            md.Append(" Before the measured run, a warm-up pass over the first dossier took ").Append(Number(warmUp)).Append(" s (start-up costs, not counted above).");
        }

        md.AppendLine().AppendLine();

        var inScope = run.Metrics.Fields.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        Header(md, 2, "dossier", "language", "files", "pages", "seconds", "prompt tokens", "generated tokens", "fields right", "input errors");
        foreach (var d in run.Dossiers)
        {
            var fields = d.Fields.Where(f => inScope.Contains(f.Key)).ToList();
            Row(
                md,
                Cell(d.Name) + (d.Failure is null ? "" : " (pipeline failed)"),
                Cell(d.Language),
                d.Cost.Files.ToString(CultureInfo.InvariantCulture),
                d.Cost.Pages.ToString(CultureInfo.InvariantCulture),
                Number(d.Cost.Seconds),
                Number(d.Cost.PromptTokens),
                Number(d.Cost.GeneratedTokens),
                $"{fields.Count(f => f.IsCorrect)}/{fields.Count}",
                d.InputErrors.Count == 0 ? "0" : Cell(string.Join(", ", d.InputErrors.Select(e => $"{e.File} ({e.Code})"))));
        }

        md.AppendLine();
    }

    private static void WriteFailures(StringBuilder md, EvaluationRun run, ReportOptions options)
    {
        var inScope = run.Metrics.Fields.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var groups = run.Dossiers
            .SelectMany(d => d.Fields.Where(f => !f.IsCorrect && inScope.Contains(f.Key)).Select(f => (Dossier: d.Name, Score: f)))
            .GroupBy(x => (x.Score.Outcome, x.Score.Key))
            .OrderBy(g => Array.IndexOf(FailureOrder, g.Key.Outcome))
            .ThenByDescending(g => g.Count())
            .ThenBy(g => g.Key.Key, FieldOrder.Comparer)
            .Select(g => g.OrderBy(x => x.Dossier, StringComparer.Ordinal).ToList())
            .ToList();
        md.AppendLine("## Worst failures").AppendLine();
        if (groups.Count == 0)
        {
            md.AppendLine("None: every evaluated answer is as the truth says.").AppendLine();
            return;
        }

        var total = groups.Sum(g => g.Count);
        var counts = groups.GroupBy(g => g[0].Score.Outcome).Select(g => $"{g.Sum(x => x.Count)} {OutcomeText(g.Key)}");
        md.Append(total).Append(" answer(s) differ from the truth: ").AppendJoin(", ", counts).AppendLine(".").AppendLine();

        // A systematic error repeats across many dossiers: count each kind once, then show a few examples of each.
        Header(md, 3, "outcome", "field", "dossiers, e.g.", "count");
        foreach (var group in groups)
        {
            var s = group[0].Score;
            var more = group.Count > 3 ? "…" : "";
            Row(md, OutcomeText(s.Outcome), $"`{s.Key}`", Cell(string.Join(", ", group.Take(3).Select(x => x.Dossier)) + more), group.Count.ToString(CultureInfo.InvariantCulture));
        }

        md.AppendLine();
        var examples = groups
            .SelectMany(g => g.Take(options.ExamplesPerFailureKind))
            .Take(options.MaxFailures)
            .ToList();
        md.Append("Examples, the most harmful first (at most ").Append(options.ExamplesPerFailureKind).Append(" per outcome and field")
            .Append(examples.Count < total ? $", {examples.Count} of {total}" : "").AppendLine("):").AppendLine();
        Header(md, 7, "dossier", "field", "outcome", "expected", "answer", "read at", "expected at");
        foreach (var (dossier, s) in examples)
        {
            Row(
                md,
                Cell(dossier),
                $"`{s.Key}`",
                OutcomeText(s.Outcome),
                Cell(s.Expected ?? "stated nowhere"),
                Cell(s.Actual ?? s.Status),
                Where(s.Evidence),
                Where(s.ExpectedAt));
        }

        md.AppendLine();
    }

    private static string Where(EvidenceRef? evidence) => evidence is null
        ? None
        : Cell($"{evidence.File}{(evidence.Page is { } p ? $" p.{p}" : "")}{(string.IsNullOrEmpty(evidence.Quote) ? "" : $" \"{evidence.Quote}\"")}");

    public static string OutcomeText(FieldOutcome outcome) => outcome switch
    {
        FieldOutcome.Correct => "correct",
        FieldOutcome.Wrong => "wrong value",
        FieldOutcome.Missed => "missed",
        FieldOutcome.SpuriousConflict => "conflict where none",
        FieldOutcome.CorrectNotFound => "correctly not found",
        FieldOutcome.Invented => "invented",
        FieldOutcome.ConflictDetected => "conflict detected",
        FieldOutcome.ConflictIncomplete => "conflict incomplete",
        FieldOutcome.ConflictMissed => "conflict hidden",
        FieldOutcome.ConflictNotFound => "conflict not found",
        _ => outcome.ToString(),
    };

    internal static void WriteDrift(StringBuilder md, DriftReport drift)
    {
        md.AppendLine("## Drift").AppendLine();
        md.Append("Baseline: ").Append(Cell(drift.Baseline.Name)).Append(" (tool ").Append(Cell(drift.Baseline.ToolVersion))
            .Append("); latest: ").Append(Cell(drift.Latest.Name)).Append(" (tool ").Append(Cell(drift.Latest.ToolVersion)).AppendLine(").").AppendLine();
        foreach (var warning in drift.Warnings)
        {
            md.Append("> ").AppendLine(warning).AppendLine();
        }

        var flagged = drift.Flagged;
        md.AppendLine(flagged.Count == 0
            ? "No field got worse."
            : $"**{flagged.Count} field(s) got worse:** " + string.Join(", ", flagged.Select(f => $"`{f.Key}` ({string.Join(", ", f.Flags)})")) + ".");
        md.AppendLine();
        Header(md, 1, "field", "baseline", "latest", "change", "right→wrong", "wrong→right", "p (sign test)", "flags");
        foreach (var f in new[] { drift.Overall }.Concat(drift.Fields))
        {
            Row(
                md,
                f.Key == RunAggregator.AllKey ? "all fields" : $"`{f.Key}`",
                Percent(f.BaselineAccuracy),
                Percent(f.LatestAccuracy),
                Points(f.Delta),
                f.Regressions.Count.ToString(CultureInfo.InvariantCulture),
                f.Improvements.Count.ToString(CultureInfo.InvariantCulture),
                f.PValue is { } p ? Number(p, "0.000") : None,
                f.Flags.Count == 0 ? "" : "**" + string.Join(", ", f.Flags) + "**");
        }

        md.AppendLine();
    }

    private static void WriteCharts(StringBuilder md, IReadOnlyList<ChartLink> charts)
    {
        if (charts.Count == 0)
        {
            return;
        }

        md.AppendLine("## Charts").AppendLine();
        foreach (var chart in charts)
        {
            md.Append("![").Append(chart.Title).Append("](").Append(chart.RelativePath.Replace('\\', '/')).AppendLine(")").AppendLine();
        }
    }
}
