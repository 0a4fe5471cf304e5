using System.Text;
using MedSummary.Core.Gold;

namespace MedSummary.Evaluation.Metrics;

/// <summary>
/// How values are compared with the truth. Gold values are written in the normalized vocabularies of
/// eval/README.md; an answer's normalized value is compared with them after <see cref="Canonical"/>, nothing more:
/// a "pT2" where the vocabulary says "T2" is a wrong answer, not a near miss.
/// </summary>
public static class FieldValues
{
    /// <summary>Written by a multi-valued answer that states "none" (an empty set).</summary>
    public const string NoneToken = "none";

    private static readonly char[] SetSeparators = [',', ';', '|'];

    /// <summary>
    /// The comparison form: trimmed, lowercase (invariant), every run of whitespace one space, and no space next to
    /// a character that is neither letter nor digit ("3 + 4 = 7" is "3+4=7", "20 %" is "20%"). Accents are kept.
    /// </summary>
    public static string Canonical(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }

        var collapsed = GoldText.NormalizeWhitespace(value).ToLowerInvariant();
        var builder = new StringBuilder(collapsed.Length);
        for (var i = 0; i < collapsed.Length; i++)
        {
            var c = collapsed[i];
            if (c == ' ')
            {
                var previous = builder.Length > 0 ? builder[^1] : ' ';
                var next = i + 1 < collapsed.Length ? collapsed[i + 1] : ' ';
                if (!char.IsLetterOrDigit(previous) || !char.IsLetterOrDigit(next))
                {
                    continue;
                }
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>True when two single values are the same under <see cref="Canonical"/> (an empty answer never matches).</summary>
    public static bool Same(string? expected, string? actual)
    {
        var a = Canonical(actual);
        return a.Length > 0 && string.Equals(Canonical(expected), a, StringComparison.Ordinal);
    }

    /// <summary>
    /// The set a multi-valued answer states: its normalized value split on ',', ';' or '|', each part canonical,
    /// "none" and empty parts dropped (so "none" and "" both state the empty set).
    /// </summary>
    public static IReadOnlySet<string> SplitSet(string? value)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (value is null)
        {
            return set;
        }

        foreach (var part in value.Split(SetSeparators))
        {
            var canonical = Canonical(part);
            if (canonical.Length > 0 && canonical != NoneToken)
            {
                set.Add(canonical);
            }
        }

        return set;
    }

    /// <summary>True when the answer states exactly the expected set, in any order.</summary>
    public static bool SameSet(IEnumerable<string> expected, string? actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var wanted = expected.Select(Canonical).Where(v => v.Length > 0).ToHashSet(StringComparer.Ordinal);
        return wanted.SetEquals(SplitSet(actual));
    }

    /// <summary>
    /// True when <paramref name="quote"/> contains <paramref name="value"/> once both are whitespace-collapsed and
    /// lowercased. The value is the one written in the source (<c>FieldResult.Value</c>, "grade 2"), not the
    /// normalized one ("G2"): a citation supports a value when the words it quotes are the words the value was read from.
    /// </summary>
    public static bool QuoteContains(string quote, string? value)
    {
        ArgumentNullException.ThrowIfNull(quote);
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var needle = GoldText.NormalizeWhitespace(value).ToLowerInvariant();
        return GoldText.NormalizeWhitespace(quote).ToLowerInvariant().Contains(needle, StringComparison.Ordinal);
    }

    /// <summary>Short display text for reports: whitespace collapsed, cut to <paramref name="max"/> characters with an ellipsis.</summary>
    public static string Truncate(string? text, int max = 60)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 2);
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var collapsed = GoldText.NormalizeWhitespace(text);
        return collapsed.Length <= max ? collapsed : string.Concat(collapsed.AsSpan(0, max - 1), "…");
    }
}
