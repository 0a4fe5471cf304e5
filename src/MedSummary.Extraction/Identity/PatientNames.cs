using MedSummary.Extraction.Grounding.Text;

namespace MedSummary.Extraction.Identity;

/// <summary>
/// How two written names of a patient are compared: accents, case, word order, hyphens, apostrophes and full stops do
/// not count; "épouse"/"née" join a married and a birth name into one name; an initial matches any word it begins
/// ("H.C." matches "Helen CARTER", "J. DUPONT" matches "Jean DUPONT"). Two names match when every word of the shorter
/// one matches a distinct word of the longer one, so "LEMAÎTRE" alone matches "Sylvie Lemaître" and
/// "Marie MARTIN épouse DUPONT" matches "Marie DUPONT".
/// </summary>
public static class PatientNames
{
    // Words that link names or mark a name's kind, never names themselves.
    private static readonly HashSet<string> Links = new(StringComparer.Ordinal)
    {
        "EPOUSE", "EP", "NEE", "NE", "DITE", "DIT", "VEUVE", "VVE",
    };

    /// <summary>The words of a name, folded (upper case, accents removed), without linking words.</summary>
    public static IReadOnlyList<string> Words(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return [.. TextFolding.FoldWords(name).ToUpperInvariant()
            .Split([' ', '\'', '-', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !Links.Contains(w))];
    }

    /// <summary>Whether the name is written as initials only ("H.C.", "C. W.").</summary>
    public static bool IsInitials(string name)
    {
        var words = Words(name);
        return words.Count > 0 && words.All(w => w.Length == 1);
    }

    /// <summary>Whether two written names can name the same person (see the type's summary for the tolerances).</summary>
    public static bool AreCompatible(string a, string b)
    {
        var x = Words(a);
        var y = Words(b);
        if (x.Count == 0 || y.Count == 0)
        {
            return true;
        }

        // The name with fewer words (on a tie, fewer letters: initials) must fit into the other.
        var (shorter, longer) = (x.Count, x.Sum(w => w.Length)).CompareTo((y.Count, y.Sum(w => w.Length))) <= 0 ? (x, y) : (y, x);
        var free = longer.ToList();

        // Whole words first, so an initial does not take the word a whole word needs.
        foreach (var w in shorter.Where(w => w.Length > 1))
        {
            if (!free.Remove(w))
            {
                return false;
            }
        }

        foreach (var initial in shorter.Where(w => w.Length == 1))
        {
            var at = free.FindIndex(w => w[0] == initial[0]);
            if (at < 0)
            {
                return false;
            }

            free.RemoveAt(at);
        }

        return true;
    }
}
