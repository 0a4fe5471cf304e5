using System.Text;
using UglyToad.PdfPig;

namespace MedSummary.Samples.Pdf;

/// <summary>
/// Reads a PDF's text back with PdfPig, page by page, in content-stream order: a new line where the baseline
/// changes, a space where letters on one line are visibly apart (table cells, spaces the writer drew).
/// Used to verify generated files, not as MedSummary's ingestion.
/// </summary>
public static class PdfTextReader
{
    public static IReadOnlyList<string> ReadPages(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        using var document = PdfDocument.Open(pdf);
        var pages = new List<string>(document.NumberOfPages);
        foreach (var page in document.GetPages())
        {
            var text = new StringBuilder();
            UglyToad.PdfPig.Content.Letter? previous = null;
            foreach (var letter in page.Letters)
            {
                if (previous is not null)
                {
                    if (Math.Abs(letter.StartBaseLine.Y - previous.StartBaseLine.Y) > 1
                        || letter.StartBaseLine.X < previous.StartBaseLine.X - 1)
                    {
                        text.Append('\n');
                    }
                    else if (letter.StartBaseLine.X - previous.EndBaseLine.X > 0.2 * letter.PointSize
                        && text.Length > 0 && text[^1] != ' ' && letter.Value != " ")
                    {
                        text.Append(' ');
                    }
                }

                text.Append(letter.Value);
                previous = letter;
            }

            pages.Add(text.ToString());
        }

        return pages;
    }
}
