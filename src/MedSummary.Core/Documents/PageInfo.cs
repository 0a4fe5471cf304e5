using MedSummary.Core.Provenance;

namespace MedSummary.Core.Documents;

/// <summary>How the text of a page was obtained.</summary>
public enum PageTextSource
{
    /// <summary>The PDF's own text layer.</summary>
    TextLayer,

    /// <summary>Optical character recognition of the rendered page.</summary>
    Ocr,

    /// <summary>A plain-text input file (one page).</summary>
    PlainText,

    /// <summary>No usable text was found on the page.</summary>
    None,
}

/// <summary>One page of a document: its number (1-based), its span of canonical text and its size in points.</summary>
public sealed record PageInfo(int Number, TextSpan Span, double Width, double Height, PageTextSource Source);
