using MedSummary.Core.Errors;
using MedSummary.Core.Provenance;
using MedSummary.Ingestion.Pdf.Layout;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;

namespace MedSummary.Ingestion.Pdf;

/// <summary>
/// Parses a PDF with PdfPig into pages of glyphs, deciding per page whether its text layer is usable. Refuses what
/// cannot be read with a <see cref="DocumentRejectedException"/> (encrypted, damaged, no pages, too many pages);
/// <see cref="OutOfMemoryException"/> passes through, for the worker to report the document as too large.
/// </summary>
/// <remarks>
/// PdfPig is synchronous and cannot be interrupted: a hostile file may make it recurse until the stack overflows or
/// loop for a long time. Run in process, this class trusts the file; <c>PdfWorkerPool</c> in Ingestion runs it in a
/// child process for files that are not trusted.
/// </remarks>
public static class PdfPageExtractor
{
    /// <summary>Share of a page's characters that may be undecodable before its text layer counts as unusable.</summary>
    private const double MaxGarbageShare = 0.5;

    /// <summary>
    /// Fewer characters than this on a page mostly covered by images make it a scan with a stamped line of text (a fax
    /// header, "Page 1/3"), not a text page: about one line. A scan that carries its own OCR layer has far more.
    /// </summary>
    private const int ScanMaxCharacters = 100;

    /// <summary>Share of the page that images must cover for a page with little text to count as a scan.</summary>
    private const double ScanImageCover = 0.5;

    /// <summary>The operators that put marks on a page: path painting (except "n", which ends a path unpainted), shadings, XObjects, inline images.</summary>
    private static readonly HashSet<string> PaintingOperators = new(StringComparer.Ordinal)
    {
        "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI", "ID", "EI",
    };

    /// <summary>Pages below which one more parallel reader of the same document is not worth opening it again.</summary>
    private const int MinPagesPerWorker = 8;

    public static ExtractedPdf Extract(string fileName, ReadOnlyMemory<byte> pdf, PdfExtractionLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(limits);
        if (pdf.IsEmpty)
        {
            throw new DocumentRejectedException(InputErrorCodes.Empty, $"{fileName}: the file is empty.");
        }

        using var document = Open(fileName, pdf);
        int pageCount;
        try
        {
            pageCount = document.NumberOfPages;
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            throw Corrupt(fileName, e);
        }

        if (pageCount <= 0)
        {
            throw new DocumentRejectedException(InputErrorCodes.CorruptPdf, $"{fileName}: the PDF has no pages.");
        }

        if (pageCount > limits.MaxPages)
        {
            throw new DocumentRejectedException(
                InputErrorCodes.TooManyPages,
                $"{fileName}: the PDF has {pageCount} pages, more than the limit of {limits.MaxPages}.");
        }

        return new ExtractedPdf(ExtractPages(fileName, pdf, document, pageCount, limits.PageParallelism, cancellationToken));
    }

    private static PdfDocument Open(string fileName, ReadOnlyMemory<byte> pdf)
    {
        try
        {
            return PdfDocument.Open(pdf, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        }
        catch (PdfDocumentEncryptedException e)
        {
            throw Encrypted(fileName, e);
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            throw Corrupt(fileName, e);
        }
    }

    private static DocumentRejectedException Encrypted(string fileName, Exception e) =>
        new(InputErrorCodes.EncryptedPdf, $"{fileName}: the PDF is encrypted and needs a password to be read.", e);

    // Words only: the parser's exception type means nothing to the person reading the error, and it is kept as the inner exception.
    internal static DocumentRejectedException Corrupt(string fileName, Exception e, int? page = null) =>
        new(InputErrorCodes.CorruptPdf,
            page is null
                ? $"{fileName}: the PDF is damaged or not a valid PDF."
                : $"{fileName}: page {page} of the PDF is damaged.",
            e);

    /// <summary>
    /// Extracts every page's glyphs. PdfPig's parsing is most of the cost of a PDF and a document instance is not
    /// thread-safe, so a large document is read by several threads, each with its own instance of the document on the
    /// same bytes. Each thread takes the next unread page when it is done with one, rather than a fixed range, so that
    /// a run of costly pages (tables, two columns) does not leave the other thread idle; every page lands in its own
    /// slot, in page order.
    /// </summary>
    private static ExtractedPage[] ExtractPages(
        string fileName, ReadOnlyMemory<byte> pdf, PdfDocument document, int pageCount, int parallelism, CancellationToken cancellationToken)
    {
        var results = new ExtractedPage[pageCount];
        var workers = Math.Clamp(pageCount / MinPagesPerWorker, 1, Math.Max(1, parallelism));
        if (workers == 1)
        {
            for (var number = 1; number <= pageCount; number++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results[number - 1] = ExtractPage(fileName, document, number);
            }

            return results;
        }

        var next = 0;
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, (w, state) =>
            {
                using var own = w == 0 ? null : Open(fileName, pdf);
                var instance = own ?? document;
                for (var number = Interlocked.Increment(ref next); number <= pageCount && !state.ShouldExitCurrentIteration; number = Interlocked.Increment(ref next))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    results[number - 1] = ExtractPage(fileName, instance, number);
                }
            });
        }
        catch (AggregateException e)
        {
            // A rejection from any worker is the document's; anything else is a damaged file.
            var inner = e.Flatten().InnerExceptions;
            throw inner.OfType<DocumentRejectedException>().FirstOrDefault()
                ?? inner.OfType<OutOfMemoryException>().FirstOrDefault()
                ?? inner.OfType<OperationCanceledException>().FirstOrDefault()
                ?? (Exception)Corrupt(fileName, inner[0]);
        }

        return results;
    }

    private static ExtractedPage ExtractPage(string fileName, PdfDocument document, int number)
    {
        Page page;
        IReadOnlyList<Letter> letters;
        try
        {
            page = document.GetPage(number);
            letters = page.Letters;
        }
        catch (PdfDocumentEncryptedException e)
        {
            throw Encrypted(fileName, e);
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            throw Corrupt(fileName, e, number);
        }

        var glyphs = new List<Glyph>(letters.Count);
        var other = new List<IReadOnlyList<Glyph>>();
        List<Glyph>? otherLine = null;
        var characters = 0;
        var garbage = 0;
        foreach (var letter in letters)
        {
            var value = letter.Value;
            if (string.IsNullOrWhiteSpace(value))
            {
                otherLine = null;
                continue;
            }

            foreach (var c in value)
            {
                characters++;
                if (c == '\uFFFD' || char.IsControl(c) || (c >= '\uE000' && c <= '\uF8FF'))
                {
                    garbage++;
                }
            }

            var glyph = ToGlyph(letter);
            if (letter.TextOrientation == TextOrientation.Horizontal)
            {
                glyphs.Add(glyph);
                otherLine = null;
            }
            else
            {
                // Rotated text (stamps, margin notes) is kept in drawing order, one line per run of letters.
                if (otherLine is null)
                {
                    other.Add(otherLine = []);
                }

                otherLine.Add(glyph);
            }
        }

        var width = Finite(page.Width);
        var height = Finite(page.Height);
        if (characters == 0 && Blank(page))
        {
            // Nothing for OCR to find: a flood of blank pages must not hold the worker (and the OCR tools) for minutes.
            return new ExtractedPage(number, width, height, null, [], []);
        }

        var images = characters < ScanMaxCharacters ? Images(page) : [];
        var reason = characters == 0 ? PageFallbackReason.NoTextLayer
            : garbage > MaxGarbageShare * characters ? PageFallbackReason.UnusableTextLayer
            : images.Sum(i => i.Area) >= ScanImageCover * width * height && width * height > 0 ? PageFallbackReason.ScannedImage
            : (PageFallbackReason?)null;
        var imageDpi = images.Count == 0 ? (double?)null : images.MaxBy(i => i.Area).Dpi;
        return reason switch
        {
            null => new ExtractedPage(number, width, height, null, glyphs, other),
            PageFallbackReason.ScannedImage => new ExtractedPage(number, width, height, reason, glyphs, other) { ImageDpi = imageDpi },
            _ => new ExtractedPage(number, width, height, reason, [], []) { ImageDpi = imageDpi },
        };
    }

    /// <summary>The page's images: the area they are drawn over (points²) and their resolution there. No image is decoded.</summary>
    private static List<(double Area, double? Dpi)> Images(Page page)
    {
        try
        {
            return [.. page.GetImages().Select(i =>
            {
                var area = Math.Abs(i.BoundingBox.Width * i.BoundingBox.Height);
                var samples = (double)i.WidthInSamples * i.HeightInSamples;
                double? dpi = area > 0 && samples > 0 ? Math.Sqrt(samples / area) * 72 : null;
                return (area, dpi is { } d && double.IsFinite(d) ? dpi : null);
            })];
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            // An image that cannot even be located does not make the page a scan.
            return [];
        }
    }

    /// <summary>
    /// Whether the page's content leaves no mark: no operator that paints (a path stroked or filled, a shading, an image
    /// or form drawn), whatever else it sets. A page of state changes and unpainted paths is as blank as an empty one.
    /// </summary>
    private static bool Blank(Page page)
    {
        try
        {
            return !page.Operations.Any(o => PaintingOperators.Contains(o.Operator));
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            return false;
        }
    }

    // A damaged MediaBox can give NaN or infinite sizes; nothing downstream can use those.
    private static double Finite(double value) => double.IsFinite(value) ? value : 0;

    private static Glyph ToGlyph(Letter letter)
    {
        var box = letter.BoundingBox;
        var size = letter.PointSize > 0 ? letter.PointSize : Math.Max(box.Height, 1);
        var start = letter.StartBaseLine.X;
        var end = Math.Max(letter.EndBaseLine.X, start);
        return new Glyph(
            letter.Value,
            new BoundingBox(box.Left, box.Bottom, box.Right, box.Top),
            start,
            end,
            letter.StartBaseLine.Y,
            size);
    }
}
