using System.Globalization;
using System.Text;
using MedSummary.Core.Contract;

namespace MedSummary.Pipeline.Reports;

/// <summary>
/// Renders a result for a person: each field with its value and where it was read (file, page, quote).
/// Shows the same content as the JSON; a field that is not found or in conflict says so plainly.
/// </summary>
public static class MarkdownReportWriter
{
    public static string Write(DossierResult result, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var md = new StringBuilder();
        md.Append("# ").AppendLine(title ?? "MedSummary: tumor-board form").AppendLine();
        if (result.Processing is { } processing)
        {
            md.Append("_Mode: ").Append(processing.Mode);
            if (processing.ChatModel is { } model)
            {
                md.Append(", model ").Append(model);
            }

            md.AppendLine("_");
            if (processing.Note is { } note)
            {
                md.AppendLine().Append("> ").AppendLine(note);
            }

            md.AppendLine();
        }

        WriteDocuments(md, result);
        WriteErrors(md, result);
        WriteForm(md, result);
        WriteTimeline(md, result);
        WriteSummary(md, result);
        WriteAlerts(md, result);
        return md.ToString();
    }

    private static void WriteDocuments(StringBuilder md, DossierResult result)
    {
        md.AppendLine("## Documents").AppendLine();
        if (result.Documents.Count == 0)
        {
            md.AppendLine("No document could be read.").AppendLine();
            return;
        }

        md.AppendLine("| File | Pages | Language | SHA-256 |").AppendLine("| --- | ---: | --- | --- |");
        foreach (var d in result.Documents)
        {
            md.Append("| ").Append(Cell(d.FileName)).Append(" | ").Append(d.PageCount.ToString(CultureInfo.InvariantCulture))
              .Append(" | ").Append(d.Language).Append(" | `").Append(d.Sha256.AsSpan(0, Math.Min(12, d.Sha256.Length))).AppendLine("…` |");
        }

        md.AppendLine();
    }

    private static void WriteErrors(StringBuilder md, DossierResult result)
    {
        if (result.Errors.Count == 0)
        {
            return;
        }

        md.AppendLine("## Inputs not read").AppendLine();
        foreach (var e in result.Errors)
        {
            md.Append("- **").Append(Cell(e.FileName)).Append("** (").Append(e.Code).Append("): ").AppendLine(e.Message);
        }

        md.AppendLine();
    }

    private static void WriteForm(StringBuilder md, DossierResult result)
    {
        md.AppendLine("## Form").AppendLine();
        md.AppendLine("| Field | Value | Status | Confidence | Source |").AppendLine("| --- | --- | --- | ---: | --- |");
        foreach (var (key, field) in result.Form.Fields)
        {
            var value = field.Status switch
            {
                FieldStatus.Found => (field.Normalized ?? field.Value ?? "") + (field.Label is { } label ? " — " + label : ""),
                FieldStatus.Conflict => string.Join(" / ", (field.Candidates ?? []).Select(c => c.Normalized ?? c.Value)),
                _ => "—",
            };
            md.Append("| ").Append(key).Append(" | ").Append(Cell(value)).Append(" | ").Append(field.Status.Replace('_', ' '))
              .Append(" | ").Append(field.Status == FieldStatus.NotFound ? "" : field.Confidence.ToString("0.00", CultureInfo.InvariantCulture))
              .Append(" | ").Append(Citations(field.Citations)).AppendLine(" |");
        }

        md.AppendLine();
    }

    private static void WriteTimeline(StringBuilder md, DossierResult result)
    {
        if (result.Timeline is not { Count: > 0 } timeline)
        {
            return;
        }

        md.AppendLine("## Timeline").AppendLine();
        md.AppendLine("| Date | Until | Kind | Event | Source |").AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var e in timeline)
        {
            md.Append("| ").Append(e.Date).Append(" | ").Append(e.EndDate ?? "").Append(" | ").Append(e.Kind.Replace('_', ' '))
              .Append(" | ").Append(Cell(e.Description)).Append(" | ").Append(Citations(e.Citations)).AppendLine(" |");
        }

        md.AppendLine();
    }

    private static void WriteSummary(StringBuilder md, DossierResult result)
    {
        if (result.Summary.Count == 0)
        {
            return;
        }

        md.AppendLine("## Summary").AppendLine();
        foreach (var sentence in result.Summary)
        {
            md.Append("- ").Append(sentence.Text).Append(' ').AppendLine(Citations(sentence.Citations));
        }

        md.AppendLine();
    }

    private static void WriteAlerts(StringBuilder md, DossierResult result)
    {
        if (result.Alerts.Count == 0)
        {
            return;
        }

        md.AppendLine("## Alerts").AppendLine();
        foreach (var alert in result.Alerts)
        {
            md.Append("- **").Append(alert.Kind).Append("**: ").Append(alert.Message).Append(' ').AppendLine(Citations(alert.Citations));
        }

        md.AppendLine();
    }

    private static string Citations(IReadOnlyList<Citation> citations) =>
        string.Join("<br>", citations.Select(c =>
            $"{Cell(c.FileName)} p.{c.Page.ToString(CultureInfo.InvariantCulture)}: “{Cell(Shorten(c.Quote))}”"));

    private static string Shorten(string quote)
    {
        var oneLine = string.Join(' ', quote.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= 160 ? oneLine : string.Concat(oneLine.AsSpan(0, 157), "…");
    }

    // Table cells: a pipe or a line break would break the row.
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
}
