using System.Text.Json;
using System.Text.Json.Serialization;
using MedSummary.LlamaCpp.Chat;
using MedSummary.LlamaCpp.StructuredOutput;
using Microsoft.Extensions.AI;
using Shouldly;
using Xunit;

namespace MedSummary.LlamaCpp.Tests;

public class StructuredOutputTests
{
    private const string ExtractionSchema = """
        {
          "type": "object",
          "properties": {
            "tumor_type": { "type": "string", "maxLength": 24 },
            "laterality": { "type": "string", "enum": ["gauche", "droite", "bilatéral"] },
            "grade": { "type": ["integer", "null"] },
            "size_mm": { "type": "number" },
            "her2_positive": { "anyOf": [ { "type": "boolean" }, { "type": "null" } ] },
            "sites": { "type": "array", "items": { "type": "string", "maxLength": 12 }, "minItems": 1, "maxItems": 3 },
            "evidence": {
              "type": "object",
              "properties": { "page": { "type": "integer" }, "quote": { "type": "string", "maxLength": 30 } },
              "required": ["page"],
              "additionalProperties": false
            },
            "note": { "type": "string", "maxLength": 10 }
          },
          "required": ["tumor_type", "laterality", "grade", "size_mm", "her2_positive", "sites", "evidence"],
          "additionalProperties": false
        }
        """;

    private static readonly JsonElement Schema = JsonDocument.Parse(ExtractionSchema).RootElement;

    private static List<ChatMessage> Prompt() =>
    [
        new(ChatRole.System, "Extrais en JSON: type de tumeur, latéralité, grade, taille, HER2, sites, preuve."),
        new(ChatRole.User, "Carcinome canalaire du sein gauche, grade 2, 23 mm, HER2 négatif."),
    ];

    [Fact]
    public async Task Schema_constrained_output_parses_and_validates_for_every_seed()
    {
        using var client = new LlamaChatClient(TestModels.ChatOptions());
        var format = ChatResponseFormat.ForJsonSchema(Schema, "extraction");
        for (var seed = 1; seed <= 25; seed++)
        {
            var response = await client.GetResponseAsync(Prompt(), new ChatOptions { ResponseFormat = format, Temperature = 1, Seed = seed, MaxOutputTokens = 600 });

            response.FinishReason.ShouldBe(ChatFinishReason.Stop);
            using var doc = JsonDocument.Parse(response.Text);
            JsonSchemaValidator.Validate(Schema, doc.RootElement).ShouldBeEmpty($"seed {seed}: {response.Text}");

            // Independent of our validator: the things the schema promises, checked directly.
            var root = doc.RootElement;
            root.GetProperty("laterality").GetString().ShouldBeOneOf("gauche", "droite", "bilatéral");
            // maxLength counts code points (a character outside the BMP is one, though two UTF-16 units).
            root.GetProperty("tumor_type").GetString()!.EnumerateRunes().Count().ShouldBeLessThanOrEqualTo(24);
            root.GetProperty("grade").ValueKind.ShouldBeOneOf(JsonValueKind.Number, JsonValueKind.Null);
            if (root.GetProperty("grade").ValueKind == JsonValueKind.Number)
            {
                root.GetProperty("grade").TryGetInt64(out _).ShouldBeTrue();
            }

            root.GetProperty("size_mm").ValueKind.ShouldBe(JsonValueKind.Number);
            root.GetProperty("her2_positive").ValueKind.ShouldBeOneOf(JsonValueKind.True, JsonValueKind.False, JsonValueKind.Null);
            root.GetProperty("sites").GetArrayLength().ShouldBeInRange(1, 3);
            root.GetProperty("evidence").GetProperty("page").ValueKind.ShouldBe(JsonValueKind.Number);
            root.EnumerateObject().Select(p => p.Name).ShouldBeSubsetOf(
                ["tumor_type", "laterality", "grade", "size_mm", "her2_positive", "sites", "evidence", "note"]);
        }
    }

    [Fact]
    public async Task Streaming_structured_output_is_the_same_json()
    {
        using var client = new LlamaChatClient(TestModels.ChatOptions());
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema), Temperature = 1, Seed = 42, MaxOutputTokens = 600 };
        var whole = await client.GetResponseAsync(Prompt(), options);
        var streamed = await client.GetStreamingResponseAsync(Prompt(), options).ToChatResponseAsync();
        streamed.Text.ShouldBe(whole.Text);
        JsonSchemaValidator.Validate(Schema, JsonDocument.Parse(streamed.Text).RootElement).ShouldBeEmpty();
    }

    [Fact]
    public async Task Typed_responses_from_a_dotnet_type_deserialize()
    {
        using var client = new LlamaChatClient(TestModels.ChatOptions());
        for (var seed = 1; seed <= 5; seed++)
        {
            var response = await client.GetResponseAsync<Finding>(Prompt(), new ChatOptions { Temperature = 1, Seed = seed, MaxOutputTokens = 1500 });
            response.TryGetResult(out var finding).ShouldBeTrue(response.Text);
            finding!.Grade.ShouldBeOneOf(Grade.One, Grade.Two, Grade.Three);
        }
    }

    [Fact]
    public async Task A_json_format_without_schema_gives_a_json_object()
    {
        using var client = new LlamaChatClient(TestModels.ChatOptions());
        var response = await client.GetResponseAsync(Prompt(), new ChatOptions { ResponseFormat = ChatResponseFormat.Json, Temperature = 0.2f, Seed = 3, MaxOutputTokens = 2000 });
        JsonDocument.Parse(response.Text).RootElement.ValueKind.ShouldBe(JsonValueKind.Object);
    }

    [Fact]
    public async Task An_answer_that_cannot_finish_within_max_tokens_fails_clearly()
    {
        // No maxLength: a random model wanders inside the string until the guard stops it.
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}""").RootElement;
        using var client = new LlamaChatClient(TestModels.ChatOptions());
        var ex = await Should.ThrowAsync<LlamaStructuredOutputException>(() => client.GetResponseAsync(
            Prompt(), new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema), Temperature = 0, MaxOutputTokens = 12 }));
        ex.Message.ShouldContain("12 tokens");
        ex.Message.ShouldContain("maxLength");
    }

    [Theory]
    [InlineData("""{"type":"string","pattern":"^a+$"}""", "pattern")]
    [InlineData("""{"not":{"type":"string"}}""", "not")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"date"}}}""", "date")]
    [InlineData("""{"$ref":"#/$defs/missing"}""", "does not resolve")]
    [InlineData("""{"type":"object","properties":{},"required":["a"],"additionalProperties":false}""", "")]
    public void Unsupported_schemas_are_refused_with_the_keyword(string schema, string keyword)
    {
        var element = JsonDocument.Parse(schema).RootElement;
        if (keyword.Length == 0)
        {
            // An object that may have no properties yet requires one cannot be generated: accepted as the empty object is impossible.
            Should.NotThrow(() => JsonSchemaGrammar.Compile(element));
            return;
        }

        Should.Throw<NotSupportedException>(() => JsonSchemaGrammar.Compile(element)).Message.ShouldContain(keyword);
    }

    [Fact]
    public async Task Recursive_references_and_optional_only_objects_generate_valid_json()
    {
        var schema = JsonDocument.Parse("""
            {
              "$defs": { "node": { "type": "object", "properties": {
                  "name": { "type": "string", "maxLength": 6 },
                  "children": { "type": "array", "items": { "$ref": "#/$defs/node" }, "maxItems": 2 } },
                "additionalProperties": false } },
              "$ref": "#/$defs/node"
            }
            """).RootElement;
        using var client = new LlamaChatClient(TestModels.ChatOptions());
        for (var seed = 1; seed <= 8; seed++)
        {
            var response = await client.GetResponseAsync(Prompt(), new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema), Temperature = 1, Seed = seed, MaxOutputTokens = 800 });
            JsonSchemaValidator.Validate(schema, JsonDocument.Parse(response.Text).RootElement).ShouldBeEmpty(response.Text);
        }
    }

    [Fact]
    public void Validator_reports_violations_with_their_path()
    {
        var bad = JsonDocument.Parse("""{"tumor_type":"x","laterality":"haut","grade":2.5,"size_mm":"3","her2_positive":null,"sites":[],"evidence":{"page":1,"extra":0}}""").RootElement;
        var errors = JsonSchemaValidator.Validate(Schema, bad);
        errors.ShouldContain(e => e.StartsWith("$.laterality", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("$.grade", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("$.size_mm", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("$.sites", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("'extra' is not allowed", StringComparison.Ordinal));
    }

    [JsonConverter(typeof(JsonStringEnumConverter<Grade>))]
    public enum Grade
    {
        One,
        Two,
        Three,
    }

    public sealed record Finding(
        [property: System.ComponentModel.DataAnnotations.MaxLength(20)] string Organ,
        Grade Grade,
        bool? Her2Positive,
        int? SizeMm);
}
