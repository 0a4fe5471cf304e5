using System.Text.RegularExpressions;
using MedSummary.Core.Gold;

namespace MedSummary.Extraction.Alerts;

/// <summary>Patient sex as far as the documents state it.</summary>
public enum PatientSex
{
    Unknown,
    Female,
    Male,
}

/// <summary>How abnormal a value is: CTCAE-like grades folded into the contract's severities.</summary>
public enum LabSeverity
{
    /// <summary>Inside the reference range.</summary>
    Normal,

    /// <summary>Outside the range, mild (about CTCAE grade 1).</summary>
    Info,

    /// <summary>About CTCAE grade 2.</summary>
    Warning,

    /// <summary>About CTCAE grade 3 or worse.</summary>
    Critical,
}

/// <summary>A reference interval in an analyte's canonical unit; a missing bound is not checked.</summary>
public sealed record ReferenceRange(double? Low, double? High, bool FromLaboratory)
{
    public bool IsBelow(double value) => Low is { } low && value < low;

    public bool IsAbove(double value) => High is { } high && value > high;
}

/// <summary>
/// One analyte: its gold key and English name, how documents name it (French and English), its canonical unit and
/// conversions, a plausible physiological span (outside it a number is a misreading, not a result), built-in adult
/// reference ranges, and CTCAE-like severity thresholds.
/// </summary>
/// <remarks>
/// Built-in ranges are typical adult reference intervals as printed by French and British hospital laboratories
/// (haemoglobin by sex as in the WHO anaemia thresholds, 12 g/dL women and 13 g/dL men; eGFR below 60 as in the
/// KDIGO definition of reduced function). They apply only when a report prints no range of its own. With the sex
/// unknown, the widest of the two sexes' ranges is used, so that only values abnormal for either sex raise an alert.
/// Severity follows CTCAE v5 grade boundaries where they exist (absolute for blood counts and electrolytes,
/// multiples of the upper limit for creatinine, bilirubin and transaminases): grade 1 is "info", grade 2 "warning",
/// grade 3 or worse "critical".
/// </remarks>
public sealed class LabAnalyte
{
    private readonly Func<double, ReferenceRange, bool, LabSeverity> _severity;

    private LabAnalyte(
        string key,
        string name,
        string canonicalUnit,
        int decimals,
        (double Min, double Max) plausible,
        ReferenceRange male,
        ReferenceRange female,
        Func<LabUnit, double?, double?> factor,
        Func<double, ReferenceRange, bool, LabSeverity> severity)
    {
        Key = key;
        Name = name;
        CanonicalUnit = canonicalUnit;
        Decimals = decimals;
        Plausible = plausible;
        MaleRange = male;
        FemaleRange = female;
        Factor = factor;
        _severity = severity;
    }

    /// <summary>The gold vocabulary's name (<see cref="GoldLabs"/>): "hemoglobin", "neutrophils"...</summary>
    public string Key { get; }

    /// <summary>English display name: "Haemoglobin".</summary>
    public string Name { get; }

    public string CanonicalUnit { get; }

    public int Decimals { get; }

    public (double Min, double Max) Plausible { get; }

    public ReferenceRange MaleRange { get; }

    public ReferenceRange FemaleRange { get; }

    /// <summary>Multiplier from a printed unit to the canonical one (second argument: the value, to infer a missing unit); null when the unit does not fit this analyte.</summary>
    internal Func<LabUnit, double?, double?> Factor { get; }

    /// <summary>The built-in range for a patient of <paramref name="sex"/> (the widest of both when unknown).</summary>
    public ReferenceRange BuiltInRange(PatientSex sex) => sex switch
    {
        PatientSex.Female => FemaleRange,
        PatientSex.Male => MaleRange,
        _ => new ReferenceRange(Min(MaleRange.Low, FemaleRange.Low), Max(MaleRange.High, FemaleRange.High), false),
    };

    /// <summary>How abnormal <paramref name="canonical"/> is against <paramref name="range"/>.</summary>
    public LabSeverity Severity(double canonical, ReferenceRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (range.IsBelow(canonical))
        {
            return Max(LabSeverity.Info, _severity(canonical, range, true));
        }

        return range.IsAbove(canonical) ? Max(LabSeverity.Info, _severity(canonical, range, false)) : LabSeverity.Normal;
    }

    private static LabSeverity Max(LabSeverity a, LabSeverity b) => a > b ? a : b;

    private static double? Min(double? a, double? b) => a is null || b is null ? null : Math.Min(a.Value, b.Value);

    private static double? Max(double? a, double? b) => a is null || b is null ? null : Math.Max(a.Value, b.Value);

    private static ReferenceRange R(double? low, double? high) => new(low, high, false);

    // Grades by absolute thresholds: below/above each threshold, the next severity.
    private static LabSeverity Below(double v, double warning, double critical) =>
        v < critical ? LabSeverity.Critical : v < warning ? LabSeverity.Warning : LabSeverity.Info;

    private static LabSeverity Above(double v, double warning, double critical) =>
        v > critical ? LabSeverity.Critical : v > warning ? LabSeverity.Warning : LabSeverity.Info;

    private static LabSeverity TimesUpper(double v, ReferenceRange r, double warning, double critical) =>
        r.High is { } uln ? Above(v / uln, warning, critical) : LabSeverity.Info;

    private static double? Cells(LabUnit unit, double? value) => unit switch
    {
        LabUnit.GigaPerLiter or LabUnit.GramsPerLiter => 1,
        LabUnit.PerMicroliter => 0.001,
        LabUnit.None => value > 200 ? 0.001 : 1,
        _ => null,
    };

    public static LabAnalyte Hemoglobin { get; } = new(
        GoldLabs.Hemoglobin, "Haemoglobin", "g/dL", 1, (2, 25), R(13.0, 17.0), R(12.0, 16.0),
        (u, v) => u switch
        {
            LabUnit.GramsPerDeciliter => 1,
            LabUnit.GramsPerLiter => 0.1,
            LabUnit.MillimolesPerLiter => 1.611,
            LabUnit.None => v <= 25 ? 1 : v >= 30 ? 0.1 : null,
            _ => null,
        },
        (v, r, low) => low ? Below(v, 10.0, 8.0) : Above(v - (r.High ?? v), 2.0, 4.0));

    public static LabAnalyte Neutrophils { get; } = new(
        GoldLabs.Neutrophils, "Neutrophils", "G/L", 2, (0, 100), R(1.8, 7.5), R(1.8, 7.5), Cells,
        (v, _, low) => low ? Below(v, 1.5, 1.0) : LabSeverity.Info);

    public static LabAnalyte Leukocytes { get; } = new(
        GoldLabs.Leukocytes, "Leukocytes", "G/L", 1, (0.05, 500), R(4.0, 10.0), R(4.0, 10.0), Cells,
        (v, _, low) => low ? Below(v, 3.0, 2.0) : Above(v, 50, 100));

    public static LabAnalyte Platelets { get; } = new(
        GoldLabs.Platelets, "Platelets", "G/L", 0, (1, 2500), R(150, 400), R(150, 400),
        (u, v) => u switch
        {
            LabUnit.GigaPerLiter or LabUnit.GramsPerLiter => 1,
            LabUnit.PerMicroliter => 0.001,
            LabUnit.None => v >= 5000 ? 0.001 : v <= 2500 ? 1 : null,
            _ => null,
        },
        (v, _, low) => low ? Below(v, 75, 50) : LabSeverity.Info);

    public static LabAnalyte Creatinine { get; } = new(
        GoldLabs.Creatinine, "Creatinine", "µmol/L", 0, (10, 3000), R(59, 104), R(45, 90),
        (u, v) => u switch
        {
            LabUnit.MicromolesPerLiter => 1,
            LabUnit.MilligramsPerDeciliter => 88.42,
            LabUnit.MilligramsPerLiter => 8.842,
            LabUnit.None => v < 20 ? 88.42 : 1,
            _ => null,
        },
        (v, r, low) => low ? LabSeverity.Info : TimesUpper(v, r, 1.5, 3.0));

    public static LabAnalyte Gfr { get; } = new(
        GoldLabs.Gfr, "eGFR", "mL/min/1.73m²", 0, (1, 250), R(60, null), R(60, null),
        (u, _) => u is LabUnit.MillilitersPerMinute or LabUnit.None ? 1 : null,
        (v, _, low) => low ? Below(v, 60, 30) : LabSeverity.Info);

    public static LabAnalyte Bilirubin { get; } = new(
        GoldLabs.Bilirubin, "Total bilirubin", "µmol/L", 0, (1, 1000), R(null, 21), R(null, 21),
        (u, v) => u switch
        {
            LabUnit.MicromolesPerLiter => 1,
            LabUnit.MilligramsPerDeciliter => 17.1,
            LabUnit.MilligramsPerLiter => 1.71,
            LabUnit.None => v < 3 ? 17.1 : 1,
            _ => null,
        },
        (v, r, low) => low ? LabSeverity.Info : TimesUpper(v, r, 1.5, 3.0));

    public static LabAnalyte Alt { get; } = new(
        GoldLabs.Alt, "ALT", "U/L", 0, (1, 20000), R(null, 45), R(null, 35), Transaminase,
        (v, r, low) => low ? LabSeverity.Info : TimesUpper(v, r, 3.0, 5.0));

    public static LabAnalyte Ast { get; } = new(
        GoldLabs.Ast, "AST", "U/L", 0, (1, 20000), R(null, 40), R(null, 35), Transaminase,
        (v, r, low) => low ? LabSeverity.Info : TimesUpper(v, r, 3.0, 5.0));

    public static LabAnalyte Calcium { get; } = new(
        GoldLabs.Calcium, "Calcium", "mmol/L", 2, (0.8, 5), R(2.20, 2.60), R(2.20, 2.60),
        (u, v) => u switch
        {
            LabUnit.MillimolesPerLiter => 1,
            LabUnit.MilligramsPerDeciliter => 0.2495,
            LabUnit.MilligramsPerLiter => 0.02495,
            LabUnit.MilliequivalentsPerLiter => 0.5,
            LabUnit.None => v < 5 ? 1 : v is >= 5 and <= 20 ? 0.2495 : null,
            _ => null,
        },
        (v, _, low) => low ? Below(v, 2.0, 1.75) : Above(v, 2.9, 3.1));

    public static LabAnalyte Potassium { get; } = new(
        GoldLabs.Potassium, "Potassium", "mmol/L", 1, (1, 12), R(3.5, 5.1), R(3.5, 5.1), Electrolyte,
        (v, _, low) => low ? Below(v, 3.0, 3.0) : Above(v, 5.5, 6.0));

    public static LabAnalyte Sodium { get; } = new(
        GoldLabs.Sodium, "Sodium", "mmol/L", 0, (90, 200), R(135, 145), R(135, 145), Electrolyte,
        (v, _, low) => low ? Below(v, 130, 125) : Above(v, 150, 155));

    /// <summary>Every analyte with alert rules.</summary>
    public static IReadOnlyList<LabAnalyte> All { get; } =
        [Hemoglobin, Neutrophils, Leukocytes, Platelets, Creatinine, Gfr, Bilirubin, Alt, Ast, Calcium, Potassium, Sodium];

    public static LabAnalyte ByKey(string key) => All.First(a => a.Key == key);

    private static double? Transaminase(LabUnit unit, double? value) => unit switch
    {
        LabUnit.UnitsPerLiter or LabUnit.None => 1,
        LabUnit.MicrokatalsPerLiter => 60,
        _ => null,
    };

    private static double? Electrolyte(LabUnit unit, double? value) =>
        unit is LabUnit.MillimolesPerLiter or LabUnit.MilliequivalentsPerLiter or LabUnit.None ? 1 : null;
}

/// <summary>The names documents give each analyte, French and English.</summary>
internal static partial class LabNames
{
    /// <summary>Every name of an analyte in <paramref name="text"/> (<paramref name="folded"/> is its <see cref="Verification.TextFold"/>), longest first where two overlap.</summary>
    /// <remarks>A name that is a condition ("thrombopénie à 45 G/L", "hyperkaliémie à 6,2") needs a printed unit to count.</remarks>
    public static IReadOnlyList<(LabAnalyte Analyte, int Start, int End, bool RequiresUnit)> FindAll(string text, string folded)
    {
        var found = new List<(LabAnalyte, int, int, bool)>();
        foreach (var (analyte, regex, caseSensitive) in Patterns)
        {
            foreach (Match m in regex.Matches(caseSensitive ? text : folded))
            {
                found.Add((analyte, m.Index, m.Index + m.Length, false));
            }
        }

        foreach (Match m in Condition().Matches(folded))
        {
            var analyte = m.Groups["plt"].Success ? LabAnalyte.Platelets
                : m.Groups["pnn"].Success ? LabAnalyte.Neutrophils
                : m.Groups["hb"].Success ? LabAnalyte.Hemoglobin
                : m.Groups["wbc"].Success ? LabAnalyte.Leukocytes
                : m.Groups["k"].Success ? LabAnalyte.Potassium
                : m.Groups["ca"].Success ? LabAnalyte.Calcium
                : LabAnalyte.Sodium;
            found.Add((analyte, m.Index, m.Index + m.Length, true));
        }

        found.Sort((a, b) => a.Item2 != b.Item2 ? a.Item2.CompareTo(b.Item2) : (b.Item3 - b.Item2).CompareTo(a.Item3 - a.Item2));
        var kept = new List<(LabAnalyte, int, int, bool)>();
        foreach (var f in found)
        {
            if (kept.Count > 0 && f.Item2 < kept[^1].Item3)
            {
                continue;
            }

            kept.Add(f);
        }

        return kept;
    }

    private static readonly (LabAnalyte, Regex, bool)[] Patterns =
    [
        (LabAnalyte.Hemoglobin, Hemoglobin(), false),
        (LabAnalyte.Neutrophils, Neutrophils(), false),
        (LabAnalyte.Leukocytes, Leukocytes(), false),
        (LabAnalyte.Leukocytes, LeukocytesUpper(), true),
        (LabAnalyte.Platelets, Platelets(), false),
        (LabAnalyte.Creatinine, Creatinine(), false),
        (LabAnalyte.Gfr, Gfr(), false),
        (LabAnalyte.Gfr, GfrExact(), true),
        (LabAnalyte.Bilirubin, Bilirubin(), false),
        (LabAnalyte.Alt, Alt(), false),
        (LabAnalyte.Ast, Ast(), false),
        (LabAnalyte.Calcium, Calcium(), false),
        (LabAnalyte.Potassium, Potassium(), false),
        (LabAnalyte.Potassium, PotassiumSymbol(), true),
        (LabAnalyte.Sodium, Sodium(), false),
        (LabAnalyte.Sodium, SodiumSymbol(), true),
    ];

    [GeneratedRegex(@"(?<![\p{L}\d])(?:(?<plt>thrombopenie|thrombocytopenie|thrombocytopenia|thrombocytose|thrombocytosis)|(?<pnn>neutropenie|neutropenia|agranulocytose|agranulocytosis)|(?<hb>anemie|anaemia|anemia)|(?<wbc>leucopenie|leukopenia|hyperleucocytose|leukocytosis)|(?<k>hyperkaliemie|hypokaliemie|hyperkalaemia|hyperkalemia|hypokalaemia|hypokalemia)|(?<ca>hypercalcemie|hypocalcemie|hypercalcaemia|hypercalcemia|hypocalcaemia|hypocalcemia)|(?<na>hyponatremie|hypernatremie|hyponatraemia|hyponatremia|hypernatraemia|hypernatremia))(?![\p{L}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex Condition();

    // Patterns run on folded text (lower case, no accents) unless marked exact.
    [GeneratedRegex(@"(?<![\p{L}\d])(?:h(?:ae|e|a)?moglobine?|hgb|hb)(?![\p{L}\d])(?!\s*a1|\s+glyqu|\s+glycat)", RegexOptions.CultureInvariant)]
    private static partial Regex Hemoglobin();

    [GeneratedRegex(@"(?<![\p{L}\d])(?:polynucleaires\s+neutrophiles|poly(?:nucleaires)?\.?\s+neutro(?:philes)?|(?:absolute\s+)?neutrophils?(?:\s+count)?|neutrophiles|neutro|pnn|anc)(?![\p{L}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex Neutrophils();

    [GeneratedRegex(@"(?<![\p{L}\d])(?:leucocytes|leukocytes?|globules\s+blancs|white\s+(?:blood\s+)?cells?(?:\s+count)?|white\s+cell\s+count|wbc)(?![\p{L}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex Leukocytes();

    [GeneratedRegex(@"(?<![\p{L}\d])GB(?![\p{L}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex LeukocytesUpper();

    [GeneratedRegex(@"(?<![\p{L}\d])(?:plaquettes|platelets?(?:\s+count)?|plt|thrombocytes)(?![\p{L}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex Platelets();

    [GeneratedRegex(@"(?<![\p{L}\d])(?:creatininemie|(?:serum\s+)?creatinine(?:\s+(?:serique|sanguine|plasmatique))?|creat)(?![\p{L}\d])(?!\s+clearance)", RegexOptions.CultureInvariant)]
    private static partial Regex Creatinine();

    [GeneratedRegex(@"(?<![\p{L}\d])(?:debit\s+de\s+filtration\s+glomerulaire(?:\s+estime)?|(?:estimated\s+)?glomerular\s+filtration\s+rate|clairance\s+(?:de\s+la\s+)?(?:creatinine|mdrd|ckd-epi|cockcroft)|creatinine\s+clearance)(?![\p{L}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex Gfr();

    // Exact case: "eGFR" is the filtration rate, "EGFR" the gene.
    [GeneratedRegex(@"(?<![\p{L}\d])(?:eGFR|GFR|DFGe?|eDFG|ClCr)(?![\p{L}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex GfrExact();

    [GeneratedRegex(@"(?<![\p{L}\d])(?<!direct\s|conjugated\s|indirect\s|unconjugated\s)(?:bilirubinemie|bilirubine(?:\s+totale)?|(?:total\s+)?bilirubin(?:\s+total)?|bili\s*t)(?![\p{L}\d])(?!\s+(?:conjugu|direct|libre|indirect|non\s+conjugu))", RegexOptions.CultureInvariant)]
    private static partial Regex Bilirubin();

    [GeneratedRegex(@"(?<![\p{L}\d])(?:transaminases\s+alat(?:\s*\(tgp\))?|alanine\s+(?:amino)?transferase|alanine\s+transaminase|alat|alt|tgp|sgpt)(?![\p{L}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex Alt();

    [GeneratedRegex(@"(?<![\p{L}\d])(?:transaminases\s+asat(?:\s*\(tgo\))?|aspartate\s+(?:amino)?transferase|aspartate\s+transaminase|asat|ast|tgo|sgot)(?![\p{L}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex Ast();

    [GeneratedRegex(@"(?<![\p{L}\d])(?:calcemie(?:\s+corrigee)?|(?:corrected|adjusted)\s+calcium|calcium(?:\s+(?:corrige|serique|total|corrected|adjusted))?|ca\s?2\+|ca\+\+)(?![\p{L}\d])(?!\s+ionis|\s+ionized)", RegexOptions.CultureInvariant)]
    private static partial Regex Calcium();

    [GeneratedRegex(@"(?<![\p{L}\d])(?:kaliemie|potassium|k\+)(?![\p{L}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex Potassium();

    // A bare "K" or "Na" counts only right before a value in mmol/L or mEq/L.
    [GeneratedRegex(@"(?<![\p{L}\d])K(?=[\s:=]*\d+(?:[.,]\d+)?\s*(?:mmol|mEq|mM))", RegexOptions.CultureInvariant)]
    private static partial Regex PotassiumSymbol();

    [GeneratedRegex(@"(?<![\p{L}\d])(?:natremie|sodium|na\+)(?![\p{L}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex Sodium();

    [GeneratedRegex(@"(?<![\p{L}\d])Na(?=[\s:=]*\d+(?:[.,]\d+)?\s*(?:mmol|mEq|mM))", RegexOptions.CultureInvariant)]
    private static partial Regex SodiumSymbol();
}
