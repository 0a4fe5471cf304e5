using System.Collections.Concurrent;
using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Core.Gold;
using MedSummary.Extraction.Rules;
using MedSummary.Extraction.Verification;
using MedSummary.Ingestion;
using MedSummary.Pipeline.Processing;
using MedSummary.Testing;
using Shouldly;
using Xunit;

namespace MedSummary.Pipeline.Tests;

/// <summary>Each bundled sample processed once (no model) and shared by the tests that read its output.</summary>
public sealed class SampleOutcomes : IDisposable
{
    private readonly PipelineHost _host = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<(DossierOutcome Outcome, GoldTruth Truth)>>> _runs = new(StringComparer.Ordinal);

    public Task<(DossierOutcome Outcome, GoldTruth Truth)> GetAsync(string sample) =>
        _runs.GetOrAdd(sample, s => new Lazy<Task<(DossierOutcome, GoldTruth)>>(() => RunAsync(s))).Value;

    public void Dispose() => _host.Dispose();

    private async Task<(DossierOutcome, GoldTruth)> RunAsync(string sample)
    {
        var dir = Path.Combine(RepoPaths.Samples, sample);
        var files = new List<InputFile>();
        foreach (var path in Directory.EnumerateFiles(dir).Where(p => !p.EndsWith("truth.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            files.Add(await InputFile.FromPathAsync(path));
        }

        var outcome = await _host.Get<IDossierProcessor>().ProcessAsync(new DossierRequest(files) { DossierId = sample });
        var truth = await GoldTruthJson.ReadFileAsync(Path.Combine(dir, "truth.json"));
        return (outcome, truth);
    }
}

/// <summary>
/// The patient journey without a model, on the bundled samples (French and English, text layer and OCR): the timeline
/// finds the gold events on their dates, every event's date is written in its citations, and the extractive
/// summary's sentences are their cited text.
/// </summary>
public sealed class SampleJourneyTests(SampleOutcomes samples) : IClassFixture<SampleOutcomes>
{
    public static TheoryData<string> Samples() => BundledSamplesTests.SampleDossiers();

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task The_timeline_finds_most_gold_events_on_their_dates(string sample)
    {
        var (outcome, truth) = await samples.GetAsync(sample);
        var timeline = outcome.Result.Timeline.ShouldNotBeNull();

        var missed = truth.Timeline.Where(g => !timeline.Any(e => GoldTimelineMatching.Matches(g, e))).ToList();
        var found = truth.Timeline.Count - missed.Count;

        // Most, not all: a few gold events are only implied (a start with no date written next to it).
        (found * 10).ShouldBeGreaterThanOrEqualTo(truth.Timeline.Count * 7, $"missed: {string.Join("; ", missed.Select(m => m.Date + " " + m.Kind))}");

        // And few inventions: every emitted event states something the gold lists, up to a small share.
        var stated = timeline.Where(e => GoldTimelineMatching.GoldEventsOf(e).Any()).ToList();
        var unmatched = stated.Where(e => !truth.Timeline.Any(g => GoldTimelineMatching.Matches(g, e))).ToList();
        (unmatched.Count * 10).ShouldBeLessThanOrEqualTo(stated.Count * 4, $"not in gold: {string.Join("; ", unmatched.Select(e => e.Date + " " + e.Kind + " " + e.Description))}");
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Every_timeline_event_is_cited_and_its_dates_are_written_in_its_citations(string sample)
    {
        var (outcome, _) = await samples.GetAsync(sample);
        var documents = outcome.Dossier.ShouldNotBeNull().DocumentsById;
        var timeline = outcome.Result.Timeline.ShouldNotBeNull();
        timeline.ShouldNotBeEmpty();
        outcome.Verification.Clean.ShouldBeTrue();
        CitationVerifier.VerifyAll(outcome.Result, documents).ShouldBeEmpty();

        foreach (var e in timeline)
        {
            e.Citations.ShouldNotBeEmpty();
            TimelineKinds.Treatments.Concat([TimelineKinds.Diagnosis, TimelineKinds.Biopsy, TimelineKinds.Surgery, TimelineKinds.Imaging,
                TimelineKinds.Relapse, TimelineKinds.Progression, TimelineKinds.Toxicity, TimelineKinds.Symptom, TimelineKinds.TumorBoard,
                TimelineKinds.Response, TimelineKinds.Other]).ShouldContain(e.Kind);
            foreach (var date in new[] { e.Date, e.EndDate }.OfType<string>())
            {
                var written = e.Citations.Any(c => DateExtractor.FindAll(c.Quote, documents[c.DocumentId].Language)
                    .Any(d => d.Iso == date || (d.DayMonthAmbiguous && DocumentDates.SwapDayMonth(d.Iso) == date)));
                written.ShouldBeTrue($"{e.Kind} {date}: not written in its citations");
            }

            if (e.EndDate is { } end)
            {
                string.CompareOrdinal(end, e.Date).ShouldBeGreaterThanOrEqualTo(0);
            }
        }

        timeline.Select(e => e.Date).ShouldBeInOrder(SortDirection.Ascending, StringComparer.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task The_extractive_summary_quotes_its_citations_and_every_sentence_verifies(string sample)
    {
        var (outcome, _) = await samples.GetAsync(sample);
        var summary = outcome.Result.Summary;
        summary.ShouldNotBeEmpty();
        summary.Count.ShouldBeLessThanOrEqualTo(6);
        foreach (var sentence in summary)
        {
            sentence.Citations.ShouldNotBeEmpty();
            SentenceSupportVerifier.Check(sentence.Text, sentence.Citations).IsSupported.ShouldBeTrue(sentence.Text);

            // Verbatim: the sentence is its cited text with line breaks made spaces.
            var quoted = string.Join(' ', string.Join(' ', sentence.Citations.Select(c => c.Quote)).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            quoted.ShouldBe(sentence.Text);
        }
    }
}
