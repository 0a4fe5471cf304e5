using MedSummary.Core.Provenance;

namespace MedSummary.Ingestion.Pdf.Layout;

/// <summary>
/// Turns recognised words (OCR) into glyphs the layout can work with, in the text's upright frame: one glyph per
/// character sharing its word's width evenly, and one baseline and size per recognised line.
/// </summary>
internal static class FallbackGlyphs
{
    /// <summary>Where the baseline sits in a line's box, from its bottom: below it hang only descenders.</summary>
    private const double BaselineShare = 0.2;

    /// <summary>
    /// The least gap (in em) kept between two words the recogniser separated: above the layout's word gap, so that
    /// words whose boxes touch or overlap (ink of italics, a box a little too wide) stay two words, in their order.
    /// </summary>
    private const double MinWordGapEm = 0.3;

    public static (List<Glyph> Glyphs, TextFrame Frame) From(FallbackPageText page, double width, double height)
    {
        var frame = new TextFrame(TextFrame.NormalizeRotation(page.TextRotation), width, height);
        var words = page.Words
            .Select(w => (Text: w.Text.Trim(), Box: frame.ToUpright(w.Box), w.Line))
            .Where(w => w.Text.Length > 0 && IsUsable(w.Box))
            .ToList();

        // One band per recognised line, so that a word without ascenders ("ans") stands on the same baseline as its
        // neighbours and table cells recognised as one line stay one row.
        var lines = new Dictionary<int, (double Bottom, double Top)>();
        foreach (var (_, box, line) in words)
        {
            if (line >= 0)
            {
                lines[line] = lines.TryGetValue(line, out var band)
                    ? (Math.Min(band.Bottom, box.Bottom), Math.Max(band.Top, box.Top))
                    : (box.Bottom, box.Top);
            }
        }

        var glyphs = new List<Glyph>(words.Sum(w => w.Text.Length));
        for (var k = 0; k < words.Count; k++)
        {
            var (text, box, line) = words[k];
            var (bottom, top) = line >= 0 ? lines[line] : (box.Bottom, box.Top);
            var lineHeight = Math.Max(top - bottom, 1);

            // Ink from ascender to descender spans about one em: the line's height stands for its font size.
            var size = lineHeight;
            var baseline = bottom + (BaselineShare * lineHeight);

            // The recogniser gives a line's words in reading order: the layout must not interleave or join them, so
            // a word's layout extent (not its box) ends a little before the next word of its line starts.
            var layoutRight = box.Right;
            if (line >= 0 && k + 1 < words.Count && words[k + 1].Line == line && words[k + 1].Box.Left >= box.Left)
            {
                var limit = words[k + 1].Box.Left - (MinWordGapEm * size);
                layoutRight = Math.Max(Math.Min(box.Right, limit), box.Left + (0.3 * box.Width));
            }

            var step = box.Width / text.Length;
            var layoutStep = (layoutRight - box.Left) / text.Length;
            for (var i = 0; i < text.Length; i++)
            {
                var left = box.Left + (i * step);
                var layoutLeft = box.Left + (i * layoutStep);
                glyphs.Add(new Glyph(
                    text[i].ToString(),
                    new BoundingBox(left, box.Bottom, left + step, box.Top),
                    layoutLeft,
                    layoutLeft + layoutStep,
                    baseline,
                    size));
            }
        }

        return (glyphs, frame);
    }

    private static bool IsUsable(BoundingBox box) =>
        double.IsFinite(box.Left) && double.IsFinite(box.Bottom) && double.IsFinite(box.Right) && double.IsFinite(box.Top)
        && box.Right >= box.Left && box.Top >= box.Bottom;
}
