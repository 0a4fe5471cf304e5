using System.Globalization;
using System.Security.Cryptography;
using MedSummary.AI.Models;
using Shouldly;
using Xunit;
using static MedSummary.LlamaCpp.Tests.LoopbackHttpServer;

namespace MedSummary.LlamaCpp.Tests;

public class ModelDownloaderTests
{
    private static readonly byte[] Content = RandomNumberGenerator.GetBytes(300_000);
    private static readonly string ContentSha = Convert.ToHexStringLower(SHA256.HashData(Content));

    /// <summary>Serves <see cref="Content"/> honouring Range; the first <paramref name="cutFirst"/> responses are cut halfway.</summary>
    private static Func<RecordedRequest, Response> RangeServer(int cutFirst = 0, bool ignoreRange = false)
    {
        var served = 0;
        return request =>
        {
            served++;
            var start = 0;
            if (!ignoreRange && request.Headers.TryGetValue("range", out var range))
            {
                start = int.Parse(range["bytes=".Length..].TrimEnd('-'), CultureInfo.InvariantCulture);
            }

            if (start >= Content.Length)
            {
                return new Response(416, "Range Not Satisfiable", []);
            }

            var body = Content[start..];
            var response = start > 0
                ? new Response(206, "Partial Content", body) { Headers = [("Content-Range", $"bytes {start}-{Content.Length - 1}/{Content.Length}")] }
                : new Response(200, "OK", body);
            return served <= cutFirst ? response with { CutAfter = body.Length / 2 } : response;
        };
    }

    private static string Destination() => Path.Combine(Directory.CreateTempSubdirectory("dl").FullName, "models", "m.gguf");

    [Fact]
    public async Task An_interrupted_download_resumes_with_a_range_request_and_verifies()
    {
        using var server = new LoopbackHttpServer(RangeServer(cutFirst: 1));
        using var http = new HttpClient();
        var downloader = new ModelDownloader(http) { RetryDelay = TimeSpan.Zero };
        var destination = Destination();

        var result = await downloader.DownloadAsync(new Uri(server.BaseUri, "m.gguf"), destination, ContentSha);

        File.ReadAllBytes(destination).ShouldBe(Content);
        result.Sha256.ShouldBe(ContentSha);
        File.Exists(destination + ".part").ShouldBeFalse();
        var requests = server.Requests.ToList();
        requests.Count.ShouldBe(2);
        requests[0].Headers.ContainsKey("range").ShouldBeFalse();
        requests[1].Headers["range"].ShouldBe($"bytes={Content.Length / 2}-");
    }

    [Fact]
    public async Task A_part_file_left_by_an_earlier_run_is_resumed()
    {
        using var server = new LoopbackHttpServer(RangeServer());
        using var http = new HttpClient();
        var destination = Destination();
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.WriteAllBytes(destination + ".part", Content[..100_000]);

        var result = await new ModelDownloader(http).DownloadAsync(new Uri(server.BaseUri, "m.gguf"), destination, ContentSha.ToUpperInvariant());

        result.ResumedFrom.ShouldBe(100_000);
        File.ReadAllBytes(destination).ShouldBe(Content);
        server.Requests.Single().Headers["range"].ShouldBe("bytes=100000-");
    }

    [Fact]
    public async Task A_server_that_ignores_ranges_restarts_from_zero()
    {
        using var server = new LoopbackHttpServer(RangeServer(ignoreRange: true));
        using var http = new HttpClient();
        var destination = Destination();
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.WriteAllBytes(destination + ".part", RandomNumberGenerator.GetBytes(1000));

        await new ModelDownloader(http).DownloadAsync(new Uri(server.BaseUri, "m.gguf"), destination, ContentSha);

        File.ReadAllBytes(destination).ShouldBe(Content);
    }

    [Fact]
    public async Task A_checksum_mismatch_fails_and_keeps_nothing()
    {
        using var server = new LoopbackHttpServer(RangeServer());
        using var http = new HttpClient();
        var destination = Destination();
        var wrong = new string('0', 64);

        var ex = await Should.ThrowAsync<ModelDownloadException>(() =>
            new ModelDownloader(http).DownloadAsync(new Uri(server.BaseUri, "m.gguf"), destination, wrong));

        ex.Message.ShouldContain("checksum mismatch");
        ex.Message.ShouldContain(wrong);
        ex.Message.ShouldContain(ContentSha);
        File.Exists(destination).ShouldBeFalse();
        File.Exists(destination + ".part").ShouldBeFalse();
    }

    [Fact]
    public async Task An_existing_verified_file_is_not_downloaded_again()
    {
        using var server = new LoopbackHttpServer(RangeServer());
        using var http = new HttpClient();
        var destination = Destination();
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.WriteAllBytes(destination, Content);

        var result = await new ModelDownloader(http).DownloadAsync(new Uri(server.BaseUri, "m.gguf"), destination, ContentSha);

        result.AlreadyPresent.ShouldBeTrue();
        server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_missing_file_on_the_server_fails_with_the_status()
    {
        using var server = new LoopbackHttpServer(_ => new Response(404, "Not Found", []));
        using var http = new HttpClient();
        var ex = await Should.ThrowAsync<ModelDownloadException>(() =>
            new ModelDownloader(http).DownloadAsync(new Uri(server.BaseUri, "nope.gguf"), Destination(), ContentSha));
        ex.Message.ShouldContain("404");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("zz5d8f1f6f1a0c7d2e9b2d4b8e1f2a3c4d5e6f708192a3b4c5d6e7f8091a2b3c")]
    public void A_malformed_sha256_is_refused(string sha)
    {
        Should.Throw<ArgumentException>(() => ModelDownloader.NormalizeSha256(sha)).Message.ShouldContain("SHA-256");
    }
}
