using MedSummary.Core.Documents;
using MedSummary.Core.Errors;
using MedSummary.Core.Provenance;
using MedSummary.Ingestion.Language;
using MedSummary.Ingestion.Pdf.Layout;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;

namespace MedSummary.Ingestion.Pdf;

/// <summary>
/// Reads a PDF's text layer (PdfPig) into one canonical text in reading order, with running headers and footers
/// removed, line-end hyphenation repaired and every character mapped to its page and glyph box.
/// Pages without a usable text layer go to the <see cref="IPageTextFallback"/> when one is given (OCR), and stay
/// empty otherwise; a document with no text on any page is refused with <see cref="InputErrorCodes.NoText"/>.
/// </summary>
public sealed class PdfDocumentReader : IDocumentReader
{
    public const string MediaType = "application/pdf";

    /// <summary>Share of a page's characters that may be undecodable before its text layer counts as unusable.</summary>
    private const double MaxGarbageShare = 0.5;

    /// <summary>Pages below which one more parallel reader of the same document is not worth opening it again.</summary>
    private const int MinPagesPerWorker = 8;

    private readonly IngestionOptions _options;
    private readonly IPageTextFallback? _fallback;

    public PdfDocumentReader(IngestionOptions? options = null, IPageTextFallback? fallback = null)
    {
        _options = options ?? new IngestionOptions();
        _options.EnsureValid();
        _fallback = fallback;
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

        using var document = Open(file);
        int pageCount;
        try
        {
            pageCount = document.NumberOfPages;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw Corrupt(file, e);
        }

        if (pageCount == 0)
        {
            throw new DocumentRejectedException(InputErrorCodes.CorruptPdf, $"{file.FileName}: the PDF has no pages.");
        }

        if (pageCount > _options.MaxPages)
        {
            throw new DocumentRejectedException(
                InputErrorCodes.TooManyPages,
                $"{file.FileName}: the PDF has {pageCount} pages, more than the limit of {_options.MaxPages}.");
        }

        var extracted = ExtractPages(file, document, pageCount, cancellationToken);
        var pages = new List<PageModel>(pageCount);
        foreach (var page in extracted)
        {
            pages.Add(page.Fallback is { } reason
                ? await FallbackAsync(file, page, reason, cancellationToken).ConfigureAwait(false)
                : page.Model!);
        }

        if (pages.All(p => p.Rows.Count == 0 && p.OtherLines.Count == 0))
        {
            throw new DocumentRejectedException(
                InputErrorCodes.NoText,
                $"{file.FileName}: the PDF has no text layer on any of its {pageCount} page(s) (a scan needs OCR).");
        }

        var furniture = RunningFurniture.Remove(pages);
        var builder = new CanonicalTextBuilder(pages.Sum(p => p.Glyphs.Count));
        for (var i = 0; i < pages.Count; i++)
        {
            builder.AppendPage(pages[i], ReadingOrder.Order(pages[i].Rows), isLast: i == pages.Count - 1);
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
            furniture);
    }

    private static PdfDocument Open(InputFile file)
    {
        try
        {
            return PdfDocument.Open(file.Content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        }
        catch (PdfDocumentEncryptedException e)
        {
            throw new DocumentRejectedException(
                InputErrorCodes.EncryptedPdf, $"{file.FileName}: the PDF is encrypted and needs a password to be read.", e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw Corrupt(file, e);
        }
    }

    private static DocumentRejectedException Corrupt(InputFile file, Exception e, int? page = null) =>
        new(InputErrorCodes.CorruptPdf,
            page is null
                ? $"{file.FileName}: the PDF is damaged or not a valid PDF ({e.GetType().Name})."
                : $"{file.FileName}: page {page} of the PDF is damaged ({e.GetType().Name}).",
            e);

    /// <summary>
    /// Extracts every page's glyphs and rows. PdfPig's parsing is most of the cost of a PDF and a document instance
    /// is not thread-safe, so large documents are split into contiguous page ranges, each read by its own instance
    /// of the document on the same bytes.
    /// </summary>
    private ExtractedPage[] ExtractPages(InputFile file, PdfDocument document, int pageCount, CancellationToken cancellationToken)
    {
        var results = new ExtractedPage[pageCount];
        var workers = Math.Clamp(pageCount / MinPagesPerWorker, 1, _options.MaxPageParallelism);
        if (workers == 1)
        {
            for (var number = 1; number <= pageCount; number++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results[number - 1] = ExtractPage(file, document, number);
            }

            return results;
        }

        var perWorker = (pageCount + workers - 1) / workers;
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, w =>
            {
                var first = (w * perWorker) + 1;
                var last = Math.Min(pageCount, (w + 1) * perWorker);
                using var own = w == 0 ? null : Open(file);
                var instance = own ?? document;
                for (var number = first; number <= last; number++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    results[number - 1] = ExtractPage(file, instance, number);
                }
            });
        }
        catch (AggregateException e)
        {
            // A rejection from any worker is the document's; anything else is a damaged file.
            var inner = e.Flatten().InnerExceptions;
            throw inner.OfType<DocumentRejectedException>().FirstOrDefault()
                ?? inner.OfType<OperationCanceledException>().FirstOrDefault()
                ?? (Exception)Corrupt(file, inner[0]);
        }

        return results;
    }

    private static ExtractedPage ExtractPage(InputFile file, PdfDocument document, int number)
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
            throw new DocumentRejectedException(
                InputErrorCodes.EncryptedPdf, $"{file.FileName}: the PDF is encrypted and needs a password to be read.", e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw Corrupt(file, e, number);
        }

        var glyphs = new List<Glyph>(letters.Count);
        var other = new List<List<Glyph>>();
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

        var reason = characters == 0 ? PageFallbackReason.NoTextLayer
            : garbage > MaxGarbageShare * characters ? PageFallbackReason.UnusableTextLayer
            : (PageFallbackReason?)null;
        if (reason is { } r)
        {
            return new ExtractedPage(number, page.Width, page.Height, null, r);
        }

        var model = new PageModel(number, page.Width, page.Height, glyphs, PageGeometry.BuildRows(glyphs), PageTextSource.TextLayer)
        {
            OtherLines = other,
        };
        return new ExtractedPage(number, page.Width, page.Height, model, null);
    }

    private async Task<PageModel> FallbackAsync(InputFile file, ExtractedPage page, PageFallbackReason reason, CancellationToken cancellationToken)
    {
        if (_fallback is not null)
        {
            var request = new PageFallbackRequest(file.FileName, file.Content, page.Number, page.Width, page.Height, reason);
            var recovered = await _fallback.ReadPageAsync(request, cancellationToken).ConfigureAwait(false);
            if (recovered is { Words.Count: > 0 })
            {
                var glyphs = recovered.Words.SelectMany(ToGlyphs).ToList();
                return new PageModel(page.Number, page.Width, page.Height, glyphs, PageGeometry.BuildRows(glyphs), PageTextSource.Ocr);
            }
        }

        return new PageModel(page.Number, page.Width, page.Height, [], [], PageTextSource.None);
    }

    /// <summary>A page as extracted: its model when the text layer is usable, else why it needs the fallback.</summary>
    private sealed record ExtractedPage(int Number, double Width, double Height, PageModel? Model, PageFallbackReason? Fallback);

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

    /// <summary>A recognised word becomes one glyph per character, sharing the word's width evenly.</summary>
    private static IEnumerable<Glyph> ToGlyphs(FallbackWord word)
    {
        var text = word.Text.Trim();
        if (text.Length == 0)
        {
            yield break;
        }

        var box = word.Box;
        var step = box.Width / text.Length;
        var size = Math.Max(box.Height, 1);
        var baseline = box.Bottom + (0.2 * box.Height);
        for (var i = 0; i < text.Length; i++)
        {
            var left = box.Left + (i * step);
            yield return new Glyph(
                text[i].ToString(),
                new BoundingBox(left, box.Bottom, left + step, box.Top),
                left,
                left + step,
                baseline,
                size);
        }
    }
}
