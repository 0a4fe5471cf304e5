using MedSummary.Evaluation.Charts;
using MedSummary.Evaluation.Drift;
using MedSummary.Evaluation.Metrics;
using MedSummary.Evaluation.Tests.Support;
using Shouldly;
using Xunit;

namespace MedSummary.Evaluation.Tests.Charts;

public sealed class EvaluationChartsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("medsummary-charts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Width, height, the spread of grey levels (0 for a blank image) and how many pixels are clearly red.</summary>
    private static (int Width, int Height, double Variance, int RedPixels) Inspect(string path)
    {
        File.Exists(path).ShouldBeTrue(path);
        var bytes = File.ReadAllBytes(path);
        bytes.AsSpan(0, 8).ToArray().ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "PNG signature");
        var image = new ScottPlot.Image(bytes);
        var grey = image.GetArrayGrayscale();
        double sum = 0, sumSquares = 0;
        foreach (var value in grey)
        {
            sum += value;
            sumSquares += (double)value * value;
        }

        var n = grey.Length;
        var mean = sum / n;
        var rgb = image.GetArrayRGB();
        var red = 0;
        for (var y = 0; y < rgb.GetLength(0); y++)
        {
            for (var x = 0; x < rgb.GetLength(1); x++)
            {
                if (rgb[y, x, 0] > 180 && rgb[y, x, 1] < 80 && rgb[y, x, 2] < 80)
                {
                    red++;
                }
            }
        }

        return (image.Width, image.Height, (sumSquares / n) - (mean * mean), red);
    }

    [Fact]
    public void Every_chart_of_a_run_is_a_non_blank_png_of_the_fixed_size()
    {
        var charts = EvaluationCharts.WriteAll(Scenario.Run(), _dir);
        charts.Select(c => Path.GetFileName(c.Path)).ShouldBe(
            [EvaluationCharts.AccuracyFile, EvaluationCharts.CitationsFile, EvaluationCharts.TimeFile, EvaluationCharts.TokensFile]);
        foreach (var (_, path) in charts)
        {
            var (width, height, variance, _) = Inspect(path);
            (width, height).ShouldBe((1000, 600), path);
            variance.ShouldBeGreaterThan(100, path);
        }
    }

    [Fact]
    public void The_size_is_configurable()
    {
        var path = EvaluationCharts.WriteAccuracy(Scenario.Run(), Path.Combine(_dir, "small.png"), new ChartOptions { Width = 640, Height = 400 });
        var (width, height, _, _) = Inspect(path);
        (width, height).ShouldBe((640, 400));
        Should.Throw<ArgumentException>(() => EvaluationCharts.WriteAccuracy(Scenario.Run(), Path.Combine(_dir, "x.png"), new ChartOptions { Width = 10 }));
    }

    [Fact]
    public void The_comparison_marks_fields_that_got_worse_in_red_and_only_those()
    {
        var baseline = Scenario.Run(label: "before");
        var evaluations = Scenario.Evaluations().ToList();
        evaluations[1] = evaluations[1] with
        {
            Fields = [.. evaluations[1].Fields.Select(f => f.Key == "grade" ? f with { Outcome = FieldOutcome.Wrong } : f)],
        };
        var latest = Scenario.Run(evaluations, label: "after");

        var worse = EvaluationCharts.WriteComparison(baseline, latest, DriftDetector.Compare(baseline, latest), Path.Combine(_dir, "worse.png"));
        var same = EvaluationCharts.WriteComparison(baseline, baseline, DriftDetector.Compare(baseline, baseline), Path.Combine(_dir, "same.png"));

        var w = Inspect(worse);
        var s = Inspect(same);
        (w.Width, w.Height).ShouldBe((1000, 600));
        w.Variance.ShouldBeGreaterThan(100);
        s.Variance.ShouldBeGreaterThan(100);
        w.RedPixels.ShouldBeGreaterThan(50);
        s.RedPixels.ShouldBe(0);
    }

    [Fact]
    public void Writing_all_with_a_baseline_adds_the_comparison()
    {
        var charts = EvaluationCharts.WriteAll(Scenario.Run(), Path.Combine(_dir, "nested", "charts"), baseline: Scenario.Run());
        charts.Count.ShouldBe(5);
        Path.GetFileName(charts[^1].Path).ShouldBe(EvaluationCharts.ComparisonFile);
        Inspect(charts[^1].Path).Variance.ShouldBeGreaterThan(100);
    }

    [Fact]
    public void The_token_chart_says_so_when_no_tokens_were_reported_and_plots_them_otherwise()
    {
        var none = Inspect(EvaluationCharts.WriteTokens(Scenario.Run(), Path.Combine(_dir, "none.png")));
        none.Variance.ShouldBeGreaterThan(10);

        var withTokens = Scenario.Evaluations().Select((d, i) => d with { Cost = d.Cost with { PromptTokens = 1000 * (i + 1), GeneratedTokens = 50 * (i + 1) } }).ToList();
        var some = Inspect(EvaluationCharts.WriteTokens(Scenario.Run(withTokens), Path.Combine(_dir, "some.png")));
        some.Variance.ShouldBeGreaterThan(100);
    }
}
