using System.Text.RegularExpressions;
using MedSummary.Core.Documents;
using MedSummary.Extraction.Coding;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// Which of one report's TNM statements stage the tumour the form is about. Both rules act only on a field for which the
/// report states two different categories; a report that stages once, or twice alike, is left as it is.
/// <list type="bullet">
/// <item><b>Revision.</b> A statement introduced as a revision in its own sentence ("the stage is revised as: pT3a",
/// "amended TNM: pT2", "stade rectifié : pT3") replaces the statements of the same category written before it: the
/// pathologist has withdrawn them.</item>
/// <item><b>Another organ's tumour.</b> A report may stage two primaries: the incidental prostate carcinoma of a
/// cystoprostatectomy is staged beside the bladder carcinoma ("BLADDER: pT3b N0. PROSTATE: pT2a N0", or one checklist
/// per organ). A statement whose own label (its sentence, up to the category) names an organ other than the primary
/// site the report was coded to is that other tumour's staging and leaves the form; statements that name no organ
/// stay.</item>
/// </list>
/// Nothing is dropped unless a statement of the field remains, so neither rule can turn a conflict into "not found"
/// by itself; what remains may still be a conflict, for a person to settle.
/// </summary>
internal static partial class StagingScope
{
    // How far before a statement its own label is looked for.
    private const int LabelReach = 80;

    // Categories of one joint group ("pT3b, N1, MX") sit this close; a wider gap starts another statement.
    private const int GroupGap = 12;

    public static List<Finding> Apply(SourceDocument document, List<Finding> findings)
    {
        var tnm = findings.Where(f => TnmExtractor.Keys.Contains(f.FieldKey, StringComparer.Ordinal)).OrderBy(f => f.Span.Start).ToList();
        if (tnm.Count < 2 || !tnm.GroupBy(f => f.FieldKey, StringComparer.Ordinal).Any(Differs))
        {
            return findings;
        }

        var groups = Groups(tnm);
        var dropped = new HashSet<Finding>(ReferenceEqualityComparer.Instance);
        Revisions(document.Text, groups, dropped);
        OtherOrgans(document.Text, groups, findings, dropped);
        return dropped.Count == 0 ? findings : [.. findings.Where(f => !dropped.Contains(f))];
    }

    private static bool Differs(IGrouping<string, Finding> field) =>
        field.Select(f => f.Normalized).Distinct(StringComparer.Ordinal).Skip(1).Any();

    /// <summary>Statements in text order, each the categories written together ("pT3b, N1, MX").</summary>
    private static List<List<Finding>> Groups(List<Finding> tnm)
    {
        var groups = new List<List<Finding>>();
        foreach (var f in tnm)
        {
            var last = groups.Count == 0 ? null : groups[^1];
            if (last is not null && f.Span.Start - last.Max(g => g.Span.End) <= GroupGap
                && !last.Any(g => g.FieldKey == f.FieldKey))
            {
                last.Add(f);
            }
            else
            {
                groups.Add([f]);
            }
        }

        return groups;
    }

    private static void Revisions(string text, List<List<Finding>> groups, HashSet<Finding> dropped)
    {
        for (var i = 1; i < groups.Count; i++)
        {
            if (!RevisionCue().IsMatch(Label(text, groups, i)))
            {
                continue;
            }

            foreach (var revised in groups[i])
            {
                foreach (var earlier in groups.Take(i).SelectMany(g => g))
                {
                    if (earlier.FieldKey == revised.FieldKey && earlier.Normalized != revised.Normalized)
                    {
                        dropped.Add(earlier);
                    }
                }
            }
        }
    }

    private static void OtherOrgans(string text, List<List<Finding>> groups, List<Finding> findings, HashSet<Finding> dropped)
    {
        var vocabulary = IcdO3Vocabulary.Instance;
        var primary = findings.Where(f => f.FieldKey == ExtensionFields.IcdO3Topography)
            .Select(f => vocabulary.SiteOf(f.Normalized)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (primary.Count == 0)
        {
            return;
        }

        var sites = SiteVocabulary.Instance;
        bool OfPrimary(string organ) => primary.Any(p => sites.IsSameOrBroader(p, organ) || sites.IsSameOrBroader(organ, p));

        var organs = new string?[groups.Count];
        for (var i = 0; i < groups.Count; i++)
        {
            organs[i] = OrganOf(text, groups, i);
        }

        if (!organs.Any(o => o is not null && !OfPrimary(o)))
        {
            return;
        }

        foreach (var key in TnmExtractor.Keys)
        {
            var statements = Enumerable.Range(0, groups.Count)
                .SelectMany(i => groups[i].Where(f => f.FieldKey == key && !dropped.Contains(f)).Select(f => (Finding: f, Organ: organs[i])))
                .ToList();
            var others = statements.Where(s => s.Organ is not null && !OfPrimary(s.Organ)).ToList();
            if (others.Count == 0 || others.Count == statements.Count
                || statements.Select(s => s.Finding.Normalized).Distinct(StringComparer.Ordinal).Count() < 2)
            {
                continue;
            }

            foreach (var (finding, _) in others)
            {
                dropped.Add(finding);
            }
        }
    }

    /// <summary>
    /// The organ a statement names as its own: the last organ word of its label ("PROSTATE: pT2a", "Bladder tumour,
    /// pathologic stage: pT3b"). The legend after a category is not read: "pT4a (invades the prostatic stroma)" names
    /// the neighbour a bladder tumour reached.
    /// </summary>
    private static string? OrganOf(string text, List<List<Finding>> groups, int index)
    {
        var sites = SiteVocabulary.Instance;
        var organ = sites.Combined.Matches(Label(text, groups, index)).LastOrDefault();
        return organ is null ? null : sites.EntryOf(organ).Normalized;
    }

    /// <summary>
    /// The words a statement is introduced by: its clause (<see cref="ClinicalScope.PreWindow"/>) up to the category,
    /// after the previous statement and at most <see cref="LabelReach"/> characters back.
    /// </summary>
    private static string Label(string text, List<List<Finding>> groups, int index)
    {
        var start = groups[index][0].Span.Start;
        var previous = index == 0 ? 0 : groups[index - 1].Max(f => f.Span.End);
        var from = Math.Max(Math.Max(previous, start - LabelReach), ClinicalScope.PreWindow(text, start));
        return text[Math.Min(from, start)..start];
    }

    // "Modified" is no cue: "modified radical mastectomy" and "modified Bloom-Richardson" are no revisions.
    [GeneratedRegex(@"\b(?:revis(?:ed|ion)|amend(?:ed|ment)|correct(?:ed|ion)|updated|r[ée]vis[ée]e?s?|rectifi[ée]e?s?|corrig[ée]e?s?|changed\s+to)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RevisionCue();
}
