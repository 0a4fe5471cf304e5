using System.Collections.Frozen;
using System.Text;
using UglyToad.PdfPig.Fonts;
using UglyToad.PdfPig.Fonts.Encodings;

namespace MedSummary.Samples.Pdf;

/// <summary>
/// The PDF WinAnsiEncoding (ISO 32000 annex D) as a Unicode-to-byte table, built from PdfPig's own encoding and
/// glyph list so that what we write is exactly what PdfPig (and any reader) maps back to Unicode.
/// It covers French: é è ê à ù ç ô î ï œ Œ « » ’ – … € µ °.
/// </summary>
public static class WinAnsi
{
    private static readonly FrozenDictionary<char, byte> CodeOf = BuildTable();

    /// <summary>
    /// Replacements for characters that WinAnsi lacks. Generated text passes through <see cref="Sanitize"/> before
    /// anything records offsets into it, so replacements never shift a quote.
    /// </summary>
    private static readonly FrozenDictionary<char, string> Fallbacks = new Dictionary<char, string>
    {
        ['≥'] = ">=",
        ['≤'] = "<=",
        ['→'] = "->",
        ['\u00A0'] = " ",
        ['\u202F'] = " ",
        ['\u2009'] = " ",
        ['\u2011'] = "-",
        ['\u2010'] = "-",
        ['\u2212'] = "-",
        ['\t'] = " ",
    }.ToFrozenDictionary();

    public static bool CanEncode(char c) => CodeOf.ContainsKey(c);

    /// <summary>Replaces the few characters WinAnsi lacks by ASCII look-alikes; throws on anything else it cannot encode.</summary>
    public static string Sanitize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clean = true;
        foreach (var c in text)
        {
            if (!CodeOf.ContainsKey(c) && c != '\n')
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c == '\n' || CodeOf.ContainsKey(c))
            {
                builder.Append(c);
            }
            else if (Fallbacks.TryGetValue(c, out var replacement))
            {
                builder.Append(replacement);
            }
            else
            {
                throw new ArgumentException($"Character U+{(int)c:X4} cannot be written with a Standard 14 font (WinAnsiEncoding).", nameof(text));
            }
        }

        return builder.ToString();
    }

    /// <summary>The WinAnsi code of one character; throws when it has none (callers sanitize first).</summary>
    public static byte Encode(char c) =>
        CodeOf.TryGetValue(c, out var code)
            ? code
            : throw new ArgumentException($"Character U+{(int)c:X4} has no WinAnsi code; sanitize the text first.", nameof(c));

    public static byte[] Encode(ReadOnlySpan<char> text)
    {
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            bytes[i] = Encode(text[i]);
        }

        return bytes;
    }

    /// <summary>The glyph name of each code, for width look-ups in the fonts' metrics.</summary>
    internal static IReadOnlyDictionary<int, string> GlyphNames => WinAnsiEncoding.Instance.CodeToNameMap;

    private static FrozenDictionary<char, byte> BuildTable()
    {
        var table = new Dictionary<char, byte>();
        foreach (var (code, name) in WinAnsiEncoding.Instance.CodeToNameMap.OrderBy(p => p.Key))
        {
            var unicode = GlyphList.AdobeGlyphList.NameToUnicode(name);
            // Several codes share a glyph (space, hyphen, bullet); the lowest code is the canonical one.
            if (unicode is { Length: 1 } && !table.ContainsKey(unicode[0]))
            {
                table[unicode[0]] = (byte)code;
            }
        }

        return table.ToFrozenDictionary();
    }
}
