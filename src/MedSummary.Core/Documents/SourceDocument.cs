using MedSummary.Core.Contract;
using MedSummary.Core.Provenance;

namespace MedSummary.Core.Documents;

/// <summary>
/// A document read into one canonical text with a map from every character back to its page (and box).
/// Everything downstream (chunks, extracted values, citations) points into <see cref="Text"/> by offset.
/// </summary>
public sealed class SourceDocument
{
    public SourceDocument(
        string sha256,
        string fileName,
        string mediaType,
        string text,
        TextMap map,
        IReadOnlyList<PageInfo> pages,
        string language,
        IReadOnlyList<string>? removedFurniture = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sha256);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(map);
        if (map.TextLength != text.Length)
        {
            throw new ArgumentException("The text map must cover the canonical text exactly.", nameof(map));
        }

        if (pages.Count != map.PageCount)
        {
            throw new ArgumentException("There must be one page entry per page of the map.", nameof(pages));
        }

        Sha256 = sha256;
        FileName = fileName;
        MediaType = mediaType;
        Text = text;
        Map = map;
        Pages = pages;
        Language = language;
        RemovedFurniture = removedFurniture ?? [];
    }

    /// <summary>The document id: the SHA-256 of the file's bytes, lowercase hex. Same bytes, same id.</summary>
    public string Id => Sha256;

    public string Sha256 { get; }

    /// <summary>The file name as given by the user (no directory), for display only.</summary>
    public string FileName { get; }

    /// <summary>"application/pdf" or "text/plain".</summary>
    public string MediaType { get; }

    /// <summary>The canonical text: reading order, running headers and footers removed, line-end hyphenation repaired.</summary>
    public string Text { get; }

    public TextMap Map { get; }

    public IReadOnlyList<PageInfo> Pages { get; }

    public int PageCount => Pages.Count;

    /// <summary>ISO 639-1 code of the dominant language ("fr", "en"), or "und" when undetermined.</summary>
    public string Language { get; }

    /// <summary>Running header and footer lines detected and kept out of <see cref="Text"/> (distinct lines).</summary>
    public IReadOnlyList<string> RemovedFurniture { get; }

    /// <summary>
    /// What was read only in part (scanned pages left unread, <see cref="Errors.InputErrorCodes.OcrUnavailable"/>): the
    /// document is used, and each warning joins the result's errors so that a reader knows what the form could not see.
    /// </summary>
    public IReadOnlyList<InputError> Warnings { get; init; } = [];

    public string Slice(TextSpan span) => Text.Substring(span.Start, span.Length);
}
