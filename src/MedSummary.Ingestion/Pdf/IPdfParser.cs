namespace MedSummary.Ingestion.Pdf;

/// <summary>Parses a PDF's pages into glyphs (the PdfPig part of reading a PDF), refusing what cannot be read.</summary>
/// <remarks>
/// Implementations throw <see cref="Core.Errors.DocumentRejectedException"/> with a stable code for a file that cannot
/// be read and <see cref="OperationCanceledException"/> when cancelled; nothing else.
/// </remarks>
public interface IPdfParser
{
    Task<ExtractedPdf> ParseAsync(string fileName, ReadOnlyMemory<byte> pdf, PdfExtractionLimits limits, CancellationToken cancellationToken);
}

/// <summary>
/// Parses in the calling process: fastest, for trusted files. A hostile file can crash the process (PdfPig can
/// recurse until the stack overflows on reference cycles) or keep a thread busy after the per-document timeout.
/// </summary>
public sealed class InProcessPdfParser : IPdfParser
{
    public static InProcessPdfParser Instance { get; } = new();

    public Task<ExtractedPdf> ParseAsync(string fileName, ReadOnlyMemory<byte> pdf, PdfExtractionLimits limits, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(PdfPageExtractor.Extract(fileName, pdf, limits, cancellationToken));
    }
}
