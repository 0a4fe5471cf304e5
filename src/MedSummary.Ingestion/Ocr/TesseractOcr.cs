using System.Diagnostics;
using System.Globalization;
using MedSummary.Core.Provenance;
using MedSummary.Ingestion.Pdf;
using MedSummary.Ingestion.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedSummary.Ingestion.Ocr;

/// <summary>
/// OCR of the PDF pages that have no usable text layer: each page is rendered by pdftoppm (poppler) to a grayscale
/// image and read by Tesseract, whose TSV output gives every word with its pixel box, mapped back to the page's
/// points so that OCR'd words carry the same provenance as text-layer glyphs.
/// </summary>
/// <remarks>
/// <para>Pages are read in parallel across all documents, at most <see cref="OcrOptions.MaxParallelism"/> at once, by
/// single-threaded Tesseract processes (parallel pages use the cores better than Tesseract's own threads). A document's
/// pages are shared out in groups, one process a group (at most <see cref="OcrOptions.PagesPerProcess"/> pages), so that
/// the language models are loaded once a group rather than once a page.</para>
/// <para>Orientation: pdftoppm applies the page's /Rotate, so the image is the page as displayed, the frame PdfPig reports
/// text-layer glyphs in. Text turned a quarter inside the scan (a page fed sideways) is read by Tesseract's layout
/// analysis, which finds vertical lines; the direction of each line (from its first word to its last) tells how the
/// text runs. Text upside down is not: when the mean word confidence is under <see cref="OcrOptions.UprightConfidence"/>
/// the image is turned half a turn and read again, and the better reading is kept. This costs a second pass only on
/// pages that read badly, where Tesseract's orientation detection (--psm 0) would cost a pass on every page.</para>
/// <para>Failures stay with their page: a page whose tools fail or run past <see cref="OcrOptions.PageTimeout"/> is left
/// empty and logged (code and page number only: tool output may quote document text). Cancellation of the document
/// kills the running tools. The PDF is written once per document to a private temporary folder, removed afterwards;
/// a page read alone travels through pipes, a group's images through that folder.</para>
/// </remarks>
public sealed partial class TesseractOcr : IPageTextFallback, IDisposable
{
    private const int PgmHeaderBytes = 64;

    private readonly OcrOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate;
    private readonly Lazy<OcrStatus> _status;
    private readonly IReadOnlyDictionary<string, string> _tesseractEnvironment = new Dictionary<string, string>
    {
        // One thread per Tesseract: pages run in parallel instead, which scales better than OpenMP inside a page.
        ["OMP_THREAD_LIMIT"] = "1",
    };

    public TesseractOcr(OcrOptions options, ILogger<TesseractOcr>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        _options = options;
        _logger = logger ?? NullLogger<TesseractOcr>.Instance;
        _gate = new SemaphoreSlim(options.MaxParallelism);
        _status = new Lazy<OcrStatus>(() => OcrTools.Probe(options));
    }

    /// <summary>Whether OCR is enabled and its tools are installed (probed once, on first use).</summary>
    public OcrStatus Status => _status.Value;

    /// <inheritdoc />
    public string? Unavailable => _options.Enabled && !Status.Available ? Status.Problem : null;

    public async Task<IReadOnlyList<FallbackPageText?>> ReadPagesAsync(PageFallbackDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!_options.Enabled || document.Pages.Count == 0)
        {
            return [.. document.Pages.Select(_ => (FallbackPageText?)null)];
        }

        if (!Status.Available)
        {
            LogUnavailable(_logger, document.Pages.Count);
            return [.. document.Pages.Select(_ => (FallbackPageText?)null)];
        }

        var folder = CreatePrivateFolder();
        try
        {
            var pdfPath = Path.Combine(folder.FullName, "document.pdf");
            await File.WriteAllBytesAsync(pdfPath, document.Pdf, cancellationToken).ConfigureAwait(false);
            var batches = Batches(document.Pages).Select(batch => ReadBatchAsync(folder.FullName, pdfPath, batch, cancellationToken)).ToArray();
            var read = await Task.WhenAll(batches).ConfigureAwait(false);
            var byPage = read.SelectMany(r => r).ToDictionary(r => r.Page, r => r.Text);
            return [.. document.Pages.Select(p => byPage[p])];
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A tool killed a moment ago may still hold the file open on some systems; the OS cleans its temp.
            }
            catch (UnauthorizedAccessException)
            {
                // Likewise.
            }
        }
    }

    /// <summary>A new folder only this user can read (0700 on Unix): the PDF in it is a patient's.</summary>
    private DirectoryInfo CreatePrivateFolder()
    {
        if (_options.TempPath is null)
        {
            return MedSummary.Core.Files.PrivateTempFolders.Create("ocr");
        }

        var path = Path.Combine(_options.TempPath, "medsummary-ocr-" + Guid.NewGuid().ToString("N"));
        return OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(path)
            : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>
    /// The document's pages split into groups that one Tesseract process reads each: pages rendered at the same
    /// resolution (one --dpi per run), as many groups as pages may be read at once so that every core works, none
    /// larger than <see cref="OcrOptions.PagesPerProcess"/>.
    /// </summary>
    internal List<List<PageFallbackRequest>> Batches(IReadOnlyList<PageFallbackRequest> pages)
    {
        var batches = new List<List<PageFallbackRequest>>();
        foreach (var group in pages.GroupBy(p => Math.Round(DpiFor(p))))
        {
            var list = group.ToList();
            var size = Math.Clamp((int)Math.Ceiling(list.Count / (double)_options.MaxParallelism), 1, _options.PagesPerProcess);
            batches.AddRange(list.Chunk(size).Select(c => c.ToList()));
        }

        return batches;
    }

    /// <summary>
    /// Reads a group of pages with one Tesseract process, which loads its language models once for all of them (about
    /// half a second of CPU per page with two languages). A page whose rendering fails is left empty alone; when the
    /// recogniser fails or the group runs past its time (<see cref="OcrOptions.PageTimeout"/> per page), each page is
    /// read again on its own, so that a failure stays with the page that causes it.
    /// </summary>
    private async Task<List<(PageFallbackRequest Page, FallbackPageText? Text)>> ReadBatchAsync(
        string folder, string pdfPath, List<PageFallbackRequest> pages, CancellationToken cancellationToken)
    {
        if (pages.Count == 1)
        {
            return [(pages[0], await ReadPageAsync(pdfPath, pages[0], cancellationToken).ConfigureAwait(false))];
        }

        var results = new List<(PageFallbackRequest Page, FallbackPageText? Text)>(pages.Count);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var readAlone = false;
        try
        {
            using var batchTimeout = new CancellationTokenSource(_options.PageTimeout * pages.Count);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, batchTimeout.Token);
            var started = Stopwatch.GetTimestamp();
            var images = new List<(PageFallbackRequest Page, PageImage Image)>(pages.Count);
            foreach (var page in pages)
            {
                try
                {
                    images.Add((page, await PrepareAsync(pdfPath, page, linked.Token).ConfigureAwait(false)));
                }
                catch (OcrToolException e)
                {
                    LogPageFailed(_logger, page.PageNumber, e.Tool, e.ExitCode);
                    results.Add((page, null));
                }
                catch (ToolStartException)
                {
                    LogPageFailed(_logger, page.PageNumber, "start", -1);
                    results.Add((page, null));
                }
            }

            if (images.Count > 0)
            {
                var read = await ReadImagesAsync(folder, [.. images.Select(i => i.Image)], linked.Token).ConfigureAwait(false);
                var share = Stopwatch.GetElapsedTime(started).TotalMilliseconds / images.Count;
                for (var i = 0; i < images.Count; i++)
                {
                    var (page, image) = images[i];
                    var result = await FinishAsync(page, image, read[i], linked.Token).ConfigureAwait(false);
                    if (result.Text is { } text)
                    {
                        LogPageRead(_logger, page.PageNumber, text.Words.Count, text.TextRotation, result.Confidence, result.Passes, share);
                    }

                    results.Add((page, result.Text));
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            readAlone = true;
        }
        catch (OcrToolException)
        {
            readAlone = true;
        }
        catch (ToolStartException)
        {
            readAlone = true;
        }
        finally
        {
            _gate.Release();
        }

        if (readAlone)
        {
            var alone = await Task.WhenAll(pages.Select(p => ReadPageAsync(pdfPath, p, cancellationToken))).ConfigureAwait(false);
            return [.. pages.Zip(alone)];
        }

        return results;
    }

    private async Task<FallbackPageText?> ReadPageAsync(string pdfPath, PageFallbackRequest page, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        using var pageTimeout = new CancellationTokenSource(_options.PageTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, pageTimeout.Token);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await RecognizeAsync(pdfPath, page, linked.Token).ConfigureAwait(false);
            if (result.Text is { } text)
            {
                LogPageRead(_logger, page.PageNumber, text.Words.Count, text.TextRotation, result.Confidence, result.Passes,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return result.Text;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogPageFailed(_logger, page.PageNumber, "timeout", -1);
            return null;
        }
        catch (OcrToolException e)
        {
            LogPageFailed(_logger, page.PageNumber, e.Tool, e.ExitCode);
            return null;
        }
        catch (ToolStartException)
        {
            LogPageFailed(_logger, page.PageNumber, "start", -1);
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(FallbackPageText? Text, double Confidence, int Passes)> RecognizeAsync(
        string pdfPath, PageFallbackRequest page, CancellationToken cancellationToken)
    {
        var image = await PrepareAsync(pdfPath, page, cancellationToken).ConfigureAwait(false);
        var upright = await ReadImageAsync(image.Pgm, image.Dpi, cancellationToken).ConfigureAwait(false);
        return await FinishAsync(page, image, upright, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The page rendered and cleaned, ready for the recogniser.</summary>
    private async Task<PageImage> PrepareAsync(string pdfPath, PageFallbackRequest page, CancellationToken cancellationToken)
    {
        var (image, dpi) = await RenderAsync(pdfPath, page, cancellationToken).ConfigureAwait(false);
        var (width, height, _) = Pgm.ReadHeader(image);
        if (_options.Despeckle)
        {
            Despeckle.Clean(image, dpi);
        }

        return new PageImage(image, dpi, width, height);
    }

    /// <summary>The upright reading checked for an upside-down page, then mapped to the page's points.</summary>
    private async Task<(FallbackPageText? Text, double Confidence, int Passes)> FinishAsync(
        PageFallbackRequest page, PageImage image, List<TsvWord> upright, CancellationToken cancellationToken)
    {
        var (width, height, dpi) = (image.Width, image.Height, image.Dpi);
        var best = (Words: upright, Flipped: false);
        var passes = 1;
        var confidence = Confidence(upright);
        if (_options.DetectOrientation && upright.Count > 0 && confidence < _options.UprightConfidence)
        {
            var turned = await ReadImageAsync(Pgm.RotateHalfTurn(image.Pgm), dpi, cancellationToken).ConfigureAwait(false);
            passes++;
            var turnedConfidence = Confidence(turned);
            if (turnedConfidence > confidence)
            {
                best = (turned, true);
                confidence = turnedConfidence;
            }
        }

        var words = best.Words
            .Where(w => w.Confidence >= _options.MinSymbolConfidence || w.Text.Any(char.IsLetterOrDigit))
            .ToList();
        if (words.Count == 0)
        {
            return (new FallbackPageText([]), confidence, passes);
        }

        // The page as PdfPig sees it (points); a damaged size falls back to the image at the rendering resolution.
        var pageWidth = page.Width > 0 ? page.Width : width * 72.0 / dpi;
        var pageHeight = page.Height > 0 ? page.Height : height * 72.0 / dpi;
        var sx = pageWidth / width;
        var sy = pageHeight / height;
        var mapped = new List<FallbackWord>(words.Count);
        foreach (var w in words)
        {
            var (left, top) = best.Flipped ? (width - (w.Left + w.Width), height - (w.Top + w.Height)) : (w.Left, w.Top);
            var box = new BoundingBox(left * sx, pageHeight - ((top + w.Height) * sy), (left + w.Width) * sx, pageHeight - (top * sy));
            mapped.Add(new FallbackWord(w.Text, box, w.Line));
        }

        var rotation = (TextDirection(words) + (best.Flipped ? 180 : 0)) % 360;
        return (new FallbackPageText(mapped, rotation), confidence, passes);
    }

    /// <summary>The resolution a page is rendered at.</summary>
    private double DpiFor(PageFallbackRequest page)
    {
        // A scan at its own resolution (within MinDpi..Dpi): finer adds no detail, only time.
        double dpi = page.ImageDpi is { } scanned ? Math.Clamp(Math.Round(scanned), _options.MinDpi, _options.Dpi) : _options.Dpi;
        if (page.Width > 0 && page.Height > 0)
        {
            var pixelsAtDpi = page.Width / 72 * dpi * (page.Height / 72 * dpi);
            if (pixelsAtDpi > _options.MaxPixels)
            {
                dpi *= Math.Sqrt(_options.MaxPixels / pixelsAtDpi);
            }
        }

        return Math.Max(dpi, 1);
    }

    /// <summary>
    /// The page as a grayscale PGM at the scan's own resolution within <see cref="OcrOptions.MinDpi"/> and
    /// <see cref="OcrOptions.Dpi"/>, lowered for pages too large for <see cref="OcrOptions.MaxPixels"/>.
    /// </summary>
    private async Task<(byte[] Image, double Dpi)> RenderAsync(string pdfPath, PageFallbackRequest page, CancellationToken cancellationToken)
    {
        var dpi = DpiFor(page);

        // The crop rectangle bounds the image even when the page size PdfPig saw is not the one poppler sees.
        var maxSide = (int)Math.Ceiling(Math.Sqrt(_options.MaxPixels) * 4);
        var number = page.PageNumber.ToString(CultureInfo.InvariantCulture);
        var command = OcrTools.Limited(_options.PdftoppmPath, _options.ToolMemoryLimitMiB).With(
            "-f", number, "-l", number,
            "-r", dpi.ToString("0.###", CultureInfo.InvariantCulture),
            "-gray", "-cropbox",
            "-x", "0", "-y", "0",
            "-W", maxSide.ToString(CultureInfo.InvariantCulture),
            "-H", maxSide.ToString(CultureInfo.InvariantCulture),
            pdfPath);
        var result = await ExternalTool.RunAsync(command, ReadOnlyMemory<byte>.Empty, _options.PageTimeout,
            (4 * _options.MaxPixels) + PgmHeaderBytes, null, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (!result.Succeeded || result.Output.Length == 0)
        {
            throw new OcrToolException("pdftoppm", result.TimedOut ? -1 : result.ExitCode);
        }

        try
        {
            _ = Pgm.ReadHeader(result.Output);
        }
        catch (FormatException)
        {
            throw new OcrToolException("pdftoppm", result.ExitCode);
        }

        return (result.Output, dpi);
    }

    private async Task<List<TsvWord>> ReadImageAsync(byte[] image, double dpi, CancellationToken cancellationToken)
    {
        var output = await RunTesseractAsync(image, dpi, _options.PageTimeout, cancellationToken).ConfigureAwait(false);
        return TesseractTsv.Parse(output);
    }

    /// <summary>
    /// Several images (rendered at one resolution) read by one Tesseract run: they are written to the document's
    /// private folder, and Tesseract reads the list of their paths from standard input.
    /// </summary>
    private async Task<List<TsvWord>[]> ReadImagesAsync(string folder, IReadOnlyList<PageImage> images, CancellationToken cancellationToken)
    {
        var paths = new List<string>(images.Count);
        try
        {
            foreach (var image in images)
            {
                var path = Path.Combine(folder, $"page-{Guid.NewGuid():N}.pgm");
                paths.Add(path);
                await File.WriteAllBytesAsync(path, image.Pgm, cancellationToken).ConfigureAwait(false);
            }

            var list = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', paths) + "\n");
            var output = await RunTesseractAsync(list, images[0].Dpi, _options.PageTimeout * images.Count, cancellationToken)
                .ConfigureAwait(false);
            return TesseractTsv.ParsePages(output, images.Count);
        }
        finally
        {
            foreach (var path in paths)
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>
    /// Runs Tesseract on standard input (an image, or a list of image paths, one a line) and returns its TSV. Page
    /// segmentation 3 (automatic, no orientation detection): a page's columns, tables and letterhead are found as blocks.
    /// </summary>
    private async Task<byte[]> RunTesseractAsync(byte[] standardInput, double dpi, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var command = OcrTools.Limited(_options.TesseractPath, _options.ToolMemoryLimitMiB).With("stdin", "stdout");
        if (_options.TessdataPath is { } tessdata)
        {
            command = command.With("--tessdata-dir", tessdata);
        }

        command = command.With(
            "-l", string.Join('+', _options.LanguageList),
            "--psm", "3",
            "--dpi", Math.Round(dpi).ToString(CultureInfo.InvariantCulture),
            "tsv");
        var result = await ExternalTool.RunAsync(command, standardInput, timeout, 64L << 20, _tesseractEnvironment, cancellationToken)
            .ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (!result.Succeeded)
        {
            throw new OcrToolException("tesseract", result.TimedOut ? -1 : result.ExitCode);
        }

        return result.Output;
    }

    /// <summary>Mean word confidence weighted by word length: long words read well say more than stray marks.</summary>
    private static double Confidence(List<TsvWord> words)
    {
        double sum = 0;
        double weight = 0;
        foreach (var w in words)
        {
            if (w.Confidence >= 0)
            {
                sum += w.Confidence * w.Text.Length;
                weight += w.Text.Length;
            }
        }

        return weight == 0 ? 0 : sum / weight;
    }

    /// <summary>
    /// How the text runs in the image Tesseract read, in degrees clockwise: each line of two or more words votes, by
    /// its word count, for the direction from its first word to its last (Tesseract gives words in reading order).
    /// </summary>
    internal static int TextDirection(IReadOnlyList<TsvWord> words)
    {
        var votes = new int[4];
        foreach (var line in words.GroupBy(w => w.Line).Select(g => g.ToList()))
        {
            if (line.Count < 2)
            {
                continue;
            }

            var dx = line[^1].CenterX - line[0].CenterX;
            var dy = line[^1].CenterY - line[0].CenterY;
            var direction = Math.Abs(dx) >= Math.Abs(dy) ? (dx >= 0 ? 0 : 2) : (dy > 0 ? 1 : 3);
            votes[direction] += line.Count;
        }

        var best = 0;
        for (var d = 1; d < 4; d++)
        {
            if (votes[d] > votes[best])
            {
                best = d;
            }
        }

        return best * 90;
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(EventId = 1301, Level = LogLevel.Debug,
        Message = "OCR read page {Page}: {Words} words, text at {Rotation} degrees, confidence {Confidence:0.0}, {Passes} pass(es), {ElapsedMs:0} ms")]
    private static partial void LogPageRead(ILogger logger, int page, int words, int rotation, double confidence, int passes, double elapsedMs);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "OCR gave up on page {Page}: {Tool} failed (exit code {ExitCode}); the page stays empty")]
    private static partial void LogPageFailed(ILogger logger, int page, string tool, int exitCode);

    // Information, not warning: the reader reports these pages on their document (ocr_unavailable), which users see.
    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "OCR is enabled but unavailable; {Pages} page(s) without text stay empty")]
    private static partial void LogUnavailable(ILogger logger, int pages);

    /// <summary>A rendered page: its PGM bytes, the resolution it was rendered at and its size in pixels.</summary>
    private sealed record PageImage(byte[] Pgm, double Dpi, int Width, int Height);

    /// <summary>A tool failed on one page: it exited with an error, timed out (-1) or wrote something unreadable.</summary>
    private sealed class OcrToolException(string tool, int exitCode) : Exception($"{tool} failed with exit code {exitCode}.")
    {
        public string Tool { get; } = tool;

        public int ExitCode { get; } = exitCode;
    }
}
