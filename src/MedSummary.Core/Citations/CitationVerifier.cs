using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;

namespace MedSummary.Core.Citations;

/// <summary>A citation that does not hold, with the place it appears in the result.</summary>
public sealed record CitationProblem(string Location, Citation Citation, string Reason);

/// <summary>
/// Checks citations against the source text: the quote must equal text[start..end) and lie on its stated page.
/// Every result is checked before it is written; a failure is a bug, never something to show a clinician.
/// </summary>
public static class CitationVerifier
{
    public static string? Check(Citation citation, IReadOnlyDictionary<string, SourceDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(citation);
        ArgumentNullException.ThrowIfNull(documents);
        if (!documents.TryGetValue(citation.DocumentId, out var document))
        {
            return "unknown document";
        }

        if (citation.Start < 0 || citation.End < citation.Start || citation.End > document.Text.Length)
        {
            return "span outside the document";
        }

        var span = new TextSpan(citation.Start, citation.End);
        if (!string.Equals(document.Slice(span), citation.Quote, StringComparison.Ordinal))
        {
            return "quote differs from the source text";
        }

        if (citation.Page < 1 || citation.Page > document.PageCount
            || !document.Map.PageSpan(citation.Page).Contains(span)
            || !document.Map.IsOnSinglePage(span)
            || (!span.IsEmpty && document.Map.PageAt(span.Start) != citation.Page))
        {
            return "span is not on the stated page";
        }

        if (!string.Equals(citation.FileName, document.FileName, StringComparison.Ordinal))
        {
            return "file name differs from the document's";
        }

        return null;
    }

    /// <summary>Every citation of a result (form, candidates, summary, alerts) that does not verify.</summary>
    public static IReadOnlyList<CitationProblem> VerifyAll(DossierResult result, IReadOnlyDictionary<string, SourceDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(result);
        var problems = new List<CitationProblem>();
        foreach (var (key, field) in result.Form.Fields)
        {
            Add($"form.fields.{key}", field.Citations);
            foreach (var candidate in field.Candidates ?? [])
            {
                Add($"form.fields.{key}.candidates", candidate.Citations);
            }

            foreach (var item in field.Items ?? [])
            {
                Add($"form.fields.{key}.items", item.Citations);
            }
        }

        for (var i = 0; i < result.Summary.Count; i++)
        {
            Add($"summary[{i}]", result.Summary[i].Citations);
        }

        for (var i = 0; i < result.Alerts.Count; i++)
        {
            Add($"alerts[{i}]", result.Alerts[i].Citations);
        }

        for (var i = 0; i < (result.Timeline?.Count ?? 0); i++)
        {
            Add($"timeline[{i}]", result.Timeline![i].Citations);
        }

        return problems;

        void Add(string location, IEnumerable<Citation> citations)
        {
            foreach (var citation in citations)
            {
                if (Check(citation, documents) is { } reason)
                {
                    problems.Add(new CitationProblem(location, citation, reason));
                }
            }
        }
    }

    /// <summary>Throws when any citation fails; used right before a result is written or served.</summary>
    public static void EnsureAllValid(DossierResult result, IReadOnlyDictionary<string, SourceDocument> documents)
    {
        var problems = VerifyAll(result, documents);
        if (problems.Count > 0)
        {
            var first = problems[0];
            throw new InvalidOperationException(
                $"{problems.Count} citation(s) failed verification; first at {first.Location}: {first.Reason}.");
        }
    }
}
