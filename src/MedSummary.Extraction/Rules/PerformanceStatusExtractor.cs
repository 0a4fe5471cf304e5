using System.Globalization;
using System.Text.RegularExpressions;
using MedSummary.Core.Documents;
using MedSummary.Core.Gold;
using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// Performance status: ECOG / WHO / OMS / Zubrod grade ("ECOG 1", "PS 0", "état général OMS 2", "performance status
/// (ECOG) à 1", "WHO performance status of 2") into <c>ecog</c>, and the Karnofsky index ("Karnofsky 80 %", "KPS 70",
/// "indice de Karnofsky à 90 %") into <see cref="ExtensionFields.Karnofsky"/>.
/// </summary>
/// <remarks>
/// The two scales are kept apart and never converted into each other: the published correspondences (KPS 80-100 as
/// ECOG 0-1...) overlap at their edges, and a board reads the scale the clinician used. ECOG is normalized as one digit
/// "0".."4", Karnofsky as its number "10".."100" without the percent sign. A range ("PS 0-1"), a list ("ECOG 0 / 1 / 2"),
/// a threshold ("PS ≤ 1") or a scale legend ("0 = fully active") states no patient's value and gives nothing. "PS" is
/// read only in capitals and right before its value, and not where vaccines or the prostate are the subject; "OMS" and
/// "WHO" not after "grade", "classification" or "type" (the WHO classification of tumours).
/// </remarks>
public sealed partial class PerformanceStatusExtractor : IFieldExtractor
{
    // Denial and the patient's past are left out: "no weight loss, PS 1" and "previous chemotherapy well tolerated, PS 0"
    // state today's grade, and a grade is never denied.
    private const ScopeKind NotForThePatient =
        ScopeKind.Hypothetical | ScopeKind.Family | ScopeKind.Legend | ScopeKind.OptionList | ScopeKind.AnsweredNo;

    public IReadOnlyList<string> Fields { get; } = [GoldFields.Ecog, ExtensionFields.Karnofsky];

    public IEnumerable<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Read(document, EcogLabel(), EcogValue(), isEcog: true)
            .Concat(Read(document, KarnofskyLabel(), KarnofskyValue(), isEcog: false));
    }

    private static IEnumerable<Finding> Read(SourceDocument document, Regex labels, Regex values, bool isEcog)
    {
        var text = document.Text;
        var lastEnd = -1;
        foreach (Match label in labels.Matches(text))
        {
            if (label.Index < lastEnd || !IsLabelForThePatient(text, label, isEcog))
            {
                continue;
            }

            var value = values.Match(text, label.Index + label.Length);
            if (!value.Success)
            {
                continue;
            }

            var v = value.Groups["v"];
            var valueSpan = new TextSpan(v.Index, v.Index + v.Length);
            var span = new TextSpan(label.Index, v.Index + v.Length + (value.Groups["pct"].Success ? value.Groups["pct"].Length : 0));
            if (!ClinicalScope.IsAffirmed(text, valueSpan, NotForThePatient)
                || !ClinicalScope.IsAffirmed(text, new TextSpan(label.Index, label.Index + label.Length), ScopeKind.Hypothetical | ScopeKind.Family)
                || ScaleDefinitions().Matches(ReportContext.Slice(text, ClinicalScope.PreWindow(text, label.Index), ClinicalScope.PostWindow(text, span.End))).Count >= 2)
            {
                continue;
            }

            var normalized = Normalize(v.Value, isEcog);
            if (normalized is null)
            {
                continue;
            }

            lastEnd = span.End;
            var written = text[v.Index..span.End];
            yield return new Finding(isEcog ? GoldFields.Ecog : ExtensionFields.Karnofsky, written, normalized, document.Id, span, RuleConfidence.Explicit)
            {
                Note = isEcog ? "performance status" : "Karnofsky index",
            };
        }
    }

    private static bool IsLabelForThePatient(string text, Match label, bool isEcog)
    {
        if (!isEcog)
        {
            return true;
        }

        var before = ReportContext.Slice(text, label.Index - 30, label.Index);
        if (label.Groups["who"].Success && WhoClassification().IsMatch(before))
        {
            return false;
        }

        if (label.Groups["ps"].Success)
        {
            var clause = ReportContext.Slice(text, ClinicalScope.PreWindow(text, label.Index), ClinicalScope.PostWindow(text, label.Index + label.Length));
            return !OtherPs().IsMatch(clause);
        }

        return true;
    }

    private static string? Normalize(string value, bool isEcog)
    {
        var n = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
        if (isEcog)
        {
            return n is >= 0 and <= 4 ? value : null;
        }

        return n is >= 10 and <= 100 && n % 10 == 0 ? n.ToString(CultureInfo.InvariantCulture) : null;
    }

    // The scale's own name first; "PS" and "OMS"/"WHO" alone only in the shapes that are a performance status.
    [GeneratedRegex(
        @"(?<![\p{L}\d-])(?:(?:ECOG|Zubrod)(?:[\s/-]*(?:WHO|OMS))?(?:[\s-]*(?:performance\s+status|(?-i:PS)|score|status|grade))?(?:\s*\((?:(?-i:PS)|WHO|OMS|ECOG)\))?" +
        @"|(?:performance\s+status|indice\s+de\s+performance|statut\s+de\s+performance|score\s+de\s+performance|[ée]tat\s+g[ée]n[ée]ral)(?:\s*\(?\s*(?:ECOG|OMS|WHO|(?-i:PS))(?:\s*/\s*(?:ECOG|OMS|WHO))?\s*\)?)?" +
        @"|(?<ps>(?-i:PS))(?:[\s-]*\(?\s*(?:ECOG|OMS|WHO)\s*\)?)?" +
        @"|(?<who>(?-i:WHO|OMS))(?:\s+(?:performance\s+status|(?-i:PS)|score))?)(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EcogLabel();

    // What may stand between the name and its grade: a bracket ("(0-4)"), a colon, a few linking words.
    private const string Gap =
        @"\G(?:\s*\([^()\n\d]{0,20}\))?(?:\s*\((?:0|1)\s*(?:-|–|à|to)\s*[45]\)\s*)?[\s:=]*(?:(?:of|was|is|at|est|de|à|a|é?valu[ée]e?|estim[ée]e?|estimated|assessed|currently|actuellement|today|ce\s+jour|score|status)(?![\p{L}])[\s:=]*){0,3}";

    // One grade, not a range, a list, a threshold, a decimal, a percentage or a measure.
    [GeneratedRegex(Gap + @"(?<v>[0-4])(?![\d.,]\d|\d|\s*%|\s*(?:-|–|/|à|to|ou|or|a|à)\s*[0-4](?!\d)|\s*(?:mm|cm|mg|ml|g|ng|kg|mois|months?|ans|years?|jours?|days?|h)(?![\p{L}]))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EcogValue();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:(?:indice|index|score|[ée]chelle|scale)\s+(?:de\s+)?Karnofsky|Karnofsky(?:\s+(?:performance\s+(?:status|score|scale)|index|score|status))?(?:\s*\((?:KPS|IK)\))?|(?-i:KPS|IK))(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KarnofskyLabel();

    [GeneratedRegex(Gap + @"(?<v>100|[1-9]0)(?<pct>\s?%)?(?![\d.,]\d|\d|\s*(?:-|–|/|à|to|ou|or)\s*\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KarnofskyValue();

    // The WHO classification or a WHO grade of tumours is no performance status.
    [GeneratedRegex(@"(?:grade|grading|classification|classifi[ée]e?|type|stade|stage|selon\s+l['’]|according\s+to\s+(?:the\s+)?)\s*(?:de\s+l['’]\s*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WhoClassification();

    // Other meanings of "PS" next to a number: vaccines, doses, the prostate, perineural spread.
    [GeneratedRegex(@"vaccin|dose|injection|antig[eè]n|prostat|perineural|p[ée]ri-?nerv|engainement|polysorbate|pneumo", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OtherPs();

    // A printed scale: "0 = fully active, 1 = restricted", "0 : asymptomatique ; 1 : symptomatique".
    [GeneratedRegex(@"(?<![\d.,])(?:[0-4]|100|[1-9]0)\s*%?\s*[=:]\s*\p{L}", RegexOptions.CultureInvariant)]
    private static partial Regex ScaleDefinitions();
}
