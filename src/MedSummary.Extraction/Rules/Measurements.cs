using System.Globalization;
using System.Text.RegularExpressions;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// Lengths as reports write them ("2.3 cm", "15 mm", "3 x 2 x 1,5 cm", "2 cm x 1.5 cm") read in millimetres, for the
/// tumour size and the margin distance.
/// </summary>
internal static partial class Measurements
{
    /// <summary>A length or a set of dimensions ending with its unit.</summary>
    public static Regex Length() => LengthPattern();

    /// <summary>The largest dimension of a <see cref="Length"/> match in millimetres, or null when it is not a length.</summary>
    public static double? LargestMillimetres(Match m)
    {
        var unit = m.Groups["unit"].Value.ToLowerInvariant();
        var factor = unit == "cm" ? 10.0 : 1.0;
        double? largest = null;
        foreach (var group in new[] { "a", "b", "c" })
        {
            if (m.Groups[group].Success && Parse(m.Groups[group].Value) is { } v)
            {
                largest = Math.Max(largest ?? 0, v * factor);
            }
        }

        return largest is > 0 ? largest : null;
    }

    /// <summary>Millimetres as digits with a decimal point and at most two decimals: "23", "12.5".</summary>
    public static string Format(double millimetres) => millimetres.ToString("0.##", CultureInfo.InvariantCulture);

    private static double? Parse(string s) =>
        double.TryParse(s.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    [GeneratedRegex(
        @"(?<![\d.,/])(?<a>\d{1,3}(?:[.,]\d{1,2})?)(?:\s?(?:mm|cm))?(?:\s?[x×\*]\s?(?<b>\d{1,3}(?:[.,]\d{1,2})?)(?:\s?(?:mm|cm))?)?(?:\s?[x×\*]\s?(?<c>\d{1,3}(?:[.,]\d{1,2})?))?\s?(?<unit>mm|cm)(?![\p{L}\d])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LengthPattern();
}
