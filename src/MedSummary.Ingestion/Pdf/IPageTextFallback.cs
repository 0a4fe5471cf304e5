using MedSummary.Core.Provenance;

namespace MedSummary.Ingestion.Pdf;

/// <summary>
/// Supplies the text of PDF pages whose text layer is missing or unusable (a scan, a broken font encoding), or that are
/// mostly an image under a few words (a fax header over a scan): the seam where OCR plugs in. The PDF reader calls it
/// once per document with all such pages; without one, they keep what text they have.
/// </summary>
public interface IPageTextFallback
{
    /// <summary>
    /// The words of each requested page, in the order of <see cref="PageFallbackDocument.Pages"/>; an entry is null
    /// when this fallback could not read that page (the page then stays empty). The implementation decides how many
    /// pages it reads at once.
    /// </summary>
    Task<IReadOnlyList<FallbackPageText?>> ReadPagesAsync(PageFallbackDocument document, CancellationToken cancellationToken);

    /// <summary>
    /// Why this fallback cannot read any page here (its tools are missing), in one line naming what to install; null
    /// when it can, or when it was switched off on purpose. The reader then reports the pages it left unread.
    /// </summary>
    string? Unavailable => null;
}

/// <summary>A PDF (its name for messages and its bytes, to render pages from) and the pages it needs read.</summary>
public sealed record PageFallbackDocument(string FileName, ReadOnlyMemory<byte> Pdf, IReadOnlyList<PageFallbackRequest> Pages);

/// <summary>
/// A page to read: its 1-based number and its size in points as displayed (after /Rotate and the crop box, the frame
/// PdfPig reports text-layer glyphs in), and why its text layer was not used.
/// </summary>
public sealed record PageFallbackRequest(int PageNumber, double Width, double Height, PageFallbackReason Reason)
{
    /// <summary>The resolution its largest image is drawn at (a scan's own resolution), when the page has images.</summary>
    public double? ImageDpi { get; init; }
}

/// <summary>
/// Text recovered for a page: words with their boxes in the page's displayed frame (points, origin bottom-left, the
/// frame of text-layer glyphs), in any order; the reader lays them out like a text layer (lines, columns, furniture,
/// hyphenation).
/// </summary>
/// <param name="Words">The recognised words.</param>
/// <param name="TextRotation">
/// How the text runs on the page, in degrees clockwise: 0 for upright text, 90 when it reads top to bottom (a page
/// scanned sideways), 180 upside down, 270 bottom to top. The reader lays words out in the text's own upright frame
/// while their boxes stay in the page's frame.
/// </param>
public sealed record FallbackPageText(IReadOnlyList<FallbackWord> Words, int TextRotation = 0);

/// <summary>One recognised word and where it is on the page.</summary>
/// <param name="Text">The word as recognised.</param>
/// <param name="Box">Its box in the page's displayed frame (points, origin bottom-left).</param>
/// <param name="Line">
/// Words with the same non-negative number were recognised as one line of text: they share a baseline in the layout
/// however their ink differs ("pour" and "ans" have no ascender). -1 when unknown: each word then stands on its own box.
/// </param>
public sealed record FallbackWord(string Text, BoundingBox Box, int Line = -1);
