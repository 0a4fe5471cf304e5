using System.Text.Json;
using MedSummary.Core.Contract;

namespace MedSummary.Evaluation.Metrics;

/// <summary>
/// Counters a result may report about its own production: model tokens and summary sentences dropped by
/// verification. Null when the result does not report them (rules only, or a pipeline that predates them).
/// </summary>
public sealed record ProcessingCounters(long? PromptTokens, long? GeneratedTokens, int? SentencesDropped)
{
    public static ProcessingCounters None { get; } = new(null, null, null);

    private static readonly string[] PromptNames = ["promptTokens", "inputTokens", "promptTokenCount", "inputTokenCount"];
    private static readonly string[] GeneratedNames = ["generatedTokens", "completionTokens", "outputTokens", "generatedTokenCount", "outputTokenCount"];
    private static readonly string[] DroppedNames = ["sentencesDropped", "summarySentencesDropped", "droppedSentences"];

    /// <summary>
    /// Reads the counters from <see cref="ProcessingInfo"/> as its JSON shows them, at the top level or in a nested
    /// object (a "usage" or "verification" block): the contract does not carry them yet, and reading the JSON lets a
    /// later extension of the contract be counted without a change here. Only whole non-negative numbers count.
    /// </summary>
    public static ProcessingCounters Read(ProcessingInfo? processing)
    {
        if (processing is null)
        {
            return None;
        }

        return Read(JsonSerializer.SerializeToElement(processing, ContractJson.Options));
    }

    /// <summary>Reads the counters from the JSON of a processing block (as written in a result file).</summary>
    public static ProcessingCounters Read(JsonElement processing) =>
        new(Find(processing, PromptNames), Find(processing, GeneratedNames), Find(processing, DroppedNames) is { } d ? (int)Math.Min(d, int.MaxValue) : null);

    private static long? Find(JsonElement element, string[] names)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (names.Contains(property.Name, StringComparer.OrdinalIgnoreCase)
                && property.Value.ValueKind == JsonValueKind.Number
                && property.Value.TryGetInt64(out var value)
                && value >= 0)
            {
                return value;
            }
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object && Find(property.Value, names) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }
}
