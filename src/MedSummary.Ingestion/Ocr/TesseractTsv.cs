using System.Globalization;
using System.Text;

namespace MedSummary.Ingestion.Ocr;

/// <summary>A word in Tesseract's TSV output: text, confidence (0-100), pixel box (top-left origin) and its line.</summary>
internal readonly record struct TsvWord(string Text, double Confidence, int Left, int Top, int Width, int Height, int Line)
{
    public double CenterX => Left + (Width / 2.0);

    public double CenterY => Top + (Height / 2.0);
}

/// <summary>
/// Reads Tesseract's TSV output (<c>tesseract IMAGE stdout tsv</c>): one row per page, block, paragraph, line and word
/// with its level, place in the hierarchy, pixel box, confidence and text.
/// </summary>
internal static class TesseractTsv
{
    private const int WordLevel = 5;
    private const int Columns = 12;

    /// <summary>The words in Tesseract's order; words of one text line share a line number, counted from 0.</summary>
    public static List<TsvWord> Parse(byte[] tsv) => ParsePages(tsv, 1)[0];

    /// <summary>
    /// The words of each of <paramref name="pages"/> images read by one Tesseract run over a list of images (its TSV
    /// numbers them from 1 in the list's order); line numbers count from 0 within each page.
    /// </summary>
    public static List<TsvWord>[] ParsePages(byte[] tsv, int pages)
    {
        var words = Enumerable.Range(0, pages).Select(_ => new List<TsvWord>()).ToArray();
        var lines = new Dictionary<(int Page, int Block, int Paragraph, int Line), int>();
        var lineCounts = new int[pages];
        var text = Encoding.UTF8.GetString(tsv);
        foreach (var row in text.Split('\n'))
        {
            var cells = row.TrimEnd('\r').Split('\t');
            if (cells.Length < Columns || !Int(cells[0], out var level) || level != WordLevel)
            {
                continue;
            }

            if (!Int(cells[1], out var page) || page < 1 || page > pages
                || !Int(cells[2], out var block) || !Int(cells[3], out var paragraph) || !Int(cells[4], out var line)
                || !Int(cells[6], out var left) || !Int(cells[7], out var top) || !Int(cells[8], out var width) || !Int(cells[9], out var height)
                || !double.TryParse(cells[10], NumberStyles.Float, CultureInfo.InvariantCulture, out var confidence))
            {
                continue;
            }

            // A word's text never holds a tab, but keep whatever follows the eleventh one just in case.
            var word = string.Join('\t', cells[11..]).Trim();
            if (word.Length == 0 || width <= 0 || height <= 0)
            {
                continue;
            }

            var key = (page, block, paragraph, line);
            if (!lines.TryGetValue(key, out var lineNumber))
            {
                lines[key] = lineNumber = lineCounts[page - 1]++;
            }

            words[page - 1].Add(new TsvWord(word, confidence, left, top, width, height, lineNumber));
        }

        return words;
    }

    private static bool Int(string s, out int value) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
}
