using MedSummary.Retrieval.Text;
using Shouldly;

namespace MedSummary.Retrieval.Tests.Text;

public sealed class LexicalTextTests
{
    [Theory]
    [InlineData("L'Œstrogène-Récepteur, HER2+", "l oestrogene recepteur her2")]
    [InlineData("  Ça  va ?  ", "ca va")]
    [InlineData("Re\u0301sultat", "resultat")]
    [InlineData("Straße, Æther, Łódź, naïve", "strasse aether lodz naive")]
    [InlineData("pT2N1a — Ki67=30%", "pt2n1a ki67 30")]
    [InlineData("ΑΒΓ δ", "αβγ δ")]
    [InlineData("!!!", "")]
    public void Folding_lowercases_strips_accents_and_splits_on_non_words(string text, string expected)
    {
        LexicalText.Fold(text).ShouldBe(expected);
    }

    [Fact]
    public void Terms_are_distinct_and_in_order()
    {
        LexicalText.Terms("Carcinome, CARCINOME et carcinôme; grade 2").ShouldBe(["carcinome", "et", "grade", "2"]);
        LexicalText.Terms(" -- ").ShouldBeEmpty();
    }

    [Fact]
    public void Query_terms_drop_function_words_unless_nothing_else_is_left()
    {
        LexicalText.QueryTerms("Statut des récepteurs de la progestérone", 10).ShouldBe(["statut", "recepteur", "progesterone"]);
        LexicalText.QueryTerms("de la", 10).ShouldBe(["de", "la"]);
        LexicalText.QueryTerms("un deux trois quatre", 2).ShouldBe(["deux", "trois"]);
    }
}
