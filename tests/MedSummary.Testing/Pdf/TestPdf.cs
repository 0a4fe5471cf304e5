using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using UglyToad.PdfPig.Fonts;
using UglyToad.PdfPig.Fonts.AdobeFontMetrics;
using UglyToad.PdfPig.Fonts.Standard14Fonts;

namespace MedSummary.Testing.Pdf;

/// <summary>
/// A minimal PDF writer for tests: Helvetica text runs at exact positions, grayscale images (test scans), page
/// rotation, optionally encrypted.
/// </summary>
/// <remarks>
/// PdfPig 0.1.16's <c>PdfDocumentBuilder</c> cannot write French with its Standard14 fonts: it looks glyphs up through
/// StandardEncoding by Unicode value, so "é" comes out as "Ø" and "à", "ç", "â", "î", "ô", "É", "°" throw. This writer
/// declares Helvetica with /WinAnsiEncoding (cp1252) instead, so every WinAnsi character round-trips, and measures
/// widths with PdfPig's own Helvetica metrics (what PdfPig uses when it reads the file back). It also writes the
/// Standard security handler (RC4, revision 2) so tests can produce encrypted PDFs without external tools.
/// </remarks>
public sealed class TestPdf
{
    /// <summary>A4 portrait in points.</summary>
    public const double A4Width = 595;

    /// <summary>A4 portrait in points.</summary>
    public const double A4Height = 842;

    private static readonly Encoding WinAnsi = CreateWinAnsi();
    private static readonly AdobeFontMetrics Regular = Standard14.GetAdobeFontMetrics(Standard14Font.Helvetica);
    private static readonly AdobeFontMetrics Bold = Standard14.GetAdobeFontMetrics(Standard14Font.HelveticaBold);

    private readonly List<TestPdfPage> _pages = [];

    public IReadOnlyList<TestPdfPage> Pages => _pages;

    public TestPdfPage AddPage(double width = A4Width, double height = A4Height)
    {
        var page = new TestPdfPage(width, height);
        _pages.Add(page);
        return page;
    }

    public TestPdf Page(Action<TestPdfPage> build, double width = A4Width, double height = A4Height)
    {
        ArgumentNullException.ThrowIfNull(build);
        build(AddPage(width, height));
        return this;
    }

    /// <summary>The advance width of a text in Helvetica (or Helvetica-Bold) at a size, in points.</summary>
    public static double Measure(string text, double size, bool bold = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var metrics = bold ? Bold : Regular;
        var total = 0.0;
        foreach (var c in text)
        {
            total += GlyphWidth(metrics, c);
        }

        return total * size / 1000.0;
    }

    /// <summary>Greedy word wrap of a text to lines no wider than <paramref name="maxWidth"/> points.</summary>
    public static IReadOnlyList<string> Wrap(string text, double maxWidth, double size, bool bold = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<string>();
        var current = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && Measure(candidate, size, bold) > maxWidth)
            {
                lines.Add(current.ToString());
                current.Clear().Append(word);
            }
            else
            {
                current.Clear().Append(candidate);
            }
        }

        if (current.Length > 0)
        {
            lines.Add(current.ToString());
        }

        return lines;
    }

    /// <summary>The PDF bytes, unencrypted.</summary>
    public byte[] Build() => Write(null);

    /// <summary>
    /// The PDF bytes encrypted with the Standard security handler (RC4 40-bit, revision 2). An empty user password
    /// gives a file any reader opens (permissions only); a non-empty one needs the password to be read.
    /// </summary>
    public byte[] BuildEncrypted(string userPassword, string ownerPassword = "owner-secret") =>
        Write(new Rc4Security(userPassword, ownerPassword));

    private byte[] Write(Rc4Security? security)
    {
        if (_pages.Count == 0)
        {
            throw new InvalidOperationException("A PDF needs at least one page.");
        }

        using var output = new MemoryStream();
        var offsets = new SortedDictionary<int, long>();
        WriteAscii(output, "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");

        // Object numbers: 1 catalog, 2 pages, 3 Helvetica, 4 Helvetica-Bold, then per page: the page, its contents and
        // its images, then the encryption dictionary.
        var next = 5;
        var layout = _pages.Select(p =>
        {
            var page = next;
            var images = Enumerable.Range(page + 2, p.Images.Count).ToList();
            next += 2 + p.Images.Count;
            return (Page: page, Contents: page + 1, Images: images);
        }).ToList();
        var encryptObject = next;
        var fileId = RandomNumberGenerator.GetBytes(16);
        security?.Prepare(fileId);

        void Obj(int number, string body)
        {
            offsets[number] = output.Position;
            WriteAscii(output, $"{number} 0 obj\n{body}\nendobj\n");
        }

        void StreamObj(int number, string dictionary, byte[] data)
        {
            if (security is not null)
            {
                data = security.EncryptObjectData(number, data);
            }

            offsets[number] = output.Position;
            WriteAscii(output, string.Create(CultureInfo.InvariantCulture, $"{number} 0 obj\n<< {dictionary} /Length {data.Length} >>\nstream\n"));
            output.Write(data);
            WriteAscii(output, "\nendstream\nendobj\n");
        }

        Obj(1, "<< /Type /Catalog /Pages 2 0 R >>");
        Obj(2, $"<< /Type /Pages /Kids [{string.Join(' ', layout.Select(l => $"{l.Page} 0 R"))}] /Count {_pages.Count} >>");
        Obj(3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
        Obj(4, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
        for (var i = 0; i < _pages.Count; i++)
        {
            var page = _pages[i];
            var (pageNumber, contents, images) = layout[i];
            var xobjects = images.Count == 0
                ? ""
                : " /XObject << " + string.Join(' ', images.Select((n, k) => $"/Im{k + 1} {n} 0 R")) + " >>";
            var rotate = page.Rotate == 0 ? "" : $" /Rotate {page.Rotate}";
            Obj(pageNumber, string.Create(CultureInfo.InvariantCulture,
                $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {page.Width:0.###} {page.Height:0.###}]{rotate} " +
                $"/Resources << /Font << /F1 3 0 R /F2 4 0 R >>{xobjects} >> /Contents {contents} 0 R >>"));
            StreamObj(contents, "", page.ContentStream());
            for (var k = 0; k < images.Count; k++)
            {
                var image = page.Images[k].Image;
                StreamObj(images[k], string.Create(CultureInfo.InvariantCulture,
                    $"/Type /XObject /Subtype /Image /Width {image.Width} /Height {image.Height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode"),
                    Deflate(image.Pixels));
            }
        }

        if (security is not null)
        {
            Obj(encryptObject, security.Dictionary());
        }

        var size = security is null ? encryptObject : encryptObject + 1;
        var xref = output.Position;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"xref\n0 {size}\n0000000000 65535 f \n");
        foreach (var offset in offsets.Values)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        var id = Convert.ToHexString(fileId);
        sb.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {size} /Root 1 0 R /ID [<{id}> <{id}>]");
        if (security is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $" /Encrypt {encryptObject} 0 R");
        }

        sb.Append(CultureInfo.InvariantCulture, $" >>\nstartxref\n{xref}\n%%EOF\n");
        WriteAscii(output, sb.ToString());
        return output.ToArray();
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    internal static byte[] EncodeWinAnsi(string text)
    {
        try
        {
            return WinAnsi.GetBytes(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException(
                $"'{text}' has a character outside WinAnsiEncoding (U+{(int)e.CharUnknown:X4}); Standard14 Helvetica cannot show it.",
                nameof(text),
                e);
        }
    }

    private static double GlyphWidth(AdobeFontMetrics metrics, char c)
    {
        var name = GlyphList.AdobeGlyphList.UnicodeCodePointToName(c);
        return name is not null && metrics.CharacterMetrics.TryGetValue(name, out var metric) ? metric.Width.X : 0;
    }

    private static Encoding CreateWinAnsi()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    private static void WriteAscii(Stream stream, string text) => stream.Write(Encoding.Latin1.GetBytes(text));
}
