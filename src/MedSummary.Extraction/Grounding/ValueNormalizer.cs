using System.Globalization;
using System.Text.RegularExpressions;
using MedSummary.Core.Staging;
using MedSummary.Extraction.Grounding.Forms;

namespace MedSummary.Extraction.Grounding;

/// <summary>Puts a model's value into the field's normalized vocabulary, or says it cannot be (null).</summary>
public static partial class ValueNormalizer
{
    public static string? Normalize(FormField field, string? raw)
    {
        ArgumentNullException.ThrowIfNull(field);
        var value = raw?.Trim();
        if (string.IsNullOrEmpty(value) || value.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        switch (field.Type)
        {
            case FormFieldType.Enum or FormFieldType.EnumSet or FormFieldType.Treatments or FormFieldType.Toxicities:
                return field.Vocabulary.FirstOrDefault(v => string.Equals(v.Value, value, StringComparison.OrdinalIgnoreCase))?.Value;
            case FormFieldType.Tnm:
                // The domain's TNM grammar, so a model's "N0(i+)" or "Ta" means what the rules mean by it.
                return TnmCategory.Parse(value, field.Category![0]) is { } category ? category.Normalized : null;

            case FormFieldType.Stage:
            {
                var v = StageWord().Replace(value, "").Trim().ToUpperInvariant();
                return StageValue().IsMatch(v) ? v : null;
            }

            case FormFieldType.Gleason:
            {
                var m = Gleason().Match(value.Replace(" ", "", StringComparison.Ordinal));
                if (!m.Success)
                {
                    return null;
                }

                var a = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                var b = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
                if (m.Groups[3].Success && int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) != a + b)
                {
                    return null; // an inconsistent score is no score
                }

                return string.Create(CultureInfo.InvariantCulture, $"{a}+{b}={a + b}");
            }

            case FormFieldType.Percent:
                return ParseNumber(value.TrimEnd('%', ' ')) is { } p ? p.ToString(CultureInfo.InvariantCulture) + "%" : null;
            case FormFieldType.Number:
                return ParseNumber(value) is { } n ? n.ToString(CultureInfo.InvariantCulture) : null;
            case FormFieldType.Date:
                return IsoDate().IsMatch(value) ? value : null;
            case FormFieldType.Code:
                return value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
            default:
                return Spaces().Replace(value, " ");
        }
    }

    private static double? ParseNumber(string text) =>
        double.TryParse(text.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;

    [GeneratedRegex(@"^(?:stade|stage)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex StageWord();

    [GeneratedRegex(@"^(0|I|II|III|IV)([ABC][1-3]?)?$")]
    private static partial Regex StageValue();

    [GeneratedRegex(@"^(\d)\+(\d)(?:=(\d{1,2}))?$")]
    private static partial Regex Gleason();

    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
