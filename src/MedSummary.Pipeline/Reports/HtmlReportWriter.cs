using System.Globalization;
using System.Net;
using System.Text;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;

namespace MedSummary.Pipeline.Reports;

/// <summary>
/// Renders a result as one self-contained HTML page for a person: form, timeline, summary and alerts, each citation a
/// link to a numbered source passage at the bottom of the page showing the file, the page and the quote highlighted in
/// its surrounding text. No script, no external resource (a content-security policy forbids them); every piece of
/// document or result text is HTML-encoded, so a hostile PDF cannot inject markup. The output is also well-formed
/// XML, so tools that read XHTML can parse it.
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>Characters of source text shown on each side of a quote.</summary>
    public const int ContextChars = 240;

    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1b1b1b;line-height:1.45}
        table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}
        th{background:#f2f2f2}.cite{font-size:.8em;margin-left:.15em;text-decoration:none}.st-not_found{color:#777}.st-conflict{color:#a40000;font-weight:600}
        .sev-critical{color:#a40000;font-weight:600}.sev-warning{color:#8a5a00;font-weight:600}.source{border-left:3px solid #bbb;margin:.8rem 0;padding:.2rem .8rem}
        .source:target{border-color:#0a58ca;background:#eef4ff}.context{white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:.85em}
        mark{background:#ffe58a;padding:0 .1em}.meta{color:#555;font-size:.9em}
        """;

    /// <summary>
    /// The page for <paramref name="result"/>. With <paramref name="documents"/> (by id) each quote is shown in its
    /// surrounding text; without, the quote alone.
    /// </summary>
    public static string Write(DossierResult result, IReadOnlyDictionary<string, SourceDocument>? documents = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sources = new SourceIndex();
        var body = new StringBuilder();
        WriteProcessing(body, result);
        WriteDocuments(body, result);
        WriteErrors(body, result);
        WriteForm(body, result, sources);
        WriteTimeline(body, result, sources);
        WriteSummary(body, result, sources);
        WriteAlerts(body, result, sources);
        WriteSources(body, sources, documents);

        var heading = title ?? "MedSummary: tumor-board form";
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>")
            .AppendLine("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">")
            .AppendLine("<head>")
            .AppendLine("<meta charset=\"utf-8\" />")
            .AppendLine("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\" />")
            .AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />")
            .Append("<title>").Append(Encode(heading)).AppendLine("</title>")
            .Append("<style>").Append(Style).AppendLine("</style>")
            .AppendLine("</head>")
            .AppendLine("<body>")
            .Append("<h1>").Append(Encode(heading)).AppendLine("</h1>")
            .Append(body)
            .AppendLine("</body>")
            .AppendLine("</html>");
        return html.ToString();
    }

    private static void WriteProcessing(StringBuilder html, DossierResult result)
    {
        if (result.Processing is not { } processing)
        {
            return;
        }

        html.Append("<p class=\"meta\">Mode: ").Append(Encode(processing.Mode.ToString()));
        if (processing.ChatModel is { } model)
        {
            html.Append(", model ").Append(Encode(model));
        }

        html.AppendLine("</p>");
        if (processing.Note is { } note)
        {
            html.Append("<p class=\"meta\">").Append(Encode(note)).AppendLine("</p>");
        }
    }

    private static void WriteDocuments(StringBuilder html, DossierResult result)
    {
        html.AppendLine("<h2 id=\"documents\">Documents</h2>");
        if (result.Documents.Count == 0)
        {
            html.AppendLine("<p>No document could be read.</p>");
            return;
        }

        html.AppendLine("<table><thead><tr><th>File</th><th>Pages</th><th>Language</th></tr></thead><tbody>");
        foreach (var d in result.Documents)
        {
            html.Append("<tr><td>").Append(Encode(d.FileName)).Append("</td><td>").Append(d.PageCount.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(Encode(d.Language)).AppendLine("</td></tr>");
        }

        html.AppendLine("</tbody></table>");
    }

    private static void WriteErrors(StringBuilder html, DossierResult result)
    {
        if (result.Errors.Count == 0)
        {
            return;
        }

        html.AppendLine("<h2 id=\"errors\">Inputs not read</h2><ul>");
        foreach (var e in result.Errors)
        {
            html.Append("<li><strong>").Append(Encode(e.FileName)).Append("</strong> (").Append(Encode(e.Code)).Append("): ")
                .Append(Encode(e.Message)).AppendLine("</li>");
        }

        html.AppendLine("</ul>");
    }

    private static void WriteForm(StringBuilder html, DossierResult result, SourceIndex sources)
    {
        html.AppendLine("<h2 id=\"form\">Form</h2>");
        html.AppendLine("<table><thead><tr><th>Field</th><th>Value</th><th>Status</th><th>Confidence</th><th>Sources</th></tr></thead><tbody>");
        foreach (var (key, field) in result.Form.Fields)
        {
            var value = field.Status switch
            {
                FieldStatus.Found => (field.Normalized ?? field.Value ?? "") + (field.Label is { } label ? " — " + label : ""),
                FieldStatus.Conflict => string.Join(" / ", (field.Candidates ?? []).Select(c => c.Normalized ?? c.Value)),
                _ => "—",
            };
            html.Append("<tr><td>").Append(Encode(key)).Append("</td><td>").Append(Encode(value))
                .Append("</td><td class=\"st-").Append(Encode(field.Status)).Append("\">").Append(Encode(field.Status.Replace('_', ' ')))
                .Append("</td><td>").Append(field.Status == FieldStatus.NotFound ? "" : field.Confidence.ToString("0.00", CultureInfo.InvariantCulture))
                .Append("</td><td>");
            Links(html, sources, field.Citations);
            html.AppendLine("</td></tr>");
        }

        html.AppendLine("</tbody></table>");
    }

    private static void WriteTimeline(StringBuilder html, DossierResult result, SourceIndex sources)
    {
        if (result.Timeline is not { Count: > 0 } timeline)
        {
            return;
        }

        html.AppendLine("<h2 id=\"timeline\">Timeline</h2>");
        html.AppendLine("<table><thead><tr><th>Date</th><th>Until</th><th>Kind</th><th>Event</th><th>Sources</th></tr></thead><tbody>");
        foreach (var e in timeline)
        {
            html.Append("<tr><td>").Append(Encode(e.Date)).Append("</td><td>").Append(Encode(e.EndDate ?? ""))
                .Append("</td><td>").Append(Encode(e.Kind.Replace('_', ' '))).Append("</td><td>").Append(Encode(e.Description)).Append("</td><td>");
            Links(html, sources, e.Citations);
            html.AppendLine("</td></tr>");
        }

        html.AppendLine("</tbody></table>");
    }

    private static void WriteSummary(StringBuilder html, DossierResult result, SourceIndex sources)
    {
        if (result.Summary.Count == 0)
        {
            return;
        }

        html.AppendLine("<h2 id=\"summary\">Summary</h2><ul>");
        foreach (var sentence in result.Summary)
        {
            html.Append("<li>").Append(Encode(sentence.Text));
            Links(html, sources, sentence.Citations);
            html.AppendLine("</li>");
        }

        html.AppendLine("</ul>");
    }

    private static void WriteAlerts(StringBuilder html, DossierResult result, SourceIndex sources)
    {
        if (result.Alerts.Count == 0)
        {
            return;
        }

        html.AppendLine("<h2 id=\"alerts\">Alerts</h2><ul>");
        foreach (var alert in result.Alerts)
        {
            html.Append("<li><strong class=\"sev-").Append(Encode(alert.Severity ?? "info")).Append("\">")
                .Append(Encode(alert.Kind.Replace('_', ' ')));
            if (alert.Severity is { } severity)
            {
                html.Append(" (").Append(Encode(severity)).Append(')');
            }

            html.Append("</strong>: ").Append(Encode(alert.Message));
            Links(html, sources, alert.Citations);
            html.AppendLine("</li>");
        }

        html.AppendLine("</ul>");
    }

    private static void WriteSources(StringBuilder html, SourceIndex sources, IReadOnlyDictionary<string, SourceDocument>? documents)
    {
        if (sources.Count == 0)
        {
            return;
        }

        html.AppendLine("<h2 id=\"sources\">Sources</h2>");
        foreach (var (number, citation) in sources.All)
        {
            html.Append("<div class=\"source\" id=\"").Append(SourceIndex.Anchor(number)).Append("\"><p><strong>[")
                .Append(number.ToString(CultureInfo.InvariantCulture)).Append("]</strong> ").Append(Encode(citation.FileName))
                .Append(", page ").Append(citation.Page.ToString(CultureInfo.InvariantCulture))
                .Append(" <span class=\"meta\">(characters ").Append(citation.Start.ToString(CultureInfo.InvariantCulture)).Append('–')
                .Append(citation.End.ToString(CultureInfo.InvariantCulture)).AppendLine(")</span></p>");
            html.Append("<p class=\"context\">");
            if (documents is not null && documents.TryGetValue(citation.DocumentId, out var document)
                && citation.End <= document.Text.Length && citation.Start <= citation.End
                && document.Text.AsSpan(citation.Start, citation.End - citation.Start).SequenceEqual(citation.Quote))
            {
                // Context stays on the quote's page: the page is what the reader will open.
                var page = document.Map.PageSpan(citation.Page);
                var from = Math.Max(page.Start, citation.Start - ContextChars);
                var to = Math.Min(page.End, citation.End + ContextChars);
                html.Append(from > page.Start ? "…" : "").Append(Encode(document.Text[from..citation.Start]))
                    .Append("<mark>").Append(Encode(citation.Quote)).Append("</mark>")
                    .Append(Encode(document.Text[citation.End..to])).Append(to < page.End ? "…" : "");
            }
            else
            {
                html.Append("<mark>").Append(Encode(citation.Quote)).Append("</mark>");
            }

            html.AppendLine("</p></div>");
        }
    }

    private static void Links(StringBuilder html, SourceIndex sources, IReadOnlyList<Citation> citations)
    {
        foreach (var citation in citations)
        {
            var number = sources.NumberOf(citation);
            html.Append(" <a class=\"cite\" href=\"#").Append(SourceIndex.Anchor(number)).Append("\" title=\"")
                .Append(Encode(citation.FileName)).Append(", p. ").Append(citation.Page.ToString(CultureInfo.InvariantCulture)).Append("\">[")
                .Append(number.ToString(CultureInfo.InvariantCulture)).Append("]</a>");
        }
    }

    /// <summary>
    /// HTML-encodes text for element content and attribute values. Control characters other than tab and line breaks
    /// become U+FFFD: they are not allowed in XML and no report needs them.
    /// </summary>
    public static string Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c) || (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || c is '\uFFFE' or '\uFFFF')
            {
                clean.Append('\uFFFD');
            }
            else
            {
                clean.Append(c);
            }
        }

        return WebUtility.HtmlEncode(clean.ToString());
    }

    /// <summary>One number per distinct cited span, in order of first use.</summary>
    private sealed class SourceIndex
    {
        private readonly Dictionary<(string, int, int), int> _numbers = [];
        private readonly List<Citation> _citations = [];

        public int Count => _citations.Count;

        public IEnumerable<(int Number, Citation Citation)> All => _citations.Select((c, i) => (i + 1, c));

        public static string Anchor(int number) => "src-" + number.ToString(CultureInfo.InvariantCulture);

        public int NumberOf(Citation citation)
        {
            var key = (citation.DocumentId, citation.Start, citation.End);
            if (!_numbers.TryGetValue(key, out var number))
            {
                _citations.Add(citation);
                number = _citations.Count;
                _numbers[key] = number;
            }

            return number;
        }
    }
}
