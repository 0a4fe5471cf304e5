using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MedSummary.Bench.Checks;

/// <summary>One adapter defect looked for: whether it showed, and what was seen.</summary>
public sealed record CheckResult(string Check, bool Reproduced, string Detail);

/// <summary>
/// The Microsoft.Extensions.AI calls MedSummary relies on, checked against any engine's adapters. Compiled into both
/// MedSummary.Bench (run on our binding) and MedSummary.Bench.Alternatives (run on LLamaSharp, in its own process),
/// so that both engines face the same checks; each reports what it saw rather than asserting it.
/// </summary>
public static class AdapterChecks
{
    public const string JsonSchemaDropped = "IChatClient drops the JSON-schema response format";
    public const string StopSequencesDropped = "IChatClient drops stop sequences";
    public const string UsageMissing = "IChatClient reports no token usage";
    public const string EmbedderDisposed = "IEmbeddingGenerator throws ObjectDisposedException on every call";
    public const string InvalidGrammarCrashes = "an invalid grammar crashes the process";

    private static readonly List<ChatMessage> Messages =
    [
        new(ChatRole.System, "Réponds en JSON."),
        new(ChatRole.User, "Extrais la valeur du champ HER2 du compte rendu: HER2 négatif (score 1+)."),
    ];

    public static async Task<List<CheckResult>> ChatClientAsync(IChatClient client, CancellationToken cancellationToken)
    {
        var results = new List<CheckResult>();

        // A random-weight model writes JSON only when the response format is enforced by the sampler (a grammar
        // compiled from the schema), so output that does not parse means the format never reached it.
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"value":{"type":"string","maxLength":12}},"required":["value"],"additionalProperties":false}""").RootElement;
        // Room for the longest answer the schema allows even when every character is a token of its own.
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "field"), MaxOutputTokens = 96, Temperature = 0 };
        var formatted = await DescribeAsync(async () => (await client.GetResponseAsync(Messages, options, cancellationToken)).Text);
        var json = ParsesAsObjectWithValue(formatted);
        results.Add(new(JsonSchemaDropped, !json, $"output {(json ? "is" : "is not")} a JSON object with \"value\": {Shorten(formatted)}"));

        // Stop sequences: take a piece of the unconstrained greedy output and ask the client to stop at it.
        var plain = await client.GetResponseAsync(Messages, new ChatOptions { MaxOutputTokens = 24, Temperature = 0 }, cancellationToken);
        if (PickStop(plain.Text) is not { } stop)
        {
            results.Add(new(StopSequencesDropped, false, $"not measurable: greedy output too short to pick a stop sequence from ({Shorten(plain.Text)})"));
        }
        else
        {
            var stopped = await client.GetResponseAsync(Messages, new ChatOptions { MaxOutputTokens = 24, Temperature = 0, StopSequences = [stop] }, cancellationToken);
            var ignored = stopped.Text.Contains(stop, StringComparison.Ordinal);
            results.Add(new(StopSequencesDropped, ignored, $"stop \"{stop}\" taken from the greedy output {Shorten(plain.Text)}; with it: {Shorten(stopped.Text)}"));
        }

        var usage = plain.Usage;
        var noUsage = usage?.InputTokenCount is null || usage.OutputTokenCount is null;
        results.Add(new(UsageMissing, noUsage,
            usage is null ? "ChatResponse.Usage is null" : $"input {usage.InputTokenCount?.ToString() ?? "null"} tokens, output {usage.OutputTokenCount?.ToString() ?? "null"}"));
        return results;
    }

    public static async Task<CheckResult> EmbeddingGeneratorAsync(IEmbeddingGenerator<string, Embedding<float>> generator, string? note, CancellationToken cancellationToken)
    {
        var outcomes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            outcomes.Add(await DescribeAsync(async () => (await generator.GenerateAsync([$"compte rendu {i}"], cancellationToken: cancellationToken))[0].Vector.Length + " dimensions"));
        }

        var disposedEveryCall = outcomes.All(o => o.StartsWith(nameof(ObjectDisposedException), StringComparison.Ordinal));
        return new(EmbedderDisposed, disposedEveryCall, $"{note}GenerateAsync x3: {string.Join(" | ", outcomes)}");
    }

    /// <summary>The outcome of <paramref name="action"/> in one line: its result, or the exception's type and message.</summary>
    public static async Task<string> DescribeAsync(Func<Task<string>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {Shorten(e.Message)}";
        }
    }

    public static string Shorten(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return "\"" + (oneLine.Length <= 80 ? oneLine : oneLine[..80] + "…") + "\"";
    }

    private static bool ParsesAsObjectWithValue(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("value", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? PickStop(string text)
    {
        // A short piece a third of the way in, away from whitespace, so that it can only match where the model wrote it.
        for (var i = text.Length / 3; i + 2 <= text.Length; i++)
        {
            var piece = text.Substring(i, 2);
            if (!piece.Any(char.IsWhiteSpace))
            {
                return piece;
            }
        }

        return null;
    }
}
