using Microsoft.Extensions.Options;

namespace MedSummary.Extraction.Alerts;

/// <summary>Settings of the clinical alerts (configuration section "MedSummary:Alerts").</summary>
public sealed class AlertOptions
{
    public const string SectionName = "MedSummary:Alerts";

    /// <summary>Most citations kept per alert. Default 6: every place the latest abnormal value is printed, and both sides of a contradiction. Between 1 and 50.</summary>
    public int MaxCitationsPerAlert { get; set; } = 6;

    /// <summary>
    /// The least severe abnormal lab result that raises an alert: "info" (default: any value outside its reference
    /// range), "warning" (about CTCAE grade 2 or worse) or "critical" (grade 3 or worse).
    /// </summary>
    public string MinimumLabSeverity { get; set; } = "info";

    /// <summary>Throws with a one-line reason when the options cannot work.</summary>
    public static void ThrowIfInvalid(AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Validate(options) is { } reason)
        {
            throw new OptionsValidationException(nameof(AlertOptions), typeof(AlertOptions), [reason]);
        }
    }

    internal static string? Validate(AlertOptions options)
    {
        if (options.MaxCitationsPerAlert is < 1 or > 50)
        {
            return $"{SectionName}:MaxCitationsPerAlert must be between 1 and 50 (was {options.MaxCitationsPerAlert}).";
        }

        return ParseSeverity(options.MinimumLabSeverity) is null
            ? $"{SectionName}:MinimumLabSeverity must be info, warning or critical (was '{options.MinimumLabSeverity}')."
            : null;
    }

    internal static LabSeverity? ParseSeverity(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "info" => LabSeverity.Info,
        "warning" => LabSeverity.Warning,
        "critical" => LabSeverity.Critical,
        _ => null,
    };
}

/// <summary>Validates <see cref="AlertOptions"/> at start-up.</summary>
public sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return AlertOptions.Validate(options) is { } reason ? ValidateOptionsResult.Fail(reason) : ValidateOptionsResult.Success;
    }
}
