using System.Text.RegularExpressions;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Extraction.Coding;
using MedSummary.Extraction.Form;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// Which of one report's statements are about the tumour the form is about. Every rule acts only on a field for which
/// the report states two different values; a report that states it once, or twice alike, is left as it is.
/// <list type="bullet">
/// <item><b>Revision.</b> A TNM statement introduced as a revision in its own sentence ("the stage is revised as: pT3a",
/// "amended TNM: pT2", "stade rectifié : pT3") replaces the statements of the same category written before it: the
/// pathologist has withdrawn them.</item>
/// <item><b>Another organ's tumour.</b> A report may describe two primaries: the incidental prostate carcinoma of a
/// cystoprostatectomy is staged and typed beside the bladder carcinoma ("BLADDER: pT3b N0. PROSTATE: pT2a N0",
/// "PROSTATE: prostatic adenocarcinoma, Gleason 3+3", or one checklist per organ). A TNM, histology or morphology
/// statement whose own label (its clause, up to the value) names an organ other than the primary site the report was
/// coded to is that other tumour's and leaves the form; statements that name no organ stay.</item>
/// <item><b>A metastasis.</b> A type written as metastatic ("metastatic adenocarcinoma in one of two nodes") describes
/// a deposit, which may come from another primary; where the report types a tumour without that word differently, the
/// unqualified type is the primary's.</item>
/// </list>
/// Nothing is dropped unless a statement of the field remains, so no rule can turn a conflict into "not found" by
/// itself; what remains may still be a conflict, for a person to settle.
/// </summary>
internal static partial class StagingScope
{
    // How far before a statement its own label is looked for.
    private const int LabelReach = 80;

    // Categories of one joint group ("pT3b, N1, MX") sit this close; a wider gap starts another statement.
    private const int GroupGap = 12;

    // Fields that name a tumour's type: one report's second primary or metastasis may type it differently.
    private static readonly string[] TypeKeys = [ContractFields.Histology, ExtensionFields.IcdO3Morphology];

    // How much of a type's label the word "metastatic" may stand in ("METASTATIC, MODERATELY DIFFERENTIATED ").
    private const int MetastaticReach = 40;

    public static List<Finding> Apply(SourceDocument document, List<Finding> findings)
    {
        var text = document.Text;
        var dropped = new HashSet<Finding>(ReferenceEqualityComparer.Instance);
        var primary = PrimaryOrgans(findings);
        var tnm = findings.Where(f => TnmExtractor.Keys.Contains(f.FieldKey, StringComparer.Ordinal)).OrderBy(f => f.Span.Start).ToList();
        if (tnm.Count >= 2 && tnm.GroupBy(f => f.FieldKey, StringComparer.Ordinal).Any(Differs))
        {
            var groups = Groups(tnm);
            Revisions(text, groups, dropped);
            OtherOrgans(text, groups, primary, dropped);
        }

        foreach (var key in TypeKeys)
        {
            OtherTypes(text, findings, key, primary, dropped);
        }

        return dropped.Count == 0 ? findings : [.. findings.Where(f => !dropped.Contains(f))];
    }

    /// <summary>The organs of the primary site the report was coded to (none when nothing was coded).</summary>
    private static List<string> PrimaryOrgans(List<Finding> findings)
    {
        var vocabulary = IcdO3Vocabulary.Instance;
        return [.. findings.Where(f => f.FieldKey == ExtensionFields.IcdO3Topography)
            .Select(f => vocabulary.SiteOf(f.Normalized)).OfType<string>().Distinct(StringComparer.Ordinal)];
    }

    private static bool OfPrimary(List<string> primary, string organ)
    {
        var sites = SiteVocabulary.Instance;
        return primary.Any(p => sites.IsSameOrBroader(p, organ) || sites.IsSameOrBroader(organ, p));
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

    private static void OtherOrgans(string text, List<List<Finding>> groups, List<string> primary, HashSet<Finding> dropped)
    {
        if (primary.Count == 0)
        {
            return;
        }

        bool Other(string? organ) => organ is not null && !OfPrimary(primary, organ);

        var organs = new string?[groups.Count];
        for (var i = 0; i < groups.Count; i++)
        {
            organs[i] = OrganOf(text, groups, i);
        }

        if (!organs.Any(Other))
        {
            return;
        }

        foreach (var key in TnmExtractor.Keys)
        {
            var statements = Enumerable.Range(0, groups.Count)
                .SelectMany(i => groups[i].Where(f => f.FieldKey == key && !dropped.Contains(f)).Select(f => (Finding: f, Organ: organs[i])))
                .ToList();
            var others = statements.Where(s => Other(s.Organ)).ToList();
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
    /// Drops the types written for another organ's tumour or for a metastasis, when a type of the field written for
    /// neither remains. Each mention is its own statement; its label stops at the previous mention of the field.
    /// </summary>
    private static void OtherTypes(string text, List<Finding> findings, string key, List<string> primary, HashSet<Finding> dropped)
    {
        var statements = findings.Where(f => f.FieldKey == key).OrderBy(f => f.Span.Start).ToList();
        if (statements.Select(f => f.Normalized).Distinct(StringComparer.Ordinal).Count() < 2)
        {
            return;
        }

        var others = new List<Finding>();
        var previous = 0;
        foreach (var statement in statements)
        {
            var label = Label(text, statement.Span.Start, previous);
            previous = Math.Max(previous, statement.Span.End);
            var organ = OrganAfter(text, statement.Span.End) ?? LastOrgan(label);
            if ((primary.Count > 0 && organ is not null && !OfPrimary(primary, organ))
                || IcdO3Coder.Metastatic().IsMatch(label[Math.Max(0, label.Length - MetastaticReach)..])
                || MetastaticAfter().IsMatch(text, statement.Span.End))
            {
                others.Add(statement);
            }
        }

        if (others.Count == 0 || others.Count == statements.Count)
        {
            return;
        }

        // A type the remaining ones agree with ("metastatic papillary thyroid carcinoma" beside "papillary carcinoma")
        // is the same tumour told more precisely: it stays and makes the answer finer.
        var kept = statements.Except(others).Select(f => f.Normalized).Distinct(StringComparer.Ordinal).ToList();
        dropped.UnionWith(others.Where(o => !kept.Any(k =>
            FieldRelations.IsSameOrBroader(key, k, o.Normalized) || FieldRelations.IsSameOrBroader(key, o.Normalized, k))));
    }

    /// <summary>
    /// The organ a statement names as its own: the last organ word of its label ("PROSTATE: pT2a", "Bladder tumour,
    /// pathologic stage: pT3b"). The legend after a category is not read: "pT4a (invades the prostatic stroma)" names
    /// the neighbour a bladder tumour reached.
    /// </summary>
    private static string? OrganOf(string text, List<List<Finding>> groups, int index) =>
        LastOrgan(Label(text, groups, index));

    private static string? LastOrgan(string label)
    {
        var sites = SiteVocabulary.Instance;
        var organ = sites.Combined.Matches(label).LastOrDefault();
        return organ is null ? null : sites.EntryOf(organ).Normalized;
    }

    /// <summary>
    /// The organ a type names right after itself, as its own: "adenocarcinoma of the prostate", "adénocarcinome
    /// prostatique", "carcinome urothélial infiltrant de la vessie". Null when other words come first: "carcinoma
    /// invading the prostate" names a neighbour the tumour reached.
    /// </summary>
    private static string? OrganAfter(string text, int end)
    {
        var link = OrganLink().Match(text, end);
        var sites = SiteVocabulary.Instance;
        var organ = sites.Combined.Match(text, link.Index + link.Length);
        return organ.Success && organ.Index == link.Index + link.Length ? sites.EntryOf(organ).Normalized : null;
    }

    /// <summary>
    /// The words a statement is introduced by: its clause (<see cref="ClinicalScope.PreWindow"/>) up to the statement,
    /// after the previous statement and at most <see cref="LabelReach"/> characters back.
    /// </summary>
    private static string Label(string text, List<List<Finding>> groups, int index) =>
        Label(text, groups[index][0].Span.Start, index == 0 ? 0 : groups[index - 1].Max(f => f.Span.End));

    private static string Label(string text, int start, int previous)
    {
        var from = Math.Max(Math.Max(previous, start - LabelReach), ClinicalScope.PreWindow(text, start));
        return text[Math.Min(from, start)..start];
    }

    // Words that may stand between a type and the organ it names: "of the", "de la", "infiltrant de la", "invasive".
    [GeneratedRegex(@"\G[ \t]*,?[ \t]*(?:(?:infiltr\p{L}*|invasi\p{L}*|primiti\p{L}*|of|the|de|du|des|la|le|l['’]|d['’])(?:[ \t]+|(?<=['’])))*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrganLink();

    // A type called metastatic after it: "adenocarcinoma, metastatic", "adénocarcinome métastatique".
    [GeneratedRegex(@"\G[ \t]*,?[ \t]*(?:metastatic|m[ée]tastatiques?|secondaires?)(?![\p{L}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetastaticAfter();

    // "Modified" is no cue: "modified radical mastectomy" and "modified Bloom-Richardson" are no revisions.
    [GeneratedRegex(@"\b(?:revis(?:ed|ion)|amend(?:ed|ment)|correct(?:ed|ion)|updated|r[ée]vis[ée]e?s?|rectifi[ée]e?s?|corrig[ée]e?s?|changed\s+to)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RevisionCue();
}
