using Microsoft.Extensions.Configuration;

namespace MedSummary.Evaluation.Runs;

/// <summary>The settings worth recording with a run: every "MedSummary:" key with a value, secrets masked.</summary>
public static class ConfigurationSummary
{
    public const string Prefix = "MedSummary:";

    /// <summary>Substrings of a key (case-insensitive) whose value is never written to a result file.</summary>
    private static readonly string[] SecretHints = ["key", "secret", "password", "token", "connectionstring", "credential"];

    public static IReadOnlyDictionary<string, string> From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (value is null || !key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var last = key[(key.LastIndexOf(':') + 1)..];
            settings[key] = SecretHints.Any(h => last.Contains(h, StringComparison.OrdinalIgnoreCase)) ? "***" : value;
        }

        return settings;
    }
}
