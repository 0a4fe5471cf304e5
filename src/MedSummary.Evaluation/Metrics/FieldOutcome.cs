namespace MedSummary.Evaluation.Metrics;

/// <summary>How one answer of one dossier compares with its truth. Each outcome belongs to one expectation.</summary>
public enum FieldOutcome
{
    /// <summary>Truth states a value; the answer is found with that value (or set).</summary>
    Correct,

    /// <summary>Truth states a value; the answer is found with another value.</summary>
    Wrong,

    /// <summary>Truth states a value; the answer is not_found.</summary>
    Missed,

    /// <summary>Truth states one value; the answer is a conflict.</summary>
    SpuriousConflict,

    /// <summary>Truth says the value is stated nowhere; the answer is not_found.</summary>
    CorrectNotFound,

    /// <summary>Truth says the value is stated nowhere; the answer is found or a conflict: an invention.</summary>
    Invented,

    /// <summary>Truth is a conflict; the answer is a conflict whose candidates include every conflicting value.</summary>
    ConflictDetected,

    /// <summary>Truth is a conflict; the answer is a conflict that lacks some of the conflicting values.</summary>
    ConflictIncomplete,

    /// <summary>Truth is a conflict; the answer asserts one value (found) and hides the disagreement.</summary>
    ConflictMissed,

    /// <summary>Truth is a conflict; the answer is not_found.</summary>
    ConflictNotFound,
}

/// <summary>Where a value is written: a file, a page and a short (truncated) quote. Never more text than that.</summary>
public sealed record EvidenceRef(string File, int? Page, string? Quote);

/// <summary>Counts of the citations behind one answer (or many answers, once summed).</summary>
public sealed record CitationTally
{
    /// <summary>Citations checked.</summary>
    public int Total { get; init; }

    /// <summary>Citations whose quote equals the source text at [start, end) on the stated page (<c>CitationVerifier</c>).</summary>
    public int SpanValid { get; init; }

    /// <summary>Citations whose quote contains the claimed value as written or normalized (<see cref="FieldScorer.Tally"/>).</summary>
    public int ValueContained { get; init; }

    /// <summary>Citations that are both: the citation validity numerator.</summary>
    public int Valid { get; init; }

    public static CitationTally Empty { get; } = new();

    public static CitationTally operator +(CitationTally a, CitationTally b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new CitationTally
        {
            Total = a.Total + b.Total,
            SpanValid = a.SpanValid + b.SpanValid,
            ValueContained = a.ValueContained + b.ValueContained,
            Valid = a.Valid + b.Valid,
        };
    }

    public static CitationTally Add(CitationTally a, CitationTally b) => a + b;
}

/// <summary>
/// One field of one dossier, judged: what the truth expects, what the answer says, the outcome and the support of
/// the answer's claims. Values and short quotes only: no other text of the dossier.
/// </summary>
public sealed record FieldScore
{
    public required string Key { get; init; }

    public required Core.Gold.GoldExpectation Expectation { get; init; }

    /// <summary>The expected value for display: "T2", "bone; liver" for a set, "left | right" for a conflict, null when not stated.</summary>
    public string? Expected { get; init; }

    /// <summary>The answer's status: found, not_found, conflict; "absent" when the form lacks the key.</summary>
    public required string Status { get; init; }

    /// <summary>The answer's normalized value for display (candidates joined by " | " for a conflict).</summary>
    public string? Actual { get; init; }

    public required FieldOutcome Outcome { get; init; }

    /// <summary>Values the answer asserts with citations: 1 for found, one per candidate for a conflict, 0 otherwise.</summary>
    public int Claims { get; init; }

    /// <summary>Claims without a single valid citation (span and value).</summary>
    public int UnsupportedClaims { get; init; }

    public CitationTally Citations { get; init; } = CitationTally.Empty;

    /// <summary>
    /// Whether some citation of the answer overlaps a passage the truth quotes for this field
    /// (<see cref="FieldScorer.Overlaps"/>); null when the truth has no quotes or the answer cites nothing.
    /// </summary>
    public bool? CitesTruthQuote { get; init; }

    /// <summary>Where the answer was read (its first citation), for reports.</summary>
    public EvidenceRef? Evidence { get; init; }

    /// <summary>Where the truth says the value is written (its first quote), for reports.</summary>
    public EvidenceRef? ExpectedAt { get; init; }

    public bool IsCorrect => Outcome is FieldOutcome.Correct or FieldOutcome.CorrectNotFound or FieldOutcome.ConflictDetected;
}
