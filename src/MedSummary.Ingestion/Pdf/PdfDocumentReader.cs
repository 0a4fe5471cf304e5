using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Errors;
using MedSummary.Core.Provenance;
using MedSummary.Ingestion.Language;
using MedSummary.Ingestion.Pdf.Layout;

namespace MedSummary.Ingestion.Pdf;

/// <summary>
/// Reads a PDF's text layer (PdfPig) into one canonical text in reading order, with running headers and footers
/// removed, line-end hyphenation repaired and every character mapped to its page and glyph box.
/// Pages without a usable text layer go to the <see cref="IPageTextFallback"/> when one is given (OCR), and stay
/// empty otherwise; a document with no text on any page is refused with <see cref="InputErrorCodes.NoText"/>.
/// </summary>
/// <remarks>
/// Parsing goes through an <see cref="IPdfParser"/>: in process by default, or in an isolated worker process
/// (<see cref="Isolation.PdfWorkerPool"/>, what <see cref="IngestionServiceCollectionExtensions"/> registers) so
/// that a hostile file cannot crash, hang or exhaust the service. Layout and text assembly always run here.
/// </remarks>
public sealed class PdfDocumentReader : IDocumentReader
{
    public const string MediaType = "application/pdf";

    /// <summary>Pages each thread gets at least before the per-page layout steps are split (as "fewer than 16 pages use one" promises).</summary>
    private const int MinPagesPerThread = 8;

    private readonly IngestionOptions _options;
    private readonly IPageTextFallback? _fallback;
    private readonly IPdfParser _parser;

    public PdfDocumentReader(IngestionOptions? options = null, IPageTextFallback? fallback = null, IPdfParser? parser = null)
    {
        _options = options ?? new IngestionOptions();
        _options.EnsureValid();
        _fallback = fallback;
        _parser = parser ?? InProcessPdfParser.Instance;
    }

    /// <summary>"%PDF-" within the first 1024 bytes, where readers look for it.</summary>
    public bool CanRead(ReadOnlySpan<byte> content) =>
        content[..Math.Min(content.Length, 1024)].IndexOf("%PDF-"u8) >= 0;

    public async Task<SourceDocument> ReadAsync(InputFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Content.IsEmpty)
        {
            throw new DocumentRejectedException(InputErrorCodes.Empty, $"{file.FileName}: the file is empty.");
        }

        var limits = new PdfExtractionLimits(_options.MaxPages, _options.MaxPageParallelism);
        var extracted = await _parser.ParseAsync(file.FileName, file.Content, limits, cancellationToken).ConfigureAwait(false);
        var (pages, fallbackRead) = await LayOutAsync(file, extracted.Pages, cancellationToken).ConfigureAwait(false);

        // Scans left unread because OCR cannot run here are said, never silently dropped: the form cannot see them.
        var unavailable = _fallback?.Unavailable;
        var unread = unavailable is null
            ? []
            : extracted.Pages.Where(p => p.Fallback is not null).Select(p => p.Number).ToList();
        if (pages.All(p => p.Rows.Count == 0 && p.OtherLines.Count == 0))
        {
            if (unread.Count > 0)
            {
                throw new DocumentRejectedException(
                    InputErrorCodes.OcrUnavailable,
                    $"{file.FileName}: its {pages.Count} page(s) are scanned images, left unread: {unavailable}");
            }

            throw new DocumentRejectedException(
                InputErrorCodes.NoText,
                extracted.Pages.All(p => p.Fallback is null)
                    ? $"{file.FileName}: nothing is drawn on any of the PDF's {pages.Count} page(s)."
                    : fallbackRead
                    ? $"{file.FileName}: the PDF has no text layer on any of its {pages.Count} page(s) and OCR found no text on them either."
                    : $"{file.FileName}: the PDF has no text layer on any of its {pages.Count} page(s) (a scan needs OCR, which is not enabled or could not read them).");
        }

        var furniture = RunningFurniture.Remove(pages);
        var lines = new List<LayoutLine>[pages.Count];
        ForEachPage(pages.Count, i => lines[i] = ReadingOrder.Order(pages[i].Rows), cancellationToken);
        var builder = new CanonicalTextBuilder(pages.Sum(p => p.Glyphs.Count));
        for (var i = 0; i < pages.Count; i++)
        {
            builder.AppendPage(pages[i], lines[i], isLast: i == pages.Count - 1);
        }

        var (text, map, pageInfos) = builder.Build();
        return new SourceDocument(
            DocumentIds.Sha256Hex(file.Content.Span),
            file.FileName,
            MediaType,
            text,
            map,
            pageInfos,
            LanguageDetector.Detect(text),
            furniture)
        {
            Warnings = unread.Count == 0
                ? []
                : [new InputError(file.FileName, InputErrorCodes.OcrUnavailable,
                    $"{file.FileName}: {PageList(unread)} {(unread.Count == 1 ? "is a scanned image" : "are scanned images")}, left unread: {unavailable}")],
        };
    }

    /// <summary>"page 3" or "pages 2, 5, 6".</summary>
    private static string PageList(IReadOnlyList<int> numbers) =>
        (numbers.Count == 1 ? "page " : "pages ") + string.Join(", ", numbers);

    /// <summary>
    /// Text-layer pages as parsed; the others through the fallback, all at once so that it can read them in parallel.
    /// Also tells whether the fallback read any page (found text or not) rather than giving up on all of them.
    /// </summary>
    private async Task<(List<PageModel> Pages, bool FallbackRead)> LayOutAsync(InputFile file, IReadOnlyList<ExtractedPage> extracted, CancellationToken cancellationToken)
    {
        var pages = new PageModel[extracted.Count];
        ForEachPage(extracted.Count, i =>
        {
            // A scan under a stamped line keeps that line until (unless) OCR reads the whole page.
            var page = extracted[i];
            var glyphs = page.Glyphs;
            pages[i] = glyphs.Count == 0 && page.OtherLines.Count == 0
                ? Empty(page)
                : new PageModel(page.Number, page.Width, page.Height, glyphs, PageGeometry.BuildRows(glyphs), PageTextSource.TextLayer)
                {
                    OtherLines = [.. page.OtherLines.Select(l => l.ToList())],
                };
        }, cancellationToken);

        var needFallback = new List<int>();
        for (var i = 0; i < extracted.Count; i++)
        {
            if (extracted[i].Fallback is not null)
            {
                needFallback.Add(i);
            }
        }

        var fallbackRead = false;
        if (_fallback is not null && needFallback.Count > 0)
        {
            var requests = needFallback
                .Select(i => new PageFallbackRequest(extracted[i].Number, extracted[i].Width, extracted[i].Height, extracted[i].Fallback!.Value)
                {
                    ImageDpi = extracted[i].ImageDpi,
                })
                .ToList();
            var recovered = await _fallback.ReadPagesAsync(new PageFallbackDocument(file.FileName, file.Content, requests), cancellationToken)
                .ConfigureAwait(false);
            for (var k = 0; k < needFallback.Count && k < recovered.Count; k++)
            {
                fallbackRead |= recovered[k] is not null;
                if (recovered[k] is { Words.Count: > 0 } words)
                {
                    var page = extracted[needFallback[k]];
                    var (glyphs, frame) = FallbackGlyphs.From(words, page.Width, page.Height);
                    var otherLines = new List<List<Glyph>>();
                    if (page.Fallback == PageFallbackReason.ScannedImage && frame.IsUpright)
                    {
                        // Text drawn over the scan (a fax header) stays where the recogniser found no ink of its own.
                        glyphs.AddRange(page.Glyphs.Where(g => !words.Words.Any(w => Covers(w.Box, g.Box))));
                        otherLines.AddRange(page.OtherLines.Select(l => l.ToList()));
                    }

                    pages[needFallback[k]] = new PageModel(page.Number, page.Width, page.Height, glyphs, PageGeometry.BuildRows(glyphs), PageTextSource.Ocr)
                    {
                        Frame = frame,
                        OtherLines = otherLines,
                    };
                }
            }
        }

        return ([.. pages], fallbackRead);
    }

    /// <summary>
    /// Runs a per-page step (geometry, reading order) on up to <see cref="IngestionOptions.MaxPageParallelism"/> threads.
    /// Each page's result depends on that page alone and lands in its own slot, so the text is the same as in order.
    /// </summary>
    private void ForEachPage(int count, Action<int> step, CancellationToken cancellationToken)
    {
        var threads = Math.Min(_options.MaxPageParallelism, count / MinPagesPerThread);
        if (threads <= 1)
        {
            for (var i = 0; i < count; i++)
            {
                step(i);
            }

            return;
        }

        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken }, step);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // The same failure as the sequential loop would have thrown, not a wrapper the loader cannot name.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }

    /// <summary>Whether a recognised word's box covers most of a glyph's box (the same ink read twice).</summary>
    private static bool Covers(BoundingBox word, BoundingBox glyph)
    {
        var width = Math.Min(word.Right, glyph.Right) - Math.Max(word.Left, glyph.Left);
        var height = Math.Min(word.Top, glyph.Top) - Math.Max(word.Bottom, glyph.Bottom);
        return width > 0 && height > 0 && width * height >= 0.3 * Math.Max(glyph.Width * glyph.Height, 1e-9);
    }

    private static PageModel Empty(ExtractedPage page) =>
        new(page.Number, page.Width, page.Height, [], [], PageTextSource.None);
}
