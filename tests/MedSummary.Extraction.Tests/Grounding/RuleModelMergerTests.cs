using MedSummary.Core.Contract;
using MedSummary.Extraction.Grounding;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Grounding;

public sealed class RuleModelMergerTests
{
    private static readonly RuleModelMerger Merger = new(5);

    private static Citation Cite(int start) => new("doc", "a.pdf", 1, start, start + 4, "text");

    private static FieldResult Rule(string value, double confidence = 0.92, int at = 0) => new()
    {
        Value = value, Normalized = value, Status = FieldStatus.Found, Confidence = confidence, Source = FieldSource.Rule, Citations = [Cite(at)],
    };

    private static ModelFieldOutcome Model(string value, double confidence = 0.75, int at = 100) => new(new FieldResult
    {
        Value = value, Normalized = value, Status = FieldStatus.Found, Confidence = confidence, Source = FieldSource.Llm, Citations = [Cite(at)],
    }, null, 0);

    [Fact]
    public void Agreement_combines_confidences_and_citations()
    {
        var merged = Merger.Merge(ContractFields.ErStatus, Rule("positive"), Model("positive"));

        merged.Status.ShouldBe(FieldStatus.Found);
        merged.Normalized.ShouldBe("positive");
        merged.Confidence.ShouldBe(GroundedConfidence.Agreement(0.92, 0.75));
        merged.Confidence.ShouldBeGreaterThan(0.92);
        merged.Citations.Select(c => c.Start).ShouldBe([0, 100]);
    }

    [Fact]
    public void A_more_specific_compatible_value_wins_and_agrees()
    {
        var merged = Merger.Merge(ContractFields.PathologicT, Rule("T2"), Model("T2a"));
        merged.Status.ShouldBe(FieldStatus.Found);
        merged.Normalized.ShouldBe("T2a");
        merged.Source.ShouldBe(FieldSource.Llm);
    }

    [Fact]
    public void Disagreement_is_a_conflict_citing_both()
    {
        var merged = Merger.Merge(ContractFields.Laterality, Rule("left"), Model("right"));

        merged.Status.ShouldBe(FieldStatus.Conflict);
        merged.Confidence.ShouldBe(0);
        merged.Normalized.ShouldBeNull();
        merged.Candidates.ShouldNotBeNull().Select(c => (c.Normalized, c.Source)).ShouldBe([("left", FieldSource.Rule), ("right", FieldSource.Llm)]);
        merged.Citations.Count.ShouldBe(2);
        merged.Reason.ShouldNotBeNull().ShouldContain("right");
    }

    [Fact]
    public void A_model_value_joins_the_rule_candidate_it_agrees_with()
    {
        var conflict = new FieldResult
        {
            Status = FieldStatus.Conflict,
            Source = FieldSource.Rule,
            Candidates = [new("left", "left", FieldSource.Rule, 0.9, [Cite(0)]), new("right", "right", FieldSource.Rule, 0.8, [Cite(50)])],
            Citations = [Cite(0), Cite(50)],
        };

        var merged = Merger.Merge(ContractFields.Laterality, conflict, Model("right"));

        merged.Status.ShouldBe(FieldStatus.Conflict);
        merged.Candidates!.Count.ShouldBe(2);
        merged.Candidates[1].Citations.Count.ShouldBe(2);
        merged.Candidates[1].Confidence.ShouldBeGreaterThan(0.8);
    }

    [Fact]
    public void Only_one_side_found_reports_that_side_and_a_refusal_is_kept_for_review()
    {
        Merger.Merge("ecog", FieldResult.NotFound(), Model("1")).Source.ShouldBe(FieldSource.Llm);

        var kept = Merger.Merge(ContractFields.Grade, Rule("G2"), ModelFieldOutcome.Refused("the model's value 'G3' was refused"));
        kept.Normalized.ShouldBe("G2");
        kept.Reason.ShouldNotBeNull().ShouldContain("G3");

        var none = Merger.Merge("ecog", FieldResult.NotFound(), ModelFieldOutcome.Refused("refused: quote not in passages"));
        none.Status.ShouldBe(FieldStatus.NotFound);
        none.Normalized.ShouldBeNull();
        none.Reason.ShouldNotBeNull().ShouldContain("quote not in passages");
    }
}
