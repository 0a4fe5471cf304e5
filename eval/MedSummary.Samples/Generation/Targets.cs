namespace MedSummary.Samples.Generation;

/// <summary>
/// Mark targets: what a marked span of text stands for in the truth. The truth is assembled from the marks
/// that were actually placed, so a value no document states comes out as "not stated".
/// </summary>
internal static class Targets
{
    public const string FieldPrefix = "field:";
    public const string EventPrefix = "event:";
    public const string TreatmentPrefix = "treatment:";
    public const string ToxicityPrefix = "toxicity:";
    public const string LabPrefix = "lab:";

    /// <summary>A field value; an empty value on a multi-valued field means "stated: none".</summary>
    public static string Field(string key, string value) => $"{FieldPrefix}{key}={value}";

    public static string Event(string id) => EventPrefix + id;

    public static string Treatment(string id) => TreatmentPrefix + id;

    public static string Toxicity(string id) => ToxicityPrefix + id;

    /// <summary>An abnormal lab result: analyte and panel date.</summary>
    public static string Lab(string analyte, DateOnly date) => $"{LabPrefix}{analyte}@{DateText.Iso(date)}";

    public static bool TryParseField(string target, out string key, out string value)
    {
        key = value = "";
        if (!target.StartsWith(FieldPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var eq = target.IndexOf('=', StringComparison.Ordinal);
        key = target[FieldPrefix.Length..eq];
        value = target[(eq + 1)..];
        return true;
    }

    public static bool TryParseLab(string target, out string analyte, out DateOnly date)
    {
        analyte = "";
        date = default;
        if (!target.StartsWith(LabPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var at = target.IndexOf('@', StringComparison.Ordinal);
        analyte = target[LabPrefix.Length..at];
        date = DateOnly.ParseExact(target[(at + 1)..], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }
}
