using System.Text.RegularExpressions;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// Ki-67 proliferation index: "Ki-67: 20%", "Ki67 à 15 %", "index de prolifération (Ki-67) : 30 %", "MIB-1 10%",
/// "Ki-67 labeling index approximately 25%", "Ki67 10-15%", "Ki-67 &lt;5%".
/// </summary>
/// <remarks>
/// Normalized as a percentage without spaces: "20%", "10-15%", "&lt;5%", "2.5%" (comma decimals become points; "about"
/// is dropped because the value is what the pathologist reports). A qualitative statement ("Ki-67 high") sets nothing.
/// </remarks>
public sealed partial class Ki67Extractor : IFieldExtractor
{
    public IReadOnlyList<string> Fields { get; } = [ContractFields.Ki67];

    public IEnumerable<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text;
        var lastEnd = -1;
        foreach (Match label in Label().Matches(text))
        {
            if (label.Index < lastEnd)
            {
                continue;
            }

            var labelSpan = new TextSpan(label.Index, label.Index + label.Length);
            if (!ClinicalScope.IsAffirmed(text, labelSpan, ScopeKind.Hypothetical | ScopeKind.Family))
            {
                continue;
            }

            var start = labelSpan.End;
            var end = MarkerText.WindowEnd(text, start, 90);
            var percent = MarkerText.Percent(text, start, end);
            if (!percent.Success || percent.Index - start > 50)
            {
                continue;
            }

            var between = text[start..percent.Index];
            if (NotDone().IsMatch(between))
            {
                continue;
            }

            var normalized = MarkerText.NormalizePercent(percent, out _, out _);
            if (normalized is null)
            {
                continue;
            }

            var span = new TextSpan(labelSpan.Start, percent.Index + percent.Length);
            lastEnd = span.End;
            yield return new Finding(ContractFields.Ki67, percent.Value.Trim(), normalized, document.Id, span, RuleConfidence.Explicit);
        }
    }

    [GeneratedRegex(
        @"(?<![\p{L}])(?:(?:index\s+de\s+prolif[ée]ration|indice\s+de\s+prolif[ée]ration|taux\s+de\s+prolif[ée]ration|prolif[ée]ration\s+index|proliferative\s+index|proliferation\s+rate)(?:\s*\((?:Ki[- ]?67|MIB[- ]?1)[^)\n]{0,15}\))?|Ki[- ]?67(?:\s*\((?:MIB[- ]?1|clone[^)\n]{0,15})\))?|MIB[- ]?1)(?:\s+(?:proliferation|prolif[ée]ration|labell?ing|staining|nuclear|immunostaining|immunomarquage|marquage))?(?:\s+(?:index|indice|rate|taux|score))?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    [GeneratedRegex(@"pending|en\s+cours|not\s+(?:performed|done|assessed)|non\s+(?:fait|r[ée]alis|[ée]valu)|\bif\b|\bsi\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotDone();
}
