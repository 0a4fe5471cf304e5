using MedSummary.Extraction.Verification;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Verification;

public sealed class DrugLexiconTests
{
    [Theory]
    [InlineData("carboplatine-pémétrexed (4 cycles)", "carboplatin,pemetrexed")]
    [InlineData("FEC100 x3 puis docetaxel x3", "fec,docetaxel")]
    [InlineData("hormonothérapie par LÉTROZOLE", "letrozole")]
    [InlineData("Herceptin and Perjeta", "trastuzumab,pertuzumab")]
    [InlineData("trastuzumab emtansine (T-DM1)", "t-dm1,t-dm1")]
    [InlineData("weekly nab-paclitaxel", "nab-paclitaxel")]
    [InlineData("FOLFOX4 then FOLFIRI-bévacizumab", "folfox,folfiri,bevacizumab")]
    [InlineData("suppression androgénique par dégarélix", "degarelix")]
    [InlineData("leuproréline 22,5 mg", "leuprorelin")]
    [InlineData("EC x4 then weekly paclitaxel", "ec,paclitaxel")]
    public void Names_in_either_language_map_to_one_canonical_name(string text, string expected)
    {
        DrugLexicon.FindAll(text).Select(d => d.Canonical).ShouldBe(expected.Split(','));
    }

    [Theory]
    [InlineData("Masse suspecte, ACR 5.")]
    [InlineData("Decision taken in the ec clinic.")]
    [InlineData("Taxonomy of tumours; carbon dating.")]
    [InlineData("Paracetamol 1 g as required.")]
    public void Words_that_only_look_like_drugs_are_not_drugs(string text)
    {
        DrugLexicon.FindAll(text).ShouldBeEmpty();
    }

    [Fact]
    public void Each_mention_points_at_its_text_and_carries_its_class()
    {
        const string text = "Plan: pembrolizumab plus létrozole.";
        var mentions = DrugLexicon.FindAll(text);

        mentions.Select(m => text[m.Span.Start..m.Span.End]).ShouldBe(["pembrolizumab", "létrozole"]);
        mentions.Select(m => m.Class).ShouldBe([DrugClass.Immunotherapy, DrugClass.HormoneTherapy]);
        DrugLexicon.ClassOf("osimertinib").ShouldBe(DrugClass.TargetedTherapy);
        DrugLexicon.ClassOf("aspirin").ShouldBeNull();
    }
}
