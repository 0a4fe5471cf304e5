using Microsoft.Extensions.Options;

namespace MedSummary.Retrieval.Embeddings;

/// <summary>Settings of <see cref="HashedNGramEmbeddingGenerator"/>; configuration section <c>MedSummary:Embeddings:Hashed</c>.</summary>
public sealed class HashedNGramEmbeddingOptions
{
    public const string SectionName = "MedSummary:Embeddings:Hashed";

    public const int MinDimension = 16;
    public const int MaxDimension = 8192;
    public const int MaxNGramLimit = 8;

    /// <summary>Length of the vectors. Default 512. Changing it makes stored vectors incompatible (re-index).</summary>
    public int Dimension { get; set; } = 512;

    /// <summary>Shortest character n-gram, counted on the word padded with boundary marks. Default 3.</summary>
    public int MinNGram { get; set; } = 3;

    /// <summary>Longest character n-gram. Default 5.</summary>
    public int MaxNGram { get; set; } = 5;

    /// <summary>The problems with these settings, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Dimension is < MinDimension or > MaxDimension)
        {
            errors.Add($"{SectionName}:{nameof(Dimension)} must be between {MinDimension} and {MaxDimension} (got {Dimension}).");
        }

        if (MinNGram < 1 || MinNGram > MaxNGramLimit)
        {
            errors.Add($"{SectionName}:{nameof(MinNGram)} must be between 1 and {MaxNGramLimit} (got {MinNGram}).");
        }

        if (MaxNGram < MinNGram || MaxNGram > MaxNGramLimit)
        {
            errors.Add($"{SectionName}:{nameof(MaxNGram)} must be between {nameof(MinNGram)} ({MinNGram}) and {MaxNGramLimit} (got {MaxNGram}).");
        }

        return errors;
    }
}

/// <summary>Start-up validation of <see cref="HashedNGramEmbeddingOptions"/>.</summary>
internal sealed class HashedNGramEmbeddingOptionsValidator : IValidateOptions<HashedNGramEmbeddingOptions>
{
    public ValidateOptionsResult Validate(string? name, HashedNGramEmbeddingOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
