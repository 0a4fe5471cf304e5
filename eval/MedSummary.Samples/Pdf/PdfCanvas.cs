using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Graphics;
using UglyToad.PdfPig.Graphics.Operations;
using UglyToad.PdfPig.Graphics.Operations.TextObjects;
using UglyToad.PdfPig.Graphics.Operations.TextPositioning;
using UglyToad.PdfPig.Graphics.Operations.TextState;
using UglyToad.PdfPig.Tokens;
using UglyToad.PdfPig.Writer;

namespace MedSummary.Samples.Pdf;

/// <summary>Document information written into the PDF; dates are fixed by the caller so output is reproducible.</summary>
public sealed record PdfMetadata(string Title, string Author, string Creator, DateOnly Date);

/// <summary>
/// A thin drawing surface over PdfPig's <see cref="PdfDocumentBuilder"/>: A4 pages, Standard 14 fonts in
/// WinAnsiEncoding, text at absolute positions, lines and filled rectangles, and byte-identical output for
/// identical input.
/// </summary>
/// <remarks>
/// PdfPig 0.1.16 declares Standard 14 fonts with StandardEncoding and encodes text through it, which has no
/// é, à, ç or œ. We therefore declare the fonts WinAnsiEncoding (see <see cref="WinAnsiTokenWriter"/>) and write
/// the text-showing operators ourselves with WinAnsi codes.
/// </remarks>
internal sealed class PdfCanvas : IDisposable
{
    public const double A4Width = 595;
    public const double A4Height = 842;

    private readonly MemoryStream _output = new();
    private readonly PdfDocumentBuilder _builder;
    private readonly Dictionary<Standard14Font, PdfDocumentBuilder.AddedFont> _fonts = [];
    private readonly List<PageCanvas> _pages = [];

    public PdfCanvas(PdfMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        _builder = new PdfDocumentBuilder(_output, disposeStream: false, PdfWriterType.Default, 1.7, new WinAnsiTokenWriter());
        var stamp = "D:" + metadata.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "090000Z";
        _builder.DocumentInformation.Title = metadata.Title;
        _builder.DocumentInformation.Author = metadata.Author;
        _builder.DocumentInformation.Creator = metadata.Creator;
        _builder.DocumentInformation.Producer = "MedSummary.Samples (PdfPig)";
        _builder.DocumentInformation.CreationDate = stamp;
        _builder.DocumentInformation.ModifiedDate = stamp;
    }

    public IReadOnlyList<PageCanvas> Pages => _pages;

    public PageCanvas AddPage()
    {
        var page = new PageCanvas(this, _builder.AddPage(PageSize.A4));
        _pages.Add(page);
        return page;
    }

    internal PdfDocumentBuilder.AddedFont FontFor(Standard14Font font)
    {
        if (!_fonts.TryGetValue(font, out var added))
        {
            added = _builder.AddStandard14Font(font);
            _fonts[font] = added;
        }

        return added;
    }

    public byte[] Build()
    {
        foreach (var page in _pages)
        {
            page.Close();
        }

        _builder.Build();
        var bytes = _output.ToArray();
        MakeIdentifierDeterministic(bytes);
        return bytes;
    }

    public void Dispose()
    {
        _builder.Dispose();
        _output.Dispose();
    }

    /// <summary>
    /// PdfPig writes two random GUIDs as the trailer /ID. We overwrite them in place (same length, so the xref
    /// offsets stay valid) with a hash of the rest of the file: same content, same bytes.
    /// </summary>
    private static void MakeIdentifierDeterministic(byte[] pdf)
    {
        var marker = "/ID ["u8;
        var at = pdf.AsSpan().LastIndexOf(marker);
        if (at < 0)
        {
            return;
        }

        var spans = new List<(int Start, int Length)>();
        var i = at + marker.Length;
        while (spans.Count < 2 && i < pdf.Length)
        {
            if (pdf[i] == (byte)'<')
            {
                var end = Array.IndexOf(pdf, (byte)'>', i + 1);
                if (end < 0)
                {
                    return;
                }

                spans.Add((i + 1, end - i - 1));
                i = end + 1;
            }
            else
            {
                i++;
            }
        }

        foreach (var (start, length) in spans)
        {
            pdf.AsSpan(start, length).Fill((byte)'0');
        }

        var hex = Convert.ToHexString(SHA256.HashData(pdf));
        foreach (var (start, length) in spans)
        {
            Encoding.ASCII.GetBytes(hex.AsSpan(0, Math.Min(length, hex.Length)), pdf.AsSpan(start, length));
        }
    }
}

/// <summary>Drawing on one page. Text objects stay open across consecutive text draws to keep content streams small.</summary>
internal sealed class PageCanvas
{
    private readonly PdfCanvas _canvas;
    private readonly PdfPageBuilder _page;
    private readonly List<IGraphicsStateOperation> _ops;
    private readonly Dictionary<Standard14Font, NameToken> _fontNames = [];
    private bool _inText;
    private NameToken? _currentFont;
    private double _currentSize;

    public PageCanvas(PdfCanvas canvas, PdfPageBuilder page)
    {
        _canvas = canvas;
        _page = page;
        _ops = page.CurrentStream.Operations;
    }

    public int Number => _page.PageNumber;

    public void DrawText(double x, double y, string text, FontFace face, double size)
    {
        if (text.Length == 0)
        {
            return;
        }

        var name = NameOf(face.Font);
        if (!_inText)
        {
            _ops.Add(BeginText.Value);
            _inText = true;
            _currentFont = null;
        }

        if (!ReferenceEquals(_currentFont, name) || Math.Abs(_currentSize - size) > 0.001)
        {
            _ops.Add(new SetFontAndSize(name, size));
            _currentFont = name;
            _currentSize = size;
        }

        _ops.Add(new SetTextMatrix([1, 0, 0, 1, Math.Round(x, 2), Math.Round(y, 2)]));
        _ops.Add(new ShowWinAnsiText(WinAnsi.Encode(text)));
    }

    public void DrawLine(double x1, double y1, double x2, double y2, double width = 0.5)
    {
        CloseText();
        _page.DrawLine(new PdfPoint(Math.Round(x1, 2), Math.Round(y1, 2)), new PdfPoint(Math.Round(x2, 2), Math.Round(y2, 2)), width);
    }

    public void FillRectangle(double x, double y, double width, double height, byte gray)
    {
        CloseText();
        _page.SetTextAndFillColor(gray, gray, gray);
        _page.DrawRectangle(new PdfPoint(Math.Round(x, 2), Math.Round(y, 2)), Math.Round(width, 2), Math.Round(height, 2), 0, fill: true);
        _page.ResetColor();
    }

    internal void Close() => CloseText();

    private void CloseText()
    {
        if (_inText)
        {
            _ops.Add(UglyToad.PdfPig.Graphics.Operations.TextObjects.EndText.Value);
            _inText = false;
        }
    }

    private NameToken NameOf(Standard14Font font)
    {
        if (_fontNames.TryGetValue(font, out var name))
        {
            return name;
        }

        // PdfPig adds a font to the page's resources only through AddText; an empty string registers it and
        // emits an empty text object, which we take back out.
        var before = _ops.Count;
        _page.AddText("", 10, new PdfPoint(0, 0), _canvas.FontFor(font));
        name = _ops.Skip(before).OfType<SetFontAndSize>().First().Font;
        _ops.RemoveRange(before, _ops.Count - before);
        _fontNames[font] = name;
        return name;
    }
}

/// <summary>A Tj operator over bytes already in the font's encoding (PdfPig's ShowText would re-encode text).</summary>
internal sealed class ShowWinAnsiText(byte[] bytes) : IGraphicsStateOperation
{
    public string Operator => "Tj";

    public void Write(Stream stream)
    {
        stream.WriteByte((byte)'(');
        foreach (var b in bytes)
        {
            if (b is (byte)'(' or (byte)')' or (byte)'\\')
            {
                stream.WriteByte((byte)'\\');
            }

            stream.WriteByte(b);
        }

        stream.Write(") Tj\n"u8);
    }

    public void Run(IOperationContext operationContext) =>
        throw new NotSupportedException("Written only; content is never replayed from the builder.");
}

/// <summary>Declares Standard 14 text fonts WinAnsiEncoding: PdfPig's only encoding name for them is StandardEncoding.</summary>
internal sealed class WinAnsiTokenWriter : TokenWriter
{
    private static readonly NameToken WinAnsiEncodingName = NameToken.Create("WinAnsiEncoding");

    protected override void WriteName(NameToken name, Stream outputStream) =>
        base.WriteName(string.Equals(name.Data, "StandardEncoding", StringComparison.Ordinal) ? WinAnsiEncodingName : name, outputStream);
}
