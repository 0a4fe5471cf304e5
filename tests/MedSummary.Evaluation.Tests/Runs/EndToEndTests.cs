using MedSummary.Evaluation.Charts;
using MedSummary.Evaluation.Metrics;
using MedSummary.Evaluation.Reports;
using MedSummary.Evaluation.Results;
using MedSummary.Evaluation.Runs;
using MedSummary.Pipeline.Composition;
using MedSummary.Pipeline.Processing;
using MedSummary.Samples;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using Xunit;

namespace MedSummary.Evaluation.Tests.Runs;

/// <summary>The real pipeline (rules, embedded SQLite store in a temp folder) on one small generated dossier.</summary>
public sealed class EndToEndTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("medsummary-e2e-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_generated_dossier_is_processed_judged_reported_and_charted()
    {
        var gold = Path.Combine(_root, "gold");
        SampleDossierGenerator.Generate(new SampleSpec
        {
            Name = "breast-en-small", Cancer = CancerType.Breast, Language = DossierLanguage.English, Seed = 11,
            Size = DossierSize.Small, Metastatic = false, ConflictFields = ["laterality"],
        }).WriteTo(gold);

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("MedSummary:Store:SqlitePath", Path.Combine(_root, "store", "chunks.db"))])
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddMedSummary(configuration)
            .BuildServiceProvider();
        await using var _ = services;
        var runner = new EvaluationRunner(services.GetRequiredService<IDossierProcessor>(), TimeProvider.System, NullLogger<EvaluationRunner>.Instance);

        var run = await runner.RunAsync(gold);

        var dossier = run.Dossiers.ShouldHaveSingleItem();
        dossier.Failure.ShouldBeNull();
        dossier.InputErrors.ShouldBeEmpty();
        dossier.Cost.Pages.ShouldBeGreaterThan(3);
        dossier.Cost.Documents.ShouldBe(dossier.Cost.Files);
        run.Configuration.Mode.ShouldBe("rules");
        run.Metrics.Fields.Count.ShouldBeGreaterThanOrEqualTo(17);

        // Every citation the pipeline emits is verbatim source text: that holds whatever the extractors' accuracy.
        var overall = run.Metrics.Overall;
        overall.Citations.Total.ShouldBeGreaterThan(0);
        overall.Citations.SpanValid.ShouldBe(overall.Citations.Total);
        overall.Claims.ShouldBeGreaterThan(0);
        overall.Dossiers.ShouldBe(dossier.Fields.Count(f => run.Metrics.Fields.Any(m => m.Key == f.Key)));
        var laterality = dossier.Fields.Single(f => f.Key == "laterality");
        laterality.Expectation.ShouldBe(Core.Gold.GoldExpectation.Conflict);

        var resultPath = Path.Combine(_root, "out", EvaluationResultFile.DefaultFileName);
        await EvaluationResultFile.WriteAsync(run, resultPath);
        var back = await EvaluationResultFile.ReadAsync(resultPath);
        RunAggregator.Aggregate(back.Dossiers).Overall.ShouldBe(overall);

        var charts = EvaluationCharts.WriteAll(run, Path.Combine(_root, "out", "charts"), baseline: back);
        charts.Count.ShouldBe(5);
        charts.ShouldAllBe(c => new FileInfo(c.Path).Length > 5_000);
        var report = EvaluationReportWriter.Write(run, new ReportOptions { Charts = EvaluationCharts.Links(charts, Path.Combine(_root, "out")) });
        report.ShouldContain("| `primary_site` | 1 |");
        report.ShouldContain("](charts/accuracy-per-field.png)");
    }
}
