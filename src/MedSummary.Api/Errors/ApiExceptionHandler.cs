using System.Diagnostics;
using MedSummary.Api.Diagnostics;
using MedSummary.Api.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace MedSummary.Api.Errors;

/// <summary>
/// Turns every exception that reaches the pipeline into a ProblemDetails with a stable code. Known refusals keep
/// their status; anything else is a 500 that says only that an error happened and its trace id: no message, no
/// stack trace (either may carry document text or internals), and the log gets the type and stack, never the message.
/// A storage fault (SQLite busy, read-only, full, I/O error, the data folder gone) is a 503 store_unavailable with
/// Retry-After, logged with its reason and SQLite code.
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (code, detail) = exception switch
        {
            ApiProblemException p => (p.Code, p.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (ApiErrorCodes.PayloadTooLarge, "The request body is larger than the limit."),
            BadHttpRequestException =>
                (ApiErrorCodes.InvalidRequest, "The request body or one of its parameters could not be read."),
            InvalidDataException =>
                (ApiErrorCodes.InvalidRequest, "The request body is malformed or over a form limit."),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested =>
                (ApiErrorCodes.InvalidRequest, "The request was cancelled by the client."),
            _ when StoreUnavailableException.ReasonFor(exception) is { } reason =>
                (ApiErrorCodes.StoreUnavailable, $"The data store cannot take or keep a write now ({reason}); nothing was acknowledged. Retry later."),
            _ => (ApiErrorCodes.InternalError, null as string),
        };

        var traceId = Activity.Current?.Id ?? httpContext.TraceIdentifier;
        if (code == ApiErrorCodes.StoreUnavailable)
        {
            ApiLog.StoreFault(logger, StoreUnavailableException.ReasonFor(exception)!, (exception as Microsoft.Data.Sqlite.SqliteException)?.SqliteExtendedErrorCode ?? 0, traceId);
            httpContext.Response.Headers.RetryAfter = "30";
        }
        else if (code == ApiErrorCodes.InternalError)
        {
            ApiLog.UnhandledException(logger, exception.GetType().FullName ?? exception.GetType().Name, traceId, exception.StackTrace ?? string.Empty);
            detail = $"An internal error occurred. It has been logged under trace id {traceId}.";
        }

        var problem = ApiProblems.Details(code, detail!);
        problem.Extensions["traceId"] = traceId;
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = null,
        }).ConfigureAwait(false);
    }
}
