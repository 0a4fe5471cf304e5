using MedSummary.Cli.Commands;
using MedSummary.Core.Gold;
using MedSummary.Evaluation.Results;
using Shouldly;
using Xunit;

namespace MedSummary.Cli.Tests.Eval;

/// <summary>`medsummary eval` through the real command line and pipeline, on a tiny gold set written by the test.</summary>
public sealed class EvalCommandTests : IDisposable
{
    private const string Pathology = "PATHOLOGY REPORT\n\nLeft breast, core needle biopsy: invasive ductal carcinoma, Nottingham grade 2.\n";

    private readonly string _root = Directory.CreateTempSubdirectory("medsummary-cli-eval-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Gold(string name, string laterality)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, name, "case-1")).FullName;
        File.WriteAllText(Path.Combine(folder, "pathology.txt"), Pathology);
        var truth = new GoldTruth
        {
            Dossier = "case-1",
            Language = "en",
            Fields = new Dictionary<string, GoldField> { ["laterality"] = GoldField.Of(laterality), ["her2_status"] = GoldField.NotStated },
        };
        File.WriteAllText(Path.Combine(folder, GoldSet.TruthFileName), GoldTruthJson.Serialize(truth));
        return Path.Combine(_root, name);
    }

    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Eval_writes_a_result_a_report_and_charts()
    {
        var outDir = Path.Combine(_root, "out");
        var (exit, stdout, stderr) = await Run("eval", Gold("gold", "left"), "--out", outDir, "--label", "unit", "--quiet");

        exit.ShouldBe(DossierCommand.ExitOk, stderr);
        stdout.ShouldContain("1 dossier(s)");
        stdout.ShouldContain("accuracy 100.0%");
        var run = await EvaluationResultFile.ReadAsync(Path.Combine(outDir, EvaluationResultFile.DefaultFileName));
        run.Configuration.Label.ShouldBe("unit");
        run.Configuration.Mode.ShouldBe("rules");
        run.Configuration.Settings["MedSummary:Store:SqlitePath"].ShouldStartWith("(temporary");
        run.Metrics.Fields.Single(f => f.Key == "laterality").Correct.ShouldBe(1);
        File.ReadAllText(Path.Combine(outDir, EvalCommand.ReportFileName)).ShouldContain("| `laterality` | 1 | 100.0% (1/1)");
        Directory.GetFiles(Path.Combine(outDir, "charts"), "*.png").Length.ShouldBe(4);
    }

    [Fact]
    public async Task A_baseline_adds_drift_and_fail_on_drift_sets_the_exit_code()
    {
        var before = Path.Combine(_root, "before");
        (await Run("eval", Gold("gold-a", "left"), "--out", before, "--quiet")).Exit.ShouldBe(0);
        var baseline = Path.Combine(before, EvaluationResultFile.DefaultFileName);

        // The same document judged against a truth that now says "right": laterality accuracy falls to 0.
        var after = Path.Combine(_root, "after");
        var (exit, stdout, stderr) = await Run("eval", Gold("gold-b", "right"), "--out", after, "--baseline", baseline, "--fail-on-drift", "--quiet");
        exit.ShouldBe(EvalCommand.ExitDrift);
        stdout.ShouldContain("Drift: 1 field(s) got worse: laterality (accuracy_fell)");
        stderr.ShouldContain("different truths");
        File.ReadAllText(Path.Combine(after, EvalCommand.ReportFileName)).ShouldContain("## Drift");
        File.Exists(Path.Combine(after, "charts", "comparison.png")).ShouldBeTrue();

        var compareDir = Path.Combine(_root, "compare");
        var compare = await Run("eval", "compare", baseline, Path.Combine(after, EvaluationResultFile.DefaultFileName), "--out", compareDir);
        compare.Exit.ShouldBe(0);
        File.ReadAllText(Path.Combine(compareDir, EvalCommand.ComparisonFileName)).ShouldContain("**1 field(s) got worse:** `laterality`");
        File.Exists(Path.Combine(compareDir, "charts", "comparison.png")).ShouldBeTrue();

        var toStdout = await Run("eval", "compare", baseline, baseline);
        toStdout.Exit.ShouldBe(0);
        toStdout.Out.ShouldContain("No field got worse.");
    }

    [Fact]
    public async Task Bad_inputs_are_named_with_a_stable_code()
    {
        var missing = Path.Combine(_root, "nope");
        var noGold = await Run("eval", missing);
        noGold.Exit.ShouldBe(DossierCommand.ExitUsage);
        noGold.Err.ShouldContain($"medsummary: {missing}: the gold set folder does not exist (invalid_gold_truth)");

        var bad = Path.Combine(_root, "bad.json");
        File.WriteAllText(bad, """{ "schemaVersion": "0" }""");
        var badBaseline = await Run("eval", Gold("gold", "left"), "--baseline", bad);
        badBaseline.Exit.ShouldBe(DossierCommand.ExitUsage);
        badBaseline.Err.ShouldContain($"medsummary: {bad}: schemaVersion '0' is not supported (expected '1') (invalid_eval_result)");

        (await Run("eval", "compare", bad, bad)).Err.ShouldContain("(invalid_eval_result)");
        (await Run("eval")).Exit.ShouldBe(DossierCommand.ExitUsage);
        (await Run("eval", Gold("gold2", "left"), "--tolerance", "2")).Exit.ShouldBe(DossierCommand.ExitUsage);
    }
}
