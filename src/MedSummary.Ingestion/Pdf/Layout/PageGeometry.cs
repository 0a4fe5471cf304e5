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

        // Top to bottom. Glyphs of one line nearly always share the exact same baseline value, so grouping by it
        // and sorting the few distinct baselines costs far less than sorting every glyph; drawing order is kept
        // within a group, and the x sort within each row settles the rest.
        var byBaseline = new Dictionary<double, List<int>>();
        for (var i = 0; i < glyphs.Count; i++)
        {
            var y = glyphs[i].BaselineY;
            if (!byBaseline.TryGetValue(y, out var group))
            {
                byBaseline[y] = group = [];
            }

            group.Add(i);
        }

        var baselines = byBaseline.Keys.ToArray();
        Array.Sort(baselines);
        var order = new List<int>(glyphs.Count);
        for (var b = baselines.Length - 1; b >= 0; b--)
        {
            order.AddRange(byBaseline[baselines[b]]);
        }

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
        var sorted = rowGlyphs.ToArray();
        var inOrder = true;
        for (var i = 1; i < sorted.Length && inOrder; i++)
        {
            inOrder = glyphs[sorted[i - 1]].StartX <= glyphs[sorted[i]].StartX;
        }

        if (!inOrder)
        {
            var xs = new double[sorted.Length];
            for (var i = 0; i < xs.Length; i++)
            {
                // Drawing order breaks ties between glyphs that start at the same x.
                xs[i] = glyphs[sorted[i]].StartX + (sorted[i] * 1e-9);
            }

            Array.Sort(xs, sorted);
        }

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
