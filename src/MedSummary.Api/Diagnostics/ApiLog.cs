namespace MedSummary.Api.Diagnostics;

/// <summary>
/// Every log line of the service. Ids, tenants, counts and codes only: never document text, quotes, file names
/// (they often carry patient names) or external patient references.
/// </summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Tenant {Tenant}: dossier {DossierId} accepted ({Files} file(s), {Pages} page(s), {Bytes} bytes)")]
    public static partial void DossierAccepted(ILogger logger, string tenant, string dossierId, int files, int pages, long bytes);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Tenant {Tenant}: dossier {DossierId} uploaded again; nothing new to do (status {Status})")]
    public static partial void DossierDuplicate(ILogger logger, string tenant, string dossierId, string status);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Tenant {Tenant}: upload refused: {Code}")]
    public static partial void UploadRefused(ILogger logger, string tenant, string code);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Tenant {Tenant}: upload refused, the queue is full ({Depth}/{Capacity})")]
    public static partial void QueueFull(ILogger logger, string tenant, int depth, int capacity);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Dossier {DossierId}: processing, attempt {Attempt} of {MaxAttempts}")]
    public static partial void ProcessingStarted(ILogger logger, string dossierId, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "Dossier {DossierId}: completed ({Documents} document(s), {Pages} page(s), {Unreadable} unreadable) in {Seconds:0.00} s")]
    public static partial void ProcessingCompleted(ILogger logger, string dossierId, int documents, int pages, int unreadable, double seconds);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Warning, Message = "Dossier {DossierId}: failed: {Code}")]
    public static partial void ProcessingFailed(ILogger logger, string dossierId, string code);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Error, Message = "Dossier {DossierId}: processing threw {ExceptionType}\n{StackTrace}")]
    public static partial void ProcessingCrashed(ILogger logger, string dossierId, string exceptionType, string stackTrace);

    [LoggerMessage(EventId = 5014, Level = LogLevel.Information, Message = "Dossier {DossierId}: processing interrupted by shutdown; it resumes at the next start")]
    public static partial void ProcessingInterrupted(ILogger logger, string dossierId);

    [LoggerMessage(EventId = 5015, Level = LogLevel.Information, Message = "Resuming {Count} dossier(s) accepted before the last stop")]
    public static partial void Resuming(ILogger logger, int count);

    [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "Tenant {Tenant}: dossier {DossierId} field {FieldKey} reviewed: {Action}")]
    public static partial void FieldReviewed(ILogger logger, string tenant, string dossierId, string fieldKey, string action);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Information, Message = "Tenant {Tenant}: dossier {DossierId} form validated")]
    public static partial void FormValidated(ILogger logger, string tenant, string dossierId);

    [LoggerMessage(EventId = 5030, Level = LogLevel.Information, Message = "Authentication refused: {Reason}")]
    public static partial void AuthenticationRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 5032, Level = LogLevel.Information, Message = "Authentication refused for client {ClientMarker}: {Reason}")]
    public static partial void AuthenticationRefusedFrom(ILogger logger, string clientMarker, string reason);

    [LoggerMessage(EventId = 5040, Level = LogLevel.Error, Message = "Unhandled {ExceptionType} (trace {TraceId})\n{StackTrace}")]
    public static partial void UnhandledException(ILogger logger, string exceptionType, string traceId, string stackTrace);

    [LoggerMessage(EventId = 5042, Level = LogLevel.Error, Message = "Store fault: {Reason} (SQLite code {SqliteCode}, trace {TraceId}); answered 503 store_unavailable")]
    public static partial void StoreFault(ILogger logger, string reason, int sqliteCode, string traceId);

    [LoggerMessage(EventId = 5043, Level = LogLevel.Error, Message = "Dossier {DossierId}: store fault while processing ({Reason}); retried in {DelaySeconds} s")]
    public static partial void ProcessingStoreFault(ILogger logger, string dossierId, string reason, double delaySeconds);

    [LoggerMessage(EventId = 5044, Level = LogLevel.Information, Message = "Work folder: {Count} leftover item(s) from an earlier run removed")]
    public static partial void WorkFolderSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 5045, Level = LogLevel.Warning, Message = "Work folder: {Count} item(s) could not be removed ({Reason})")]
    public static partial void WorkFolderSweepFailed(ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 5031, Level = LogLevel.Warning, Message = "Client {ClientMarker}: too many failed authentications; refused for {RetryAfterSeconds} s")]
    public static partial void AuthenticationThrottled(ILogger logger, string clientMarker, int retryAfterSeconds);

    [LoggerMessage(EventId = 5041, Level = LogLevel.Warning, Message = "The chunk store did not answer a search: {ExceptionType}")]
    public static partial void StoreUnavailable(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 5050, Level = LogLevel.Information, Message = "Tenant {Tenant}: report link for dossier {DossierId} issued to {Actor}")]
    public static partial void ReportLinkIssued(ILogger logger, string tenant, string dossierId, string actor);

    [LoggerMessage(EventId = 5051, Level = LogLevel.Information, Message = "Tenant {Tenant}: report link for dossier {DossierId} opened")]
    public static partial void ReportLinkOpened(ILogger logger, string tenant, string dossierId);
}
