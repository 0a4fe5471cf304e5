namespace MedSummary.Ingestion.Loading;

/// <summary>Names what a file that is neither PDF nor text looks like, from its first bytes, for the refusal message.</summary>
/// <remarks>Markup (HTML, XML, SVG) decodes as text but is a page, not a report: read as text it would carry
/// scripts and tags into the record, so it is refused whatever the file is called.</remarks>
public static class ContentSniffer
{
    private static readonly (byte[] Magic, string Name)[] Signatures =
    [
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG image"),
        ("GIF8"u8.ToArray(), "a GIF image"),
        ([0x49, 0x49, 0x2A, 0x00], "a TIFF image"),
        ([0x4D, 0x4D, 0x00, 0x2A], "a TIFF image"),
        ("PK\u0003\u0004"u8.ToArray(), "a ZIP archive (or a DOCX/XLSX/ODT document)"),
        ("PK\u0005\u0006"u8.ToArray(), "an empty ZIP archive"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "a legacy Office document (DOC/XLS)"),
        ("{\\rtf"u8.ToArray(), "an RTF document"),
        ([0x1F, 0x8B], "a GZIP archive"),
        ("Rar!"u8.ToArray(), "a RAR archive"),
        ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "a 7-Zip archive"),
        ("%!PS"u8.ToArray(), "a PostScript file"),
        ("DICM"u8.ToArray(), "a DICOM file"),
    ];

    /// <summary>A short description such as "a JPEG image", or null when the signature is not known.</summary>
    public static string? Describe(ReadOnlySpan<byte> content)
    {
        foreach (var (magic, name) in Signatures)
        {
            if (content.StartsWith(magic))
            {
                return name;
            }
        }

        // DICOM puts its magic after a 128-byte preamble; WebP and AVI share the RIFF container.
        if (content.Length >= 132 && content.Slice(128, 4).SequenceEqual("DICM"u8))
        {
            return "a DICOM file";
        }

        if (content.Length >= 12 && content.StartsWith("RIFF"u8) && content.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return "a WebP image";
        }

        return MarkupName(content);
    }

    /// <summary>True for formats that decode as text but are not meant to be read as such (RTF, PostScript).</summary>
    public static bool IsTextualButUnsupported(ReadOnlySpan<byte> content) =>
        content.StartsWith("{\\rtf"u8) || content.StartsWith("%!PS"u8) || MarkupName(content) is not null;

    private static readonly (byte[] Start, string Name)[] Markup =
    [
        ("<!doctype html"u8.ToArray(), "an HTML page"),
        ("<html"u8.ToArray(), "an HTML page"),
        ("<head"u8.ToArray(), "an HTML page"),
        ("<body"u8.ToArray(), "an HTML page"),
        ("<script"u8.ToArray(), "an HTML page"),
        ("<iframe"u8.ToArray(), "an HTML page"),
        ("<svg"u8.ToArray(), "an SVG image"),
        ("<?xml"u8.ToArray(), "an XML document"),
        ("<!--"u8.ToArray(), "an HTML or XML document"),
    ];

    /// <summary>The kind of markup the content starts with (after a byte-order mark and blank space, any case), or null.</summary>
    private static string? MarkupName(ReadOnlySpan<byte> content)
    {
        var head = content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? content[3..] : content;
        var skip = 0;
        while (skip < head.Length && skip < 1024 && head[skip] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f')
        {
            skip++;
        }

        head = head[skip..];
        foreach (var (start, name) in Markup)
        {
            if (head.Length >= start.Length && System.Text.Ascii.EqualsIgnoreCase(head[..start.Length], start))
            {
                return name;
            }
        }

        return null;
    }
}
