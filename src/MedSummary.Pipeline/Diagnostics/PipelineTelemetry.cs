using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MedSummary.Pipeline.Diagnostics;

/// <summary>Traces and metrics of dossier processing. Tags carry counts and ids, never document text.</summary>
public static class PipelineTelemetry
{
    public const string Name = "MedSummary.Pipeline";

    public static ActivitySource Source { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    public static Counter<long> Dossiers { get; } = Meter.CreateCounter<long>("medsummary.dossiers", description: "Dossiers processed");

    public static Counter<long> Pages { get; } = Meter.CreateCounter<long>("medsummary.pages", description: "Pages read");

    public static Counter<long> InvalidCitations { get; } =
        Meter.CreateCounter<long>("medsummary.citations.invalid", description: "Citations removed by the last verification gate");

    public static Histogram<double> Duration { get; } =
        Meter.CreateHistogram<double>("medsummary.dossier.duration", unit: "s", description: "Time to process one dossier");
}
