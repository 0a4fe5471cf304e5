using MedSummary.Core.Contract;
using MedSummary.Evaluation.Metrics;
using MedSummary.Evaluation.Tests.Support;
using Shouldly;
using Xunit;

namespace MedSummary.Evaluation.Tests.Metrics;

public sealed class RunAggregatorTests
{
    private readonly RunMetrics _metrics = RunAggregator.Aggregate(Scenario.Evaluations());

    [Fact]
    public void Overall_counts_follow_the_outcomes_of_the_fields_in_scope()
    {
        // In scope: primary_site, grade, her2_status, laterality (ecog is not in any form; stage is not evaluated).
        var o = _metrics.Overall;
        o.Dossiers.ShouldBe(9);
        o.Stated.ShouldBe(6);
        o.NotStated.ShouldBe(2);
        o.ExpectedConflicts.ShouldBe(1);
        (o.Correct, o.Wrong, o.Missed, o.Invented, o.CorrectNotFound, o.ConflictsDetected).ShouldBe((3, 1, 2, 1, 1, 1));
        o.AnsweredFound.ShouldBe(5);
        o.AnsweredConflict.ShouldBe(1);
        o.AnsweredNotFound.ShouldBe(3);
    }

    [Fact]
    public void Overall_rates_have_the_documented_definitions()
    {
        var o = _metrics.Overall;
        o.Accuracy.ShouldBe(4.0 / 7);            // (3 correct + 1 conflict detected) / (6 stated + 1 conflict)
        o.Precision.ShouldBe(3.0 / 5);           // 3 correct / 5 found answers (one of them invented, one wrong)
        o.Recall.ShouldBe(3.0 / 6);
        o.NotFoundRate.ShouldBe(2.0 / 7);
        o.InventionRate.ShouldBe(1.0 / 2);
        o.ConflictRate.ShouldBe(1.0 / 9);
        o.ConflictRecall.ShouldBe(1.0);
        o.Agreement.ShouldBe(5.0 / 9);
        o.Claims.ShouldBe(7);                    // 3 found + 2 candidates in a, 2 found in b
        o.UnsupportedClaims.ShouldBe(1);         // a's grade: its quote says "grade 2", the value is "grade 3"
        o.UnsupportedClaimRate.ShouldBe(1.0 / 7);
        o.CitationValidity.ShouldBe(6.0 / 7);
        (o.QuoteChecked, o.QuoteMatched).ShouldBe((1, 1));   // only a's primary_site is quoted by its truth
        o.TruthQuoteAgreement.ShouldBe(1.0);
    }

    [Fact]
    public void Per_field_metrics_and_the_macro_average()
    {
        _metrics.Fields.Select(f => f.Key).ShouldBe(["primary_site", "laterality", "grade", "her2_status"]);
        var site = _metrics.Fields.Single(f => f.Key == "primary_site");
        (site.Dossiers, site.Stated, site.Correct, site.Missed).ShouldBe((3, 3, 1, 2));
        site.Accuracy.ShouldBe(1.0 / 3);
        var her2 = _metrics.Fields.Single(f => f.Key == "her2_status");
        her2.Accuracy.ShouldBeNull();            // nothing stated: no accuracy, not 0%
        her2.Precision.ShouldBe(0.0);
        her2.InventionRate.ShouldBe(0.5);
        _metrics.Fields.Single(f => f.Key == "laterality").Accuracy.ShouldBe(1.0);
        _metrics.MacroAccuracy!.Value.ShouldBe((1.0 / 3 + 0.5 + 1.0) / 3, 1e-12);
    }

    [Fact]
    public void Fields_no_form_declares_are_listed_apart_and_left_out_of_the_totals()
    {
        _metrics.FieldsNotInForm.Select(f => f.Key).ShouldBe(["ecog"]);
        _metrics.FieldsNotInForm[0].Missed.ShouldBe(1);
        _metrics.Fields.ShouldNotContain(f => f.Key == "ecog");
    }

    [Fact]
    public void Failed_dossiers_are_counted_and_answer_nothing()
    {
        _metrics.Dossiers.ShouldBe(3);
        _metrics.FailedDossiers.ShouldBe(1);
        var c = DossierScorer.Score(Scenario.C());
        c.Fields.Single().Outcome.ShouldBe(FieldOutcome.Missed);
        c.Failure.ShouldNotBeNull();
    }

    [Fact]
    public void Alerts_match_by_kind_and_analyte_or_field()
    {
        var all = _metrics.Alerts[0];
        all.Kind.ShouldBe(RunAggregator.AllKey);
        (all.Expected, all.ExpectedFound, all.Reported, all.ReportedMatched, all.NotJudged).ShouldBe((3, 2, 3, 2, 1));
        all.Recall.ShouldBe(2.0 / 3);
        all.Precision.ShouldBe(2.0 / 3);
        var lab = _metrics.Alerts.Single(a => a.Kind == "lab_abnormal");
        (lab.Expected, lab.ExpectedFound, lab.Reported, lab.ReportedMatched).ShouldBe((2, 1, 2, 1));
        var contradiction = _metrics.Alerts.Single(a => a.Kind == "contradiction");
        (contradiction.Expected, contradiction.ExpectedFound, contradiction.Reported, contradiction.ReportedMatched).ShouldBe((1, 1, 1, 1));
    }

    [Fact]
    public void Summary_sentences_and_their_citations()
    {
        var s = _metrics.Summary;
        s.Sentences.ShouldBe(2);
        s.Unsupported.ShouldBe(1);
        s.Citations.Total.ShouldBe(2);
        s.Citations.SpanValid.ShouldBe(1);
        s.DossiersReportingDropped.ShouldBe(0);
        s.DroppedRate.ShouldBeNull();            // not reported is not "none dropped"
    }

    [Fact]
    public void Cost_totals_and_the_median()
    {
        var c = _metrics.Cost;
        (c.Dossiers, c.Files, c.Pages).ShouldBe((3, 6, 3));
        c.Seconds.ShouldBe(3.5);
        c.MedianSecondsPerDossier.ShouldBe(1.0);
        c.MaxSecondsPerDossier.ShouldBe(2.0);
        c.SecondsPerPage!.Value.ShouldBe(3.5 / 3, 1e-12);
        c.PromptTokens.ShouldBeNull();
        c.DossiersWithTokens.ShouldBe(0);
    }

    [Fact]
    public void Tokens_calls_and_drops_are_read_from_the_processing_block_when_present()
    {
        var processing = new ProcessingInfo { Mode = "rules+llm", PromptTokens = 1200, GeneratedTokens = 80, ModelCalls = 3, SentencesDropped = 2, ValuesRejected = 1 };
        ProcessingCounters.Read(processing).ShouldBe(new ProcessingCounters(1200, 80, 2, 3, 1));
        ProcessingCounters.Read(new ProcessingInfo { Mode = "rules" }).ShouldBe(new ProcessingCounters(null, null, null));
        ProcessingCounters.Read(null).ShouldBe(ProcessingCounters.None);

        var a = Scenario.A();
        var scored = DossierScorer.Score(a with { Result = a.Result with { Processing = processing }, Verification = new VerificationCounts(0, 0, 1, 0) });
        scored.Cost.PromptTokens.ShouldBe(1200);
        scored.Cost.ModelCalls.ShouldBe(3);
        scored.ValuesRejected.ShouldBe(1);
        scored.Summary.Dropped.ShouldBe(3);      // 2 by the summary builder + 1 by the last gate
        var metrics = RunAggregator.Aggregate([scored, DossierScorer.Score(Scenario.B())]);
        metrics.ValuesRejected.ShouldBe(1);
        metrics.Cost.ModelCalls.ShouldBe(3);
        RunAggregator.Aggregate([DossierScorer.Score(Scenario.B())]).ValuesRejected.ShouldBeNull();
    }

    [Fact]
    public void The_verification_gate_report_counts_dropped_sentences_and_sums_over_the_run()
    {
        var a = DossierScorer.Score(Scenario.A() with { Verification = new VerificationCounts(3, 1, 1, 0) });
        a.Summary.Dropped.ShouldBe(1);
        var b = DossierScorer.Score(Scenario.B() with { Verification = VerificationCounts.None });
        b.Summary.Dropped.ShouldBe(0);
        var metrics = RunAggregator.Aggregate([a, b, DossierScorer.Score(Scenario.C())]);
        metrics.Verification.ShouldBe(new VerificationCounts(3, 1, 1, 0));
        metrics.Summary.DossiersReportingDropped.ShouldBe(2);
        metrics.Summary.DroppedRate.ShouldBe(1.0 / 3);   // 1 dropped of 2 kept + 1 dropped
    }

    [Fact]
    public void Dropped_sentences_and_tokens_aggregate_over_the_dossiers_that_report_them()
    {
        var a = DossierScorer.Score(Scenario.A());
        var reporting = a with
        {
            Summary = a.Summary with { Dropped = 2 },
            Cost = a.Cost with { PromptTokens = 1000, GeneratedTokens = 100 },
        };
        var metrics = RunAggregator.Aggregate([reporting, DossierScorer.Score(Scenario.B())]);
        metrics.Summary.Dropped.ShouldBe(2);
        metrics.Summary.DroppedRate.ShouldBe(2.0 / 4);   // 2 dropped of 2 kept + 2 dropped, in the one reporting dossier
        metrics.Cost.PromptTokens.ShouldBe(1000);
        metrics.Cost.PromptTokensPerDossier.ShouldBe(1000);
        metrics.Cost.DossiersWithTokens.ShouldBe(1);
    }
}
