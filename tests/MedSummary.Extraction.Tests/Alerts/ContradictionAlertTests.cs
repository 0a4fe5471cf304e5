using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Extraction.Alerts;
using MedSummary.Extraction.Rules;
using MedSummary.Testing.Documents;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Alerts;

/// <summary>
/// Contradictions between documents, read by the real rules and raised by the real detector, in French and English:
/// each names the field, is cited in both documents, and agreeing documents raise none.
/// </summary>
public sealed class ContradictionAlertTests
{
    private static readonly RuleExtractionEngine Rules = RuleExtractionEngine.CreateDefault();

    public static TheoryData<string, string, string, string> Conflicts => new()
    {
        // Laterality.
        { "Compte rendu d'anatomie pathologique\nBiopsie du sein droit : carcinome infiltrant de type non spécifique.", "Courrier : carcinome infiltrant du sein gauche.", "fr", ContractFields.Laterality },
        { "Pathology report\nCore biopsy of the right breast: invasive carcinoma of no special type.", "Letter: invasive carcinoma of the left breast.", "en", ContractFields.Laterality },

        // Histology.
        { "Pathology report\nDiagnosis: invasive ductal carcinoma of the right breast.", "Pathology report\nDiagnosis: invasive lobular carcinoma of the right breast.", "en", ContractFields.Histology },
        { "Compte rendu d'anatomie pathologique\nConclusion : carcinome canalaire infiltrant du sein droit.", "Compte rendu d'anatomie pathologique\nConclusion : carcinome lobulaire infiltrant du sein droit.", "fr", ContractFields.Histology },

        // Stage (pathologic T).
        { "Pathology report\nResection specimen. Classification: pT1c pN0.", "Pathology report\nResection specimen. Classification: pT2 pN0.", "en", ContractFields.PathologicT },
        { "Compte rendu d'anatomie pathologique\nPièce opératoire. Classification : pT1c pN0.", "Compte rendu d'anatomie pathologique\nPièce opératoire. Classification : pT2 pN0.", "fr", ContractFields.PathologicT },

        // Key date: the date of diagnosis.
        { "Diagnostic histologique le 25 octobre 2022.", "Diagnostic histologique le 12 novembre 2022.", "fr", ContractFields.DateOfDiagnosis },
        { "Date of diagnosis: 30 March 2023.", "Diagnosed on 14 April 2023.", "en", ContractFields.DateOfDiagnosis },
    };

    [Theory]
    [MemberData(nameof(Conflicts))]
    public void Documents_that_disagree_on_a_field_raise_one_contradiction_cited_in_both(string first, string second, string language, string field)
    {
        var a = TestDocuments.Create([first], language, "a.pdf");
        var b = TestDocuments.Create([second], language, "b.pdf");

        var alerts = Detect([a, b]).Where(x => x.Kind == AlertKinds.Contradiction).ToList();

        var alert = alerts.Where(x => x.About == field).ShouldHaveSingleItem($"alerts: {string.Join(", ", alerts.Select(x => x.About))}");
        alert.Citations.Select(c => c.FileName).Distinct().Order().ShouldBe(["a.pdf", "b.pdf"]);
        alert.Severity.ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(Conflicts))]
    public void Documents_that_agree_raise_no_contradiction(string first, string second, string language, string field)
    {
        _ = second;
        var a = TestDocuments.Create([first], language, "a.pdf");
        var b = TestDocuments.Create([first], language, "b.pdf");

        Detect([a, b]).ShouldNotContain(x => x.Kind == AlertKinds.Contradiction && x.About == field);
    }

    private static IReadOnlyList<ClinicalAlert> Detect(IReadOnlyList<SourceDocument> documents) =>
        new ClinicalAlertDetector(Rules).Detect(documents, Rules.ExtractForm(documents));
}
