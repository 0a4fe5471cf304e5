using Microsoft.Extensions.Options;

namespace MedSummary.Extraction.Rules;

/// <summary>Settings of the deterministic extraction and form assembly (configuration section "Rules").</summary>
public sealed class RuleExtractionOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Rules";

    /// <summary>
    /// Most citations kept per field value (and per conflict candidate), taken round-robin across documents.
    /// Default 5: enough to show agreement between reports without burying the reader. Between 1 and 50.
    /// </summary>
    public int MaxCitationsPerField { get; set; } = 5;

    /// <summary>Throws with a one-line reason when the options cannot work.</summary>
    public static void ThrowIfInvalid(RuleExtractionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Validate(options) is { } reason)
        {
            throw new OptionsValidationException(nameof(RuleExtractionOptions), typeof(RuleExtractionOptions), [reason]);
        }
    }

    internal static string? Validate(RuleExtractionOptions options) =>
        options.MaxCitationsPerField is < 1 or > 50
            ? $"Rules:MaxCitationsPerField must be between 1 and 50 (was {options.MaxCitationsPerField})."
            : null;
}

/// <summary>Validates <see cref="RuleExtractionOptions"/> at start-up.</summary>
public sealed class RuleExtractionOptionsValidator : IValidateOptions<RuleExtractionOptions>
{
    public ValidateOptionsResult Validate(string? name, RuleExtractionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return RuleExtractionOptions.Validate(options) is { } reason
            ? ValidateOptionsResult.Fail(reason)
            : ValidateOptionsResult.Success;
    }
}
