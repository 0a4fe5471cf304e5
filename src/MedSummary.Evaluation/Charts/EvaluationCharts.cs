using MedSummary.Evaluation.Drift;
using MedSummary.Evaluation.Metrics;
using MedSummary.Evaluation.Reports;
using MedSummary.Evaluation.Results;
using ScottPlot;

namespace MedSummary.Evaluation.Charts;

/// <summary>
/// PNG charts of a run (and of two runs compared), drawn with ScottPlot at a fixed size. Each writer creates the
/// folder, overwrites the file and returns its path.
/// </summary>
public static class EvaluationCharts
{
    public const string AccuracyFile = "accuracy-per-field.png";
    public const string CitationsFile = "citation-validity.png";
    public const string TimeFile = "time-per-dossier.png";
    public const string TokensFile = "tokens-per-dossier.png";
    public const string ComparisonFile = "comparison.png";

    private static readonly Color Blue = Color.FromHex("#1f77b4");
    private static readonly Color Green = Color.FromHex("#2ca02c");
    private static readonly Color Orange = Color.FromHex("#ff7f0e");
    private static readonly Color Red = Color.FromHex("#d62728");
    private static readonly Color Grey = Color.FromHex("#9e9e9e");

    /// <summary>Every chart of a run into <paramref name="directory"/>; the comparison chart too when a baseline is given.</summary>
    public static IReadOnlyList<(string Title, string Path)> WriteAll(
        EvaluationRun run, string directory, EvaluationRun? baseline = null, DriftReport? drift = null, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var charts = new List<(string, string)>
        {
            ("Accuracy per field", WriteAccuracy(run, Path.Combine(directory, AccuracyFile), options)),
            ("Citation validity per field", WriteCitations(run, Path.Combine(directory, CitationsFile), options)),
            ("Seconds per dossier against its size", WriteTime(run, Path.Combine(directory, TimeFile), options)),
            ("Tokens per dossier against its size", WriteTokens(run, Path.Combine(directory, TokensFile), options)),
        };
        if (baseline is not null)
        {
            drift ??= DriftDetector.Compare(baseline, run);
            charts.Add(("Accuracy per field: baseline and latest", WriteComparison(baseline, run, drift, Path.Combine(directory, ComparisonFile), options)));
        }

        return charts;
    }

    /// <summary>Accuracy on stated values and precision of found values, per field (bars), with the overall accuracy as a line.</summary>
    public static string WriteAccuracy(EvaluationRun run, string path, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var fields = run.Metrics.Fields;
        var plot = NewPlot(options, $"Accuracy per field ({Subtitle(run)})");
        AddGroupedBars(
            plot,
            fields.Select(f => $"{f.Key} (n={f.Stated + f.ExpectedConflicts})").ToList(),
            [("accuracy on stated values", Blue, fields.Select(f => f.Accuracy).ToList()), ("precision of found values", Green, fields.Select(f => f.Precision).ToList())]);
        if (run.Metrics.Overall.Accuracy is { } overall)
        {
            var line = plot.Add.HorizontalLine(overall, 1.5f, Grey, LinePattern.Dashed);
            line.LegendText = $"overall accuracy {overall * 100:0.0}%";
        }

        PercentAxis(plot);
        return Save(plot, path, options);
    }

    /// <summary>Citation validity and unsupported-claim rate per field.</summary>
    public static string WriteCitations(EvaluationRun run, string path, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var fields = run.Metrics.Fields;
        var plot = NewPlot(options, $"Citations per field ({Subtitle(run)})");
        AddGroupedBars(
            plot,
            fields.Select(f => $"{f.Key} (n={f.Citations.Total})").ToList(),
            [
                ("citations verbatim (quote = source span)", Grey, fields.Select(f => FieldMetrics.Rate(f.Citations.SpanValid, f.Citations.Total)).ToList()),
                ("citations valid (verbatim, holding the value)", Blue, fields.Select(f => f.CitationValidity).ToList()),
                ("claims without a valid citation", Red, fields.Select(f => f.UnsupportedClaimRate).ToList()),
            ]);
        plot.YLabel("share of citations (n) / of claims");
        PercentAxis(plot);
        return Save(plot, path, options);
    }

    /// <summary>Seconds per dossier against its page count, one point per dossier, with a least-squares line.</summary>
    public static string WriteTime(EvaluationRun run, string path, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var plot = NewPlot(options, $"Time per dossier ({Subtitle(run)})");
        var points = run.Dossiers.Select(d => ((double)d.Cost.Pages, d.Cost.Seconds)).ToList();
        AddPoints(plot, points, "seconds", Blue);
        AddFit(plot, points, "s");
        plot.XLabel("pages in the dossier");
        plot.YLabel("seconds");
        plot.Axes.SetLimitsY(0, Math.Max(0.1, points.Select(p => p.Item2).DefaultIfEmpty(0).Max() * 1.15));
        return Save(plot, path, options);
    }

    /// <summary>Prompt and generated tokens per dossier against its page count; says so when the results report none.</summary>
    public static string WriteTokens(EvaluationRun run, string path, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var plot = NewPlot(options, $"Tokens per dossier ({Subtitle(run)})");
        var prompt = run.Dossiers.Where(d => d.Cost.PromptTokens is not null).Select(d => ((double)d.Cost.Pages, (double)d.Cost.PromptTokens!.Value)).ToList();
        var generated = run.Dossiers.Where(d => d.Cost.GeneratedTokens is not null).Select(d => ((double)d.Cost.Pages, (double)d.Cost.GeneratedTokens!.Value)).ToList();
        plot.XLabel("pages in the dossier");
        plot.YLabel("tokens");
        if (prompt.Count + generated.Count == 0)
        {
            var note = plot.Add.Annotation("No token counts in these results: no language model was called (rules only).", Alignment.MiddleCenter);
            note.LabelFontSize = 18;
            note.LabelFontName = FontName(options);
            note.LabelBackgroundColor = Color.FromHex("#f2f2f2");
            note.LabelBorderColor = Grey;
            note.LabelShadowColor = Colors.Transparent;
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
            plot.Axes.SetLimits(0, Math.Max(1, run.Dossiers.Select(d => d.Cost.Pages).DefaultIfEmpty(0).Max()), 0, 1);
        }
        else
        {
            AddPoints(plot, prompt, "prompt tokens", Blue);
            AddPoints(plot, generated, "generated tokens", Orange);
            plot.Axes.SetLimitsY(0, Math.Max(1, prompt.Concat(generated).Max(p => p.Item2) * 1.15));
        }

        return Save(plot, path, options);
    }

    /// <summary>Accuracy per field in two runs side by side; fields the drift view flags are drawn in red and marked.</summary>
    public static string WriteComparison(EvaluationRun baseline, EvaluationRun latest, DriftReport drift, string path, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(latest);
        ArgumentNullException.ThrowIfNull(drift);
        var plot = NewPlot(options, $"Accuracy per field: {drift.Baseline.Name} vs {drift.Latest.Name}");
        var fields = drift.Fields;
        var labels = fields.Select(f => $"{f.Key} (n={f.LatestStated})").ToList();
        AddGroupedBars(
            plot,
            labels,
            [($"baseline: {drift.Baseline.Name}", Grey, fields.Select(f => f.BaselineAccuracy).ToList()), ($"latest: {drift.Latest.Name}", Blue, fields.Select(f => f.LatestAccuracy).ToList())],
            highlight: (series, index) => series == 1 && fields[index].Flagged ? Red : null);
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Flagged)
            {
                var mark = plot.Add.Text("▼", i + 0.2, Math.Max(fields[i].LatestAccuracy ?? 0, fields[i].BaselineAccuracy ?? 0) + 0.02);
                mark.LabelFontColor = Red;
                mark.LabelFontSize = 14;
                mark.LabelFontName = FontName(options);
                mark.LabelAlignment = Alignment.LowerCenter;
            }
        }

        if (fields.Any(f => f.Flagged))
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "latest, flagged (got worse)", FillColor = Red });
        }

        PercentAxis(plot);
        return Save(plot, path, options);
    }

    private static string Subtitle(EvaluationRun run)
    {
        var mode = run.Configuration.Mode.Length == 0 ? "unknown mode" : run.Configuration.Mode;
        var label = run.Configuration.Label is { } l && l != mode ? $"{l}, " : "";
        return $"{label}{mode}, {run.GoldSet.Dossiers} dossiers";
    }

    private static string FontName(ChartOptions? options) => (options ?? new ChartOptions()).FontName;

    private static Plot NewPlot(ChartOptions? options, string title)
    {
        options ??= new ChartOptions();
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        var plot = new Plot();
        plot.Font.Set(options.FontName);
        plot.Title(title, 16);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static void AddGroupedBars(
        Plot plot,
        IReadOnlyList<string> labels,
        IReadOnlyList<(string Name, Color Color, IReadOnlyList<double?> Values)> series,
        Func<int, int, Color?>? highlight = null)
    {
        var width = 0.8 / series.Count;
        var bars = new List<Bar>();
        for (var s = 0; s < series.Count; s++)
        {
            for (var i = 0; i < labels.Count; i++)
            {
                var position = i - 0.4 + (width * (s + 0.5));
                if (series[s].Values[i] is not { } value)
                {
                    // No denominator (e.g. nothing stated): say so rather than draw a bar that reads as 0%;
                    // once for the group when no series has a value there.
                    var allMissing = series.All(x => x.Values[i] is null);
                    if (allMissing && s > 0)
                    {
                        continue;
                    }

                    var missing = plot.Add.Text("n/a", allMissing ? i : position, 0.01);
                    missing.LabelFontSize = allMissing ? 11 : 9;
                    missing.LabelFontColor = Grey;
                    missing.LabelAlignment = Alignment.LowerCenter;
                    continue;
                }

                bars.Add(new Bar
                {
                    Position = position,
                    // A true 0% keeps a sliver of bar so that it is seen as measured, not missing.
                    Value = Math.Max(value, 0.004),
                    Size = width * 0.95,
                    FillColor = highlight?.Invoke(s, i) ?? series[s].Color,
                    LineWidth = 0,
                });
            }

            plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[s].Name, FillColor = series[s].Color });
        }

        plot.Add.Bars(bars);
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < labels.Count; i++)
        {
            ticks.AddMajor(i, labels[i]);
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        // Labels run down and to the left of their tick, so the last one is not cut at the right edge.
        plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        // Rotated labels need room below the axis in proportion to the longest one.
        plot.Axes.Bottom.MinimumSize = Math.Min(260, 30 + (5.5f * labels.DefaultIfEmpty("").Max(l => l.Length)));
        plot.Axes.SetLimitsX(-0.6, Math.Max(0.6, labels.Count - 0.4));
    }

    private static void PercentAxis(Plot plot)
    {
        // Headroom above 100% keeps the legend clear of the bars.
        plot.Axes.SetLimitsY(0, 1.3);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [0, 0.2, 0.4, 0.6, 0.8, 1.0], ["0%", "20%", "40%", "60%", "80%", "100%"]);
    }

    private static void AddPoints(Plot plot, IReadOnlyList<(double X, double Y)> points, string legend, Color color)
    {
        if (points.Count == 0)
        {
            return;
        }

        var scatter = plot.Add.ScatterPoints(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), color);
        scatter.MarkerSize = 9;
        scatter.LegendText = legend;
    }

    /// <summary>Least-squares line y = a + b·x over the points, drawn across their x range (needs two distinct x).</summary>
    private static void AddFit(Plot plot, IReadOnlyList<(double X, double Y)> points, string unit)
    {
        if (points.Select(p => p.X).Distinct().Count() < 2)
        {
            return;
        }

        var mx = points.Average(p => p.X);
        var my = points.Average(p => p.Y);
        var slope = points.Sum(p => (p.X - mx) * (p.Y - my)) / points.Sum(p => (p.X - mx) * (p.X - mx));
        var intercept = my - (slope * mx);
        var x0 = points.Min(p => p.X);
        var x1 = points.Max(p => p.X);
        var line = plot.Add.Line(x0, intercept + (slope * x0), x1, intercept + (slope * x1));
        line.LineColor = Grey;
        line.LinePattern = LinePattern.Dashed;
        line.LineWidth = 1.5f;
        line.LegendText = $"fit: {intercept:0.00} {unit} + {slope:0.000} {unit}/page";
    }

    private static string Save(Plot plot, string path, ChartOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new ChartOptions();
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        plot.SavePng(path, options.Width, options.Height);
        return path;
    }

    /// <summary>The links a report in <paramref name="reportDirectory"/> needs to show the charts.</summary>
    public static IReadOnlyList<ChartLink> Links(IEnumerable<(string Title, string Path)> charts, string reportDirectory)
    {
        ArgumentNullException.ThrowIfNull(charts);
        return [.. charts.Select(c => new ChartLink(c.Title, Path.GetRelativePath(Path.GetFullPath(reportDirectory), Path.GetFullPath(c.Path))))];
    }
}
