using System.Text.RegularExpressions;

namespace MedSummary.Extraction.Alerts;

/// <summary>Units laboratory values are printed in, as families (the analyte decides what "g/L" means).</summary>
public enum LabUnit
{
    None,
    GramsPerDeciliter,

    /// <summary>"g/L": grams per litre for haemoglobin, giga (10^9) per litre for cell counts ("G/L").</summary>
    GramsPerLiter,
    MillimolesPerLiter,
    MilliequivalentsPerLiter,
    MicromolesPerLiter,
    MilligramsPerDeciliter,
    MilligramsPerLiter,

    /// <summary>10^9/L, 10^3/µL, K/µL, giga/L.</summary>
    GigaPerLiter,

    /// <summary>/mm3, /µL: cells per microlitre.</summary>
    PerMicroliter,
    MillilitersPerMinute,
    UnitsPerLiter,
    MicrokatalsPerLiter,
    Percent,

    /// <summary>A unit that none of the above is; the value is not used.</summary>
    Unknown,
}

/// <summary>Reads a printed unit into its <see cref="LabUnit"/> family.</summary>
public static partial class LabUnits
{
    /// <summary>The unit that starts <paramref name="text"/> at <paramref name="start"/> (after spaces), with its length; None when no unit-like token follows.</summary>
    public static (LabUnit Unit, int Start, int Length) ReadAt(string folded, int start)
    {
        ArgumentNullException.ThrowIfNull(folded);
        var m = Unit().Match(folded, start);
        if (m.Success && m.Index == start)
        {
            var group = m.Groups["u"];
            return (Classify(group.Value), group.Index, group.Length);
        }

        var other = UnknownUnit().Match(folded, start);
        if (other.Success && other.Index == start)
        {
            var group = other.Groups["u"];
            return (LabUnit.Unknown, group.Index, group.Length);
        }

        return (LabUnit.None, start, 0);
    }

    private static LabUnit Classify(string unit)
    {
        var u = unit.Replace(" ", "", StringComparison.Ordinal).Replace('μ', 'µ').Replace('×', 'x');
        return u switch
        {
            "%" => LabUnit.Percent,
            "g/dl" or "g/100ml" or "g%" => LabUnit.GramsPerDeciliter,
            "g/l" => LabUnit.GramsPerLiter,
            "mmol/l" or "mmol" => LabUnit.MillimolesPerLiter,
            "meq/l" => LabUnit.MilliequivalentsPerLiter,
            "µmol/l" or "umol/l" or "micromol/l" => LabUnit.MicromolesPerLiter,
            "mg/dl" or "mg%" => LabUnit.MilligramsPerDeciliter,
            "mg/l" => LabUnit.MilligramsPerLiter,
            "u/l" or "ui/l" or "iu/l" or "u.i./l" or "ui" => LabUnit.UnitsPerLiter,
            "µkat/l" or "ukat/l" => LabUnit.MicrokatalsPerLiter,
            _ when u.StartsWith("ml/m", StringComparison.Ordinal) => LabUnit.MillilitersPerMinute,
            _ when u.StartsWith("giga", StringComparison.Ordinal) || u.StartsWith("k/", StringComparison.Ordinal) => LabUnit.GigaPerLiter,
            _ when u.Contains("9/l", StringComparison.Ordinal) || u.Contains("⁹/l", StringComparison.Ordinal) => LabUnit.GigaPerLiter,
            _ when u.Contains("3/", StringComparison.Ordinal) || u.Contains("³/", StringComparison.Ordinal) => LabUnit.GigaPerLiter,
            _ => LabUnit.PerMicroliter,
        };
    }

    // Folded text (lower case, no accents): the unit right after a value.
    [GeneratedRegex(
        @"\G[ \t\u00A0]*(?<u>%|g\s?/\s?dl|g\s?/\s?100\s?ml|g%|mmol\s?/\s?l|meq\s?/\s?l|[µμu]mol\s?/\s?l|micromol\s?/\s?l|mg\s?/\s?dl|mg%|mg\s?/\s?l|ml\s?/\s?mi?n(?:\s?/\s?1[.,]73\s?m(?:2|²)?)?|u\.i\./l|u\s?/\s?l|ui\s?/\s?l|iu\s?/\s?l|ui(?![\p{L}/])|[µμu]kat\s?/\s?l|giga\s?/\s?l|k\s?/\s?(?:[µμu]l|mm3|mm³)|(?:x|×|\*)?\s?10\s?(?:\^|e|\*|\.)?\s?(?:9|⁹)\s?/\s?l|10⁹\s?/\s?l|(?:x|×|\*)?\s?10\s?(?:\^|e|\*)?\s?(?:3|³)\s?/\s?(?:[µμu]l|mm3|mm³)|(?:elements?|cells?|cellules?)?\s?/\s?(?:mm\s?3|mm³|[µμu]l)(?![\p{L}])|g\s?/\s?l|mmol(?![\p{L}/]))",
        RegexOptions.CultureInvariant)]
    private static partial Regex Unit();

    // Something unit-like we do not convert ("mg/j", "U/mL", "ng/ml"): the value is then not used.
    [GeneratedRegex(@"\G[ \t\u00A0]*(?<u>[\p{L}µμ]{1,6}\s?/\s?[\p{L}\d.,²]{1,10})", RegexOptions.CultureInvariant)]
    private static partial Regex UnknownUnit();
}
