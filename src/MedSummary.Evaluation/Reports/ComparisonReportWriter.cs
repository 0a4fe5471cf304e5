using System.Text;
using MedSummary.Evaluation.Drift;
using MedSummary.Evaluation.Results;
using static MedSummary.Evaluation.Reports.Markdown;

namespace MedSummary.Evaluation.Reports;

/// <summary>The readable comparison of two runs: headline figures side by side, then the per-field drift.</summary>
public static class ComparisonReportWriter
{
    public static string Write(EvaluationRun baseline, EvaluationRun latest, DriftReport drift, IReadOnlyList<ChartLink>? charts = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(latest);
        ArgumentNullException.ThrowIfNull(drift);
        var md = new StringBuilder();
        md.Append("# MedSummary evaluation: ").Append(Cell(drift.Baseline.Name)).Append(" vs ").AppendLine(Cell(drift.Latest.Name)).AppendLine();
        Header(md, 1, "", "baseline", "latest");
        Row(md, "run", Cell(drift.Baseline.Name), Cell(drift.Latest.Name));
        Row(md, "mode", Cell(baseline.Configuration.Mode), Cell(latest.Configuration.Mode));
        Row(md, "chat model", Cell(baseline.Configuration.ChatModel), Cell(latest.Configuration.ChatModel));
        Row(md, "tool version", Cell(baseline.Tool.Version), Cell(latest.Tool.Version));
        Row(md, "gold set", Cell($"{baseline.GoldSet.Path} ({baseline.GoldSet.Dossiers})"), Cell($"{latest.GoldSet.Path} ({latest.GoldSet.Dossiers})"));
        Row(md, "accuracy on stated values", Percent(baseline.Metrics.Overall.Accuracy), Percent(latest.Metrics.Overall.Accuracy));
        Row(md, "precision of found values", Percent(baseline.Metrics.Overall.Precision), Percent(latest.Metrics.Overall.Precision));
        Row(md, "invention rate", Percent(baseline.Metrics.Overall.InventionRate), Percent(latest.Metrics.Overall.InventionRate));
        Row(md, "citation validity", Percent(baseline.Metrics.Overall.CitationValidity), Percent(latest.Metrics.Overall.CitationValidity));
        Row(md, "unsupported-claim rate", Percent(baseline.Metrics.Overall.UnsupportedClaimRate), Percent(latest.Metrics.Overall.UnsupportedClaimRate));
        Row(md, "seconds per dossier", Number(baseline.Metrics.Cost.MeanSecondsPerDossier), Number(latest.Metrics.Cost.MeanSecondsPerDossier));
        md.AppendLine();
        EvaluationReportWriter.WriteDrift(md, drift);
        if (charts is { Count: > 0 })
        {
            foreach (var chart in charts)
            {
                md.Append("![").Append(chart.Title).Append("](").Append(chart.RelativePath.Replace('\\', '/')).AppendLine(")").AppendLine();
            }
        }

        return md.ToString();
    }
}
