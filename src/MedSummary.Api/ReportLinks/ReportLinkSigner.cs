using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MedSummary.Api.Configuration;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace MedSummary.Api.ReportLinks;

/// <summary>What a valid link or cookie grants: one tenant's one dossier, until a time.</summary>
public sealed record ReportGrant(string Tenant, string DossierId, DateTimeOffset ExpiresAt);

/// <summary>
/// Signs and checks report links and the cookies they open into (HMAC-SHA256 over purpose, tenant, dossier, expiry
/// and, for a link, a random nonce). A link opens once: its nonce is remembered from issue to first use, in memory,
/// so a link issued before a restart no longer opens (the safe side of single use).
/// </summary>
public sealed class ReportLinkSigner
{
    public const string KeyFileName = "report-link.key";

    private const string LinkPurpose = "medsummary-report-link-1";
    private const string SessionPurpose = "medsummary-report-session-1";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly byte[] _key;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pending = new(StringComparer.Ordinal);

    public ReportLinkSigner(IOptions<ReportLinkOptions> options, IOptions<ApiOptions> api, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(api);
        _time = time;
        _key = options.Value.SigningKey is { } configured
            ? Encoding.UTF8.GetBytes(configured)
            : LoadOrCreateKey(Path.Combine(Path.GetFullPath(api.Value.DataFolder), KeyFileName));
    }

    /// <summary>A one-time link token for <paramref name="tenant"/>'s dossier, valid for <paramref name="lifetime"/>.</summary>
    public (string Token, DateTimeOffset ExpiresAt) IssueLink(string tenant, string dossierId, TimeSpan lifetime)
    {
        var now = _time.GetUtcNow();
        var expires = now + lifetime;
        var nonce = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        foreach (var (stale, at) in _pending)
        {
            if (at <= now)
            {
                _pending.TryRemove(stale, out _);
            }
        }

        _pending[nonce] = expires;
        return (Sign(LinkPurpose, tenant, dossierId, expires, nonce), expires);
    }

    /// <summary>The grant of a link token when its signature holds, it has not expired and it was never opened; the nonce is spent.</summary>
    public ReportGrant? OpenLink(string token)
    {
        if (Verify(token, LinkPurpose) is not { } parts || parts.Length != 5)
        {
            return null;
        }

        var grant = Grant(parts);
        return grant is not null && _pending.TryRemove(parts[4], out _) ? grant : null;
    }

    /// <summary>A cookie value that lets a browser read the dossier's report and page views until <paramref name="expires"/>.</summary>
    public string IssueSession(ReportGrant grant, DateTimeOffset expires)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return Sign(SessionPurpose, grant.Tenant, grant.DossierId, expires, null);
    }

    public ReportGrant? ReadSession(string value) =>
        Verify(value, SessionPurpose) is { Length: 4 } parts ? Grant(parts) : null;

    private ReportGrant? Grant(string[] parts)
    {
        if (!long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return expires > _time.GetUtcNow() ? new ReportGrant(parts[1], parts[2], expires) : null;
    }

    private string Sign(string purpose, string tenant, string dossierId, DateTimeOffset expires, string? nonce)
    {
        var payload = string.Join('\n', new[] { purpose, tenant, dossierId, expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), nonce }
            .Where(p => p is not null));
        var bytes = Encoding.UTF8.GetBytes(payload);
        return WebEncoders.Base64UrlEncode(bytes) + "." + WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key, bytes));
    }

    private string[]? Verify(string token, string purpose)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (token.Length > 1024 || dot <= 0)
        {
            return null;
        }

        byte[] payload, mac;
        try
        {
            payload = WebEncoders.Base64UrlDecode(token[..dot]);
            mac = WebEncoders.Base64UrlDecode(token[(dot + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(_key, payload)))
        {
            return null;
        }

        var parts = Encoding.UTF8.GetString(payload).Split('\n');
        return parts[0] == purpose ? parts : null;
    }

    /// <summary>The data folder's key, created (32 random bytes, owner read/write only) on first use.</summary>
    private static byte[] LoadOrCreateKey(string path)
    {
        if (File.Exists(path))
        {
            var existing = File.ReadAllBytes(path);
            return existing.Length >= 32 ? existing : throw new InvalidOperationException($"{path} holds fewer than 32 bytes; delete it to have a new key generated.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = OwnerOnly;
        }

        try
        {
            using var stream = new FileStream(path, file);
            stream.Write(key);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another instance on the same folder wrote it first: use theirs.
            return File.ReadAllBytes(path);
        }

        return key;
    }
}
