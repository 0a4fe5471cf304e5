namespace MedSummary.Evaluation.Metrics;

/// <summary>Sums dossier evaluations into run metrics. Pure: the same evaluations always give the same metrics.</summary>
public static class RunAggregator
{
    /// <summary>The key of the all-fields (and all-kinds) aggregate.</summary>
    public const string AllKey = "*";

    public static RunMetrics Aggregate(IReadOnlyList<DossierEvaluation> dossiers)
    {
        ArgumentNullException.ThrowIfNull(dossiers);
        var inForm = dossiers.SelectMany(d => d.FormKeys).ToHashSet(StringComparer.Ordinal);
        var byKey = dossiers
            .SelectMany(d => d.Fields)
            .GroupBy(s => s.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, FieldOrder.Comparer)
            .Select(g => FieldMetrics.From(g.Key, g))
            .ToList();
        var fields = byKey.Where(f => inForm.Contains(f.Key)).ToList();
        var notInForm = byKey.Where(f => !inForm.Contains(f.Key)).ToList();
        var inScope = dossiers.SelectMany(d => d.Fields).Where(s => inForm.Contains(s.Key));
        var accuracies = fields.Select(f => f.Accuracy).OfType<double>().ToList();

        return new RunMetrics
        {
            Dossiers = dossiers.Count,
            FailedDossiers = dossiers.Count(d => d.Failure is not null),
            Overall = FieldMetrics.From(AllKey, inScope),
            MacroAccuracy = accuracies.Count == 0 ? null : accuracies.Average(),
            Fields = fields,
            FieldsNotInForm = notInForm,
            Alerts = AggregateAlerts(dossiers),
            Identity = AggregateIdentity(dossiers),
            Summary = AggregateSummary(dossiers),
            Cost = AggregateCost(dossiers),
            Verification = dossiers.Select(d => d.Verification).OfType<VerificationCounts>().Aggregate(VerificationCounts.None, (a, b) => a + b),
            ValuesRejected = dossiers.Any(d => d.ValuesRejected is not null) ? dossiers.Sum(d => d.ValuesRejected ?? 0) : null,
        };
    }

    private static List<AlertMetrics> AggregateAlerts(IReadOnlyList<DossierEvaluation> dossiers)
    {
        var expected = dossiers.SelectMany(d => d.Alerts.Expected).ToList();
        var reported = dossiers.SelectMany(d => d.Alerts.Reported).ToList();
        var kinds = expected.Select(e => AlertMatcher.CanonicalKind(e.Kind))
            .Concat(reported.Where(r => r.Evaluated).Select(r => AlertMatcher.CanonicalKind(r.Kind)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var list = new List<AlertMetrics> { Alerts(AllKey, expected, reported) };
        list.AddRange(kinds.Select(k => Alerts(
            k,
            expected.Where(e => AlertMatcher.CanonicalKind(e.Kind) == k),
            reported.Where(r => AlertMatcher.CanonicalKind(r.Kind) == k))));
        return list;
    }

    private static AlertMetrics Alerts(string kind, IEnumerable<ExpectedAlertResult> expected, IEnumerable<ReportedAlertResult> reported)
    {
        var e = expected.ToList();
        var r = reported.ToList();
        return new AlertMetrics
        {
            Kind = kind,
            Expected = e.Count,
            ExpectedFound = e.Count(x => x.Found),
            Reported = r.Count(x => x.Evaluated),
            ReportedMatched = r.Count(x => x.Evaluated && x.MatchedAbout is not null),
            NotJudged = r.Count(x => !x.Evaluated),
        };
    }

    private static List<IdentityMetrics> AggregateIdentity(IReadOnlyList<DossierEvaluation> dossiers) =>
    [
        .. IdentityParts.All
            .Select(part => dossiers.SelectMany(d => d.Identity).Where(s => s.Part == part).ToList())
            .Where(scores => scores.Count > 0)
            .Select(scores => new IdentityMetrics
            {
                Part = scores[0].Part,
                Expected = scores.Count(s => s.Expected),
                Correct = scores.Count(s => s.Correct),
                Wrong = scores.Count(s => s.Expected && !s.Correct && s.Reported is not null),
                Missed = scores.Count(s => s.Expected && s.Reported is null),
                Unexpected = scores.Count(s => !s.Expected),
                Reported = scores.Count(s => s.Reported is not null),
                Cited = scores.Count(s => s.Reported is not null && s.Cited),
            }),
    ];

    private static SummaryMetrics AggregateSummary(IReadOnlyList<DossierEvaluation> dossiers)
    {
        var reporting = dossiers.Where(d => d.Summary.Dropped is not null).ToList();
        return new SummaryMetrics
        {
            Sentences = dossiers.Sum(d => d.Summary.Sentences),
            Unsupported = dossiers.Sum(d => d.Summary.Unsupported),
            Citations = dossiers.Aggregate(CitationTally.Empty, (t, d) => t + d.Summary.Citations),
            Dropped = reporting.Sum(d => d.Summary.Dropped!.Value),
            DossiersReportingDropped = reporting.Count,
            KeptWhereReported = reporting.Sum(d => d.Summary.Sentences),
        };
    }

    private static CostMetrics AggregateCost(IReadOnlyList<DossierEvaluation> dossiers)
    {
        var seconds = dossiers.Select(d => d.Cost.Seconds).Order().ToList();
        var withTokens = dossiers.Where(d => d.Cost.PromptTokens is not null || d.Cost.GeneratedTokens is not null).ToList();
        return new CostMetrics
        {
            Dossiers = dossiers.Count,
            Files = dossiers.Sum(d => d.Cost.Files),
            Pages = dossiers.Sum(d => d.Cost.Pages),
            Seconds = seconds.Sum(),
            MedianSecondsPerDossier = Median(seconds),
            MaxSecondsPerDossier = seconds.Count == 0 ? 0 : seconds[^1],
            PromptTokens = withTokens.Count == 0 ? null : withTokens.Sum(d => d.Cost.PromptTokens ?? 0),
            GeneratedTokens = withTokens.Count == 0 ? null : withTokens.Sum(d => d.Cost.GeneratedTokens ?? 0),
            DossiersWithTokens = withTokens.Count,
            ModelCalls = dossiers.Any(d => d.Cost.ModelCalls is not null) ? dossiers.Sum(d => (long)(d.Cost.ModelCalls ?? 0)) : null,
        };
    }

    private static double Median(List<double> sorted) => sorted.Count switch
    {
        0 => 0,
        var n when n % 2 == 1 => sorted[n / 2],
        var n => (sorted[(n / 2) - 1] + sorted[n / 2]) / 2,
    };
}
