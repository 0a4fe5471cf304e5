using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Core.Provenance;
using MedSummary.Pipeline.Verification;
using MedSummary.Testing.Documents;
using Shouldly;
using Xunit;

namespace MedSummary.Pipeline.Tests;

public sealed class ResultVerifierTests
{
    private static readonly Core.Documents.SourceDocument Doc = TestDocuments.FromPages(
        "CONCLUSION\nCarcinome canalaire infiltrant du sein gauche, grade 2.",
        "Récepteurs aux œstrogènes positifs à 90 %.");

    private static IReadOnlyDictionary<string, Core.Documents.SourceDocument> Docs => new Dictionary<string, Core.Documents.SourceDocument> { [Doc.Id] = Doc };

    private static Citation Cite(string phrase)
    {
        var start = Doc.Text.IndexOf(phrase, StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0);
        return CitationFactory.Create(Doc, TextSpan.FromLength(start, phrase.Length));
    }

    private static DossierResult With(params (string Key, FieldResult Field)[] fields) => new()
    {
        Form = new FormResult { Fields = fields.ToDictionary(f => f.Key, f => f.Field) },
    };

    [Fact]
    public void Valid_citations_pass_untouched()
    {
        var field = new FieldResult { Value = "gauche", Normalized = "left", Status = FieldStatus.Found, Confidence = 0.9, Source = FieldSource.Rule, Citations = [Cite("sein gauche")] };
        var (result, report) = ResultVerifier.Enforce(With(("laterality", field)), Docs);

        report.Clean.ShouldBeTrue();
        var kept = result.Form.Fields["laterality"];
        (kept.Status, kept.Value, kept.Normalized, kept.Confidence).ShouldBe((field.Status, field.Value, field.Normalized, field.Confidence));
        kept.Citations.ShouldBe(field.Citations);
    }

    [Fact]
    public void A_found_field_whose_only_quote_was_altered_is_withdrawn_with_a_reason()
    {
        var forged = Cite("sein gauche") with { Quote = "sein droit!" };
        var field = new FieldResult { Value = "droit", Normalized = "right", Status = FieldStatus.Found, Confidence = 0.9, Source = FieldSource.Llm, Citations = [forged] };
        var (result, report) = ResultVerifier.Enforce(With(("laterality", field)), Docs);

        report.InvalidCitations.ShouldBe(1);
        report.FieldsWithdrawn.ShouldBe(1);
        var withdrawn = result.Form.Fields["laterality"];
        withdrawn.Status.ShouldBe(FieldStatus.NotFound);
        withdrawn.Value.ShouldBeNull();
        withdrawn.Reason.ShouldBe(ResultVerifier.WithdrawnReason);
    }

    [Fact]
    public void A_citation_on_the_wrong_page_or_out_of_range_is_removed_but_valid_ones_stay()
    {
        var good = Cite("positifs à 90 %");
        var wrongPage = good with { Page = 1 };
        var outOfRange = good with { Start = Doc.Text.Length, End = Doc.Text.Length + 4 };
        var field = new FieldResult { Value = "positifs", Normalized = "positive", Status = FieldStatus.Found, Confidence = 0.9, Source = FieldSource.Rule, Citations = [wrongPage, good, outOfRange] };
        var (result, report) = ResultVerifier.Enforce(With(("er_status", field)), Docs);

        report.InvalidCitations.ShouldBe(2);
        report.FieldsWithdrawn.ShouldBe(0);
        result.Form.Fields["er_status"].Citations.ShouldBe([good]);
    }

    [Fact]
    public void A_conflict_left_with_a_single_verified_side_is_withdrawn_not_turned_into_a_fact()
    {
        var left = Cite("sein gauche");
        var forged = left with { Quote = "sein droit" };
        var field = new FieldResult
        {
            Status = FieldStatus.Conflict,
            Citations = [left, forged],
            Candidates =
            [
                new FieldCandidate("gauche", "left", FieldSource.Rule, 0.9, [left]),
                new FieldCandidate("droit", "right", FieldSource.Rule, 0.9, [forged]),
            ],
        };
        var (result, _) = ResultVerifier.Enforce(With(("laterality", field)), Docs);

        result.Form.Fields["laterality"].Status.ShouldBe(FieldStatus.NotFound);
    }

    [Fact]
    public void Summary_sentences_and_alerts_without_a_verified_citation_are_dropped_and_counted()
    {
        var good = Cite("grade 2");
        var result = new DossierResult
        {
            Summary = [new SummarySentence("Grade 2 tumour.", [good]), new SummarySentence("Invented.", [good with { Quote = "grade 3" }])],
            Alerts = [new ClinicalAlert("lab_abnormal", "Hb low", [good with { DocumentId = "nope" }])],
        };
        var (verified, report) = ResultVerifier.Enforce(result, Docs);

        verified.Summary.Select(s => s.Text).ShouldBe(["Grade 2 tumour."]);
        verified.Alerts.ShouldBeEmpty();
        report.SentencesDropped.ShouldBe(1);
        report.AlertsDropped.ShouldBe(1);
        report.InvalidCitations.ShouldBe(2);
    }
}
