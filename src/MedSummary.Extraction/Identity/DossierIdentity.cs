using MedSummary.Core.Contract;
using MedSummary.Core.Documents;

namespace MedSummary.Extraction.Identity;

/// <summary>The identity of each document, the dossier's identity, and one alert per document of another patient.</summary>
public sealed record IdentityOutcome(
    IReadOnlyDictionary<string, PatientIdentity> ByDocument,
    PatientIdentity? Patient,
    IReadOnlyList<ClinicalAlert> Alerts);

/// <summary>
/// Reconciles the identities of a dossier's documents. The dossier's identity is the one most documents state: the
/// document agreeing with the most others anchors it, and the parts of every document agreeing with that anchor are
/// merged (for each part the value most documents write, a full name before initials, each document's passage cited).
/// A document that disagrees with it on the birth date, on an identifier of the same kind (IPP, NIP, MRN, NHS) or on
/// the name beyond <see cref="PatientNames"/>' tolerances raises one critical <see cref="AlertKinds.DifferentPatients"/>
/// alert citing its own passage and the passage of a document that states the dossier's value. The alert's message
/// names files and the part that differs, never the identity itself.
/// </summary>
public static class DossierIdentity
{
    private const int MaxCitationsPerPart = 3;

    public static IdentityOutcome Reconcile(IReadOnlyList<SourceDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var stated = new List<(SourceDocument Document, PatientIdentity Identity)>();
        foreach (var d in documents)
        {
            if (PatientIdentityExtractor.Extract(d) is { } identity)
            {
                stated.Add((d, identity));
            }
        }

        var byDocument = stated.ToDictionary(s => s.Document.Id, s => s.Identity, StringComparer.Ordinal);
        if (stated.Count == 0)
        {
            return new IdentityOutcome(byDocument, null, []);
        }

        // The anchor: the identity compatible with the most others (the first such document on a tie).
        var anchor = stated
            .Select((s, i) => (s, i, Agreeing: stated.Count(o => Difference(s.Identity, o.Identity) is null)))
            .OrderByDescending(x => x.Agreeing).ThenBy(x => x.i)
            .First().s;
        var agreeing = stated.Where(s => Difference(anchor.Identity, s.Identity) is null).ToList();
        var patient = Merge(agreeing.Select(s => s.Identity).ToList());

        var alerts = new List<ClinicalAlert>();
        foreach (var (document, identity) in stated)
        {
            if (Difference(patient, identity) is not { } part)
            {
                continue;
            }

            var (mine, theirs) = Passages(part, identity, patient);
            var other = theirs.FirstOrDefault()?.FileName ?? anchor.Document.FileName;
            alerts.Add(new ClinicalAlert(
                AlertKinds.DifferentPatients,
                $"Documents of different patients: '{document.FileName}' states another {Words(part)} than '{other}'"
                    + (agreeing.Count > 1 ? $" and {agreeing.Count - 1} other document(s) of the dossier" : "")
                    + "; check that it belongs to this dossier.",
                [.. mine.Take(2), .. theirs.Take(2)])
            {
                Severity = "critical",
                About = part,
            });
        }

        return new IdentityOutcome(byDocument, patient, alerts);
    }

    /// <summary>The first part on which two identities cannot be the same patient ("birth_date", an identifier kind, "name"), or null.</summary>
    public static string? Difference(PatientIdentity a, PatientIdentity b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.BirthDate is { } x && b.BirthDate is { } y && !SameDate(x, y))
        {
            return "birth_date";
        }

        foreach (var kind in PatientIdentityExtractor.PatientLevelKinds)
        {
            var i = a.Identifiers.FirstOrDefault(p => p.Kind == kind);
            var j = b.Identifiers.FirstOrDefault(p => p.Kind == kind);
            if (i is not null && j is not null && !string.Equals(i.Normalized, j.Normalized, StringComparison.Ordinal))
            {
                return "identifier:" + kind;
            }
        }

        return a.Name is { } n && b.Name is { } m && !PatientNames.AreCompatible(n.Value, m.Value) ? "name" : null;
    }

    // "06/01/1948" is read June 1st in an English document and January 6th in a French one: the same written digits are the same date.
    private static bool SameDate(IdentityPart x, IdentityPart y) =>
        x.Normalized == y.Normalized || (Digits(x.Value) is { Length: >= 6 } d && d == Digits(y.Value));

    private static string Digits(string s) => new([.. s.Where(char.IsAsciiDigit)]);

    private static string Words(string part) => part switch
    {
        "birth_date" => "birth date",
        "name" => "patient name",
        _ => part["identifier:".Length..] + " number",
    };

    private static (IReadOnlyList<Citation> Mine, IReadOnlyList<Citation> Theirs) Passages(string part, PatientIdentity mine, PatientIdentity dossier)
    {
        IdentityPart? Pick(PatientIdentity p) => part switch
        {
            "birth_date" => p.BirthDate,
            "name" => p.Name,
            _ => p.Identifiers.FirstOrDefault(i => i.Kind == part["identifier:".Length..]),
        };

        return (Pick(mine)?.Citations ?? [], Pick(dossier)?.Citations ?? []);
    }

    private static PatientIdentity Merge(IReadOnlyList<PatientIdentity> identities)
    {
        var names = identities.Where(i => i.Name is not null).Select(i => i.Name!).ToList();
        var fullNames = names.Where(n => !PatientNames.IsInitials(n.Value)).ToList();
        var name = MostStated(fullNames.Count > 0 ? fullNames : names, n => n.Normalized);
        var kinds = identities.SelectMany(i => i.Identifiers).Select(i => i.Kind!).Distinct(StringComparer.Ordinal);
        return new PatientIdentity
        {
            Name = name,
            BirthDate = MostStated(identities.Where(i => i.BirthDate is not null).Select(i => i.BirthDate!).ToList(), b => b.Normalized),
            Sex = MostStated(identities.Where(i => i.Sex is not null).Select(i => i.Sex!).ToList(), s => s.Normalized),
            Identifiers = [.. kinds.Select(k => MostStated(identities.SelectMany(i => i.Identifiers).Where(i => i.Kind == k).ToList(), i => i.Normalized)!)],
        };
    }

    /// <summary>The value most parts state (the first stated on a tie), cited from up to three documents.</summary>
    private static IdentityPart? MostStated(IReadOnlyList<IdentityPart> parts, Func<IdentityPart, string> key)
    {
        if (parts.Count == 0)
        {
            return null;
        }

        var group = parts.Where(p => p.Citations.Count > 0).GroupBy(key, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .First();
        var first = group.First();
        return first with { Citations = [.. group.Select(p => p.Citations[0]).DistinctBy(c => c.DocumentId).Take(MaxCitationsPerPart)] };
    }
}
