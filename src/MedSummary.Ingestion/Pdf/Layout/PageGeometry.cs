namespace MedSummary.Ingestion.Pdf.Layout;

/// <summary>
/// Groups a page's glyphs into rows, words and segments. Glyphs are sorted once by baseline and once per row by x,
/// so the work is O(n log n) in the number of glyphs.
/// </summary>
internal static class PageGeometry
{
    /// <summary>Gap (in em) above which two glyphs on a baseline belong to different words.</summary>
    private const double WordGapEm = 0.16;

    /// <summary>Gap (in em) above which two words on a baseline belong to different segments.</summary>
    public const double SegmentGapEm = 1.0;

    /// <summary>Baselines closer than this (in em) are the same row.</summary>
    private const double RowToleranceEm = 0.45;

    public static List<LayoutRow> BuildRows(IReadOnlyList<Glyph> glyphs)
    {
        var rows = new List<LayoutRow>();
        if (glyphs.Count == 0)
        {
            return rows;
        }

        // Top to bottom. Sorting parallel key arrays avoids a delegate call per comparison; ties are settled
        // later by the x sort within each row, so the sort need not be stable.
        var order = new int[glyphs.Count];
        var keys = new double[glyphs.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            keys[i] = -glyphs[i].BaselineY;
        }

        Array.Sort(keys, order);

        var rowGlyphs = new List<int>();
        var rowBaseline = glyphs[order[0]].BaselineY;
        var rowSize = glyphs[order[0]].Size;
        foreach (var index in order)
        {
            var g = glyphs[index];
            if (rowGlyphs.Count > 0 && rowBaseline - g.BaselineY > RowToleranceEm * Math.Max(rowSize, g.Size))
            {
                AddRow(glyphs, rowGlyphs, rows);
                rowGlyphs.Clear();
                rowBaseline = g.BaselineY;
                rowSize = g.Size;
            }

            rowGlyphs.Add(index);
        }

        AddRow(glyphs, rowGlyphs, rows);
        return rows;
    }

    private static void AddRow(IReadOnlyList<Glyph> glyphs, List<int> rowGlyphs, List<LayoutRow> rows)
    {
        var xs = new double[rowGlyphs.Count];
        for (var i = 0; i < xs.Length; i++)
        {
            // Drawing order breaks ties between glyphs that start at the same x.
            xs[i] = glyphs[rowGlyphs[i]].StartX + (rowGlyphs[i] * 1e-9);
        }

        var sorted = rowGlyphs.ToArray();
        Array.Sort(xs, sorted);

        var segments = new List<LayoutSegment>();
        var words = new List<LayoutWord>();
        var word = new List<int>();
        var wordEnd = double.NegativeInfinity;
        var segmentLeft = 0.0;
        var segmentRight = double.NegativeInfinity;
        var segmentBaseline = 0.0;
        var segmentSize = 0.0;
        Glyph? previous = null;

        foreach (var index in sorted)
        {
            var g = glyphs[index];
            if (previous is { } p)
            {
                // The same glyph drawn twice at (almost) the same place is a fake-bold effect, not text.
                if (p.Text == g.Text && Math.Abs(p.StartX - g.StartX) < 0.3 && Math.Abs(p.BaselineY - g.BaselineY) < 0.3)
                {
                    continue;
                }

                var em = Math.Max(p.Size, g.Size);
                var gap = g.StartX - wordEnd;
                if (gap > SegmentGapEm * em)
                {
                    FlushWord();
                    FlushSegment();
                }
                else if (gap > WordGapEm * em)
                {
                    FlushWord();
                }
            }

            if (word.Count == 0 && words.Count == 0)
            {
                segmentLeft = Math.Min(g.StartX, g.Box.Left);
                segmentBaseline = g.BaselineY;
                segmentSize = g.Size;
                segmentRight = double.NegativeInfinity;
            }

            word.Add(index);
            wordEnd = Math.Max(wordEnd, Math.Max(g.EndX, g.StartX));
            segmentRight = Math.Max(segmentRight, Math.Max(g.EndX, g.Box.Right));
            segmentSize = Math.Max(segmentSize, g.Size);
            previous = g;
        }

        FlushWord();
        FlushSegment();
        if (segments.Count > 0)
        {
            rows.Add(new LayoutRow(segments));
        }

        void FlushWord()
        {
            if (word.Count > 0)
            {
                words.Add(new LayoutWord([.. word]));
                word.Clear();
            }
        }

        void FlushSegment()
        {
            if (words.Count > 0)
            {
                segments.Add(new LayoutSegment
                {
                    Words = [.. words],
                    Left = segmentLeft,
                    Right = segmentRight,
                    BaselineY = segmentBaseline,
                    Size = segmentSize <= 0 ? 1 : segmentSize,
                });
                words.Clear();
            }
        }
    }
}
