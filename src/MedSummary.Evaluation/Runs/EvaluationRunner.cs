using System.Reflection;
using MedSummary.Core.Contract;
using MedSummary.Core.Gold;
using MedSummary.Evaluation.Metrics;
using MedSummary.Evaluation.Results;
using MedSummary.Ingestion;
using MedSummary.Pipeline.Processing;
using Microsoft.Extensions.Logging;

namespace MedSummary.Evaluation.Runs;

/// <summary>
/// Runs the pipeline on every dossier of a gold set, one after the other, and judges each result against its truth.
/// A dossier on which the pipeline throws is recorded as a failure (it answered nothing) and the run goes on.
/// </summary>
public sealed partial class EvaluationRunner(IDossierProcessor processor, TimeProvider timeProvider, ILogger<EvaluationRunner> logger)
{
    /// <summary>The evaluation's own version (informational, with the source revision when built from git).</summary>
    public static string ToolVersion { get; } =
        typeof(EvaluationRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <exception cref="GoldFormatException">The folder is not a gold set, or a truth is invalid.</exception>
    public async Task<EvaluationRun> RunAsync(
        string goldDirectory,
        EvaluationRunOptions? options = null,
        IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(goldDirectory);
        options ??= new EvaluationRunOptions();
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        var started = timeProvider.GetUtcNow();
        var dossiers = await GoldSet.LoadAsync(goldDirectory, cancellationToken).ConfigureAwait(false);
        if (options.Limit is { } limit)
        {
            dossiers = [.. dossiers.Take(limit)];
        }

        if (dossiers.Count == 0)
        {
            throw new GoldFormatException(goldDirectory, "the gold set holds no dossier folder");
        }

        var (truthHash, filesHash) = await GoldSetFingerprint.ComputeAsync(dossiers, cancellationToken).ConfigureAwait(false);
        double? warmUp = null;
        if (options.WarmUp)
        {
            var (observation, _) = await ObserveAsync(dossiers[0], options.Tenant, cancellationToken).ConfigureAwait(false);
            warmUp = observation.Seconds;
        }

        var evaluations = new List<DossierEvaluation>(dossiers.Count);
        var processing = new List<ProcessingInfo>(dossiers.Count);
        for (var i = 0; i < dossiers.Count; i++)
        {
            var dossier = dossiers[i];
            progress?.Report(new EvaluationProgress(i, dossiers.Count, dossier.Name));
            var (observation, result) = await ObserveAsync(dossier, options.Tenant, cancellationToken).ConfigureAwait(false);
            var evaluation = DossierScorer.Score(observation);
            evaluations.Add(evaluation);
            if (result.Processing is { } info)
            {
                processing.Add(info);
            }

            LogDossier(logger, dossier.Name, evaluation.Fields.Count(f => f.IsCorrect), evaluation.Fields.Count, observation.Seconds);
        }

        progress?.Report(new EvaluationProgress(dossiers.Count, dossiers.Count, ""));
        return new EvaluationRun
        {
            Tool = new ToolInfo
            {
                Version = ToolVersion,
                PipelineVersions = [.. processing.Select(p => p.Version).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)],
            },
            StartedAt = started,
            FinishedAt = timeProvider.GetUtcNow(),
            WarmUpSeconds = warmUp,
            GoldSet = new GoldSetInfo { Path = goldDirectory, Dossiers = dossiers.Count, TruthSha256 = truthHash, FilesSha256 = filesHash },
            Configuration = new RunConfiguration
            {
                Mode = string.Join(", ", processing.Select(p => p.Mode).Distinct(StringComparer.Ordinal)),
                ChatModel = processing.Select(p => p.ChatModel).FirstOrDefault(m => m is not null),
                EmbeddingModel = processing.Select(p => p.EmbeddingModel).FirstOrDefault(m => m is not null),
                Label = options.Label,
                Settings = new SortedDictionary<string, string>(options.Settings.ToDictionary(), StringComparer.Ordinal),
            },
            Metrics = RunAggregator.Aggregate(evaluations),
            Dossiers = evaluations,
        };
    }

    private async Task<(DossierObservation Observation, DossierResult Result)> ObserveAsync(
        GoldDossier dossier, string tenant, CancellationToken cancellationToken)
    {
        var files = new List<InputFile>(dossier.FilePaths.Count);
        foreach (var path in dossier.FilePaths)
        {
            files.Add(await InputFile.FromPathAsync(path, cancellationToken).ConfigureAwait(false));
        }

        var started = timeProvider.GetTimestamp();
        try
        {
            var outcome = await processor.ProcessAsync(new DossierRequest(files) { Tenant = tenant }, null, cancellationToken).ConfigureAwait(false);
            var seconds = timeProvider.GetElapsedTime(started).TotalSeconds;
            var gate = outcome.Verification;
            var verification = new VerificationCounts(gate.InvalidCitations, gate.FieldsWithdrawn, gate.SentencesDropped, gate.AlertsDropped);
            return (new DossierObservation(dossier.Name, dossier.Truth, outcome.Result, outcome.Dossier?.DocumentsById, files.Count, seconds, Verification: verification), outcome.Result);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A pipeline bug on one dossier must not hide the figures of the others; it is recorded and counted.
            var seconds = timeProvider.GetElapsedTime(started).TotalSeconds;
            LogDossierFailed(logger, ex, dossier.Name);
            var empty = new DossierResult();
            return (new DossierObservation(dossier.Name, dossier.Truth, empty, null, files.Count, seconds, FieldValues.Truncate($"{ex.GetType().Name}: {ex.Message}", 200)), empty);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Gold dossier {Dossier}: {Correct}/{Fields} field(s) as the truth says, {Seconds:0.00} s")]
    private static partial void LogDossier(ILogger logger, string dossier, int correct, int fields, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gold dossier {Dossier}: the pipeline failed; the dossier counts as answering nothing")]
    private static partial void LogDossierFailed(ILogger logger, Exception exception, string dossier);
}
