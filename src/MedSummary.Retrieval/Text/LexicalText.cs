using System.Buffers;
using System.Globalization;
using System.Text;

namespace MedSummary.Retrieval.Text;

/// <summary>
/// The one normalisation every lexical feature goes through: lowercase, accents and ligatures folded
/// ("Œstrogènes" becomes "oestrogenes"), and every character that is not a letter or digit turned into a
/// word boundary. The embedder, the BM25 index and the query side all use it, so they agree on what a word is.
/// </summary>
public static class LexicalText
{
    // Latin, Latin-1 and Latin Extended-A/B cover French, English and the OCR confusions seen in practice;
    // beyond that, letters are only lowercased.
    private const int TableSize = 0x250;

    private static readonly string?[] FoldTable = BuildTable();

    // Folded forms. Short on purpose: only words that carry no meaning in a clinical query.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "au", "aux", "avec", "ce", "ces", "d", "dans", "de", "des", "du", "elle", "en", "est", "et", "il", "l", "la",
        "le", "les", "leur", "lui", "mais", "ou", "par", "pour", "qu", "que", "qui", "sa", "se", "ses", "son", "sur", "un",
        "une", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on", "or", "the", "to",
        "was", "were", "with",
    };

    /// <summary>The folded text: words of lowercase unaccented letters and digits separated by single spaces.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return string.Empty;
        }

        var buffer = ArrayPool<char>.Shared.Rent(MaxFoldedLength(text.Length));
        try
        {
            var length = Fold(text, buffer);
            return new string(buffer, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>The distinct folded words of a text, in order of first appearance.</summary>
    public static IReadOnlyList<string> Terms(string text)
    {
        var folded = Fold(text);
        if (folded.Length == 0)
        {
            return [];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var terms = new List<string>();
        foreach (var range in folded.AsSpan().Split(' '))
        {
            var term = folded[range];
            if (term.Length > 0 && seen.Add(term))
            {
                terms.Add(term);
            }
        }

        return terms;
    }

    /// <summary>
    /// The words a lexical query searches for: <see cref="Terms"/> without French and English function words
    /// (they occur in nearly every chunk, so BM25 gives them almost no weight while their long posting lists
    /// make the search slow), unless nothing else is left; at most <paramref name="maxTerms"/>.
    /// </summary>
    public static IReadOnlyList<string> QueryTerms(string text, int maxTerms)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTerms, 1);
        var terms = Terms(text);
        var content = terms.Where(t => !StopWords.Contains(t)).ToList();
        var kept = content.Count > 0 ? content : terms;
        return kept.Count > maxTerms ? kept.Take(maxTerms).ToList() : kept;
    }

    /// <summary>The buffer size <see cref="Fold(ReadOnlySpan{char}, Span{char})"/> needs for a source of this length.</summary>
    internal static int MaxFoldedLength(int sourceLength) => (sourceLength * 2) + 1;

    /// <summary>
    /// Folds into <paramref name="destination"/> (at least <see cref="MaxFoldedLength"/> long) without allocating;
    /// returns the folded length. No leading, trailing or doubled spaces.
    /// </summary>
    internal static int Fold(ReadOnlySpan<char> source, Span<char> destination)
    {
        var written = 0;
        var pendingSpace = false;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c < TableSize)
            {
                var folded = FoldTable[c];
                if (folded is null)
                {
                    pendingSpace = written > 0;
                    continue;
                }

                if (folded.Length == 0)
                {
                    // A combining mark: part of the word, contributes nothing.
                    continue;
                }

                if (pendingSpace)
                {
                    destination[written++] = ' ';
                    pendingSpace = false;
                }

                destination[written++] = folded[0];
                if (folded.Length > 1)
                {
                    destination[written++] = folded[1];
                }

                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace)
                {
                    destination[written++] = ' ';
                    pendingSpace = false;
                }

                destination[written++] = char.ToLowerInvariant(c);
            }
            else
            {
                pendingSpace = written > 0;
            }
        }

        return written;
    }

    private static string?[] BuildTable()
    {
        var table = new string?[TableSize];
        for (var code = 0; code < TableSize; code++)
        {
            var c = (char)code;
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                table[code] = string.Empty;
                continue;
            }

            if (!char.IsLetterOrDigit(c))
            {
                continue;
            }

            table[code] = c switch
            {
                'œ' or 'Œ' => "oe",
                'æ' or 'Æ' => "ae",
                'ß' => "ss",
                'ø' or 'Ø' => "o",
                'đ' or 'Đ' => "d",
                'ł' or 'Ł' => "l",
                'ı' => "i",
                _ => StripMarks(c),
            };
        }

        return table;
    }

    private static string StripMarks(char c)
    {
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(2);
        foreach (var d in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(d));
            }
        }

        // A letter that decomposes to nothing usable stays itself, lowercased.
        return builder.Length is 1 or 2 ? builder.ToString() : char.ToLowerInvariant(c).ToString();
    }
}
