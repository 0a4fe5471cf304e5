namespace MedSummary.Ingestion.Pdf.Layout;

/// <summary>
/// Puts a page's rows in reading order, finding column layouts so that a column is read top to bottom before the
/// next one, while tables and form rows stay row by row.
/// </summary>
/// <remarks>
/// A column gutter is a vertical band of white space that runs down several consecutive rows: it is started by a gap
/// between two segments of a row, narrowed by each following row that leaves part of it free, and ended by a row that
/// crosses it (a full-width title, a paragraph spanning the page) or by a band of white space across the page. A run of at least <see cref="MinColumnRows"/> rows
/// whose two sides both read like prose (several words per segment, most lines filling their side) is a column
/// layout: its left side is ordered, then its right side, each recursively (three columns are two nested cuts). A run
/// whose sides are short cells (a table, label/value pairs) is not cut: its rows are read left to right, cells
/// separated by a tab. Everything is linear in the number of segments for each level of cut.
/// </remarks>
internal static class ReadingOrder
{
    private const int MinColumnRows = 3;
    private const double MinWordsPerSegment = 3.0;
    private const double MinFilledShare = 0.5;

    /// <summary>A line whose baseline is this many ems below the previous one starts a new paragraph.</summary>
    private const double ParagraphGapEm = 1.75;

    /// <summary>A gap between rows this many ems tall separates layouts: columns do not continue across it.</summary>
    private const double SectionGapEm = 3.5;

    public static List<LayoutLine> Order(List<LayoutRow> rows)
    {
        var lines = new List<LayoutLine>();
        OrderInto(rows, lines, LineBreakKind.Paragraph);
        return lines;
    }

    private static void OrderInto(List<LayoutRow> rows, List<LayoutLine> output, LineBreakKind firstBreak)
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (FindColumns(rows) is not { } cut)
        {
            AppendRows(rows, output, firstBreak);
            return;
        }

        var before = rows.GetRange(0, cut.Start);
        var left = new List<LayoutRow>();
        var right = new List<LayoutRow>();
        for (var i = cut.Start; i < cut.End; i++)
        {
            var l = rows[i].Segments.Where(s => s.Right <= cut.GutterLeft + 0.01).ToList();
            var r = rows[i].Segments.Where(s => s.Left >= cut.GutterRight - 0.01).ToList();
            if (l.Count > 0)
            {
                left.Add(new LayoutRow(l));
            }

            if (r.Count > 0)
            {
                right.Add(new LayoutRow(r));
            }
        }

        var after = rows.GetRange(cut.End, rows.Count - cut.End);
        OrderInto(before, output, firstBreak);
        OrderInto(left, output, output.Count == 0 ? firstBreak : LineBreakKind.Paragraph);
        OrderInto(right, output, output.Count == 0 ? firstBreak : LineBreakKind.Paragraph);
        OrderInto(after, output, output.Count == 0 ? firstBreak : LineBreakKind.Paragraph);
    }

    private static void AppendRows(List<LayoutRow> rows, List<LayoutLine> output, LineBreakKind firstBreak)
    {
        LayoutRow? previous = null;
        foreach (var row in rows)
        {
            var kind = LineBreakKind.Line;
            if (previous is null)
            {
                kind = firstBreak;
            }
            else
            {
                var size = Math.Max(row.Segments.Max(s => s.Size), previous.Segments.Max(s => s.Size));
                if (previous.BaselineY - row.BaselineY > ParagraphGapEm * size)
                {
                    kind = LineBreakKind.Paragraph;
                }
            }

            output.Add(new LayoutLine(row.Segments, kind));
            previous = row;
        }
    }

    private readonly record struct ColumnCut(int Start, int End, double GutterLeft, double GutterRight);

    private sealed class Run(int start, double left, double right)
    {
        public int Start { get; } = start;

        public int End { get; set; } = start + 1;

        public double Left { get; set; } = left;

        public double Right { get; set; } = right;
    }

    private static ColumnCut? FindColumns(List<LayoutRow> rows)
    {
        var active = new List<Run>();
        var closed = new List<Run>();
        for (var i = 0; i < rows.Count; i++)
        {
            var segments = rows[i].Segments;

            // A band of white space across the whole page (a section break) ends any column layout above it.
            if (i > 0 && rows[i - 1].BaselineY - rows[i].BaselineY > SectionGapEm * segments.Max(s => s.Size))
            {
                closed.AddRange(active);
                active.Clear();
            }

            for (var k = active.Count - 1; k >= 0; k--)
            {
                var run = active[k];
                var (left, right) = FreeOverlap(segments, run.Left, run.Right);
                if (right - left >= MinGutter(segments))
                {
                    run.Left = left;
                    run.Right = right;
                    run.End = i + 1;
                }
                else
                {
                    closed.Add(run);
                    active.RemoveAt(k);
                }
            }

            for (var s = 1; s < segments.Count; s++)
            {
                var gapLeft = segments[s - 1].Right;
                var gapRight = segments[s].Left;
                if (gapRight - gapLeft < MinGutter(segments))
                {
                    continue;
                }

                if (!active.Any(r => r.Left < gapRight && gapLeft < r.Right))
                {
                    active.Add(new Run(i, gapLeft, gapRight));
                }
            }
        }

        closed.AddRange(active);
        ColumnCut? best = null;
        var bestRows = 0;
        foreach (var run in closed)
        {
            var count = run.End - run.Start;
            if (count < MinColumnRows || count <= bestRows)
            {
                continue;
            }

            if (IsProseOnBothSides(rows, run))
            {
                // Rows above the first gap that leave the gutter free (a right column starting lower) belong to it.
                var start = run.Start;
                while (start > 0)
                {
                    var (l, r) = FreeOverlap(rows[start - 1].Segments, run.Left, run.Right);
                    if (r - l < MinGutter(rows[start - 1].Segments))
                    {
                        break;
                    }

                    start--;
                }

                best = new ColumnCut(start, run.End, run.Left, run.Right);
                bestRows = count;
            }
        }

        return best;
    }

    private static double MinGutter(List<LayoutSegment> segments) =>
        PageGeometry.SegmentGapEm * segments.Max(s => s.Size) * 0.95;

    /// <summary>The part of [left, right) that this row leaves free (the largest overlap with one of its free intervals).</summary>
    private static (double Left, double Right) FreeOverlap(List<LayoutSegment> segments, double left, double right)
    {
        var bestLeft = 0.0;
        var bestRight = 0.0;
        var freeLeft = double.NegativeInfinity;
        for (var s = 0; s <= segments.Count; s++)
        {
            var freeRight = s < segments.Count ? segments[s].Left : double.PositiveInfinity;
            var l = Math.Max(left, freeLeft);
            var r = Math.Min(right, freeRight);
            if (r - l > bestRight - bestLeft)
            {
                bestLeft = l;
                bestRight = r;
            }

            if (s < segments.Count)
            {
                freeLeft = Math.Max(freeLeft, segments[s].Right);
            }
        }

        return (bestLeft, bestRight);
    }

    private static bool IsProseOnBothSides(List<LayoutRow> rows, Run run)
    {
        var left = new List<LayoutSegment>();
        var right = new List<LayoutSegment>();
        for (var i = run.Start; i < run.End; i++)
        {
            foreach (var segment in rows[i].Segments)
            {
                (segment.Right <= run.Left + 0.01 ? left : right).Add(segment);
            }
        }

        return IsProse(left) && IsProse(right);
    }

    private static bool IsProse(List<LayoutSegment> side)
    {
        if (side.Count < 2)
        {
            return false;
        }

        var words = side.Sum(s => s.Words.Count);
        if (words < MinWordsPerSegment * side.Count)
        {
            return false;
        }

        var sideLeft = side.Min(s => s.Left);
        var sideRight = side.Max(s => s.Right);
        var filled = side.Count(s => s.Width >= 0.6 * (sideRight - sideLeft));
        return filled >= MinFilledShare * side.Count;
    }
}
