using System.Diagnostics;
using System.Reflection;
using MedSummary.Core.Chunks;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Extraction.Analysis;
using MedSummary.Extraction.Grounding.Forms;
using MedSummary.Extraction.Identity;
using MedSummary.Ingestion.Pipeline;
using MedSummary.Pipeline.Diagnostics;
using MedSummary.Pipeline.Verification;
using MedSummary.Retrieval.Search;
using Microsoft.Extensions.Logging;

namespace MedSummary.Pipeline.Processing;

/// <summary>
/// The whole job for one dossier, as small stages: read every file (one failing file never stops the
/// others), index the chunks, fill the form, write the summary, detect alerts, then verify every citation.
/// </summary>
public sealed partial class DossierProcessor(
    IngestionPipeline ingestion,
    Retriever retriever,
    IFormFiller formFiller,
    ISummaryBuilder summaryBuilder,
    IAlertDetector alertDetector,
    IProcessingModeProvider modeProvider,
    FormSchema schema,
    TimeProvider timeProvider,
    ILogger<DossierProcessor> logger) : IDossierProcessor
{
    private static readonly string Version =
        typeof(DossierProcessor).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public async Task<DossierOutcome> ProcessAsync(
        DossierRequest request,
        IProgress<DossierProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = PipelineTelemetry.Source.StartActivity("dossier.process");
        var started = timeProvider.GetTimestamp();

        var documents = new List<SourceDocument>();
        var chunks = new List<Chunk>();
        var errors = new List<InputError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var done = 0;
        await foreach (var item in ingestion.RunAsync(request.Files, cancellationToken).ConfigureAwait(false))
        {
            progress?.Report(new DossierProgress("read", ++done, request.Files.Count, item.FileName));
            if (item.Error is { } error)
            {
                errors.Add(error);
            }
            else if (item.Document is { } document && seen.Add(document.Id))
            {
                documents.Add(document);
                chunks.AddRange(item.Chunks);
                errors.AddRange(document.Warnings);
            }
        }

        if (documents.Count == 0)
        {
            LogNothingReadable(logger, request.Files.Count);
            return new DossierOutcome(EmptyResult(errors, modeProvider.Current, schema), null, VerificationReport.None);
        }

        var dossierId = request.DossierId ?? DocumentIds.DossierId(documents.Select(d => d.Id));
        activity?.SetTag("medsummary.dossier.id", dossierId);
        activity?.SetTag("medsummary.dossier.documents", documents.Count);
        var dossier = new Dossier(request.Tenant, dossierId, documents, chunks);

        progress?.Report(new DossierProgress("index", 0, chunks.Count));
        var fileNames = documents.ToDictionary(d => d.Id, d => d.FileName, StringComparer.Ordinal);
        await retriever.IndexAsync(chunks, request.Tenant, dossierId, fileNames, cancellationToken).ConfigureAwait(false);
        progress?.Report(new DossierProgress("index", chunks.Count, chunks.Count));

        using var usage = ModelUsageScope.Begin();
        progress?.Report(new DossierProgress("form", 0, 1));
        FormResult form;
        using (ReportModelCalls(progress, "form"))
        {
            form = await formFiller.FillAsync(dossier, cancellationToken).ConfigureAwait(false);
        }

        progress?.Report(new DossierProgress("form", 1, 1));
        progress?.Report(new DossierProgress("summary", 0, 1));
        SummaryPart summary;
        using (ReportModelCalls(progress, "summary"))
        {
            summary = await summaryBuilder.BuildAsync(dossier, form, cancellationToken).ConfigureAwait(false);
        }

        progress?.Report(new DossierProgress("alerts", 0, 1));
        var alerts = await alertDetector.DetectAsync(dossier, form, cancellationToken).ConfigureAwait(false);

        // A misfiled document's values stay in the form (a reviewer decides); its alert comes first, as the most serious.
        var identity = DossierIdentity.Reconcile(documents);

        // After the analyses: a chat model is loaded on first use, and the mode must be the one that ran.
        var mode = modeProvider.Current;
        var result = new DossierResult
        {
            DossierId = dossierId,
            Documents = [.. documents.Select(d => new DocumentInfo(d.Id, d.FileName, d.PageCount, d.Sha256, d.Language)
            {
                Patient = identity.ByDocument.GetValueOrDefault(d.Id),
            })],
            Patient = identity.Patient,
            Form = form,
            Summary = summary.Sentences,
            Alerts = [.. identity.Alerts, .. alerts],
            Timeline = summary.Timeline,
            Errors = errors,
            Processing = Processing(mode) with
            {
                SentencesDropped = summary.SentencesDropped,
                PromptTokens = usage.Calls > 0 ? usage.PromptTokens : null,
                GeneratedTokens = usage.Calls > 0 ? usage.GeneratedTokens : null,
                ModelCalls = usage.Calls > 0 ? usage.Calls : null,
                ValuesRejected = usage.Calls > 0 ? usage.ValuesRejected : null,
                Seconds = Math.Round(timeProvider.GetElapsedTime(started).TotalSeconds, 3),
            },
        };

        var (verified, report) = ResultVerifier.Enforce(result, dossier.DocumentsById);
        if (!report.Clean)
        {
            PipelineTelemetry.InvalidCitations.Add(report.InvalidCitations);
            LogInvalidCitations(logger, dossierId, report.InvalidCitations, report.FieldsWithdrawn, report.SentencesDropped, report.AlertsDropped);
        }

        PipelineTelemetry.Dossiers.Add(1);
        PipelineTelemetry.Pages.Add(dossier.PageCount);
        var seconds = timeProvider.GetElapsedTime(started).TotalSeconds;
        PipelineTelemetry.Duration.Record(seconds);
        LogProcessed(logger, dossierId, documents.Count, dossier.PageCount, errors.Count, seconds);
        return new DossierOutcome(verified, dossier, report);
    }

    /// <summary>Model calls of a stage as progress reports (a stage without a model makes none, and so reports none).</summary>
    private static ModelCallProgress? ReportModelCalls(IProgress<DossierProgress>? progress, string stage) =>
        progress is null ? null : ModelCallProgress.Begin((done, total) =>
            progress.Report(new DossierProgress(stage, 0, 1) { ModelCallsDone = done, ModelCallsTotal = total }));

    private static DossierResult EmptyResult(IReadOnlyList<InputError> errors, ProcessingMode mode, FormSchema schema) => new()
    {
        Form = new FormResult
        {
            Fields = schema.Keys.Union(ContractFields.Required).ToDictionary(
                k => k, _ => FieldResult.NotFound(NothingReadable) with { State = FieldState.NotStated }, StringComparer.Ordinal),
        },
        Errors = errors,
        Processing = Processing(mode),
    };

    private const string NothingReadable = "no input of the dossier could be read";

    private static ProcessingInfo Processing(ProcessingMode mode) => new()
    {
        Mode = mode.Mode,
        ChatModel = mode.ChatModel,
        EmbeddingModel = mode.EmbeddingModel,
        Note = mode.Note,
        Version = Version,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "No input of {Files} could be read")]
    private static partial void LogNothingReadable(ILogger logger, int files);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dossier {DossierId}: {Invalid} citation(s) failed verification and were removed ({Fields} field(s) withdrawn, {Sentences} sentence(s) and {Alerts} alert(s) dropped)")]
    private static partial void LogInvalidCitations(ILogger logger, string dossierId, int invalid, int fields, int sentences, int alerts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dossier {DossierId}: {Documents} document(s), {Pages} page(s), {Errors} unreadable input(s) in {Seconds:0.00} s")]
    private static partial void LogProcessed(ILogger logger, string dossierId, int documents, int pages, int errors, double seconds);
}
