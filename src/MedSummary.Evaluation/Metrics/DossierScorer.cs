using MedSummary.Core.Citations;
using MedSummary.Core.Contract;

namespace MedSummary.Evaluation.Metrics;

/// <summary>Judges one dossier's result against its truth: fields, alerts, summary citations and cost.</summary>
public static class DossierScorer
{
    public static DossierEvaluation Score(DossierObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var result = observation.Result;
        var truth = observation.Truth;
        var documents = observation.Documents;
        var counters = ProcessingCounters.Read(result.Processing);

        var fields = truth.Fields
            .OrderBy(f => f.Key, FieldOrder.Comparer)
            .Select(f => FieldScorer.Score(f.Key, f.Value, result.Form.Fields.GetValueOrDefault(f.Key), documents))
            .ToList();

        return new DossierEvaluation
        {
            Name = observation.Name,
            Language = truth.Language,
            Mode = result.Processing?.Mode,
            Cost = new DossierCost
            {
                Files = observation.Files,
                Documents = result.Documents.Count,
                Pages = result.Documents.Sum(d => d.PageCount),
                Seconds = observation.Seconds,
                PromptTokens = counters.PromptTokens,
                GeneratedTokens = counters.GeneratedTokens,
                ModelCalls = counters.ModelCalls,
            },
            InputErrors = [.. result.Errors.Select(e => new InputErrorRef(e.FileName, e.Code))],
            Failure = observation.Failure,
            // A field not attempted (it needs a model and none was configured) is not in this run's form: judging it
            // would count every such field as a miss of the rules, which never looked for it.
            FormKeys = [.. result.Form.Fields.Where(f => f.Value.State != FieldState.NotAttempted).Select(f => f.Key).Order(FieldOrder.Comparer)],
            Fields = fields,
            Alerts = ScoreAlerts(observation),
            Identity = IdentityScorer.Score(truth.Patient, result.Patient, documents),
            Summary = ScoreSummary(result, documents, counters, observation.Verification),
            Verification = observation.Verification,
            ValuesRejected = counters.ValuesRejected,
        };
    }

    /// <summary>
    /// An expected alert is found when at least one reported alert matches it; a reported alert of a judged kind
    /// is correct when it matches at least one expected alert (a second alert on the same analyte is not an error).
    /// </summary>
    private static AlertEvaluation ScoreAlerts(DossierObservation observation)
    {
        var expected = observation.Truth.Alerts;
        var reported = observation.Result.Alerts;
        return new AlertEvaluation
        {
            Expected = [.. expected.Select(e => new ExpectedAlertResult(e.Kind, e.About, reported.Any(r => AlertMatcher.Matches(e, r))))],
            Reported =
            [
                .. reported.Select(r => new ReportedAlertResult(
                    r.Kind,
                    AlertMatcher.IsEvaluatedKind(r.Kind),
                    expected.FirstOrDefault(e => AlertMatcher.Matches(e, r))?.About,
                    r.Citations.FirstOrDefault() is { } c ? new EvidenceRef(c.FileName, c.Page, FieldValues.Truncate(c.Quote, FieldScorer.QuoteLength)) : null)),
            ],
        };
    }

    private static SummaryEvaluation ScoreSummary(
        DossierResult result,
        IReadOnlyDictionary<string, Core.Documents.SourceDocument>? documents,
        ProcessingCounters counters,
        VerificationCounts? gate)
    {
        var tally = CitationTally.Empty;
        var unsupported = 0;
        foreach (var sentence in result.Summary)
        {
            var valid = documents is null ? 0 : sentence.Citations.Count(c => CitationVerifier.Check(c, documents) is null);
            tally += new CitationTally { Total = sentence.Citations.Count, SpanValid = valid };
            if (valid == 0)
            {
                unsupported++;
            }
        }

        return new SummaryEvaluation
        {
            Sentences = result.Summary.Count,
            Citations = tally,
            Unsupported = unsupported,
            Dropped = gate is null && counters.SentencesDropped is null ? null : (gate?.SentencesDropped ?? 0) + (counters.SentencesDropped ?? 0),
        };
    }
}
