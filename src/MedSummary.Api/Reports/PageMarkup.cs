using System.Net;
using System.Text;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;

namespace MedSummary.Api.Reports;

/// <summary>A span of a page cited by the result: document offsets, offsets within the page's text, what cites it, and its anchor.</summary>
public sealed record PageCitation(int Start, int End, int PageOffset, int Length, IReadOnlyList<string> CitedBy, string Anchor);

/// <summary>GET /documents/{docId}/pages/{n}: the page's canonical text and the spans the result cites on it.</summary>
public sealed record PageView(
    string DossierId,
    string DocumentId,
    string FileName,
    int Page,
    int PageCount,
    int Start,
    int End,
    string Text,
    IReadOnlyList<PageCitation> Citations);

/// <summary>
/// Builds page views (GET .../documents/{docId}/pages/{n}) and renders one page as HTML with each cited span marked
/// and anchored. The dossier's report is not this: it is <see cref="Pipeline.Reports.HtmlReport"/>, shared with the CLI.
/// </summary>
internal static class PageMarkup
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;line-height:1.45;color:#1d1d1f}" +
        "pre.page{white-space:pre-wrap;background:#fafafa;border:1px solid #ddd;padding:1rem;font-size:.9rem}" +
        "mark{background:#ffe97a}.anchor{scroll-margin-top:4rem}";

    public static PageView View(string dossierId, SourceDocument document, int page, DossierResult result)
    {
        var span = document.Map.PageSpan(page);
        var citations = CitationLocations.All(result)
            .Where(c => c.Citation.DocumentId == document.Id && c.Citation.Page == page && span.Contains(new(c.Citation.Start, c.Citation.End)))
            .GroupBy(c => (c.Citation.Start, c.Citation.End))
            .OrderBy(g => g.Key.Start).ThenBy(g => g.Key.End)
            .Select(g => new PageCitation(
                g.Key.Start,
                g.Key.End,
                g.Key.Start - span.Start,
                g.Key.End - g.Key.Start,
                [.. g.Select(c => c.Location).Distinct(StringComparer.Ordinal)],
                CitationLocations.Anchor(document.Id, g.Key.Start, g.Key.End)))
            .ToList();
        return new PageView(dossierId, document.Id, document.FileName, page, document.PageCount, span.Start, span.End, document.Slice(span), citations);
    }

    /// <summary>
    /// The page's text, HTML-encoded, with every cited stretch in a &lt;mark&gt; (titled with what cites it) and an
    /// empty anchor element at the start of each cited span, so "#anchor" lands on it.
    /// </summary>
    public static string MarkedText(PageView view)
    {
        var bounds = new SortedSet<int> { 0, view.Text.Length };
        foreach (var c in view.Citations)
        {
            bounds.Add(c.PageOffset);
            bounds.Add(c.PageOffset + c.Length);
        }

        var html = new StringBuilder(view.Text.Length + (view.Citations.Count * 80));
        var points = bounds.ToList();
        for (var i = 0; i < points.Count - 1; i++)
        {
            var (from, to) = (points[i], points[i + 1]);
            foreach (var c in view.Citations.Where(c => c.PageOffset == from))
            {
                html.Append("<span class=\"anchor\" id=\"").Append(c.Anchor).Append("\"></span>");
            }

            var covering = view.Citations.Where(c => c.PageOffset <= from && c.PageOffset + c.Length >= to).ToList();
            var text = WebUtility.HtmlEncode(view.Text[from..to]);
            if (covering.Count == 0 || from == to)
            {
                html.Append(text);
                continue;
            }

            var title = string.Join(", ", covering.SelectMany(c => c.CitedBy).Distinct(StringComparer.Ordinal));
            html.Append("<mark title=\"").Append(WebUtility.HtmlEncode(title)).Append("\">").Append(text).Append("</mark>");
        }

        return html.ToString();
    }

    public static string Html(PageView view)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(view.FileName)).Append(" — page ").Append(view.Page).Append("</title><style>")
            .Append(Style).Append("</style></head><body><header><h1>")
            .Append(WebUtility.HtmlEncode(view.FileName)).Append("</h1><p>Page ").Append(view.Page).Append(" of ").Append(view.PageCount)
            .Append(" · ").Append(view.Citations.Count).Append(" cited span(s)</p></header><pre class=\"page\">")
            .Append(MarkedText(view)).Append("</pre></body></html>");
        return html.ToString();
    }
}
