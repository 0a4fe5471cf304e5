using System.Text.RegularExpressions;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// Menopausal status: "premenopausal" ("non ménopausée", "en préménopause", "still menstruating"), "perimenopausal"
/// ("périménopausée") or "postmenopausal" ("ménopausée", "post-ménopausique", "ménopause à 52 ans", "postmenopausal
/// woman", "Menopausal status: post").
/// </summary>
/// <remarks>
/// A relative's status ("her aunt had post-menopausal breast cancer"), a condition ("if premenopausal, add ovarian
/// suppression"), a denial other than the written forms of "not menopausal", and printed choices ("pré / péri /
/// post-ménopause") give nothing. Personal history is not a reason to skip: "Antécédents : ménopause à 50 ans" is the
/// status.
/// </remarks>
public sealed partial class MenopausalStatusExtractor : IFieldExtractor
{
    public IReadOnlyList<string> Fields { get; } = [ExtensionFields.MenopausalStatus];

    public IEnumerable<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text;
        var matches = Status().Matches(text).ToList();
        for (var i = 0; i < matches.Count; i++)
        {
            var m = matches[i];
            if (IsOption(text, matches, i))
            {
                continue;
            }

            var span = new TextSpan(m.Index, m.Index + m.Length);
            var kinds = ScopeKind.Hypothetical | ScopeKind.Family | (m.Groups["pre"].Success ? ScopeKind.None : ScopeKind.Negated);
            if (!ClinicalScope.IsAffirmed(text, span, kinds))
            {
                continue;
            }

            var value = m.Groups["pre"].Success ? "premenopausal" : m.Groups["peri"].Success ? "perimenopausal" : "postmenopausal";
            yield return new Finding(ExtensionFields.MenopausalStatus, m.Value, value, document.Id, span, RuleConfidence.Explicit);
        }
    }

    // Two statuses joined by a list separator are the choices of a template, not the patient's status.
    private static bool IsOption(string text, List<Match> matches, int i)
    {
        bool Joined(Match a, Match b) => b.Index >= a.Index + a.Length
            && Separator().IsMatch(text[(a.Index + a.Length)..b.Index]);
        return (i > 0 && Joined(matches[i - 1], matches[i])) || (i + 1 < matches.Count && Joined(matches[i], matches[i + 1]))
            || ChoiceAfter().IsMatch(text.AsSpan(matches[i].Index + matches[i].Length));
    }

    // Separators, possibly with the short choices printed between ("pré / péri / post-ménopause").
    [GeneratedRegex(@"^(?=.*(?:/|\||\bou\b|\bor\b))[\s/|,]*(?:(?:ou|or|pr[ée]|p[ée]ri|post)[\s/|,]+)*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Separator();

    // A short choice printed after the answer ("Menopausal status: pre / peri / post") makes it one of the choices.
    [GeneratedRegex(@"^[ \t]*[/|][ \t]*(?:pr[ée]|p[ée]ri|post|non|oui|yes|no)(?![\p{L}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ChoiceAfter();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:"
        + @"(?<pre>non[- ]m[ée]nopaus[ée]e|pas\s+(?:encore\s+)?m[ée]nopaus[ée]e|not\s+(?:yet\s+)?(?:post-?)?menopausal|pr[ée]-?m[ée]nopaus(?:e|ique|[ée]e|al)s?|en\s+pr[ée]-?m[ée]nopause|pre-?menopausal|still\s+menstruating|r[ée]gl[ée]e\s+r[ée]guli[èe]rement|cycles\s+menstruels\s+r[ée]guliers|regular\s+menstrual\s+cycles)"
        + @"|(?<peri>p[ée]ri-?m[ée]nopaus(?:e|ique|[ée]e|al)s?|peri-?menopausal|en\s+p[ée]ri-?m[ée]nopause)"
        + @"|(?<post>post-?m[ée]nopaus(?:e|ique|iques|[ée]e|al)s?|post-?menopausal|m[ée]nopaus[ée]e(?:\s+depuis\s+(?:\d{4}|l['’]\s?[âa]ge\s+de\s+\d{2}\s+ans|\d{1,2}\s+ans))?|m[ée]nopause\s+(?:[àa]\s+\d{2}\s+ans|en\s+\d{4}|depuis\s+\d{4}|(?:il\s+y\s+a|depuis)\s+\d{1,2}\s+ans)|menopause\s+(?:at\s+(?:age\s+)?\d{2}|in\s+\d{4}|since\s+\d{4})|menopausal\s+since\s+\d{4}|(?:she\s+is|is)\s+menopausal|menopausal\s+(?:woman|patient|lady))"
        + @"|(?:menopausal\s+status|statut\s+(?:m[ée]nopausique|hormonal)|m[ée]nopause)\s*[:=]\s*(?:(?<pre>pre|pr[ée]|non|no)|(?<peri>peri|p[ée]ri)|(?<post>post|oui|yes))(?![\p{L}])(?!\s*m[ée]nopaus)"
        + @")(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Status();
}
