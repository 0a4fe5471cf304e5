using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;

namespace MedSummary.Pipeline.Verification;

/// <summary>What the last gate removed: citations that failed verification, and claims left without support.</summary>
public sealed record VerificationReport(int InvalidCitations, int FieldsWithdrawn, int SentencesDropped, int AlertsDropped)
{
    public static VerificationReport None { get; } = new(0, 0, 0, 0);

    public bool Clean => InvalidCitations == 0;
}

/// <summary>
/// The last gate before a result leaves the pipeline. Every citation is checked against the source text
/// (quote == text[start..end), on its page). A citation that fails is removed; a field, sentence or alert left
/// (or timeline event, or identity part) with no valid citation is withdrawn (field: not_found with the reason kept for review) rather than shown as fact.
/// Upstream code builds citations from offsets, so anything caught here is a bug worth a log line.
/// </summary>
public static class ResultVerifier
{
    public const string WithdrawnReason = "withdrawn: its citations did not verify against the source text";

    public static (DossierResult Result, VerificationReport Report) Enforce(DossierResult result, IReadOnlyDictionary<string, SourceDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(documents);
        var invalid = 0;
        var withdrawn = 0;

        var fields = new Dictionary<string, FieldResult>(result.Form.Fields.Count, StringComparer.Ordinal);
        foreach (var (key, field) in result.Form.Fields)
        {
            var citations = Valid(field.Citations);
            var candidates = field.Candidates?
                .Select(c => c with { Citations = Valid(c.Citations) })
                .Where(c => c.Citations.Count > 0)
                .ToList();
            var items = field.Items?
                .Select(i => i with { Citations = Valid(i.Citations) })
                .Where(i => i.Citations.Count > 0)
                .ToList();
            var keep = field.Status switch
            {
                FieldStatus.Found => citations.Count > 0,
                FieldStatus.Conflict => candidates is { Count: > 1 },
                _ => true,
            };
            if (keep)
            {
                fields[key] = field with { Citations = citations, Candidates = candidates, Items = items };
            }
            else
            {
                withdrawn++;
                fields[key] = FieldResult.NotFound(WithdrawnReason) with { State = FieldState.NotStated };
            }
        }

        var sentences = result.Summary
            .Select(s => s with { Citations = Valid(s.Citations) })
            .Where(s => s.Citations.Count > 0)
            .ToList();
        var alerts = result.Alerts
            .Select(a => a with { Citations = Valid(a.Citations) })
            .Where(a => a.Citations.Count > 0)
            .ToList();

        var timeline = result.Timeline?
            .Select(e => e with { Citations = Valid(e.Citations) })
            .Where(e => e.Citations.Count > 0)
            .ToList();

        var verified = result with
        {
            Form = result.Form with { Fields = fields },
            Summary = sentences,
            Alerts = alerts,
            Timeline = timeline,
            Patient = Identity(result.Patient),
            Documents = [.. result.Documents.Select(d => d.Patient is null ? d : d with { Patient = Identity(d.Patient) })],
        };
        return (verified, new VerificationReport(invalid, withdrawn, result.Summary.Count - sentences.Count, result.Alerts.Count - alerts.Count));

        // An identity part is shown only with a passage that states it.
        PatientIdentity? Identity(PatientIdentity? identity)
        {
            if (identity is null)
            {
                return null;
            }

            IdentityPart? Part(IdentityPart? part) => part is null ? null
                : Valid(part.Citations) is { Count: > 0 } valid ? part with { Citations = valid } : null;
            return identity with
            {
                Name = Part(identity.Name),
                BirthDate = Part(identity.BirthDate),
                Sex = Part(identity.Sex),
                Identifiers = [.. identity.Identifiers.Select(Part).OfType<IdentityPart>()],
            };
        }

        List<Citation> Valid(IReadOnlyList<Citation> citations)
        {
            var kept = new List<Citation>(citations.Count);
            foreach (var citation in citations)
            {
                if (CitationVerifier.Check(citation, documents) is null)
                {
                    kept.Add(citation);
                }
                else
                {
                    invalid++;
                }
            }

            return kept;
        }
    }
}
