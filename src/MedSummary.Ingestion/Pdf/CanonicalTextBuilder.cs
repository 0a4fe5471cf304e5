using System.Text;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;
using MedSummary.Ingestion.Pdf.Layout;

namespace MedSummary.Ingestion.Pdf;

/// <summary>
/// Writes pages of laid-out lines into one canonical text, recording for every character its page and the box of
/// the glyph it came from. Separators the builder inserts (spaces, tabs, newlines) have no box.
/// </summary>
internal sealed class CanonicalTextBuilder
{
    /// <summary>Between pages; it belongs to the page it ends.</summary>
    public const string PageSeparator = "\n\n";

    private readonly StringBuilder _text;
    private readonly List<BoundingBox?> _boxes;
    private readonly List<int> _pageStarts = [];
    private readonly List<PageInfo> _pages = [];

    // Two words are compared at every line break: reused buffers rather than two strings per line.
    private char[] _before = new char[64];
    private char[] _after = new char[64];

    /// <param name="expectedLength">About how many characters will be written (glyph count is a good guess).</param>
    public CanonicalTextBuilder(int expectedLength = 1024)
    {
        var capacity = Math.Max(16, expectedLength + (expectedLength / 4));
        _text = new StringBuilder(capacity);
        _boxes = new List<BoundingBox?>(capacity);
    }

    public int Length => _text.Length;

    public void AppendPage(PageModel page, IReadOnlyList<LayoutLine> lines, bool isLast)
    {
        var start = _text.Length;
        _pageStarts.Add(start);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (i > 0)
            {
                var decision = Hyphenation.Decide(
                    WordText(page, lines[i - 1].Segments[^1].Words[^1], ref _before),
                    WordText(page, line.Segments[0].Words[0], ref _after));
                switch (decision)
                {
                    case HyphenDecision.Repair:
                        // The hyphen glyph is dropped from the text; the halves' glyphs keep their own boxes.
                        RemoveLast();
                        break;
                    case HyphenDecision.KeepHyphen:
                        break;
                    default:
                        AppendInserted(line.BreakBefore == LineBreakKind.Paragraph ? "\n\n" : "\n");
                        break;
                }
            }

            for (var s = 0; s < line.Segments.Count; s++)
            {
                if (s > 0)
                {
                    AppendInserted("\t");
                }

                var words = line.Segments[s].Words;
                for (var w = 0; w < words.Count; w++)
                {
                    if (w > 0)
                    {
                        AppendInserted(" ");
                    }

                    foreach (var g in words[w].Glyphs)
                    {
                        AppendGlyph(page, page.Glyphs[g]);
                    }
                }
            }
        }

        foreach (var other in page.OtherLines)
        {
            if (_text.Length > start)
            {
                AppendInserted("\n\n");
            }

            foreach (var g in other)
            {
                AppendGlyph(page, g);
            }
        }

        if (!isLast && _text.Length > start)
        {
            AppendInserted(PageSeparator);
        }

        _pages.Add(new PageInfo(page.Number, new TextSpan(start, _text.Length), page.Width, page.Height,
            _text.Length > start ? page.Source : PageTextSource.None));
    }

    public (string Text, TextMap Map, IReadOnlyList<PageInfo> Pages) Build()
    {
        var text = _text.ToString();
        return (text, new TextMap(text.Length, _pageStarts, _boxes), _pages);
    }

    private void AppendGlyph(PageModel page, in Glyph glyph)
    {
        // Provenance is always in the page's frame, whatever frame the page was laid out in.
        var box = page.Frame.IsUpright ? glyph.Box : page.Frame.ToPage(glyph.Box);
        foreach (var c in glyph.Text)
        {
            switch (c)
            {
                // Ligature glyphs are spelled out so that "signiﬁcatif" is searchable; each letter keeps the glyph's box.
                case '\uFB00': Append("ff", box); break;
                case '\uFB01': Append("fi", box); break;
                case '\uFB02': Append("fl", box); break;
                case '\uFB03': Append("ffi", box); break;
                case '\uFB04': Append("ffl", box); break;
                case '\uFB05' or '\uFB06': Append("st", box); break;
                case '\u00AD' when glyph.Text.Length > 1:
                    // A soft hyphen inside a word is invisible; at a line end it is handled by the hyphenation rule.
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        break;
                    }

                    _text.Append(c);
                    _boxes.Add(box);
                    break;
            }
        }
    }

    private void Append(string s, BoundingBox box)
    {
        _text.Append(s);
        for (var i = 0; i < s.Length; i++)
        {
            _boxes.Add(box);
        }
    }

    private void AppendInserted(string s)
    {
        _text.Append(s);
        for (var i = 0; i < s.Length; i++)
        {
            _boxes.Add(null);
        }
    }

    private void RemoveLast()
    {
        _text.Length--;
        _boxes.RemoveAt(_boxes.Count - 1);
    }

    /// <summary>A word's glyph texts written into <paramref name="buffer"/> (grown when needed), as the hyphenation rule reads them.</summary>
    private static ReadOnlySpan<char> WordText(PageModel page, LayoutWord word, ref char[] buffer)
    {
        var length = 0;
        foreach (var g in word.Glyphs)
        {
            var text = page.Glyphs[g].Text;
            if (length + text.Length > buffer.Length)
            {
                Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + text.Length));
            }

            text.CopyTo(buffer.AsSpan(length));
            length += text.Length;
        }

        return buffer.AsSpan(0, length);
    }
}
