using System.CommandLine;
using System.Net;
using System.Security.Cryptography;
using MedSummary.Cli.Commands;
using MedSummary.Testing.Gguf;
using Microsoft.Extensions.Configuration;
using Shouldly;
using Xunit;

namespace MedSummary.Cli.Tests;

public class ModelsCommandTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(IConfiguration configuration, string[] args, Func<HttpClient>? http = null)
    {
        var command = ModelsCommand.Create(configuration, http);
        var root = new RootCommand { command };
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private static IConfiguration Config(string modelsDir, string? chatModel = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MedSummary:AI:ModelsDirectory"] = modelsDir,
            ["MedSummary:AI:Chat:Engine"] = chatModel is null ? "none" : "llamacpp",
            ["MedSummary:AI:Chat:ModelPath"] = chatModel,
        }).Build();

    [Fact]
    public async Task List_shows_each_model_from_its_gguf_header()
    {
        var dir = Directory.CreateTempSubdirectory("models").FullName;
        SyntheticGgufModels.WriteChatModel(Path.Combine(dir, "tiny-chat.gguf"), new SyntheticChatModelSpec());

        var (code, output, _) = await RunAsync(Config(dir, "tiny-chat.gguf"), ["models", "list"]);

        code.ShouldBe(0);
        var line = output.Split('\n').Single(l => l.StartsWith("tiny-chat.gguf", StringComparison.Ordinal));
        line.ShouldContain("chat");
        line.ShouldContain("llama");
        line.ShouldContain("2048");
        line.ShouldContain("F32");
    }

    [Fact]
    public async Task List_reports_a_missing_configured_model_and_fails()
    {
        var dir = Directory.CreateTempSubdirectory("models").FullName;
        var (code, output, _) = await RunAsync(Config(dir, "absent.gguf"), ["models", "list"]);
        code.ShouldBe(1);
        output.ShouldContain("absent.gguf");
        output.ShouldContain("file not found");
        output.ShouldContain("models/README.md");
    }

    [Fact]
    public async Task Pull_downloads_verifies_and_describes_the_model()
    {
        var source = Path.Combine(Directory.CreateTempSubdirectory("src").FullName, "m.gguf");
        SyntheticGgufModels.WriteEmbedder(source, new SyntheticEmbedderSpec());
        var bytes = await File.ReadAllBytesAsync(source);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var dir = Directory.CreateTempSubdirectory("models").FullName;
        HttpClient Http() => new(new StaticHandler(bytes));

        var (code, output, error) = await RunAsync(Config(dir), ["models", "pull", "http://127.0.0.1:9/files/m.gguf", "--sha256", sha, "--name", "bert.gguf"], Http);

        error.ShouldBeEmpty();
        code.ShouldBe(0);
        (await File.ReadAllBytesAsync(Path.Combine(dir, "bert.gguf"))).ShouldBe(bytes);
        output.ShouldContain("sha256 verified");
        output.ShouldContain("bert, context 512");

        var (badCode, _, badError) = await RunAsync(Config(dir), ["models", "pull", "http://127.0.0.1:9/files/m.gguf", "--sha256", new string('a', 64), "--name", "other.gguf"], Http);
        badCode.ShouldBe(1);
        badError.ShouldContain("checksum mismatch");
        File.Exists(Path.Combine(dir, "other.gguf")).ShouldBeFalse();
    }

    [Fact]
    public async Task Pull_refuses_a_malformed_hash()
    {
        var (code, _, error) = await RunAsync(Config(Path.GetTempPath()), ["models", "pull", "http://127.0.0.1:9/m.gguf", "--sha256", "1234"]);
        code.ShouldBe(2);
        error.ShouldContain("SHA-256");
    }

    /// <summary>Answers every request with the same bytes (no network).</summary>
    private sealed class StaticHandler(byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) });
    }
}
