using System.Text.Json;
using MedSummary.LlamaCpp.Chat;
using MedSummary.LlamaCpp.Models;
using MedSummary.LlamaCpp.StructuredOutput;
using Microsoft.Extensions.AI;
using Shouldly;
using Xunit;

namespace MedSummary.LlamaCpp.Tests;

/// <summary>
/// The grammar's vocabulary search through the prefix tree, on the real llama.cpp grammar and a real BPE vocabulary
/// (cl100k_base, 100k tokens): it must allow exactly the tokens that checking every token allows, so that answers stay
/// schema-valid; and the engine's profile reports the work of every call, cut ones included.
/// </summary>
public class GrammarSearchTests
{
    // Keys, an enum, numbers, a bounded string, an array and a nested object: states that allow a handful of tokens
    // (a key's next letters, a digit, a quote) and states that allow most of the vocabulary (inside a string).
    private const string FormSchema = """
        {
          "type": "object",
          "properties": {
            "laterality": { "type": "string", "enum": ["gauche", "droite", "bilatéral"] },
            "grade": { "type": ["integer", "null"] },
            "size_mm": { "type": "number" },
            "quote": { "type": "string", "maxLength": 20 },
            "sites": { "type": "array", "items": { "type": "string", "maxLength": 6 }, "maxItems": 2 },
            "evidence": { "type": "object", "properties": { "page": { "type": "integer" } }, "required": ["page"], "additionalProperties": false }
          },
          "required": ["laterality", "grade", "size_mm", "quote", "sites", "evidence"],
          "additionalProperties": false
        }
        """;

    private static readonly JsonElement Schema = JsonDocument.Parse(FormSchema).RootElement;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_prefix_tree_search_allows_exactly_the_tokens_checking_every_token_allows(int seed)
    {
        using var model = LlamaModel.Load(TestModels.Cl100kChatModelPath);
        var grammar = JsonSchemaGrammar.Compile(Schema);
        using var sampler = new LlamaSampler(model, new SamplingSettings(1f, 0, 1f, (uint)seed, 0, 0), grammar, new LlamaEngineCounters());
        var random = new Random(seed);
        var logits = new float[model.VocabularySize];
        var restrictive = 0;
        var steps = 0;
        for (; steps < 400; steps++)
        {
            var every = sampler.GrammarAllowedEveryToken(out var everyChecked).ToList();
            var tree = sampler.GrammarAllowed(out var treeChecked).ToList();
            tree.Sort();
            tree.ShouldBe(every, $"step {steps}");
            everyChecked.ShouldBe(model.VocabularySize);
            treeChecked.ShouldBeLessThanOrEqualTo(model.VocabularySize);
            if (every.Count < model.VocabularySize / 100)
            {
                restrictive++;
                treeChecked.ShouldBeLessThan(model.VocabularySize / 4, $"step {steps}: {every.Count} allowed");
            }

            // Random logits walk the grammar through its states; end of generation ends the answer.
            for (var i = 0; i < logits.Length; i++)
            {
                logits[i] = (float)(random.NextDouble() * 10);
            }

            var token = sampler.Sample(logits);

            every.ShouldContain(token);
            if (model.IsEndOfGeneration(token))
            {
                break;
            }
        }

        // The walk went through the narrow states the search is for, and finished the JSON.
        restrictive.ShouldBeGreaterThan(10);
        steps.ShouldBeLessThan(400);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Answers_through_the_search_are_schema_valid_and_the_profile_shows_the_search_ran(int parallel)
    {
        using var client = new LlamaChatClient(new LlamaChatClientOptions
        {
            ModelPath = TestModels.Cl100kChatModelPath,
            ContextSize = 2048,
            Threads = 1,
            MaxParallelSequences = parallel,
        });
        var format = ChatResponseFormat.ForJsonSchema(Schema, "form");
        var answers = await Task.WhenAll(Enumerable.Range(1, 4).Select(seed => client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, "Carcinome du sein gauche, grade 2, 23 mm.")],
            new ChatOptions { ResponseFormat = format, Temperature = seed == 1 ? 0 : 1, Seed = seed, MaxOutputTokens = 400 })));

        foreach (var answer in answers)
        {
            answer.FinishReason.ShouldBe(ChatFinishReason.Stop);
            using var doc = JsonDocument.Parse(answer.Text);
            JsonSchemaValidator.Validate(Schema, doc.RootElement).ShouldBeEmpty(answer.Text);
            doc.RootElement.GetProperty("laterality").GetString().ShouldBeOneOf("gauche", "droite", "bilatéral");
        }

        // Random weights rank the few valid tokens of a key or a number anywhere: the vocabulary search ran, and checked
        // fewer tokens than a pass over the whole vocabulary each time would have.
        var profile = client.Profile;
        profile.VocabularyRuns.ShouldBeGreaterThan(0);
        profile.VocabularyTokensChecked.ShouldBeLessThan(profile.VocabularyRuns * client.Model.VocabularySize);
        profile.Samples.ShouldBe(answers.Sum(a => a.Usage!.OutputTokenCount!.Value) + answers.Length);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    public async Task An_answer_cut_at_the_cap_reports_the_tokens_it_used(int parallel, bool streaming)
    {
        using var client = new LlamaChatClient(new LlamaChatClientOptions
        {
            ModelPath = TestModels.Cl100kChatModelPath,
            ContextSize = 1024,
            Threads = 1,
            MaxParallelSequences = parallel,
        });
        var text = JsonDocument.Parse("""{"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}""").RootElement;
        var messages = new List<ChatMessage> { new(ChatRole.User, "Résumé du dossier : carcinome canalaire infiltrant, grade 2.") };
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(text), Temperature = 0, MaxOutputTokens = 9 };

        var ex = await Should.ThrowAsync<LlamaStructuredOutputException>(async () =>
        {
            if (streaming)
            {
                await foreach (var update in client.GetStreamingResponseAsync(messages, options))
                {
                    _ = update;
                }
            }
            else
            {
                await client.GetResponseAsync(messages, options);
            }
        });

        ex.Usage.ShouldNotBeNull();
        ex.Usage.OutputTokenCount.ShouldBe(9);
        ex.Usage.InputTokenCount!.Value.ShouldBeGreaterThan(10);
        ex.Usage.CachedInputTokenCount.ShouldBe(0);
        client.DecodedPromptTokens.ShouldBe(ex.Usage.InputTokenCount!.Value);
        client.GeneratedTokens.ShouldBe(9);
        var profile = client.Profile;
        profile.PrefillTokens.ShouldBe(ex.Usage.InputTokenCount!.Value);
        profile.Samples.ShouldBe(9);
        profile.DecodeSteps.ShouldBe(8);
        profile.Prefill.ShouldBeGreaterThan(TimeSpan.Zero);
        profile.Decode.ShouldBeGreaterThan(TimeSpan.Zero);
    }
}
