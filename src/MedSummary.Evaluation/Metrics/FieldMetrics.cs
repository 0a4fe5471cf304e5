using System.Text.Json.Serialization;

namespace MedSummary.Evaluation.Metrics;

/// <summary>
/// The counts of one field over a gold set (or of all fields together) and the rates derived from them.
/// Every rate is null when its denominator is zero: "no data" is not "0%". Definitions (also in eval/README.md):
/// <list type="bullet">
/// <item><see cref="Accuracy"/> = (correct values + conflicts detected) / (dossiers whose truth states a value or a conflict).</item>
/// <item><see cref="Precision"/> = correct values / answers with status found (a found answer where the truth is
/// "stated nowhere" is an invention and counts against it).</item>
/// <item><see cref="Recall"/> = correct values / dossiers whose truth states a value.</item>
/// <item><see cref="NotFoundRate"/> = not_found answers / dossiers whose truth states a value or a conflict.</item>
/// <item><see cref="InventionRate"/> = found or conflict answers / dossiers whose truth says "stated nowhere".</item>
/// <item><see cref="ConflictRate"/> = conflict answers / evaluated dossiers; <see cref="ConflictRecall"/> = conflicts
/// detected with every value / expected conflicts.</item>
/// <item><see cref="Agreement"/> = answers exactly as the truth (right value, right not_found, right conflict) / evaluated dossiers.</item>
/// <item><see cref="CitationValidity"/> = citations that verify against the source and contain the claimed value / citations of claims.</item>
/// <item><see cref="UnsupportedClaimRate"/> = claims (found values, conflict candidates) with no valid citation / claims.</item>
/// <item><see cref="TruthQuoteAgreement"/> = answers citing a passage the truth quotes / answers with citations where the truth quotes the field.</item>
/// </list>
/// </summary>
public sealed record FieldMetrics
{
    /// <summary>The field key, or "*" for all fields together.</summary>
    public required string Key { get; init; }

    /// <summary>Dossiers whose truth evaluates the field.</summary>
    public int Dossiers { get; init; }

    /// <summary>Truth states a value (or a set).</summary>
    public int Stated { get; init; }

    /// <summary>Truth says the value is stated nowhere.</summary>
    public int NotStated { get; init; }

    public int ExpectedConflicts { get; init; }

    public int Correct { get; init; }

    public int Wrong { get; init; }

    public int Missed { get; init; }

    public int SpuriousConflicts { get; init; }

    public int CorrectNotFound { get; init; }

    public int Invented { get; init; }

    public int ConflictsDetected { get; init; }

    public int ConflictsIncomplete { get; init; }

    public int ConflictsMissed { get; init; }

    public int ConflictsNotFound { get; init; }

    public int AnsweredFound { get; init; }

    public int AnsweredConflict { get; init; }

    public int AnsweredNotFound { get; init; }

    public int Claims { get; init; }

    public int UnsupportedClaims { get; init; }

    public CitationTally Citations { get; init; } = CitationTally.Empty;

    /// <summary>Answers with citations on dossiers whose truth quotes the field: the denominator of <see cref="TruthQuoteAgreement"/>.</summary>
    public int QuoteChecked { get; init; }

    /// <summary>Of those, answers citing a passage the truth quotes.</summary>
    public int QuoteMatched { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Accuracy => Rate(Correct + ConflictsDetected, Stated + ExpectedConflicts);

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Precision => Rate(Correct, AnsweredFound);

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Recall => Rate(Correct, Stated);

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? NotFoundRate => Rate(Missed + ConflictsNotFound, Stated + ExpectedConflicts);

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? InventionRate => Rate(Invented, NotStated);

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ConflictRate => Rate(AnsweredConflict, Dossiers);

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ConflictRecall => Rate(ConflictsDetected, ExpectedConflicts);

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Agreement => Rate(Correct + CorrectNotFound + ConflictsDetected, Dossiers);

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? CitationValidity => Rate(Citations.Valid, Citations.Total);

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? UnsupportedClaimRate => Rate(UnsupportedClaims, Claims);

    /// <summary>Answers citing a passage the truth quotes / answers with citations where the truth has quotes.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TruthQuoteAgreement => Rate(QuoteMatched, QuoteChecked);

    /// <summary>Counts of one field from its scores (one per dossier that evaluates it).</summary>
    public static FieldMetrics From(string key, IEnumerable<FieldScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var list = scores.ToList();
        int Count(FieldOutcome outcome) => list.Count(s => s.Outcome == outcome);
        return new FieldMetrics
        {
            Key = key,
            Dossiers = list.Count,
            Stated = list.Count(s => s.Expectation == Core.Gold.GoldExpectation.Found),
            NotStated = list.Count(s => s.Expectation == Core.Gold.GoldExpectation.NotFound),
            ExpectedConflicts = list.Count(s => s.Expectation == Core.Gold.GoldExpectation.Conflict),
            Correct = Count(FieldOutcome.Correct),
            Wrong = Count(FieldOutcome.Wrong),
            Missed = Count(FieldOutcome.Missed),
            SpuriousConflicts = Count(FieldOutcome.SpuriousConflict),
            CorrectNotFound = Count(FieldOutcome.CorrectNotFound),
            Invented = Count(FieldOutcome.Invented),
            ConflictsDetected = Count(FieldOutcome.ConflictDetected),
            ConflictsIncomplete = Count(FieldOutcome.ConflictIncomplete),
            ConflictsMissed = Count(FieldOutcome.ConflictMissed),
            ConflictsNotFound = Count(FieldOutcome.ConflictNotFound),
            AnsweredFound = list.Count(s => s.Status == Core.Contract.FieldStatus.Found),
            AnsweredConflict = list.Count(s => s.Status == Core.Contract.FieldStatus.Conflict),
            AnsweredNotFound = list.Count(s => s.Status is not (Core.Contract.FieldStatus.Found or Core.Contract.FieldStatus.Conflict)),
            Claims = list.Sum(s => s.Claims),
            UnsupportedClaims = list.Sum(s => s.UnsupportedClaims),
            Citations = list.Aggregate(CitationTally.Empty, (t, s) => t + s.Citations),
            QuoteChecked = list.Count(s => s.CitesTruthQuote is not null),
            QuoteMatched = list.Count(s => s.CitesTruthQuote == true),
        };
    }

    /// <summary>Null when <paramref name="denominator"/> is zero.</summary>
    public static double? Rate(int numerator, int denominator) =>
        denominator == 0 ? null : (double)numerator / denominator;
}
