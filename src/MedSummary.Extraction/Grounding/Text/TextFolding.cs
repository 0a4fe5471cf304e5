using System.Globalization;
using System.Text;

namespace MedSummary.Extraction.Grounding.Text;

/// <summary>How much a text is folded before two texts are compared.</summary>
public enum FoldLevel
{
    /// <summary>
    /// Words: lowercase, accents removed, ligatures expanded (œ → oe, ﬁ → fi), every run of characters other than
    /// letters, digits, '%' and '+' turned into one space. Word boundaries survive.
    /// </summary>
    Words,

    /// <summary>Letters and digits only, folded as for <see cref="Words"/>: whitespace, line breaks, hyphenation and punctuation vanish.</summary>
    Compact,

    /// <summary><see cref="Compact"/> plus OCR confusions: 0/o, 1/l/i/|, "rn"/m, "cl"/d read alike.</summary>
    Ocr,
}

/// <summary>
/// A folded copy of a stretch of source text that remembers, for every folded character, the source characters it came
/// from, so that a match found in folded text maps back to an exact span of the source.
/// </summary>
public sealed class FoldedText
{
    private readonly int[] _starts;
    private readonly int[] _ends;

    internal FoldedText(string text, int[] starts, int[] ends)
    {
        Text = text;
        _starts = starts;
        _ends = ends;
    }

    public string Text { get; }

    /// <summary>The source offsets [start, end) covered by folded characters [index, index + length).</summary>
    public (int Start, int End) SourceRange(int index, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        return (_starts[index], _ends[index + length - 1]);
    }
}

/// <summary>Folding of text for tolerant comparison, with offsets kept (see <see cref="FoldedText"/>).</summary>
public static class TextFolding
{
    /// <summary>Folds a whole string at <see cref="FoldLevel.Words"/> and trims it (for vocabularies and lookups).</summary>
    public static string FoldWords(string text) => Fold(text, 0, text.Length, FoldLevel.Words).Text.Trim();

    /// <summary>Folds a whole string at the given level.</summary>
    public static string FoldString(string text, FoldLevel level) => Fold(text, 0, text.Length, level).Text;

    /// <summary>
    /// Length-preserving fold: one output character per input character, so offsets found in the folded text are
    /// offsets of the original (for regex scans over source text). Lower case, accents removed, typographic dashes,
    /// quotes and spaces made plain; a ligature keeps only its first letter ("œ" → "o") to keep the length.
    /// </summary>
    public static string FoldSameLength(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = FoldChar(source[i]);
            }
        });
    }

    /// <summary>One character folded as <see cref="FoldSameLength"/> does.</summary>
    public static char FoldChar(char c)
    {
        if (c < 128)
        {
            return char.ToLowerInvariant(c);
        }

        switch (c)
        {
            case '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212':
                return '-';
            case '\u2018' or '\u2019' or '\u02BC':
                return '\'';
            case '\u00A0' or '\u202F' or '\u2009':
                return ' ';
            case '×':
                return 'x';
        }

        // Same letters as Expand, truncated to one character.
        return Expand(c) is { Length: > 0 } folded ? folded[0] : char.ToLowerInvariant(c);
    }

    /// <summary>Folds <paramref name="text"/>[start, end) keeping a map back to its offsets.</summary>
    public static FoldedText Fold(string text, int start, int end, FoldLevel level)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(end - start);
        var starts = new List<int>(end - start);
        var ends = new List<int>(end - start);
        var pendingSpace = false;

        void Emit(char c, int s, int e)
        {
            if (level == FoldLevel.Words && pendingSpace && sb.Length > 0 && sb[^1] != ' ')
            {
                sb.Append(' ');
                starts.Add(s);
                ends.Add(s);
            }

            pendingSpace = false;
            sb.Append(c);
            starts.Add(s);
            ends.Add(e);
        }

        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < end)
            {
                // Astral characters are neither letters we fold nor digits: a separator.
                i++;
                pendingSpace = true;
                continue;
            }

            if (c == '\u00AD')
            {
                continue; // soft hyphen
            }

            var expanded = Expand(c);
            if (expanded is null)
            {
                pendingSpace = true;
                continue;
            }

            foreach (var x in expanded)
            {
                Emit(x, i, i + 1);
            }
        }

        if (level == FoldLevel.Ocr)
        {
            return OcrFold(sb.ToString(), starts, ends);
        }

        if (level == FoldLevel.Compact)
        {
            // Compact keeps letters and digits only.
            var keep = new StringBuilder(sb.Length);
            var ks = new List<int>(sb.Length);
            var ke = new List<int>(sb.Length);
            for (var k = 0; k < sb.Length; k++)
            {
                if (char.IsLetterOrDigit(sb[k]))
                {
                    keep.Append(sb[k]);
                    ks.Add(starts[k]);
                    ke.Add(ends[k]);
                }
            }

            return new FoldedText(keep.ToString(), [.. ks], [.. ke]);
        }

        return new FoldedText(sb.ToString(), [.. starts], [.. ends]);
    }

    /// <summary>The folded characters for one source character, or null for a separator.</summary>
    private static string? Expand(char c)
    {
        switch (c)
        {
            case 'œ' or 'Œ':
                return "oe";
            case 'æ' or 'Æ':
                return "ae";
            case 'ß':
                return "ss";
            case '\uFB00':
                return "ff";
            case '\uFB01':
                return "fi";
            case '\uFB02':
                return "fl";
            case '\uFB03':
                return "ffi";
            case '\uFB04':
                return "ffl";
            case '%' or '+':
                return c.ToString();
        }

        if (char.IsAsciiLetterOrDigit(c))
        {
            return char.ToLowerInvariant(c).ToString();
        }

        if (!char.IsLetterOrDigit(c))
        {
            return null;
        }

        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var d in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(char.ToLowerInvariant(d));
            }
        }

        return sb.Length == 0 ? null : sb.ToString();
    }

    private static FoldedText OcrFold(string folded, List<int> starts, List<int> ends)
    {
        var sb = new StringBuilder(folded.Length);
        var s = new List<int>(folded.Length);
        var e = new List<int>(folded.Length);
        for (var k = 0; k < folded.Length; k++)
        {
            var c = folded[k];
            if (!char.IsLetterOrDigit(c))
            {
                continue;
            }

            // Two-character confusions first: "rn" is read as "m", "cl" as "d".
            var next = NextAlnum(folded, k);
            if (next > 0 && ((c == 'r' && folded[next] == 'n') || (c == 'c' && folded[next] == 'l')))
            {
                sb.Append(c == 'r' ? 'm' : 'd');
                s.Add(starts[k]);
                e.Add(ends[next]);
                k = next;
                continue;
            }

            sb.Append(c switch
            {
                '0' => 'o',
                '1' or 'i' or '|' => 'l',
                _ => c,
            });
            s.Add(starts[k]);
            e.Add(ends[k]);
        }

        return new FoldedText(sb.ToString(), [.. s], [.. e]);
    }

    private static int NextAlnum(string text, int k)
    {
        for (var j = k + 1; j < text.Length; j++)
        {
            if (char.IsLetterOrDigit(text[j]))
            {
                return j;
            }
        }

        return -1;
    }
}
