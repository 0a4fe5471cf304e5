using System.Globalization;
using System.Text;

namespace MedSummary.Pipeline.Reports;

/// <summary>
/// The report as GitHub-flavoured markdown, for a terminal or a pull request: the same order, labels and numbers as
/// <see cref="HtmlReport"/>; citations link to "#cite-N" entries that link back to their field. Angle brackets from
/// documents are written as entities, so a hostile passage stays text where markdown allows HTML.
/// </summary>
public static class MarkdownReport
{
    public static string Write(ReportInput input) => Write(ReportModel.Build(input));

    public static string Write(ReportModel report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var t = report.Text;
        var md = new StringBuilder(32 * 1024);
        md.Append("# ").AppendLine(Inline(t["title"])).AppendLine();
        md.Append('_').Append(Inline(report.Subtitle));
        if (report.DossierId is { } id && id != report.Subtitle)
        {
            md.Append(" · ").Append(t["dossier"]).Append(' ').Append(Inline(id));
        }

        md.Append(" · ").Append(t.Format("documents.count", report.DocumentCount, report.PageCount)).AppendLine("_").AppendLine();
        if (report.ReviewState is { } review)
        {
            md.Append('_').Append(Inline(review)).AppendLine("_").AppendLine();
        }

        md.Append("## <a id=\"identity\"></a>").AppendLine(t["identity"]).AppendLine();
        if (report.Identity is not { } identity)
        {
            md.Append("**").Append(t["identity.none"]).AppendLine("**").AppendLine();
        }
        else
        {
            foreach (var part in identity)
            {
                md.Append("- <a id=\"").Append(part.Anchor).Append("\"></a>").Append(Inline(part.Label)).Append(" : **").Append(Inline(part.Value)).Append("**").AppendLine(Cites(part.Cites));
            }

            md.AppendLine();
        }

        foreach (var line in report.Banner)
        {
            md.Append("> ").AppendLine(Inline(line));
        }

        if (report.Banner.Count > 0)
        {
            md.AppendLine();
        }

        if (report.Errors.Count > 0)
        {
            md.Append("**").Append(t["errors"]).AppendLine("**").AppendLine();
            foreach (var e in report.Errors)
            {
                md.Append("- ").Append(Inline(e.FileName)).Append(" (").Append(Inline(e.Code)).Append(')').Append(t.Colon).AppendLine(Inline(e.Message));
            }

            md.AppendLine();
        }

        Alerts(md, report);
        Form(md, report);
        Timeline(md, report);
        Summary(md, report);
        Sources(md, report);
        return md.ToString();
    }

    private static void Alerts(StringBuilder md, ReportModel report)
    {
        var t = report.Text;
        md.Append("## <a id=\"alerts\"></a>").AppendLine(t["alerts"]).AppendLine();
        if (report.Alerts.Count == 0)
        {
            md.AppendLine(t["alerts.none"]).AppendLine();
            return;
        }

        foreach (var a in report.Alerts)
        {
            md.Append("- <a id=\"").Append(a.Anchor).Append("\"></a>**").Append(Inline(a.KindText)).Append("** (").Append(Inline(a.SeverityText)).Append(") — ")
                .Append(Inline(a.Text)).AppendLine(Cites(a.Cites));
        }

        md.AppendLine();
    }

    private static void Form(StringBuilder md, ReportModel report)
    {
        var t = report.Text;
        md.Append("## <a id=\"form\"></a>").AppendLine(t["form"]).AppendLine();
        foreach (var group in report.Groups)
        {
            md.Append("### ").AppendLine(Inline(group.Label)).AppendLine();
            md.Append("| ").Append(t["col.field"]).Append(" | ").Append(t["col.value"]).Append(" | ").Append(t["col.state"]).Append(" | ").Append(t["col.sources"])
                .AppendLine(" |").AppendLine("| --- | --- | --- | --- |");
            foreach (var f in group.Fields)
            {
                var value = f.Value + (f.CodeLabel is { } label ? " — " + label : "") + (f.Review is { } review ? " (" + review + ")" : "");
                var state = f.StateText + (f.Reason is { } reason ? t.Colon + reason : "");
                md.Append("| <a id=\"").Append(f.Anchor).Append("\"></a>").Append(Cell(f.Label)).Append(" | ").Append(Cell(value)).Append(" | ")
                    .Append(Cell(state)).Append(" |").Append(Cites(f.Cites)).AppendLine(" |");
            }

            md.AppendLine();
        }
    }

    private static void Timeline(StringBuilder md, ReportModel report)
    {
        var t = report.Text;
        md.Append("## <a id=\"timeline\"></a>").AppendLine(t["timeline"]).AppendLine();
        if (report.Timeline.Count == 0)
        {
            md.AppendLine(t["timeline.none"]).AppendLine();
            return;
        }

        md.Append("| ").Append(t["col.date"]).Append(" | ").Append(t["col.kind"]).Append(" | ").Append(t["col.event"]).Append(" | ").Append(t["col.sources"])
            .AppendLine(" |").AppendLine("| --- | --- | --- | --- |");
        foreach (var e in report.Timeline)
        {
            md.Append("| <a id=\"").Append(e.Anchor).Append("\"></a>").Append(Cell(e.Date + (e.EndDate is { } end ? " – " + end : ""))).Append(" | ")
                .Append(Cell(e.KindText)).Append(" | ").Append(Cell(e.Description)).Append(" |").Append(Cites(e.Cites)).AppendLine(" |");
        }

        md.AppendLine();
    }

    private static void Summary(StringBuilder md, ReportModel report)
    {
        var t = report.Text;
        md.Append("## <a id=\"summary\"></a>").AppendLine(t["summary"]).AppendLine();
        if (report.Summary.Count == 0)
        {
            md.AppendLine(t["summary.none"]).AppendLine();
            return;
        }

        for (var i = 0; i < report.Summary.Count; i++)
        {
            var s = report.Summary[i];
            md.Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(". <a id=\"").Append(s.Anchor).Append("\"></a>").Append(Inline(s.Text)).AppendLine(Cites(s.Cites));
        }

        md.AppendLine();
    }

    private static void Sources(StringBuilder md, ReportModel report)
    {
        var t = report.Text;
        md.Append("## <a id=\"sources\"></a>").AppendLine(t["sources"]).AppendLine();
        foreach (var document in report.Sources)
        {
            md.Append("### ").AppendLine(Inline(document.FileName)).AppendLine();
            foreach (var s in document.Sources)
            {
                md.Append("- <a id=\"").Append(s.Anchor).Append("\"></a>**[").Append(s.Number.ToString(CultureInfo.InvariantCulture)).Append("]** ")
                    .Append(t["page"]).Append('\u00A0').Append(s.Citation.Page.ToString(CultureInfo.InvariantCulture)).Append(" — ");
                if (s.Before is null)
                {
                    md.Append("**").Append(Inline(s.Citation.Quote)).Append("** _(").Append(t["sources.unverified"]).Append(")_");
                }
                else
                {
                    md.Append(Inline(s.Before)).Append("**").Append(Inline(s.Citation.Quote).Trim()).Append("**").Append(Inline(s.After ?? ""));
                }

                foreach (var use in s.Uses)
                {
                    md.Append(" [↩\u00A0").Append(Inline(use.Label)).Append("](#").Append(use.Anchor).Append(')');
                }

                md.AppendLine();
            }

            md.AppendLine();
        }
    }

    private static string Cites(IReadOnlyList<int> numbers) =>
        numbers.Count == 0 ? "" : " " + string.Concat(numbers.Select(n => $"[\\[{n.ToString(CultureInfo.InvariantCulture)}\\]](#{ReportModel.CiteAnchor(n)})"));

    // One line, markup characters neutralized: a document's "<script>" or "*" must stay text.
    private static string Inline(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) && c != '\u00A0')
            {
                space = true;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
            }

            space = false;
            _ = c switch
            {
                '<' => sb.Append("&lt;"),
                '>' => sb.Append("&gt;"),
                '&' => sb.Append("&amp;"),
                '*' or '_' or '`' or '[' or ']' or '\\' => sb.Append('\\').Append(c),
                _ when char.IsControl(c) => sb.Append('\uFFFD'),
                _ => sb.Append(c),
            };
        }

        if (space)
        {
            sb.Append(' ');
        }

        return sb.ToString();
    }

    private static string Cell(string text) => Inline(text).Replace("|", "\\|", StringComparison.Ordinal);
}
