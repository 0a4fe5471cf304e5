namespace MedSummary.Pipeline.Processing;

/// <summary>How results are being produced right now: rules only, or rules with a language model.</summary>
public sealed record ProcessingMode(string Mode, string? ChatModel, string? EmbeddingModel, string? Note)
{
    public const string RulesOnly = "rules";
    public const string RulesAndLlm = "rules+llm";

    public static ProcessingMode Rules { get; } = new(
        RulesOnly, null, null, "No chat model is configured: values come from the deterministic extractors only.");

    /// <summary>A chat model is configured but could not be loaded: what ran is the rules, and the note says why.</summary>
    public static ProcessingMode Failed(string? model, string? failure) => new(
        RulesOnly,
        null,
        null,
        $"A chat model{(model is null ? "" : $" ({model})")} is configured but {failure ?? "the chat model could not be loaded"}: "
            + "values come from the deterministic extractors only, and fields that need the model are marked model_failed.")
    {
        ChatModelFailed = true,
    };

    /// <summary>True when a configured chat model could not be loaded.</summary>
    public bool ChatModelFailed { get; init; }
}

/// <summary>
/// Tells the pipeline which mode it is in (a chat model configured and loadable, or not). Read after the analyses ran:
/// a model is loaded on first use, and a load that failed turns the mode back to rules.
/// </summary>
public interface IProcessingModeProvider
{
    ProcessingMode Current { get; }
}
