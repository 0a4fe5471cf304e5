using MedSummary.Ingestion.Chunking;
using MedSummary.Ingestion.Pdf.Isolation;
using Microsoft.Extensions.Options;

namespace MedSummary.Ingestion;

/// <summary>Limits and settings of ingestion, bound from the "Ingestion" configuration section.</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>Largest file accepted, in bytes. Default 100 MiB; 1 byte to 2 GiB.</summary>
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Most pages accepted in one PDF. Default 2000; 1 to 100 000.</summary>
    public int MaxPages { get; set; } = 2000;

    /// <summary>
    /// Largest image a PDF may declare (width x height, in pixels), checked on the bytes before the file is accepted.
    /// Default 250 000 000 (an A0 sheet scanned at 300 dpi is about 140 000 000); 1 000 000 to 10 000 000 000.
    /// </summary>
    public long MaxImagePixels { get; set; } = 250_000_000;

    /// <summary>How long reading one document may take before it is refused with "timeout". Default 2 minutes; up to 1 hour.</summary>
    public TimeSpan PerDocumentTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many documents of a batch are read at the same time. Default 2; 1 to 64.</summary>
    public int MaxDegreeOfParallelism { get; set; } = 2;

    /// <summary>
    /// How many threads may parse the pages of one large PDF at once (in its worker process when isolated), and lay
    /// them out here (a document of fewer than 16 pages uses one). Default 2; 1 to 16. The batch-level
    /// <see cref="MaxDegreeOfParallelism"/> multiplies with it.
    /// </summary>
    public int MaxPageParallelism { get; set; } = 2;

    /// <summary>How documents are cut into chunks.</summary>
    public ChunkingOptions Chunking { get; set; } = new();

    /// <summary>Whether and how PDFs are parsed in worker processes (see <see cref="PdfIsolationOptions"/>).</summary>
    public PdfIsolationOptions Isolation { get; set; } = new();

    /// <summary>Every problem with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxFileBytes is < 1 or > 2L * 1024 * 1024 * 1024)
        {
            errors.Add($"{nameof(MaxFileBytes)} must be between 1 and 2147483648 (was {MaxFileBytes}).");
        }

        if (MaxPages is < 1 or > 100_000)
        {
            errors.Add($"{nameof(MaxPages)} must be between 1 and 100000 (was {MaxPages}).");
        }

        if (MaxImagePixels is < 1_000_000 or > 10_000_000_000)
        {
            errors.Add($"{nameof(MaxImagePixels)} must be between 1000000 and 10000000000 (was {MaxImagePixels}).");
        }

        if (PerDocumentTimeout <= TimeSpan.Zero || PerDocumentTimeout > TimeSpan.FromHours(1))
        {
            errors.Add($"{nameof(PerDocumentTimeout)} must be positive and at most 1 hour (was {PerDocumentTimeout}).");
        }

        if (MaxDegreeOfParallelism is < 1 or > 64)
        {
            errors.Add($"{nameof(MaxDegreeOfParallelism)} must be between 1 and 64 (was {MaxDegreeOfParallelism}).");
        }

        if (MaxPageParallelism is < 1 or > 16)
        {
            errors.Add($"{nameof(MaxPageParallelism)} must be between 1 and 16 (was {MaxPageParallelism}).");
        }

        if (Chunking is null)
        {
            errors.Add($"{nameof(Chunking)} is required.");
        }
        else
        {
            errors.AddRange(Chunking.Validate().Select(e => $"{nameof(Chunking)}.{e}"));
        }

        if (Isolation is null)
        {
            errors.Add($"{nameof(Isolation)} is required.");
        }
        else
        {
            errors.AddRange(Isolation.Validate().Select(e => $"{nameof(Isolation)}.{e}"));
        }

        return errors;
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every problem when the options are not valid.</summary>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(SectionName, typeof(IngestionOptions), errors);
        }
    }
}

/// <summary>Validates <see cref="IngestionOptions"/> at start-up.</summary>
internal sealed class IngestionOptionsValidator : IValidateOptions<IngestionOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestionOptions options)
    {
        var errors = options.Validate().ToList();

        // Only the registered readers use the worker, so only they need it to exist.
        if (options.Isolation is { Enabled: true } isolation && PdfWorkerCommand.Resolve(isolation.WorkerPath).Problem is { } problem)
        {
            errors.Add($"{nameof(IngestionOptions.Isolation)}: {problem}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
