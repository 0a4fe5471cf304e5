using MedSummary.Core.Contract;
using MedSummary.Core.Gold;
using MedSummary.Evaluation.Metrics;
using Shouldly;
using Xunit;

namespace MedSummary.Evaluation.Tests.Metrics;

public sealed class AlertMatcherTests
{
    private static GoldAlert Lab(string about) => new() { Kind = GoldAlertKinds.LabAbnormal, About = about };

    private static ClinicalAlert Alert(string kind, string message) => new(kind, message, []);

    [Theory]
    [InlineData("hemoglobin", "Hb 8.2 g/dL (low)")]
    [InlineData("hemoglobin", "Hémoglobine à 8,2 g/dL")]
    [InlineData("neutrophils", "PNN 0,9 G/L")]
    [InlineData("gfr", "DFG estimé 38 mL/min")]
    [InlineData("potassium", "K+ 6.1 mmol/L")]
    [InlineData("creatinine", "Créatinine 190 µmol/L")]
    public void Lab_alerts_match_on_the_analyte_named_in_either_language(string about, string message) =>
        AlertMatcher.Matches(Lab(about), Alert("lab_abnormal", message)).ShouldBeTrue();

    [Theory]
    [InlineData("hemoglobin", "Platelets 45 G/L")]
    [InlineData("alt", "Salt intake")]
    [InlineData("hemoglobin", "Hba1c 9%")]
    public void Lab_alerts_do_not_match_another_analyte_or_part_of_a_word(string about, string message) =>
        AlertMatcher.Matches(Lab(about), Alert("lab_abnormal", message)).ShouldBeFalse();

    [Fact]
    public void Kinds_must_agree_up_to_known_aliases()
    {
        AlertMatcher.Matches(Lab("hemoglobin"), Alert("lab", "Hb low")).ShouldBeTrue();
        AlertMatcher.Matches(Lab("hemoglobin"), Alert("Lab-Abnormal", "Hb low")).ShouldBeTrue();
        AlertMatcher.Matches(Lab("hemoglobin"), Alert("contradiction", "Hb low")).ShouldBeFalse();
        var contradiction = new GoldAlert { Kind = GoldAlertKinds.Contradiction, About = "pathologic_t" };
        AlertMatcher.Matches(contradiction, Alert("conflict", "Pathologic T differs: T2 vs T3")).ShouldBeTrue();
        AlertMatcher.Matches(contradiction, Alert("conflict", "pathologic_t: T2 vs T3")).ShouldBeTrue();
        AlertMatcher.Matches(contradiction, Alert("conflict", "Laterality differs")).ShouldBeFalse();
    }

    [Fact]
    public void Only_annotated_kinds_are_judged()
    {
        AlertMatcher.IsEvaluatedKind("lab_abnormal").ShouldBeTrue();
        AlertMatcher.IsEvaluatedKind("Conflict").ShouldBeTrue();
        AlertMatcher.IsEvaluatedKind("toxicity").ShouldBeFalse();
        AlertMatcher.IsEvaluatedKind("different_patients").ShouldBeTrue();
    }

    [Fact]
    public void A_different_patients_alert_matches_when_it_cites_the_misfiled_document()
    {
        var expected = new GoldAlert { Kind = GoldAlertKinds.DifferentPatients, About = "07-imaging.pdf" };
        Citation Cite(string file) => new("id-" + file, file, 1, 0, 9, "IPP 12345");
        AlertMatcher.Matches(expected, new ClinicalAlert("different_patients", "Documents of different patients", [Cite("01-letter.pdf"), Cite("07-imaging.pdf")]) { About = "birth_date" })
            .ShouldBeTrue();
        AlertMatcher.Matches(expected, new ClinicalAlert("different_patients", "Documents of different patients: 07-imaging.pdf", [Cite("01-letter.pdf"), Cite("03-pathology.pdf")]))
            .ShouldBeFalse();
        AlertMatcher.Matches(expected, new ClinicalAlert("contradiction", "laterality", [Cite("07-imaging.pdf")])).ShouldBeFalse();
    }
}
