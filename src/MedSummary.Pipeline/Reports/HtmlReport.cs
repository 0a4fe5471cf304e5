using System.Globalization;
using System.Text;

namespace MedSummary.Pipeline.Reports;

/// <summary>
/// The report as one self-contained HTML page, the one the CLI writes and the API serves: identity at the top, alerts,
/// the form by group, timeline, summary, then every cited passage in its context with a way back to what cites it.
/// No script, no external resource (its content-security policy forbids them), so a saved page keeps working; citation
/// links are plain anchors and the landing passage is highlighted with :target. Every piece of document or result text
/// is HTML-encoded, so a hostile PDF cannot inject markup; the page is also well-formed XML. A print stylesheet makes
/// "Print → PDF" an A4 fiche.
/// </summary>
public static class HtmlReport
{
    private const string Style = """
        :root{--ink:#1b1b1b;--muted:#5f6368;--line:#d7d7d7;--accent:#0a58ca}
        *{box-sizing:border-box}
        body{font-family:"DejaVu Sans",system-ui,sans-serif;font-size:14px;margin:0 auto;max-width:64rem;padding:1rem 1.25rem 3rem;color:var(--ink);line-height:1.4}
        h1{font-size:1.5rem;margin:0}h2{font-size:1.15rem;margin:1.6rem 0 .5rem;border-bottom:2px solid var(--ink);padding-bottom:.15rem}
        h3{font-size:1rem;margin:1rem 0 .3rem}
        .head{display:flex;flex-wrap:wrap;gap:.5rem 2rem;align-items:flex-start;border-bottom:1px solid var(--line);padding-bottom:.6rem}
        .head .titles{flex:1 1 16rem}.meta{color:var(--muted);font-size:.9em;margin:.2rem 0}
        .identity{flex:2 1 24rem;border:2px solid var(--ink);border-radius:4px;padding:.4rem .7rem;margin:0}
        .identity dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:0}.identity dt{color:var(--muted)}.identity dd{margin:0;font-weight:600}
        .identity .none{margin:0;font-weight:600;color:#8a5a00}
        .banner{background:#fff8e1;border-left:4px solid #e0a800;padding:.35rem .7rem;margin:.6rem 0;font-size:.92em}.banner p{margin:.1rem 0}
        nav.toc{font-size:.9em;margin:.5rem 0}nav.toc a{margin-right:1rem}
        a{color:var(--accent)}.cite{font-size:.78em;text-decoration:none;white-space:nowrap;margin-left:.1em;vertical-align:super}
        .nw{white-space:nowrap}
        table{border-collapse:collapse;width:100%;margin:.2rem 0 .6rem}
        th,td{border-bottom:1px solid var(--line);padding:.25rem .4rem;vertical-align:top;text-align:left}
        thead th{font-size:.8em;color:var(--muted);font-weight:600;border-bottom:1px solid var(--ink)}
        table.form,table.timeline{table-layout:fixed}
        table.form th:nth-child(1){width:28%}table.form th:nth-child(2){width:37%}table.form th:nth-child(3){width:19%}table.form th:nth-child(4){width:16%}
        table.form th[scope=row]{font-weight:600}
        table.timeline th:nth-child(1){width:21%}table.timeline th:nth-child(2){width:17%}table.timeline th:nth-child(3){width:46%}table.timeline th:nth-child(4){width:16%}
        td{overflow-wrap:break-word}
        tr:target,li:target{background:#eef4ff;outline:2px solid var(--accent)}
        .code{color:var(--muted)}.review{display:block;font-size:.85em;color:var(--muted)}
        .badge{display:inline-block;font-size:.78em;border-radius:3px;padding:0 .35em;border:1px solid currentColor;white-space:nowrap}
        .st-stated .badge{color:#1e6b2f}.st-not_stated .badge{color:var(--muted)}.st-not_attempted .badge{color:#8a5a00}
        .st-model_failed .badge,.st-conflict .badge{color:#a40000}.st-not_stated td.value,.st-not_attempted td.value{color:var(--muted)}
        ul.alerts{list-style:none;padding:0;margin:0}ul.alerts li{border-left:4px solid var(--line);padding:.3rem .6rem;margin:.3rem 0;background:#fafafa}
        ul.alerts li.sev-critical{border-color:#a40000}ul.alerts li.sev-warning{border-color:#e0a800}
        .sev-critical .badge{color:#a40000}.sev-warning .badge{color:#8a5a00}.sev-info .badge{color:var(--muted)}
        .detail{display:block;color:var(--muted);font-size:.85em}
        ol.summary li{margin:.2rem 0}
        ol.sources{list-style:none;padding:0;margin:0}
        ol.sources li{padding:.25rem .4rem;border-bottom:1px dotted var(--line);font-size:.88em}
        .num{font-weight:700;margin-right:.3em}.where{color:var(--muted);margin-right:.4em;white-space:nowrap}
        .ctx{color:#333}mark{background:#ffe58a;padding:0 .1em;font-weight:600}
        .back{display:block;font-size:.85em}.back a{margin-right:.8em;text-decoration:none}
        .errors{color:#a40000}
        @page{size:A4;margin:14mm 12mm 16mm;@bottom-right{content:counter(page) " / " counter(pages);font-size:9pt;color:#666}}
        @media print{
          body{max-width:none;padding:0;font-size:9.5pt}
          ol.sources li{font-size:8.5pt;padding:.15rem .2rem}
          thead{display:table-header-group}
          nav.toc,.back{display:none}
          a{color:inherit;text-decoration:none}
          h2,h3{break-after:avoid}
          tr,li,.identity,.banner{break-inside:avoid}
          #sources{break-before:page}
          tr:target,li:target{background:none;outline:none}
          .banner{background:none}
        }
        """;

    public static string Write(ReportInput input) => Write(ReportModel.Build(input));

    public static string Write(ReportModel report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var t = report.Text;
        var html = new StringBuilder(64 * 1024);
        var title = t["title"] + (report.Identity?.FirstOrDefault(p => p.Anchor == "identity-name") is { } name ? " — " + name.Value : "");
        html.AppendLine("<!DOCTYPE html>")
            .Append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"").Append(t.Language).AppendLine("\">")
            .AppendLine("<head>")
            .AppendLine("<meta charset=\"utf-8\" />")
            .AppendLine("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\" />")
            .AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />")
            .Append("<title>").Append(Encode(title)).AppendLine("</title>")
            .Append("<style>").Append(Style).AppendLine("</style>")
            .AppendLine("</head>")
            .AppendLine("<body>");
        Header(html, report);
        Alerts(html, report);
        Form(html, report);
        Timeline(html, report);
        Summary(html, report);
        Sources(html, report);
        html.AppendLine("</body>").AppendLine("</html>");
        return html.ToString();
    }

    private static void Header(StringBuilder html, ReportModel report)
    {
        var t = report.Text;
        html.AppendLine("<header class=\"head\">")
            .Append("<div class=\"titles\"><h1>").Append(Encode(t["title"])).AppendLine("</h1>")
            .Append("<p class=\"meta\">").Append(Encode(report.Subtitle));
        if (report.DossierId is { } id && id != report.Subtitle)
        {
            html.Append(" · ").Append(Encode(t["dossier"])).Append(' ').Append(Encode(id));
        }

        html.Append("</p><p class=\"meta\">").Append(Encode(t.Format("documents.count", report.DocumentCount, report.PageCount))).AppendLine("</p>");
        if (report.ReviewState is { } review)
        {
            html.Append("<p class=\"meta\">").Append(Encode(review)).AppendLine("</p>");
        }

        html.AppendLine("</div>");
        html.Append("<section class=\"identity\" id=\"identity\" aria-label=\"").Append(Encode(t["identity"])).AppendLine("\">");
        if (report.Identity is not { } identity)
        {
            html.Append("<p class=\"none\">").Append(Encode(t["identity.none"])).AppendLine("</p>");
        }
        else
        {
            html.AppendLine("<dl>");
            foreach (var part in identity)
            {
                html.Append("<dt>").Append(Encode(part.Label)).Append("</dt><dd id=\"").Append(part.Anchor).Append("\">")
                    .Append(Encode(part.Value)).Append(Cites(part.Cites)).AppendLine("</dd>");
            }

            html.AppendLine("</dl>");
        }

        html.AppendLine("</section>").AppendLine("</header>");
        if (report.Banner.Count > 0)
        {
            html.AppendLine("<div class=\"banner\">");
            foreach (var line in report.Banner)
            {
                html.Append("<p>").Append(Encode(line)).AppendLine("</p>");
            }

            html.AppendLine("</div>");
        }

        if (report.Errors.Count > 0)
        {
            html.Append("<div class=\"errors\"><strong>").Append(Encode(t["errors"])).AppendLine("</strong><ul>");
            foreach (var e in report.Errors)
            {
                html.Append("<li>").Append(Encode(e.FileName)).Append(" (").Append(Encode(e.Code)).Append(')').Append(t.Colon).Append(Encode(e.Message)).AppendLine("</li>");
            }

            html.AppendLine("</ul></div>");
        }

        html.Append("<nav class=\"toc\" aria-label=\"").Append(Encode(t["nav"])).Append("\">");
        foreach (var (anchor, key) in new[] { ("alerts", "alerts"), ("form", "form"), ("timeline", "timeline"), ("summary", "summary"), ("sources", "sources") })
        {
            html.Append("<a href=\"#").Append(anchor).Append("\">").Append(Encode(t[key])).Append("</a>");
        }

        html.AppendLine("</nav>");
    }

    private static void Alerts(StringBuilder html, ReportModel report)
    {
        var t = report.Text;
        html.Append("<section id=\"alerts\"><h2>").Append(Encode(t["alerts"])).AppendLine("</h2>");
        if (report.Alerts.Count == 0)
        {
            html.Append("<p class=\"meta\">").Append(Encode(t["alerts.none"])).AppendLine("</p></section>");
            return;
        }

        html.AppendLine("<ul class=\"alerts\">");
        foreach (var alert in report.Alerts)
        {
            html.Append("<li id=\"").Append(alert.Anchor).Append("\" class=\"sev-").Append(Encode(alert.Severity)).Append("\"><span class=\"badge\">")
                .Append(Encode(alert.SeverityText)).Append("</span> <strong>").Append(Encode(alert.KindText)).Append("</strong> — ")
                .Append(Encode(alert.Text)).Append(Cites(alert.Cites));
            if (alert.Detail is { } detail && detail != alert.Text)
            {
                html.Append("<span class=\"detail\">").Append(Encode(detail)).Append("</span>");
            }

            html.AppendLine("</li>");
        }

        html.AppendLine("</ul></section>");
    }

    private static void Form(StringBuilder html, ReportModel report)
    {
        var t = report.Text;
        html.Append("<section id=\"form\"><h2>").Append(Encode(t["form"])).AppendLine("</h2>");
        foreach (var group in report.Groups)
        {
            // A heading rather than a caption: print keeps a heading with what follows (break-after), not a caption.
            html.Append("<h3 id=\"group-").Append(Encode(group.Key)).Append("\">").Append(Encode(group.Label)).AppendLine("</h3>")
                .Append("<table class=\"form\"><thead><tr><th>").Append(Encode(t["col.field"])).Append("</th><th>").Append(Encode(t["col.value"])).Append("</th><th>")
                .Append(Encode(t["col.state"])).Append("</th><th>").Append(Encode(t["col.sources"])).AppendLine("</th></tr></thead><tbody>");
            foreach (var field in group.Fields)
            {
                html.Append("<tr id=\"").Append(Encode(field.Anchor)).Append("\" class=\"st-").Append(Encode(field.State)).Append("\"><th scope=\"row\">")
                    .Append(Encode(field.Label)).Append("</th><td class=\"value\">").Append(Encode(field.Value));
                if (field.CodeLabel is { } label)
                {
                    html.Append(" <span class=\"code\">— ").Append(Encode(label)).Append("</span>");
                }

                if (field.Review is { } review)
                {
                    html.Append("<span class=\"review\">").Append(Encode(review)).Append("</span>");
                }

                html.Append("</td><td class=\"state\"><span class=\"badge\">").Append(Encode(field.StateText)).Append("</span>");
                if (field.Reason is { } reason)
                {
                    html.Append("<span class=\"review\">").Append(Encode(reason)).Append("</span>");
                }

                html.Append("</td><td class=\"cites\">").Append(Cites(field.Cites)).AppendLine("</td></tr>");
            }

            html.AppendLine("</tbody></table>");
        }

        html.AppendLine("</section>");
    }

    private static void Timeline(StringBuilder html, ReportModel report)
    {
        var t = report.Text;
        html.Append("<section id=\"timeline\"><h2>").Append(Encode(t["timeline"])).AppendLine("</h2>");
        if (report.Timeline.Count == 0)
        {
            html.Append("<p class=\"meta\">").Append(Encode(t["timeline.none"])).AppendLine("</p></section>");
            return;
        }

        html.Append("<table class=\"timeline\"><thead><tr><th>").Append(Encode(t["col.date"])).Append("</th><th>").Append(Encode(t["col.kind"]))
            .Append("</th><th>").Append(Encode(t["col.event"])).Append("</th><th>").Append(Encode(t["col.sources"])).AppendLine("</th></tr></thead><tbody>");
        foreach (var e in report.Timeline)
        {
            // Each date stays whole; a range may break after its dash.
            html.Append("<tr id=\"").Append(e.Anchor).Append("\"><td class=\"date\"><span class=\"nw\">").Append(Encode(e.Date)).Append("</span>");
            if (e.EndDate is { } end)
            {
                html.Append(" – <span class=\"nw\">").Append(Encode(end)).Append("</span>");
            }

            html.Append("</td><td>").Append(Encode(e.KindText)).Append("</td><td>").Append(Encode(e.Description)).Append("</td><td class=\"cites\">")
                .Append(Cites(e.Cites)).AppendLine("</td></tr>");
        }

        html.AppendLine("</tbody></table></section>");
    }

    private static void Summary(StringBuilder html, ReportModel report)
    {
        var t = report.Text;
        html.Append("<section id=\"summary\"><h2>").Append(Encode(t["summary"])).AppendLine("</h2>");
        if (report.Summary.Count == 0)
        {
            html.Append("<p class=\"meta\">").Append(Encode(t["summary.none"])).AppendLine("</p></section>");
            return;
        }

        html.AppendLine("<ol class=\"summary\">");
        foreach (var s in report.Summary)
        {
            html.Append("<li id=\"").Append(s.Anchor).Append("\">").Append(Encode(s.Text)).Append(Cites(s.Cites)).AppendLine("</li>");
        }

        html.AppendLine("</ol></section>");
    }

    private static void Sources(StringBuilder html, ReportModel report)
    {
        var t = report.Text;
        html.Append("<section id=\"sources\"><h2>").Append(Encode(t["sources"])).Append("</h2><p class=\"meta\">").Append(Encode(t["sources.intro"])).AppendLine("</p>");
        foreach (var document in report.Sources)
        {
            html.Append("<h3>").Append(Encode(document.FileName)).AppendLine("</h3><ol class=\"sources\">");
            foreach (var source in document.Sources)
            {
                var number = source.Number.ToString(CultureInfo.InvariantCulture);
                html.Append("<li id=\"").Append(source.Anchor).Append("\"><span class=\"num\">[").Append(number).Append("]</span><span class=\"where\">")
                    .Append(Encode(t["page"])).Append("\u00A0").Append(source.Citation.Page.ToString(CultureInfo.InvariantCulture)).Append("</span><span class=\"ctx\">");
                if (source.Before is null)
                {
                    html.Append("<mark>").Append(Encode(source.Citation.Quote)).Append("</mark> <em class=\"meta\">(").Append(Encode(t["sources.unverified"])).Append(")</em>");
                }
                else
                {
                    html.Append(Encode(source.Before)).Append("<mark>").Append(Encode(source.Citation.Quote)).Append("</mark>").Append(Encode(source.After ?? ""));
                }

                html.Append("</span><span class=\"back\">");
                foreach (var use in source.Uses)
                {
                    html.Append("<a href=\"#").Append(Encode(use.Anchor)).Append("\">↩\u00A0").Append(Encode(t["back"])).Append(' ').Append(Encode(use.Label)).Append("</a>");
                }

                html.AppendLine("</span></li>");
            }

            html.AppendLine("</ol>");
        }

        html.AppendLine("</section>");
    }

    private static string Cites(IReadOnlyList<int> numbers)
    {
        var html = new StringBuilder();
        foreach (var n in numbers)
        {
            var number = n.ToString(CultureInfo.InvariantCulture);
            html.Append("<a class=\"cite\" href=\"#").Append(ReportModel.CiteAnchor(n)).Append("\">[").Append(number).Append("]</a>");
        }

        return html.ToString();
    }

    /// <summary>
    /// HTML-encodes text for element content and attribute values: the five markup characters become entities, other
    /// characters stay as they are (the page is UTF-8), so a saved report stays readable as source. Control characters
    /// other than tab and line breaks become U+FFFD: they are not allowed in XML and no report needs them.
    /// </summary>
    public static string Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var html = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                html.Append(c).Append(text[++i]);
                continue;
            }

            _ = c switch
            {
                '&' => html.Append("&amp;"),
                '<' => html.Append("&lt;"),
                '>' => html.Append("&gt;"),
                '"' => html.Append("&quot;"),
                '\'' => html.Append("&#39;"),
                _ when char.IsSurrogate(c) || (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || c is '\uFFFE' or '\uFFFF' => html.Append('\uFFFD'),
                _ => html.Append(c),
            };
        }

        return html.ToString();
    }
}
