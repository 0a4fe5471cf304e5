using System.Text.RegularExpressions;
using MedSummary.Core.Documents;
using MedSummary.Core.Gold;
using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// Microsatellite instability and mismatch-repair status: "MSI-H", "microsatellite stable (MSS)", "dMMR", "pMMR",
/// "instabilité microsatellitaire", "MMR proteins retained", "statut MSI : stable", and the MMR proteins whose
/// expression is lost ("perte d'expression de MLH1 et PMS2", "MLH1: lost; PMS2: lost", "loss of MSH2 and MSH6").
/// </summary>
/// <remarks>
/// <c>msi_status</c> keeps the form's two values: "msi-h" for MSI-H, dMMR or any lost MMR protein, "mss" for MSS,
/// pMMR, retained expression of all four proteins (or of "the MMR proteins"), and MSI-L, which guidelines treat with
/// MSS (the finding's note keeps "MSI-L"). A denied instability or loss ("pas d'instabilité microsatellitaire", "no loss
/// of MLH1, PMS2, MSH2 or MSH6") is a stable / proficient result. Lost proteins go to
/// <see cref="ExtensionFields.MmrLostProteins"/> in the fixed order MLH1, PMS2, MSH2, MSH6 ("MLH1/PMS2"); retention of
/// only some proteins states no status by itself. Germline mutations ("MLH1 mutation") are not IHC results and give
/// nothing; nor does a test requested or a relative's result.
/// </remarks>
public sealed partial class MsiExtractor : IFieldExtractor
{
    private const string High = "msi-h";
    private const string Stable = "mss";
    private const int JoinReach = 80;
    private static readonly string[] ProteinOrder = ["MLH1", "PMS2", "MSH2", "MSH6"];

    private const ScopeKind NotForThisTumour = ScopeKind.Hypothetical | ScopeKind.Family | ScopeKind.History | ScopeKind.OptionList | ScopeKind.Legend;

    public IReadOnlyList<string> Fields { get; } = [GoldFields.MsiStatus, ExtensionFields.MmrLostProteins];

    public IEnumerable<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Statuses(document).Concat(Proteins(document));
    }

    private static IEnumerable<Finding> Statuses(SourceDocument document)
    {
        var text = document.Text;
        foreach (Match m in Status().Matches(text))
        {
            var span = new TextSpan(m.Index, m.Index + m.Length);
            if (!ClinicalScope.IsAffirmed(text, span, NotForThisTumour) || IsOptionPair(text, span) || MarkerText.IsNotDoneAfter(text, span.End))
            {
                continue;
            }

            var high = m.Groups["h"].Success;
            var note = m.Groups["l"].Success ? "MSI-L" : null;
            if (ClinicalScope.Detect(text, span, ScopeKind.Negated) != ScopeKind.None)
            {
                // "no microsatellite instability", "absence de dMMR": a denied deficiency is a proficient result; a denied
                // stability says nothing clear.
                if (!high)
                {
                    continue;
                }

                high = false;
                note = "instability denied";
            }

            var valueGroup = m.Groups["v"].Success ? m.Groups["v"] : null;
            var value = valueGroup?.Value ?? m.Value;
            yield return new Finding(GoldFields.MsiStatus, value.Trim(), high ? High : Stable, document.Id, span, RuleConfidence.Explicit) { Note = note };
        }
    }

    /// <summary>Runs of protein names read with the loss or retention stated before or after them.</summary>
    private static IEnumerable<Finding> Proteins(SourceDocument document)
    {
        var text = document.Text;
        var lost = new List<(TextSpan Span, HashSet<string> Proteins)>();
        foreach (Match run in ProteinRun().Matches(text))
        {
            var proteins = ProteinName().Matches(run.Value).Select(p => p.Value.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
            var runSpan = new TextSpan(run.Index, run.Index + run.Length);
            if (!ClinicalScope.IsAffirmed(text, runSpan, ScopeKind.Hypothetical | ScopeKind.Family | ScopeKind.History | ScopeKind.OptionList))
            {
                continue;
            }

            var before = ReportContext.Slice(text, run.Index - 70, run.Index);
            var after = ReportContext.Slice(text, runSpan.End, runSpan.End + 60);
            Match? word = null;
            var pre = StateBefore().Match(before);
            if (pre.Success)
            {
                word = pre;
            }
            else if (StateAfter().Match(after) is { Success: true } post)
            {
                word = post;
            }

            if (word is null)
            {
                continue;
            }

            var offset = ReferenceEquals(word, pre) ? run.Index - before.Length : runSpan.End;
            var stateGroup = word.Groups["lost"].Success ? word.Groups["lost"] : word.Groups["kept"];
            var stateSpan = new TextSpan(offset + stateGroup.Index, offset + stateGroup.Index + stateGroup.Length);
            var isLost = word.Groups["lost"].Success && ClinicalScope.Detect(text, stateSpan, ScopeKind.Negated) == ScopeKind.None;
            var span = new TextSpan(Math.Min(stateSpan.Start, runSpan.Start), Math.Max(stateSpan.End, runSpan.End));
            if (isLost)
            {
                lost.Add((span, proteins));
            }
            else if (proteins.Count == ProteinOrder.Length)
            {
                yield return new Finding(GoldFields.MsiStatus, text[span.Start..span.End], Stable, document.Id, span, RuleConfidence.Explicit) { Note = "MMR proteins retained" };
            }
        }

        // "MLH1: lost; PMS2: lost" states one result, written one protein at a time.
        var i = 0;
        while (i < lost.Count)
        {
            var span = lost[i].Span;
            var proteins = new HashSet<string>(lost[i].Proteins, StringComparer.Ordinal);
            var j = i + 1;
            while (j < lost.Count && lost[j].Span.Start - span.End <= JoinReach)
            {
                span = new TextSpan(span.Start, Math.Max(span.End, lost[j].Span.End));
                proteins.UnionWith(lost[j].Proteins);
                j++;
            }

            var written = text[span.Start..span.End];
            var normalized = string.Join('/', ProteinOrder.Where(proteins.Contains));
            yield return new Finding(ExtensionFields.MmrLostProteins, written, normalized, document.Id, span, RuleConfidence.Explicit);
            yield return new Finding(GoldFields.MsiStatus, written, High, document.Id, span, RuleConfidence.Explicit) { Note = "loss of " + normalized };
            i = j;
        }
    }

    /// <summary>"MSI-H / MSS", "MSS ou MSI": the two results printed side by side for choosing.</summary>
    private static bool IsOptionPair(string text, TextSpan span) =>
        OptionAfter().IsMatch(ReportContext.Slice(text, span.End, span.End + 25))
        || OptionBefore().IsMatch(ReportContext.Slice(text, span.Start - 25, span.Start));

    private const string Protein = @"(?:MLH1|PMS2|MSH2|MSH6)";

    [GeneratedRegex(
        @"(?<![\p{L}\d])(?:" +
        // Instability / deficiency.
        @"(?<h>(?-i:MSI)[- ]?(?:H|high)(?![\p{L}])|(?:high[- ]level\s+|high\s+)?microsatellite[- ]instab(?:ility|le)(?:[- ]high)?|instabilit[ée]\s+(?:des\s+)?microsatellit\w*|ph[ée]notype\s+(?-i:MSI)(?![- ]?L)|(?-i:dMMR)|MMR[- ]?d[ée]ficien\w*|d[ée]ficien\w*\s+(?:in\s+)?(?:(?:the\s+)?mismatch[- ]repair|MMR)(?:\s+system)?|mismatch[- ]repair[- ]d[ée]ficien\w*|d[ée]ficien\w*\s+(?:du\s+syst[eè]me\s+)?(?:MMR|de\s+r[ée]paration\s+des\s+m[ée]sappariements))" +
        // Stability / proficiency.
        @"|(?<s>(?-i:MSS)|microsatellite[- ]stable|microsatellites?\s+stables?|stabilit[ée]\s+microsatellitaire|(?<l>(?-i:MSI)[- ]?(?:L|low))(?![\p{L}])|(?-i:pMMR)|MMR[- ]?proficient|proficient\s+(?:(?:the\s+)?mismatch[- ]repair|MMR)|mismatch[- ]repair[- ]proficient)" +
        // A label and its result: "statut MSI : stable", "MSI negative", "MMR proteins retained".
        @"|(?:statut\s+)?(?-i:MSI)(?:\s+(?:status|statut|testing|analysis|analyse|test))?(?:\s*\([^()\n]{0,15}\))?\s*[:=]?\s*(?:(?:is|was|est)\s+)?(?:(?<h>(?<v>positi\w*|instable|unstable))|(?<s>(?<v>n[ée]gati\w*|stable)))" +
        @"|(?:(?-i:MMR)|mismatch[- ]repair|statut\s+MMR)(?:\s+(?:proteins?|prot[ée]ines?|IHC|immunohistochemistry|immunohistochimie|status|statut|expression))*(?:\s*\((?:[^()\n]{0,40})\))?\s*[:=]?\s*(?:(?:are|is|was|were|sont|est)\s+)?(?:(?:all|toutes?)\s+)?(?:(?<s>(?<v>retained|intact|preserved|conserv[ée]e?s?|maintenue?s?|normale?s?|proficient))|(?<h>(?<v>lost|deficient|d[ée]ficient\w*|perdue?s?|abnormal|anormale?s?)))" +
        @"|(?<s>(?:expression\s+(?:conserv[ée]e|maintenue|normale|retained|preserved|intact)|maintien\s+de\s+l['’]expression|(?:retained|intact|preserved|normal)\s+(?:nuclear\s+)?expression)\s+(?:de\s+|des\s+|of\s+)?(?:the\s+|toutes\s+les\s+|all\s+(?:four\s+)?)?(?:(?-i:MMR)|mismatch[- ]repair|prot[ée]ines\s+(?:(?-i:MMR)|de\s+r[ée]paration))\w*)" +
        @"|(?<h>(?:loss|perte)\s+(?:of\s+|d['’]\s*|de\s+)?(?:(?:nuclear\s+)?expression\s+)?(?:of\s+|de\s+|des\s+)?(?:the\s+)?(?:(?-i:MMR)|mismatch[- ]repair|prot[ée]ines\s+(?:(?-i:MMR)|de\s+r[ée]paration))\w*)" +
        @")",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Status();

    [GeneratedRegex(@"(?<![\p{L}\d])" + Protein + @"(?:\s*(?:,|/|\+|&|\band\b|\bet\b|\bor\b|\bou\b)\s*" + Protein + @")*(?![\p{L}\d])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProteinRun();

    [GeneratedRegex(Protein, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProteinName();

    // The state written before the proteins: "perte d'expression de", "loss of nuclear expression of", "retained expression of".
    [GeneratedRegex(
        @"(?:(?<lost>loss|perte|absence|d[ée]ficit|lost|absent|negative\s+for|n[ée]gati(?:f|ve)s?\s+pour)|(?<kept>retained|intact|preserved|conserv[ée]e?s?|maintenue?s?|maintien|normal|normale))(?:\s*(?:d|l)['’]|(?:\s+|(?<=['’]))(?:of|de|des|du|for|pour|the|les|la|nuclear|nucl[ée]aire|immuno|expression|staining|marquage|immunomarquage|proteins?|prot[ée]ines?|MMR)(?![\p{L}]))*\s*\(?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StateBefore();

    // The state written after them: "MLH1 : perte d'expression", "MLH1 and PMS2 are lost", "MSH2 et MSH6 conservées".
    [GeneratedRegex(
        @"^\s*\)?\s*(?:[:=-]\s*)?(?:(?:proteins?|prot[ée]ines?)\s+)?(?:(?:nuclear\s+)?expression\s+)?(?:(?:is|are|was|were|est|sont|shows?|showed|show)\s+)?(?:[:=-]\s*)?(?:(?:a|an|une)\s+)?(?:(?:complete|compl[èe]te|total|totale)\s+)?(?:(?<lost>loss|lost|absent\w*|absence|negative|n[ée]gati\w*|perte|perdue?s?|d[ée]ficient\w*|not\s+expressed|non\s+exprim\w*)|(?<kept>retained|intact|preserved|conserv\w*|maintenue?s?|normale?s?|present|pr[ée]sente?s?|positive|positi\w*|expressed|exprim[ée]e?s?))(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StateAfter();

    [GeneratedRegex(@"^\s*(?:/|\bou\b|\bor\b|\bvs\.?)\s*(?:MSS|MSI|pMMR|dMMR|stable|instable)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OptionAfter();

    [GeneratedRegex(@"(?:MSS|MSI(?:[- ]?H)?|pMMR|dMMR|stable|instable)\s*(?:/|\bou\b|\bor\b|\bvs\.?)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OptionBefore();
}
