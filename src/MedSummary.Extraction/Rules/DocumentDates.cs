using System.Text.RegularExpressions;

namespace MedSummary.Extraction.Rules;

/// <summary>Which way a document writes numeric dates.</summary>
public enum NumericDateOrder
{
    /// <summary>No evidence either way: the language rule of <see cref="DateExtractor"/> applies.</summary>
    Unknown,

    /// <summary>"31/08/2023": day first (French, British).</summary>
    DayFirst,

    /// <summary>"08/31/2023": month first (US).</summary>
    MonthFirst,
}

/// <summary>
/// Every date of a document, with ambiguous numeric dates ("12/10/2023") read the way the document itself writes
/// its unambiguous ones ("20/09/2023" says day first). British letters are written in English but day first, so the
/// language alone reads them wrongly; a document without such evidence follows the dossier's, then the language rule.
/// </summary>
public static partial class DocumentDates
{
    /// <summary>The order a text's unambiguous numeric dates show; Unknown when they disagree or there are none.</summary>
    public static NumericDateOrder Infer(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dayFirst = 0;
        var monthFirst = 0;
        foreach (Match m in Numeric().Matches(text))
        {
            var a = int.Parse(m.Groups["a"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var b = int.Parse(m.Groups["b"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (a > 12 && b is >= 1 and <= 12)
            {
                dayFirst++;
            }
            else if (b > 12 && a is >= 1 and <= 12)
            {
                monthFirst++;
            }
        }

        return (dayFirst, monthFirst) switch
        {
            ( > 0, 0) => NumericDateOrder.DayFirst,
            (0, > 0) => NumericDateOrder.MonthFirst,
            _ when dayFirst >= 3 * monthFirst && dayFirst > 0 => NumericDateOrder.DayFirst,
            _ when monthFirst >= 3 * dayFirst && monthFirst > 0 => NumericDateOrder.MonthFirst,
            _ => NumericDateOrder.Unknown,
        };
    }

    /// <summary>The order most of a dossier's documents show, for documents that show none themselves.</summary>
    public static NumericDateOrder DossierOrder(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var orders = texts.Select(Infer).Where(o => o != NumericDateOrder.Unknown).ToList();
        var dayFirst = orders.Count(o => o == NumericDateOrder.DayFirst);
        var monthFirst = orders.Count - dayFirst;
        return dayFirst > monthFirst ? NumericDateOrder.DayFirst
            : monthFirst > dayFirst ? NumericDateOrder.MonthFirst
            : NumericDateOrder.Unknown;
    }

    /// <summary>
    /// The dates of <paramref name="text"/>: ambiguous numeric dates follow the text's own order, else
    /// <paramref name="fallback"/>, else the language rule. Mentions read by evidence are no longer flagged ambiguous.
    /// </summary>
    public static IReadOnlyList<DateMention> Find(string text, string language, NumericDateOrder fallback = NumericDateOrder.Unknown)
    {
        var mentions = DateExtractor.FindAll(text, language);
        var order = Infer(text);
        if (order == NumericDateOrder.Unknown)
        {
            order = fallback;
        }

        if (order == NumericDateOrder.Unknown)
        {
            return mentions;
        }

        var languageMonthFirst = string.Equals(language, "en", StringComparison.OrdinalIgnoreCase);
        var swap = languageMonthFirst != (order == NumericDateOrder.MonthFirst);
        var result = new List<DateMention>(mentions.Count);
        foreach (var m in mentions)
        {
            if (!m.DayMonthAmbiguous || m.Precision != DatePrecision.Day)
            {
                result.Add(m);
                continue;
            }

            result.Add(m with { Iso = swap ? SwapDayMonth(m.Iso) : m.Iso, DayMonthAmbiguous = false });
        }

        return result;
    }

    /// <summary>"2023-03-12" read the other way: "2023-12-03"; only called on dates whose day and month are both 12 or less.</summary>
    public static string SwapDayMonth(string iso) => string.Concat(iso.AsSpan(0, 5), iso.AsSpan(8, 2), "-", iso.AsSpan(5, 2));

    [GeneratedRegex(@"(?<![\d/.-])(?<a>[0-3]?\d)[/.-](?<b>[0-3]?\d)[/.-](?:19|20)?\d{2}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Numeric();
}
