using Microsoft.Extensions.Options;

namespace MedSummary.Extraction.Grounding;

/// <summary>
/// Settings of the LLM-grounded form filling and of the passages shown to the model (configuration section
/// "MedSummary:Grounding"). The budgets keep a 50-page dossier's work small: the model never sees more than
/// <see cref="MaxContextChars"/> characters of it.
/// </summary>
public sealed class GroundingOptions
{
    public const string SectionName = "MedSummary:Grounding";

    /// <summary>The form schema file under prompts/. Default "forms/rcp.form.json".</summary>
    public string FormPath { get; set; } = Forms.FormSchemaLoader.DefaultPath;

    /// <summary>Hits kept per retrieval query (each field hint, French and English). Default 3; 1 to 20.</summary>
    public int HitsPerQuery { get; set; } = 3;

    /// <summary>Passages kept per field group after fusing its queries' hits. Default 4; 1 to 20.</summary>
    public int PassagesPerGroup { get; set; } = 4;

    /// <summary>Longest passage shown, in characters (a longer chunk is cut around its query terms). Default 500; 100 to 4000.</summary>
    public int MaxPassageChars { get; set; } = 500;

    /// <summary>
    /// Characters of dossier text shown to the model, all groups together: one shared, numbered set of passages that
    /// every prompt starts with, so the model's KV cache reuses it from one prompt to the next. Default 6000; 500 to 100 000.
    /// </summary>
    public int MaxContextChars { get; set; } = 6000;

    /// <summary>Longest quote the model may write, in characters (enforced by the answer's JSON schema). Default 120; 20 to 1000.</summary>
    public int MaxQuoteChars { get; set; } = 120;

    /// <summary>Answer tokens allowed per single-valued field of a group. Default 40; 8 to 400.</summary>
    public int OutputTokensPerField { get; set; } = 40;

    /// <summary>Answer tokens allowed per list field (treatments, toxicities, metastatic sites). Default 160; 16 to 2000.</summary>
    public int OutputTokensPerListField { get; set; } = 160;

    /// <summary>Most answer tokens for one prompt, whatever the group's size. Default 400; 16 to 8000.</summary>
    public int MaxOutputTokensPerCall { get; set; } = 400;

    /// <summary>
    /// Field groups asked at once. They share the passages as their prompt prefix, so an engine that batches
    /// concurrent requests (llama.cpp with Chat:MaxParallelSequences, an OpenAI-compatible server with parallel slots)
    /// decodes those once and generates the answers together; an engine serving one request at a time just queues
    /// them. Default 8; 1 to 32.
    /// </summary>
    public int MaxParallelGroups { get; set; } = 8;

    /// <summary>Items the model may list in a list field. Default 8; 1 to 50.</summary>
    public int MaxListItems { get; set; } = 8;

    /// <summary>Citations kept per field after merging rules and model. Default 5; 1 to 50.</summary>
    public int MaxCitationsPerField { get; set; } = 5;

    /// <summary>
    /// Retrieval queries for the patient's journey, added to the shared passages so the narrative summary can cite
    /// them without another long prompt.
    /// </summary>
    public string[] JourneyQueries { get; set; } =
    [
        "histoire de la maladie traitement débuté le",
        "évolution réponse au traitement dernière consultation",
        "history of present illness treatment commenced on",
        "response evaluation follow-up last visit",
    ];

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

        if (string.IsNullOrWhiteSpace(FormPath))
        {
            problems.Add($"{SectionName}:{nameof(FormPath)} is required.");
        }

        Range(nameof(HitsPerQuery), HitsPerQuery, 1, 20);
        Range(nameof(PassagesPerGroup), PassagesPerGroup, 1, 20);
        Range(nameof(MaxPassageChars), MaxPassageChars, 100, 4000);
        Range(nameof(MaxContextChars), MaxContextChars, 500, 100_000);
        Range(nameof(MaxQuoteChars), MaxQuoteChars, 20, 1000);
        Range(nameof(OutputTokensPerField), OutputTokensPerField, 8, 400);
        Range(nameof(OutputTokensPerListField), OutputTokensPerListField, 16, 2000);
        Range(nameof(MaxOutputTokensPerCall), MaxOutputTokensPerCall, 16, 8000);
        Range(nameof(MaxListItems), MaxListItems, 1, 50);
        Range(nameof(MaxParallelGroups), MaxParallelGroups, 1, 32);
        Range(nameof(MaxCitationsPerField), MaxCitationsPerField, 1, 50);
        if (MaxContextChars < MaxPassageChars)
        {
            problems.Add($"{SectionName}:{nameof(MaxContextChars)} must be at least {nameof(MaxPassageChars)}.");
        }

        return problems;
    }
}

/// <summary>Start-up validation of <see cref="GroundingOptions"/>.</summary>
internal sealed class GroundingOptionsValidator : IValidateOptions<GroundingOptions>
{
    public ValidateOptionsResult Validate(string? name, GroundingOptions options) =>
        options.Validate() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
