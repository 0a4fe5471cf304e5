using MedSummary.Core.Citations;
using MedSummary.Extraction.Grounding.Alignment;
using MedSummary.Extraction.Grounding.Passages;
using MedSummary.Testing.Documents;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Grounding;

public sealed class QuoteAlignerTests
{
    private static (IReadOnlyList<Passage> Passages, Core.Documents.SourceDocument Document) Passages(string text)
    {
        var document = TestDocuments.FromText(text, "fr");
        return ([new Passage("P1", document, new Core.Provenance.TextSpan(0, text.Length))], document);
    }

    private static string Aligned(string text, string quote, AlignmentKind kind)
    {
        var (passages, document) = Passages(text);
        var aligned = QuoteAligner.Align(quote, passages).ShouldHaveSingleItem();
        aligned.Kind.ShouldBe(kind);
        var citation = CitationFactory.ForSpan(document, aligned.Span).ShouldHaveSingleItem();
        CitationVerifier.Check(citation, new Dictionary<string, Core.Documents.SourceDocument> { [document.Id] = document }).ShouldBeNull();
        return citation.Quote;
    }

    [Fact]
    public void An_exact_quote_gives_its_own_span() =>
        Aligned("Conclusion : RE : 90 % (positifs), RP négatifs.", "RE : 90 % (positifs)", AlignmentKind.Exact).ShouldBe("RE : 90 % (positifs)");

    [Theory]
    [InlineData("Le carcinome canalaire\ninfiltrant mesure 23 mm.", "carcinome canalaire infiltrant", "carcinome canalaire\ninfiltrant")]
    [InlineData("Le carcinome  canalaire   infiltrant.", "carcinome canalaire infiltrant", "carcinome  canalaire   infiltrant")]
    [InlineData("Récepteurs aux ŒSTROGÈNES positifs.", "recepteurs aux oestrogenes positifs", "Récepteurs aux ŒSTROGÈNES positifs")]
    [InlineData("Une inﬁltration diffuse.", "infiltration diffuse", "inﬁltration diffuse")]
    [InlineData("carcinome infil-\ntrant de type non spécifique", "carcinome infiltrant", "carcinome infil-\ntrant")]
    [InlineData("RE : 90 % (positifs).", "RE: 90% (positifs)", "RE : 90 % (positifs")]
    [InlineData("la patiente dit : « douleur mammaire »", "la patiente dit : \"douleur mammaire\"", "la patiente dit : « douleur mammaire")]
    public void Tolerant_alignment_folds_whitespace_case_accents_ligatures_hyphenation_and_punctuation(string text, string quote, string expected) =>
        Aligned(text, quote, AlignmentKind.Tolerant).ShouldBe(expected);

    [Theory]
    [InlineData("classification pT2 pNO (sn) M0", "classification pT2 pN0 (sn)", "classification pT2 pNO (sn")]
    [InlineData("Le patient est inforrné du diagnostic.", "Le patient est informé du diagnostic", "Le patient est inforrné du diagnostic")]
    [InlineData("Ki-67 estirné à l0 % des cellules", "Ki-67 estimé à 10 % des cellules", "Ki-67 estirné à l0 % des cellules")]
    public void Ocr_confusions_are_folded_only_as_a_last_resort(string text, string quote, string expected) =>
        Aligned(text, quote, AlignmentKind.Ocr).ShouldBe(expected);

    [Theory]
    [InlineData("RE : 90 % (positifs)", "RE : 0 % (négatifs)")]
    [InlineData("carcinome canalaire infiltrant", "carcinome lobulaire infiltrant")]
    [InlineData("pT2 pN0", "pN0 pT2")]
    [InlineData("Hb 12,1 g/dL", "")]
    [InlineData("Hb 12,1 g/dL", "   ")]
    public void A_quote_the_text_does_not_hold_does_not_align(string text, string quote) =>
        QuoteAligner.Align(quote, Passages(text).Passages).ShouldBeEmpty();

    [Fact]
    public void Short_quotes_are_not_aligned_by_ocr_folding()
    {
        // "N0" folded for OCR would be "no" and match any "no"; short quotes must match at least tolerantly.
        QuoteAligner.Align("pN0", Passages("There is no node (pNO)").Passages).ShouldBeEmpty();
    }

    [Fact]
    public void Quotes_are_searched_only_in_the_passages_given()
    {
        var document = TestDocuments.FromText("Début. RE : 90 % (positifs). Fin du compte rendu.", "fr");
        var outside = new Passage("P1", document, new Core.Provenance.TextSpan(0, 6));
        QuoteAligner.Align("RE : 90 % (positifs)", [outside]).ShouldBeEmpty();
    }

    [Fact]
    public void Every_occurrence_is_returned_in_passage_order()
    {
        var (passages, _) = Passages("grade 2 ... puis grade 2 encore");
        QuoteAligner.Align("grade 2", passages).Select(a => a.Span.Start).ShouldBe([0, 17]);
    }
}
