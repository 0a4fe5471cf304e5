using Microsoft.Extensions.Options;

namespace MedSummary.Retrieval.Search;

/// <summary>Settings of <see cref="Retriever"/>; configuration section <c>MedSummary:Retrieval</c>.</summary>
public sealed class RetrieverOptions
{
    public const string SectionName = "MedSummary:Retrieval";

    /// <summary>How many chunk texts go to the embedder in one call. Default 64.</summary>
    public int EmbeddingBatchSize { get; set; } = 64;

    /// <summary>The problems with these settings, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate() =>
        EmbeddingBatchSize is < 1 or > 4096
            ? [$"{SectionName}:{nameof(EmbeddingBatchSize)} must be between 1 and 4096 (got {EmbeddingBatchSize})."]
            : [];
}

/// <summary>Start-up validation of <see cref="RetrieverOptions"/>.</summary>
internal sealed class RetrieverOptionsValidator : IValidateOptions<RetrieverOptions>
{
    public ValidateOptionsResult Validate(string? name, RetrieverOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
