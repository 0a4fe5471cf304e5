using System.Collections.Frozen;
using UglyToad.PdfPig.Fonts.Standard14Fonts;

namespace MedSummary.Samples.Pdf;

/// <summary>Typeface families available without embedding (Standard 14).</summary>
public enum FontFamily
{
    Helvetica,
    Times,
    Courier,
}

[Flags]
public enum FontStyle
{
    Regular = 0,
    Bold = 1,
    Italic = 2,
}

/// <summary>One Standard 14 face with its advance widths per WinAnsi code, for measuring before drawing.</summary>
public sealed class FontFace
{
    private readonly double[] _widths;

    private FontFace(Standard14Font font, double[] widths, double ascent, double descent)
    {
        Font = font;
        _widths = widths;
        Ascent = ascent;
        Descent = descent;
    }

    public Standard14Font Font { get; }

    /// <summary>Ascender in thousandths of the font size.</summary>
    public double Ascent { get; }

    /// <summary>Descender in thousandths of the font size (negative).</summary>
    public double Descent { get; }

    /// <summary>Width of <paramref name="text"/> in points at <paramref name="size"/>.</summary>
    public double Measure(ReadOnlySpan<char> text, double size)
    {
        double total = 0;
        foreach (var c in text)
        {
            total += _widths[WinAnsi.Encode(c)];
        }

        return total * size / 1000.0;
    }

    private static readonly FrozenDictionary<Standard14Font, FontFace> Faces =
        Enum.GetValues<Standard14Font>()
            .Where(f => f is not (Standard14Font.Symbol or Standard14Font.ZapfDingbats))
            .ToFrozenDictionary(f => f, Load);

    public static FontFace Get(FontFamily family, FontStyle style) => Faces[Resolve(family, style)];

    public static Standard14Font Resolve(FontFamily family, FontStyle style)
    {
        var bold = style.HasFlag(FontStyle.Bold);
        var italic = style.HasFlag(FontStyle.Italic);
        return family switch
        {
            FontFamily.Helvetica => (bold, italic) switch
            {
                (false, false) => Standard14Font.Helvetica,
                (true, false) => Standard14Font.HelveticaBold,
                (false, true) => Standard14Font.HelveticaOblique,
                _ => Standard14Font.HelveticaBoldOblique,
            },
            FontFamily.Times => (bold, italic) switch
            {
                (false, false) => Standard14Font.TimesRoman,
                (true, false) => Standard14Font.TimesBold,
                (false, true) => Standard14Font.TimesItalic,
                _ => Standard14Font.TimesBoldItalic,
            },
            _ => (bold, italic) switch
            {
                (false, false) => Standard14Font.Courier,
                (true, false) => Standard14Font.CourierBold,
                (false, true) => Standard14Font.CourierOblique,
                _ => Standard14Font.CourierBoldOblique,
            },
        };
    }

    private static FontFace Load(Standard14Font font)
    {
        var metrics = Standard14.GetAdobeFontMetrics(font);
        var fallback = metrics.CharacterMetrics.TryGetValue("space", out var space) ? space.Width.X : 250;
        var widths = new double[256];
        Array.Fill(widths, fallback);
        foreach (var (code, name) in WinAnsi.GlyphNames)
        {
            if (metrics.CharacterMetrics.TryGetValue(name, out var metric))
            {
                widths[code] = metric.Width.X;
            }
        }

        return new FontFace(font, widths, metrics.Ascender, metrics.Descender);
    }
}
