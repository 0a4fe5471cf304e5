using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Core.Gold;
using MedSummary.Extraction.Identity;

namespace MedSummary.Evaluation.Metrics;

/// <summary>The parts of a patient's identity the evaluation judges.</summary>
public static class IdentityParts
{
    public const string Name = "name";
    public const string BirthDate = "birth_date";
    public const string Sex = "sex";
    public const string Identifier = "identifier";

    public static IReadOnlyList<string> All { get; } = [Name, BirthDate, Sex, Identifier];
}

/// <summary>
/// One identity part of one dossier: whether the truth states it, what the result reported (normalized), whether
/// that is the truth's value, and whether at least one of its citations reads back from the documents.
/// </summary>
public sealed record IdentityPartScore(string Part, bool Expected, string? Reported, bool Correct, bool Cited);

/// <summary>
/// Judges the dossier's patient identity against the truth's <see cref="GoldPatient"/>. Identity is patient data: the
/// scores carry the normalized values only into the per-dossier result file, which stays in the evaluation's output
/// folder beside the documents it was computed from, never into logs.
/// </summary>
/// <remarks>
/// A name is correct when every word of the truth's name is a word of the reported one once accents, case, order
/// and linking words are set aside (so "LEMAÎTRE Sylvie" is "Sylvie Lemaître", and "DUPONT" alone is not
/// "Marie Dupont": half a name does not identify a patient); a birth date when the ISO dates are equal; sex when the
/// words are; the identifier when one of the reported identifiers equals the truth's, ignoring spaces and case.
/// A part the truth does not state is not judged, but a part reported there is listed (Expected false), so that an
/// invented identity shows.
/// </remarks>
public static class IdentityScorer
{
    public static IReadOnlyList<IdentityPartScore> Score(
        GoldPatient? truth,
        PatientIdentity? reported,
        IReadOnlyDictionary<string, Core.Documents.SourceDocument>? documents)
    {
        var scores = new List<IdentityPartScore>();
        foreach (var part in IdentityParts.All)
        {
            var expected = truth is null ? null : part switch
            {
                IdentityParts.Name => string.IsNullOrWhiteSpace(truth.Name) ? null : truth.Name,
                IdentityParts.BirthDate => truth.BirthDate,
                IdentityParts.Sex => truth.Sex,
                _ => truth.Identifier,
            };
            var candidates = reported is null ? [] : part switch
            {
                IdentityParts.Name => Listed(reported.Name),
                IdentityParts.BirthDate => Listed(reported.BirthDate),
                IdentityParts.Sex => Listed(reported.Sex),
                _ => reported.Identifiers,
            };
            if (expected is null && candidates.Count == 0)
            {
                continue;
            }

            var match = expected is null ? null : candidates.FirstOrDefault(c => Same(part, expected, c.Normalized));
            var shown = match ?? candidates.FirstOrDefault();
            var cited = shown is not null && documents is not null
                && shown.Citations.Any(c => CitationVerifier.Check(c, documents) is null);
            scores.Add(new IdentityPartScore(part, expected is not null, shown?.Normalized, match is not null, cited));
        }

        return scores;
    }

    private static IReadOnlyList<IdentityPart> Listed(IdentityPart? part) => part is null ? [] : [part];

    private static bool Same(string part, string expected, string reported) => part switch
    {
        IdentityParts.Name => ContainsAll(PatientNames.Words(reported), PatientNames.Words(expected)),
        IdentityParts.Identifier => Compact(expected) == Compact(reported),
        _ => string.Equals(expected.Trim(), reported.Trim(), StringComparison.OrdinalIgnoreCase),
    };

    private static bool ContainsAll(IReadOnlyList<string> reported, IReadOnlyList<string> expected)
    {
        var free = reported.ToList();
        return expected.Count > 0 && expected.All(free.Remove);
    }

    private static string Compact(string value) =>
        string.Concat(value.Where(char.IsLetterOrDigit)).ToUpperInvariant();
}
