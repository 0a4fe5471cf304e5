using System.Globalization;

namespace MedSummary.Core.Gold;

/// <summary>Checks a truth for the mistakes a hand-written file is likely to contain; each problem is one line.</summary>
public static class GoldTruthValidator
{
    public static IReadOnlyList<string> Validate(GoldTruth truth, IReadOnlyCollection<string>? fileNames = null)
    {
        ArgumentNullException.ThrowIfNull(truth);
        var problems = new List<string>();
        if (truth.SchemaVersion != GoldTruth.CurrentSchemaVersion)
        {
            problems.Add($"schemaVersion '{truth.SchemaVersion}' is not supported (expected '{GoldTruth.CurrentSchemaVersion}')");
        }

        if (string.IsNullOrWhiteSpace(truth.Dossier))
        {
            problems.Add("dossier (the dossier's name) is missing");
        }

        if (string.IsNullOrWhiteSpace(truth.Language))
        {
            problems.Add("language is missing");
        }

        if (truth.Patient is { } patient)
        {
            Require(patient.Name, "patient.name", problems);
            CheckDate(patient.BirthDate, "patient.birthDate", problems);
            if (patient.Sex is not (null or "female" or "male"))
            {
                problems.Add("patient.sex must be 'female' or 'male'");
            }
        }

        foreach (var (key, field) in truth.Fields)
        {
            ValidateField(key, field ?? GoldField.NotStated, problems, fileNames);
        }

        for (var i = 0; i < truth.Treatments.Count; i++)
        {
            var t = truth.Treatments[i];
            Require(t.Kind, $"treatments[{i}].kind", problems);
            Require(t.Name, $"treatments[{i}].name", problems);
            CheckDate(t.Start, $"treatments[{i}].start", problems);
            CheckDate(t.End, $"treatments[{i}].end", problems);
            CheckQuotes(t.Quotes, $"treatments[{i}]", problems, fileNames);
        }

        for (var i = 0; i < truth.Toxicities.Count; i++)
        {
            var t = truth.Toxicities[i];
            Require(t.Name, $"toxicities[{i}].name", problems);
            if (t.Grade is < 1 or > 5)
            {
                problems.Add($"toxicities[{i}].grade must be 1 to 5");
            }

            CheckDate(t.Date, $"toxicities[{i}].date", problems);
            CheckQuotes(t.Quotes, $"toxicities[{i}]", problems, fileNames);
        }

        for (var i = 0; i < truth.Alerts.Count; i++)
        {
            var a = truth.Alerts[i];
            Require(a.Kind, $"alerts[{i}].kind", problems);
            Require(a.About, $"alerts[{i}].about", problems);
            if (a.Direction is not (null or "low" or "high"))
            {
                problems.Add($"alerts[{i}].direction must be 'low' or 'high'");
            }

            CheckDate(a.Date, $"alerts[{i}].date", problems);
            CheckQuotes(a.Quotes, $"alerts[{i}]", problems, fileNames);
        }

        for (var i = 0; i < truth.Timeline.Count; i++)
        {
            var e = truth.Timeline[i];
            if (string.IsNullOrWhiteSpace(e.Date))
            {
                problems.Add($"timeline[{i}].date is missing");
            }
            else
            {
                CheckDate(e.Date, $"timeline[{i}].date", problems);
            }

            Require(e.Kind, $"timeline[{i}].kind", problems);
            CheckQuotes(e.Quotes, $"timeline[{i}]", problems, fileNames);
        }

        return problems;
    }

    /// <summary>True for "yyyy-MM-dd" and "yyyy-MM" (a month when the day is not stated).</summary>
    public static bool IsIsoDate(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
        || DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static void ValidateField(string key, GoldField field, List<string> problems, IReadOnlyCollection<string>? fileNames)
    {
        if (!IsFieldKey(key))
        {
            problems.Add($"field key '{key}' must be lowercase snake_case");
        }

        var forms = (field.Value is null ? 0 : 1) + (field.Values is null ? 0 : 1) + (field.Conflict is null ? 0 : 1);
        if (forms > 1)
        {
            problems.Add($"fields.{key} has more than one of value, values and conflict");
        }

        if (field.Value is { } value && string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"fields.{key}.value is empty (use null for a value stated nowhere)");
        }

        if (field.Values is { } values && values.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add($"fields.{key}.values holds an empty value");
        }

        if (field.Conflict is { } conflict && conflict.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal).Count() < 2)
        {
            problems.Add($"fields.{key}.conflict must list at least two distinct values");
        }

        if (GoldFields.MultiValued.Contains(key) && field.Value is not null)
        {
            problems.Add($"fields.{key} is multi-valued: use values (a list), not value");
        }

        if (field.Conflict is { } candidates)
        {
            foreach (var quote in field.Quotes)
            {
                if (quote.Value is { } v && !candidates.Contains(v, StringComparer.Ordinal))
                {
                    problems.Add($"fields.{key}: quote value '{v}' is not one of the conflict's values");
                }
            }
        }

        CheckQuotes(field.Quotes, $"fields.{key}", problems, fileNames);
    }

    private static bool IsFieldKey(string key) =>
        key.Length > 0 && key[0] is >= 'a' and <= 'z' && key.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_');

    private static void Require(string value, string where, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{where} is missing");
        }
    }

    private static void CheckDate(string? value, string where, List<string> problems)
    {
        if (value is not null && !IsIsoDate(value))
        {
            problems.Add($"{where} '{value}' is not an ISO 8601 date (yyyy-MM-dd or yyyy-MM)");
        }
    }

    private static void CheckQuotes(IReadOnlyList<GoldQuote> quotes, string where, List<string> problems, IReadOnlyCollection<string>? fileNames)
    {
        for (var i = 0; i < quotes.Count; i++)
        {
            var q = quotes[i];
            if (string.IsNullOrWhiteSpace(q.Text))
            {
                problems.Add($"{where}.quotes[{i}].text is empty");
            }

            if (string.IsNullOrWhiteSpace(q.File))
            {
                problems.Add($"{where}.quotes[{i}].file is missing");
            }
            else if (fileNames is not null && !fileNames.Contains(q.File, StringComparer.Ordinal))
            {
                problems.Add($"{where}.quotes[{i}].file '{q.File}' is not a file of the dossier");
            }

            if (q.Page is < 1)
            {
                problems.Add($"{where}.quotes[{i}].page must be 1 or more");
            }
        }
    }
}
