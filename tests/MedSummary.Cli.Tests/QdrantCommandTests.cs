using System.Text.Json;
using MedSummary.Samples;
using MedSummary.Testing.Qdrant;
using Shouldly;
using Xunit;

namespace MedSummary.Cli.Tests;

/// <summary>
/// `medsummary reindex --from embedded --to qdrant` and `medsummary search` with the Qdrant store, end to end: the
/// real command line, its configuration file and the official Qdrant.Client over gRPC to the in-process Qdrant
/// test server on loopback.
/// </summary>
public sealed class QdrantCommandTests
{
    private const string ApiKey = "cli-key";

    private static readonly GeneratedDossier Lung = SampleDossierGenerator.Generate(new SampleSpec
    {
        Name = "lung-qdrant",
        Cancer = CancerType.Lung,
        Language = DossierLanguage.English,
        Seed = 23,
        Size = DossierSize.Small,
    });

    [Fact]
    public async Task Reindex_copies_the_embedded_index_into_qdrant_and_search_there_finds_the_same_passages()
    {
        await using var qdrant = await QdrantTestServer.StartAsync(apiKey: ApiKey);
        using var cli = new CliRun();
        Lung.WriteTo(cli.Folder);
        var (indexed, _, indexError) = await cli.RunAsync("summarize", Path.Combine(cli.Folder, Lung.Name), "--out", cli.PathOf("out"), "-q");
        indexed.ShouldBe(0, indexError);
        WriteConfig(cli, provider: null, qdrant.Url);

        var (code, output, error) = await cli.RunAsync("reindex", "--from", "embedded", "--to", "qdrant", "-q");

        code.ShouldBe(0, error);
        error.ShouldBeEmpty();
        var copied = int.Parse(output.Split('\n')[0].Split('\t')[1], System.Globalization.CultureInfo.InvariantCulture);
        output.ShouldStartWith($"local\t{copied}");
        output.ShouldContain($"Re-indexed {copied} chunks from embedded into qdrant");
        copied.ShouldBeGreaterThan(0);
        qdrant.Data.PointCount("medsummary_chunks").ShouldBe(copied);
        qdrant.Calls.ShouldAllBe(c => c.ApiKey == ApiKey);

        foreach (var mode in new[] { "hybrid", "lexical", "dense" })
        {
            WriteConfig(cli, provider: null, qdrant.Url);
            var (embeddedCode, embedded, embeddedError) = await cli.RunAsync("search", "lung adenocarcinoma", "--mode", mode);
            WriteConfig(cli, provider: "qdrant", qdrant.Url);
            var before = qdrant.Calls.Count;
            var (qdrantCode, fromQdrant, qdrantError) = await cli.RunAsync("search", "lung adenocarcinoma", "--mode", mode);

            embeddedCode.ShouldBe(0, embeddedError);
            qdrantCode.ShouldBe(0, qdrantError);
            qdrant.Calls.Skip(before).Select(c => c.Method).ShouldContain(mode == "hybrid" ? "Points/QueryBatch" : "Points/Query");
            var expected = ChunkIds(embedded);
            expected.ShouldNotBeEmpty();
            // Equal scores may come in either order: each store breaks ties its own way.
            ChunkIds(fromQdrant).ShouldBe(expected, ignoreOrder: true);
        }
    }

    [Fact]
    public async Task Search_with_qdrant_unreachable_fails_with_one_line_naming_the_store()
    {
        using var cli = new CliRun();
        WriteConfig(cli, provider: "qdrant", QdrantTestServer.UnreachableUrl(), maxRetries: 0);

        var (code, output, error) = await cli.RunAsync("search", "EGFR");

        code.ShouldBe(3);
        output.ShouldBeEmpty();
        error.TrimEnd().Split('\n').Length.ShouldBe(1);
        error.ShouldStartWith("medsummary: store: Qdrant at http://127.0.0.1:");
        error.ShouldContain("is unreachable");
        error.ShouldNotContain("Exception");
    }

    [Fact]
    public async Task Reindex_into_a_qdrant_that_refuses_the_key_fails_with_one_line()
    {
        await using var qdrant = await QdrantTestServer.StartAsync(apiKey: "another-key");
        using var cli = new CliRun();
        Lung.WriteTo(cli.Folder);
        (await cli.RunAsync("summarize", Path.Combine(cli.Folder, Lung.Name), "--out", cli.PathOf("out"), "-q")).Code.ShouldBe(0);
        WriteConfig(cli, provider: null, qdrant.Url);

        var (code, _, error) = await cli.RunAsync("reindex", "--from", "embedded", "--to", "qdrant", "-q");

        code.ShouldBe(3);
        error.TrimEnd().Split('\n').Length.ShouldBe(1);
        error.ShouldContain("refused the API key");
        qdrant.Data.PointCount("medsummary_chunks").ShouldBeNull();
    }

    private static List<string> ChunkIds(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("passages").EnumerateArray().Select(p => p.GetProperty("chunkId").GetString()!).ToList();
    }

    /// <summary>The configuration file: the test's embedded index, the Qdrant server, and the store provider when given.</summary>
    private static void WriteConfig(CliRun cli, string? provider, string qdrantUrl, int maxRetries = 2)
    {
        var store = new Dictionary<string, object?>
        {
            ["SqlitePath"] = cli.PathOf("chunks.db"),
            ["Qdrant"] = new Dictionary<string, object?>
            {
                ["Url"] = qdrantUrl,
                ["ApiKey"] = ApiKey,
                ["MaxRetries"] = maxRetries,
                ["RetryDelay"] = "00:00:00.010",
            },
        };
        if (provider is not null)
        {
            store["Provider"] = provider;
        }

        File.WriteAllText(cli.ConfigPath, JsonSerializer.Serialize(new { MedSummary = new { Store = store } }));
    }
}
