using System.Runtime.CompilerServices;
using MedSummary.Core.Chunks;
using MedSummary.Core.Documents;
using MedSummary.Core.Errors;
using MedSummary.Ingestion.Chunking;
using MedSummary.Ingestion.Loading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedSummary.Ingestion.Pipeline;

/// <summary>
/// Loads and chunks a batch of files: one <see cref="IngestionResult"/> per input, in input order, a refused file
/// recorded as a failure without stopping the batch.
/// </summary>
/// <remarks>
/// Up to <see cref="IngestionOptions.MaxDegreeOfParallelism"/> files are read at once; results are still yielded
/// in input order, each as soon as it and all before it are done. Files with the same bytes (same SHA-256) are read
/// once: every copy gets the same <see cref="SourceDocument"/> instance and chunks (so the document's
/// <see cref="SourceDocument.FileName"/> is the first copy's name) while the result's own
/// <see cref="IngestionResult.FileName"/> is the copy's name; a refused duplicate gets the same code, its message
/// naming its own file.
/// </remarks>
public sealed partial class IngestionPipeline
{
    private readonly IDocumentLoader _loader;
    private readonly IChunker _chunker;
    private readonly IngestionOptions _options;
    private readonly ILogger _logger;

    public IngestionPipeline(IDocumentLoader loader, IChunker chunker, IngestionOptions options, ILogger<IngestionPipeline>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(loader);
        ArgumentNullException.ThrowIfNull(chunker);
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        _loader = loader;
        _chunker = chunker;
        _options = options;
        _logger = logger ?? NullLogger<IngestionPipeline>.Instance;
    }

    public async IAsyncEnumerable<IngestionResult> RunAsync(
        IEnumerable<InputFile> files,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var inputs = files.ToList();
        using var activity = IngestionTelemetry.Source.StartActivity("ingestion.batch");
        activity?.SetTag("medsummary.batch.files", inputs.Count);

        using var gate = new SemaphoreSlim(_options.MaxDegreeOfParallelism);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var byHash = new Dictionary<string, Task<Outcome>>(StringComparer.Ordinal);
        var pending = new List<Task<Outcome>>(inputs.Count);
        foreach (var file in inputs)
        {
            var hash = DocumentIds.Sha256Hex(file.Content.Span);
            if (!byHash.TryGetValue(hash, out var work))
            {
                work = ProcessAsync(file, gate, stop.Token);
                byHash[hash] = work;
            }

            pending.Add(work);
        }

        var failed = 0;
        try
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                var outcome = await pending[i].ConfigureAwait(false);
                var name = inputs[i].FileName;
                if (outcome.Document is { } document)
                {
                    yield return new IngestionResult(name, document, outcome.Chunks, null);
                }
                else
                {
                    failed++;
                    var message = outcome.FileName == name ? outcome.Message : RenameMessage(outcome, name);
                    yield return IngestionResult.Failure(name, outcome.Code!, message!);
                }
            }
        }
        finally
        {
            // A consumer that stops early (or a cancellation) must not leave reads running in the background.
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(pending.Select(t => t.ContinueWith(static _ => { }, TaskScheduler.Default))).ConfigureAwait(false);
        }

        LogBatch(_logger, inputs.Count, byHash.Count, failed);
    }

    private async Task<Outcome> ProcessAsync(InputFile file, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var document = await _loader.LoadAsync(file, cancellationToken).ConfigureAwait(false);
            var chunks = _chunker.Chunk(document);
            return new Outcome(file.FileName, document, chunks, null, null);
        }
        catch (DocumentRejectedException e)
        {
            return new Outcome(file.FileName, null, [], e.Code, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A loader that breaks its contract (or the chunker) fails this file only.
            return new Outcome(file.FileName, null, [], InputErrorCodes.Unreadable, $"{file.FileName}: the file could not be processed: an unexpected failure stopped it.");
        }
        finally
        {
            gate.Release();
        }
    }

    private static string RenameMessage(Outcome outcome, string name)
    {
        var prefix = outcome.FileName + ":";
        return outcome.Message!.StartsWith(prefix, StringComparison.Ordinal)
            ? name + ":" + outcome.Message[prefix.Length..]
            : outcome.Message;
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Ingested a batch of {Files} file(s), {Distinct} distinct, {Failed} refused")]
    private static partial void LogBatch(ILogger logger, int files, int distinct, int failed);

    private sealed record Outcome(string FileName, SourceDocument? Document, IReadOnlyList<Chunk> Chunks, string? Code, string? Message);
}
