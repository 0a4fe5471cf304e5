namespace MedSummary.Ingestion.Pdf.Isolation;

/// <summary>
/// How PDF parsing is kept away from the service: in worker processes that a hostile file may crash, hang or fill
/// without harm. Part of <see cref="IngestionOptions"/> ("Isolation").
/// </summary>
public sealed class PdfIsolationOptions
{
    /// <summary>
    /// Parse PDFs in worker processes. Default true: PdfPig overflows its stack on some malformed files (reference
    /// cycles), which no .NET code can catch. Applies to the readers <c>AddMedSummaryIngestion</c> registers; a
    /// <see cref="PdfDocumentReader"/> built directly parses in process unless given a <see cref="PdfWorkerPool"/>.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The worker: the path of MedSummary.Ingestion.PdfWorker.dll (run with the dotnet host) or of its native
    /// launcher. Default null: the one built beside the application (every project that references Ingestion gets it).
    /// </summary>
    public string? WorkerPath { get; set; }

    /// <summary>Most managed memory one worker may use (its GC heap hard limit), in MiB. Default 1024; 64 to 65536.</summary>
    public int MemoryLimitMiB { get; set; } = 1024;

    /// <summary>Documents one worker reads before it is replaced by a fresh one (bounds slow leaks). Default 200; 1 to 100 000.</summary>
    public int MaxDocumentsPerWorker { get; set; } = 200;

    /// <summary>Every problem with these values, empty when they are valid (whether the worker exists is checked at start).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MemoryLimitMiB is < 64 or > 65536)
        {
            errors.Add($"{nameof(MemoryLimitMiB)} must be between 64 and 65536 (was {MemoryLimitMiB}).");
        }

        if (MaxDocumentsPerWorker is < 1 or > 100_000)
        {
            errors.Add($"{nameof(MaxDocumentsPerWorker)} must be between 1 and 100000 (was {MaxDocumentsPerWorker}).");
        }

        return errors;
    }
}
