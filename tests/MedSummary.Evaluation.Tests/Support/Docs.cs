using System.Security.Cryptography;
using System.Text;
using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;

namespace MedSummary.Evaluation.Tests.Support;

/// <summary>In-memory source documents and citations cut from them, the way the pipeline makes them.</summary>
internal static class Docs
{
    public static SourceDocument Create(string fileName, params string[] pages)
    {
        var text = new StringBuilder();
        var starts = new List<int>();
        foreach (var page in pages)
        {
            if (text.Length > 0)
            {
                text.Append("\n\n");
            }

            starts.Add(text.Length);
            text.Append(page);
        }

        var canonical = text.ToString();
        var map = new TextMap(canonical.Length, starts);
        var infos = Enumerable.Range(1, pages.Length).Select(p => new PageInfo(p, map.PageSpan(p), 595, 842, PageTextSource.PlainText)).ToList();
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fileName + "\0" + canonical)));
        return new SourceDocument(sha, fileName, "text/plain", canonical, map, infos, "en");
    }

    public static IReadOnlyDictionary<string, SourceDocument> ById(params SourceDocument[] documents) =>
        documents.ToDictionary(d => d.Id, StringComparer.Ordinal);

    /// <summary>A citation of the first occurrence of <paramref name="quote"/>, built from offsets.</summary>
    public static Citation Cite(SourceDocument document, string quote)
    {
        var start = document.Text.IndexOf(quote, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new ArgumentException($"'{quote}' is not in {document.FileName}", nameof(quote));
        }

        return CitationFactory.Create(document, TextSpan.FromLength(start, quote.Length));
    }

    public static FieldResult Found(string value, string normalized, params Citation[] citations) => new()
    {
        Value = value,
        Normalized = normalized,
        Status = FieldStatus.Found,
        Confidence = 0.9,
        Source = FieldSource.Rule,
        Citations = citations,
    };

    public static FieldResult Conflict(params (string Value, string Normalized, Citation[] Citations)[] candidates) => new()
    {
        Status = FieldStatus.Conflict,
        Citations = [.. candidates.SelectMany(c => c.Citations)],
        Candidates = [.. candidates.Select(c => new FieldCandidate(c.Value, c.Normalized, FieldSource.Rule, 0.8, c.Citations))],
    };
}
