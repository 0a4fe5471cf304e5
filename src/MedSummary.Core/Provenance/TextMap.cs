namespace MedSummary.Core.Provenance;

/// <summary>
/// Maps every character of a document's canonical text back to its page and, where the source gave one,
/// its glyph's bounding box. Pages are contiguous ranges of the canonical text, in page order.
/// </summary>
public sealed class TextMap
{
    private readonly int[] _pageStarts;
    private readonly BoundingBox?[]? _boxes;

    /// <param name="textLength">Length of the canonical text.</param>
    /// <param name="pageStarts">Offset where each page begins; index 0 is page 1 and must be 0.</param>
    /// <param name="boxes">Optional per-character boxes (same length as the text); null entries have no box.</param>
    public TextMap(int textLength, IReadOnlyList<int> pageStarts, IReadOnlyList<BoundingBox?>? boxes = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(textLength);
        ArgumentNullException.ThrowIfNull(pageStarts);
        if (pageStarts.Count == 0 || pageStarts[0] != 0)
        {
            throw new ArgumentException("The first page must start at offset 0.", nameof(pageStarts));
        }

        for (var i = 1; i < pageStarts.Count; i++)
        {
            if (pageStarts[i] < pageStarts[i - 1] || pageStarts[i] > textLength)
            {
                throw new ArgumentException("Page starts must be ascending and within the text.", nameof(pageStarts));
            }
        }

        if (boxes is not null && boxes.Count != textLength)
        {
            throw new ArgumentException("There must be one box entry per character.", nameof(boxes));
        }

        TextLength = textLength;
        _pageStarts = [.. pageStarts];
        _boxes = boxes is null ? null : [.. boxes];
    }

    public int TextLength { get; }

    public int PageCount => _pageStarts.Length;

    public bool HasBoxes => _boxes is not null;

    /// <summary>The span of canonical text that belongs to a page (1-based).</summary>
    public TextSpan PageSpan(int page)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(page, PageCount);
        var start = _pageStarts[page - 1];
        var end = page == PageCount ? TextLength : _pageStarts[page];
        return new TextSpan(start, end);
    }

    /// <summary>The 1-based page of the character at <paramref name="offset"/>. An offset equal to the text length maps to the last page.</summary>
    public int PageAt(int offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, TextLength);
        var index = Array.BinarySearch(_pageStarts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }
        else
        {
            // Empty pages share a start offset with the next page: the character belongs to the last of them.
            while (index + 1 < _pageStarts.Length && _pageStarts[index + 1] == offset)
            {
                index++;
            }
        }

        return index + 1;
    }

    /// <summary>True when the whole span lies on one page (an empty span lies on the page of its start).</summary>
    public bool IsOnSinglePage(TextSpan span) =>
        span.IsEmpty || PageAt(span.Start) == PageAt(span.End - 1);

    /// <summary>The box of one character, when known.</summary>
    public BoundingBox? BoxAt(int offset) => _boxes?[offset];

    /// <summary>
    /// The regions a span covers: one per page, each with one box per run of characters on the same visual line
    /// (consecutive glyph boxes that overlap vertically). Characters without a box are skipped.
    /// </summary>
    public IReadOnlyList<PageRegion> RegionsOf(TextSpan span)
    {
        if (span.End > TextLength)
        {
            throw new ArgumentOutOfRangeException(nameof(span), "The span ends past the text.");
        }

        var regions = new List<PageRegion>();
        if (span.IsEmpty)
        {
            return regions;
        }

        var page = PageAt(span.Start);
        var lineBoxes = new List<BoundingBox>();
        BoundingBox? current = null;
        for (var i = span.Start; i < span.End; i++)
        {
            var p = PageAt(i);
            if (p != page)
            {
                Flush();
                regions.Add(new PageRegion(page, lineBoxes));
                lineBoxes = [];
                page = p;
            }

            if (_boxes?[i] is not { } box)
            {
                continue;
            }

            if (current is { } c && VerticallyOverlaps(c, box))
            {
                current = c.Union(box);
            }
            else
            {
                Flush();
                current = box;
            }
        }

        Flush();
        regions.Add(new PageRegion(page, lineBoxes));
        return regions;

        void Flush()
        {
            if (current is { } c)
            {
                lineBoxes.Add(c);
                current = null;
            }
        }
    }

    private static bool VerticallyOverlaps(BoundingBox a, BoundingBox b)
    {
        var overlap = Math.Min(a.Top, b.Top) - Math.Max(a.Bottom, b.Bottom);
        return overlap > 0.5 * Math.Min(a.Height, b.Height);
    }
}
