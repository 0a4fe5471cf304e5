using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MedSummary.Pipeline.Reports;

/// <summary>
/// The report's own words in one language, read from the embedded report-strings.json: section titles, states,
/// alert and timeline kinds, and the French names of the form's normalized vocabulary values.
/// </summary>
public sealed partial class ReportText
{
    /// <summary>The languages a report is written in.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["fr", "en"];

    private static readonly Lazy<(Dictionary<string, Dictionary<string, string>> Text, Dictionary<string, string> Values)> Data = new(Load);

    private readonly string[] _months;

    private ReportText(string language)
    {
        Language = language;
        _months = this["months"].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    public static ReportText French { get; } = new("fr");

    public static ReportText English { get; } = new("en");

    /// <summary>"fr" or "en".</summary>
    public string Language { get; }

    public bool IsFrench => Language == "fr";

    /// <summary>The colon between a label and its text: French typography puts a (non-breaking) space before it.</summary>
    public string Colon => IsFrench ? "\u00A0: " : ": ";

    public static ReportText For(string language) => language == "en" ? English : French;

    /// <summary>The string for <paramref name="key"/>; a missing key is a bug in the data file, caught by its test.</summary>
    public string this[string key] => Data.Value.Text.TryGetValue(key, out var texts) && texts.TryGetValue(Language, out var text)
        ? text
        : throw new KeyNotFoundException($"report-strings.json has no '{key}' in '{Language}'.");

    public string Format(string key, params object?[] args) => string.Format(CultureInfo.InvariantCulture, this[key], args);

    /// <summary>The key's text, or null when the data file has none (an alert kind added after this report).</summary>
    public string? Find(string key) => Data.Value.Text.TryGetValue(key, out var texts) ? texts.GetValueOrDefault(Language) : null;

    /// <summary>A normalized vocabulary value in this language ("positive" → "positif"); unknown values as they are.</summary>
    public string Value(string normalized) =>
        IsFrench && Data.Value.Values.TryGetValue(normalized, out var french) ? french : normalized.Replace('_', ' ');

    /// <summary>
    /// An ISO date (yyyy-MM-dd or yyyy-MM) as a reader writes it: 05/03/2023 in French, 5 Mar 2023 in English, with
    /// non-breaking spaces so it never wraps. Anything else is returned as written.
    /// </summary>
    public string Date(string? iso)
    {
        if (string.IsNullOrEmpty(iso))
        {
            return "";
        }

        if (DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return IsFrench
                ? day.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{day.Day}\u00A0{_months[day.Month - 1]}\u00A0{day.Year}");
        }

        if (DateOnly.TryParseExact(iso, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return IsFrench
                ? month.ToString("MM'/'yyyy", CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{_months[month.Month - 1]}\u00A0{month.Year}");
        }

        return iso;
    }

    /// <summary>A measurement the extractors wrote with a decimal point ("8.2 g/dL"), with a decimal comma in French.</summary>
    public string Number(string value) => IsFrench ? DecimalPoint().Replace(value, "$1,$2") : value;

    [GeneratedRegex(@"(\d)\.(\d)")]
    private static partial Regex DecimalPoint();

    /// <summary>Every text key, for the data file's completeness test.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> AllText =>
        Data.Value.Text.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, string>)p.Value, StringComparer.Ordinal);

    private static (Dictionary<string, Dictionary<string, string>>, Dictionary<string, string>) Load()
    {
        using var stream = typeof(ReportText).Assembly.GetManifestResourceStream("reports/report-strings.json")
            ?? throw new InvalidOperationException("The report strings are not embedded in the assembly.");
        var file = JsonSerializer.Deserialize<StringsFile>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new InvalidOperationException("The report strings file is empty.");
        return (file.Text.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), file.Values.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
    }

    private sealed record StringsFile(Dictionary<string, Dictionary<string, string>> Text, Dictionary<string, string> Values);
}
