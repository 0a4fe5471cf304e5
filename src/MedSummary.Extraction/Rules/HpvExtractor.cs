using System.Text.RegularExpressions;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// HPV status of the tumour ("HPV 16 DNA detected", "HPV-associated", "recherche d'HPV HR par PCR : négative",
/// "carcinome épidermoïde HPV-induit") into <see cref="ExtensionFields.HpvStatus"/>, and p16 immunohistochemistry
/// ("p16 positive (block staining)", "surexpression de p16", "p16 : négatif") into <see cref="ExtensionFields.P16Status"/>.
/// </summary>
/// <remarks>
/// p16 is a surrogate of HPV, not a test of it: the two are kept apart and never inferred from each other (a p16-positive
/// tumour can be HPV-negative, and the board reads both). Both are normalized "positive" or "negative". A positive result
/// that is denied ("pas d'ADN d'HPV détecté", "no overexpression of p16") is negative. Vaccination, a test requested or
/// pending, a relative's or a past lesion's result, and "positive / negative" printed as options give nothing; nor does
/// patchy p16 staining, which is neither result.
/// </remarks>
public sealed partial class HpvExtractor : IFieldExtractor
{
    private const string Positive = "positive";
    private const string Negative = "negative";
    private const ScopeKind NotForThisTumour = ScopeKind.Hypothetical | ScopeKind.Family | ScopeKind.History;

    public IReadOnlyList<string> Fields { get; } = [ExtensionFields.HpvStatus, ExtensionFields.P16Status];

    public IEnumerable<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Read(document, Hpv(), ExtensionFields.HpvStatus).Concat(Read(document, P16(), ExtensionFields.P16Status));
    }

    private static IEnumerable<Finding> Read(SourceDocument document, Regex pattern, string key)
    {
        var text = document.Text;
        foreach (Match m in pattern.Matches(text))
        {
            var span = new TextSpan(m.Index, m.Index + m.Length);
            var state = m.Groups["pos"].Success ? m.Groups["pos"] : m.Groups["neg"];
            var stateSpan = new TextSpan(state.Index, state.Index + state.Length);
            var label = m.Groups["label"];
            var labelSpan = new TextSpan(label.Index, label.Index + label.Length);
            var clause = ReportContext.Slice(text, ClinicalScope.PreWindow(text, span.Start), ClinicalScope.PostWindow(text, span.End));
            if (!ClinicalScope.IsAffirmed(text, span, NotForThisTumour)
                || !ClinicalScope.IsAffirmed(text, stateSpan, ScopeKind.OptionList | ScopeKind.Legend)
                || Vaccine().IsMatch(clause))
            {
                continue;
            }

            var positive = m.Groups["pos"].Success;
            if (positive && ClinicalScope.Detect(text, labelSpan, ScopeKind.Negated) != ScopeKind.None)
            {
                positive = false;
            }

            yield return new Finding(key, state.Value, positive ? Positive : Negative, document.Id, span, RuleConfidence.Explicit);
        }
    }

    private const string HpvName =
        @"(?:HR[- ]?HPV|HPV(?:[- ]?HR)?|PVH|(?:human\s+)?papilloma\s*virus(?:es)?(?:\s+humains?)?)(?:[- ]?(?:16|18)(?:\s*/\s*18)?)?";

    private const string HpvTest =
        @"(?:\s*\([^()\n]{0,25}\)|\s+(?:(?:à|a)\s+haut\s+risque|high[- ]risk|oncog[èe]nes?|DNA|ADN|RNA|ARN|mRNA|E6/E7|ISH|HIS|PCR|testing|test|status|statut|genotyping|g[ée]notypage|in\s+situ\s+hybridi[sz]ation|hybridation\s+in\s+situ|(?:de\s+)?types?\s+1[68]|by|par|on|sur|the|la|le|tumou?r|tumeur)(?![\p{L}]))*";

    private const string Positives = @"positi(?:ve|f|fs|ves)|d[ée]tect[ée]e?s?|detected|present|pr[ée]sente?s?|identified|identifi[ée]e?s?";
    private const string Negatives = @"n[ée]gati(?:ve|f|fs|ves)|not\s+detected|non\s+d[ée]tect[ée]e?s?|undetected|absente?s?|not\s+identified|non\s+identifi[ée]e?s?";

    [GeneratedRegex(
        @"(?<![\p{L}\d])(?:" +
        @"(?<label>" + HpvName + ")" + HpvTest + @"\s*[:=]?\s*(?:(?:is|was|est|were|are)\s+)?(?:(?<neg>" + Negatives + ")|(?<pos>" + Positives + @"))(?![\p{L}])" +
        @"|(?<label>" + HpvName + @")[- ](?:(?<pos>positive|associated|related|driven|induced|induit[es]*|associ[ée]e?s?|mediated|dependent)|(?<neg>negative|independent|ind[ée]pendante?s?|unrelated))(?![\p{L}])" +
        @"|(?<label>" + HpvName + @")\s?(?<pos>\+)(?![\w+])" +
        @"|(?:(?<pos>positive|positif|positive)|(?<neg>negative|n[ée]gati(?:f|ve)))\s+(?:for|pour)\s+(?:(?:high[- ]risk|the)\s+)?(?<label>" + HpvName + @")" +
        @"|(?:(?<pos>li[ée]e?s?|associ[ée]e?s?|induite?s?)|(?<neg>ind[ée]pendante?s?|non\s+li[ée]e?s?))\s+(?:à\s+l['’]\s*|aux?\s+|de\s+l['’]\s*|à\s+|de\s+)(?<label>" + HpvName + @")" +
        @")",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Hpv();

    private const string P16Name = @"(?:p16(?:\s?INK4a?)?|CDKN2A\s*\(p16\))";
    private const string P16Test =
        @"(?:\s*\([^()\n]{0,20}\)|\s+(?:IHC|immunohistochemistry|immunohistochimie|immunostaining|immunostain|stain|staining|immunomarquage|marquage|expression|protein|prot[ée]ine|status|statut|is|was|est|shows?|showed|:)(?![\p{L}]))*";
    private const string P16Positives =
        @"positi(?:ve|f|fs|ves)|overexpress\w*|surexprim[ée]e?|block[- ]type|block|en\s+bloc|strong\s+(?:and\s+)?diffuse|diffus[ée]?\s+et\s+intense|intense\s+et\s+diffus[ée]?";

    [GeneratedRegex(
        @"(?<![\p{L}\d])(?:" +
        @"(?<label>" + P16Name + ")" + P16Test + @"\s*[:=-]?\s*(?:(?:strongly|diffusely|strong(?:ly)?\s+and\s+diffusely|fortement|diffus[ée]ment)\s+)?(?:(?<neg>n[ée]gati(?:ve|f|fs|ves)|absente?s?|not\s+overexpressed|non\s+surexprim[ée]e?)|(?<pos>" + P16Positives + @"))(?![\p{L}])" +
        @"|(?:(?<pos>positive|positif|positivit[ée])|(?<neg>negative|n[ée]gati(?:f|ve)))\s+(?:for|pour|de|du|à)\s+(?:la\s+)?(?<label>" + P16Name + @")" +
        @"|(?<pos>surexpression|overexpression|expression\s+en\s+bloc|(?:block[- ]type|strong\s+and\s+diffuse|diffuse\s+and\s+strong)(?:\s+(?:staining|expression|immunostaining|positivity))?)\s+(?:de\s+|of\s+|for\s+)?(?:la\s+)?(?:prot[ée]ine\s+)?(?<label>" + P16Name + @")" +
        @")(?![\p{L}\d])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex P16();

    [GeneratedRegex(@"vaccin|gardasil|cervarix", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Vaccine();
}
