using System.Globalization;

namespace MedSummary.Samples.Generation;

/// <summary>Dates as clinicians write them, varied within the dossier's convention (never ambiguous in US style).</summary>
internal static class DateText
{
    private static readonly string[] FrenchMonths =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    /// <summary>A day, in one of the convention's usual forms.</summary>
    public static string Day(DateOnly date, DateStyle style, Rng rng) => style switch
    {
        DateStyle.French => rng.Weighted(
            (Numeric(date, style), 0.5),
            (FrenchLong(date), 0.35),
            (date.ToString("dd/MM/yy", English), 0.08),
            (date.ToString("dd.MM.yyyy", English), 0.07)),
        DateStyle.British => rng.Weighted(
            (Numeric(date, style), 0.45),
            (date.ToString("d MMMM yyyy", English), 0.45),
            (date.ToString("dd-MMM-yyyy", English), 0.1)),
        _ => rng.Weighted(
            (date.ToString("MMMM d, yyyy", English), 0.6),
            (date.Day > 12 ? date.ToString("MM/dd/yyyy", English) : date.ToString("MMM d, yyyy", English), 0.25),
            (date.ToString("MMM d, yyyy", English), 0.15)),
    };

    /// <summary>The form used in headers and tables: numeric where unambiguous.</summary>
    public static string Numeric(DateOnly date, DateStyle style) => style switch
    {
        DateStyle.American => date.Day > 12 ? date.ToString("MM/dd/yyyy", English) : date.ToString("MMM d, yyyy", English),
        _ => date.ToString("dd/MM/yyyy", English),
    };

    /// <summary>A month only ("mars 2023", "March 2023"), for events whose day is not known.</summary>
    public static string Month(DateOnly date, DateStyle style, Rng rng) => style switch
    {
        DateStyle.French => rng.Chance(0.8) ? $"{FrenchMonths[date.Month - 1]} {date.Year}" : date.ToString("MM/yyyy", English),
        _ => date.ToString("MMMM yyyy", English),
    };

    public static string FrenchLong(DateOnly date) =>
        $"{(date.Day == 1 ? "1er" : date.Day.ToString(English))} {FrenchMonths[date.Month - 1]} {date.Year}";

    /// <summary>The place-and-date line of a letter: "Valmont, le 14 mars 2023" / "14 March 2023".</summary>
    public static string LetterDate(DateOnly date, DateStyle style, string town) => style switch
    {
        DateStyle.French => $"{town}, le {FrenchLong(date)}",
        DateStyle.British => date.ToString("d MMMM yyyy", English),
        _ => date.ToString("MMMM d, yyyy", English),
    };

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", English);

    public static string IsoMonth(DateOnly date) => date.ToString("yyyy-MM", English);
}
