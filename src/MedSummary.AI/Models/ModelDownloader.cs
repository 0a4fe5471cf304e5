using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedSummary.AI.Models;

/// <summary>Progress of a download: bytes on disk so far and the total when the server says.</summary>
public readonly record struct DownloadProgress(long BytesDone, long? TotalBytes, bool Resumed);

/// <summary>Outcome of <see cref="ModelDownloader.DownloadAsync"/>.</summary>
public sealed record DownloadResult(string Path, long SizeBytes, string Sha256, bool AlreadyPresent, int ResumedFrom);

/// <summary>A download failed for good (checksum mismatch, HTTP error); the message says what and what was kept.</summary>
public sealed class ModelDownloadException : Exception
{
    public ModelDownloadException()
    {
    }

    public ModelDownloadException(string message)
        : base(message)
    {
    }

    public ModelDownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Downloads a model file into a ".part" file next to its destination, resuming with HTTP Range requests after an
/// interruption (within a call, and across calls), and moves it into place only once its SHA-256 matches.
/// </summary>
public sealed partial class ModelDownloader
{
    /// <summary>Name of the HttpClient used by DI (no overall timeout: model files are gigabytes).</summary>
    public const string HttpClientName = "MedSummary.AI.models";

    private const int BufferSize = 1 << 20;
    private readonly HttpClient _http;
    private readonly ILogger _logger;

    public ModelDownloader(HttpClient http, ILogger<ModelDownloader>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Attempts per call; each one resumes where the previous stopped. Default 4.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Pause between attempts. Default 2 seconds.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Downloads <paramref name="url"/> to <paramref name="destinationPath"/> and checks it against <paramref name="expectedSha256"/> (hex).</summary>
    public async Task<DownloadResult> DownloadAsync(Uri url, string destinationPath, string expectedSha256, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrEmpty(destinationPath);
        var expected = NormalizeSha256(expectedSha256);
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"only http(s) downloads are supported, not '{url.Scheme}'", nameof(url));
        }

        var destination = Path.GetFullPath(destinationPath);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        if (File.Exists(destination))
        {
            var existing = await HashFileAsync(destination, cancellationToken).ConfigureAwait(false);
            if (existing == expected)
            {
                return new DownloadResult(destination, new FileInfo(destination).Length, existing, AlreadyPresent: true, ResumedFrom: 0);
            }

            throw new ModelDownloadException($"{destination} already exists with a different SHA-256 ({existing}); remove it or choose another --name.");
        }

        var part = destination + ".part";
        var resumedFrom = File.Exists(part) ? new FileInfo(part).Length : 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await TransferAsync(url, part, progress, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                LogRetry(_logger, attempt, File.Exists(part) ? new FileInfo(part).Length : 0, ex.Message);
                await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                throw new ModelDownloadException(
                    $"downloading {url} failed after {attempt} attempts: {ex.Message}. {part} is kept; run the same command again to resume.", ex);
            }
        }

        var actual = await HashFileAsync(part, cancellationToken).ConfigureAwait(false);
        if (actual != expected)
        {
            File.Delete(part);
            throw new ModelDownloadException(
                $"checksum mismatch for {url}: expected SHA-256 {expected}, got {actual}. The download was deleted; check the --sha256 value and the URL.");
        }

        File.Move(part, destination, overwrite: false);
        return new DownloadResult(destination, new FileInfo(destination).Length, actual, AlreadyPresent: false, ResumedFrom: (int)Math.Min(int.MaxValue, resumedFrom));
    }

    /// <summary>Validates a SHA-256 given as 64 hex characters; returns it in lower case.</summary>
    public static string NormalizeSha256(string sha256)
    {
        var value = sha256?.Trim().ToLowerInvariant() ?? string.Empty;
        if (value.Length != 64 || !value.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException($"'{sha256}' is not a SHA-256 (64 hexadecimal characters)", nameof(sha256));
        }

        return value;
    }

    private async Task TransferAsync(Uri url, string part, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var offset = File.Exists(part) ? new FileInfo(part).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (offset > 0)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && offset > 0)
        {
            // The part file already holds everything the server has: the checksum decides.
            return;
        }

        if (!response.IsSuccessStatusCode)
        {
            var message = $"{url} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
            throw (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests
                ? new HttpRequestException(message, null, response.StatusCode)
                : new ModelDownloadException(message);
        }

        var resumed = offset > 0 && response.StatusCode == HttpStatusCode.PartialContent
            && response.Content.Headers.ContentRange?.From == offset;
        if (!resumed)
        {
            // The server ignored the range (or this is a fresh start): begin again from byte 0.
            offset = 0;
        }

        var total = resumed ? response.Content.Headers.ContentRange?.Length : response.Content.Headers.ContentLength;
        await using var file = new FileStream(part, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[BufferSize];
        var done = offset;
        progress?.Report(new DownloadProgress(done, total, resumed));
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            done += read;
            progress?.Report(new DownloadProgress(done, total, resumed));
        }

        if (total is { } expectedLength && done < expectedLength)
        {
            throw new IOException($"the connection closed after {done} of {expectedLength} bytes");
        }
    }

    private static bool IsTransient(Exception ex) => ex is HttpRequestException or IOException
        || (ex is TaskCanceledException && ex.InnerException is TimeoutException);

    private static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "model download attempt {Attempt} stopped at {Bytes} bytes ({Reason}); resuming")]
    private static partial void LogRetry(ILogger logger, int attempt, long bytes, string reason);
}
