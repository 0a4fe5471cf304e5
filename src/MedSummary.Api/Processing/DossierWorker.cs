using MedSummary.Api.Configuration;
using MedSummary.Api.Diagnostics;
using MedSummary.Api.Storage;
using MedSummary.Core.Contract;
using MedSummary.Ingestion;
using MedSummary.Pipeline.Processing;
using Microsoft.Extensions.Options;

namespace MedSummary.Api.Processing;

/// <summary>
/// Drains the queue with <see cref="ProcessingQueueOptions.Workers"/> loops. At start it re-enqueues every dossier
/// left queued or processing by the last run. Each attempt is counted before it begins, so a dossier that keeps
/// taking the process down is marked failed ("interrupted") instead of being retried forever. A stop during
/// processing leaves the dossier as it is, to be resumed at the next start. A store fault (the data folder gone,
/// read-only or full) never leaves a dossier "processing": the job is tried again after a growing wait, as a new
/// attempt, until it completes or runs out of attempts and is marked failed.
/// </summary>
internal sealed class DossierWorker(
    DossierQueue queue,
    DossierRepository repository,
    IDossierProcessor processor,
    WorkFolder work,
    IOptions<ApiOptions> options,
    TimeProvider time,
    ILogger<DossierWorker> logger) : BackgroundService
{
    /// <summary>First wait before a job caught by a store fault is tried again; doubled at each fault in a row, up to <see cref="MaxStoreRetryDelay"/>.</summary>
    private static readonly TimeSpan StoreRetryDelay = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan MaxStoreRetryDelay = TimeSpan.FromSeconds(60);

    private readonly int _maxAttempts = options.Value.Queue.MaxAttempts;
    private int _storeFaultsInARow;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var unfinished = await repository.ListUnfinishedAsync(stoppingToken).ConfigureAwait(false);
        if (unfinished.Count > 0)
        {
            ApiLog.Resuming(logger, unfinished.Count);
        }

        foreach (var (tenant, id, createdAt) in unfinished)
        {
            queue.EnqueueRecovered(new DossierJob(tenant, id, createdAt));
        }

        var loops = Enumerable.Range(0, options.Value.Queue.Workers).Select(_ => Task.Run(() => LoopAsync(stoppingToken), stoppingToken));
        await Task.WhenAll(loops).ConfigureAwait(false);
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            DossierJob job;
            try
            {
                job = await queue.DequeueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var started = time.GetTimestamp();
            try
            {
                await ProcessAsync(job, stoppingToken).ConfigureAwait(false);
                Volatile.Write(ref _storeFaultsInARow, 0);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                ApiLog.ProcessingInterrupted(logger, job.DossierId);
                return;
            }
            catch (Exception e) when (StoreUnavailableException.ReasonFor(e) is { } reason)
            {
                // The store could not take the result or the failure: the row would stay "processing" until a restart.
                // The job goes back to the queue after a wait; each try counts as an attempt, so it ends failed at worst.
                RetryLater(job, reason, stoppingToken);
            }
            catch (Exception e)
            {
                ApiLog.ProcessingCrashed(logger, job.DossierId, e.GetType().FullName ?? e.GetType().Name, e.StackTrace ?? string.Empty);
            }
            finally
            {
                queue.Done(time.GetElapsedTime(started));
                if (queue.Processing == 0)
                {
                    // Whatever a job left in the work folder (a copy a tool still held when it was cleaned) goes now.
                    work.Sweep();
                }
            }
        }
    }

    private void RetryLater(DossierJob job, string reason, CancellationToken stoppingToken)
    {
        var faults = Interlocked.Increment(ref _storeFaultsInARow);
        var delay = TimeSpan.FromTicks(Math.Min(MaxStoreRetryDelay.Ticks, StoreRetryDelay.Ticks << Math.Min(faults - 1, 10)));
        ApiLog.ProcessingStoreFault(logger, job.DossierId, reason, delay.TotalSeconds);
        _ = Task.Run(
            async () =>
            {
                try
                {
                    await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                    queue.EnqueueRecovered(job);
                }
                catch (OperationCanceledException)
                {
                    // Stopping: the row is still unfinished in the store and is resumed at the next start.
                }
            },
            CancellationToken.None);
    }

    private async Task ProcessAsync(DossierJob job, CancellationToken stoppingToken)
    {
        var current = await repository.FindAsync(job.Tenant, job.DossierId, stoppingToken).ConfigureAwait(false);
        if (current is null || current.IsFinished)
        {
            return;
        }

        if (current.Attempts >= _maxAttempts)
        {
            await FailAsync(job, null, DossierFailureCodes.Interrupted,
                $"Processing was cut short {current.Attempts} time(s) (the service stopped or crashed while working on it); it is not retried again. Upload the same files to retry.",
                stoppingToken).ConfigureAwait(false);
            return;
        }

        var record = await repository.BeginAttemptAsync(job.Tenant, job.DossierId, time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
        if (record is null)
        {
            return;
        }

        ApiTelemetry.QueueWait.Record(Math.Max(0, (time.GetUtcNow() - job.EnqueuedAt).TotalSeconds));
        ApiLog.ProcessingStarted(logger, job.DossierId, record.Attempts, _maxAttempts);
        var started = time.GetTimestamp();
        var uploads = await repository.GetUploadsAsync(job.Tenant, job.DossierId, withContent: true, stoppingToken).ConfigureAwait(false);
        var files = uploads.Select(u => new InputFile(u.FileName, u.Content!)).ToList();
        var progress = new StoredProgress(repository, job.Tenant, job.DossierId, time);
        DossierOutcome outcome;
        try
        {
            outcome = await processor.ProcessAsync(
                new DossierRequest(files) { Tenant = job.Tenant, DossierId = job.DossierId }, progress, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (StoreUnavailableException.ReasonFor(e) is null)
        {
            ApiLog.ProcessingCrashed(logger, job.DossierId, e.GetType().FullName ?? e.GetType().Name, e.StackTrace ?? string.Empty);
            await FailAsync(job, null, DossierFailureCodes.ProcessingError,
                "Processing failed with an internal error (logged for the operator). The uploaded files are kept; upload the same files to retry.",
                CancellationToken.None).ConfigureAwait(false);
            return;
        }

        var seconds = time.GetElapsedTime(started).TotalSeconds;
        ApiTelemetry.JobDuration.Record(seconds);
        if (outcome.Dossier is not { } dossier)
        {
            await FailAsync(job, outcome.Result, DossierFailureCodes.NoReadableDocument,
                $"None of the {files.Count} file(s) could be read; each document's error says why.", CancellationToken.None).ConfigureAwait(false);
            return;
        }

        // Once the attempt has a result, storing it must not be abandoned half-way by a stop.
        await repository.FinishAsync(job.Tenant, job.DossierId, outcome.Result, dossier.Documents, null, null, time.GetUtcNow(), CancellationToken.None)
            .ConfigureAwait(false);
        ApiTelemetry.Jobs.Add(1, new KeyValuePair<string, object?>("outcome", DossierStatus.Completed));
        ApiTelemetry.Pages.Add(dossier.PageCount);
        if (outcome.Result.Processing is { } processing)
        {
            if (processing.PromptTokens is { } prompt)
            {
                ApiTelemetry.Tokens.Add(prompt, new KeyValuePair<string, object?>("kind", "prompt"));
            }

            if (processing.GeneratedTokens is { } generated)
            {
                ApiTelemetry.Tokens.Add(generated, new KeyValuePair<string, object?>("kind", "generated"));
            }
        }

        ApiLog.ProcessingCompleted(logger, job.DossierId, dossier.Documents.Count, dossier.PageCount, outcome.Result.Errors.Count, seconds);
    }

    private async Task FailAsync(DossierJob job, DossierResult? result, string code, string reason, CancellationToken cancellationToken)
    {
        await repository.FinishAsync(job.Tenant, job.DossierId, result, [], code, reason, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        ApiTelemetry.Jobs.Add(1, new KeyValuePair<string, object?>("outcome", DossierStatus.Failed));
        ApiLog.ProcessingFailed(logger, job.DossierId, code);
    }

    /// <summary>Writes each progress report to the dossier's row, so a status poll sees it (file names are not kept).</summary>
    private sealed class StoredProgress(DossierRepository repository, string tenant, string id, TimeProvider time) : IProgress<DossierProgress>
    {
        public void Report(DossierProgress value)
        {
            int? read = value.Stage == "read" ? value.Done : null;
            int? fields = value.Stage == "form" && value.Done >= value.Total ? ContractFields.Required.Count : null;
            try
            {
                repository.ReportProgress(tenant, id, value.Stage, read, fields, time.GetUtcNow());
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                // Progress is for display: a busy or failing store must not stop the processing it describes.
            }
        }
    }
}
