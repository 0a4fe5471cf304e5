using MedSummary.Core.Gold;
using MedSummary.Extraction.Rules;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class PerformanceStatusExtractorTests
{
    private const string Ecog = GoldFields.Ecog;
    private const string Karnofsky = ExtensionFields.Karnofsky;
    private readonly PerformanceStatusExtractor _extractor = new();

    /// <summary>text, language, value as written, normalized grade.</summary>
    public static TheoryData<string, string, string, string> EcogStated => new()
    {
        { "ECOG 1.", "en", "1", "1" },
        { "Remains well, PS 1.", "en", "1", "1" },
        { "ECOG performance status 0.", "en", "0", "0" },
        { "WHO performance status of 2.", "en", "2", "2" },
        { "Performance status: 1", "en", "1", "1" },
        { "ECOG PS: 3", "en", "3", "3" },
        { "ECOG-PS 1, independent for daily activities.", "en", "1", "1" },
        { "Performance status (ECOG) was 2 at the visit.", "en", "2", "2" },
        { "PS (WHO) = 1", "en", "1", "1" },
        { "Zubrod score 2.", "en", "2", "2" },
        { "ECOG score is 4, bedridden.", "en", "4", "4" },
        { "Today ECOG performance status 1. No new symptoms.", "en", "1", "1" },
        { "WHO PS 0", "en", "0", "0" },
        { "ECOG (0-4): 2", "en", "2", "2" },
        { "Good general condition, PS 1.", "en", "1", "1" },
        { "ECOG currently 1", "en", "1", "1" },
        { "Patiente en bon état général, performance status (ECOG) à 1.", "fr", "1", "1" },
        { "État général conservé, indice de performance OMS 1.", "fr", "1", "1" },
        { "État général : état général OMS 0.", "fr", "0", "0" },
        { "PS 2, amaigrissement de 4 kg.", "fr", "2", "2" },
        { "OMS 1.", "fr", "1", "1" },
        { "Statut de performance OMS : 2", "fr", "2", "2" },
        { "PS à 1 ce jour.", "fr", "1", "1" },
        { "Score ECOG = 3", "fr", "3", "3" },
        { "ECOG évalué à 0.", "fr", "0", "0" },
        { "État général altéré (OMS 3).", "fr", "3", "3" },
        { "PS OMS 1, autonome.", "fr", "1", "1" },
        { "Indice de performance ECOG/OMS : 2", "fr", "2", "2" },
        { "Performance status à 0, patient asymptomatique.", "fr", "0", "0" },
        { "ECOG\n1", "en", "1", "1" },
    };

    /// <summary>text, language: nothing is a patient's performance status.</summary>
    public static TheoryData<string, string> EcogNotStated => new()
    {
        { "Classification OMS 2021 des tumeurs du système nerveux central.", "fr" },
        { "Glioblastome, grade OMS 4.", "fr" },
        { "Astrocytoma, WHO grade 2.", "en" },
        { "According to the WHO 2 classification criteria.", "en" },
        { "Eligible if PS ≤ 1.", "en" },
        { "Patients with ECOG 0-1 may be enrolled.", "en" },
        { "Critères d'inclusion : PS 0 à 1.", "fr" },
        { "ECOG 0 / 1 / 2 / 3 / 4", "en" },
        { "ECOG scale: 0 = fully active; 1 = restricted in strenuous activity.", "en" },
        { "Si OMS 2, réduction de dose.", "fr" },
        { "If the performance status were 2, we would reduce the dose.", "en" },
        { "His mother had an ECOG of 3 at the end of her life.", "en" },
        { "Vaccine PS 1 dose given.", "en" },
        { "ps 1", "en" },
        { "PS 10 mg daily.", "en" },
        { "ECOG 5.", "en" },
        { "PSA 1.2 ng/mL.", "en" },
        { "État général conservé.", "fr" },
        { "ECOG performance status to be assessed at next visit.", "en" },
        { "Antigène prostatique PS 2 dosé.", "fr" },
        { "ECOG 1,5", "fr" },
    };

    public static TheoryData<string, string, string, string> KarnofskyStated => new()
    {
        { "Karnofsky 80%.", "en", "80%", "80" },
        { "KPS 70", "en", "70", "70" },
        { "Karnofsky performance status (KPS) of 60%.", "en", "60%", "60" },
        { "Indice de Karnofsky à 90 %.", "fr", "90 %", "90" },
        { "IK 100 %", "fr", "100 %", "100" },
        { "Score de Karnofsky : 50 %", "fr", "50 %", "50" },
    };

    public static TheoryData<string, string> KarnofskyNotStated => new()
    {
        { "Karnofsky 80-90%", "en" },
        { "Karnofsky 85%", "en" },
        { "Inclusion si Karnofsky ≥ 70 %.", "fr" },
        { "Karnofsky scale from 0 to 100.", "en" },
    };

    [Theory]
    [MemberData(nameof(EcogStated))]
    public void Reads_the_performance_grade(string text, string language, string value, string normalized) =>
        FindingAssert.Finds(_extractor, text, language, Ecog, value, normalized);

    [Theory]
    [MemberData(nameof(EcogNotStated))]
    public void Reads_nothing_from_a_classification_a_threshold_a_legend_or_another_ps(string text, string language) =>
        FindingAssert.FindsNothing(_extractor, text, language, Ecog);

    [Theory]
    [MemberData(nameof(KarnofskyStated))]
    public void Reads_the_karnofsky_index_apart_from_ecog(string text, string language, string value, string normalized)
    {
        FindingAssert.Finds(_extractor, text, language, Karnofsky, value, normalized);
        FindingAssert.FindsNothing(_extractor, text, language, Ecog);
    }

    [Theory]
    [MemberData(nameof(KarnofskyNotStated))]
    public void Reads_no_karnofsky_index_from_a_range_an_odd_value_or_a_rule(string text, string language) =>
        FindingAssert.FindsNothing(_extractor, text, language, Karnofsky);

    [Fact]
    public void Cites_the_name_and_the_grade_together()
    {
        var f = FindingAssert.Finds(_extractor, "Bilan : PS 1, autonome.", "fr", Ecog, "1", "1");
        FindingAssert.Run(_extractor, "Bilan : PS 1, autonome.", "fr").Document.Slice(f.Span).ShouldBe("PS 1");
    }
}
