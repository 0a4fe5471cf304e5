using System.Buffers;
using System.Globalization;
using System.Text;

namespace MedSummary.Retrieval.Text;

/// <summary>
/// The one normalisation every lexical feature goes through: lowercase, accents and ligatures folded
/// ("Œstrogènes" becomes "oestrogene": plural dropped), every character that is not a letter or digit turned into a
/// word boundary, and the clinical meaning of abbreviations and bilingual words made explicit (<see cref="ClinicalLexicon"/>). The embedder, the BM25 index and the query side all use it, so they agree on what a word is.
/// </summary>
public static class LexicalText
{
    // Latin, Latin-1 and Latin Extended-A/B cover French, English and the OCR confusions seen in practice;
    // beyond that, letters are only lowercased.
    private const int TableSize = 0x250;

    private static readonly string?[] FoldTable = BuildTable();

    // Shorter words keep their "s" ("pas", "sans", "mois", "fois" are not plurals), and so do words in -ss, -is,
    // -us ("stress", "trois", "metastasis", "status", "virus").
    private const int MinPluralLength = 5;

    // Folded forms. Short on purpose: only words that carry no meaning in a clinical query.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "au", "aux", "avec", "ce", "ces", "d", "dans", "de", "des", "du", "elle", "en", "est", "et", "il", "l", "la",
        "le", "les", "leur", "lui", "mais", "ou", "par", "pour", "qu", "que", "qui", "sa", "se", "ses", "son", "sur", "un",
        "une", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on", "or", "the", "to",
        "was", "were", "with",
    };

    /// <summary>
    /// The folded text: words of lowercase unaccented letters and digits separated by single spaces, with the
    /// clinical meaning of words made explicit (<see cref="ClinicalLexicon"/>: "eGFR" and "DFG" become "dfg", distinct
    /// from the gene "EGFR"; "receptors" and "récepteurs" become "recepteur") and a final plural "s" dropped from
    /// words of five letters or more, except after s, i or u ("ganglions" and "ganglion(s)" meet; "status" stays), as a document is indexed.
    /// </summary>
    public static string Fold(string text) => Fold(text, query: false);

    /// <summary>The distinct folded words of a text (as a document), in order of first appearance.</summary>
    public static IReadOnlyList<string> Terms(string text) => Terms(text, query: false);

    /// <summary>
    /// The words a lexical query searches for: its folded words (abbreviations taken in their clinical meaning
    /// without the context a document needs: whoever types "PS" means the performance status) without French and
    /// English function words (they occur in nearly every chunk, so BM25 gives them almost no weight while their
    /// long posting lists make the search slow), unless nothing else is left, then the concept words its phrases
    /// name ("kidney function" also searches "dfg"); at most <paramref name="maxTerms"/>.
    /// </summary>
    public static IReadOnlyList<string> QueryTerms(string text, int maxTerms)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTerms, 1);
        var terms = Terms(text, query: true);
        var content = terms.Where(t => !StopWords.Contains(t)).ToList();
        var kept = content.Count > 0 ? content : terms.ToList();
        foreach (var concept in ClinicalLexicon.Expansions(terms))
        {
            if (!kept.Contains(concept, StringComparer.Ordinal))
            {
                kept.Add(concept);
            }
        }

        return kept.Count > maxTerms ? kept.Take(maxTerms).ToList() : kept;
    }

    /// <summary>The buffer size <see cref="Fold(ReadOnlySpan{char}, Span{char}, bool)"/> needs for a source of this length.</summary>
    internal static int MaxFoldedLength(int sourceLength) => (sourceLength * ClinicalLexicon.MaxExpansion) + 1;

    private static string Fold(string text, bool query)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return string.Empty;
        }

        var buffer = ArrayPool<char>.Shared.Rent(MaxFoldedLength(text.Length));
        try
        {
            var length = Fold(text, buffer, query);
            return new string(buffer, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static List<string> Terms(string text, bool query)
    {
        var folded = Fold(text, query);
        var terms = new List<string>();
        if (folded.Length == 0)
        {
            return terms;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
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
    /// Folds into <paramref name="destination"/> (at least <see cref="MaxFoldedLength"/> long) without allocating;
    /// returns the folded length. No leading, trailing or doubled spaces. <paramref name="query"/> takes
    /// abbreviations in their clinical meaning without looking at what follows them.
    /// </summary>
    internal static int Fold(ReadOnlySpan<char> source, Span<char> destination, bool query = false)
    {
        var written = 0;
        var i = 0;
        while (i < source.Length)
        {
            if (!IsWordChar(source[i]))
            {
                i++;
                continue;
            }

            var end = i + 1;
            while (end < source.Length && IsWordChar(source[end]))
            {
                end++;
            }

            var wordStart = written;
            if (written > 0)
            {
                destination[written++] = ' ';
            }

            var letters = written;
            if (ClinicalLexicon.Abbreviation(source, i, end, query) is { } concept)
            {
                concept.CopyTo(destination[written..]);
                written += concept.Length;
            }
            else
            {
                written = FoldWord(source[i..end], destination, written);
                written = Normalise(destination, letters, written);
            }

            // A word of combining marks only folds to nothing: take back its separator.
            if (written == letters)
            {
                written = wordStart;
            }

            i = end;
        }

        return written;
    }

    private static bool IsWordChar(char c)
    {
        if (c < TableSize)
        {
            return FoldTable[c] is not null;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
            || char.IsLetterOrDigit(c);
    }

    private static int FoldWord(ReadOnlySpan<char> word, Span<char> destination, int written)
    {
        foreach (var c in word)
        {
            if (c < TableSize)
            {
                // Non-null here: IsWordChar admitted it. Empty for a combining mark: part of the word, contributes nothing.
                var folded = FoldTable[c]!;
                if (folded.Length > 0)
                {
                    destination[written++] = folded[0];
                    if (folded.Length > 1)
                    {
                        destination[written++] = folded[1];
                    }
                }
            }
            else if (char.IsLetterOrDigit(c))
            {
                destination[written++] = char.ToLowerInvariant(c);
            }
        }

        return written;
    }

    /// <summary>Drops a plural "s" and maps a bilingual synonym, on the folded word destination[start..end].</summary>
    private static int Normalise(Span<char> destination, int start, int end)
    {
        var length = end - start;
        if (length >= MinPluralLength && destination[end - 1] == 's' && destination[end - 2] is >= 'a' and <= 'z' and not ('s' or 'i' or 'u'))
        {
            end--;
        }

        if (ClinicalLexicon.Synonym(destination[start..end]) is { } synonym)
        {
            synonym.CopyTo(destination[start..]);
            end = start + synonym.Length;
        }

        return end;
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
