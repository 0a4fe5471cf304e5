using System.Reflection;
using MedSummary.Api.Configuration;
using MedSummary.Api.Errors;
using MedSummary.Core.Documents;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MedSummary.Api.Dossiers;

/// <summary>One file of an upload: its name as sent (no folders), its size and, when within the limit, its bytes and inspection.</summary>
public sealed class UploadedFile
{
    private readonly Lazy<FileInspection> _inspection;

    public UploadedFile(string fileName, long length, byte[]? content, UploadInspector inspector)
    {
        ArgumentNullException.ThrowIfNull(inspector);
        FileName = fileName;
        Length = length;
        Content = content;
        _inspection = new Lazy<FileInspection>(() => content is null
            ? FileInspection.Refused(ApiErrorCodes.PayloadTooLarge, $"{fileName}: the file is too large.")
            : inspector.Inspect(fileName, content));
    }

    public string FileName { get; }

    public long Length { get; }

    /// <summary>Null when the file is over the size limit (it is not read into memory).</summary>
    public byte[]? Content { get; }

    /// <summary>The content check, run once, on first use.</summary>
    public FileInspection Inspection => _inspection.Value;
}

/// <summary>
/// The multipart upload of POST /v1/dossiers: the files (any part with a file name), the optional external
/// patient reference ("patientRef") and the optional language ("language": "fr" or "en"). Bound by hand so that
/// limits apply while reading, nothing is written to disk and no antiforgery token is needed (callers are systems
/// with keys, not browsers); a malformed body (bad boundary, truncated, garbage) is a 400 invalid_request.
/// </summary>
public sealed class UploadForm
{
    public const string PatientRefField = "patientRef";
    public const string LanguageField = "language";

    /// <summary>Parts that are not files (patientRef, language) tolerated beside the files.</summary>
    private const int MaxFieldParts = 64;

    /// <summary>Largest value of a form field that is not a file.</summary>
    private const int MaxFieldBytes = 16 * 1024;

    public bool IsMultipart { get; init; }

    public IReadOnlyList<UploadedFile> Files { get; init; } = [];

    public string? PatientRef { get; init; }

    public string? Language { get; init; }

    public static async ValueTask<UploadForm?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.HasFormContentType || !context.Request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            return new UploadForm { IsMultipart = false };
        }

        var limits = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.Limits;
        if (context.Request.ContentLength > limits.MaxRequestBytes)
        {
            throw new ApiProblemException(ApiErrorCodes.PayloadTooLarge,
                $"The request has {context.Request.ContentLength} bytes, more than the limit of {limits.MaxRequestBytes}.");
        }

        var boundary = Boundary(context.Request.ContentType);
        var inspector = context.RequestServices.GetRequiredService<UploadInspector>();
        var files = new List<UploadedFile>();
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            await ReadPartsAsync(context, boundary, limits, inspector, files, fields).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            throw Malformed();
        }
        catch (IOException e) when (e is not BadHttpRequestException && !context.RequestAborted.IsCancellationRequested)
        {
            // A body that ends before its closing boundary (a body over the server's limit is a 413, handled as such).
            throw Malformed();
        }

        return new UploadForm
        {
            IsMultipart = true,
            Files = files,
            PatientRef = Blank(fields.GetValueOrDefault(PatientRefField) ?? string.Empty),
            Language = Blank(fields.GetValueOrDefault(LanguageField) ?? string.Empty)?.ToLowerInvariant(),
        };
    }

    /// <summary>
    /// Reads the body part by part, straight into memory (each file within <see cref="ApiLimitsOptions.MaxFileBytes"/>;
    /// a larger one is counted and dropped), so that no part is ever buffered to a temporary file: the framework's form
    /// reader spills parts over 64 KiB to the system's temporary folder, where a crash would leave a patient's scan.
    /// </summary>
    private static async Task ReadPartsAsync(
        HttpContext context, string boundary, ApiLimitsOptions limits, UploadInspector inspector, List<UploadedFile> files, Dictionary<string, string> fields)
    {
        var maxParts = limits.MaxFilesPerDossier + MaxFieldParts;
        var reader = new MultipartReader(boundary, context.Request.Body) { HeadersLengthLimit = 16 * 1024, HeadersCountLimit = 16 };
        var parts = 0;
        while (await reader.ReadNextSectionAsync(context.RequestAborted).ConfigureAwait(false) is { } section)
        {
            if (++parts > maxParts)
            {
                throw new ApiProblemException(ApiErrorCodes.TooManyFiles,
                    $"The upload holds more than {maxParts} parts; at most {limits.MaxFilesPerDossier} files are accepted per dossier.");
            }

            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
            {
                throw Malformed();
            }

            if (disposition.IsFileDisposition())
            {
                var sent = disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName;
                var name = FileNames.Clean(HeaderUtilities.RemoveQuotes(sent).Value, $"file-{files.Count + 1}");
                var (content, length) = await ReadLimitedAsync(section.Body, limits.MaxFileBytes, context.RequestAborted).ConfigureAwait(false);
                files.Add(new UploadedFile(name, length, content, inspector));
                continue;
            }

            var field = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
            var (value, valueLength) = await ReadLimitedAsync(section.Body, MaxFieldBytes, context.RequestAborted).ConfigureAwait(false);
            if (value is null)
            {
                throw new ApiProblemException(ApiErrorCodes.InvalidRequest,
                    $"The form field '{ApiProblems.Shorten(field)}' has {valueLength} bytes, more than the limit of {MaxFieldBytes}.");
            }

            fields[field] = System.Text.Encoding.UTF8.GetString(value);
        }
    }

    /// <summary>The part's bytes when within <paramref name="limit"/> (else null, the rest drained), and its length.</summary>
    private static async Task<(byte[]? Content, long Length)> ReadLimitedAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var memory = new MemoryStream();
        var buffer = new byte[81920];
        long length = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
            if (length <= limit)
            {
                memory.Write(buffer, 0, read);
            }
        }

        return (length <= limit ? memory.ToArray() : null, length);
    }

    private static string Boundary(string contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            throw Malformed();
        }

        // RFC 2046: 1 to 70 characters.
        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        return string.IsNullOrWhiteSpace(boundary) || boundary.Length > 70 ? throw Malformed() : boundary;
    }

    private static ApiProblemException Malformed() =>
        new(ApiErrorCodes.InvalidRequest, "The multipart body is malformed (boundary, part headers or end); send one part per file, each with a file name.");

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
