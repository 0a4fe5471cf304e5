using System.Text;
using System.Text.RegularExpressions;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// One normalized term: its English name, its broader term (or null), the pattern of its written forms, and optionally
/// a second broader term (a squamous cell carcinoma is both a carcinoma and, in the lung, a non-small cell carcinoma).
/// </summary>
public sealed record VocabularyEntry(string Normalized, string? Parent, string Pattern, bool InSitu = false, string? OtherParent = null);

/// <summary>
/// A closed vocabulary with a hierarchy: every written form maps to one English lowercase term, and a term may have
/// a broader one ("acinar adenocarcinoma" -> "adenocarcinoma" -> "carcinoma"). Assembly uses the hierarchy to treat a
/// coarse statement as agreeing with a finer one instead of as a conflict.
/// </summary>
public sealed class Vocabulary
{
    private readonly Dictionary<string, VocabularyEntry> _byName;

    public Vocabulary(IReadOnlyList<VocabularyEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries;
        _byName = new Dictionary<string, VocabularyEntry>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            _byName.TryAdd(e.Normalized, e);
        }

        var pattern = new StringBuilder();
        for (var i = 0; i < entries.Count; i++)
        {
            if (i > 0)
            {
                pattern.Append('|');
            }

            pattern.Append("(?<e").Append(i).Append('>').Append(LineEndTolerant(entries[i].Pattern)).Append(')');
        }

        // Written forms are matched as whole words; the order of entries puts specific forms first. OCR of synoptic
        // forms glues an answer to the next label ("Squamous cell carcinomaHistologic grade", "LungTumor size"): a
        // lower-case letter followed by a capital is a word boundary too.
        Combined = new Regex(
            @"(?:(?<![\p{L}\p{N}])|" + GluedWords + @")(?:" + pattern + @")(?:(?![\p{L}\p{N}])|" + GluedWords + @")",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    private const string GluedWords = @"(?-i:(?<=\p{Ll})(?=\p{Lu}))";

    public IReadOnlyList<VocabularyEntry> Entries { get; }

    /// <summary>
    /// Reports whose lines were joined into one paragraph often carry a point where each line ended, inside a term
    /// ("Squamous cell. carcinoma", "invasive ductal. carcinoma"). Between two words of a form, a point followed by a
    /// word in lower case is read as that line end, not as a sentence end.
    /// </summary>
    private static string LineEndTolerant(string pattern) =>
        pattern.Replace(@"\s+", @"(?:\s*\.\s+(?=\p{Ll})|\s+)", StringComparison.Ordinal);

    /// <summary>One regex for all written forms; <see cref="EntryOf"/> tells which entry a match is.</summary>
    public Regex Combined { get; }

    public VocabularyEntry EntryOf(Match match)
    {
        ArgumentNullException.ThrowIfNull(match);
        for (var i = 0; i < Entries.Count; i++)
        {
            if (match.Groups["e" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)].Success)
            {
                return Entries[i];
            }
        }

        throw new InvalidOperationException("The match does not come from this vocabulary.");
    }

    public VocabularyEntry? Find(string normalized) => _byName.GetValueOrDefault(normalized);

    /// <summary>True when <paramref name="general"/> is <paramref name="specific"/> or one of its broader terms.</summary>
    public bool IsSameOrBroader(string general, string specific) => Reaches(specific, general, 0);

    private bool Reaches(string? current, string target, int depth)
    {
        if (current is null || depth > 10)
        {
            return false;
        }

        if (string.Equals(current, target, StringComparison.Ordinal))
        {
            return true;
        }

        var entry = Find(current);
        return entry is not null && (Reaches(entry.Parent, target, depth + 1) || Reaches(entry.OtherParent, target, depth + 1));
    }
}
