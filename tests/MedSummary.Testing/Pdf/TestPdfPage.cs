using System.Globalization;
using System.Text;
using MedSummary.Testing.Imaging;

namespace MedSummary.Testing.Pdf;

/// <summary>One text run as written: its baseline start, size, weight and text.</summary>
public sealed record TestPdfRun(double X, double Y, double Size, bool Bold, string Text)
{
    /// <summary>Advance width in points.</summary>
    public double Width => TestPdf.Measure(Text, Size, Bold);
}

/// <summary>An image drawn on a page: the image and the rectangle it fills, in points.</summary>
public sealed record TestPdfImage(GrayImage Image, double X, double Y, double Width, double Height);

/// <summary>A page of a <see cref="TestPdf"/>: text runs at exact baseline positions (PDF points, origin bottom-left).</summary>
public sealed class TestPdfPage
{
    private readonly List<TestPdfRun> _runs = [];
    private readonly List<(double X, double Y, double W, double H)> _rectangles = [];
    private readonly List<TestPdfImage> _images = [];

    internal TestPdfPage(double width, double height)
    {
        Width = width;
        Height = height;
    }

    public double Width { get; }

    public double Height { get; }

    public IReadOnlyList<TestPdfRun> Runs => _runs;

    public IReadOnlyList<TestPdfImage> Images => _images;

    /// <summary>The page's /Rotate: how a viewer turns it clockwise for display (0, 90, 180 or 270).</summary>
    public int Rotate { get; private set; }

    /// <summary>Sets the page's /Rotate entry.</summary>
    public TestPdfPage Rotated(int degrees)
    {
        if (degrees is not (0 or 90 or 180 or 270))
        {
            throw new ArgumentOutOfRangeException(nameof(degrees), "A page turns by 0, 90, 180 or 270 degrees.");
        }

        Rotate = degrees;
        return this;
    }

    /// <summary>Draws a grayscale image (Flate-compressed, 8 bits per pixel) over a rectangle: how a scanner's PDF holds a page.</summary>
    public TestPdfPage Image(GrayImage image, double x, double y, double width, double height)
    {
        ArgumentNullException.ThrowIfNull(image);
        _images.Add(new TestPdfImage(image, x, y, width, height));
        return this;
    }

    /// <summary>Writes <paramref name="text"/> with its baseline starting at (x, y).</summary>
    public TestPdfPage Text(double x, double y, string text, double size = 11, bool bold = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        _ = TestPdf.EncodeWinAnsi(text);
        _runs.Add(new TestPdfRun(x, y, size, bold, text));
        return this;
    }

    /// <summary>Writes lines downwards from baseline <paramref name="top"/>, one every <paramref name="leading"/> points.</summary>
    public TestPdfPage Lines(double x, double top, IEnumerable<string> lines, double size = 11, double leading = 14, bool bold = false)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var y = top;
        foreach (var line in lines)
        {
            Text(x, y, line, size, bold);
            y -= leading;
        }

        return this;
    }

    /// <summary>Text right-aligned so that it ends at <paramref name="right"/>.</summary>
    public TestPdfPage TextRightAligned(double right, double y, string text, double size = 11, bool bold = false) =>
        Text(right - TestPdf.Measure(text, size, bold), y, text, size, bold);

    /// <summary>A filled rectangle: a page with only graphics has no text layer.</summary>
    public TestPdfPage Rectangle(double x, double y, double width, double height)
    {
        _rectangles.Add((x, y, width, height));
        return this;
    }

    internal byte[] ContentStream()
    {
        using var stream = new MemoryStream();
        foreach (var (x, y, w, h) in _rectangles)
        {
            Ascii(stream, string.Create(CultureInfo.InvariantCulture, $"0.5 g {x:0.###} {y:0.###} {w:0.###} {h:0.###} re f\n"));
        }

        for (var i = 0; i < _images.Count; i++)
        {
            var image = _images[i];
            Ascii(stream, string.Create(CultureInfo.InvariantCulture,
                $"q {image.Width:0.###} 0 0 {image.Height:0.###} {image.X:0.###} {image.Y:0.###} cm /Im{i + 1} Do Q\n"));
        }

        foreach (var run in _runs)
        {
            Ascii(stream, string.Create(CultureInfo.InvariantCulture,
                $"BT /{(run.Bold ? "F2" : "F1")} {run.Size:0.###} Tf 1 0 0 1 {run.X:0.###} {run.Y:0.###} Tm ("));
            foreach (var b in TestPdf.EncodeWinAnsi(run.Text))
            {
                // Octal escapes keep the content stream ASCII; parentheses and backslash must be escaped anyway.
                if (b is (byte)'(' or (byte)')' or (byte)'\\' || b >= 0x80 || b < 0x20)
                {
                    Ascii(stream, "\\" + Convert.ToString(b, 8).PadLeft(3, '0'));
                }
                else
                {
                    stream.WriteByte(b);
                }
            }

            Ascii(stream, ") Tj ET\n");
        }

        return stream.ToArray();
    }

    private static void Ascii(Stream stream, string text) => stream.Write(Encoding.ASCII.GetBytes(text));
}
