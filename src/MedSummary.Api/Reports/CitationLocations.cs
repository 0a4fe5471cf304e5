using MedSummary.Core.Contract;

namespace MedSummary.Api.Reports;

/// <summary>Every citation of a result with where it is used ("form.fields.er_status", "summary[2]", "alerts[0]", "timeline[1]").</summary>
internal static class CitationLocations
{
    public static IEnumerable<(string Location, Citation Citation)> All(DossierResult result)
    {
        foreach (var (key, field) in result.Form.Fields)
        {
            foreach (var c in field.Citations)
            {
                yield return ($"form.fields.{key}", c);
            }

            foreach (var candidate in field.Candidates ?? [])
            {
                foreach (var c in candidate.Citations)
                {
                    yield return ($"form.fields.{key}.candidates", c);
                }
            }
        }

        for (var i = 0; i < result.Summary.Count; i++)
        {
            foreach (var c in result.Summary[i].Citations)
            {
                yield return ($"summary[{i}]", c);
            }
        }

        for (var i = 0; i < result.Alerts.Count; i++)
        {
            foreach (var c in result.Alerts[i].Citations)
            {
                yield return ($"alerts[{i}]", c);
            }
        }

        for (var i = 0; i < (result.Timeline?.Count ?? 0); i++)
        {
            foreach (var c in result.Timeline![i].Citations)
            {
                yield return ($"timeline[{i}]", c);
            }
        }
    }

    /// <summary>The anchor of a cited span, the same in page views and in the report.</summary>
    public static string Anchor(Citation citation) => Anchor(citation.DocumentId, citation.Start, citation.End);

    public static string Anchor(string documentId, int start, int end) => $"c-{documentId[..Math.Min(12, documentId.Length)]}-{start}-{end}";
}
