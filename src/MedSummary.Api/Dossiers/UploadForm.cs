using System.Reflection;
using MedSummary.Api.Configuration;
using MedSummary.Api.Errors;
using Microsoft.Extensions.Options;

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
/// limits apply while reading and no antiforgery token is needed (callers are systems with keys, not browsers).
/// </summary>
public sealed class UploadForm
{
    public const string PatientRefField = "patientRef";
    public const string LanguageField = "language";

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

        var inspector = context.RequestServices.GetRequiredService<UploadInspector>();
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            // The form reader says "limit" when a section is over a limit; anything else is a malformed body.
            throw e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                ? new ApiProblemException(ApiErrorCodes.PayloadTooLarge, "A part of the multipart body is larger than the limit.")
                : new ApiProblemException(ApiErrorCodes.InvalidRequest, "The multipart body is malformed; send one part per file, each with a file name.");
        }
        var files = new List<UploadedFile>(form.Files.Count);
        foreach (var file in form.Files)
        {
            var name = SafeName(file.FileName, files.Count + 1);
            byte[]? content = null;
            if (file.Length <= limits.MaxFileBytes)
            {
                content = new byte[file.Length];
                await using var stream = file.OpenReadStream();
                await stream.ReadExactlyAsync(content, context.RequestAborted).ConfigureAwait(false);
            }

            files.Add(new UploadedFile(name, file.Length, content, inspector));
        }

        return new UploadForm
        {
            IsMultipart = true,
            Files = files,
            PatientRef = Blank(form[PatientRefField].ToString()),
            Language = Blank(form[LanguageField].ToString())?.ToLowerInvariant(),
        };
    }

    /// <summary>The name without any folder a client may have sent (and never a path to write to: files are kept in the database).</summary>
    private static string SafeName(string? raw, int ordinal)
    {
        var name = (raw ?? string.Empty).Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..].Trim();
        name = new string([.. name.Where(c => !char.IsControl(c))]);
        if (name.Length > 200)
        {
            name = name[..200];
        }

        return name.Length == 0 ? $"file-{ordinal}" : name;
    }

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
