using MedSummary.Core.Documents;
using MedSummary.Extraction.Alerts;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// The patient's sex, "female" or "male", cited to each cue <see cref="PatientSexDetector"/> reads ("Sexe : F",
/// "Patient : Mme", "Née le", "a 63-year-old woman", "patiente de 79 ans", "patient de 79 ans"): one reader of the
/// cues for the alerts, the identity and the form.
/// </summary>
/// <remarks>A cue about a relative ("her mother, a 70-year-old woman") is not the patient's.</remarks>
public sealed class SexExtractor : IFieldExtractor
{
    public IReadOnlyList<string> Fields { get; } = [ExtensionFields.Sex];

    public IEnumerable<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var (span, sex) in PatientSexDetector.Mentions(document))
        {
            if (!ClinicalScope.IsAffirmed(document.Text, span, ScopeKind.Family | ScopeKind.Hypothetical))
            {
                continue;
            }

            var normalized = sex == PatientSex.Female ? "female" : "male";
            yield return new Finding(ExtensionFields.Sex, document.Slice(span), normalized, document.Id, span, RuleConfidence.Explicit);
        }
    }
}
