using MedSummary.Evaluation.Drift;
using MedSummary.Evaluation.Metrics;
using MedSummary.Evaluation.Tests.Support;
using Shouldly;
using Xunit;

namespace MedSummary.Evaluation.Tests.Drift;

public sealed class DriftDetectorTests
{
    /// <summary>The scenario with b's grade answered wrong: grade accuracy falls from 1/2 to 0/2.</summary>
    private static IReadOnlyList<DossierEvaluation> WithGradeRegressed()
    {
        var evaluations = Scenario.Evaluations().ToList();
        var b = evaluations[1];
        evaluations[1] = b with
        {
            Fields = [.. b.Fields.Select(f => f.Key == "grade" ? f with { Outcome = FieldOutcome.Wrong, Actual = "G3" } : f)],
        };
        return evaluations;
    }

    [Fact]
    public void A_field_whose_accuracy_fell_is_flagged_with_the_dossiers_that_regressed()
    {
        var report = DriftDetector.Compare(Scenario.Run(label: "before"), Scenario.Run(WithGradeRegressed(), label: "after"));
        report.SameTruths.ShouldBeTrue();
        report.Warnings.ShouldBeEmpty();
        report.Flagged.Select(f => f.Key).ShouldBe(["grade"]);
        var grade = report.Fields.Single(f => f.Key == "grade");
        grade.Flags.ShouldBe([DriftFlags.AccuracyFell]);
        grade.BaselineAccuracy.ShouldBe(0.5);
        grade.LatestAccuracy.ShouldBe(0.0);
        grade.Delta.ShouldBe(-0.5);
        grade.Regressions.ShouldBe(["b"]);
        grade.Improvements.ShouldBeEmpty();
        grade.PValue.ShouldBe(0.5);
        report.Overall.Regressions.ShouldBe(["b/grade"]);
        report.Overall.Flags.ShouldContain(DriftFlags.AccuracyFell);
        report.Baseline.Name.ShouldBe("before");
    }

    [Fact]
    public void The_same_run_twice_flags_nothing()
    {
        var report = DriftDetector.Compare(Scenario.Run(), Scenario.Run());
        report.Flagged.ShouldBeEmpty();
        report.Overall.Flagged.ShouldBeFalse();
        report.Fields.ShouldAllBe(f => f.Delta == null || f.Delta == 0);
    }

    [Fact]
    public void An_improvement_is_not_flagged_and_a_fall_within_the_tolerance_is_not_either()
    {
        var improved = DriftDetector.Compare(Scenario.Run(WithGradeRegressed()), Scenario.Run());
        improved.Flagged.ShouldBeEmpty();
        improved.Fields.Single(f => f.Key == "grade").Improvements.ShouldBe(["b"]);

        var tolerant = DriftDetector.Compare(Scenario.Run(), Scenario.Run(WithGradeRegressed()), new DriftOptions { Tolerance = 0.6 });
        tolerant.Flagged.ShouldBeEmpty();
        Should.Throw<ArgumentException>(() => DriftDetector.Compare(Scenario.Run(), Scenario.Run(), new DriftOptions { Tolerance = -0.1 }));
    }

    [Fact]
    public void More_inventions_are_flagged_even_when_accuracy_holds()
    {
        var evaluations = Scenario.Evaluations().ToList();
        var b = evaluations[1];
        evaluations[1] = b with
        {
            Fields = [.. b.Fields.Select(f => f.Key == "her2_status" ? f with { Outcome = FieldOutcome.Invented, Status = "found", Actual = "positive" } : f)],
        };
        var report = DriftDetector.Compare(Scenario.Run(), Scenario.Run(evaluations));
        report.Fields.Single(f => f.Key == "her2_status").Flags.ShouldBe([DriftFlags.MoreInventions]);
    }

    [Fact]
    public void Different_truths_are_warned_about_and_dossiers_are_not_paired()
    {
        var report = DriftDetector.Compare(Scenario.Run(truthHash: "t1"), Scenario.Run(WithGradeRegressed(), truthHash: "t2"));
        report.SameTruths.ShouldBeFalse();
        report.Warnings.ShouldHaveSingleItem().ShouldContain("different truths");
        var grade = report.Fields.Single(f => f.Key == "grade");
        grade.Flags.ShouldBe([DriftFlags.AccuracyFell]);
        grade.Regressions.ShouldBeEmpty();
        grade.PValue.ShouldBeNull();
    }

    [Fact]
    public void A_field_the_form_no_longer_declares_is_flagged()
    {
        var evaluations = Scenario.Evaluations().Select(d => d with { FormKeys = [.. d.FormKeys.Where(k => k != "grade")] }).ToList();
        var report = DriftDetector.Compare(Scenario.Run(), Scenario.Run(evaluations));
        report.Fields.Single(f => f.Key == "grade").Flags.ShouldBe([DriftFlags.NoLongerInForm]);
    }

    [Fact]
    public void Runs_with_the_same_label_are_named_with_their_start_time()
    {
        var later = Scenario.Run(label: "rules") with { StartedAt = new DateTimeOffset(2026, 11, 24, 8, 30, 0, TimeSpan.Zero) };
        var report = DriftDetector.Compare(Scenario.Run(label: "rules"), later);
        report.Baseline.Name.ShouldBe("rules 2026-11-23 10:00:00");
        report.Latest.Name.ShouldBe("rules 2026-11-24 08:30:00");
        DriftDetector.Compare(Scenario.Run(label: "a"), Scenario.Run(label: "b")).Latest.Name.ShouldBe("b");
    }

    [Theory]
    [InlineData(0, 0, 1.0)]
    [InlineData(1, 0, 0.5)]
    [InlineData(3, 0, 0.125)]
    [InlineData(1, 1, 0.75)]
    [InlineData(2, 3, 0.8125)]
    public void The_sign_test_is_the_upper_binomial_tail(int worse, int better, double p) =>
        DriftDetector.SignTest(worse, better).ShouldBe(p, 1e-12);

    [Fact]
    public void The_sign_test_stays_finite_on_large_sets() =>
        DriftDetector.SignTest(1600, 1400).ShouldBeInRange(0.0, 0.001);
}
