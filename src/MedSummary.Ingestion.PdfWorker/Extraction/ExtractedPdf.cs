using MedSummary.Ingestion.Pdf.Layout;

namespace MedSummary.Ingestion.Pdf;

/// <summary>Why the text layer of a page was not used.</summary>
public enum PageFallbackReason
{
    /// <summary>The page draws no text at all.</summary>
    NoTextLayer = 1,

    /// <summary>The page draws text that does not decode to readable characters.</summary>
    UnusableTextLayer = 2,

    /// <summary>
    /// The page is mostly an image with a few words of text over it: a scan under a fax header or a scanner's stamp.
    /// Its text layer is kept when the fallback reads nothing.
    /// </summary>
    ScannedImage = 3,
}

/// <summary>What PDF parsing may take on: the page limit and how many threads may parse one document's pages.</summary>
public sealed record PdfExtractionLimits(int MaxPages, int PageParallelism);

/// <summary>The pages of a PDF as parsed, before layout: what the isolated worker sends back.</summary>
public sealed record ExtractedPdf(IReadOnlyList<ExtractedPage> Pages);

/// <summary>
/// One page as parsed: its size in points (as displayed: PdfPig applies /Rotate and the crop box), its horizontal
/// glyphs and its lines of rotated glyphs when the text layer is usable, and why it needs the fallback (OCR) when it
/// does (a page that is mostly an image keeps its few glyphs as well).
/// </summary>
public sealed record ExtractedPage(
    int Number,
    double Width,
    double Height,
    PageFallbackReason? Fallback,
    IReadOnlyList<Glyph> Glyphs,
    IReadOnlyList<IReadOnlyList<Glyph>> OtherLines)
{
    /// <summary>
    /// For a page that needs the fallback: the resolution (dots per inch) at which its largest image is drawn, that is
    /// the scan's own resolution; null when the page has no image. Rendering above it adds no detail.
    /// </summary>
    public double? ImageDpi { get; init; }
}
