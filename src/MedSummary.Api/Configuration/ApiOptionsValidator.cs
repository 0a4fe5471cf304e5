using System.Text;
using System.Text.RegularExpressions;
using MedSummary.Core.Documents;
using Microsoft.Extensions.Options;

namespace MedSummary.Api.Configuration;

/// <summary>Start-up validation of <see cref="ApiOptions"/>: every problem named by its setting.</summary>
internal sealed partial class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    private const string S = ApiOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataFolder))
        {
            errors.Add($"{S}:{nameof(ApiOptions.DataFolder)} is empty.");
        }

        ValidateKeys(options, errors);
        ValidateJwt(options.Jwt, errors);
        ValidateLimits(options.Limits, errors);
        var queue = options.Queue;
        if (queue.Capacity is < 1 or > 100_000)
        {
            errors.Add($"{S}:Queue:Capacity must be between 1 and 100000 (got {queue.Capacity}).");
        }

        if (queue.TenantSharePercent is < 1 or > 100)
        {
            errors.Add($"{S}:Queue:TenantSharePercent must be between 1 and 100 (got {queue.TenantSharePercent}).");
        }

        if (queue.Workers is < 1 or > 64)
        {
            errors.Add($"{S}:Queue:Workers must be between 1 and 64 (got {queue.Workers}).");
        }

        if (queue.MaxAttempts is < 1 or > 20)
        {
            errors.Add($"{S}:Queue:MaxAttempts must be between 1 and 20 (got {queue.MaxAttempts}).");
        }

        if (options.RateLimit.PermitsPerSecond is < 1 or > 1_000_000)
        {
            errors.Add($"{S}:RateLimit:PermitsPerSecond must be between 1 and 1000000 (got {options.RateLimit.PermitsPerSecond}).");
        }

        if (options.RateLimit.Burst is < 1 or > 1_000_000)
        {
            errors.Add($"{S}:RateLimit:Burst must be between 1 and 1000000 (got {options.RateLimit.Burst}).");
        }

        ValidateOperator(options, errors);
        var throttle = options.AuthThrottle;
        if (throttle.Burst is < 1 or > 10_000)
        {
            errors.Add($"{S}:AuthThrottle:Burst must be between 1 and 10000 (got {throttle.Burst}).");
        }

        if (throttle.FailuresPerMinute is < 1 or > 100_000)
        {
            errors.Add($"{S}:AuthThrottle:FailuresPerMinute must be between 1 and 100000 (got {throttle.FailuresPerMinute}).");
        }

        if (throttle.MaxTrackedClients is < 16 or > 10_000_000)
        {
            errors.Add($"{S}:AuthThrottle:MaxTrackedClients must be between 16 and 10000000 (got {throttle.MaxTrackedClients}).");
        }

        if (!Uri.TryCreate(options.PatientIdentifierSystem, UriKind.Absolute, out _))
        {
            errors.Add($"{S}:{nameof(ApiOptions.PatientIdentifierSystem)} must be an absolute URI (got '{options.PatientIdentifierSystem}').");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Whether a tenant name is usable: it keys stored rows and chunk-store filters.</summary>
    public static bool IsValidTenant(string? tenant) => tenant is not null && TenantPattern().IsMatch(tenant);

    /// <summary>The hash a configured key is known by (lowercase hex SHA-256), or null when it has neither form.</summary>
    public static string? HashOf(ApiKeyOptions key) =>
        !string.IsNullOrEmpty(key.KeySha256) ? key.KeySha256.Trim().ToLowerInvariant()
        : !string.IsNullOrEmpty(key.Key) ? DocumentIds.Sha256Hex(Encoding.UTF8.GetBytes(key.Key))
        : null;

    private static void ValidateKeys(ApiOptions options, List<string> errors)
    {
        if (options.Keys.Count == 0 && !options.Jwt.Enabled)
        {
            errors.Add($"No caller could be authenticated: configure at least one key under {S}:Keys (Tenant and KeySha256 or Key) or bearer tokens under {S}:Jwt.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Keys.Count; i++)
        {
            var key = options.Keys[i];
            var at = $"{S}:Keys:{i}";
            if (!IsValidTenant(key.Tenant))
            {
                errors.Add($"{at}:Tenant must be 1 to 64 letters, digits, '.', '_' or '-' (got '{key.Tenant}').");
            }

            var hasKey = !string.IsNullOrEmpty(key.Key);
            var hasHash = !string.IsNullOrEmpty(key.KeySha256);
            if (hasKey == hasHash)
            {
                errors.Add($"{at} must have exactly one of Key or KeySha256.");
                continue;
            }

            if (hasKey && key.Key!.Length < 24)
            {
                errors.Add($"{at}:Key is shorter than 24 characters; use a long random secret.");
            }

            if (hasHash && !Sha256Pattern().IsMatch(key.KeySha256!.Trim().ToLowerInvariant()))
            {
                errors.Add($"{at}:KeySha256 must be 64 hexadecimal characters.");
            }

            if (HashOf(key) is { } hash && !seen.Add(hash))
            {
                errors.Add($"{at} repeats a key configured before it; each key belongs to one tenant.");
            }
        }
    }

    /// <summary>The operator key's hash (lowercase hex SHA-256), or null when none is configured.</summary>
    public static string? OperatorHashOf(ApiOptions options) =>
        !string.IsNullOrEmpty(options.OperatorKeySha256) ? options.OperatorKeySha256.Trim().ToLowerInvariant()
        : !string.IsNullOrEmpty(options.OperatorKey) ? DocumentIds.Sha256Hex(Encoding.UTF8.GetBytes(options.OperatorKey))
        : null;

    private static void ValidateOperator(ApiOptions options, List<string> errors)
    {
        var hasKey = !string.IsNullOrEmpty(options.OperatorKey);
        var hasHash = !string.IsNullOrEmpty(options.OperatorKeySha256);
        if (hasKey && hasHash)
        {
            errors.Add($"{S}: set one of OperatorKey or OperatorKeySha256, not both.");
            return;
        }

        if (hasKey && options.OperatorKey!.Length < 24)
        {
            errors.Add($"{S}:OperatorKey is shorter than 24 characters; use a long random secret.");
        }

        if (hasHash && !Sha256Pattern().IsMatch(options.OperatorKeySha256!.Trim().ToLowerInvariant()))
        {
            errors.Add($"{S}:OperatorKeySha256 must be 64 hexadecimal characters.");
        }

        if (OperatorHashOf(options) is { } hash && options.Keys.Any(k => HashOf(k) == hash))
        {
            errors.Add($"{S}: the operator key is also a tenant key; give the operator a key of its own.");
        }
    }

    private static void ValidateJwt(JwtOptions jwt, List<string> errors)
    {
        if (!jwt.Enabled)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(jwt.Audience))
        {
            errors.Add($"{S}:Jwt:Audience is required when bearer tokens are on.");
        }

        if (!string.IsNullOrWhiteSpace(jwt.SigningKey))
        {
            if (Encoding.UTF8.GetByteCount(jwt.SigningKey) < 32)
            {
                errors.Add($"{S}:Jwt:SigningKey must be at least 32 bytes.");
            }

            if (string.IsNullOrWhiteSpace(jwt.Issuer))
            {
                errors.Add($"{S}:Jwt:Issuer is required with a SigningKey.");
            }
        }
        else if (!Uri.TryCreate(jwt.Authority, UriKind.Absolute, out _))
        {
            errors.Add($"{S}:Jwt:Authority must be an absolute URL (got '{jwt.Authority}').");
        }

        if (string.IsNullOrWhiteSpace(jwt.TenantClaim))
        {
            errors.Add($"{S}:Jwt:TenantClaim is empty.");
        }
    }

    private static void ValidateLimits(ApiLimitsOptions limits, List<string> errors)
    {
        if (limits.MaxRequestBytes is < 1024 or > 4L * 1024 * 1024 * 1024)
        {
            errors.Add($"{S}:Limits:MaxRequestBytes must be between 1024 and 4294967296 (got {limits.MaxRequestBytes}).");
        }

        if (limits.MaxFileBytes < 1 || limits.MaxFileBytes > limits.MaxRequestBytes)
        {
            errors.Add($"{S}:Limits:MaxFileBytes must be between 1 and MaxRequestBytes (got {limits.MaxFileBytes}).");
        }

        if (limits.MaxFilesPerDossier is < 1 or > 10_000)
        {
            errors.Add($"{S}:Limits:MaxFilesPerDossier must be between 1 and 10000 (got {limits.MaxFilesPerDossier}).");
        }

        if (limits.MaxPagesPerDossier is < 1 or > 1_000_000)
        {
            errors.Add($"{S}:Limits:MaxPagesPerDossier must be between 1 and 1000000 (got {limits.MaxPagesPerDossier}).");
        }

        if (limits.MaxExternalRefLength is < 1 or > 1024)
        {
            errors.Add($"{S}:Limits:MaxExternalRefLength must be between 1 and 1024 (got {limits.MaxExternalRefLength}).");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex TenantPattern();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Pattern();
}
