using Microsoft.Extensions.Options;

namespace MedSummary.Extraction.Narrative;

/// <summary>Settings of the LLM narrative summary (configuration section "MedSummary:Narrative").</summary>
public sealed class NarrativeOptions
{
    public const string SectionName = "MedSummary:Narrative";

    /// <summary>Most sentences the model may write. Default 8; 1 to 30.</summary>
    public int MaxSentences { get; set; } = 8;

    /// <summary>Longest sentence, in characters (enforced by the answer's schema). Default 240; 40 to 1000.</summary>
    public int MaxSentenceChars { get; set; } = 240;

    /// <summary>Answer tokens for the whole narrative. Default 360; 32 to 8000.</summary>
    public int MaxOutputTokens { get; set; } = 360;

    /// <summary>
    /// Passages added after the shared ones for timeline events and form values they do not already cover. Default 6;
    /// 0 to 30.
    /// </summary>
    public int MaxExtraPassages { get; set; } = 6;

    /// <summary>Longest added passage, in characters. Default 300; 50 to 2000.</summary>
    public int MaxExtraPassageChars { get; set; } = 300;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Range(string name, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                problems.Add($"{SectionName}:{name} must be between {min} and {max} (got {value}).");
            }
        }

        Range(nameof(MaxSentences), MaxSentences, 1, 30);
        Range(nameof(MaxSentenceChars), MaxSentenceChars, 40, 1000);
        Range(nameof(MaxOutputTokens), MaxOutputTokens, 32, 8000);
        Range(nameof(MaxExtraPassages), MaxExtraPassages, 0, 30);
        Range(nameof(MaxExtraPassageChars), MaxExtraPassageChars, 50, 2000);
        return problems;
    }
}

/// <summary>Start-up validation of <see cref="NarrativeOptions"/>.</summary>
internal sealed class NarrativeOptionsValidator : IValidateOptions<NarrativeOptions>
{
    public ValidateOptionsResult Validate(string? name, NarrativeOptions options) =>
        options.Validate() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
