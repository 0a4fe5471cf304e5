namespace MedSummary.Api.Configuration;

/// <summary>The service's settings, configuration section <c>MedSummary:Api</c>, validated at start.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "MedSummary:Api";

    /// <summary>
    /// Folder of the service's SQLite files: <c>medsummary.db</c> (dossiers, uploaded files, documents, results,
    /// reviews, audit) and <c>chunks.db</c> (the embedded chunk store, unless MedSummary:Store:SqlitePath is set).
    /// Default "data", relative to the current directory; created at start.
    /// </summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>
    /// The API keys, each owned by a tenant (a department or a calling system). Give each key as the lowercase hex
    /// SHA-256 of the secret (<see cref="ApiKeyOptions.KeySha256"/>, recommended) or in clear (<see cref="ApiKeyOptions.Key"/>,
    /// convenient in development); only hashes are kept in memory. Default none.
    /// </summary>
    public List<ApiKeyOptions> Keys { get; set; } = [];

    /// <summary>Optional bearer tokens (JWT) from the hospital's identity provider, next to the keys. Off by default.</summary>
    public JwtOptions Jwt { get; set; } = new();

    public ApiLimitsOptions Limits { get; set; } = new();

    public ProcessingQueueOptions Queue { get; set; } = new();

    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>
    /// Serve the OpenAPI document (/openapi/v1.json) and the Scalar reference (/scalar) without a key. Default true:
    /// they describe the API and carry no patient data, and a browser cannot send a key header to open them; Scalar's
    /// "try it" asks for the key. False: they need a tenant's key like the rest of the API.
    /// </summary>
    public bool PublicApiReference { get; set; } = true;

    /// <summary>The identifier system of the external patient reference in the FHIR export. Default "urn:medsummary:external-patient-ref".</summary>
    public string PatientIdentifierSystem { get; set; } = "urn:medsummary:external-patient-ref";

    /// <summary>The service's own database file.</summary>
    public string DatabasePath => Path.Combine(Path.GetFullPath(DataFolder), "medsummary.db");

    /// <summary>The embedded chunk store's file when none is configured.</summary>
    public string ChunkStorePath => Path.Combine(Path.GetFullPath(DataFolder), "chunks.db");

    /// <summary>The private folder (0700) of working files (OCR's copies of scans), emptied at start and after jobs.</summary>
    public string WorkFolder => Path.Combine(Path.GetFullPath(DataFolder), "work");

    /// <summary>
    /// The operator key, for /metrics and the detailed /health (header <c>X-Operator-Key</c>): as a lowercase hex
    /// SHA-256 (<see cref="OperatorKeySha256"/>, recommended) or in clear (<see cref="OperatorKey"/>, at least 24
    /// characters). Distinct from every tenant key. Default none: then /metrics and the detailed /health are refused
    /// to everyone, and only /health/live and /health/ready answer.
    /// </summary>
    public string? OperatorKey { get; set; }

    /// <inheritdoc cref="OperatorKey"/>
    public string? OperatorKeySha256 { get; set; }

    public AuthThrottleOptions AuthThrottle { get; set; } = new();
}

/// <summary>One API key and the tenant it acts for.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>A name for audit trails and logs ("ehr-plugin", "coordinators"); default "key-" and the hash's first 8 characters.</summary>
    public string? Name { get; set; }

    /// <summary>The tenant the key acts for: letters, digits, '.', '_' or '-', 1 to 64 characters.</summary>
    public string Tenant { get; set; } = string.Empty;

    /// <summary>The secret in clear (at least 24 characters). Prefer <see cref="KeySha256"/> outside development.</summary>
    public string? Key { get; set; }

    /// <summary>The lowercase hex SHA-256 of the secret's UTF-8 bytes (64 characters), e.g. from <c>printf %s "$KEY" | sha256sum</c>.</summary>
    public string? KeySha256 { get; set; }
}

/// <summary>Bearer-token authentication; on when <see cref="Authority"/> or <see cref="SigningKey"/> is set.</summary>
public sealed class JwtOptions
{
    /// <summary>The identity provider (OpenID Connect discovery); its signing keys are fetched from it. Default none.</summary>
    public string? Authority { get; set; }

    /// <summary>A shared HMAC-SHA256 secret (at least 32 bytes of UTF-8) when tokens are signed with one instead. Default none.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The expected issuer; required with <see cref="SigningKey"/>. Default none (the authority's).</summary>
    public string? Issuer { get; set; }

    /// <summary>The expected audience (required when JWT is on).</summary>
    public string? Audience { get; set; }

    /// <summary>The claim naming the caller's tenant. Default "tenant".</summary>
    public string TenantClaim { get; set; } = "tenant";

    /// <summary>The claim naming the person or system, for the audit trail. Default "preferred_username", then "sub".</summary>
    public string NameClaim { get; set; } = "preferred_username";

    /// <summary>Require https for the authority's metadata. Default true.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(SigningKey);
}

/// <summary>Limits on what one upload may hold.</summary>
public sealed class ApiLimitsOptions
{
    /// <summary>Largest request body, all files together, in bytes. Default 256 MiB.</summary>
    public long MaxRequestBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Largest single file, in bytes. Default 64 MiB; at most <see cref="MaxRequestBytes"/>.</summary>
    public long MaxFileBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Most files in one dossier. Default 100.</summary>
    public int MaxFilesPerDossier { get; set; } = 100;

    /// <summary>Most pages in one dossier, all files together (one PDF is also held to MedSummary:Ingestion:MaxPages). Default 3000.</summary>
    public int MaxPagesPerDossier { get; set; } = 3000;

    /// <summary>Longest external patient reference. Default 128 characters.</summary>
    public int MaxExternalRefLength { get; set; } = 128;
}

/// <summary>The background processing queue.</summary>
public sealed class ProcessingQueueOptions
{
    /// <summary>How many accepted dossiers may wait; an upload beyond gets 429 with Retry-After. Default 64.</summary>
    public int Capacity { get; set; } = 64;

    /// <summary>
    /// Share of <see cref="Capacity"/> that one tenant's waiting dossiers may take, in percent (at least one place), so
    /// that one tenant filling the queue still leaves room for the others. Default 75; 1 to 100.
    /// </summary>
    public int TenantSharePercent { get; set; } = 75;

    /// <summary>Dossiers processed at the same time. Default 1 (each dossier already reads its files in parallel).</summary>
    public int Workers { get; set; } = 1;

    /// <summary>
    /// Attempts at one dossier before it is marked failed: an attempt cut short by a stop or a crash is resumed at
    /// the next start until this many have begun. Default 3.
    /// </summary>
    public int MaxAttempts { get; set; } = 3;
}

/// <summary>
/// Throttling of failed authentications per client address (token bucket): each failure takes a token; an address
/// with none left is answered 429 with Retry-After before its credentials are even looked at.
/// </summary>
public sealed class AuthThrottleOptions
{
    /// <summary>Failures an address may make in a burst. Default 10.</summary>
    public int Burst { get; set; } = 10;

    /// <summary>Failures an address earns back per minute. Default 10.</summary>
    public int FailuresPerMinute { get; set; } = 10;

    /// <summary>Addresses tracked at once; the oldest are forgotten beyond. Default 10000.</summary>
    public int MaxTrackedClients { get; set; } = 10_000;
}

/// <summary>Per-key request rate limiting (token bucket).</summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests a key may make per second, sustained. Default 20.</summary>
    public int PermitsPerSecond { get; set; } = 20;

    /// <summary>Requests a key may make in a burst above the sustained rate. Default 100.</summary>
    public int Burst { get; set; } = 100;
}
