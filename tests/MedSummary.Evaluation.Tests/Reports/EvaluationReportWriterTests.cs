using MedSummary.Evaluation.Drift;
using MedSummary.Evaluation.Metrics;
using MedSummary.Evaluation.Reports;
using MedSummary.Evaluation.Tests.Support;
using Shouldly;
using Xunit;

namespace MedSummary.Evaluation.Tests.Reports;

public sealed class EvaluationReportWriterTests
{
    private static string Line(string markdown, string startsWith) =>
        markdown.Split('\n').Single(l => l.StartsWith(startsWith, StringComparison.Ordinal));

    [Fact]
    public void The_overall_table_shows_each_rate_with_its_counts()
    {
        var md = EvaluationReportWriter.Write(Scenario.Run());
        Line(md, "| accuracy on stated values").ShouldBe("| accuracy on stated values | 57.1% (4/7) |");
        Line(md, "| precision of found values").ShouldBe("| precision of found values | 60.0% (3/5) |");
        Line(md, "| invention rate").ShouldBe("| invention rate (value stated nowhere) | 50.0% (1/2) |");
        Line(md, "| citation validity").ShouldBe("| citation validity (verbatim and holding the value) | 85.7% (6/7) |");
        Line(md, "| citations verbatim").ShouldBe("| citations verbatim (quote = source span) | 100.0% (7/7) |");
        Line(md, "| citations holding the value").ShouldBe("| citations holding the value | 85.7% (6/7) |");
        Line(md, "| alerts recall").ShouldBe("| alerts recall | 66.7% (2/3) |");
        Line(md, "| answers citing a passage").ShouldBe("| answers citing a passage the truth quotes | 100.0% (1/1) |");
        Line(md, "| summary sentences dropped").ShouldEndWith("| not reported |");
        md.ShouldContain("(1 on which the pipeline failed, counted as answering nothing)");
    }

    [Fact]
    public void The_field_table_has_one_row_per_field_in_scope_and_names_the_others()
    {
        var md = EvaluationReportWriter.Write(Scenario.Run());
        Line(md, "| `primary_site`").ShouldBe("| `primary_site` | 3 | 33.3% (1/3) | 100.0% (1/1) | 33.3% (1/3) | 66.7% (2/3) | – | – | 100.0% (1/1) | 0.0% (0/1) |");
        Line(md, "| `her2_status`").ShouldContain("| – |");
        md.ShouldContain("not declared by the form (left out of the totals): `ecog` (1 stated)");
        md.ShouldNotContain("| `ecog`");
    }

    [Fact]
    public void Failures_are_counted_by_kind_and_shown_most_harmful_first_with_expected_and_found_values()
    {
        var md = EvaluationReportWriter.Write(Scenario.Run());
        md.ShouldContain("4 answer(s) differ from the truth: 1 invented, 1 wrong value, 2 missed.");
        Line(md, "| missed | `primary_site`").ShouldBe("| missed | `primary_site` | b, c | 2 |");
        var rows = md.Split('\n').SkipWhile(l => !l.StartsWith("Examples", StringComparison.Ordinal))
            .Where(l => l.StartsWith("| a |", StringComparison.Ordinal) || l.StartsWith("| b |", StringComparison.Ordinal) || l.StartsWith("| c |", StringComparison.Ordinal))
            .ToList();
        rows.Count.ShouldBe(4);
        rows[0].ShouldStartWith("| a | `her2_status` | invented | stated nowhere | negative | a-anapath.pdf p.1 \"score 1+\" |");
        rows[1].ShouldStartWith("| a | `grade` | wrong value | G2 | G3 |");
        rows[2].ShouldStartWith("| b | `primary_site` | missed | breast | not_found |");
        rows[3].ShouldStartWith("| c | `primary_site` | missed | lung | absent |");
    }

    [Fact]
    public void Examples_are_capped_overall_and_per_kind()
    {
        var capped = EvaluationReportWriter.Write(Scenario.Run(), new ReportOptions { MaxFailures = 1 });
        capped.ShouldContain("(at most 3 per outcome and field, 1 of 4):");
        capped.ShouldContain("| a | `her2_status` | invented");
        capped.ShouldNotContain("| a | `grade` | wrong value");

        var perKind = EvaluationReportWriter.Write(Scenario.Run(), new ReportOptions { ExamplesPerFailureKind = 1 });
        perKind.ShouldContain("| b | `primary_site` | missed");
        perKind.ShouldNotContain("| c | `primary_site` | missed");
    }

    [Fact]
    public void The_report_holds_values_and_short_quotes_but_not_the_documents_text()
    {
        var md = EvaluationReportWriter.Write(Scenario.Run());
        md.ShouldNotContain("Carcinome canalaire infiltrant du sein gauche");
        md.ShouldNotContain("Left breast cancer, grade 2. Creatinine");
        md.ShouldNotContain("Forged.");
        md.ShouldNotContain("boom");
    }

    [Fact]
    public void The_run_header_and_the_cost_table()
    {
        var md = EvaluationReportWriter.Write(Scenario.Run(label: "baseline"));
        md.ShouldStartWith("# MedSummary evaluation: gold\n");
        Line(md, "| label").ShouldBe("| label | baseline |");
        Line(md, "| tool version").ShouldBe("| tool version | 9.9.9+test |");
        Line(md, "| a | fr |").ShouldBe("| a | fr | 2 | 2 | 2.00 | – | – | 2/4 | 0 |");
        Line(md, "| c (pipeline failed)").ShouldContain("| 0/1 |");
    }

    [Fact]
    public void Drift_and_charts_are_shown_when_given()
    {
        var evaluations = Scenario.Evaluations().ToList();
        evaluations[1] = evaluations[1] with
        {
            Fields = [.. evaluations[1].Fields.Select(f => f.Key == "grade" ? f with { Outcome = FieldOutcome.Wrong } : f)],
        };
        var drift = DriftDetector.Compare(Scenario.Run(label: "before"), Scenario.Run(evaluations, label: "after"));
        var md = EvaluationReportWriter.Write(
            Scenario.Run(evaluations, label: "after"),
            new ReportOptions { Drift = drift, Charts = [new ChartLink("Accuracy per field", "charts/accuracy-per-field.png")] });
        md.ShouldContain("**1 field(s) got worse:** `grade` (accuracy_fell).");
        Line(md, "| `grade` | 50.0%").ShouldBe("| `grade` | 50.0% | 0.0% | -50.0 pt | 1 | 0 | 0.500 | **accuracy_fell** |");
        md.ShouldContain("![Accuracy per field](charts/accuracy-per-field.png)");

        var unchanged = EvaluationReportWriter.Write(Scenario.Run(), new ReportOptions { Drift = DriftDetector.Compare(Scenario.Run(), Scenario.Run()) });
        unchanged.ShouldContain("No field got worse.");
    }

    [Fact]
    public void The_comparison_report_puts_the_runs_side_by_side()
    {
        var baseline = Scenario.Run(label: "rules");
        var latest = Scenario.Run(label: "rules+llm");
        var md = ComparisonReportWriter.Write(baseline, latest, DriftDetector.Compare(baseline, latest));
        md.ShouldStartWith("# MedSummary evaluation: rules vs rules+llm\n");
        Line(md, "| accuracy on stated values").ShouldBe("| accuracy on stated values | 57.1% | 57.1% |");
        md.ShouldContain("No field got worse.");
    }
}
