using Microsoft.Extensions.Options;

namespace MedSummary.Extraction.Prompts;

/// <summary>Where prompts come from (configuration section "MedSummary:Prompts").</summary>
public sealed class PromptOptions
{
    public const string SectionName = "MedSummary:Prompts";

    /// <summary>
    /// A folder laid out like the repository's prompts/ to read instead of the prompts built into the assembly.
    /// Default none: the built-in prompts.
    /// </summary>
    public string? Directory { get; set; }
}

/// <summary>Start-up validation of <see cref="PromptOptions"/>: an override folder must exist.</summary>
internal sealed class PromptOptionsValidator : IValidateOptions<PromptOptions>
{
    public ValidateOptionsResult Validate(string? name, PromptOptions options) =>
        options.Directory is { } dir && !System.IO.Directory.Exists(dir)
            ? ValidateOptionsResult.Fail($"{PromptOptions.SectionName}:Directory '{dir}' does not exist.")
            : ValidateOptionsResult.Success;
}
