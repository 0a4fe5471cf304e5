using System.Text;

namespace MedSummary.Ingestion.Text;

/// <summary>
/// Decodes text files: a BOM decides (UTF-8, UTF-16 LE/BE); otherwise strict UTF-8, falling back to Windows-1252
/// (a superset of Latin-1's printable characters) when the bytes are not valid UTF-8.
/// </summary>
public static class TextDecoding
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Lazy<Encoding> Windows1252 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    });

    /// <summary>The decoded text and the name of the encoding used.</summary>
    public static (string Text, string Encoding) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (Utf8OrFallback(bytes[3..], out var name), name);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Encoding.Unicode.GetString(bytes[2..]), "utf-16le");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16be");
        }

        return (Utf8OrFallback(bytes, out var encoding), encoding);
    }

    /// <summary>
    /// True when the bytes look like text: a UTF-16 BOM, or no NUL byte and fewer than 1% of control characters
    /// (other than tab, line feed, carriage return and form feed) in the first 64 KiB once decoded.
    /// </summary>
    public static bool LooksLikeText(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return true;
        }

        var sample = bytes[..Math.Min(bytes.Length, 64 * 1024)];
        if (sample.IndexOf((byte)0) >= 0)
        {
            return false;
        }

        // A multi-byte UTF-8 sequence cut at the sample's end must not make the sample look like Windows-1252.
        var (text, _) = Decode(sample.Length == bytes.Length ? sample : TrimIncompleteUtf8(sample));
        var controls = 0;
        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f'))
            {
                controls++;
            }
        }

        return controls <= text.Length / 100;
    }

    private static string Utf8OrFallback(ReadOnlySpan<byte> bytes, out string encoding)
    {
        try
        {
            encoding = "utf-8";
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            encoding = "windows-1252";
            return Windows1252.Value.GetString(bytes);
        }
    }

    private static ReadOnlySpan<byte> TrimIncompleteUtf8(ReadOnlySpan<byte> sample)
    {
        var end = sample.Length;
        for (var back = 1; back <= 3 && back <= sample.Length; back++)
        {
            var b = sample[^back];
            if ((b & 0xC0) == 0xC0)
            {
                // A lead byte: drop it and its continuation bytes when the sequence is incomplete.
                var needed = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
                if (back < needed)
                {
                    end = sample.Length - back;
                }

                break;
            }

            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        return sample[..end];
    }
}
