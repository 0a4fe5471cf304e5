using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;
using MedSummary.Testing.Pdf;

namespace MedSummary.Ingestion.Tests.Ocr;

/// <summary>
/// Pathology report pages written as text PDFs (the originals that tests scan), and a small reader of the values a
/// clinician would extract from them: the table's marker rows, the pT category and the date, each with its span.
/// </summary>
internal static partial class ReportPages
{
    public static readonly (string Marker, string Result, string Score)[] FrenchRows =
        [("RE", "positif", "90 %"), ("RP", "positif", "40 %"), ("HER2", "négatif", "1+"), ("Ki-67", "élevé", "25 %")];

    public static readonly (string Marker, string Result, string Score)[] EnglishRows =
        [("ER", "positive", "90 %"), ("PR", "positive", "40 %"), ("HER2", "negative", "1+"), ("Ki-67", "high", "25 %")];

    public static void French(TestPdfPage page) => Write(page,
        "COMPTE RENDU ANATOMOPATHOLOGIQUE",
        "Patiente de 58 ans. Tumorectomie du sein gauche le 14 mars 2024. La pièce montre un carcinome canalaire "
        + "infiltrant de 22 mm. Classification pTNM : pT2a pN1a. Les marges sont saines.",
        "Immunohistochimie :",
        FrenchRows);

    public static void English(TestPdfPage page) => Write(page,
        "PATHOLOGY REPORT",
        "The patient is a 61 year old woman. Lumpectomy of the right breast on 14 March 2024. The specimen shows an "
        + "invasive ductal carcinoma of 22 mm. Pathological staging: pT2a pN1a. The margins are clear.",
        "Immunohistochemistry:",
        EnglishRows);

    public static void Letter(TestPdfPage page) => page
        .Text(72, 770, "Centre de cancérologie", 14, bold: true)
        .Lines(72, 740, TestPdf.Wrap(
            "Cher confrère, je vous adresse cette patiente pour avis en réunion de concertation. Vous trouverez "
            + "ci-joint le compte rendu anatomopathologique reçu par télécopie.", 450, 12), 12, 16);

    private static void Write(TestPdfPage page, string title, string body, string tableTitle, (string, string, string)[] rows)
    {
        page.Text(72, 770, title, 14, bold: true);
        var lines = TestPdf.Wrap(body, 450, 12);
        page.Lines(72, 740, lines, 12, 16);
        var y = 740 - (16 * lines.Count) - 14;
        page.Text(72, y, tableTitle, 12, bold: true);
        y -= 22;
        foreach (var (marker, result, score) in rows)
        {
            page.Text(90, y, marker, 12).Text(220, y, result, 12).Text(350, y, score, 12);
            y -= 18;
        }
    }

    /// <summary>A value read from a page and where it is in the document's text.</summary>
    public sealed record Field(string Name, string Value, TextSpan Span);

    /// <summary>
    /// The values on one page of a document: each table row (marker → result and score), the pT category and the
    /// date, found the same way in a text-layer page and in an OCR'd one.
    /// </summary>
    public static Dictionary<string, Field> Fields(SourceDocument document, int page)
    {
        var span = document.Map.PageSpan(page);
        var text = document.Text;
        var fields = new Dictionary<string, Field>(StringComparer.Ordinal);
        foreach (Match m in Row().Matches(text[span.Start..span.End]))
        {
            var start = span.Start + m.Index;
            fields[m.Groups["marker"].Value] = new Field(m.Groups["marker"].Value, Value(m.Groups["result"].Value, m.Groups["score"].Value),
                new TextSpan(start, start + m.Length));
        }

        foreach (var (name, pattern) in new[] { ("pT", Pt()), ("date", Date()) })
        {
            var m = pattern.Match(text, span.Start, span.Length);
            if (m.Success)
            {
                fields[name] = new Field(name, Spaces().Replace(m.Value, " "), new TextSpan(m.Index, m.Index + m.Length));
            }
        }

        return fields;
    }

    /// <summary>
    /// A table line as its values: the cells between tabs, each a value as an extractor would compare it (see
    /// <see cref="Value"/>), the marker exactly; a line without tabs is one cell.
    /// </summary>
    public static string Cells(string line)
    {
        var cells = line.Split('\t');
        return string.Join('|', cells.Select((c, i) => i == 0 ? c.Trim() : Value(c, "")));
    }

    /// <summary>
    /// A result and score as an extractor compares them: case and accents aside ("négatif", "negatif"), white space
    /// aside ("40 %", "40%": OCR often drops the narrow space), every letter, digit and sign kept.
    /// </summary>
    public static string Value(string result, string score)
    {
        static string Fold(string s) => string.Concat(s.Normalize(NormalizationForm.FormD)
            .Where(c => !char.IsWhiteSpace(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark))
            .ToLowerInvariant();
        return score.Length == 0 ? Fold(result) : $"{Fold(result)} {Fold(score)}";
    }

    /// <summary>The smallest box around every glyph box of a span.</summary>
    public static BoundingBox BoxOf(SourceDocument document, TextSpan span)
    {
        var boxes = document.Map.RegionsOf(span).SelectMany(r => r.Boxes).ToList();
        return boxes.Count == 0 ? throw new InvalidOperationException("The span has no box.") : boxes.Aggregate((a, b) => a.Union(b));
    }

    /// <summary>
    /// Where a box of an upright portrait page (<paramref name="width"/> x <paramref name="height"/>) lands once the
    /// page is turned clockwise by <paramref name="degrees"/> (a sideways scan, or a viewer applying /Rotate).
    /// </summary>
    public static BoundingBox Turned(BoundingBox box, int degrees, double width, double height)
    {
        (double X, double Y) Point(double x, double y) => degrees switch
        {
            // Clockwise a quarter: the left edge becomes the top edge.
            90 => (y, width - x),
            180 => (width - x, height - y),
            270 => (height - y, x),
            _ => (x, y),
        };

        var a = Point(box.Left, box.Bottom);
        var b = Point(box.Right, box.Top);
        return new BoundingBox(Math.Min(a.X, b.X), Math.Min(a.Y, b.Y), Math.Max(a.X, b.X), Math.Max(a.Y, b.Y));
    }

    [GeneratedRegex(@"^(?<marker>RE|RP|ER|PR|HER2|Ki-67)\t(?<result>\S+)\t(?<score>[^\n]+)$", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex(@"pT\d[a-d]?")]
    private static partial Regex Pt();

    [GeneratedRegex(@"\b\d{1,2}\s(?:mars|March)\s\d{4}\b")]
    private static partial Regex Date();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
