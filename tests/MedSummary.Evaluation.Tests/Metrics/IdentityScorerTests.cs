using MedSummary.Core.Contract;
using MedSummary.Core.Gold;
using MedSummary.Evaluation.Metrics;
using MedSummary.Evaluation.Tests.Support;
using Shouldly;
using Xunit;

namespace MedSummary.Evaluation.Tests.Metrics;

public sealed class IdentityScorerTests
{
    private static readonly Core.Documents.SourceDocument Letter = Docs.Create(
        "01-letter.pdf",
        "Patiente : LEMAÎTRE Sylvie, née le 03/02/1961, IPP 40 112 733. Sexe : F.");

    private static readonly GoldPatient Truth = new()
    {
        Name = "Sylvie Lemaître",
        BirthDate = "1961-02-03",
        Sex = "female",
        Identifier = "40112733",
    };

    private static IdentityPart Part(string quote, string normalized, string? kind = null) =>
        new(quote, normalized, [Docs.Cite(Letter, quote)]) { Kind = kind };

    private static PatientIdentity Reported(string name = "LEMAÎTRE Sylvie", string birth = "1961-02-03", string id = "40 112 733") => new()
    {
        Name = Part("LEMAÎTRE Sylvie", name),
        BirthDate = Part("03/02/1961", birth),
        Sex = Part("Sexe : F", "female"),
        Identifiers = [Part("40 112 733", id, "IPP")],
    };

    private static IReadOnlyList<IdentityPartScore> Score(PatientIdentity? reported, GoldPatient? truth = null) =>
        IdentityScorer.Score(truth ?? Truth, reported, Docs.ById(Letter));

    [Fact]
    public void Every_part_written_differently_but_the_same_is_correct_and_cited()
    {
        var scores = Score(Reported());
        scores.Select(s => s.Part).ShouldBe(IdentityParts.All);
        scores.ShouldAllBe(s => s.Expected && s.Correct && s.Cited);
    }

    [Fact]
    public void Half_a_name_another_birth_date_or_another_number_is_wrong()
    {
        var scores = Score(Reported(name: "LEMAITRE", birth: "1961-03-02", id: "40112734")).ToDictionary(s => s.Part);
        scores[IdentityParts.Name].Correct.ShouldBeFalse();
        scores[IdentityParts.BirthDate].Correct.ShouldBeFalse();
        scores[IdentityParts.Identifier].Correct.ShouldBeFalse();
        scores[IdentityParts.Sex].Correct.ShouldBeTrue();
    }

    [Fact]
    public void A_part_the_truth_does_not_state_is_listed_as_unexpected_and_an_unreported_one_as_missed()
    {
        var scores = Score(Reported() with { Identifiers = [] }, Truth with { BirthDate = null }).ToDictionary(s => s.Part);
        scores[IdentityParts.BirthDate].Expected.ShouldBeFalse();
        scores[IdentityParts.BirthDate].Reported.ShouldBe("1961-02-03");
        scores[IdentityParts.Identifier].Reported.ShouldBeNull();
        scores[IdentityParts.Identifier].Correct.ShouldBeFalse();

        var metrics = RunAggregator.Aggregate([new DossierEvaluation { Name = "d", Identity = [.. scores.Values] }]).Identity.ToDictionary(m => m.Part);
        (metrics[IdentityParts.BirthDate].Expected, metrics[IdentityParts.BirthDate].Unexpected).ShouldBe((0, 1));
        (metrics[IdentityParts.Identifier].Expected, metrics[IdentityParts.Identifier].Missed, metrics[IdentityParts.Identifier].Accuracy).ShouldBe((1, 1, 0.0));
        metrics[IdentityParts.Name].Accuracy.ShouldBe(1.0);
    }

    [Fact]
    public void A_citation_that_does_not_read_back_from_the_documents_is_not_counted_as_cited()
    {
        var forged = new Citation(Letter.Id, Letter.FileName, 1, 0, 10, "DUPONT Jean");
        var reported = Reported() with { Name = new IdentityPart("LEMAÎTRE Sylvie", "LEMAITRE SYLVIE", [forged]) };
        var name = Score(reported).Single(s => s.Part == IdentityParts.Name);
        name.Correct.ShouldBeTrue();
        name.Cited.ShouldBeFalse();
    }

    [Fact]
    public void Neither_side_stating_an_identity_gives_no_score() =>
        IdentityScorer.Score(null, null, Docs.ById(Letter)).ShouldBeEmpty();
}
