using MedSummary.Core.Contract;
using MedSummary.Core.Gold;
using Shouldly;
using Xunit;

namespace MedSummary.Core.Tests.Gold;

public sealed class GoldTruthJsonTests
{
    private static GoldTruth FullTruth() => new()
    {
        Dossier = "breast-fr",
        Language = "fr",
        Description = "Synthétique : « cœur » d’essai",
        Files = [new GoldFile { Name = "01-courrier.pdf", Kind = GoldDocumentKinds.ReferralLetter, Pages = 2, Date = "2023-03-20", Language = "fr" }],
        Fields = new Dictionary<string, GoldField>
        {
            [ContractFields.PrimarySite] = GoldField.Of("breast", new GoldQuote { File = "01-courrier.pdf", Page = 1, Text = "sein gauche" }),
            [ContractFields.Ki67] = new GoldField { Value = "20%" },
            [ContractFields.GleasonScore] = GoldField.NotStated,
            [ContractFields.Laterality] = GoldField.InConflict(
                ["left", "right"],
                new GoldQuote { File = "01-courrier.pdf", Page = 1, Text = "sein gauche", Value = "left" },
                new GoldQuote { File = "01-courrier.pdf", Text = "sein droit", Value = "right" }),
            [GoldFields.MetastaticSites] = GoldField.OfSet(["liver", "bone"]),
            [GoldFields.Ecog] = new GoldField { Value = "1", Note = "latest consultation" },
        },
        Treatments = [new GoldTreatment { Kind = GoldTreatmentKinds.Chemotherapy, Name = "FEC100 x3 then docetaxel x3", Start = "2023-04-12", End = "2023-08-30", Intent = "adjuvant" }],
        Toxicities = [new GoldToxicity { Name = "neutropenia", Grade = 3, Date = "2023-05-02" }],
        Alerts =
        [
            new GoldAlert { Kind = GoldAlertKinds.LabAbnormal, About = GoldLabs.Hemoglobin, Value = "8.2 g/dL", Direction = "low", Date = "2023-05-02" },
            new GoldAlert { Kind = GoldAlertKinds.Contradiction, About = ContractFields.Laterality },
        ],
        Timeline = [new GoldEvent { Date = "2023-03", Kind = GoldEventKinds.Symptom, Description = "Palpable lump" }],
    };

    [Fact]
    public void A_truth_survives_a_round_trip_unchanged()
    {
        var json = GoldTruthJson.Serialize(FullTruth());

        var read = GoldTruthJson.Deserialize(json);

        GoldTruthJson.Serialize(read).ShouldBe(json);
        read.Fields[ContractFields.PrimarySite].Value.ShouldBe("breast");
        read.Fields[ContractFields.PrimarySite].Quotes.Single().Page.ShouldBe(1);
        read.Fields[ContractFields.GleasonScore].Expectation.ShouldBe(GoldExpectation.NotFound);
        read.Fields[ContractFields.Laterality].Expectation.ShouldBe(GoldExpectation.Conflict);
        read.Fields[ContractFields.Laterality].Conflict.ShouldBe(["left", "right"]);
        read.Fields[ContractFields.Laterality].Quotes[1].Page.ShouldBeNull();
        read.Fields[GoldFields.MetastaticSites].Values.ShouldBe(["liver", "bone"]);
        read.Fields[GoldFields.Ecog].Note.ShouldBe("latest consultation");
        read.Treatments.Single().End.ShouldBe("2023-08-30");
        read.Toxicities.Single().Grade.ShouldBe(3);
        read.Alerts[0].Direction.ShouldBe("low");
        read.Timeline.Single().Date.ShouldBe("2023-03");
        read.Description.ShouldBe("Synthétique : « cœur » d’essai");
    }

    [Fact]
    public void Fields_are_written_in_their_shortest_form()
    {
        var json = GoldTruthJson.Serialize(FullTruth());

        json.ShouldContain("\"gleason_score\": null");
        json.ShouldContain("\"ki67\": \"20%\"");
        json.ShouldContain("\"conflict\": [");
        json.ShouldContain("« cœur » d’essai");
    }

    [Fact]
    public void A_hand_written_file_may_use_the_short_forms_and_comments()
    {
        const string json = """
            {
              // written by hand
              "schemaVersion": "1",
              "dossier": "patient-007",
              "language": "en",
              "fields": {
                "primary_site": "lung",
                "her2_status": null,
                "laterality": { "conflict": ["left", "right"] },
                "metastatic_sites": { "values": [] },
              }
            }
            """;

        var truth = GoldTruthJson.Deserialize(json);

        truth.Fields["primary_site"].Expectation.ShouldBe(GoldExpectation.Found);
        truth.Fields["her2_status"].Expectation.ShouldBe(GoldExpectation.NotFound);
        truth.Fields["laterality"].Expectation.ShouldBe(GoldExpectation.Conflict);
        truth.Fields["metastatic_sites"].Expectation.ShouldBe(GoldExpectation.Found);
        truth.Fields["metastatic_sites"].Values.ShouldBeEmpty();
        truth.Fields.ContainsKey("stage").ShouldBeFalse();
        truth.Treatments.ShouldBeEmpty();
    }

    [Fact]
    public void A_misspelt_member_is_refused_with_the_file_name_rather_than_read_as_not_found()
    {
        const string json = """{ "schemaVersion": "1", "dossier": "d", "language": "fr", "fields": { "grade": { "vlaue": "G2" } } }""";

        var error = Should.Throw<GoldFormatException>(() => GoldTruthJson.Deserialize(json, "gold/d/truth.json"));

        error.Message.ShouldStartWith("gold/d/truth.json:");
        error.Message.ShouldContain("vlaue");
        error.Code.ShouldBe(GoldFormatException.ErrorCode);
    }

    [Theory]
    [InlineData("""{ "schemaVersion": "2", "dossier": "d", "language": "fr" }""", "schemaVersion")]
    [InlineData("""{ "schemaVersion": "1", "dossier": "", "language": "fr" }""", "dossier")]
    [InlineData("""{ "schemaVersion": "1", "dossier": "d", "language": "fr", "fields": { "laterality": { "conflict": ["left"] } } }""", "at least two")]
    [InlineData("""{ "schemaVersion": "1", "dossier": "d", "language": "fr", "fields": { "grade": { "value": "G2", "conflict": ["G2", "G3"] } } }""", "more than one")]
    [InlineData("""{ "schemaVersion": "1", "dossier": "d", "language": "fr", "fields": { "Grade": "G2" } }""", "snake_case")]
    [InlineData("""{ "schemaVersion": "1", "dossier": "d", "language": "fr", "fields": { "metastatic_sites": "liver" } }""", "multi-valued")]
    [InlineData("""{ "schemaVersion": "1", "dossier": "d", "language": "fr", "timeline": [ { "date": "12/03/2023", "kind": "biopsy", "description": "x" } ] }""", "ISO 8601")]
    [InlineData("""{ "schemaVersion": "1", "dossier": "d", "language": "fr", "fields": { "grade": 2 } }""", "must be null")]
    [InlineData("""{ "schemaVersion": "1", "dossier": "d", "language": "fr", "fields": { "grade": { "value": "G2", "quotes": [ { "file": "a.pdf", "page": 0, "text": "G2" } ] } } }""", "page must be 1")]
    public void Invalid_truths_are_refused_with_a_reason(string json, string reason)
    {
        var error = Should.Throw<GoldFormatException>(() => GoldTruthJson.Deserialize(json, "t.json"));

        error.Message.ShouldContain(reason);
        error.Path.ShouldBe("t.json");
    }

    [Fact]
    public void Quote_matching_ignores_line_breaks_and_cell_spacing_but_nothing_else()
    {
        GoldText.NormalizeWhitespace("  Hémoglobine\t 8,2\n g/dL ").ShouldBe("Hémoglobine 8,2 g/dL");
        GoldText.Contains("Hémoglobine      8,2   g/dL   12,0 - 16,0", "Hémoglobine 8,2 g/dL").ShouldBeTrue();
        GoldText.Contains("carcinome canalaire\ninfiltrant", "carcinome canalaire infiltrant").ShouldBeTrue();
        GoldText.Contains("carcinome canalaire infiltrant", "Carcinome canalaire infiltrant").ShouldBeFalse();
        GoldText.Contains("recepteurs", "récepteurs").ShouldBeFalse();
        GoldText.Contains("anything", "   ").ShouldBeFalse();
    }
}
