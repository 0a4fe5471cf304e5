using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Gold;

namespace MedSummary.Evaluation.Metrics;

/// <summary>Judges one answer of the form against its truth (the rules are in eval/README.md, "Metrics").</summary>
public static class FieldScorer
{
    /// <summary>The status written for a key the form does not carry at all; it is judged as not_found.</summary>
    public const string AbsentStatus = "absent";

    /// <summary>Longest quote kept in a score, in characters.</summary>
    public const int QuoteLength = 60;

    /// <param name="documents">The documents the answer cites, by id; null when none could be read (every citation then fails).</param>
    public static FieldScore Score(string key, GoldField truth, FieldResult? answer, IReadOnlyDictionary<string, SourceDocument>? documents)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        truth ??= GoldField.NotStated;
        var status = answer?.Status ?? AbsentStatus;
        var multiValued = GoldFields.MultiValued.Contains(key, StringComparer.Ordinal);

        var outcome = truth.Expectation switch
        {
            GoldExpectation.Found => status switch
            {
                FieldStatus.Found => MatchesStated(truth, answer!, multiValued) ? FieldOutcome.Correct : FieldOutcome.Wrong,
                FieldStatus.Conflict => FieldOutcome.SpuriousConflict,
                _ => FieldOutcome.Missed,
            },
            GoldExpectation.Conflict => status switch
            {
                FieldStatus.Conflict => HasEveryValue(truth.Conflict!, answer!) ? FieldOutcome.ConflictDetected : FieldOutcome.ConflictIncomplete,
                FieldStatus.Found => FieldOutcome.ConflictMissed,
                _ => FieldOutcome.ConflictNotFound,
            },
            _ => status is FieldStatus.Found or FieldStatus.Conflict ? FieldOutcome.Invented : FieldOutcome.CorrectNotFound,
        };

        var (claims, unsupported, tally) = CheckClaims(answer, multiValued, documents);
        return new FieldScore
        {
            Key = key,
            Expectation = truth.Expectation,
            Expected = DescribeExpected(truth),
            Status = status,
            Actual = DescribeActual(answer),
            Outcome = outcome,
            Claims = claims,
            UnsupportedClaims = unsupported,
            Citations = tally,
            Evidence = FirstCitation(answer) is { } c ? new EvidenceRef(c.FileName, c.Page, FieldValues.Truncate(c.Quote, QuoteLength)) : null,
            ExpectedAt = truth.Quotes.Count > 0
                ? new EvidenceRef(truth.Quotes[0].File, truth.Quotes[0].Page, FieldValues.Truncate(truth.Quotes[0].Text, QuoteLength))
                : null,
        };
    }

    private static bool MatchesStated(GoldField truth, FieldResult answer, bool multiValued)
    {
        var actual = answer.Normalized ?? answer.Value;
        return truth.Values is { } set
            ? FieldValues.SameSet(set, actual)
            : multiValued ? FieldValues.SameSet([truth.Value!], actual) : FieldValues.Same(truth.Value, actual);
    }

    private static bool HasEveryValue(IReadOnlyList<string> conflict, FieldResult answer)
    {
        var offered = (answer.Candidates ?? [])
            .Select(c => FieldValues.Canonical(c.Normalized ?? c.Value))
            .ToHashSet(StringComparer.Ordinal);
        return conflict.All(v => offered.Contains(FieldValues.Canonical(v)));
    }

    /// <summary>
    /// A found answer makes one claim (its value, with the field's citations); a conflict one per candidate (the
    /// candidate's value, with its own citations); a conflict without candidates one claim no quote can support.
    /// </summary>
    private static (int Claims, int Unsupported, CitationTally Tally) CheckClaims(
        FieldResult? answer, bool multiValued, IReadOnlyDictionary<string, SourceDocument>? documents)
    {
        if (answer is null)
        {
            return (0, 0, CitationTally.Empty);
        }

        var claims = answer.Status switch
        {
            FieldStatus.Found => [(answer.Value, answer.Normalized, answer.Citations)],
            FieldStatus.Conflict when answer.Candidates is { Count: > 0 } candidates =>
                candidates.Select(c => (c.Value, c.Normalized, c.Citations)).ToList(),
            FieldStatus.Conflict => [((string?)null, (string?)null, answer.Citations)],
            _ => new List<(string?, string?, IReadOnlyList<Citation>)>(),
        };

        var unsupported = 0;
        var total = CitationTally.Empty;
        foreach (var (value, normalized, citations) in claims)
        {
            var tally = Tally(value, normalized, citations, multiValued, documents);
            total += tally;
            if (tally.Valid == 0)
            {
                unsupported++;
            }
        }

        return (claims.Count, unsupported, total);
    }

    /// <summary>
    /// Checks the citations of one claimed value. A citation holds the value when its quote contains the value as
    /// written (<paramref name="value"/>, "grade 2") or its normalized form (<paramref name="normalized"/>, "T1c" in
    /// "T1cN1M0"): the contract carries one written form per value, while the other mentions it cites may word it
    /// differently. For a multi-valued field, a quote holding any one of the values holds the claim.
    /// </summary>
    public static CitationTally Tally(
        string? value, string? normalized, IReadOnlyList<Citation> citations, bool multiValued, IReadOnlyDictionary<string, SourceDocument>? documents)
    {
        ArgumentNullException.ThrowIfNull(citations);
        var parts = new List<string?>();
        foreach (var form in new[] { value, normalized })
        {
            if (multiValued && form is not null)
            {
                parts.AddRange(form.Split([',', ';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
            else
            {
                parts.Add(form);
            }
        }

        int spanValid = 0, contained = 0, valid = 0;
        foreach (var citation in citations)
        {
            var spanOk = documents is not null && CitationVerifier.Check(citation, documents) is null;
            var valueOk = parts.Any(p => FieldValues.QuoteContains(citation.Quote ?? "", p));
            spanValid += spanOk ? 1 : 0;
            contained += valueOk ? 1 : 0;
            valid += spanOk && valueOk ? 1 : 0;
        }

        return new CitationTally { Total = citations.Count, SpanValid = spanValid, ValueContained = contained, Valid = valid };
    }

    private static Citation? FirstCitation(FieldResult? answer) => answer?.Status switch
    {
        FieldStatus.Found => answer.Citations.FirstOrDefault(),
        FieldStatus.Conflict => answer.Candidates?.SelectMany(c => c.Citations).FirstOrDefault() ?? answer.Citations.FirstOrDefault(),
        _ => null,
    };

    private static string? DescribeExpected(GoldField truth) => truth.Expectation switch
    {
        GoldExpectation.Found => truth.Values is { } set ? (set.Count == 0 ? FieldValues.NoneToken : string.Join("; ", set)) : truth.Value,
        GoldExpectation.Conflict => string.Join(" | ", truth.Conflict!),
        _ => null,
    };

    private static string? DescribeActual(FieldResult? answer) => answer?.Status switch
    {
        FieldStatus.Found => answer.Normalized ?? answer.Value,
        FieldStatus.Conflict => answer.Candidates is { Count: > 0 } c ? string.Join(" | ", c.Select(x => x.Normalized ?? x.Value)) : null,
        _ => null,
    };
}
