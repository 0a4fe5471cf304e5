using MedSummary.Core.Gold;
using MedSummary.Evaluation.Metrics;
using MedSummary.Evaluation.Results;
using MedSummary.Evaluation.Tests.Support;
using Shouldly;
using Xunit;

namespace MedSummary.Evaluation.Tests.Results;

public sealed class EvaluationResultFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("medsummary-eval-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_run_survives_a_round_trip_through_its_file()
    {
        var run = Scenario.Run(label: "baseline");
        var path = Path.Combine(_dir, "nested", EvaluationResultFile.DefaultFileName);
        await EvaluationResultFile.WriteAsync(run, path);
        var back = await EvaluationResultFile.ReadAsync(path);

        back.SchemaVersion.ShouldBe(EvaluationRun.CurrentSchemaVersion);
        back.Tool.Version.ShouldBe(run.Tool.Version);
        back.Tool.PipelineVersions.ShouldBe(run.Tool.PipelineVersions);
        back.StartedAt.ShouldBe(run.StartedAt);
        back.GoldSet.ShouldBe(run.GoldSet);
        back.Configuration.Label.ShouldBe("baseline");
        back.Metrics.Overall.ShouldBe(run.Metrics.Overall);
        back.Metrics.Fields.ShouldBe(run.Metrics.Fields);
        back.Metrics.Alerts.ShouldBe(run.Metrics.Alerts);
        back.Dossiers.Count.ShouldBe(3);
        var backScores = back.Dossiers.SelectMany(d => d.Fields).ToList();
        backScores.ShouldBe(run.Dossiers.SelectMany(d => d.Fields).ToList());
        RunAggregator.Aggregate(back.Dossiers).Overall.ShouldBe(run.Metrics.Overall);
    }

    [Fact]
    public void The_file_spells_outcomes_and_rates_for_people_and_other_tools()
    {
        var json = EvaluationResultFile.Serialize(Scenario.Run());
        json.ShouldContain("\"outcome\": \"conflict_detected\"");
        json.ShouldContain("\"expectation\": \"not_found\"");
        json.ShouldContain("\"accuracy\": 0.5714");
        json.ShouldContain("\"schemaVersion\": \"1\"");
        // Long quotes never reach the file: evidence is cut.
        json.ShouldNotContain(Scenario.PathologyA.Text[..70]);
    }

    [Fact]
    public void A_file_of_another_schema_or_not_a_result_is_refused_with_its_name()
    {
        Should.Throw<EvaluationResultFormatException>(() => EvaluationResultFile.Deserialize("""{ "schemaVersion": "7" }""", "old.json"))
            .Message.ShouldBe("old.json: schemaVersion '7' is not supported (expected '1')");
        Should.Throw<EvaluationResultFormatException>(() => EvaluationResultFile.Deserialize("""{ "dossier": "x" }""", "truth.json"))
            .Message.ShouldContain("not an evaluation result file");
        Should.Throw<EvaluationResultFormatException>(() => EvaluationResultFile.Deserialize("{ nope", "broken.json"))
            .Message.ShouldStartWith("broken.json: not valid JSON");
    }

    [Fact]
    public async Task A_missing_file_is_named()
    {
        var path = Path.Combine(_dir, "absent.json");
        (await Should.ThrowAsync<EvaluationResultFormatException>(() => EvaluationResultFile.ReadAsync(path)))
            .Message.ShouldBe($"{path}: file not found");
    }

    [Fact]
    public async Task Fingerprints_change_with_the_truths_and_with_the_files_separately()
    {
        var folder = Path.Combine(_dir, "gold", "d1");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "letter.txt"), "Left breast cancer.");
        var truth = new GoldTruth { Dossier = "d1", Language = "en", Fields = new Dictionary<string, GoldField> { ["laterality"] = GoldField.Of("left") } };
        await File.WriteAllTextAsync(Path.Combine(folder, GoldSet.TruthFileName), GoldTruthJson.Serialize(truth));

        var first = await GoldSetFingerprint.ComputeAsync(await GoldSet.LoadAsync(Path.Combine(_dir, "gold")));
        var again = await GoldSetFingerprint.ComputeAsync(await GoldSet.LoadAsync(Path.Combine(_dir, "gold")));
        again.ShouldBe(first);
        first.TruthSha256.Length.ShouldBe(64);

        await File.WriteAllTextAsync(Path.Combine(folder, "letter.txt"), "Right breast cancer.");
        var filesChanged = await GoldSetFingerprint.ComputeAsync(await GoldSet.LoadAsync(Path.Combine(_dir, "gold")));
        filesChanged.TruthSha256.ShouldBe(first.TruthSha256);
        filesChanged.FilesSha256.ShouldNotBe(first.FilesSha256);

        await File.WriteAllTextAsync(Path.Combine(folder, GoldSet.TruthFileName), GoldTruthJson.Serialize(truth with { Fields = new Dictionary<string, GoldField> { ["laterality"] = GoldField.Of("right") } }));
        var truthChanged = await GoldSetFingerprint.ComputeAsync(await GoldSet.LoadAsync(Path.Combine(_dir, "gold")));
        truthChanged.TruthSha256.ShouldNotBe(first.TruthSha256);
        truthChanged.FilesSha256.ShouldBe(filesChanged.FilesSha256);
    }
}
