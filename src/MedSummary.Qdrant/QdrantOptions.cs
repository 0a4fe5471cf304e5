using System.Text.RegularExpressions;
using MedSummary.Retrieval.Stores;
using Microsoft.Extensions.Options;

namespace MedSummary.Qdrant;

/// <summary>
/// Where the Qdrant server is and how to talk to it; configuration section <c>MedSummary:Store:Qdrant</c>.
/// Used when <c>MedSummary:Store:Provider</c> is "qdrant", and validated at start only then.
/// </summary>
public sealed partial class QdrantOptions
{
    public const string SectionName = StoreOptions.SectionName + ":Qdrant";

    /// <summary>The provider key the Qdrant store is registered under.</summary>
    public const string ProviderKey = "qdrant";

    /// <summary>
    /// Qdrant's gRPC endpoint (http or https, port included; Qdrant serves gRPC on 6334, REST on 6333).
    /// Default "http://localhost:6334".
    /// </summary>
    public string Url { get; set; } = "http://localhost:6334";

    /// <summary>
    /// The API key sent in the "api-key" metadata header of every call; null (default) sends none. Refused over plain http to any host
    /// but this machine unless <see cref="AllowApiKeyOverHttp"/> is set: it would cross the network in clear.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Prefix of the collection name, so several deployments can share one server: the collection is
    /// "{prefix}chunks". Letters, digits, '_' and '-', at most 100 characters. Default "medsummary_".
    /// </summary>
    public string CollectionPrefix { get; set; } = "medsummary_";

    /// <summary>The gRPC deadline of one attempt of a call; an attempt past it is abandoned (and retried). Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a call may take, all attempts and back-off delays together. Default 60 s.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries after a transient failure (gRPC Unavailable, DeadlineExceeded, ResourceExhausted). Default 3; 0 to 10.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first back-off delay; later ones grow exponentially, with jitter. Default 500 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Points per upsert call. Default 256; 1 to 4096.</summary>
    public int UpsertBatchSize { get; set; } = 256;

    /// <summary>
    /// A CA certificate file (PEM or DER) trusted for the server's TLS certificate in addition to the system's
    /// roots, for an https server with a certificate from an in-house authority. Default none.
    /// </summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>Allow <see cref="ApiKey"/> over plain http to another machine (a trusted private network). Default false.</summary>
    public bool AllowApiKeyOverHttp { get; set; }

    /// <summary>How long the health check waits for the server. Default 5 s.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The collection holding the chunks.</summary>
    public string CollectionName => CollectionPrefix + "chunks";

    /// <summary>Every problem with these settings, each naming its setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{SectionName}:{nameof(Url)} must be an absolute http or https URL (got '{Url}').");
        }
        else
        {
            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
            {
                errors.Add($"{SectionName}:{nameof(Url)} must not carry a query, a fragment or credentials; put the key in {nameof(ApiKey)}.");
            }

            if (ApiKey is not null && uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback && !AllowApiKeyOverHttp)
            {
                errors.Add(
                    $"{SectionName}:{nameof(ApiKey)} would be sent in clear to {uri.Host} over http; use an https {nameof(Url)} "
                    + $"(or set {nameof(AllowApiKeyOverHttp)} on a trusted private network).");
            }
        }

        if (ApiKey is not null && (ApiKey.Length == 0 || ApiKey.Any(char.IsControl) || ApiKey.Trim() != ApiKey))
        {
            errors.Add($"{SectionName}:{nameof(ApiKey)} is empty or has spaces or control characters at its ends or inside; remove the setting to send no key.");
        }

        if (CollectionPrefix is null || !PrefixPattern().IsMatch(CollectionPrefix))
        {
            errors.Add($"{SectionName}:{nameof(CollectionPrefix)} may hold only letters, digits, '_' and '-', at most 100 (got '{CollectionPrefix}').");
        }

        if (Timeout < TimeSpan.FromMilliseconds(10) || Timeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{SectionName}:{nameof(Timeout)} must be between 10 ms and 10 minutes (got {Timeout}).");
        }

        if (TotalTimeout < Timeout || TotalTimeout > TimeSpan.FromMinutes(30))
        {
            errors.Add($"{SectionName}:{nameof(TotalTimeout)} must be at least {nameof(Timeout)} and at most 30 minutes (got {TotalTimeout}).");
        }

        if (MaxRetries is < 0 or > 10)
        {
            errors.Add($"{SectionName}:{nameof(MaxRetries)} must be between 0 and 10 (got {MaxRetries}).");
        }

        if (RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{SectionName}:{nameof(RetryDelay)} must be between 0 and 1 minute (got {RetryDelay}).");
        }

        if (UpsertBatchSize is < 1 or > 4096)
        {
            errors.Add($"{SectionName}:{nameof(UpsertBatchSize)} must be between 1 and 4096 (got {UpsertBatchSize}).");
        }

        if (CaCertificatePath is not null && !File.Exists(CaCertificatePath))
        {
            errors.Add($"{SectionName}:{nameof(CaCertificatePath)}: no file at '{CaCertificatePath}'.");
        }

        if (HealthCheckTimeout <= TimeSpan.Zero || HealthCheckTimeout > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{SectionName}:{nameof(HealthCheckTimeout)} must be positive and at most 1 minute (got {HealthCheckTimeout}).");
        }

        return errors;
    }

    /// <summary>The URL for messages: scheme, host and port only.</summary>
    internal string DisplayUrl => Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : Url;

    [GeneratedRegex("^[A-Za-z0-9_-]{0,100}$")]
    private static partial Regex PrefixPattern();
}

/// <summary>Start-up validation of <see cref="QdrantOptions"/>, only when the configured store is Qdrant.</summary>
internal sealed class QdrantOptionsValidator(IOptionsMonitor<StoreOptions> store) : IValidateOptions<QdrantOptions>
{
    public ValidateOptionsResult Validate(string? name, QdrantOptions options)
    {
        if (store.CurrentValue.ProviderKey != QdrantOptions.ProviderKey)
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
