using System.CommandLine;
using System.Globalization;
using MedSummary.Cli.Hosting;
using MedSummary.Core.Gold;
using MedSummary.Evaluation.Charts;
using MedSummary.Evaluation.Drift;
using MedSummary.Evaluation.Reports;
using MedSummary.Evaluation.Results;
using MedSummary.Evaluation.Runs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedSummary.Cli.Commands;

/// <summary>
/// `medsummary eval &lt;gold-dir&gt;`: runs the pipeline on every dossier of a gold set and writes result.json,
/// report.md and PNG charts; with --baseline it also compares with a previous run and flags fields that got worse.
/// `medsummary eval compare &lt;baseline.json&gt; &lt;latest.json&gt;` compares two result files without running anything.
/// Exit 0; 2 for usage, configuration, gold-set or result-file errors; 4 with --fail-on-drift when a field got worse.
/// </summary>
public static class EvalCommand
{
    public const int ExitDrift = 4;

    public const string ReportFileName = "report.md";

    public const string ComparisonFileName = "comparison.md";

    /// <summary>Where the run keeps its chunks: a temporary SQLite file, so gold dossiers never enter the real index.</summary>
    private const string StorePathKey = "MedSummary:Store:SqlitePath";

    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var gold = new Argument<string?>("gold-dir")
        {
            Description = "A gold set: one folder per dossier, each with its files and a truth.json (eval/README.md).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var output = OutOption("Folder for result.json and report.md. Default: evaluation/<gold-set name>-<UTC time>.");
        var charts = ChartsOption();
        var baseline = new Option<string?>("--baseline")
        {
            Description = "A previous result.json: the report gets a drift section and the charts a comparison.",
        };
        var label = new Option<string?>("--label") { Description = "A name for this run (\"rules\", \"prompt-v2\"), shown in reports and comparisons." };
        var limit = new Option<int?>("--limit") { Description = "Evaluate only the first N dossiers (in folder order)." };
        var tenant = new Option<string>("--tenant")
        {
            Description = "The tenant gold dossiers are indexed under. Default: eval.",
            DefaultValueFactory = _ => "eval",
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress on stderr." };
        var tolerance = ToleranceOption();
        var failOnDrift = FailOnDriftOption();

        var command = new Command("eval", "Measure MedSummary on a gold set: per-field accuracy, citations, alerts, cost; a JSON result, a report and charts.")
        {
            gold, output, charts, baseline, label, limit, tenant, quiet, tolerance, failOnDrift, CompareCommand(context),
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            context,
            new RunRequest(
                parse.GetValue(gold),
                parse.GetValue(output),
                parse.GetValue(charts),
                parse.GetValue(baseline),
                parse.GetValue(label),
                parse.GetValue(limit),
                parse.GetValue(tenant) ?? "eval",
                parse.GetValue(quiet),
                parse.GetValue(tolerance),
                parse.GetValue(failOnDrift),
                parse.GetValue(context.ConfigOption),
                parse.GetValue(context.VerboseOption)),
            cancellationToken));
        return command;
    }

    private static Command CompareCommand(CliContext context)
    {
        var baseline = new Argument<string>("baseline") { Description = "The earlier result.json." };
        var latest = new Argument<string>("latest") { Description = "The later result.json." };
        var output = OutOption("Folder for comparison.md. Default: stdout only.");
        var charts = ChartsOption();
        var tolerance = ToleranceOption();
        var failOnDrift = FailOnDriftOption();
        var command = new Command("compare", "Compare two result files: headline figures, per-field drift, a comparison chart.")
        {
            baseline, latest, output, charts, tolerance, failOnDrift,
        };
        command.SetAction((parse, cancellationToken) => CompareAsync(
            context,
            parse.GetValue(baseline)!,
            parse.GetValue(latest)!,
            parse.GetValue(output),
            parse.GetValue(charts),
            parse.GetValue(tolerance),
            parse.GetValue(failOnDrift),
            cancellationToken));
        return command;
    }

    private static Option<string?> OutOption(string description) => new("--out", "-o") { Description = description };

    private static Option<string?> ChartsOption() => new("--charts")
    {
        Description = "Folder for the PNG charts. Default: <out>/charts.",
    };

    private static Option<double> ToleranceOption()
    {
        var option = new Option<double>("--tolerance")
        {
            Description = "How far (0 to 1, e.g. 0.02 for 2 points) a field's accuracy may fall before it is flagged. Default: 0.",
            DefaultValueFactory = _ => 0,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is < 0 or >= 1)
            {
                result.AddError("--tolerance must be at least 0 and below 1.");
            }
        });
        return option;
    }

    private static Option<bool> FailOnDriftOption() => new("--fail-on-drift")
    {
        Description = $"Exit {ExitDrift} when a field got worse than the baseline (for CI).",
    };

    private sealed record RunRequest(
        string? Gold,
        string? Out,
        string? Charts,
        string? Baseline,
        string? Label,
        int? Limit,
        string Tenant,
        bool Quiet,
        double Tolerance,
        bool FailOnDrift,
        string? Config,
        bool Verbose);

    private static async Task<int> RunAsync(CliContext context, RunRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Gold))
        {
            context.Fail("usage", "eval needs a gold-set folder (medsummary eval <gold-dir>) or a subcommand (compare)");
            return DossierCommand.ExitUsage;
        }

        if (!Directory.Exists(request.Gold))
        {
            context.Fail(request.Gold, $"the gold set folder does not exist ({GoldFormatException.ErrorCode})");
            return DossierCommand.ExitUsage;
        }

        if (request.Limit is < 1)
        {
            context.Fail("--limit", "must be 1 or more");
            return DossierCommand.ExitUsage;
        }

        EvaluationRun? baseline = null;
        if (request.Baseline is not null)
        {
            // Read before the run: a bad baseline should fail in a second, not after an hour of processing.
            baseline = await ReadResultAsync(context, request.Baseline, cancellationToken).ConfigureAwait(false);
            if (baseline is null)
            {
                return DossierCommand.ExitUsage;
            }
        }

        var outDir = request.Out ?? Path.Combine(
            "evaluation",
            $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.Gold)))}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
        var chartsDir = request.Charts ?? Path.Combine(outDir, "charts");
        var storeDir = MedSummary.Core.Files.PrivateTempFolders.Create("eval-store");
        try
        {
            ServiceProvider services;
            try
            {
                var configuration = new ConfigurationBuilder()
                    .AddConfiguration(CliServices.BuildConfiguration(request.Config))
                    .AddInMemoryCollection([new(StorePathKey, Path.Combine(storeDir.FullName, "chunks.db"))])
                    .Build();
                services = CliServices.Build(configuration, context.Error, request.Verbose ? LogLevel.Information : LogLevel.Warning);
            }
            catch (CliUsageException ex)
            {
                context.Fail("config", ex.Message);
                return DossierCommand.ExitUsage;
            }

            EvaluationRun run;
            await using (services.ConfigureAwait(false))
            {
                var settings = new SortedDictionary<string, string>(
                    ConfigurationSummary.From(services.GetRequiredService<IConfiguration>()).ToDictionary(),
                    StringComparer.Ordinal)
                {
                    [StorePathKey] = "(temporary, deleted after the run)",
                };
                var runner = ActivatorUtilities.CreateInstance<EvaluationRunner>(services);
                var options = new EvaluationRunOptions { Tenant = request.Tenant, Label = request.Label, Limit = request.Limit, Settings = settings };
                try
                {
                    run = await runner.RunAsync(request.Gold, options, request.Quiet ? null : new Progress(context.Error), cancellationToken).ConfigureAwait(false);
                }
                catch (GoldFormatException ex)
                {
                    context.Fail(ex.Path, $"{ex.Reason} ({GoldFormatException.ErrorCode})");
                    return DossierCommand.ExitUsage;
                }
            }

            var drift = baseline is null ? null : DriftDetector.Compare(baseline, run, new DriftOptions { Tolerance = request.Tolerance });
            var resultPath = Path.Combine(outDir, EvaluationResultFile.DefaultFileName);
            await EvaluationResultFile.WriteAsync(run, resultPath, cancellationToken).ConfigureAwait(false);
            var charts = EvaluationCharts.WriteAll(run, chartsDir, baseline, drift);
            var reportPath = Path.Combine(outDir, ReportFileName);
            var report = EvaluationReportWriter.Write(run, new ReportOptions { Drift = drift, Charts = EvaluationCharts.Links(charts, outDir) });
            await File.WriteAllTextAsync(reportPath, report, cancellationToken).ConfigureAwait(false);

            var o = run.Metrics.Overall;
            await context.Output.WriteLineAsync(
                $"{run.Metrics.Dossiers} dossier(s), {run.Metrics.Fields.Count} field(s): accuracy {Pct(o.Accuracy)}, precision {Pct(o.Precision)}, "
                + $"inventions {Pct(o.InventionRate)}, citations valid {Pct(o.CitationValidity)}, {run.Metrics.Cost.MeanSecondsPerDossier:0.00} s per dossier").ConfigureAwait(false);
            await context.Output.WriteLineAsync($"Result: {resultPath}\nReport: {reportPath}\nCharts: {chartsDir}").ConfigureAwait(false);
            return await DriftExitAsync(context, drift, request.FailOnDrift).ConfigureAwait(false);
        }
        finally
        {
            TryDelete(storeDir);
        }
    }

    private static async Task<int> CompareAsync(
        CliContext context, string baselinePath, string latestPath, string? outDir, string? chartsDir, double tolerance, bool failOnDrift, CancellationToken cancellationToken)
    {
        var baseline = await ReadResultAsync(context, baselinePath, cancellationToken).ConfigureAwait(false);
        var latest = baseline is null ? null : await ReadResultAsync(context, latestPath, cancellationToken).ConfigureAwait(false);
        if (baseline is null || latest is null)
        {
            return DossierCommand.ExitUsage;
        }

        var drift = DriftDetector.Compare(baseline, latest, new DriftOptions { Tolerance = tolerance });
        var chartFolder = chartsDir ?? (outDir is null ? null : Path.Combine(outDir, "charts"));
        IReadOnlyList<ChartLink> links = [];
        if (chartFolder is not null)
        {
            var chart = EvaluationCharts.WriteComparison(baseline, latest, drift, Path.Combine(chartFolder, EvaluationCharts.ComparisonFile));
            links = EvaluationCharts.Links([("Accuracy per field: baseline and latest", chart)], outDir ?? chartFolder);
        }

        var report = ComparisonReportWriter.Write(baseline, latest, drift, links);
        if (outDir is null)
        {
            await context.Output.WriteLineAsync(report.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            Directory.CreateDirectory(outDir);
            var path = Path.Combine(outDir, ComparisonFileName);
            await File.WriteAllTextAsync(path, report, cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"Comparison: {path}").ConfigureAwait(false);
        }

        return await DriftExitAsync(context, drift, failOnDrift).ConfigureAwait(false);
    }

    private static async Task<int> DriftExitAsync(CliContext context, DriftReport? drift, bool failOnDrift)
    {
        if (drift is null)
        {
            return DossierCommand.ExitOk;
        }

        foreach (var warning in drift.Warnings)
        {
            await context.Error.WriteLineAsync($"medsummary: drift: {warning}").ConfigureAwait(false);
        }

        var flagged = drift.Flagged;
        await context.Output.WriteLineAsync(flagged.Count == 0
            ? "Drift: no field got worse."
            : $"Drift: {flagged.Count} field(s) got worse: {string.Join(", ", flagged.Select(f => $"{f.Key} ({string.Join(", ", f.Flags)})"))}").ConfigureAwait(false);
        return failOnDrift && flagged.Count > 0 ? ExitDrift : DossierCommand.ExitOk;
    }

    private static async Task<EvaluationRun?> ReadResultAsync(CliContext context, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await EvaluationResultFile.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (EvaluationResultFormatException ex)
        {
            context.Fail(ex.Path, $"{ex.Reason} ({EvaluationResultFormatException.ErrorCode})");
            return null;
        }
    }

    private static string Pct(double? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";

    private static void TryDelete(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless; failing the run over it is not.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private sealed class Progress(TextWriter error) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value)
        {
            if (value.Done < value.Total)
            {
                lock (error)
                {
                    error.WriteLine($"[eval] {value.Done + 1}/{value.Total} {value.Dossier}");
                }
            }
        }
    }
}
