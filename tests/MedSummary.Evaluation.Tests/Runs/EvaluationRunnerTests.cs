using MedSummary.Core.Contract;
using MedSummary.Core.Gold;
using MedSummary.Evaluation.Metrics;
using MedSummary.Evaluation.Runs;
using MedSummary.Pipeline.Processing;
using MedSummary.Pipeline.Verification;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace MedSummary.Evaluation.Tests.Runs;

public sealed class EvaluationRunnerTests : IDisposable
{
    private readonly string _gold = Directory.CreateTempSubdirectory("medsummary-gold-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public EvaluationRunnerTests()
    {
        Write("d1-ok", "left.txt", "Left breast.", new Dictionary<string, GoldField> { ["laterality"] = GoldField.Of("left") });
        Write("d2-fails", "x.txt", "Anything.", new Dictionary<string, GoldField> { ["laterality"] = GoldField.Of("right") });
        Write("d3-ok", "right.txt", "Right breast.", new Dictionary<string, GoldField> { ["laterality"] = GoldField.Of("right") });
    }

    public void Dispose() => Directory.Delete(_gold, recursive: true);

    private void Write(string name, string file, string text, Dictionary<string, GoldField> fields)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_gold, name)).FullName;
        File.WriteAllText(Path.Combine(folder, file), text);
        File.WriteAllText(Path.Combine(folder, GoldSet.TruthFileName), GoldTruthJson.Serialize(new GoldTruth { Dossier = name, Language = "en", Fields = fields }));
    }

    /// <summary>Answers "left" for left.txt and "right" otherwise, takes 2 s of fake time, and throws on x.txt.</summary>
    private sealed class ScriptedProcessor(FakeTimeProvider time) : IDossierProcessor
    {
        public List<(string Tenant, IReadOnlyList<string> Files)> Calls { get; } = [];

        public Task<DossierOutcome> ProcessAsync(DossierRequest request, IProgress<DossierProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            Calls.Add((request.Tenant, [.. request.Files.Select(f => f.FileName)]));
            time.Advance(TimeSpan.FromSeconds(2));
            var file = request.Files.Single().FileName;
            if (file == "x.txt")
            {
                throw new InvalidOperationException("pipeline bug");
            }

            var value = file == "left.txt" ? "left" : "right";
            var result = new DossierResult
            {
                Form = new FormResult { Fields = new Dictionary<string, FieldResult> { ["laterality"] = new() { Status = FieldStatus.Found, Value = value, Normalized = value } } },
                Processing = new ProcessingInfo { Mode = "rules", Version = "7.0.0" },
            };
            return Task.FromResult(new DossierOutcome(result, null, new VerificationReport(1, 0, 2, 0)));
        }
    }

    [Fact]
    public async Task Every_dossier_is_processed_in_order_and_a_failure_is_recorded_without_stopping_the_run()
    {
        var processor = new ScriptedProcessor(_time);
        var progress = new List<EvaluationProgress>();
        var runner = new EvaluationRunner(processor, _time, NullLogger<EvaluationRunner>.Instance);

        var run = await runner.RunAsync(
            _gold,
            new EvaluationRunOptions { Label = "unit", WarmUp = false, Settings = new Dictionary<string, string> { ["MedSummary:X"] = "1" } },
            new SyncProgress(progress));

        processor.Calls.Select(c => c.Files.Single()).ShouldBe(["left.txt", "x.txt", "right.txt"]);
        processor.Calls.ShouldAllBe(c => c.Tenant == "eval");
        run.Dossiers.Select(d => d.Name).ShouldBe(["d1-ok", "d2-fails", "d3-ok"]);
        run.Dossiers[1].Failure.ShouldBe("InvalidOperationException: pipeline bug");
        run.Dossiers[1].Fields.Single().Outcome.ShouldBe(FieldOutcome.Missed);
        run.Dossiers.ShouldAllBe(d => d.Cost.Seconds == 2.0);
        run.Metrics.FailedDossiers.ShouldBe(1);
        run.Dossiers[0].Verification.ShouldBe(new VerificationCounts(1, 0, 2, 0));
        run.Dossiers[1].Verification.ShouldBeNull();
        run.Dossiers[0].Summary.Dropped.ShouldBe(2);
        run.Metrics.Verification.ShouldBe(new VerificationCounts(2, 0, 4, 0));
        run.Metrics.Summary.DossiersReportingDropped.ShouldBe(2);
        run.Metrics.Overall.Correct.ShouldBe(2);
        run.Metrics.Overall.Accuracy.ShouldBe(2.0 / 3);
        run.StartedAt.ShouldBe(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        (run.FinishedAt - run.StartedAt).ShouldBe(TimeSpan.FromSeconds(6));
        run.Configuration.Mode.ShouldBe("rules");
        run.Configuration.Label.ShouldBe("unit");
        run.Configuration.Settings["MedSummary:X"].ShouldBe("1");
        run.Tool.PipelineVersions.ShouldBe(["7.0.0"]);
        run.WarmUpSeconds.ShouldBeNull();
        run.GoldSet.Path.ShouldBe(_gold);
        run.GoldSet.Dossiers.ShouldBe(3);
        run.GoldSet.TruthSha256.Length.ShouldBe(64);
        progress.Select(p => (p.Done, p.Dossier)).ShouldBe([(0, "d1-ok"), (1, "d2-fails"), (2, "d3-ok"), (3, "")]);
    }

    [Fact]
    public async Task The_warm_up_processes_the_first_dossier_once_more_and_is_timed_apart()
    {
        var processor = new ScriptedProcessor(_time);
        var runner = new EvaluationRunner(processor, _time, NullLogger<EvaluationRunner>.Instance);
        var run = await runner.RunAsync(_gold, new EvaluationRunOptions { Limit = 2 });
        processor.Calls.Select(c => c.Files.Single()).ShouldBe(["left.txt", "left.txt", "x.txt"]);
        run.WarmUpSeconds.ShouldBe(2.0);
        run.Dossiers.Count.ShouldBe(2);
        (run.FinishedAt - run.StartedAt).ShouldBe(TimeSpan.FromSeconds(6));
    }

    [Fact]
    public async Task A_limit_takes_the_first_dossiers_and_bad_options_are_refused()
    {
        var runner = new EvaluationRunner(new ScriptedProcessor(_time), _time, NullLogger<EvaluationRunner>.Instance);
        var run = await runner.RunAsync(_gold, new EvaluationRunOptions { Limit = 1 });
        run.Dossiers.Select(d => d.Name).ShouldBe(["d1-ok"]);
        await Should.ThrowAsync<ArgumentException>(() => runner.RunAsync(_gold, new EvaluationRunOptions { Limit = 0 }));
        await Should.ThrowAsync<ArgumentException>(() => runner.RunAsync(_gold, new EvaluationRunOptions { Tenant = " " }));
    }

    [Fact]
    public async Task A_folder_that_is_not_a_gold_set_is_refused_with_its_path()
    {
        var runner = new EvaluationRunner(new ScriptedProcessor(_time), _time, NullLogger<EvaluationRunner>.Instance);
        var empty = Directory.CreateDirectory(Path.Combine(_gold, "..", Path.GetFileName(_gold) + "-empty")).FullName;
        try
        {
            (await Should.ThrowAsync<GoldFormatException>(() => runner.RunAsync(empty))).Reason.ShouldContain("no dossier");
            File.WriteAllText(Path.Combine(_gold, "d1-ok", GoldSet.TruthFileName), """{ "schemaVersion": "1", "dossier": "d1", "language": "en", "fields": { "laterality": { "vlaue": "left" } } }""");
            (await Should.ThrowAsync<GoldFormatException>(() => runner.RunAsync(_gold))).Path.ShouldEndWith(GoldSet.TruthFileName);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; posts to the thread pool, which would make the order racy).</summary>
    private sealed class SyncProgress(List<EvaluationProgress> sink) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value) => sink.Add(value);
    }
}
