using System.Text.RegularExpressions;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// Lymphovascular invasion (<see cref="ExtensionFields.Lvi"/>) and perineural invasion (<see cref="ExtensionFields.Pni"/>),
/// "present" or "absent": "emboles vasculaires présents", "LVI: not identified", "invasion lymphovasculaire absente",
/// "No lymphovascular invasion", "engainements périnerveux présents", "PNI: yes", "perineural invasion (PN0)", "L1 V0 Pn1".
/// </summary>
/// <remarks>
/// Absence comes from the shared context layer: a denial before the name ("Absence d'embole", "No PNI"), after it
/// ("not identified", "absents") or a checklist answer ("LVI: No"). Presence needs words that say it ("present",
/// "identified", "yes", "focal", "presence of", "nombreux emboles"): a name alone, a heading or a blank item gives
/// nothing, and so do printed choices ("present / absent"), doubt ("cannot be excluded") and a relative's report.
/// The "PN0" of "perineural invasion (PN0)" is this field's code, never a nodal category. A name of one class of vessel
/// only (venous, extramural, large vessel) says "present" when involved but never "absent" when free: "no extramural
/// venous invasion" leaves lymphatics and intramural veins unstated.
/// </remarks>
public sealed partial class InvasionExtractor : IFieldExtractor
{
    public IReadOnlyList<string> Fields { get; } = [ExtensionFields.Lvi, ExtensionFields.Pni];

    public IEnumerable<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text;
        var findings = new List<Finding>();
        Read(document, LviName(), ExtensionFields.Lvi, findings);
        Read(document, PniName(), ExtensionFields.Pni, findings);

        foreach (Match m in Codes().Matches(text))
        {
            var span = new TextSpan(m.Index, m.Index + m.Length);
            if (findings.Any(f => f.Span.Start < span.End && span.Start < f.Span.End)
                || !ClinicalScope.IsAffirmed(text, span, ScopeKind.Hypothetical | ScopeKind.Family | ScopeKind.History | ScopeKind.OptionList))
            {
                continue;
            }

            if (m.Groups["l"].Success && m.Groups["v"].Success)
            {
                // L is lymphatic, V venous: either one present is lymphovascular invasion, both absent is none.
                var present = m.Groups["l"].Value == "1" || m.Groups["v"].Value is "1" or "2";
                var absent = m.Groups["l"].Value == "0" && m.Groups["v"].Value == "0";
                if (present || absent)
                {
                    var lv = new TextSpan(m.Groups["l"].Index - 1, m.Groups["v"].Index + m.Groups["v"].Length);
                    findings.Add(new Finding(ExtensionFields.Lvi, document.Slice(lv), present ? "present" : "absent", document.Id, lv, RuleConfidence.Explicit));
                }
            }

            if (m.Groups["pn"].Success && m.Groups["pn"].Value is "0" or "1")
            {
                var pn = new TextSpan(m.Groups["pn"].Index - 2, m.Groups["pn"].Index + 1);
                findings.Add(new Finding(ExtensionFields.Pni, document.Slice(pn), m.Groups["pn"].Value == "1" ? "present" : "absent", document.Id, pn, RuleConfidence.Explicit));
            }
        }

        return findings;
    }

    private static void Read(SourceDocument document, Regex name, string key, List<Finding> findings)
    {
        var text = document.Text;
        foreach (Match m in name.Matches(text))
        {
            var label = new TextSpan(m.Index, m.Index + m.Length);
            if (findings.Any(f => f.FieldKey == key && f.Span.Start <= label.Start && label.End <= f.Span.End)
                || !ClinicalScope.IsAffirmed(text, label, ScopeKind.Hypothetical | ScopeKind.Family | ScopeKind.History))
            {
                continue;
            }

            // The answer may follow a vessel class written after the name ("emboles veineux extra-muraux : présents").
            var classAfter = VesselClassAfter().Match(ReportContext.Slice(text, label.End, label.End + 20));
            var answer = Answer().Match(text, label.End + (classAfter.Success ? classAfter.Length : 0));
            if (answer.Success && answer.Groups["word"].Success)
            {
                var word = answer.Groups["word"];
                var wordSpan = new TextSpan(word.Index, word.Index + word.Length);
                if (!ClinicalScope.IsAffirmed(text, wordSpan, ScopeKind.OptionList | ScopeKind.Hypothetical))
                {
                    continue;
                }
            }

            // "No extramural venous invasion" rules out one class of vessel, not lymphovascular invasion: the tumour
            // may still be in lymphatics or intramural veins. Such a name can say "present", never "absent".
            var onlyPresence = key == ExtensionFields.Lvi && IsOneVesselClass(text, label);
            if (ClinicalScope.DenialCue(text, label) is { } denial)
            {
                if (onlyPresence)
                {
                    continue;
                }

                var start = Math.Min(denial.Start, label.Start);
                var end = Math.Max(denial.End, label.End);
                if (answer.Success && answer.Groups["code0"].Success)
                {
                    end = Math.Max(end, answer.Index + answer.Length);
                }

                findings.Add(new Finding(key, text[start..end], "absent", document.Id, new TextSpan(start, end), RuleConfidence.Explicit));
                continue;
            }

            if (answer.Success && (answer.Groups["code0"].Success || answer.Groups["code1"].Success))
            {
                if (onlyPresence && answer.Groups["code0"].Success)
                {
                    continue;
                }

                var span = new TextSpan(label.Start, answer.Index + answer.Length);
                findings.Add(new Finding(key, document.Slice(span), answer.Groups["code1"].Success ? "present" : "absent", document.Id, span, RuleConfidence.Explicit));
                continue;
            }

            var cueBefore = PresentBefore().Match(ReportContext.Slice(text, label.Start - 40, label.Start));
            if (answer.Success && answer.Groups["present"].Success)
            {
                var span = new TextSpan(label.Start, answer.Index + answer.Length);
                findings.Add(new Finding(key, document.Slice(span), "present", document.Id, span, RuleConfidence.Explicit));
            }
            else if (cueBefore.Success)
            {
                var span = new TextSpan(label.Start - (Math.Min(label.Start, 40) - cueBefore.Index), label.End);
                findings.Add(new Finding(key, document.Slice(span), "present", document.Id, span, RuleConfidence.Explicit));
            }
        }
    }

    [GeneratedRegex(
        @"(?<![\p{L}])(?:(?:lympho-?vascular|lymph-?vascular|lymphovascular|angio-?lymphatic|lymphatic(?:\s+(?:and|or|/)\s+vascular)?|vascular(?:\s+(?:and|or|/)\s+lymphatic)?|venous|small\s+vessel|vessel)\s+(?:space\s+)?(?:invasion|involvement|permeation|emboli|infiltration)|(?-i:LVI|LVSI|LVSI)|tumou?r\s+emboli|angio-?invasion|(?:images?\s+d['’]\s?)?(?:emboles?|embols?)(?:\s+(?:tumoraux|n[ée]oplasiques|carcinomateux))?(?:\s+(?:vasculaires?|lymphatiques?|lympho-?vasculaires?|veineux|intra-?vasculaires?|p[ée]ri-?tumoraux))?|(?:invasion|envahissement|infiltration|effraction)\s+(?:lympho-?vasculaire|vasculaire|lymphatique|veineuse|vasculo-?lymphatique|des\s+vaisseaux(?:\s+lymphatiques)?))(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LviName();

    private static bool IsOneVesselClass(string text, TextSpan label) =>
        VeinsOnly().IsMatch(text[label.Start..label.End])
        || VesselClassBefore().IsMatch(ReportContext.Slice(text, label.Start - 25, label.Start))
        || VesselClassAfter().IsMatch(ReportContext.Slice(text, label.End, label.End + 20));

    [GeneratedRegex(@"venous|veineu(?:x|se|ses)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VeinsOnly();

    [GeneratedRegex(@"(?:extra-?\s?mural|intra-?\s?mural|large(?:[\s-]+vessel)?|gros\s+vaisseaux?)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VesselClassBefore();

    [GeneratedRegex(@"^\s*(?:extra-?\s?mura(?:l|ux|les?)|intra-?\s?mura(?:l|ux|les?)|des\s+gros\s+vaisseaux)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VesselClassAfter();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:(?:perineural|peri-neural|perineurial|peri-nerve)\s+(?:invasion|infiltration|spread|involvement|extension)|(?-i:PNI)|(?:nerve|neural)\s+(?:sheath\s+)?invasion|engainements?(?:\s+(?:p[ée]ri-?nerveux|nerveux|tumoraux\s+p[ée]ri-?nerveux))?|(?:invasion|infiltration|envahissement|extension)\s+(?:p[ée]ri-?nerveu(?:x|se)|des\s+(?:filets|gaines)\s+nerveu(?:x|ses)))(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PniName();

    // What follows a name: the answer word of its item, or a code in brackets ("(PN0)", "(L1)").
    [GeneratedRegex(
        @"\G[ \t]*(?:\((?:\s?(?<code0>(?:L|V|Pn|PN|pn)0)|\s?(?<code1>(?:L|V|Pn|PN|pn)1))\s?\)|(?:[:=–-][ \t]*)?(?:(?:is|are|was|were|est|sont|:)\s+)?(?:(?:\[\s?[xX✓]\s?\]|☒|☑)\s*)?(?<word>(?<present>present|pr[ée]sente?s?|identified|identifi[ée]e?s?|seen|observed|observ[ée]e?s?|noted|yes|oui|positi(?:ve|f|fs|ves)|focal(?:e|es)?|extensive|multiple|nombreu(?:x|ses)|rares?|visibles?|retrouv[ée]e?s?|mis\s+en\s+[ée]vidence|\+)|absent|absente?s?|not\s+identified|no|non|none|n[ée]gati(?:ve|f|fs|ves))(?![\p{L}]))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Answer();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:presence\s+of|pr[ée]sence\s+d['’]\s?|with(?:\s+(?:focal|extensive|rare|numerous))?|avec(?:\s+(?:de\s+)?(?:nombreux|quelques|rares))?|shows?|showing|montrant|nombreux|nombreuses|quelques|rares|multiple|focal|extensive|foci\s+of|foyers?\s+d['’]\s?|positive\s+for)\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PresentBefore();

    [GeneratedRegex(
        @"(?<![\p{L}\d])(?-i:L(?<l>[01X])\s?,?\s?V(?<v>[012X])(?:\s?,?\s?Pn(?<pn>[01X]))?|Pn(?<pn>[01])(?![\p{L}\d]))",
        RegexOptions.CultureInvariant)]
    private static partial Regex Codes();
}
