using System.Diagnostics;

namespace MedSummary.Ingestion;

/// <summary>The activity source of ingestion: one span per document loaded and per batch.</summary>
public static class IngestionTelemetry
{
    public const string SourceName = "MedSummary.Ingestion";

    public static ActivitySource Source { get; } = new(SourceName);
}
