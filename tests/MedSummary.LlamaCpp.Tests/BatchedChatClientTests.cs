using System.Text.Json;
using MedSummary.LlamaCpp.Chat;
using MedSummary.LlamaCpp.Models;
using MedSummary.LlamaCpp.StructuredOutput;
using Microsoft.Extensions.AI;
using Shouldly;
using Xunit;

namespace MedSummary.LlamaCpp.Tests;

/// <summary>
/// The same behaviour with concurrent requests decoded as parallel sequences of one context, and what batching adds:
/// one shared prefix decoded once, per-sequence grammars, limits, stops, cancellation and failures.
/// Batched and sequential logits may differ in their last bits on a CPU, so these tests assert structure and
/// counters, never token-identical text between the two modes.
/// </summary>
public sealed class BatchedChatClientTests : ChatClientTests
{
    private const int Parallel = 4;

    private static readonly string Context = string.Join(' ', Enumerable.Repeat(
        "Compte rendu de biopsie: carcinome canalaire infiltrant du sein gauche, grade 2, récepteurs aux oestrogènes positifs, HER2 négatif.", 6));

    private static readonly JsonElement Schema = JsonDocument.Parse("""
        {
          "type": "object",
          "properties": {
            "grade": { "type": ["integer", "null"] },
            "quote": { "type": "string", "maxLength": 20 }
          },
          "required": ["grade", "quote"],
          "additionalProperties": false
        }
        """).RootElement;

    protected override LlamaChatClientOptions Options(int contextSize = 1024) => Batched(contextSize);

    protected override LlamaChatClientOptions ConcurrentOptions() => Batched(1024);

    protected override bool ConcurrentIsBitExact => false;

    // A generous gather window: requests issued together then always start in one batch, whatever the machine's load.
    private static LlamaChatClientOptions Batched(int contextSize, int gatherMilliseconds = 1000)
    {
        var options = TestModels.ChatOptions(contextSize: contextSize);
        options.MaxParallelSequences = Parallel;
        options.BatchGatherMilliseconds = gatherMilliseconds;
        return options;
    }

    private static List<ChatMessage> Ask(string question) =>
    [
        new(ChatRole.System, "Tu extrais des valeurs du document. Document: " + Context),
        new(ChatRole.User, question),
    ];

    private static readonly string[] Questions = ["Quel grade ?", "Statut HER2 ?", "Taille tumorale ?", "Latéralité ?"];

    [Fact]
    public async Task Concurrent_structured_requests_are_decoded_in_one_batch_and_each_follows_its_schema()
    {
        // Room for every prompt and answer at once: a request that does not fit beside the live ones waits its turn.
        using var client = new LlamaChatClient(Options(contextSize: 4096));
        var format = ChatResponseFormat.ForJsonSchema(Schema, "answer");
        var responses = await Task.WhenAll(Questions.Select((q, i) =>
            client.GetResponseAsync(Ask(q), new ChatOptions { ResponseFormat = format, Temperature = 1, Seed = 10 + i, MaxOutputTokens = 200 })));

        foreach (var response in responses)
        {
            response.FinishReason.ShouldBe(ChatFinishReason.Stop);
            using var doc = JsonDocument.Parse(response.Text);
            JsonSchemaValidator.Validate(Schema, doc.RootElement).ShouldBeEmpty(response.Text);
        }

        var (steps, batched, peak) = client.BatchStatistics;
        peak.ShouldBe(Parallel);
        batched.ShouldBeGreaterThan(0);
        steps.ShouldBeGreaterThanOrEqualTo(batched);
    }

    [Fact]
    public async Task A_prefix_shared_by_concurrent_requests_is_decoded_once()
    {
        using var client = new LlamaChatClient(Options(contextSize: 4096));
        var prompts = Questions.Select(q => Tokens(client, Ask(q))).ToList();
        var common = prompts.Skip(1).Min(p => CommonPrefix(prompts[0], p));
        common.ShouldBeGreaterThan(100);

        var responses = await Task.WhenAll(Questions.Select(q => client.GetResponseAsync(Ask(q), new ChatOptions { MaxOutputTokens = 6, Temperature = 0 })));

        responses.Select(r => r.Usage!.InputTokenCount!.Value).ShouldBe(prompts.Select(p => (long)p.Length));
        var total = prompts.Sum(p => p.Length);

        // The shared prefix is decoded by the first request only; the others copy it in the KV cache.
        client.DecodedPromptTokens.ShouldBeLessThanOrEqualTo(total - ((Parallel - 1) * common));
        client.DecodedPromptTokens.ShouldBeGreaterThanOrEqualTo(prompts.Max(p => p.Length));
        client.ReusedPromptTokens.ShouldBeGreaterThanOrEqualTo((Parallel - 1) * common);
        client.DecodedPromptTokens.ShouldBe(total - responses.Sum(r => r.Usage!.CachedInputTokenCount!.Value));
        client.BatchStatistics.PeakSequences.ShouldBe(Parallel);
    }

    [Fact]
    public async Task Each_sequence_keeps_its_own_token_limit_and_stop_sequences()
    {
        using var client = new LlamaChatClient(Options(contextSize: 4096));
        int[] limits = [5, 12, 30];
        var limited = limits.Select((max, i) => client.GetResponseAsync(Ask(Questions[i]), new ChatOptions { MaxOutputTokens = max, Temperature = 1, Seed = 3 }));
        var stopped = client.GetResponseAsync(Ask(Questions[3]), new ChatOptions { MaxOutputTokens = 200, Temperature = 1, Seed = 3, StopSequences = ["e", "a"] });
        var responses = await Task.WhenAll([.. limited, stopped]);

        for (var i = 0; i < limits.Length; i++)
        {
            responses[i].FinishReason.ShouldBe(ChatFinishReason.Length);
            responses[i].Usage!.OutputTokenCount.ShouldBe(limits[i]);
        }

        var stop = responses[3];
        stop.FinishReason.ShouldBe(ChatFinishReason.Stop);
        stop.Text.ShouldNotContain("e");
        stop.Text.ShouldNotContain("a");
        stop.Usage!.OutputTokenCount!.Value.ShouldBeLessThan(200);
        client.BatchStatistics.PeakSequences.ShouldBe(Parallel);
    }

    [Fact]
    public async Task Cancelling_one_request_leaves_the_others_to_finish()
    {
        using var client = new LlamaChatClient(Options(contextSize: 4096));
        using var cts = new CancellationTokenSource();
        var others = Questions.Skip(1).Select(q => client.GetResponseAsync(Ask(q), new ChatOptions { MaxOutputTokens = 40, Temperature = 1, Seed = 7 })).ToList();
        var received = 0;
        var cancelled = Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Ask(Questions[0]), new ChatOptions { MaxOutputTokens = 600, Temperature = 0 }, cts.Token))
            {
                if (++received == 2)
                {
                    await cts.CancelAsync();
                }
            }
        });

        await cancelled;
        var responses = await Task.WhenAll(others);
        responses.ShouldAllBe(r => r.FinishReason == ChatFinishReason.Length && r.Usage!.OutputTokenCount == 40);
        client.BatchStatistics.PeakSequences.ShouldBe(Parallel);

        // The cancelled sequence's slot is free again.
        (await client.GetResponseAsync(Ask("x"), new ChatOptions { MaxOutputTokens = 2 })).Usage!.OutputTokenCount.ShouldBe(2);
    }

    [Fact]
    public async Task A_failing_request_fails_alone()
    {
        using var client = new LlamaChatClient(Options(contextSize: 4096));
        var tooLong = client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, string.Join(' ', Enumerable.Repeat(Context, 12)))], new ChatOptions { MaxOutputTokens = 4 });
        var cutShort = client.GetResponseAsync(
            Ask(Questions[1]), new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema, "answer"), MaxOutputTokens = 3, Temperature = 0 });
        var fine = Questions.Skip(2).Select(q => client.GetResponseAsync(Ask(q), new ChatOptions { MaxOutputTokens = 16, Temperature = 1, Seed = 1 })).ToList();

        await Should.ThrowAsync<LlamaContextFullException>(() => tooLong);
        await Should.ThrowAsync<LlamaStructuredOutputException>(() => cutShort);
        foreach (var response in await Task.WhenAll(fine))
        {
            response.Usage!.OutputTokenCount.ShouldBe(16);
            response.Text.ShouldNotBeNullOrEmpty();
        }
    }

    [Fact]
    public void Parallel_sequences_with_several_contexts_are_refused_naming_the_settings()
    {
        var options = Batched(1024);
        options.MaxConcurrency = 2;
        Should.Throw<ArgumentException>(() => new LlamaChatClient(options)).Message.ShouldContain("MaxParallelSequences");

        var zero = Batched(1024);
        zero.MaxParallelSequences = 0;
        zero.BatchGatherMilliseconds = -1;
        var ex = Should.Throw<ArgumentException>(() => new LlamaChatClient(zero));
        ex.Message.ShouldContain("MaxParallelSequences");
        ex.Message.ShouldContain("BatchGatherMilliseconds");
    }

    private static int[] Tokens(LlamaChatClient client, IEnumerable<ChatMessage> messages)
    {
        var rendered = client.Model.ApplyChatTemplate([.. messages.Select(m => new KeyValuePair<string, string>(m.Role.Value, m.Text))], true);
        var tokens = client.Model.Tokenize(rendered, addSpecial: true, parseSpecial: true);
        return tokens.Length > 1 && tokens[0] == tokens[1] && tokens[0] == client.Model.BosToken ? tokens[1..] : tokens;
    }

    private static int CommonPrefix(int[] a, int[] b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return i;
    }
}
