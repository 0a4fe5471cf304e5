using System.Diagnostics.Metrics;

namespace MedSummary.Api.Diagnostics;

/// <summary>The service's own metrics (exported on /metrics with the pipeline's and ASP.NET Core's). Tags carry outcomes and codes, never text.</summary>
public static class ApiTelemetry
{
    public const string Name = "MedSummary.Api";

    public static Meter Meter { get; } = new(Name);

    /// <summary>Uploads by outcome: accepted, duplicate, refused, queue_full.</summary>
    public static Counter<long> Uploads { get; } = Meter.CreateCounter<long>("medsummary.api.uploads", description: "Dossier uploads by outcome");

    public static Counter<long> UploadedBytes { get; } = Meter.CreateCounter<long>("medsummary.api.uploaded_bytes", unit: "By", description: "Bytes of accepted uploads");

    /// <summary>Finished jobs by outcome: completed, failed.</summary>
    public static Counter<long> Jobs { get; } = Meter.CreateCounter<long>("medsummary.api.jobs", description: "Dossier jobs finished, by outcome");

    public static Counter<long> Pages { get; } = Meter.CreateCounter<long>("medsummary.api.pages", description: "Pages of processed dossiers");

    /// <summary>Chat-model tokens by kind: prompt, generated.</summary>
    public static Counter<long> Tokens { get; } = Meter.CreateCounter<long>("medsummary.api.tokens", description: "Chat model tokens spent on dossiers");

    public static Histogram<double> JobDuration { get; } =
        Meter.CreateHistogram<double>("medsummary.api.job.duration", unit: "s", description: "Time to process one dossier");

    public static Histogram<double> QueueWait { get; } =
        Meter.CreateHistogram<double>("medsummary.api.queue.wait", unit: "s", description: "Time a dossier waited in the queue");

    public static Counter<long> Reviews { get; } = Meter.CreateCounter<long>("medsummary.api.reviews", description: "Field reviews by action");
}
