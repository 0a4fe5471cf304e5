namespace MedSummary.Ingestion.Pdf;

/// <summary>What to do with a hyphen that ends a line.</summary>
public enum HyphenDecision
{
    /// <summary>Not a word split at the line end: keep the line break.</summary>
    NotHyphenated,

    /// <summary>A word split by the typesetter: drop the hyphen and join the halves ("carci-" + "nome").</summary>
    Repair,

    /// <summary>A real compound split at its own hyphen: keep the hyphen and join without a break ("anti-" + "HER2").</summary>
    KeepHyphen,
}

/// <summary>
/// Decides how to join a line ending in a hyphen with the next line.
/// </summary>
/// <remarks>
/// The heuristic, in order:
/// <list type="number">
/// <item>Only a hyphen (U+002D, U+2010) or soft hyphen (U+00AD) glued to a letter or digit, followed on the next line
/// by a letter or digit, is considered; anything else ("Conclusion -", a dash) keeps the line break.</item>
/// <item>A soft hyphen is always a typesetter's split: repair.</item>
/// <item>The hyphen is kept (compound joined without a break) when the next part starts with an uppercase letter or a
/// digit ("anti-HER2", "Ki-67", "2015-2018"), when the part before it contains a digit or two uppercase letters
/// ("HER2-positive", "PD-L1"), is a single letter ("T-cell") or is one of the few prefixes that are nearly always
/// a compound's ("non-", "sous-", "semi-"...), when the word already had a hyphen ("c'est-à-dire"), or when the next part is a word that usually follows a hyphen ("-même", "-ci",
/// "-là", "-être", "-up"...).</item>
/// <item>Otherwise (a lowercase word split in two) the hyphen is removed: "carci-nome" becomes "carcinome".</item>
/// </list>
/// Compounds outside these lists ("anti-inflammatoire" split after "anti-") are joined without their hyphen; a
/// missing hyphen in a compound hurts search less than a stray one inside an ordinary word split at a syllable.
/// </remarks>
public static class Hyphenation
{
    // Typesetters split at syllables, which are often prefixes too ("anti-biotique", "post-érieur", "pré-sence"),
    // so only prefixes that are hardly ever the first syllable of a plain word are trusted to mark a compound.
    private static readonly HashSet<string> HyphenatedPrefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "non", "sous", "semi", "demi", "quasi", "self", "vice", "well",
    };

    // Whole words that usually stand after a hyphen: French pronoun inversions and demonstratives, "follow-up".
    private static readonly HashSet<string> HyphenatedSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "même", "mêmes", "ci", "là", "être", "dire", "vous", "il", "ils", "elle", "elles", "on", "nous", "je",
        "tu", "moi", "toi", "lui", "eux", "up", "based", "like", "related", "free", "type",
    };

    /// <param name="before">The last word of the line, ending with the hyphen.</param>
    /// <param name="after">The first word of the next line.</param>
    public static HyphenDecision Decide(ReadOnlySpan<char> before, ReadOnlySpan<char> after)
    {
        if (before.Length < 2 || after.IsEmpty)
        {
            return HyphenDecision.NotHyphenated;
        }

        var hyphen = before[^1];
        if (hyphen is not ('-' or '\u2010' or '\u00AD') || !char.IsLetterOrDigit(before[^2]) || !char.IsLetterOrDigit(after[0]))
        {
            return HyphenDecision.NotHyphenated;
        }

        if (hyphen == '\u00AD')
        {
            return HyphenDecision.Repair;
        }

        // The fragment is the piece after any earlier hyphen: "c'est-à-" gives "à", "anti-PD-" gives "PD".
        var body = before[..^1];
        var lastHyphen = body.LastIndexOfAny('-', '\u2010');
        var fragment = lastHyphen >= 0 ? body[(lastHyphen + 1)..] : body;
        var apostrophe = fragment.LastIndexOfAny('\'', '\u2019');
        if (apostrophe >= 0)
        {
            fragment = fragment[(apostrophe + 1)..];
        }

        var nextPart = after;
        var nextEnd = nextPart.IndexOfAny(" -\u2010.,;:!?)".AsSpan());
        if (nextEnd >= 0)
        {
            nextPart = nextPart[..nextEnd];
        }

        if (char.IsUpper(after[0]) || char.IsDigit(after[0]))
        {
            return HyphenDecision.KeepHyphen;
        }

        var uppercase = 0;
        foreach (var c in fragment)
        {
            if (char.IsDigit(c))
            {
                return HyphenDecision.KeepHyphen;
            }

            if (char.IsUpper(c))
            {
                uppercase++;
            }
        }

        if (uppercase >= 2 || fragment.Length <= 1)
        {
            return HyphenDecision.KeepHyphen;
        }

        var lookup = HyphenatedPrefixes.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.Contains(fragment))
        {
            return HyphenDecision.KeepHyphen;
        }

        var suffixLookup = HyphenatedSuffixes.GetAlternateLookup<ReadOnlySpan<char>>();
        if (suffixLookup.Contains(nextPart) || (lastHyphen >= 0 && suffixLookup.Contains(fragment)))
        {
            return HyphenDecision.KeepHyphen;
        }

        // A compound already hyphenated earlier in the word ("c'est-à-dire", "lui-même-") keeps its hyphens.
        return lastHyphen >= 0 ? HyphenDecision.KeepHyphen : HyphenDecision.Repair;
    }
}
