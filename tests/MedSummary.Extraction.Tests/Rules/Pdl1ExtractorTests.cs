using MedSummary.Core.Gold;
using MedSummary.Extraction.Rules;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class Pdl1ExtractorTests
{
    private const string Tps = GoldFields.PdL1;
    private const string Cps = ExtensionFields.Pdl1Cps;
    private const string Ic = ExtensionFields.Pdl1Ic;
    private const string Clone = ExtensionFields.Pdl1Clone;
    private readonly Pdl1Extractor _extractor = new();

    /// <summary>text, language, value as written, normalized tumour proportion score.</summary>
    public static TheoryData<string, string, string, string> TpsStated => new()
    {
        { "PD-L1 (22C3) tumour proportion score 0%.", "en", "0%", "0%" },
        { "PD-L1 TPS 60%", "en", "60%", "60%" },
        { "PD-L1 expression in 80% of tumour cells.", "en", "80%", "80%" },
        { "PD-L1 (TPS) : < 1 %", "fr", "< 1 %", "<1%" },
        { "PD-L1: 5%", "en", "5%", "5%" },
        { "Tumor proportion score (TPS): 1-49%.", "en", "1-49%", "1-49%" },
        { "PD-L1 (SP263) TC 30%.", "en", "30%", "30%" },
        { "PD-L1 staining: 90% of viable tumour cells.", "en", "90%", "90%" },
        { "PD-L1 IHC, TPS = 50%.", "en", "50%", "50%" },
        { "PD-L1 expression: approximately 20%.", "en", "approximately 20%", "20%" },
        { "TPS: 75%", "en", "75%", "75%" },
        { "PD-L1 expression 100%", "en", "100%", "100%" },
        { "PD-L1 (clone 22C3) : 80 % des cellules tumorales (TPS).", "fr", "80 %", "80%" },
        { "Expression de PD-L1 à 60 %.", "fr", "60 %", "60%" },
        { "TPS PD-L1 5 %.", "fr", "5 %", "5%" },
        { "Score de proportion tumorale (TPS) : 40 %.", "fr", "40 %", "40%" },
        { "PD-L1 : TPS < 1 %.", "fr", "< 1 %", "<1%" },
        { "Immunomarquage PD-L1 : 15 % des cellules carcinomateuses.", "fr", "15 %", "15%" },
        { "PD-L1 (SP263) exprimé par 70 % des cellules tumorales.", "fr", "70 %", "70%" },
        { "PD-L1 négatif (TPS 0 %).", "fr", "0 %", "0%" },
        { "Marquage membranaire PD-L1 estimé à 35 %.", "fr", "35 %", "35%" },
        { "PD L1 : 2 %", "fr", "2 %", "2%" },
        { "TPS PD-L1 ≥ 50 %.", "fr", "≥ 50 %", "≥50%" },
        { "Ni EGFR ni ALK ; PD-L1 (TPS < 1%).", "fr", "< 1%", "<1%" },
        { "PD-L1 (TPS 20%) on the biopsy.", "en", "20%", "20%" },
    };

    public static TheoryData<string, string> NothingStated => new()
    {
        { "PD-L1 testing requested.", "en" },
        { "PD-L1 : en attente.", "fr" },
        { "PD-L1 pending; result to follow.", "en" },
        { "Pembrolizumab is indicated if TPS ≥ 50%.", "en" },
        { "Immunothérapie seule si TPS ≥ 50 %.", "fr" },
        { "First-line pembrolizumab is approved when PD-L1 TPS ≥ 50%.", "en" },
        { "Interpretation: TPS <1% negative, 1-49% low expression, ≥50% high expression.", "en" },
        { "PD-L1 à rechercher sur la biopsie.", "fr" },
        { "PD-L1 non réalisé (matériel insuffisant).", "fr" },
        { "PD-L1 not interpretable: 5% cellularity.", "en" },
        { "His brother's tumour had PD-L1 TPS 90%.", "en" },
        { "PD-L1 positive.", "en" },
        { "Ki-67 40%.", "en" },
        { "PD-1 inhibitor started; tumour regression of 30%.", "en" },
        { "Éligibilité : PD-L1 ≥ 1 % requis.", "fr" },
    };

    /// <summary>text, language, value as written, normalized combined positive score.</summary>
    public static TheoryData<string, string, string, string> CpsStated => new()
    {
        { "PD-L1 (22C3) CPS 10.", "en", "10", "10" },
        { "Combined positive score (CPS): 25", "en", "25", "25" },
        { "PD-L1 CPS < 1", "en", "< 1", "<1" },
        { "PD-L1 : CPS = 5", "fr", "5", "5" },
        { "Score combiné positif (CPS) à 15.", "fr", "15", "15" },
        { "CPS ≥ 20", "fr", "≥ 20", "≥20" },
        { "PD-L1: TPS 30%, CPS 40.", "en", "40", "40" },
    };

    public static TheoryData<string, string, string, string> IcStated => new()
    {
        { "PD-L1 (SP142): IC 5%.", "en", "5%", "5%" },
        { "PD-L1 (SP142) immune cells: 10%.", "en", "10%", "10%" },
        { "PD-L1 : cellules immunitaires 1 %.", "fr", "1 %", "1%" },
    };

    [Theory]
    [MemberData(nameof(TpsStated))]
    public void Reads_the_tumour_proportion_score(string text, string language, string value, string normalized) =>
        FindingAssert.Finds(_extractor, text, language, Tps, value, normalized);

    [Theory]
    [MemberData(nameof(NothingStated))]
    public void Reads_nothing_from_a_request_a_rule_a_legend_or_a_relative(string text, string language) =>
        FindingAssert.FindsNothingAtAll(_extractor, text, language);

    [Theory]
    [MemberData(nameof(CpsStated))]
    public void Reads_the_combined_positive_score(string text, string language, string value, string normalized) =>
        FindingAssert.Finds(_extractor, text, language, Cps, value, normalized);

    [Theory]
    [MemberData(nameof(IcStated))]
    public void Reads_the_immune_cell_score(string text, string language, string value, string normalized) =>
        FindingAssert.Finds(_extractor, text, language, Ic, value, normalized);

    [Theory]
    [InlineData("PD-L1 (22C3) tumour proportion score 0%.", "en", "22C3", "22C3")]
    [InlineData("PD-L1 (clone SP263) : TPS 80 %.", "fr", "SP263", "SP263")]
    [InlineData("PD-L1 (28 8) TPS 1%", "en", "28 8", "28-8")]
    [InlineData("PD-L1 sp142 IC 2%", "en", "sp142", "SP142")]
    public void Reads_the_clone_with_a_result(string text, string language, string value, string normalized) =>
        FindingAssert.Finds(_extractor, text, language, Clone, value, normalized);

    [Fact]
    public void Reads_no_clone_without_a_result()
    {
        FindingAssert.FindsNothingAtAll(_extractor, "PD-L1 (22C3) demandé.", "fr");
        FindingAssert.FindsNothingAtAll(_extractor, "Clone 22C3 validated on the Dako platform.", "en");
    }

    [Fact]
    public void Cites_the_marker_and_its_score()
    {
        const string text = "Biopsy on 31/08/2023 confirmed squamous cell carcinoma. PD-L1 TPS 0%.";
        var (document, findings) = FindingAssert.Run(_extractor, text, "en");
        var tps = findings.ShouldHaveSingleItem();
        document.Slice(tps.Span).ShouldBe("PD-L1 TPS 0%");
    }
}
