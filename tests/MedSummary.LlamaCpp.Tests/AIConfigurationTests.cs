using MedSummary.AI.Configuration;
using MedSummary.AI.Models;
using MedSummary.AI.Status;
using MedSummary.LlamaCpp.Chat;
using MedSummary.LlamaCpp.Gguf;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using Xunit;
using static MedSummary.LlamaCpp.Tests.LoopbackHttpServer;

namespace MedSummary.LlamaCpp.Tests;

public class AIConfigurationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddMedSummaryAI(configuration).BuildServiceProvider();
    }

    [Fact]
    public void With_no_engine_configured_there_is_no_chat_client_and_status_says_rules_only()
    {
        using var sp = Build([]);
        sp.GetService<IChatClient>().ShouldBeNull();
        sp.GetKeyedService<IChatClient>(AIRoles.Chat).ShouldBeNull();
        sp.GetService<IEmbeddingGenerator<string, Embedding<float>>>().ShouldBeNull();
        var status = sp.GetRequiredService<IModelStatus>();
        status.ChatAvailable.ShouldBeFalse();
        status.Chat.State.ShouldBe(ModelState.NotConfigured);
        status.Describe().ShouldContain("rules only");
    }

    [Fact]
    public void A_missing_model_file_fails_validation_naming_the_path_and_how_to_get_one()
    {
        var dir = Directory.CreateTempSubdirectory("ai").FullName;
        using var sp = Build(new()
        {
            ["MedSummary:AI:ModelsDirectory"] = dir,
            ["MedSummary:AI:Chat:Engine"] = "llamacpp",
            ["MedSummary:AI:Chat:ModelPath"] = "qwen2.5-1.5b-instruct-q4_k_m.gguf",
        });
        var ex = Should.Throw<OptionsValidationException>(() => sp.GetRequiredService<IOptions<AIOptions>>().Value);
        ex.Message.ShouldContain(Path.Combine(dir, "qwen2.5-1.5b-instruct-q4_k_m.gguf"));
        ex.Message.ShouldContain("MedSummary:AI:Chat:ModelPath");
        ex.Message.ShouldContain("medsummary models pull");
        ex.Message.ShouldContain("models/README.md");
    }

    [Fact]
    public void Bad_engine_names_and_incomplete_server_settings_are_all_reported()
    {
        using var sp = Build(new()
        {
            ["MedSummary:AI:Chat:Engine"] = "gpt-in-the-cloud",
            ["MedSummary:AI:Embeddings:Engine"] = "openai-compatible",
            ["MedSummary:AI:Embeddings:Endpoint"] = "ftp://server/v1",
        });
        var ex = Should.Throw<OptionsValidationException>(() => sp.GetRequiredService<IOptions<AIOptions>>().Value);
        ex.Message.ShouldContain("MedSummary:AI:Chat:Engine 'gpt-in-the-cloud' is not one of: none, llamacpp, openai-compatible");
        ex.Message.ShouldContain("MedSummary:AI:Embeddings:Endpoint");
        ex.Message.ShouldContain("MedSummary:AI:Embeddings:Model");
    }

    [Fact]
    public async Task Llamacpp_roles_resolve_to_working_clients_and_status_follows()
    {
        var dir = Directory.CreateTempSubdirectory("ai").FullName;
        File.Copy(TestModels.ChatModelPath, Path.Combine(dir, "chat.gguf"));
        using var sp = Build(new()
        {
            ["MedSummary:AI:ModelsDirectory"] = dir,
            ["MedSummary:AI:Chat:Engine"] = "LlamaCpp",
            ["MedSummary:AI:Chat:ModelPath"] = "chat.gguf",
            ["MedSummary:AI:Chat:ContextSize"] = "512",
            ["MedSummary:AI:Chat:Threads"] = "1",
            ["MedSummary:AI:Embeddings:Engine"] = "llamacpp",
            ["MedSummary:AI:Embeddings:ModelPath"] = TestModels.EmbedderPath,
            ["MedSummary:AI:Embeddings:Threads"] = "1",
        });
        var status = sp.GetRequiredService<IModelStatus>();
        status.Chat.State.ShouldBe(ModelState.Configured);
        status.ChatAvailable.ShouldBeTrue();

        var chat = sp.GetRequiredService<IChatClient>();
        sp.GetRequiredKeyedService<IChatClient>(AIRoles.Chat).ShouldBeSameAs(chat);
        status.Chat.State.ShouldBe(ModelState.Ready);
        chat.GetService<LlamaChatClient>().ShouldNotBeNull();
        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "Quel stade ?")], new ChatOptions { MaxOutputTokens = 5 });
        response.Usage!.OutputTokenCount.ShouldBe(5);

        var embedder = sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        (await embedder.GenerateAsync(["tumeur"]))[0].Vector.Length.ShouldBe(64);
        status.Embeddings.State.ShouldBe(ModelState.Ready);
    }

    [Fact]
    public void A_file_that_is_not_a_model_marks_the_role_failed_with_the_reason()
    {
        var dir = Directory.CreateTempSubdirectory("ai").FullName;
        File.WriteAllText(Path.Combine(dir, "broken.gguf"), "not a model at all, just text");
        using var sp = Build(new() { ["MedSummary:AI:ModelsDirectory"] = dir, ["MedSummary:AI:Chat:Engine"] = "llamacpp", ["MedSummary:AI:Chat:ModelPath"] = "broken.gguf" });

        Should.Throw<Exception>(() => sp.GetRequiredService<IChatClient>());
        var status = sp.GetRequiredService<IModelStatus>();
        status.Chat.State.ShouldBe(ModelState.Failed);
        status.ChatAvailable.ShouldBeFalse();
        status.Chat.Detail!.ShouldContain("broken.gguf");
        status.Describe().ShouldContain("rules only");
    }

    [Fact]
    public async Task The_openai_compatible_engine_retries_transient_errors_and_maps_the_answer()
    {
        var calls = 0;
        using var server = new LoopbackHttpServer(request =>
        {
            calls++;
            if (request.Path.EndsWith("/embeddings", StringComparison.Ordinal))
            {
                return Response.Json("""{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.6,0.8]}],"model":"e5","usage":{"prompt_tokens":2,"total_tokens":2}}""");
            }

            return calls == 1
                ? Response.Json("""{"error":{"message":"busy"}}""", 503)
                : Response.Json("""{"id":"c1","object":"chat.completion","created":1700000000,"model":"qwen","choices":[{"index":0,"message":{"role":"assistant","content":"{\"grade\":2}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":4,"total_tokens":16}}""");
        });
        using var sp = Build(new()
        {
            ["MedSummary:AI:Chat:Engine"] = "openai-compatible",
            ["MedSummary:AI:Chat:Endpoint"] = new Uri(server.BaseUri, "v1").ToString(),
            ["MedSummary:AI:Chat:Model"] = "qwen",
            ["MedSummary:AI:Chat:RetryDelay"] = "00:00:00.050",
            ["MedSummary:AI:Embeddings:Engine"] = "openai-compatible",
            ["MedSummary:AI:Embeddings:Endpoint"] = new Uri(server.BaseUri, "v1").ToString(),
            ["MedSummary:AI:Embeddings:Model"] = "e5",
        });

        var chat = sp.GetRequiredService<IChatClient>();
        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "grade?")]);
        response.Text.ShouldBe("{\"grade\":2}");
        response.Usage!.InputTokenCount.ShouldBe(12);
        var posts = server.Requests.Where(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal)).ToList();
        posts.Count.ShouldBe(2);
        posts[1].Body.ShouldContain("\"model\":\"qwen\"");

        var embedding = (await sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["x"]))[0];
        embedding.Vector.ToArray().ShouldBe([0.6f, 0.8f]);
        sp.GetRequiredService<IModelStatus>().Describe().ShouldContain("openai-compatible qwen");
    }

    [Fact]
    public void The_catalog_lists_configured_and_present_models_from_their_headers()
    {
        var dir = Directory.CreateTempSubdirectory("ai").FullName;
        File.Copy(TestModels.EmbedderPath, Path.Combine(dir, "bert.gguf"));
        File.WriteAllText(Path.Combine(dir, "junk.gguf"), "junk");
        var options = new AIOptions
        {
            ModelsDirectory = dir,
            Chat = new ChatEngineOptions { Engine = "llamacpp", ModelPath = "missing-chat.gguf" },
        };

        var entries = new ModelCatalog(options).List();

        entries.Select(e => e.FileName).ShouldBe(["missing-chat.gguf", "bert.gguf", "junk.gguf"]);
        entries[0].Role.ShouldBe(AIRoles.Chat);
        entries[0].Exists.ShouldBeFalse();
        entries[1].Architecture.ShouldBe("bert");
        entries[1].ContextLength.ShouldBe(512);
        entries[1].Quantization.ShouldBe("F32");
        entries[1].SizeBytes.ShouldBe(new FileInfo(TestModels.EmbedderPath).Length);
        entries[2].Error!.ShouldContain("not a GGUF file");
    }
}
