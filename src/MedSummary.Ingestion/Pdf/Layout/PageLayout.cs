namespace MedSummary.Ingestion.Pdf.Layout;

/// <summary>A word: consecutive glyphs on one baseline without a visible gap (indices into the page's glyphs).</summary>
internal sealed class LayoutWord(int[] glyphs)
{
    public int[] Glyphs { get; } = glyphs;
}

/// <summary>
/// A run of words on one visual line that sit close together; a gap wider than about one em (a column gutter,
/// a table cell boundary, a tab stop) starts a new segment on the same row.
/// </summary>
internal sealed class LayoutSegment
{
    public required List<LayoutWord> Words { get; init; }

    public double Left { get; init; }

    public double Right { get; init; }

    public double BaselineY { get; init; }

    public double Size { get; init; }

    /// <summary>Top and bottom of the line band (from baseline and size, not glyph shapes, so every letter agrees).</summary>
    public double Top => BaselineY + (0.8 * Size);

    public double Bottom => BaselineY - (0.25 * Size);

    public double Width => Right - Left;

    public bool IsFurniture { get; set; }
}

/// <summary>Segments whose baselines agree, left to right: one visual row across the whole page.</summary>
internal sealed class LayoutRow(List<LayoutSegment> segments)
{
    public List<LayoutSegment> Segments { get; } = segments;

    public double BaselineY => Segments[0].BaselineY;

    public double Top => Segments.Max(s => s.Top);

    public double Bottom => Segments.Min(s => s.Bottom);
}

/// <summary>A line of output in reading order: one or more segments, and how it is separated from the line before.</summary>
internal sealed record LayoutLine(IReadOnlyList<LayoutSegment> Segments, LineBreakKind BreakBefore);

internal enum LineBreakKind
{
    /// <summary>The next line of the same block: one newline.</summary>
    Line,

    /// <summary>A new paragraph, column or block: a blank line.</summary>
    Paragraph,
}
