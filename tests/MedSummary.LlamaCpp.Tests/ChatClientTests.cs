using MedSummary.LlamaCpp.Chat;
using MedSummary.LlamaCpp.Models;
using Microsoft.Extensions.AI;
using Shouldly;
using Xunit;

namespace MedSummary.LlamaCpp.Tests;

/// <summary>The chat client's behaviour, run once per engine mode (one request per context here; see <see cref="BatchedChatClientTests"/>).</summary>
public class ChatClientTests
{
    /// <summary>The client options of this mode.</summary>
    protected virtual LlamaChatClientOptions Options(int contextSize = 1024) => TestModels.ChatOptions(contextSize: contextSize);

    /// <summary>Options serving several requests at once.</summary>
    protected virtual LlamaChatClientOptions ConcurrentOptions() => TestModels.ChatOptions(maxConcurrency: 2);

    /// <summary>
    /// Whether concurrent requests give bit-identical text to sequential ones: true when each has its own context;
    /// decoded in one batch, CPU kernels sum in another order and logits may differ in their last bits.
    /// </summary>
    protected virtual bool ConcurrentIsBitExact => true;

    private static readonly string Context = string.Join(' ', Enumerable.Repeat(
        "Compte rendu de biopsie: carcinome canalaire infiltrant du sein gauche, grade 2, récepteurs aux oestrogènes positifs, HER2 négatif.", 6));

    private static List<ChatMessage> Ask(string question) =>
    [
        new(ChatRole.System, "Tu extrais des valeurs du document. Document: " + Context),
        new(ChatRole.User, question),
    ];

    [Fact]
    public async Task Generates_exactly_the_requested_number_of_tokens()
    {
        using var client = new LlamaChatClient(Options());
        var response = await client.GetResponseAsync(Ask("Quel grade ?"), new ChatOptions { MaxOutputTokens = 24, Temperature = 0 });

        response.FinishReason.ShouldBe(ChatFinishReason.Length);
        response.Usage!.OutputTokenCount.ShouldBe(24);
        response.Text.ShouldNotBeNullOrEmpty();
        client.Model.Tokenize(response.Text).Length.ShouldBeGreaterThan(0);
        response.ModelId.ShouldBe(client.ModelId);
    }

    [Fact]
    public async Task Usage_counts_the_templated_prompt()
    {
        using var client = new LlamaChatClient(Options());
        var messages = Ask("Quel grade ?");
        var response = await client.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = 4 });

        var rendered = client.Model.ApplyChatTemplate(messages.Select(m => new KeyValuePair<string, string>(m.Role.Value, m.Text)).ToList(), true);
        var expected = client.Model.Tokenize(rendered, addSpecial: true, parseSpecial: true).Length;
        response.Usage!.InputTokenCount.ShouldBe(expected);
        response.Usage.TotalTokenCount.ShouldBe(expected + 4);
        response.Usage.CachedInputTokenCount.ShouldBe(0);
    }

    [Fact]
    public async Task Same_seed_gives_same_text_and_different_seeds_differ()
    {
        using var client = new LlamaChatClient(Options());
        async Task<string> Run(long seed) => (await client.GetResponseAsync(Ask("Résume."), new ChatOptions { MaxOutputTokens = 32, Temperature = 1, Seed = seed })).Text;

        var a = await Run(7);
        var b = await Run(7);
        var c = await Run(8);
        a.ShouldBe(b);
        c.ShouldNotBe(a);
    }

    [Fact]
    public async Task Streaming_yields_the_same_text_as_non_streaming()
    {
        using var client = new LlamaChatClient(Options());
        foreach (var seed in new long[] { 1, 2, 3 })
        {
            var options = new ChatOptions { MaxOutputTokens = 40, Temperature = 0.9f, Seed = seed };
            var whole = await client.GetResponseAsync(Ask("Quel stade ?"), options);

            var parts = new List<string>();
            ChatFinishReason? finish = null;
            UsageDetails? usage = null;
            await foreach (var update in client.GetStreamingResponseAsync(Ask("Quel stade ?"), options))
            {
                parts.Add(update.Text);
                finish ??= update.FinishReason;
                usage ??= update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details;
            }

            string.Concat(parts).ShouldBe(whole.Text);
            parts.Count(p => p.Length > 0).ShouldBeGreaterThan(1);
            finish.ShouldBe(whole.FinishReason);
            usage!.OutputTokenCount.ShouldBe(whole.Usage!.OutputTokenCount);

            var collected = await client.GetStreamingResponseAsync(Ask("Quel stade ?"), options).ToChatResponseAsync();
            collected.Text.ShouldBe(whole.Text);
        }
    }

    [Fact]
    public async Task Stop_sequences_end_the_answer_before_the_sequence()
    {
        using var client = new LlamaChatClient(Options());
        var free = await client.GetResponseAsync(Ask("Quel stade ?"), new ChatOptions { MaxOutputTokens = 60, Temperature = 0 });
        free.Text.Length.ShouldBeGreaterThan(12);

        // A stop sequence taken from the middle of the free answer must cut it right there.
        var stop = free.Text.Substring(8, 3);
        var cut = free.Text.IndexOf(stop, StringComparison.Ordinal);
        var options = new ChatOptions { MaxOutputTokens = 60, Temperature = 0, StopSequences = [stop] };
        var stopped = await client.GetResponseAsync(Ask("Quel stade ?"), options);
        stopped.Text.ShouldBe(free.Text[..cut]);
        stopped.FinishReason.ShouldBe(ChatFinishReason.Stop);

        var streamed = string.Concat(await client.GetStreamingResponseAsync(Ask("Quel stade ?"), options).Select(u => u.Text).ToListAsync());
        streamed.ShouldBe(stopped.Text);
    }

    [Fact]
    public async Task A_cancelled_token_stops_before_work_and_frees_the_context()
    {
        using var client = new LlamaChatClient(Options());
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => client.GetResponseAsync(Ask("x"), new ChatOptions { MaxOutputTokens = 8 }, cts.Token));

        // The only context is free again.
        (await client.GetResponseAsync(Ask("x"), new ChatOptions { MaxOutputTokens = 2 })).Usage!.OutputTokenCount.ShouldBe(2);
    }

    [Fact]
    public async Task Cancelling_a_stream_stops_generation_long_before_its_end()
    {
        using var client = new LlamaChatClient(Options(contextSize: 2048));
        const int max = 1500;
        using var cts = new CancellationTokenSource();
        var received = 0;
        await Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Ask("Résume."), new ChatOptions { MaxOutputTokens = max, Temperature = 0 }, cts.Token))
            {
                received++;
                if (received == 3)
                {
                    await cts.CancelAsync();
                }
            }
        });

        received.ShouldBe(3);
        client.GeneratedTokens.ShouldBeLessThan(max / 2);
        (await client.GetResponseAsync(Ask("x"), new ChatOptions { MaxOutputTokens = 2 })).Usage!.OutputTokenCount.ShouldBe(2);
    }

    [Fact]
    public async Task A_consumer_that_stops_reading_early_releases_the_context()
    {
        using var client = new LlamaChatClient(Options());
        await foreach (var update in client.GetStreamingResponseAsync(Ask("Résume."), new ChatOptions { MaxOutputTokens = 500 }))
        {
            break;
        }

        (await client.GetResponseAsync(Ask("x"), new ChatOptions { MaxOutputTokens = 2 })).Usage!.OutputTokenCount.ShouldBe(2);
    }

    [Fact]
    public async Task Prefix_reuse_decodes_only_the_new_suffix_and_gives_the_cold_output()
    {
        var options = new ChatOptions { MaxOutputTokens = 24, Temperature = 0.8f, Seed = 5 };
        using var warm = new LlamaChatClient(Options());
        var first = await warm.GetResponseAsync(Ask("Quel est le grade ?"), options);
        var second = await warm.GetResponseAsync(Ask("Quel est le statut HER2 ?"), options);

        using var cold = new LlamaChatClient(Options());
        var reference = await cold.GetResponseAsync(Ask("Quel est le statut HER2 ?"), options);

        reference.Usage!.CachedInputTokenCount.ShouldBe(0);
        second.Usage!.CachedInputTokenCount!.Value.ShouldBeGreaterThan(second.Usage.InputTokenCount!.Value / 2);
        second.Text.ShouldBe(reference.Text);
        first.Text.ShouldNotBeNullOrEmpty();
        warm.ReusedPromptTokens.ShouldBe(second.Usage.CachedInputTokenCount.Value);

        // Asking the exact same question again reuses all but the last prompt token and still matches.
        var again = await warm.GetResponseAsync(Ask("Quel est le statut HER2 ?"), options);
        again.Usage!.CachedInputTokenCount.ShouldBe(again.Usage.InputTokenCount - 1);
        again.Text.ShouldBe(reference.Text);
    }

    [Fact]
    public async Task Concurrent_requests_do_not_corrupt_each_other()
    {
        var questions = Enumerable.Range(0, 6).Select(i => ($"Question {i} : quel examen ?", (long)(100 + i))).ToList();
        using var sequential = new LlamaChatClient(Options());
        var expected = new List<string>();
        foreach (var (q, seed) in questions)
        {
            expected.Add((await sequential.GetResponseAsync(Ask(q), new ChatOptions { MaxOutputTokens = 20, Temperature = 1, Seed = seed })).Text);
        }

        using var parallel = new LlamaChatClient(ConcurrentOptions());
        var tasks = questions.Select(x => Task.Run(() => parallel.GetResponseAsync(Ask(x.Item1), new ChatOptions { MaxOutputTokens = 20, Temperature = 1, Seed = x.Item2 })));
        var actual = await Task.WhenAll(tasks);

        if (ConcurrentIsBitExact)
        {
            actual.Select(r => r.Text).ShouldBe(expected);
        }
        else
        {
            actual.Select(r => r.Usage!.OutputTokenCount).ShouldAllBe(n => n > 0 && n <= 20);
            actual.ShouldAllBe(r => r.Text.Length > 0);
        }
    }

    [Fact]
    public async Task A_prompt_longer_than_the_context_fails_clearly()
    {
        using var client = new LlamaChatClient(Options(contextSize: 128));
        var ex = await Should.ThrowAsync<LlamaContextFullException>(() => client.GetResponseAsync(Ask("Quel grade ?")));
        ex.Message.ShouldContain("context");
    }

    [Fact]
    public void Invalid_options_are_refused_naming_the_setting()
    {
        var ex = Should.Throw<ArgumentException>(() => new LlamaChatClient(new LlamaChatClientOptions { ModelPath = TestModels.ChatModelPath, MaxConcurrency = 0, DefaultTopP = 2 }));
        ex.Message.ShouldContain("MaxConcurrency");
        ex.Message.ShouldContain("DefaultTopP");
    }

    [Fact]
    public void Metadata_is_exposed_through_GetService()
    {
        using var client = new LlamaChatClient(Options());
        var metadata = client.GetService<ChatClientMetadata>();
        metadata!.ProviderName.ShouldBe("llama.cpp");
        client.GetService<LlamaModel>().ShouldBeSameAs(client.Model);
    }
}
