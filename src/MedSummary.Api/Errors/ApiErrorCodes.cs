using MedSummary.Core.Errors;

namespace MedSummary.Api.Errors;

/// <summary>
/// The stable codes of the API's problems (the "code" member of every ProblemDetails), each with its HTTP status
/// and a title. Input codes shared with the CLI and results come from <see cref="InputErrorCodes"/>.
/// </summary>
public static class ApiErrorCodes
{
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string RateLimited = "rate_limited";
    public const string AuthThrottled = "auth_throttled";
    public const string UriTooLong = "uri_too_long";
    public const string HeadersTooLarge = "headers_too_large";
    public const string QueueFull = "queue_full";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string DossierNotFound = "dossier_not_found";
    public const string DocumentNotFound = "document_not_found";
    public const string PageNotFound = "page_not_found";
    public const string DossierNotReady = "dossier_not_ready";
    public const string DossierFailed = "dossier_failed";
    public const string UnknownField = "unknown_field";
    public const string InvalidReview = "invalid_review";
    public const string FormValidated = "form_validated";
    public const string PreconditionFailed = "precondition_failed";
    public const string NoFile = "no_file";
    public const string TooManyFiles = "too_many_files";
    public const string PayloadTooLarge = "payload_too_large";
    public const string NotMultipart = "not_multipart";
    public const string InvalidRequest = "invalid_request";
    public const string InvalidQuery = "invalid_query";
    public const string StoreUnavailable = "store_unavailable";
    public const string InternalError = "internal_error";
    public const string ReportLinkInvalid = "report_link_invalid";

    private static readonly Dictionary<string, (int Status, string Title)> Known = new(StringComparer.Ordinal)
    {
        [Unauthorized] = (401, "Authentication required"),
        [Forbidden] = (403, "Not allowed"),
        [RateLimited] = (429, "Too many requests"),
        [AuthThrottled] = (429, "Too many failed authentications"),
        [UriTooLong] = (414, "URI too long"),
        [HeadersTooLarge] = (431, "Request headers too large"),
        [QueueFull] = (429, "Processing queue full"),
        [NotFound] = (404, "Not found"),
        [MethodNotAllowed] = (405, "Method not allowed"),
        [DossierNotFound] = (404, "Dossier not found"),
        [DocumentNotFound] = (404, "Document not found"),
        [PageNotFound] = (404, "Page not found"),
        [DossierNotReady] = (409, "Dossier not processed yet"),
        [DossierFailed] = (409, "Dossier processing failed"),
        [UnknownField] = (404, "Unknown form field"),
        [InvalidReview] = (400, "Invalid review"),
        [FormValidated] = (409, "Form already validated"),
        [PreconditionFailed] = (412, "Form changed since it was read"),
        [NoFile] = (400, "No file"),
        [TooManyFiles] = (400, "Too many files"),
        [PayloadTooLarge] = (413, "Payload too large"),
        [NotMultipart] = (415, "Multipart form data expected"),
        [InvalidRequest] = (400, "Invalid request"),
        [InvalidQuery] = (400, "Invalid query"),
        [StoreUnavailable] = (503, "Store unavailable"),
        [InternalError] = (500, "Internal error"),
        [ReportLinkInvalid] = (404, "Report link not valid"),
        [InputErrorCodes.Empty] = (400, "Empty file"),
        [InputErrorCodes.UnsupportedType] = (415, "Unsupported file type"),
        [InputErrorCodes.CorruptPdf] = (422, "Corrupt PDF"),
        [InputErrorCodes.EncryptedPdf] = (422, "Encrypted PDF"),
        [InputErrorCodes.TooLarge] = (413, "File too large"),
        [InputErrorCodes.TooManyPages] = (422, "Too many pages"),
        [InputErrorCodes.NoText] = (422, "No text"),
        [InputErrorCodes.Unreadable] = (422, "Unreadable file"),
    };

    /// <summary>Every code the API answers with.</summary>
    public static IReadOnlyCollection<string> All => Known.Keys;

    /// <summary>The HTTP status of a code (400 for codes not listed).</summary>
    public static int StatusOf(string code) => Known.TryGetValue(code, out var known) ? known.Status : 400;

    public static string TitleOf(string code) => Known.TryGetValue(code, out var known) ? known.Title : "Invalid request";

    /// <summary>The code for a response that carries only a status (an unknown route, a framework refusal).</summary>
    public static string ForStatus(int status) => status switch
    {
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        413 => PayloadTooLarge,
        414 => UriTooLong,
        431 => HeadersTooLarge,
        415 => NotMultipart,
        429 => RateLimited,
        503 => StoreUnavailable,
        >= 500 => InternalError,
        _ => InvalidRequest,
    };
}
