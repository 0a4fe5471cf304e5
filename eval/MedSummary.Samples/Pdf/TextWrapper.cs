namespace MedSummary.Samples.Pdf;

/// <summary>A run of same-style words on one line, at <see cref="X"/> points from the line's start.</summary>
internal readonly record struct LineSegment(string Text, FontStyle Style, double X);

/// <summary>One output line: the source range [Start, End) it shows (trailing spaces excluded) and its segments.</summary>
internal sealed record WrappedLine(int Start, int End, IReadOnlyList<LineSegment> Segments, double Width);

/// <summary>
/// Greedy word wrap with real font metrics. Lines break only at spaces (never inside a word, unless the word
/// alone is wider than the line), so every quote survives as the same words with whitespace in between.
/// </summary>
internal static class TextWrapper
{
    public static List<WrappedLine> Wrap(MarkedText text, FontFamily family, FontStyle baseStyle, double size, double width)
    {
        var lines = new List<WrappedLine>();
        var s = text.Text;
        var pos = 0;
        while (true)
        {
            var newline = s.IndexOf('\n', pos);
            var end = newline < 0 ? s.Length : newline;
            WrapHardLine(text, pos, end, family, baseStyle, size, width, lines);
            if (newline < 0)
            {
                break;
            }

            pos = newline + 1;
        }

        return lines;
    }

    private static void WrapHardLine(
        MarkedText text, int from, int to, FontFamily family, FontStyle baseStyle, double size, double width, List<WrappedLine> lines)
    {
        var s = text.Text;
        var words = new List<(int Start, int End, FontStyle Style, double Width)>();
        var i = from;
        while (i < to)
        {
            while (i < to && s[i] == ' ')
            {
                i++;
            }

            if (i >= to)
            {
                break;
            }

            var start = i;
            while (i < to && s[i] != ' ')
            {
                i++;
            }

            var style = baseStyle | text.StyleAt(start);
            words.Add((start, i, style, FontFace.Get(family, style).Measure(s.AsSpan(start, i - start), size)));
        }

        if (words.Count == 0)
        {
            lines.Add(new WrappedLine(from, from, [], 0));
            return;
        }

        var w = 0;
        while (w < words.Count)
        {
            var first = words[w];
            if (first.Width > width)
            {
                SplitLongWord(s, first.Start, first.End, FontFace.Get(family, first.Style), first.Style, size, width, lines);
                w++;
                continue;
            }

            var xs = new List<double> { 0 };
            var lineWidth = first.Width;
            var last = w;
            while (last + 1 < words.Count)
            {
                var next = words[last + 1];
                var gap = (next.Start - words[last].End) * FontFace.Get(family, words[last].Style).Measure(" ", size);
                var candidate = lineWidth + gap + next.Width;
                if (candidate > width)
                {
                    break;
                }

                xs.Add(lineWidth + gap);
                lineWidth = candidate;
                last++;
            }

            var segments = new List<LineSegment>();
            var segStart = w;
            for (var k = w; k <= last; k++)
            {
                if (k == last || words[k + 1].Style != words[segStart].Style)
                {
                    segments.Add(new LineSegment(
                        s[words[segStart].Start..words[k].End],
                        words[segStart].Style,
                        xs[segStart - w]));
                    segStart = k + 1;
                }
            }

            lines.Add(new WrappedLine(words[w].Start, words[last].End, segments, lineWidth));
            w = last + 1;
        }
    }

    private static void SplitLongWord(string s, int start, int end, FontFace face, FontStyle style, double size, double width, List<WrappedLine> lines)
    {
        var pieceStart = start;
        while (pieceStart < end)
        {
            var pieceEnd = pieceStart + 1;
            while (pieceEnd < end && face.Measure(s.AsSpan(pieceStart, pieceEnd + 1 - pieceStart), size) <= width)
            {
                pieceEnd++;
            }

            var text = s[pieceStart..pieceEnd];
            lines.Add(new WrappedLine(pieceStart, pieceEnd, [new LineSegment(text, style, 0)], face.Measure(text, size)));
            pieceStart = pieceEnd;
        }
    }
}
