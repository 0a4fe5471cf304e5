using System.IO.Compression;
using System.Text;
using MedSummary.Testing.Pdf;

namespace MedSummary.Ingestion.Tests;

/// <summary>Inputs that must be refused, built in code, with the code each must get.</summary>
internal static class BadInputs
{
    public static byte[] SmallPdf(string text = "Compte rendu de consultation du jour.", int pages = 1)
    {
        var pdf = new TestPdf();
        for (var i = 1; i <= pages; i++)
        {
            var n = i;
            pdf.Page(p => p.Text(72, 700, $"{text} Page {n}.", 12));
        }

        return pdf.Build();
    }

    public static byte[] Jpeg() =>
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    public static byte[] Zip()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(zip.CreateEntry("word/document.xml").Open(), Encoding.UTF8);
            entry.Write("<document>bonjour</document>");
        }

        return stream.ToArray();
    }

    public static byte[] Truncated()
    {
        var pdf = SmallPdf(pages: 3);
        return pdf[..(pdf.Length / 2)];
    }

    public static byte[] Encrypted() =>
        new TestPdf().Page(p => p.Text(72, 700, "Contenu confidentiel.", 12)).BuildEncrypted("secret");

    public static byte[] Scanned() =>
        new TestPdf().Page(p => p.Rectangle(50, 50, 400, 600)).Page(p => p.Rectangle(50, 50, 400, 600)).Build();

    public static byte[] Binary()
    {
        var random = new Random(7);
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        bytes[0] = 0x00;
        return bytes;
    }
}
