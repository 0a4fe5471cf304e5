using System.Globalization;

namespace MedSummary.Ingestion.Language;

/// <summary>
/// Tells French from English (or neither) by counting frequent function words, helped by French accented letters.
/// </summary>
/// <remarks>
/// The first <see cref="MaxChars"/> characters are split into lowercase words. Each word in the French list counts
/// one point for French, each word in the English list one point for English (words common to both, like "a",
/// "on" or "son", are in neither list), and each word with a French accent (é, è, ê, à, ç, ù, œ...) half a point for
/// French. With fewer than <see cref="MinEvidence"/> points in total the text is too short or not prose: "und".
/// Otherwise the language holding at least <see cref="Dominance"/> of the points wins; a mix below it is "und".
/// </remarks>
public static class LanguageDetector
{
    public const string French = "fr";
    public const string English = "en";
    public const string Undetermined = "und";

    private const int MaxChars = 50_000;
    private const double MinEvidence = 5;
    private const double Dominance = 0.65;

    private static readonly HashSet<string> FrenchWords = new(StringComparer.Ordinal)
    {
        "le", "la", "les", "des", "du", "de", "et", "est", "une", "un", "dans", "pour", "avec", "sur", "pas",
        "par", "au", "aux", "qui", "que", "ce", "cette", "il", "elle", "sont", "été", "sans", "mais", "ou", "en",
        "lors", "chez", "après", "avant", "être", "avons", "ont", "leur", "ses", "ces", "nous", "vous", "très",
        "patient", "patiente", "gauche", "droit", "droite", "examen", "traitement", "compte", "rendu",
    };

    private static readonly HashSet<string> EnglishWords = new(StringComparer.Ordinal)
    {
        "the", "and", "of", "to", "is", "was", "with", "for", "at", "by", "an", "are", "this", "that", "from",
        "be", "which", "were", "not", "or", "no", "has", "have", "had", "there", "been", "after", "before",
        "left", "right", "report", "history", "treatment", "his", "her", "she", "he", "in",
    };

    public static string Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan(0, Math.Min(text.Length, MaxChars));
        double french = 0;
        double english = 0;
        var frenchLookup = FrenchWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var englishLookup = EnglishWords.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> buffer = stackalloc char[32];
        var i = 0;
        while (i < span.Length)
        {
            while (i < span.Length && !IsWordChar(span[i]))
            {
                i++;
            }

            var start = i;
            while (i < span.Length && IsWordChar(span[i]))
            {
                i++;
            }

            var word = span[start..i];
            if (word.IsEmpty || word.Length > buffer.Length)
            {
                continue;
            }

            var lower = buffer[..word.Length];
            word.ToLower(lower, CultureInfo.InvariantCulture);
            if (frenchLookup.Contains(lower))
            {
                french++;
            }
            else if (englishLookup.Contains(lower))
            {
                english++;
            }

            if (lower.IndexOfAny("éèêëàâçùûôîïœ") >= 0)
            {
                french += 0.5;
            }
        }

        var total = french + english;
        if (total < MinEvidence)
        {
            return Undetermined;
        }

        return french / total >= Dominance ? French
            : english / total >= Dominance ? English
            : Undetermined;
    }

    private static bool IsWordChar(char c) => char.IsLetter(c);
}
