using MedSummary.Core.Contract;
using MedSummary.Core.Gold;
using MedSummary.Evaluation.Metrics;
using MedSummary.Evaluation.Tests.Support;
using Shouldly;
using Xunit;

namespace MedSummary.Evaluation.Tests.Metrics;

public sealed class FieldScorerTests
{
    private static readonly Core.Documents.SourceDocument Pathology = Docs.Create(
        "anapath.pdf",
        "Carcinome canalaire infiltrant, grade 2 (SBR). Sein gauche. Tumeur classée pT2 N0.",
        "Récepteurs aux oestrogènes : positifs (90 %). HER2 score 1+.");

    private static readonly Core.Documents.SourceDocument Operation = Docs.Create(
        "operation.pdf", "Tumorectomie droite le 12/05/2023. Métastases hépatiques et osseuses.");

    private static readonly IReadOnlyDictionary<string, Core.Documents.SourceDocument> Documents = Docs.ById(Pathology, Operation);

    [Theory]
    [InlineData("T2", "T2", FieldOutcome.Correct)]
    [InlineData("T2", "t2", FieldOutcome.Correct)]
    [InlineData("T2", "T3", FieldOutcome.Wrong)]
    public void A_stated_value_answered_found_is_correct_or_wrong(string expected, string normalized, FieldOutcome outcome)
    {
        var score = FieldScorer.Score("pathologic_t", GoldField.Of(expected), Docs.Found("pT2", normalized, Docs.Cite(Pathology, "pT2")), Documents);
        score.Outcome.ShouldBe(outcome);
        score.Expected.ShouldBe(expected);
        score.Actual.ShouldBe(normalized);
        score.Status.ShouldBe(FieldStatus.Found);
    }

    [Fact]
    public void A_stated_value_answered_not_found_or_absent_is_missed()
    {
        FieldScorer.Score("grade", GoldField.Of("G2"), FieldResult.NotFound(), Documents).Outcome.ShouldBe(FieldOutcome.Missed);
        var absent = FieldScorer.Score("grade", GoldField.Of("G2"), null, Documents);
        absent.Outcome.ShouldBe(FieldOutcome.Missed);
        absent.Status.ShouldBe(FieldScorer.AbsentStatus);
        absent.Claims.ShouldBe(0);
    }

    [Fact]
    public void A_single_stated_value_answered_as_a_conflict_is_a_spurious_conflict()
    {
        var answer = Docs.Conflict(("gauche", "left", [Docs.Cite(Pathology, "gauche")]), ("droite", "right", [Docs.Cite(Operation, "droite")]));
        FieldScorer.Score("laterality", GoldField.Of("left"), answer, Documents).Outcome.ShouldBe(FieldOutcome.SpuriousConflict);
    }

    [Fact]
    public void A_value_stated_nowhere_must_be_not_found_and_anything_else_is_an_invention()
    {
        FieldScorer.Score("her2_status", GoldField.NotStated, FieldResult.NotFound(), Documents).Outcome.ShouldBe(FieldOutcome.CorrectNotFound);
        FieldScorer.Score("her2_status", GoldField.NotStated, null, Documents).Outcome.ShouldBe(FieldOutcome.CorrectNotFound);
        FieldScorer.Score("her2_status", GoldField.NotStated, Docs.Found("score 1+", "negative", Docs.Cite(Pathology, "score 1+")), Documents)
            .Outcome.ShouldBe(FieldOutcome.Invented);
        var conflict = Docs.Conflict(("gauche", "left", [Docs.Cite(Pathology, "gauche")]), ("droite", "right", [Docs.Cite(Operation, "droite")]));
        FieldScorer.Score("laterality", GoldField.NotStated, conflict, Documents).Outcome.ShouldBe(FieldOutcome.Invented);
    }

    [Fact]
    public void An_expected_conflict_is_detected_only_with_every_value_among_the_candidates()
    {
        var truth = GoldField.InConflict(["left", "right"]);
        var both = Docs.Conflict(("gauche", "left", [Docs.Cite(Pathology, "gauche")]), ("droite", "right", [Docs.Cite(Operation, "droite")]));
        FieldScorer.Score("laterality", truth, both, Documents).Outcome.ShouldBe(FieldOutcome.ConflictDetected);

        var partial = Docs.Conflict(("gauche", "left", [Docs.Cite(Pathology, "gauche")]), ("Sein", "bilateral", [Docs.Cite(Pathology, "Sein")]));
        FieldScorer.Score("laterality", truth, partial, Documents).Outcome.ShouldBe(FieldOutcome.ConflictIncomplete);

        FieldScorer.Score("laterality", truth, Docs.Found("gauche", "left", Docs.Cite(Pathology, "gauche")), Documents)
            .Outcome.ShouldBe(FieldOutcome.ConflictMissed);
        FieldScorer.Score("laterality", truth, FieldResult.NotFound(), Documents).Outcome.ShouldBe(FieldOutcome.ConflictNotFound);
    }

    [Fact]
    public void Multi_valued_fields_compare_as_sets()
    {
        var truth = GoldField.OfSet(["liver", "bone"]);
        var answer = Docs.Found("hépatiques et osseuses", "bone, liver", Docs.Cite(Operation, "hépatiques et osseuses"));
        FieldScorer.Score(GoldFields.MetastaticSites, truth, answer, Documents).Outcome.ShouldBe(FieldOutcome.Correct);
        FieldScorer.Score(GoldFields.MetastaticSites, truth, answer with { Normalized = "liver" }, Documents).Outcome.ShouldBe(FieldOutcome.Wrong);
        FieldScorer.Score(GoldFields.MetastaticSites, GoldField.OfSet([]), answer with { Normalized = "none" }, Documents).Outcome.ShouldBe(FieldOutcome.Correct);
    }

    [Fact]
    public void A_citation_is_valid_when_its_quote_is_the_source_span_and_holds_the_raw_value()
    {
        // "G2" is normalized from "grade 2": the raw value is what the quote must hold.
        var answer = Docs.Found("grade 2", "G2", Docs.Cite(Pathology, "grade 2 (SBR)"));
        var score = FieldScorer.Score("grade", GoldField.Of("G2"), answer, Documents);
        score.Outcome.ShouldBe(FieldOutcome.Correct);
        score.Claims.ShouldBe(1);
        score.UnsupportedClaims.ShouldBe(0);
        score.Citations.ShouldBe(new CitationTally { Total = 1, SpanValid = 1, ValueContained = 1, Valid = 1 });
        score.Evidence.ShouldBe(new EvidenceRef("anapath.pdf", 1, "grade 2 (SBR)"));
    }

    [Fact]
    public void A_quote_holding_the_normalized_value_holds_the_value_too()
    {
        // Another mention cited for the same value may word it differently: "T2" inside "pT2 N0" supports normalized "T2".
        var answer = Docs.Found("pT2", "T2", Docs.Cite(Pathology, "classée pT2 N0"));
        FieldScorer.Score("pathologic_t", GoldField.Of("T2"), answer with { Value = "stade pT2" }, Documents)
            .Citations.ShouldBe(new CitationTally { Total = 1, SpanValid = 1, ValueContained = 1, Valid = 1 });
        FieldScorer.Score("pathologic_t", GoldField.Of("T3"), answer with { Value = "pT3", Normalized = "T3" }, Documents)
            .Citations.Valid.ShouldBe(0);
    }

    [Fact]
    public void A_quote_that_differs_from_the_source_or_lacks_the_value_does_not_support_the_claim()
    {
        var genuine = Docs.Cite(Pathology, "grade 2");
        var forged = genuine with { Quote = "grade 3" };
        var elsewhere = Docs.Cite(Pathology, "Sein gauche");
        var answer = Docs.Found("grade 3", "G3", forged, elsewhere);
        var score = FieldScorer.Score("grade", GoldField.Of("G2"), answer, Documents);
        score.Citations.ShouldBe(new CitationTally { Total = 2, SpanValid = 1, ValueContained = 1, Valid = 0 });
        score.UnsupportedClaims.ShouldBe(1);
    }

    [Fact]
    public void A_citation_on_the_wrong_page_or_of_an_unknown_document_is_invalid()
    {
        var onPage2 = Docs.Cite(Pathology, "positifs");
        onPage2.Page.ShouldBe(2);
        var wrongPage = onPage2 with { Page = 1 };
        var unknown = onPage2 with { DocumentId = new string('0', 64) };
        var score = FieldScorer.Score("er_status", GoldField.Of("positive"), Docs.Found("positifs", "positive", wrongPage, unknown), Documents);
        score.Citations.SpanValid.ShouldBe(0);
        score.Citations.ValueContained.ShouldBe(2);
        score.UnsupportedClaims.ShouldBe(1);
    }

    [Fact]
    public void Without_the_documents_no_citation_can_be_verified()
    {
        var answer = Docs.Found("grade 2", "G2", Docs.Cite(Pathology, "grade 2"));
        var score = FieldScorer.Score("grade", GoldField.Of("G2"), answer, documents: null);
        score.Outcome.ShouldBe(FieldOutcome.Correct);
        score.Citations.Valid.ShouldBe(0);
        score.UnsupportedClaims.ShouldBe(1);
    }

    [Fact]
    public void Each_conflict_candidate_is_a_claim_checked_against_its_own_value()
    {
        // The second candidate cites a passage that does not say "droite": that claim is unsupported.
        var answer = Docs.Conflict(("gauche", "left", [Docs.Cite(Pathology, "gauche")]), ("droite", "right", [Docs.Cite(Pathology, "Sein")]));
        var score = FieldScorer.Score("laterality", GoldField.InConflict(["left", "right"]), answer, Documents);
        score.Claims.ShouldBe(2);
        score.UnsupportedClaims.ShouldBe(1);
        score.Citations.ShouldBe(new CitationTally { Total = 2, SpanValid = 2, ValueContained = 1, Valid = 1 });
        score.Actual.ShouldBe("left | right");
        score.Expected.ShouldBe("left | right");
    }

    [Fact]
    public void A_code_is_judged_by_its_value_and_supported_by_the_words_coded_or_its_label_never_by_other_words()
    {
        var truth = GoldField.Of("8500/3", new GoldQuote { File = "anapath.pdf", Page = 1, Text = "Carcinome canalaire infiltrant" });
        var words = Docs.Found("Carcinome canalaire infiltrant", "8500/3", Docs.Cite(Pathology, "Carcinome canalaire infiltrant"));

        var byWords = FieldScorer.Score(GoldFields.IcdO3Morphology, truth, words, Documents);
        byWords.Outcome.ShouldBe(FieldOutcome.Correct);
        byWords.UnsupportedClaims.ShouldBe(0);
        byWords.CitesTruthQuote.ShouldBe(true);

        FieldScorer.Score(GoldFields.IcdO3Morphology, truth, words with { Normalized = "8520/3" }, Documents).Outcome.ShouldBe(FieldOutcome.Wrong);
        FieldScorer.Score(GoldFields.IcdO3Morphology, truth, words with { Normalized = "8500/2" }, Documents).Outcome.ShouldBe(FieldOutcome.Wrong);

        // An answer whose value is the code itself is supported when its label is what the citation quotes...
        var codeOnly = Docs.Found("C50.9", "C50.9", Docs.Cite(Pathology, "Sein gauche")) with { Label = "Sein" };
        FieldScorer.Score(GoldFields.IcdO3Topography, GoldField.Of("C50.9"), codeOnly, Documents).UnsupportedClaims.ShouldBe(0);

        // ...but a citation of unrelated words supports nothing, and a label counts only for coded fields.
        var unrelated = Docs.Found("C50.9", "C50.9", Docs.Cite(Pathology, "grade 2")) with { Label = "Sein" };
        FieldScorer.Score(GoldFields.IcdO3Topography, GoldField.Of("C50.9"), unrelated, Documents).UnsupportedClaims.ShouldBe(1);
        var labelled = Docs.Found("left", "left", Docs.Cite(Pathology, "Sein gauche")) with { Label = "Sein" };
        FieldScorer.Score(ContractFields.Laterality, GoldField.Of("left"), labelled, Documents).UnsupportedClaims.ShouldBe(1);
    }

    [Fact]
    public void A_found_answer_without_citations_is_an_unsupported_claim()
    {
        var score = FieldScorer.Score("grade", GoldField.Of("G2"), Docs.Found("grade 2", "G2"), Documents);
        score.Claims.ShouldBe(1);
        score.UnsupportedClaims.ShouldBe(1);
        score.Citations.Total.ShouldBe(0);
    }

    [Fact]
    public void An_answer_citing_a_passage_the_truth_quotes_agrees_with_it()
    {
        var answer = Docs.Found("pT2", "T2", Docs.Cite(Pathology, "pT2 N0"));
        GoldField Quoted(string file, int? page, string text) => GoldField.Of("T2", new GoldQuote { File = file, Page = page, Text = text });

        FieldScorer.Score("pathologic_t", Quoted("anapath.pdf", 1, "Tumeur classée pT2"), answer, Documents).CitesTruthQuote.ShouldBe(true);
        FieldScorer.Score("pathologic_t", Quoted("anapath.pdf", null, "PT2"), answer, Documents).CitesTruthQuote.ShouldBe(true);
        FieldScorer.Score("pathologic_t", Quoted("anapath.pdf", 2, "pT2"), answer, Documents).CitesTruthQuote.ShouldBe(false);
        FieldScorer.Score("pathologic_t", Quoted("operation.pdf", 1, "pT2"), answer, Documents).CitesTruthQuote.ShouldBe(false);
        FieldScorer.Score("pathologic_t", Quoted("anapath.pdf", 1, "Sein gauche"), answer, Documents).CitesTruthQuote.ShouldBe(false);
        FieldScorer.Score("pathologic_t", GoldField.Of("T2"), answer, Documents).CitesTruthQuote.ShouldBeNull();
        FieldScorer.Score("pathologic_t", Quoted("anapath.pdf", 1, "pT2"), FieldResult.NotFound(), Documents).CitesTruthQuote.ShouldBeNull();

        // Without the documents, only containment can be judged: a partial overlap is not seen.
        var citation = answer.Citations[0];
        FieldScorer.Overlaps(citation, new GoldQuote { File = "anapath.pdf", Page = 1, Text = "pT2" }).ShouldBeTrue();
        FieldScorer.Overlaps(citation, new GoldQuote { File = "anapath.pdf", Page = 1, Text = "Tumeur classée pT2" }).ShouldBeFalse();
        FieldScorer.Overlaps(citation, new GoldQuote { File = "anapath.pdf", Page = 1, Text = "Tumeur classée pT2" }, Documents).ShouldBeTrue();
    }

    [Fact]
    public void Long_quotes_are_cut_in_scores()
    {
        var long1 = Docs.Create("long.txt", "grade 2 " + new string('x', 500));
        var answer = Docs.Found("grade 2", "G2", Docs.Cite(long1, long1.Text));
        var score = FieldScorer.Score(
            "grade",
            GoldField.Of("G2", new GoldQuote { File = "long.txt", Page = 1, Text = long1.Text }),
            answer,
            Docs.ById(long1));
        score.Evidence!.Quote!.Length.ShouldBe(FieldScorer.QuoteLength);
        score.ExpectedAt!.Quote!.Length.ShouldBe(FieldScorer.QuoteLength);
        score.ExpectedAt.File.ShouldBe("long.txt");
    }
}
