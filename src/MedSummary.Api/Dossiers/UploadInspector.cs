using MedSummary.Core.Errors;
using MedSummary.Ingestion;
using MedSummary.Ingestion.Loading;
using MedSummary.Ingestion.Pdf;
using MedSummary.Ingestion.Pdf.Probing;
using MedSummary.Ingestion.Text;
using Microsoft.Extensions.Options;

namespace MedSummary.Api.Dossiers;

/// <summary>What a quick look at an uploaded file found: its type and page count, or why it is refused (a stable input code).</summary>
public sealed record FileInspection(string? MediaType, int Pages, string? ErrorCode, string? ErrorMessage)
{
    public bool Accepted => ErrorCode is null;

    public static FileInspection Refused(string code, string message) => new(null, 0, code, message);
}

/// <summary>
/// Checks an upload synchronously, before it is accepted, so a caller learns at once what the bytes alone show: the
/// type from the content (never the name), a text file decoded, and for a PDF a byte-level probe (a truncated file,
/// more pages than the limit, an image declared larger than the limit). No PDF is parsed here: a hostile file can
/// overflow a parser's stack or inflate to gigabytes, so PDFs are read only by the isolated workers, in the job, and
/// what they refuse (encrypted, damaged, built to break readers) is reported on the document in the dossier status.
/// </summary>
public sealed class UploadInspector(IOptions<IngestionOptions> ingestion)
{
    private readonly PlainTextReader _text = new();

    public FileInspection Inspect(string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0)
        {
            return FileInspection.Refused(InputErrorCodes.Empty, $"{fileName}: the file is empty (0 bytes).");
        }

        var span = content.AsSpan();
        if (ContentSniffer.IsTextualButUnsupported(span))
        {
            return Unsupported(fileName, ContentSniffer.Describe(span));
        }

        if (span[..Math.Min(span.Length, 1024)].IndexOf("%PDF-"u8) >= 0)
        {
            return InspectPdf(fileName, content);
        }

        if (TextDecoding.LooksLikeText(span))
        {
            return InspectText(fileName, content);
        }

        return Unsupported(fileName, ContentSniffer.Describe(span) ?? "binary data that is neither PDF nor text");
    }

    private FileInspection InspectPdf(string fileName, byte[] content)
    {
        var probe = PdfProbe.Probe(content);
        if (!probe.HasEndMarker)
        {
            return FileInspection.Refused(InputErrorCodes.CorruptPdf, $"{fileName}: the PDF is damaged or not a valid PDF (it is truncated: its end-of-file marker is missing).");
        }

        if (probe.PageCountKnown && probe.PageObjects == 0)
        {
            return FileInspection.Refused(InputErrorCodes.CorruptPdf, $"{fileName}: the PDF has no pages.");
        }

        var limits = ingestion.Value;
        if (probe.PageObjects > limits.MaxPages)
        {
            return FileInspection.Refused(InputErrorCodes.TooManyPages,
                $"{fileName}: the PDF has {(probe.PageCountKnown ? "" : "at least ")}{probe.PageObjects} pages, more than the limit of {limits.MaxPages}.");
        }

        if (probe.LargestImagePixels > limits.MaxImagePixels)
        {
            return FileInspection.Refused(InputErrorCodes.TooLarge,
                $"{fileName}: the PDF declares an image of {probe.LargestImagePixels} pixels, more than the limit of {limits.MaxImagePixels}.");
        }

        // Pages packed in compressed object streams are not counted here: the worker holds the file to the limit.
        return new FileInspection(PdfDocumentReader.MediaType, probe.PageObjects, null, null);
    }

    private FileInspection InspectText(string fileName, byte[] content)
    {
        try
        {
            var document = _text.ReadAsync(new InputFile(fileName, content), CancellationToken.None).GetAwaiter().GetResult();
            return new FileInspection(PlainTextReader.MediaType, document.PageCount, null, null);
        }
        catch (DocumentRejectedException e)
        {
            return FileInspection.Refused(e.Code, e.Message);
        }
    }

    private static FileInspection Unsupported(string fileName, string? what) =>
        FileInspection.Refused(InputErrorCodes.UnsupportedType,
            $"{fileName}: unsupported file type: it looks like {what}; only PDF and plain text are read.");
}
