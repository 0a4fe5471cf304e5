using UglyToad.PdfPig;

namespace MedSummary.Samples.Tests;

/// <summary>
/// Looks at where PdfPig finds the letters of a PDF: baselines that hold text on both sides of the page's middle
/// with nothing across it (the signature of newspaper columns), and whether the right column's letters come
/// after the left column's in the content stream (the reading order a column-aware reader recovers).
/// </summary>
internal static class ColumnProbe
{
    public sealed record Result(int SharedBaselines, bool RightColumnStartsAfterLeftEnds);

    public static Result Analyse(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var shared = 0;
        var ordered = true;
        foreach (var page in document.GetPages())
        {
            // Text area between the running header and footer; the middle of the text frame is the gutter.
            var letters = page.Letters
                .Select((l, i) => (Letter: l, Index: i))
                .Where(x => x.Letter.StartBaseLine.Y is > 75 and < 770 && x.Letter.Value != " ")
                .ToList();
            const double middle = 300.5;
            var rows = letters.GroupBy(x => Math.Round(x.Letter.StartBaseLine.Y, 1)).ToList();
            var crossing = rows.Where(g => g.Any(x => x.Letter.StartBaseLine.X < middle + 5 && x.Letter.EndBaseLine.X > middle - 5)).Select(g => g.Key).ToHashSet();
            var left = rows.Where(g => !crossing.Contains(g.Key) && g.Any(x => x.Letter.EndBaseLine.X < middle - 5)).ToList();
            var right = rows.Where(g => !crossing.Contains(g.Key) && g.Any(x => x.Letter.StartBaseLine.X > middle + 5)).ToList();

            // Columns keep their own line spacing, so side-by-side lines need not share a baseline exactly.
            var sharedLines = right.Where(r => left.Any(l => Math.Abs(l.Key - r.Key) < 9)).ToList();
            shared += sharedLines.Count;
            if (sharedLines.Count >= 3)
            {
                var (top, bottom) = (sharedLines.Max(r => r.Key) + 9, sharedLines.Min(r => r.Key) - 9);
                var lastLeft = left.Where(g => g.Key < top && g.Key > bottom).SelectMany(g => g).Where(x => x.Letter.EndBaseLine.X < middle).Max(x => x.Index);
                var firstRight = sharedLines.SelectMany(g => g).Where(x => x.Letter.StartBaseLine.X > middle).Min(x => x.Index);
                ordered &= firstRight > lastLeft;
            }
        }

        return new Result(shared, ordered);
    }
}
