using System.Globalization;
using System.Text.RegularExpressions;

namespace MedSummary.Extraction.Rules;

/// <summary>Shared pieces for biomarker statements (ER, PR, HER2, Ki-67): marker names, percentages, windows.</summary>
internal static partial class MarkerText
{
    /// <summary>
    /// The value window after a marker name: up to <paramref name="max"/> characters, cut at the next marker name,
    /// a blank line or a sentence end, so that "ER positive, PR negative" gives each marker its own value.
    /// </summary>
    public static int WindowEnd(string text, int start, int max = 120)
    {
        var limit = Math.Min(text.Length, start + max);
        var next = AnyMarker().Match(text, start, limit - start);
        if (next.Success)
        {
            limit = next.Index;
        }

        var sawWord = false;
        var depth = 0;
        for (var i = start; i < limit; i++)
        {
            var c = text[i];
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && depth > 0)
            {
                depth--;
            }
            else if ((char.IsLetterOrDigit(c) || c is '+' or '%') && depth == 0)
            {
                sawWord = true;
            }

            // A separator right after the name, before any value, is a table cell or a broken line ("ER. Positive",
            // "HER2 (HercepTest;. negative"): OCR and exports turn cell borders and line ends into periods. A bracket
            // still open there (the clone's name) was broken by the same line end.
            if (c is ';' or '.' && !sawWord)
            {
                depth = 0;
                continue;
            }

            if (c == ';')
            {
                return i;
            }

            if (c == '.' && (i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1])) && !(i > start && char.IsDigit(text[i - 1]) && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                return i;
            }

            if (c == '\n')
            {
                var j = i + 1;
                while (j < limit && text[j] is ' ' or '\t' or '\r')
                {
                    j++;
                }

                if (j < limit && text[j] == '\n')
                {
                    return i;
                }
            }
        }

        return limit;
    }

    /// <summary>
    /// True when what follows <paramref name="position"/> says the result before it is a control's ("positive and
    /// negative controls", "known HER2 amplified control tissue", "témoins internes"), not the tumour's.
    /// </summary>
    public static bool IsControlAfter(string text, int position) => ControlAfter().IsMatch(text, position);

    /// <summary>
    /// True when <paramref name="window"/> (the words between a marker's name and a value) says no result exists yet:
    /// "pending", "requested", "en attente", "à rechercher", "non réalisé", "not interpretable".
    /// </summary>
    public static bool IsNotDone(string window) => NotDone().IsMatch(window);

    /// <summary>True when the words right after <paramref name="position"/> say the test named before it has no result yet ("dMMR testing requested").</summary>
    public static bool IsNotDoneAfter(string text, int position) => NotDoneAfter().IsMatch(text, Math.Clamp(position, 0, text.Length));

    private const string NotDonePattern =
        @"pending|en\s+cours|en\s+attente|requested|demand[ée]e?s?|à\s+(?:rechercher|faire|pr[ée]voir|demander)|to\s+(?:follow|be\s+(?:done|performed|requested))|not\s+(?:yet\s+)?(?:performed|done|assessed|available|evaluable|interpretable|contributory)|non\s+(?:fait|r[ée]alis|[ée]valu|contributi|interpr|disponible)\p{L}*|ininterpr\p{L}*|uninterpret\p{L}*|insufficient|insuffisant\p{L}*";

    [GeneratedRegex(NotDonePattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotDone();

    [GeneratedRegex(@"\G\s*[:=]?\s*(?:(?:testing|test|tests|status|statut|analysis|analyse|screening|recherche|IHC)\s+)?(?:" + NotDonePattern + ")", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotDoneAfter();

    /// <summary>A result label ("Results:", "Interprétation :", "Conclusion:") after which a marker's value is read.</summary>
    [GeneratedRegex(@"(?<![\p{L}])(?:results?|r[ée]sultats?|interpretation|interpr[ée]tation|conclusion)\s*[:=]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex ResultLabel();

    /// <summary>True when a marker name stands in [from, to).</summary>
    public static bool HasMarker(string text, int from, int to) =>
        to > from && AnyMarker().Match(text, from, Math.Min(text.Length, to) - from).Success;

    /// <summary>A percentage as written: "90%", "90 %", "&lt;1%", "1-10%", "10 à 15 %", "environ 30%".</summary>
    public static Match Percent(string text, int start, int end) => PercentPattern().Match(text, start, end - start);

    /// <summary>Normalizes a percentage match: "90%", "&lt;1%", "&gt;90%", "1-10%", "2.5%"; null when out of 0..100.</summary>
    public static string? NormalizePercent(Match m, out double? lower, out double? upper)
    {
        lower = null;
        upper = null;
        var a = ParseNumber(m.Groups["a"].Value);
        if (a is null or > 100)
        {
            return null;
        }

        var cmp = m.Groups["cmp"].Value.Trim().ToLowerInvariant();
        string prefix = cmp switch
        {
            "<" or "less than" or "moins de" or "inférieur à" or "inferieur à" => "<",
            "≤" => "≤",
            ">" or "more than" or "greater than" or "plus de" or "supérieur à" or "superieur à" => ">",
            "≥" => "≥",
            _ => "",
        };

        if (m.Groups["b"].Success)
        {
            var b = ParseNumber(m.Groups["b"].Value);
            if (b is null or > 100 || b < a)
            {
                return null;
            }

            lower = a;
            upper = b;
            return $"{Format(a.Value)}-{Format(b.Value)}%";
        }

        switch (prefix)
        {
            case "<" or "≤":
                lower = 0;
                upper = a;
                break;
            case ">" or "≥":
                lower = a;
                upper = 100;
                break;
            default:
                lower = a;
                upper = a;
                break;
        }

        return prefix + Format(a.Value) + "%";
    }

    private static double? ParseNumber(string s) =>
        double.TryParse(s.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static string Format(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    [GeneratedRegex(
        @"(?<![\d.,])(?:(?<cmp>[<>≤≥]|less\s+than|more\s+than|greater\s+than|moins\s+de|plus\s+de|inf[ée]rieur\s+[àa]|sup[ée]rieur\s+[àa])\s?)?(?:(?:approximately|approx\.?|about|around|environ|~|≈|env\.)\s?)?(?<a>\d{1,3}(?:[.,]\d{1,2})?)\s?(?:%\s?)?(?:(?:-|–|à|to)\s?(?<b>\d{1,3}(?:[.,]\d{1,2})?)\s?)?%",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PercentPattern();

    [GeneratedRegex(
        @"\G\s*(?:(?:and|et)\s+(?:negative|positive|n[ée]gatifs?|positifs?)\s+)?(?:controls?|t[ée]moins?|contr[ôo]les?|internal)(?![\p{L}])|\G\s+(?:control|t[ée]moin)\s+(?:tissue|slides?|tissu|lames?)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ControlAfter();

    [GeneratedRegex(
        @"(?-i:\bER\b|\bERs\b|\bRE\b|\bRO\b|\bPR\b|\bPgR\b|\bPGR\b|\bRP\b|\bRPg\b|\bAR\b|\bEGFR\b|\bCK\s?\d|\bp53\b|\bTTF-?1\b|\bPD-?L1\b)|(?:œ|o?e)strog[eèé]n|progest[eé]ron|HER[- ]?2|c-?erb|ERBB2|Ki[- ]?67|MIB[- ]?1|androgen|prolif[ée]ration|proliferati",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnyMarker();
}
