using System.Globalization;
using System.Net;
using System.Text;
using MedSummary.Api.Review;
using MedSummary.Api.Storage;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;

namespace MedSummary.Api.Reports;

/// <summary>
/// The dossier as one HTML page for a person: documents, unreadable inputs, the form as reviewed (machine value,
/// decision, final value), summary, alerts and timeline; every citation a link to its span, marked on its page in
/// the "Sources" part at the end (so a saved report works offline), each source page also linking to its page view.
/// </summary>
internal static class HtmlReport
{
    public const string Style =
        "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;line-height:1.45;color:#1d1d1f}" +
        "table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #ccc;padding:.35rem .5rem;vertical-align:top;text-align:left}" +
        "th{background:#f3f3f3}pre.page{white-space:pre-wrap;background:#fafafa;border:1px solid #ddd;padding:1rem;font-size:.9rem}" +
        "mark{background:#ffe97a}.muted{color:#666}.cite{font-size:.85rem;margin-right:.4rem}.anchor{scroll-margin-top:4rem}" +
        ".status-conflict{color:#b35900}.status-not_found{color:#666}.status-rejected{color:#a00}";

    public static string Render(
        DossierRecord record,
        DossierResult result,
        IReadOnlyDictionary<string, FieldReview> reviews,
        IReadOnlyList<SourceDocument> documents)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>MedSummary — dossier ").Append(record.Id)
            .Append("</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<h1>Tumor-board form</h1><p class=\"muted\">Dossier ").Append(record.Id);
        if (result.Processing is { } processing)
        {
            html.Append(" · mode ").Append(E(processing.Mode));
            if (processing.ChatModel is { } model)
            {
                html.Append(", model ").Append(E(model));
            }
        }

        html.Append(" · ").Append(record.ValidatedAt is { } at
            ? $"validated by {E(record.ValidatedBy ?? "unknown")} on {at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC"
            : reviews.Count > 0 ? "in review" : "not reviewed").Append("</p>");
        if (result.Processing?.Note is { } note)
        {
            html.Append("<p class=\"muted\">").Append(E(note)).Append("</p>");
        }

        Documents(html, result);
        Form(html, result, reviews);
        Summary(html, result);
        Alerts(html, result);
        Timeline(html, result);
        Sources(html, record.Id, result, documents);
        html.Append("</body></html>");
        return html.ToString();
    }

    private static void Documents(StringBuilder html, DossierResult result)
    {
        html.Append("<h2>Documents</h2><table><tr><th>File</th><th>Pages</th><th>Language</th><th>SHA-256</th></tr>");
        foreach (var d in result.Documents)
        {
            html.Append("<tr><td>").Append(E(d.FileName)).Append("</td><td>").Append(d.PageCount).Append("</td><td>").Append(E(d.Language))
                .Append("</td><td><code>").Append(d.Sha256.AsSpan(0, Math.Min(12, d.Sha256.Length))).Append("…</code></td></tr>");
        }

        html.Append("</table>");
        if (result.Errors.Count > 0)
        {
            html.Append("<h3>Inputs not read</h3><ul>");
            foreach (var e in result.Errors)
            {
                html.Append("<li><strong>").Append(E(e.FileName)).Append("</strong> (").Append(E(e.Code)).Append("): ").Append(E(e.Message)).Append("</li>");
            }

            html.Append("</ul>");
        }
    }

    private static void Form(StringBuilder html, DossierResult result, IReadOnlyDictionary<string, FieldReview> reviews)
    {
        html.Append("<h2>Form</h2><table><tr><th>Field</th><th>Machine value</th><th>Status</th><th>Review</th><th>Final</th><th>Sources</th></tr>");
        foreach (var (key, field) in result.Form.Fields)
        {
            var review = reviews.GetValueOrDefault(key);
            var final = ReviewedForms.Final(field, review);
            html.Append("<tr><td><code>").Append(E(key)).Append("</code></td><td>");
            if (field.Status == FieldStatus.Conflict && field.Candidates is { } candidates)
            {
                html.Append(string.Join(" / ", candidates.Select(c => E(c.Value ?? c.Normalized ?? "?"))));
            }
            else
            {
                html.Append(E(field.Value ?? "—"));
                if (field.Normalized is { } n && n != field.Value)
                {
                    html.Append(" <span class=\"muted\">(").Append(E(n)).Append(")</span>");
                }

                if (field.Label is { } label)
                {
                    // A code is read with its label: "C50.4 — Quadrant supéro-externe du sein".
                    html.Append(" <span class=\"muted\">— ").Append(E(label)).Append("</span>");
                }
            }

            html.Append("</td><td class=\"status-").Append(E(field.Status)).Append("\">").Append(E(field.Status.Replace('_', ' ')));
            if (field.Source is { } source)
            {
                html.Append(" <span class=\"muted\">").Append(E(source)).Append(' ')
                    .Append(field.Confidence.ToString("0.00", CultureInfo.InvariantCulture)).Append("</span>");
            }

            html.Append("</td><td>");
            if (review is not null)
            {
                html.Append(E(review.Action)).Append(" <span class=\"muted\">by ").Append(E(review.Reviewer ?? review.Actor)).Append("</span>");
                if (review.Comment is { } comment)
                {
                    html.Append("<br><em>").Append(E(comment)).Append("</em>");
                }
            }

            html.Append("</td><td class=\"status-").Append(E(final.Status)).Append("\">").Append(E(final.Value ?? (final.Status == ReviewedForms.RejectedStatus ? "rejected" : "—")))
                .Append("</td><td>");
            Cites(html, field.Citations.Concat(field.Candidates?.SelectMany(c => c.Citations) ?? []));
            html.Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private static void Summary(StringBuilder html, DossierResult result)
    {
        html.Append("<h2>Summary</h2>");
        if (result.Summary.Count == 0)
        {
            html.Append("<p class=\"muted\">No summary (rules only, or nothing could be stated with a source).</p>");
            return;
        }

        html.Append("<p>");
        foreach (var sentence in result.Summary)
        {
            html.Append(E(sentence.Text)).Append(' ');
            Cites(html, sentence.Citations);
        }

        html.Append("</p>");
    }

    private static void Alerts(StringBuilder html, DossierResult result)
    {
        html.Append("<h2>Alerts</h2>");
        if (result.Alerts.Count == 0)
        {
            html.Append("<p class=\"muted\">None.</p>");
            return;
        }

        html.Append("<ul>");
        foreach (var alert in result.Alerts)
        {
            html.Append("<li><strong>").Append(E(alert.Severity ?? "info")).Append("</strong> ").Append(E(alert.Kind)).Append(": ")
                .Append(E(alert.Message)).Append(' ');
            Cites(html, alert.Citations);
            html.Append("</li>");
        }

        html.Append("</ul>");
    }

    private static void Timeline(StringBuilder html, DossierResult result)
    {
        if (result.Timeline is not { Count: > 0 } timeline)
        {
            return;
        }

        html.Append("<h2>Timeline</h2><table><tr><th>Date</th><th>Kind</th><th>Event</th><th>Sources</th></tr>");
        foreach (var e in timeline)
        {
            html.Append("<tr><td>").Append(E(e.Date)).Append(e.EndDate is { } end ? " – " + E(end) : string.Empty).Append("</td><td>").Append(E(e.Kind))
                .Append("</td><td>").Append(E(e.Description)).Append("</td><td>");
            Cites(html, e.Citations);
            html.Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private static void Sources(StringBuilder html, string dossierId, DossierResult result, IReadOnlyList<SourceDocument> documents)
    {
        var cited = CitationLocations.All(result).Select(c => (c.Citation.DocumentId, c.Citation.Page)).Distinct().ToHashSet();
        if (cited.Count == 0)
        {
            return;
        }

        html.Append("<h2>Sources</h2><p class=\"muted\">The pages cited above, cited passages marked.</p>");
        foreach (var document in documents)
        {
            for (var page = 1; page <= document.PageCount; page++)
            {
                if (!cited.Contains((document.Id, page)))
                {
                    continue;
                }

                var view = PageMarkup.View(dossierId, document, page, result);
                html.Append("<h3 id=\"").Append(PageAnchor(document.Id, page)).Append("\">").Append(E(document.FileName)).Append(", page ").Append(page)
                    .Append(" <a class=\"cite\" href=\"documents/").Append(document.Id).Append("/pages/").Append(page)
                    .Append("?format=html\">page view</a></h3><pre class=\"page\">").Append(PageMarkup.MarkedText(view)).Append("</pre>");
            }
        }
    }

    private static void Cites(StringBuilder html, IEnumerable<Citation> citations)
    {
        foreach (var c in citations)
        {
            html.Append("<a class=\"cite\" href=\"#").Append(CitationLocations.Anchor(c)).Append("\" title=\"")
                .Append(E(c.Quote.Length > 200 ? c.Quote[..200] + "…" : c.Quote)).Append("\">[")
                .Append(E(c.FileName)).Append(", p. ").Append(c.Page).Append("]</a>");
        }
    }

    private static string PageAnchor(string documentId, int page) => $"p-{documentId[..Math.Min(12, documentId.Length)]}-{page}";

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
