using MedSummary.Core.Contract;

namespace MedSummary.Extraction.Alerts;

/// <summary>
/// Contradiction alerts: one per form field whose documents disagree (laterality, histology, T/N/M categories, stage,
/// grade, ER/PR/HER2 status, date of diagnosis...), naming each value with the files that state it and citing both
/// sides. Fields come from the form's conflicts and, when the form was not filled by the rules alone, from the rules'
/// own per-document comparison too (a model-filled form may settle on one value where the documents disagree).
/// </summary>
/// <remarks>
/// Severity: "critical" where the disagreement can change treatment or the operated side (laterality, primary site,
/// histology, ER/PR/HER2 status); "warning" for staging and grade; "info" for other fields (a date of diagnosis).
/// </remarks>
public static class ContradictionDetector
{
    private static readonly HashSet<string> Critical = new(StringComparer.Ordinal)
    {
        ContractFields.Laterality, ContractFields.PrimarySite, ContractFields.Histology,
        ContractFields.ErStatus, ContractFields.PrStatus, ContractFields.Her2Status,
    };

    private static readonly HashSet<string> Warning = new(StringComparer.Ordinal)
    {
        ContractFields.PathologicT, ContractFields.PathologicN, ContractFields.PathologicM,
        ContractFields.ClinicalT, ContractFields.ClinicalN, ContractFields.ClinicalM,
        ContractFields.Stage, ContractFields.Grade, ContractFields.GleasonScore, ContractFields.Ki67,
    };

    /// <summary>The alerts for <paramref name="form"/>'s conflicts, then for <paramref name="ruleForm"/>'s conflicts on other fields.</summary>
    public static IReadOnlyList<ClinicalAlert> Detect(FormResult form, FormResult? ruleForm, int maxCitations)
    {
        ArgumentNullException.ThrowIfNull(form);
        var alerts = new List<ClinicalAlert>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in ruleForm is null ? [form] : new[] { form, ruleForm })
        {
            foreach (var (key, field) in source.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                if (field.Status != FieldStatus.Conflict || field.Candidates is not { Count: > 1 } candidates || !done.Add(key))
                {
                    continue;
                }

                alerts.Add(Alert(key, candidates, maxCitations));
            }
        }

        return alerts;
    }

    private static ClinicalAlert Alert(string key, IReadOnlyList<FieldCandidate> candidates, int maxCitations)
    {
        var sides = candidates.Select(c =>
        {
            var files = c.Citations.Select(x => x.FileName).Distinct(StringComparer.Ordinal).ToList();
            var where = files.Count == 0 ? "" : " (" + string.Join(", ", files.Take(3)) + (files.Count > 3 ? $" and {files.Count - 3} more" : "") + ")";
            return $"{c.Normalized ?? c.Value}{where}";
        });
        var documents = candidates.SelectMany(c => c.Citations).Select(c => c.DocumentId).Distinct(StringComparer.Ordinal).Count();
        var scope = documents > 1 ? "Documents disagree" : "One document is inconsistent";

        // Every side cited before a second citation of any side.
        var citations = new List<Citation>();
        var queues = candidates.Select(c => new Queue<Citation>(c.Citations)).ToList();
        while (citations.Count < maxCitations && queues.Any(q => q.Count > 0))
        {
            foreach (var queue in queues.Where(q => q.Count > 0))
            {
                var next = queue.Dequeue();
                if (citations.Count < maxCitations && !citations.Contains(next))
                {
                    citations.Add(next);
                }
            }
        }

        return new ClinicalAlert(AlertKinds.Contradiction, $"{scope} on {FieldName(key)}: {string.Join(" vs ", sides)}.", citations)
        {
            Severity = Critical.Contains(key) ? "critical" : Warning.Contains(key) ? "warning" : "info",
            About = key,
        };
    }

    /// <summary>A field key as a reader says it: "er_status" is "ER status", "pathologic_t" is "pathologic T".</summary>
    public static string FieldName(string key) => key switch
    {
        ContractFields.ErStatus => "ER status",
        ContractFields.PrStatus => "PR status",
        ContractFields.Her2Status => "HER2 status",
        ContractFields.Ki67 => "Ki-67",
        ContractFields.PathologicT or ContractFields.PathologicN or ContractFields.PathologicM
            or ContractFields.ClinicalT or ContractFields.ClinicalN or ContractFields.ClinicalM
            => key[..key.IndexOf('_', StringComparison.Ordinal)] + " " + char.ToUpperInvariant(key[^1]),
        _ => key.Replace('_', ' '),
    };
}
