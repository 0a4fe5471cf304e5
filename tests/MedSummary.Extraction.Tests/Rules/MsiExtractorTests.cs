using MedSummary.Core.Gold;
using MedSummary.Extraction.Rules;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class MsiExtractorTests
{
    private const string Msi = GoldFields.MsiStatus;
    private const string Lost = ExtensionFields.MmrLostProteins;
    private readonly MsiExtractor _extractor = new();

    /// <summary>text, language, normalized status.</summary>
    public static TheoryData<string, string, string> Stated => new()
    {
        { "Microsatellite stable (MSS).", "en", "mss" },
        { "MMR proteins retained (pMMR).", "en", "mss" },
        { "Tumour is MSI-H.", "en", "msi-h" },
        { "MSI-high colorectal adenocarcinoma.", "en", "msi-h" },
        { "High microsatellite instability on PCR.", "en", "msi-h" },
        { "Mismatch repair deficient (dMMR).", "en", "msi-h" },
        { "MMR-proficient tumour.", "en", "mss" },
        { "MSI status: stable.", "en", "mss" },
        { "MSI testing: negative.", "en", "mss" },
        { "MSI-L on the panel.", "en", "mss" },
        { "No microsatellite instability was found.", "en", "mss" },
        { "Microsatellite instability: not detected.", "en", "mss" },
        { "Intact nuclear expression of MLH1, PMS2, MSH2 and MSH6.", "en", "mss" },
        { "MLH1, PMS2, MSH2, MSH6: retained.", "en", "mss" },
        { "Loss of MLH1 and PMS2 expression.", "en", "msi-h" },
        { "No loss of expression of MLH1, PMS2, MSH2 or MSH6.", "en", "mss" },
        { "MMR IHC: deficient.", "en", "msi-h" },
        { "Deficient mismatch repair system.", "en", "msi-h" },
        { "Instabilité microsatellitaire (phénotype MSI).", "fr", "msi-h" },
        { "Statut MSI : stable.", "fr", "mss" },
        { "Tumeur MSS.", "fr", "mss" },
        { "Stabilité microsatellitaire.", "fr", "mss" },
        { "Pas d'instabilité microsatellitaire.", "fr", "mss" },
        { "Perte d'expression de MLH1 et PMS2.", "fr", "msi-h" },
        { "Expression conservée des protéines MMR.", "fr", "mss" },
        { "Protéines MMR : expression conservée de MLH1, PMS2, MSH2 et MSH6.", "fr", "mss" },
        { "Statut dMMR.", "fr", "msi-h" },
        { "Phénotype pMMR.", "fr", "mss" },
        { "Absence de perte d'expression des protéines MMR.", "fr", "mss" },
        { "Perte d'expression des protéines MMR.", "fr", "msi-h" },
        { "Déficience du système MMR.", "fr", "msi-h" },
        { "Microsatellites stables.", "fr", "mss" },
        { "MSH2 et MSH6 : perte d'expression ; MLH1 et PMS2 : expression conservée.", "fr", "msi-h" },
    };

    public static TheoryData<string, string> NothingStated => new()
    {
        { "Recherche d'instabilité microsatellitaire demandée.", "fr" },
        { "dMMR testing requested.", "en" },
        { "MSI testing pending.", "en" },
        { "Statut MSI : en attente.", "fr" },
        { "Antécédents familiaux : perte de MSH2 chez sa sœur.", "fr" },
        { "Family history: MSI-H colon cancer in his brother.", "en" },
        { "If MSI-H, immunotherapy will be discussed.", "en" },
        { "Result: MSI-H / MSS", "en" },
        { "Germline MLH1 mutation excluded by sequencing.", "en" },
        { "MLH1 promoter hypermethylation study to follow.", "en" },
        { "Instabilité microsatellitaire à rechercher.", "fr" },
        { "MSH2 and MSH6 retained.", "en" },
        { "MMR status to be determined.", "en" },
    };

    [Theory]
    [MemberData(nameof(Stated))]
    public void Reads_the_msi_or_mmr_status(string text, string language, string normalized)
    {
        var (_, findings) = FindingAssert.Run(_extractor, text, language);
        findings.Where(f => f.FieldKey == Msi).Select(f => f.Normalized).Distinct().ShouldBe([normalized], $"in \"{text}\"");
        findings.ShouldAllBe(f => f.Value.Length > 0);
    }

    [Theory]
    [MemberData(nameof(NothingStated))]
    public void Reads_nothing_from_a_request_a_relative_a_rule_an_option_list_or_a_germline_test(string text, string language) =>
        FindingAssert.FindsNothingAtAll(_extractor, text, language);

    [Theory]
    [InlineData("Perte d'expression de MLH1 et PMS2.", "fr", "MLH1/PMS2")]
    [InlineData("Loss of nuclear expression of PMS2 and MLH1.", "en", "MLH1/PMS2")]
    [InlineData("MLH1: lost; PMS2: lost; MSH2: intact; MSH6: intact.", "en", "MLH1/PMS2")]
    [InlineData("MSH6 : perte d'expression isolée.", "fr", "MSH6")]
    [InlineData("MSH2 et MSH6 : perte d'expression ; MLH1 et PMS2 : expression conservée.", "fr", "MSH2/MSH6")]
    [InlineData("Immunohistochemistry shows loss of MSH2/MSH6.", "en", "MSH2/MSH6")]
    public void Carries_the_lost_proteins_in_a_fixed_order(string text, string language, string normalized)
    {
        var (document, findings) = FindingAssert.Run(_extractor, text, language);
        var lost = findings.Where(f => f.FieldKey == Lost).ShouldHaveSingleItem($"in \"{text}\"");
        lost.Normalized.ShouldBe(normalized);
        document.Slice(lost.Span).ShouldContain(lost.Value);
        findings.Where(f => f.FieldKey == Msi).Select(f => f.Normalized).Distinct().ShouldBe(["msi-h"]);
    }

    [Fact]
    public void Keeps_msi_low_with_stable_and_says_so()
    {
        var (_, findings) = FindingAssert.Run(_extractor, "MSI-L.", "en");
        var f = findings.ShouldHaveSingleItem();
        f.Normalized.ShouldBe("mss");
        f.Note.ShouldBe("MSI-L");
    }
}
