using System.Globalization;
using System.Text.RegularExpressions;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// The patient's age as a document states it: "a 58-year-old man", "58 yo", "aged 58 years", "Age: 71",
/// "patiente de 62 ans", "patient âgé de 71 ans", "âgée de 58 ans", "Âge : 71 ans". Normalized as whole years, digits.
/// </summary>
/// <remarks>
/// An age is read only where it qualifies the patient: "à l'âge de 45 ans" or "diagnosed at 45" usually date an event
/// of the history and give nothing, and a relative's age ("her mother, aged 70") is not the patient's. The age is not
/// computed from a birth date and a diagnosis date: a finding cites one passage, and such an age would rest on two.
/// Which age is the age at diagnosis is decided across documents by <see cref="Form.FormAssembler"/>: documents
/// written during the follow-up state later ages, so the youngest age stated wins, and a stated age that a birth date
/// and the diagnosis date show to be later than the diagnosis is not reported as the age at diagnosis.
/// </remarks>
public sealed partial class AgeExtractor : IFieldExtractor
{
    private const int MaxAge = 110;

    public IReadOnlyList<string> Fields { get; } = [ExtensionFields.AgeAtDiagnosis];

    public IEnumerable<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text;
        foreach (Match m in Age().Matches(text))
        {
            var age = int.Parse(m.Groups["age"].Value, CultureInfo.InvariantCulture);
            if (age is 0 or > MaxAge)
            {
                continue;
            }

            var span = new TextSpan(m.Index, m.Index + m.Length);
            if (!ClinicalScope.IsAffirmed(text, span, ScopeKind.Family | ScopeKind.Hypothetical))
            {
                continue;
            }

            yield return new Finding(ExtensionFields.AgeAtDiagnosis, m.Value, age.ToString(CultureInfo.InvariantCulture), document.Id, span, RuleConfidence.Explicit);
        }
    }

    [GeneratedRegex(
        @"(?<![\p{L}\d.,/])(?<age>\d{1,3})(?:[- ]|\s)?(?:years?|yrs?|ys)[- ]?old(?:\s+(?:man|woman|male|female|gentleman|lady|patient|boy|girl))?(?![\p{L}])"
        + @"|(?<![\p{L}\d.,/])(?<age>\d{1,3})\s?(?:yo|y/o|y\.o\.)(?![\p{L}])"
        + @"|(?<![\p{L}])aged\s+(?<age>\d{1,3})(?:\s+(?:years?|yrs?))?(?![\p{L}\d])"
        + @"|(?<![\p{L}])age(?:\s+at\s+diagnosis)?\s*[:=]\s*(?<age>\d{1,3})(?:\s*(?:years?|yrs?|y))?(?![\p{L}\d])"
        + @"|(?<![\p{L}])(?:patiente?|femme|homme)\s+(?:[âa]g(?:ée?|ee)\s+)?de\s+(?<age>\d{1,3})\s*ans(?![\p{L}])"
        + @"|(?<![\p{L}])[âa]g(?:ée?|ee)\s+de\s+(?<age>\d{1,3})\s*ans(?![\p{L}])"
        + @"|(?<![\p{L}])[âa]ge(?:\s+au\s+diagnostic)?\s*[:=]\s*(?<age>\d{1,3})(?:\s*ans)?(?![\p{L}\d])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Age();
}
