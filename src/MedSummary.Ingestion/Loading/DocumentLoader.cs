using System.Diagnostics;
using MedSummary.Core.Documents;
using MedSummary.Core.Errors;
using MedSummary.Ingestion.Pdf;
using MedSummary.Ingestion.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedSummary.Ingestion.Loading;

/// <summary>
/// Decides a file's type from its content, enforces the size, page and time limits, and maps every failure to a
/// <see cref="DocumentRejectedException"/> with a stable <see cref="InputErrorCodes"/> code and a one-line message
/// naming the file.
/// </summary>
/// <remarks>
/// Order of checks: empty, too large, then the first reader (in registration order, PDF before text) whose
/// <see cref="IDocumentReader.CanRead"/> accepts the bytes; formats that decode as text but are not (RTF, PostScript)
/// and known binary formats (JPEG, PNG, ZIP...) are refused as unsupported_type naming what they look like.
/// Reading runs off the caller's thread under the per-document timeout; when it fires, the document is refused
/// with "timeout" even if the reader is stuck inside one page (its result, if it ever comes, is dropped).
/// Only <see cref="OperationCanceledException"/> for the caller's own token escapes besides the rejection.
/// </remarks>
public sealed partial class DocumentLoader : IDocumentLoader
{
    private readonly IReadOnlyList<IDocumentReader> _readers;
    private readonly IngestionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public DocumentLoader(
        IEnumerable<IDocumentReader> readers,
        IngestionOptions options,
        TimeProvider? time = null,
        ILogger<DocumentLoader>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(readers);
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        _readers = [.. readers];
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<DocumentLoader>.Instance;
    }

    /// <summary>A loader with the built-in PDF and text readers and no OCR fallback.</summary>
    public static DocumentLoader CreateDefault(IngestionOptions? options = null, IPageTextFallback? fallback = null)
    {
        options ??= new IngestionOptions();
        return new DocumentLoader([new PdfDocumentReader(options, fallback), new PlainTextReader()], options);
    }

    public async Task<SourceDocument> LoadAsync(InputFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var name = string.IsNullOrWhiteSpace(file.FileName) ? "(unnamed)" : file.FileName;
        using var activity = IngestionTelemetry.Source.StartActivity("ingestion.load");
        activity?.SetTag("medsummary.document.bytes", file.Content.Length);
        var started = _time.GetTimestamp();
        try
        {
            var document = await LoadCoreAsync(file, name, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("medsummary.document.id", document.Id);
            activity?.SetTag("medsummary.document.pages", document.PageCount);
            LogLoaded(_logger, document.Id[..12], document.MediaType, document.PageCount, document.Text.Length,
                _time.GetElapsedTime(started).TotalMilliseconds);
            return document;
        }
        catch (DocumentRejectedException e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Code);
            LogRejected(_logger, e.Code, file.Content.Length);
            throw;
        }
    }

    private async Task<SourceDocument> LoadCoreAsync(InputFile file, string name, CancellationToken cancellationToken)
    {
        var content = file.Content;
        if (content.IsEmpty)
        {
            throw new DocumentRejectedException(InputErrorCodes.Empty, $"{name}: the file is empty (0 bytes).");
        }

        if (content.Length > _options.MaxFileBytes)
        {
            throw new DocumentRejectedException(
                InputErrorCodes.TooLarge,
                $"{name}: the file has {content.Length} bytes, more than the limit of {_options.MaxFileBytes}.");
        }

        var reader = ChooseReader(content.Span, name);
        using var timeout = new CancellationTokenSource(_options.PerDocumentTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var input = file.FileName == name ? file : file with { FileName = name };
        try
        {
            var reading = Task.Run(() => reader.ReadAsync(input, linked.Token), linked.Token);
            return await reading.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (DocumentRejectedException)
        {
            throw;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            throw new DocumentRejectedException(
                InputErrorCodes.Timeout,
                $"{name}: reading took longer than the limit of {_options.PerDocumentTimeout.TotalSeconds:0.#} s.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OutOfMemoryException e)
        {
            throw new DocumentRejectedException(InputErrorCodes.TooLarge, $"{name}: reading the file needs more memory than is available.", e);
        }
        catch (Exception e)
        {
            // A reader bug or an unexpected library failure must not take the batch down: refuse this file only.
            throw new DocumentRejectedException(
                reader is PdfDocumentReader ? InputErrorCodes.CorruptPdf : InputErrorCodes.Unreadable,
                // The words, not the exception's type name: this message reaches the user and the result's errors.
                $"{name}: the file could not be read: the reader stopped on an unexpected failure.",
                e);
        }
    }

    private IDocumentReader ChooseReader(ReadOnlySpan<byte> content, string name)
    {
        if (ContentSniffer.IsTextualButUnsupported(content))
        {
            throw Unsupported(name, ContentSniffer.Describe(content));
        }

        foreach (var reader in _readers)
        {
            if (reader.CanRead(content))
            {
                return reader;
            }
        }

        throw Unsupported(name, ContentSniffer.Describe(content) ?? "binary data that is neither PDF nor text");
    }

    private static DocumentRejectedException Unsupported(string name, string? what) =>
        new(InputErrorCodes.UnsupportedType, $"{name}: unsupported file type: it looks like {what}; only PDF and plain text are read.");

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug,
        Message = "Loaded document {DocumentIdPrefix} ({MediaType}, {Pages} pages, {Chars} chars) in {ElapsedMs:0.0} ms")]
    private static partial void LogLoaded(ILogger logger, string documentIdPrefix, string mediaType, int pages, int chars, double elapsedMs);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Refused an input of {Bytes} bytes: {Code}")]
    private static partial void LogRejected(ILogger logger, string code, int bytes);
}
