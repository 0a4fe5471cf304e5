using System.Globalization;
using System.Text;

namespace MedSummary.Extraction.Verification;

/// <summary>Length-preserving folding for matching: lower case, accents removed, typographic dashes and quotes made plain.</summary>
public static class TextFold
{
    /// <summary>
    /// One output character per input character, so offsets found in the folded text are offsets of the original:
    /// "Létrozole" becomes "letrozole", "œ" becomes "o" (its first letter), "‑" and "–" become "-", "’" becomes "'".
    /// </summary>
    public static string Fold(string text)
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
            case 'œ' or 'Œ':
                return 'o';
            case 'æ' or 'Æ':
                return 'a';
            case 'ß':
                return 's';
            case '×':
                return 'x';
        }

        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        foreach (var d in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
            {
                return char.ToLowerInvariant(d);
            }
        }

        return char.ToLowerInvariant(c);
    }
}
