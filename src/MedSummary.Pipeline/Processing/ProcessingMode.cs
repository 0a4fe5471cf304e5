namespace MedSummary.Pipeline.Processing;

/// <summary>How results are being produced right now: rules only, or rules with a language model.</summary>
public sealed record ProcessingMode(string Mode, string? ChatModel, string? EmbeddingModel, string? Note)
{
    public const string RulesOnly = "rules";
    public const string RulesAndLlm = "rules+llm";

    public static ProcessingMode Rules { get; } = new(
        RulesOnly, null, null, "No chat model is configured: values come from the deterministic extractors only.");
}

/// <summary>Tells the pipeline which mode it is in (a chat model configured and loadable, or not).</summary>
public interface IProcessingModeProvider
{
    ProcessingMode Current { get; }
}
