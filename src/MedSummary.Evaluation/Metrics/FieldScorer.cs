using System.Text.RegularExpressions;
using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Gold;
using MedSummary.Core.Provenance;

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

        var coded = GoldFields.Coded.Contains(key, StringComparer.Ordinal);
        var (claims, unsupported, tally) = CheckClaims(answer, multiValued, coded, documents);
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
            CitesTruthQuote = CitesTruthQuote(truth, answer, documents),
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
    /// A coded field's found answer may also be supported by its label (see <see cref="Tally"/>).
    /// </summary>
    private static (int Claims, int Unsupported, CitationTally Tally) CheckClaims(
        FieldResult? answer, bool multiValued, bool coded, IReadOnlyDictionary<string, SourceDocument>? documents)
    {
        if (answer is null)
        {
            return (0, 0, CitationTally.Empty);
        }

        var claims = answer.Status switch
        {
            FieldStatus.Found => [(answer.Value, answer.Normalized, coded ? answer.Label : null, answer.Citations)],
            FieldStatus.Conflict when answer.Candidates is { Count: > 0 } candidates =>
                candidates.Select(c => (c.Value, c.Normalized, (string?)null, c.Citations)).ToList(),
            FieldStatus.Conflict => [((string?)null, (string?)null, (string?)null, answer.Citations)],
            _ => new List<(string?, string?, string?, IReadOnlyList<Citation>)>(),
        };

        var unsupported = 0;
        var total = CitationTally.Empty;
        foreach (var (value, normalized, label, citations) in claims)
        {
            var tally = Tally(value, normalized, citations, multiValued, documents, label);
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
    /// A code ("C50.4") is seldom written where it was read from: its citation quotes the words coded ("quadrant
    /// supéro-externe"), which the answer's value holds; <paramref name="label"/> ("Quadrant supéro-externe du sein")
    /// is one more written form, for an answer whose value is the code itself.
    /// </summary>
    public static CitationTally Tally(
        string? value, string? normalized, IReadOnlyList<Citation> citations, bool multiValued, IReadOnlyDictionary<string, SourceDocument>? documents,
        string? label = null)
    {
        ArgumentNullException.ThrowIfNull(citations);
        var parts = new List<string?>();
        foreach (var form in new[] { value, normalized, label })
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

    private static bool? CitesTruthQuote(GoldField truth, FieldResult? answer, IReadOnlyDictionary<string, SourceDocument>? documents)
    {
        var citations = answer is null
            ? []
            : answer.Citations.Concat((answer.Candidates ?? []).SelectMany(c => c.Citations)).ToList();
        if (truth.Quotes.Count == 0 || citations.Count == 0 || answer?.Status is not (FieldStatus.Found or FieldStatus.Conflict))
        {
            return null;
        }

        return citations.Any(c => truth.Quotes.Any(q => Overlaps(c, q, documents)));
    }

    /// <summary>
    /// True when the citation and the gold quote share text: same file, and the quote (found in the cited document
    /// with any whitespace between its words, case ignored, starting on its page when it gives one) overlaps the
    /// citation's span. Without the document, one text must contain the other.
    /// </summary>
    public static bool Overlaps(Citation citation, GoldQuote quote, IReadOnlyDictionary<string, SourceDocument>? documents = null)
    {
        ArgumentNullException.ThrowIfNull(citation);
        ArgumentNullException.ThrowIfNull(quote);
        var words = GoldText.NormalizeWhitespace(quote.Text);
        if (words.Length == 0 || !string.Equals(citation.FileName, quote.File, StringComparison.Ordinal))
        {
            return false;
        }

        if (documents is not null && documents.TryGetValue(citation.DocumentId, out var document))
        {
            var pattern = string.Join(@"\s+", words.Split(' ').Select(Regex.Escape));
            var cited = new TextSpan(Math.Max(0, citation.Start), Math.Max(Math.Max(0, citation.Start), citation.End));
            foreach (Match match in Regex.Matches(document.Text, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            {
                var found = TextSpan.FromLength(match.Index, match.Length);
                if ((quote.Page is not { } page || document.Map.PageAt(match.Index) == page) && found.Overlaps(cited))
                {
                    return true;
                }
            }

            return false;
        }

        if (quote.Page is { } p && p != citation.Page)
        {
            return false;
        }

        var text = GoldText.NormalizeWhitespace(citation.Quote ?? "");
        return text.Length > 0 && (text.Contains(words, StringComparison.OrdinalIgnoreCase) || words.Contains(text, StringComparison.OrdinalIgnoreCase));
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
