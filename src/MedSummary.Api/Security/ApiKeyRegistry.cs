using System.Security.Cryptography;
using System.Text;
using MedSummary.Api.Configuration;
using Microsoft.Extensions.Options;

namespace MedSummary.Api.Security;

/// <summary>A known key: its name, its tenant and the hash prefix it is rate-limited under.</summary>
public sealed record ApiKeyIdentity(string Name, string Tenant, string Id);

/// <summary>
/// The configured keys by SHA-256: a presented key is hashed and looked up, so secrets are never kept in memory
/// and two keys are never compared character by character.
/// </summary>
public sealed class ApiKeyRegistry
{
    private readonly Dictionary<string, ApiKeyIdentity> _byHash = new(StringComparer.Ordinal);

    public ApiKeyRegistry(IOptions<ApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var key in options.Value.Keys)
        {
            if (ApiOptionsValidator.HashOf(key) is { } hash)
            {
                var id = "key-" + hash[..8];
                _byHash[hash] = new ApiKeyIdentity(string.IsNullOrWhiteSpace(key.Name) ? id : key.Name.Trim(), key.Tenant, id);
            }
        }
    }

    public ApiKeyIdentity? Find(string presented)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > 512)
        {
            return null;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
        return _byHash.GetValueOrDefault(hash);
    }
}
