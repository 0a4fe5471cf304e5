using System.Net;
using System.Security.Cryptography;
using MedSummary.Api.Configuration;
using Microsoft.Extensions.Options;

namespace MedSummary.Api.Security;

/// <summary>
/// Failed authentications per client address, as a token bucket per address (<see cref="AuthThrottleOptions"/>):
/// each failure takes a token, tokens come back with time, and an address with none left is refused (429) before
/// its credentials are looked at, so guessing keys costs minutes per handful. Addresses are known in logs only by
/// a marker: an HMAC of the address under a key drawn at start and never written anywhere, so a log line says "the
/// same client" without saying which; markers change at each start.
/// </summary>
public sealed class AuthFailureThrottle
{
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly byte[] _markerKey = RandomNumberGenerator.GetBytes(32);
    private readonly TimeProvider _time;
    private readonly double _burst;
    private readonly double _perSecond;
    private readonly int _maxClients;

    public AuthFailureThrottle(IOptions<ApiOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var throttle = options.Value.AuthThrottle;
        _time = time;
        _burst = throttle.Burst;
        _perSecond = throttle.FailuresPerMinute / 60.0;
        _maxClients = throttle.MaxTrackedClients;
    }

    /// <summary>The non-identifying marker of the request's client address ("client-" and 12 hex digits).</summary>
    public string MarkerOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = AddressOf(context);
        return "client-" + Convert.ToHexStringLower(HMACSHA256.HashData(_markerKey, System.Text.Encoding.UTF8.GetBytes(address)))[..12];
    }

    /// <summary>Whether the request's address has used up its failures; if so, how long until it may try again.</summary>
    public bool IsBlocked(HttpContext context, out TimeSpan retryAfter)
    {
        var address = AddressOf(context);
        lock (_lock)
        {
            retryAfter = TimeSpan.Zero;
            if (!_buckets.TryGetValue(address, out var bucket))
            {
                return false;
            }

            var tokens = Refilled(bucket);
            if (tokens >= 1)
            {
                return false;
            }

            retryAfter = TimeSpan.FromSeconds((1 - tokens) / _perSecond);
            return true;
        }
    }

    /// <summary>Counts one failed authentication from the request's address.</summary>
    public void RecordFailure(HttpContext context)
    {
        var address = AddressOf(context);
        lock (_lock)
        {
            var tokens = _buckets.TryGetValue(address, out var bucket) ? Refilled(bucket) : _burst;
            if (bucket is null && _buckets.Count >= _maxClients)
            {
                Forget();
            }

            _buckets[address] = new Bucket(Math.Max(0, tokens - 1), _time.GetTimestamp());
        }
    }

    private double Refilled(Bucket bucket) =>
        Math.Min(_burst, bucket.Tokens + (_time.GetElapsedTime(bucket.At).TotalSeconds * _perSecond));

    /// <summary>Drops the addresses whose bucket is full again (they are as good as new); if none, the stalest half.</summary>
    private void Forget()
    {
        var full = _buckets.Where(b => Refilled(b.Value) >= _burst).Select(b => b.Key).ToList();
        if (full.Count == 0)
        {
            full = [.. _buckets.OrderBy(b => b.Value.At).Take(_buckets.Count / 2).Select(b => b.Key)];
        }

        foreach (var key in full)
        {
            _buckets.Remove(key);
        }
    }

    private static string AddressOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    private sealed record Bucket(double Tokens, long At);
}
