using Microsoft.Extensions.Options;

namespace MedSummary.Retrieval.MiniLM.Embeddings;

/// <summary>Settings of <see cref="MiniLmEmbeddingGenerator"/>; configuration section <c>MedSummary:Embeddings:MiniLM</c>.</summary>
public sealed class MiniLmEmbeddingOptions
{
    public const string SectionName = "MedSummary:Embeddings:MiniLM";

    public const int MaxThreads = 64;

    /// <summary>
    /// ONNX Runtime intra-op threads for one call. Default 0: ONNX Runtime's own choice (one per physical core).
    /// </summary>
    public int Threads { get; set; }

    /// <summary>The problems with these settings, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate() =>
        Threads is < 0 or > MaxThreads
            ? [$"{SectionName}:{nameof(Threads)} must be between 0 (automatic) and {MaxThreads} (got {Threads})."]
            : [];
}

/// <summary>Start-up validation of <see cref="MiniLmEmbeddingOptions"/>.</summary>
internal sealed class MiniLmEmbeddingOptionsValidator : IValidateOptions<MiniLmEmbeddingOptions>
{
    public ValidateOptionsResult Validate(string? name, MiniLmEmbeddingOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
