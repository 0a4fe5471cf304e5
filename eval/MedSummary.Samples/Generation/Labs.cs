using System.Globalization;
using MedSummary.Core.Gold;

namespace MedSummary.Samples.Generation;

/// <summary>Unit conventions: French SI, British SI (g/L haemoglobin) and US conventional units.</summary>
internal enum UnitSystem
{
    French,
    British,
    American,
}

/// <summary>
/// One laboratory test: names in each language, its reference range in canonical (French SI) units, how far
/// outside it a "clearly abnormal" value lies, and the conversion to other unit systems.
/// </summary>
internal sealed record Analyte(
    string Key,
    string[] French,
    string[] English,
    string FrenchUnit,
    string BritishUnit,
    string AmericanUnit,
    double Low,
    double High,
    int Decimals,
    double BritishFactor = 1,
    double AmericanFactor = 1,
    int? BritishDecimals = null,
    int? AmericanDecimals = null,
    double? FemaleLow = null,
    double? FemaleHigh = null)
{
    public string Unit(UnitSystem system) => system switch
    {
        UnitSystem.French => FrenchUnit,
        UnitSystem.British => BritishUnit,
        _ => AmericanUnit,
    };

    public double Convert(double canonical, UnitSystem system) => system switch
    {
        UnitSystem.French => canonical,
        UnitSystem.British => canonical * BritishFactor,
        _ => canonical * AmericanFactor,
    };

    public int DecimalsIn(UnitSystem system) => system switch
    {
        UnitSystem.French => Decimals,
        UnitSystem.British => BritishDecimals ?? Decimals,
        _ => AmericanDecimals ?? Decimals,
    };

    public (double Low, double High) Range(Sex sex) =>
        sex == Sex.Female ? (FemaleLow ?? Low, FemaleHigh ?? High) : (Low, High);
}

internal static class Labs
{
    public static readonly Analyte Hemoglobin = new(
        GoldLabs.Hemoglobin, ["Hémoglobine", "Hb"], ["Haemoglobin", "Hemoglobin", "Hb"], "g/dL", "g/L", "g/dL", 13.0, 17.0, 1,
        BritishFactor: 10, BritishDecimals: 0, FemaleLow: 12.0, FemaleHigh: 16.0);

    public static readonly Analyte Leukocytes = new(
        GoldLabs.Leukocytes, ["Leucocytes", "GB"], ["White cell count", "WBC"], "G/L", "x10^9/L", "K/uL", 4.0, 10.0, 1);

    public static readonly Analyte Neutrophils = new(
        GoldLabs.Neutrophils, ["Polynucléaires neutrophiles", "PNN"], ["Neutrophils", "ANC"], "G/L", "x10^9/L", "K/uL", 1.8, 7.5, 2);

    public static readonly Analyte Lymphocytes = new(
        "lymphocytes", ["Lymphocytes"], ["Lymphocytes"], "G/L", "x10^9/L", "K/uL", 1.0, 4.0, 2);

    public static readonly Analyte Platelets = new(
        GoldLabs.Platelets, ["Plaquettes"], ["Platelets", "PLT"], "G/L", "x10^9/L", "K/uL", 150, 400, 0);

    public static readonly Analyte Sodium = new(
        GoldLabs.Sodium, ["Sodium", "Na+"], ["Sodium", "Na"], "mmol/L", "mmol/L", "mmol/L", 136, 145, 0);

    public static readonly Analyte Potassium = new(
        GoldLabs.Potassium, ["Potassium", "K+"], ["Potassium", "K"], "mmol/L", "mmol/L", "mmol/L", 3.5, 5.1, 1);

    public static readonly Analyte Creatinine = new(
        GoldLabs.Creatinine, ["Créatinine", "Créatininémie"], ["Creatinine"], "µmol/L", "µmol/L", "mg/dL", 59, 104, 0,
        AmericanFactor: 1 / 88.4, AmericanDecimals: 2, FemaleLow: 45, FemaleHigh: 90);

    public static readonly Analyte Gfr = new(
        GoldLabs.Gfr, ["DFG (CKD-EPI)", "Débit de filtration glomérulaire estimé"], ["eGFR (CKD-EPI)", "eGFR"],
        "mL/min/1,73m²", "mL/min/1.73m²", "mL/min/1.73m²", 90, 130, 0);

    public static readonly Analyte Calcium = new(
        GoldLabs.Calcium, ["Calcémie corrigée", "Calcium corrigé"], ["Adjusted calcium", "Corrected calcium"], "mmol/L", "mmol/L", "mg/dL", 2.20, 2.60, 2,
        AmericanFactor: 4.008, AmericanDecimals: 1);

    public static readonly Analyte Bilirubin = new(
        GoldLabs.Bilirubin, ["Bilirubine totale"], ["Total bilirubin", "Bilirubin"], "µmol/L", "µmol/L", "mg/dL", 3, 17, 0,
        AmericanFactor: 1 / 17.1, AmericanDecimals: 1);

    public static readonly Analyte Ast = new(
        GoldLabs.Ast, ["ASAT", "Transaminases ASAT (TGO)"], ["AST"], "UI/L", "U/L", "U/L", 10, 35, 0);

    public static readonly Analyte Alt = new(
        GoldLabs.Alt, ["ALAT", "Transaminases ALAT (TGP)"], ["ALT"], "UI/L", "U/L", "U/L", 10, 35, 0);

    public static readonly Analyte Crp = new(
        "crp", ["CRP", "Protéine C réactive"], ["CRP", "C-reactive protein"], "mg/L", "mg/L", "mg/L", 0.5, 5, 1);

    public static readonly Analyte Albumin = new(
        "albumin", ["Albumine"], ["Albumin"], "g/L", "g/L", "g/dL", 35, 50, 0, AmericanFactor: 0.1, AmericanDecimals: 1);

    public static readonly Analyte Ca153 = new("ca15-3", ["CA 15-3"], ["CA 15-3"], "U/mL", "U/mL", "U/mL", 0, 30, 0);

    public static readonly Analyte Cea = new("cea", ["ACE"], ["CEA"], "ng/mL", "ug/L", "ng/mL", 0, 5, 1);

    public static readonly Analyte Psa = new("psa", ["PSA total"], ["PSA"], "ng/mL", "ug/L", "ng/mL", 0, 4, 2);

    public static readonly Analyte Cyfra = new("cyfra21-1", ["CYFRA 21-1"], ["CYFRA 21-1"], "ng/mL", "ng/mL", "ng/mL", 0, 3.3, 1);

    public static IReadOnlyList<Analyte> BloodCount { get; } = [Hemoglobin, Leukocytes, Neutrophils, Lymphocytes, Platelets];

    public static IReadOnlyList<Analyte> Chemistry { get; } = [Sodium, Potassium, Creatinine, Gfr, Calcium];

    public static IReadOnlyList<Analyte> Liver { get; } = [Bilirubin, Ast, Alt];

    public static Analyte ByKey(string key) =>
        BloodCount.Concat(Chemistry).Concat(Liver).Concat([Crp, Albumin, Ca153, Cea, Psa, Cyfra]).First(a => a.Key == key);

    /// <summary>A value comfortably inside the reference range (never flagged).</summary>
    public static double Normal(Rng rng, Analyte analyte, Sex sex)
    {
        var (low, high) = analyte.Range(sex);
        if (analyte == Gfr)
        {
            return rng.Between(92, 118);
        }

        var span = high - low;
        return Math.Round(rng.Between(low + (span * 0.15), high - (span * 0.15)), analyte.Decimals);
    }

    /// <summary>A value far enough outside the range that any clinician would flag it (roughly CTCAE grade 2 or worse).</summary>
    public static double Abnormal(Rng rng, Analyte analyte, string direction)
    {
        var value = (analyte.Key, direction) switch
        {
            (GoldLabs.Hemoglobin, _) => rng.Between(7.4, 9.6),
            (GoldLabs.Neutrophils, _) => rng.Between(0.42, 0.98),
            (GoldLabs.Leukocytes, _) => rng.Between(1.4, 2.6),
            (GoldLabs.Platelets, _) => rng.Between(42, 92),
            (GoldLabs.Creatinine, _) => rng.Between(138, 195),
            (GoldLabs.Gfr, _) => rng.Between(28, 52),
            (GoldLabs.Calcium, "high") => rng.Between(2.86, 3.25),
            (GoldLabs.Calcium, _) => rng.Between(1.78, 1.95),
            (GoldLabs.Potassium, "low") => rng.Between(2.7, 3.05),
            (GoldLabs.Potassium, _) => rng.Between(5.9, 6.4),
            (GoldLabs.Sodium, _) => rng.Between(122, 129),
            (GoldLabs.Bilirubin, _) => rng.Between(34, 68),
            (GoldLabs.Ast, _) => rng.Between(115, 260),
            (GoldLabs.Alt, _) => rng.Between(120, 290),
            _ => throw new ArgumentException($"No abnormal profile for {analyte.Key}.", nameof(analyte)),
        };
        return Math.Round(value, analyte.Decimals);
    }

    public static string Format(double value, int decimals, bool frenchDecimal) =>
        frenchDecimal
            ? value.ToString("F" + decimals, CultureInfo.InvariantCulture).Replace('.', ',')
            : value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    /// <summary>The value as the unit system prints it (French decimal comma in French).</summary>
    public static string Display(Analyte analyte, double canonical, UnitSystem system) =>
        Format(analyte.Convert(canonical, system), analyte.DecimalsIn(system), system == UnitSystem.French);

    public static string RangeText(Analyte analyte, Sex sex, UnitSystem system)
    {
        var (low, high) = analyte.Range(sex);
        var decimals = analyte.DecimalsIn(system);
        var french = system == UnitSystem.French;
        if (analyte == Gfr)
        {
            return "> " + Format(analyte.Convert(90, system), 0, french);
        }

        if (low <= 0)
        {
            return "< " + Format(analyte.Convert(high, system), decimals, french);
        }

        return $"{Format(analyte.Convert(low, system), decimals, french)} - {Format(analyte.Convert(high, system), decimals, french)}";
    }
}
