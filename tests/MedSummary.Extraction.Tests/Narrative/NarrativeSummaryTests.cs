using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Extraction.Analysis;
using MedSummary.Extraction.Narrative;
using MedSummary.Extraction.Tests.Grounding;
using MedSummary.Extraction.Verification;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Narrative;

public sealed class NarrativeSummaryTests : IDisposable
{
    private readonly GroundingHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData("Chemotherapy with FEC100 then docetaxel started on 2 May 2023.", "en", null)]
    [InlineData("La chimiothérapie par FEC100 puis docetaxel a débuté le 02/05/2023.", "fr", null)]
    [InlineData("Chemotherapy started in May 2023.", "en", null)]
    [InlineData("Chemotherapy started in 2023.", "en", null)]
    [InlineData("Chemotherapy started on 3 May 2023.", "en", "date(s)")]
    [InlineData("Chemotherapy started in June 2023.", "en", "date(s)")]
    [InlineData("Chemotherapy started in 2022.", "en", "2022")]
    [InlineData("She received six cycles of FEC100 from 02/05/2023.", "en", null)]
    [InlineData("She received 6 cycles of FEC100 from 02/05/2023.", "en", "number(s): 6")]
    [InlineData("Paclitaxel was started on 02/05/2023.", "en", "drug(s): paclitaxel")]
    [InlineData("Treatment was given at Clinique Pasteur from 02/05/2023.", "en", "name(s): Clinique, Pasteur")]
    [InlineData("Ki-67 was 20,0 % before FEC100.", "en", "number")]
    public void Dates_numbers_drugs_and_names_must_be_in_the_cited_text(string sentence, string language, string? problem)
    {
        var cited = new CitedText("Traitement par FEC100 x3 puis docetaxel x3 débuté le 02/05/2023.", "fr");
        var support = SentenceSupportVerifier.Check(sentence, language, [cited]);
        if (problem is null)
        {
            support.IsSupported.ShouldBeTrue(support.Describe());
        }
        else
        {
            support.IsSupported.ShouldBeFalse();
            support.Describe().ShouldContain(problem, Case.Insensitive);
        }
    }

    [Fact]
    public void Numbers_with_a_decimal_comma_or_point_are_the_same_number() =>
        SentenceSupportVerifier.Check("PSA was 5.6 ng/mL.", "en", [new CitedText("PSA total à 5,6 ng/mL", "fr")]).IsSupported.ShouldBeTrue();

    [Fact]
    public async Task Supported_sentences_are_kept_with_citations_from_their_passages_and_the_others_dropped_and_counted()
    {
        var a = await _harness.IndexAsync("patient-a", GroundingHarness.PatientA);
        await _harness.IndexAsync("patient-b", GroundingHarness.PatientB);
        var pool = await _harness.Collector.GetAsync(a, CancellationToken.None);
        var treatment = pool.Passages.First(p => p.Text.Contains("FEC100", StringComparison.Ordinal)).Label;
        var pathology = pool.Passages.First(p => p.Text.Contains("Ki-67", StringComparison.Ordinal)).Label;
        var chat = new ScriptedChatClient().Answer("narrative", new
        {
            sentences = new object[]
            {
                new { text = "Adjuvant chemotherapy with FEC100 then docetaxel started on 2 May 2023.", cites = new[] { treatment } },
                new { text = "The tumour was estrogen receptor positive with a Ki-67 of 20 %.", cites = new[] { pathology } },
                // Invented date, a drug from nowhere, a number the passage does not write, a passage that does not exist, no citation.
                new { text = "Chemotherapy started on 12 April 2023.", cites = new[] { treatment } },
                new { text = "Trastuzumab was added.", cites = new[] { treatment } },
                new { text = "The Ki-67 was 35 %.", cites = new[] { pathology } },
                new { text = "An EGFR exon 19 mutation was found.", cites = new[] { "P99" } },
                new { text = "She is doing well.", cites = Array.Empty<string>() },
            },
        });
        var inner = new FixedSummary();

        using var usage = ModelUsageScope.Begin();
        var part = await _harness.Narrative(chat, inner).BuildAsync(a, new FormResult(), CancellationToken.None);

        part.Sentences.Select(s => s.Text).ShouldBe(
        [
            "Adjuvant chemotherapy with FEC100 then docetaxel started on 2 May 2023.",
            "The tumour was estrogen receptor positive with a Ki-67 of 20 %.",
        ]);
        part.SentencesDropped.ShouldBe(5 + inner.Dropped);
        part.Timeline.ShouldBe(inner.Timeline);
        part.Sentences[0].Citations.ShouldAllBe(c => c.Quote.Contains("FEC100"));
        GroundingHarness.Verify(new FormResult(), a, part.Sentences).ShouldBeEmpty();
        usage.Calls.ShouldBe(1);

        // The narrative prompt starts like the form prompts: same system text, same passages.
        var user = chat.Requests.Single().Messages[1].Text;
        user.ShouldStartWith(GroundedPrefix(pool));
    }

    [Fact]
    public async Task Without_a_surviving_sentence_the_deterministic_summary_is_kept()
    {
        var a = await _harness.IndexAsync("patient-a", GroundingHarness.PatientA);
        var chat = new ScriptedChatClient().Answer("narrative", """{"sentences":[{"text":"Osimertinib since 2021.","cites":["P1"]}]}""");
        var inner = new FixedSummary();

        var part = await _harness.Narrative(chat, inner).BuildAsync(a, new FormResult(), CancellationToken.None);

        part.Sentences.ShouldBe(inner.Sentences);
        part.SentencesDropped.ShouldBe(inner.Dropped + 1);
    }

    private string GroundedPrefix(Extraction.Grounding.Passages.PassagePool pool) =>
        Extraction.Grounding.GroundedFormFiller.Messages(_harness.Prompts, pool, "")[1].Text;

    /// <summary>Stands for the deterministic builder the narrative decorates.</summary>
    private sealed class FixedSummary : ISummaryBuilder
    {
        public int Dropped => 2;

        public IReadOnlyList<SummarySentence> Sentences { get; } = [new("Extractive sentence.", [])];

        public IReadOnlyList<TimelineEvent> Timeline { get; } = [];

        public Task<SummaryPart> BuildAsync(Dossier dossier, FormResult form, CancellationToken cancellationToken) =>
            Task.FromResult(new SummaryPart(Sentences) { Timeline = Timeline, SentencesDropped = Dropped });
    }
}
