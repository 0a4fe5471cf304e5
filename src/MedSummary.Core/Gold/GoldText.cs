using System.Text;

namespace MedSummary.Core.Gold;

/// <summary>The one rule by which gold quotes are compared with document text.</summary>
public static class GoldText
{
    /// <summary>
    /// Every run of whitespace becomes one space and the ends are trimmed, so that a quote written on one line
    /// matches text that a reader broke across lines or separated into table cells. Nothing else changes:
    /// case, accents and punctuation must be verbatim.
    /// </summary>
    public static string NormalizeWhitespace(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>True when <paramref name="quote"/> occurs in <paramref name="text"/> under <see cref="NormalizeWhitespace"/>.</summary>
    public static bool Contains(string text, string quote)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(quote);
        var needle = NormalizeWhitespace(quote);
        return needle.Length > 0 && NormalizeWhitespace(text).Contains(needle, StringComparison.Ordinal);
    }
}
