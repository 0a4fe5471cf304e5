using System.IO.Compression;
using System.Text;

namespace MedSummary.Testing.Pdf;

/// <summary>
/// Malformed and malicious PDFs built in code, each small: what a hospital inbox receives from broken scanners and
/// from attackers. Several of them crash or exhaust PdfPig when it is run in process (noted on each).
/// </summary>
public static class HostilePdfs
{
    /// <summary>The text every readable hostile PDF shows on its page, to check what was read.</summary>
    public const string VisibleText = "Compte rendu lisible malgre tout.";

    /// <summary>/Contents is a reference to a reference to the first one: PdfPig follows it until its stack overflows.</summary>
    public static byte[] ReferenceCycle()
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>");
        pdf.Add(RawPdf.Helvetica);
        pdf.Add("6 0 R");
        pdf.Add("5 0 R");
        return pdf.Build();
    }

    /// <summary>Two form XObjects that draw each other: PdfPig recurses until its stack overflows.</summary>
    public static byte[] MutuallyRecursiveForms()
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /X1 6 0 R >> >> /Contents 5 0 R >>");
        pdf.Add(RawPdf.Helvetica);
        pdf.AddStream("", RawPdf.TextContent(VisibleText) + " /X1 Do");
        pdf.AddStream("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X2 7 0 R >> >>", "/X2 Do");
        pdf.AddStream("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X1 6 0 R >> >>", "/X1 Do");
        return pdf.Build();
    }

    /// <summary>A page tree whose /Kids holds the tree itself besides its one page.</summary>
    public static byte[] SelfReferencingPageTree()
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>");
        pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>");
        pdf.Add(RawPdf.Helvetica);
        pdf.AddStream("", RawPdf.TextContent(VisibleText));
        return pdf.Build();
    }

    /// <summary>Two page-tree nodes that are each other's kid, one of them also holding the page.</summary>
    public static byte[] PageTreeLoop()
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add("<< /Type /Pages /Kids [6 0 R] /Count 1 >>");
        pdf.Add("<< /Type /Page /Parent 6 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>");
        pdf.Add(RawPdf.Helvetica);
        pdf.AddStream("", RawPdf.TextContent(VisibleText));
        pdf.Add("<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>");
        return pdf.Build();
    }

    /// <summary>An array nested <paramref name="depth"/> deep in the page dictionary.</summary>
    public static byte[] DeepArrayNesting(int depth = 100_000)
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R /Junk "
            + new string('[', depth) + new string(']', depth) + " >>");
        pdf.Add(RawPdf.Helvetica);
        pdf.AddStream("", RawPdf.TextContent(VisibleText));
        return pdf.Build();
    }

    /// <summary>Dictionaries nested <paramref name="depth"/> deep inside the content stream, before the text.</summary>
    public static byte[] DeepContentNesting(int depth = 100_000)
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>");
        pdf.Add(RawPdf.Helvetica);
        pdf.AddStream("", new string('[', depth) + new string(']', depth) + " pop " + RawPdf.TextContent(VisibleText));
        return pdf.Build();
    }

    /// <summary>
    /// <paramref name="saves"/> graphics-state saves ("q") never restored, Flate-compressed into a small file: PdfPig
    /// keeps every state, about 450 bytes each (1 million take about 450 MB).
    /// </summary>
    public static byte[] GraphicsStateBomb(int saves = 1_000_000)
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>");
        pdf.Add(RawPdf.Helvetica);
        var content = new StringBuilder(saves * 2 + 100);
        for (var i = 0; i < saves; i++)
        {
            content.Append("q ");
        }

        content.Append(RawPdf.TextContent(VisibleText));
        pdf.AddStream("/Filter /FlateDecode", Deflate(Encoding.ASCII.GetBytes(content.ToString())));
        return pdf.Build();
    }

    /// <summary>
    /// A letter that runs JavaScript when opened and carries an attached file: both must be ignored, the page's text
    /// read. <paramref name="attachmentText"/> is the attached file's content.
    /// </summary>
    public static byte[] JavaScriptAndAttachment(string attachmentText = "CONTENU SECRET DE LA PIECE JOINTE")
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R /Names << /JavaScript << /Names [(init) 6 0 R] >> /EmbeddedFiles << /Names [(piece.txt) 7 0 R] >> >> >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R "
            + "/AA << /O 6 0 R >> /Annots [9 0 R] >>");
        pdf.Add(RawPdf.Helvetica);
        pdf.AddStream("", RawPdf.TextContent(VisibleText));
        pdf.Add("<< /Type /Action /S /JavaScript /JS (app.alert\\('pwned'\\); this.exportDataObject\\({cName: 'piece.txt', nLaunch: 2}\\);) >>");
        pdf.Add("<< /Type /Filespec /F (piece.txt) /UF (piece.txt) /EF << /F 8 0 R >> >>");
        pdf.AddStream("/Type /EmbeddedFile", attachmentText);
        pdf.Add("<< /Type /Annot /Subtype /FileAttachment /Rect [72 600 90 618] /FS 7 0 R /Contents (piece jointe) >>");
        return pdf.Build();
    }

    /// <summary>
    /// A page drawing one 20 000 x 20 000 grayscale image (400 megapixels declared) whose compressed stream holds only
    /// a few bytes: a renderer that trusts the declared size allocates 400 MB or more.
    /// </summary>
    public static byte[] HugeImage(int side = 20_000)
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>");
        pdf.AddStream("", "q 500 0 0 700 40 60 cm /Im1 Do Q");
        pdf.AddStream($"/Type /XObject /Subtype /Image /Width {side} /Height {side} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode",
            Deflate(new byte[1000]));
        return pdf.Build();
    }

    /// <summary>A valid one-page PDF whose cross-reference offsets and startxref all point to the wrong places.</summary>
    public static byte[] BrokenXref()
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>");
        pdf.Add(RawPdf.Helvetica);
        pdf.AddStream("", RawPdf.TextContent(VisibleText));
        var text = Encoding.Latin1.GetString(pdf.Build());
        var xref = text.LastIndexOf("xref\n", StringComparison.Ordinal);
        var table = text[xref..];
        table = System.Text.RegularExpressions.Regex.Replace(table, @"(\d{10}) 00000 n", m => $"{long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 37:D10} 00000 n");
        table = System.Text.RegularExpressions.Regex.Replace(table, @"startxref\n\d+", "startxref\n999999");
        return Encoding.Latin1.GetBytes(text[..xref] + table);
    }

    /// <summary>A well-formed document of <paramref name="pages"/> pages, one short line each.</summary>
    public static byte[] ManyPages(int pages = 1000)
    {
        var pdf = new TestPdf();
        for (var i = 1; i <= pages; i++)
        {
            var n = i;
            pdf.Page(p => p.Text(72, 720, $"Feuillet {n} du dossier.", 11));
        }

        return pdf.Build();
    }

    /// <summary>
    /// A page tree <paramref name="depth"/> levels deep, each /Pages node holding only the next: a reader that walks
    /// the tree by recursion needs one frame per level.
    /// </summary>
    public static byte[] DeepPageTree(int depth = 20_000)
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        for (var level = 0; level < depth; level++)
        {
            var self = pdf.Next;
            var parent = level == 0 ? string.Empty : $" /Parent {self - 1} 0 R";
            pdf.Add($"<< /Type /Pages{parent} /Kids [{self + 1} 0 R] /Count 1 >>");
        }

        var page = pdf.Next;
        pdf.Add($"<< /Type /Page /Parent {page - 1} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 {page + 1} 0 R >> >> /Contents {page + 2} 0 R >>");
        pdf.Add(RawPdf.Helvetica);
        pdf.AddStream("", RawPdf.TextContent(VisibleText));
        return pdf.Build();
    }

    /// <summary>
    /// A chain of <paramref name="depth"/> form XObjects, each drawing the next (no cycle): a content-stream
    /// interpreter that recurses into forms needs one frame (or more) per level.
    /// </summary>
    public static byte[] DeepFormChain(int depth = 20_000)
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /X 6 0 R >> >> /Contents 5 0 R >>");
        pdf.Add(RawPdf.Helvetica);
        pdf.AddStream("", RawPdf.TextContent(VisibleText) + " /X Do");
        for (var level = 0; level < depth; level++)
        {
            var next = pdf.Next + 1;
            var resources = level == depth - 1 ? string.Empty : $" /Resources << /XObject << /X {next} 0 R >> >>";
            pdf.AddStream($"/Type /XObject /Subtype /Form /BBox [0 0 595 842]{resources}", level == depth - 1 ? "0 0 m" : "/X Do");
        }

        return pdf.Build();
    }

    /// <summary>
    /// A one-page PDF whose content stream inflates from about a thousandth of its size to
    /// <paramref name="inflatedMiB"/> MiB of spaces before its line of text: a reader that inflates streams without a
    /// cap takes that much memory (the 816 KB file of the security review inflated to about 800 MiB).
    /// </summary>
    public static byte[] FlateBomb(int inflatedMiB = 512)
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>");
        pdf.Add(RawPdf.Helvetica);
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var spaces = new byte[1 << 20];
            spaces.AsSpan().Fill((byte)' ');
            for (var i = 0; i < inflatedMiB; i++)
            {
                zlib.Write(spaces);
            }

            zlib.Write(Encoding.ASCII.GetBytes(RawPdf.TextContent(VisibleText)));
        }

        pdf.AddStream("/Filter /FlateDecode", compressed.ToArray());
        return pdf.Build();
    }

    /// <summary>
    /// <paramref name="pages"/> page objects sharing one small content stream: a large page count in a small file
    /// (100 000 pages take about 9 MB).
    /// </summary>
    public static byte[] HugePageCount(int pages = 100_000)
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        var first = 5;
        var kids = new StringBuilder(pages * 10);
        for (var i = 0; i < pages; i++)
        {
            kids.Append(first + i).Append(" 0 R ");
        }

        pdf.Add($"<< /Type /Pages /Kids [{kids}] /Count {pages} >>");
        pdf.Add(RawPdf.Helvetica);
        pdf.AddStream("", RawPdf.TextContent(VisibleText));
        for (var i = 0; i < pages; i++)
        {
            pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>");
        }

        return pdf.Build();
    }

    /// <summary>
    /// <paramref name="pages"/> pages with nothing drawn on them (no content stream): a reader that sends every page
    /// without text to OCR renders and recognises them all (2 000 of them held the only worker for 120 s).
    /// </summary>
    public static byte[] BlankPages(int pages = 2000)
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        var kids = new StringBuilder(pages * 10);
        for (var i = 0; i < pages; i++)
        {
            kids.Append(3 + i).Append(" 0 R ");
        }

        pdf.Add($"<< /Type /Pages /Kids [{kids}] /Count {pages} >>");
        for (var i = 0; i < pages; i++)
        {
            pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>");
        }

        return pdf.Build();
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }
}
