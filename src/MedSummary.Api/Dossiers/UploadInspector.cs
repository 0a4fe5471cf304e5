using MedSummary.Core.Errors;
using MedSummary.Ingestion;
using MedSummary.Ingestion.Loading;
using MedSummary.Ingestion.Pdf;
using MedSummary.Ingestion.Text;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace MedSummary.Api.Dossiers;

/// <summary>What a quick look at an uploaded file found: its type and page count, or why it is refused (a stable input code).</summary>
public sealed record FileInspection(string? MediaType, int Pages, string? ErrorCode, string? ErrorMessage)
{
    public bool Accepted => ErrorCode is null;

    public static FileInspection Refused(string code, string message) => new(null, 0, code, message);
}

/// <summary>
/// Checks an upload synchronously, before it is accepted, so a caller learns at once that a file cannot be read:
/// the type from the content (never the name), a PDF opened and its first and last pages parsed (truncated,
/// damaged or encrypted files fail here), the page limit, and a text file decoded. A PDF that opens but has a
/// damaged page in the middle, or no text layer, is still accepted and reported on its document in the status.
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
        try
        {
            using var pdf = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            var pages = pdf.NumberOfPages;
            if (pages == 0)
            {
                return FileInspection.Refused(InputErrorCodes.CorruptPdf, $"{fileName}: the PDF has no pages.");
            }

            var max = ingestion.Value.MaxPages;
            if (pages > max)
            {
                return FileInspection.Refused(InputErrorCodes.TooManyPages, $"{fileName}: the PDF has {pages} pages, more than the limit of {max}.");
            }

            // Truncation and broken cross-references show on the first or the last page; every page is parsed later.
            _ = pdf.GetPage(1).Letters.Count;
            if (pages > 1)
            {
                _ = pdf.GetPage(pages).Letters.Count;
            }

            return new FileInspection(PdfDocumentReader.MediaType, pages, null, null);
        }
        catch (PdfDocumentEncryptedException)
        {
            return FileInspection.Refused(InputErrorCodes.EncryptedPdf, $"{fileName}: the PDF is encrypted and needs a password to be read.");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return FileInspection.Refused(InputErrorCodes.CorruptPdf, $"{fileName}: the PDF is damaged or not a valid PDF.");
        }
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
