using MedSummary.Core.Provenance;

namespace MedSummary.Ingestion.Pdf;

/// <summary>
/// Supplies the text of a PDF page whose text layer is missing or unusable (a scan, a broken font encoding):
/// the seam where OCR plugs in. The PDF reader calls it once per such page; without one, those pages stay empty.
/// </summary>
public interface IPageTextFallback
{
    /// <summary>The words of the page with their boxes, or null when this fallback cannot read it.</summary>
    Task<FallbackPageText?> ReadPageAsync(PageFallbackRequest request, CancellationToken cancellationToken);
}

/// <summary>Why the text layer of a page was not used.</summary>
public enum PageFallbackReason
{
    /// <summary>The page draws no text at all.</summary>
    NoTextLayer,

    /// <summary>The page draws text that does not decode to readable characters.</summary>
    UnusableTextLayer,
}

/// <summary>A page to read: the whole PDF (to render the page from), its 1-based number and size in points.</summary>
public sealed record PageFallbackRequest(
    string FileName,
    ReadOnlyMemory<byte> Pdf,
    int PageNumber,
    double Width,
    double Height,
    PageFallbackReason Reason);

/// <summary>
/// Text recovered for a page: words with their boxes in PDF points (origin bottom-left, like PdfPig), in any order;
/// the reader lays them out like a text layer (lines, columns, furniture, hyphenation).
/// </summary>
public sealed record FallbackPageText(IReadOnlyList<FallbackWord> Words);

/// <summary>One recognised word and where it is on the page.</summary>
public sealed record FallbackWord(string Text, BoundingBox Box);
