using System.Globalization;
using System.Text.RegularExpressions;
using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Rules;

/// <summary>How much of a date a text gives.</summary>
public enum DatePrecision
{
    Year,
    Month,
    Day,
}

/// <summary>One date written in a text: where, as written, and in ISO 8601 ("2023-03-12", "2023-03", "2023").</summary>
public sealed record DateMention(TextSpan Span, string Text, string Iso, DatePrecision Precision, bool DayMonthAmbiguous);

/// <summary>
/// Finds every calendar date in a text, French and English: "2023-03-12", "12/03/2023", "12.03.2023", "03/12/23",
/// "12 mars 2023", "1er mars 2023", "March 12, 2023", "Jan. 5, 2010", "12 March 2023", "29-Sep-2023", "05JAN2010",
/// "Mar 2023", "mars 2023", "janv. 2019", "September of 2018", "03/2023", "2023-03", "03-2023".
/// Reusable beyond the diagnosis date (timelines, treatment dates).
/// </summary>
/// <remarks>
/// Numeric day/month order: a part above 12 decides; otherwise the document language does: English documents are read
/// month first (US convention, as in most English reports we receive), every other language (French, undetermined)
/// day first. Such readings are flagged <see cref="DateMention.DayMonthAmbiguous"/> so callers can lower their
/// confidence. Two-digit years are read 1950-2049. Impossible dates (31/02) are not dates. Year-only mentions are not
/// returned (a bare "2019" is as often a count or a code); callers that expect a year after a cue read it themselves.
/// Nor are approximate dates ("mid-2018", "début 2019", "spring 2020"): they name no month, and a month or a day is
/// never invented; <see cref="DiagnosisDateExtractor"/> reads their year after a diagnosis cue. A month without a day
/// stays a month ("2019-03"). Numeric dates as OCR prints them are read too: spaces around the separators
/// ("12 / 03 / 2019") and the letters O, I and l for 0 and 1 ("2019-O3-12"); the mention keeps the text as written.
/// </remarks>
public static partial class DateExtractor
{
    public static IReadOnlyList<DateMention> FindAll(string text, string language) =>
        FindAll(text, monthFirst: string.Equals(language, "en", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The numeric day/month order a whole document shows, for reading its ambiguous dates: month first when one of
    /// its numeric dates can only be read month first ("03/25/2023") and none only day first, day first in the
    /// opposite case ("25/03/2023": a British letter), the language's default when it shows neither or both. So a
    /// British letter that writes "25/03/2023" in its header reads "DOB 06/01/1948" as 6 January, not 1 June.
    /// </summary>
    public static bool MonthFirst(string documentText, string language)
    {
        ArgumentNullException.ThrowIfNull(documentText);
        bool dayFirstSeen = false, monthFirstSeen = false;
        foreach (Match m in NumericDate().Matches(OcrDigits(documentText)))
        {
            var (a, b) = (Int(m, "a"), Int(m, "b"));
            dayFirstSeen |= a > 12 && a <= 31 && b is >= 1 and <= 12;
            monthFirstSeen |= b > 12 && b <= 31 && a is >= 1 and <= 12;
        }

        return dayFirstSeen == monthFirstSeen ? string.Equals(language, "en", StringComparison.OrdinalIgnoreCase) : monthFirstSeen;
    }

    /// <summary>Every date of <paramref name="text"/>, reading numeric dates whose parts are both 12 or less in the given order.</summary>
    public static IReadOnlyList<DateMention> FindAll(string text, bool monthFirst)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<DateMention>();

        // Numeric patterns run on a copy whose OCR letters in numeric dates are digits; it has the same length, so a
        // match's offsets are the original text's.
        var digits = OcrDigits(text);

        // Impossible dates keep their text: "31 février 2023" must not leave "février 2023" to the month-year pattern.
        var impossible = new List<TextSpan>();

        void Add(Match m, int year, int month, int day, bool ambiguous)
        {
            var span = new TextSpan(m.Index, m.Index + m.Length);
            if (found.Any(f => f.Span.Overlaps(span)) || impossible.Any(i => i.Overlaps(span)))
            {
                return;
            }

            string iso;
            DatePrecision precision;
            if (day > 0)
            {
                if (month is < 1 or > 12 || day > DateTime.DaysInMonth(year, month))
                {
                    impossible.Add(span);
                    return;
                }

                iso = string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}-{day:D2}");
                precision = DatePrecision.Day;
            }
            else
            {
                if (month is < 1 or > 12)
                {
                    return;
                }

                iso = string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}");
                precision = DatePrecision.Month;
            }

            found.Add(new DateMention(span, text.Substring(m.Index, m.Length), iso, precision, ambiguous));
        }

        foreach (Match m in IsoDate().Matches(digits))
        {
            Add(m, Int(m, "y"), Int(m, "m"), Int(m, "d"), false);
        }

        foreach (Match m in DayMonthNameYear().Matches(text))
        {
            if (Month(m.Groups["mon"].Value) is { } month && Year(m.Groups["y"].Value) is { } year)
            {
                Add(m, year, month, Int(m, "d"), false);
            }
        }

        foreach (Match m in DayMonthNameYearHyphenated().Matches(text))
        {
            if (Month(m.Groups["mon"].Value) is { } month && Year(m.Groups["y"].Value) is { } year)
            {
                Add(m, year, month, Int(m, "d"), false);
            }
        }

        // Before month-year names, which would take "JAN2010" out of "05JAN2010".
        foreach (Match m in CompactDate().Matches(text))
        {
            if (Month(m.Groups["mon"].Value) is { } month && Year(m.Groups["y"].Value) is { } year)
            {
                Add(m, year, month, Int(m, "d"), false);
            }
        }

        foreach (Match m in MonthNameDayYear().Matches(text))
        {
            if (Month(m.Groups["mon"].Value) is { } month && Year(m.Groups["y"].Value) is { } year)
            {
                Add(m, year, month, Int(m, "d"), false);
            }
        }

        foreach (Match m in NumericDate().Matches(digits))
        {
            if (Year(m.Groups["y"].Value) is not { } year)
            {
                continue;
            }

            var a = Int(m, "a");
            var b = Int(m, "b");
            int day, month;
            var ambiguous = false;
            if (a > 12 && b <= 12)
            {
                (day, month) = (a, b);
            }
            else if (b > 12 && a <= 12)
            {
                (month, day) = (a, b);
            }
            else if (a <= 12 && b <= 12)
            {
                ambiguous = a != b;
                (day, month) = monthFirst ? (b, a) : (a, b);
            }
            else
            {
                continue;
            }

            if (day < 1)
            {
                continue;
            }

            Add(m, year, month, day, ambiguous);
        }

        foreach (Match m in MonthNameYear().Matches(text))
        {
            if (Month(m.Groups["mon"].Value) is { } month && Year(m.Groups["y"].Value) is { } year)
            {
                Add(m, year, month, 0, false);
            }
        }

        foreach (Match m in IsoMonth().Matches(digits))
        {
            // "2010-12" may be the years 2010 to 2012; "2019-03" cannot be a range, its end would precede its start.
            if (Year(m.Groups["y"].Value) is { } year && !(year >= 2000 && Int(m, "m") > year % 100))
            {
                Add(m, year, Int(m, "m"), 0, false);
            }
        }

        foreach (Match m in NumericMonthYear().Matches(digits))
        {
            if (Year(m.Groups["y"].Value) is { } year)
            {
                Add(m, year, Int(m, "m"), 0, false);
            }
        }

        found.Sort((x, y) => x.Span.Start.CompareTo(y.Span.Start));
        return found;
    }

    /// <summary>Month number of a French or English month name or abbreviation, or null.</summary>
    internal static int? Month(string name)
    {
        var n = name.Trim().TrimEnd('.').ToLowerInvariant()
            .Replace('é', 'e').Replace('è', 'e').Replace('û', 'u').Replace('ê', 'e');
        if (n.Length < 3)
        {
            return null;
        }

        return n[..3] switch
        {
            "jan" => 1,
            "feb" or "fev" => 2,
            "mar" when n.StartsWith("mars", StringComparison.Ordinal) || n is "mar" || n.StartsWith("march", StringComparison.Ordinal) => 3,
            "apr" or "avr" => 4,
            "may" or "mai" => 5,
            "jun" or "jui" when n.StartsWith("juin", StringComparison.Ordinal) || n.StartsWith("jun", StringComparison.Ordinal) => 6,
            "jul" or "jui" => 7,
            "aug" or "aou" => 8,
            "sep" => 9,
            "oct" => 10,
            "nov" => 11,
            "dec" => 12,
            _ => null,
        };
    }

    internal static int? Year(string raw)
    {
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
        {
            return null;
        }

        if (raw.Length == 2)
        {
            y += y < 50 ? 2000 : 1900;
        }

        return y is >= 1900 and <= 2099 ? y : null;
    }

    /// <summary>The text with O, o, I and l read as digits inside numeric dates ("2019-O3-12"), same length.</summary>
    private static string OcrDigits(string text) =>
        OcrNumericDate().Replace(text, m =>
        {
            // Mostly digits: "I-II-III" or "lO.lO.lO" are not dates.
            var letters = m.Value.Count(c => c is 'O' or 'o' or 'I' or 'l');
            return letters is > 0 and <= 2 && m.Value.Count(char.IsAsciiDigit) >= 4
                ? m.Value.Replace('O', '0').Replace('o', '0').Replace('I', '1').Replace('l', '1')
                : m.Value;
        });

    private static int Int(Match m, string group) =>
        m.Groups[group].Success ? int.Parse(m.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;

    private const string MonthNames =
        @"(?:janv(?:ier)?|f[ée]vr?(?:ier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t|sept(?:embre)?|oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?|january|jan|february|feb|march|mar|april|apr|(?-i:May|MAY)|june|jun|july|jul|august|aug|september|sep|october|november|december|dec)\.?";

    // OCR puts spaces around separators ("2019 / 03 / 12"), one at most on each side.
    [GeneratedRegex(@"(?<![\d/.-])(?<y>(?:19|20)\d{2})\x20?(?<sep>[-/.])\x20?(?<m>0?[1-9]|1[0-2])\x20?\k<sep>\x20?(?<d>3[01]|[12]\d|0?[1-9])(?!\d)(?![/.-]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    // A year and a month: "2019-03", "2019/03". Not "2019-2020" (a range) nor the start of a full date.
    [GeneratedRegex(@"(?<![\p{L}\d/.-])(?<y>(?:19|20)\d{2})[-/](?<m>0[1-9]|1[0-2])(?![\d]|\x20?[/.-]\x20?\d)", RegexOptions.CultureInvariant)]
    private static partial Regex IsoMonth();

    [GeneratedRegex(@"(?<![\d/.,-])(?<a>[0-3]?\d)\x20?(?<sep>[/.-])\x20?(?<b>[0-3]?\d)\x20?\k<sep>\x20?(?<y>(?:19|20)\d{2}|(?<=/\d{1,2}/)\d{2})(?![\d]|[/.-]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"(?<![\p{L}\d])(?<d>[0-3]?\d)(?:er|st|nd|rd|th)?\s+(?:of\s+)?(?<mon>" + MonthNames + @")\s*,?\s+(?<y>(?:19|20)\d{2})(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DayMonthNameYear();

    // Hospital systems print "29-Sep-2023" and "12-Oct-23".
    [GeneratedRegex(@"(?<![\p{L}\d])(?<d>[0-3]?\d)[-‑](?<mon>" + MonthNames + @")[-‑](?<y>(?:19|20)\d{2}|\d{2})(?![\d])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DayMonthNameYearHyphenated();

    [GeneratedRegex(@"(?<![\p{L}])(?<mon>" + MonthNames + @")\s+(?<d>[0-3]?\d)(?:st|nd|rd|th)?\s*,?\s+(?<y>(?:19|20)\d{2})(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MonthNameDayYear();

    [GeneratedRegex(@"(?<![\p{L}])(?<mon>" + MonthNames + @")\s*,?\s*(?:de\s+|d['’]\s?|of\s+)?(?<y>(?:19|20)\d{2})(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MonthNameYear();

    // "03/2019", "3.2019", and with a hyphen only a two-digit month ("03-2019"): "3-2019" reads as a range, and
    // "S12-2019" as an accession number.
    [GeneratedRegex(@"(?<![\d/.-])(?:(?<m>0?[1-9]|1[0-2])[/.]|(?<![\p{L}])(?<m>0[1-9]|1[0-2])-)(?<y>(?:19|20)\d{2})(?![\d]|[/.-]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex NumericMonthYear();

    // Laboratory and hospital systems glue day, month and year: "05JAN2010", "5jan10".
    [GeneratedRegex(@"(?<![\p{L}\d])(?<d>[0-3]?\d)(?<mon>jan|feb|f[ée]v|mar|apr|avr|may|mai|jun|jul|aug|ao[uû]|sep|oct|nov|dec|d[ée]c)(?<y>(?:19|20)\d{2}|\d{2})(?![\p{L}\d])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CompactDate();

    // A numeric date in OCR, digits possibly read as letters: "2019-O3-12", "l2/03/2019".
    [GeneratedRegex(@"(?<![\p{L}\p{N}])[\dOoIl]{1,4}\x20?[/.-]\x20?[\dOoIl]{1,2}\x20?[/.-]\x20?[\dOoIl]{2,4}(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex OcrNumericDate();
}
