using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MedSummary.Core.Contract;
using MedSummary.Extraction.Rules;

namespace MedSummary.Extraction.Verification;

/// <summary>
/// What a sentence states that its cited quotes do not: dates, numbers (with number-bearing codes such as "pT2",
/// "HER2", "FEC100" and stage numerals such as "IIIA") and drug names. Empty lists: the sentence is supported.
/// Values are given as the sentence writes them, for review; never log them (they are patient text).
/// </summary>
public sealed record SentenceSupport(IReadOnlyList<string> MissingDates, IReadOnlyList<string> MissingNumbers, IReadOnlyList<string> MissingDrugs)
{
    public static SentenceSupport Supported { get; } = new([], [], []);

    /// <summary>True when every date, number and drug of the sentence appears in its cited quotes.</summary>
    public bool IsSupported => MissingDates.Count == 0 && MissingNumbers.Count == 0 && MissingDrugs.Count == 0;

    /// <summary>A one-line reason for a reviewer ("unsupported date(s): 12 March 2023; number(s): 8.2").</summary>
    public string Describe()
    {
        if (IsSupported)
        {
            return "supported";
        }

        var parts = new List<string>(3);
        if (MissingDates.Count > 0)
        {
            parts.Add("date(s): " + string.Join(", ", MissingDates));
        }

        if (MissingNumbers.Count > 0)
        {
            parts.Add("number(s): " + string.Join(", ", MissingNumbers));
        }

        if (MissingDrugs.Count > 0)
        {
            parts.Add("drug(s): " + string.Join(", ", MissingDrugs));
        }

        return "unsupported " + string.Join("; ", parts);
    }
}

/// <summary>
/// Checks that a generated or assembled sentence says nothing its citations do not: every date, number and drug
/// name in the sentence must appear in at least one cited quote. Wording is free; facts are not.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Dates are compared as calendar dates whatever their spelling: "12/03/2023", "12.03.2023", "12 mars 2023",
/// "March 12, 2023", "12-Mar-2023" and "2023-03-12" are one date. A numeric date whose day and month could be
/// swapped ("03/04/2023") is read both ways on both sides, since the sentence and the quote may come from different
/// conventions. A month ("March 2023") is supported by that month or any day in it; a day is never supported by its
/// month alone (that would invent precision). A bare year in the sentence is supported by the same number or by a
/// quoted date in that year.</item>
/// <item>Numbers are compared as values: "8,2", "8.2" and "8.20" are equal; numbers inside dates do not count.
/// Codes that carry digits after letters ("pT1c", "HER2", "Ki-67", "FEC100", "x3", "T-DM1") must appear in the
/// quotes (case, hyphens and spaces ignored; "T1" is found in "pT1c" but not in "T12"). Stage numerals of two or
/// more letters ("IIIA", "IV") must appear as words.</item>
/// <item>Drugs and regimens are compared by canonical name through <see cref="DrugLexicon"/>: "carboplatine" in a
/// quote supports "carboplatin"; "Herceptin" supports "trastuzumab".</item>
/// </list>
/// </remarks>
public static partial class SentenceSupportVerifier
{
    /// <summary>What <paramref name="sentence"/> states that none of <paramref name="citedQuotes"/> does.</summary>
    public static SentenceSupport Check(string sentence, IReadOnlyList<string> citedQuotes)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentNullException.ThrowIfNull(citedQuotes);
        var evidence = Evidence.From(citedQuotes);
        var claims = Facts.Of(sentence);

        var missingDates = claims.Dates
            .Where(d => !d.Readings.Any(evidence.SupportsDate))
            .Select(d => d.Text)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var missingNumbers = new List<string>();
        foreach (var (text, value) in claims.Numbers)
        {
            var supported = evidence.Numbers.Contains(value)
                || (IsYear(value) && evidence.Years.Contains((int)value));
            if (!supported)
            {
                missingNumbers.Add(text);
            }
        }

        foreach (var code in claims.Codes)
        {
            if (!evidence.ContainsCode(code))
            {
                missingNumbers.Add(code);
            }
        }

        foreach (var numeral in claims.Numerals)
        {
            if (!evidence.Numerals.Contains(numeral))
            {
                missingNumbers.Add(numeral);
            }
        }

        var missingDrugs = claims.Drugs
            .Where(d => !evidence.Drugs.Contains(d.Canonical))
            .Select(d => d.Text)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        return missingDates.Count == 0 && missingNumbers.Count == 0 && missingDrugs.Count == 0
            ? SentenceSupport.Supported
            : new SentenceSupport(missingDates, [.. missingNumbers.Distinct(StringComparer.Ordinal)], missingDrugs);
    }

    /// <summary>Same check against the quotes of citations.</summary>
    public static SentenceSupport Check(string sentence, IReadOnlyList<Citation> citations)
    {
        ArgumentNullException.ThrowIfNull(citations);
        return Check(sentence, citations.Select(c => c.Quote).ToList());
    }

    private static bool IsYear(decimal value) => value is >= 1900 and <= 2099 && decimal.Truncate(value) == value;

    /// <summary>A date as written and every ISO reading it allows.</summary>
    private sealed record DateClaim(string Text, IReadOnlyList<string> Readings);

    /// <summary>What one text states: its dates, numbers, codes, stage numerals and drugs.</summary>
    private sealed class Facts
    {
        public List<DateClaim> Dates { get; } = [];

        public List<(string Text, decimal Value)> Numbers { get; } = [];

        public List<string> Codes { get; } = [];

        public List<string> Numerals { get; } = [];

        public List<DrugMention> Drugs { get; } = [];

        public string Masked { get; private set; } = "";

        public static Facts Of(string text)
        {
            var facts = new Facts();
            var masked = new StringBuilder(text);
            foreach (var m in DateExtractor.FindAll(text, "und"))
            {
                var readings = new List<string> { m.Iso };
                if (m.DayMonthAmbiguous && m.Precision == DatePrecision.Day)
                {
                    readings.Add(DocumentDates.SwapDayMonth(m.Iso));
                }

                facts.Dates.Add(new DateClaim(m.Text, readings));
                for (var i = m.Span.Start; i < m.Span.End; i++)
                {
                    masked[i] = ' ';
                }
            }

            facts.Drugs.AddRange(DrugLexicon.FindAll(text));

            // A drug whose name carries digits ("T-DM1", "5-FU") is checked as a drug, not as a code.
            foreach (var drug in facts.Drugs.Where(d => d.Text.Any(char.IsDigit)))
            {
                for (var i = drug.Span.Start; i < drug.Span.End; i++)
                {
                    masked[i] = ' ';
                }
            }

            var rest = masked.ToString();
            facts.Masked = rest;
            foreach (Match m in Code().Matches(rest))
            {
                facts.Codes.Add(m.Value);
            }

            var withoutCodes = Code().Replace(rest, c => new string(' ', c.Length));
            foreach (Match m in Number().Matches(withoutCodes))
            {
                if (decimal.TryParse(m.Value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                {
                    facts.Numbers.Add((m.Value, value));
                }
            }

            foreach (Match m in StageNumeral().Matches(rest))
            {
                facts.Numerals.Add(m.Value);
            }

            return facts;
        }
    }

    /// <summary>Everything the cited quotes state, indexed for lookups.</summary>
    private sealed class Evidence
    {
        private readonly HashSet<string> _dates = new(StringComparer.Ordinal);
        private readonly List<string> _squashed = [];

        public HashSet<decimal> Numbers { get; } = [];

        public HashSet<int> Years { get; } = [];

        public HashSet<string> Numerals { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Drugs { get; } = new(StringComparer.Ordinal);

        public static Evidence From(IReadOnlyList<string> quotes)
        {
            var e = new Evidence();
            foreach (var quote in quotes)
            {
                if (string.IsNullOrEmpty(quote))
                {
                    continue;
                }

                var facts = Facts.Of(quote);
                foreach (var reading in facts.Dates.SelectMany(d => d.Readings))
                {
                    e._dates.Add(reading);
                    e.Years.Add(int.Parse(reading.AsSpan(0, 4), CultureInfo.InvariantCulture));
                }

                foreach (var (_, value) in facts.Numbers)
                {
                    e.Numbers.Add(value);
                }

                // Digits inside codes count as numbers too: "x3" supports "3 cycles", "FEC100" supports "100".
                foreach (var code in facts.Codes)
                {
                    foreach (Match m in Number().Matches(code))
                    {
                        if (decimal.TryParse(m.Value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                        {
                            e.Numbers.Add(value);
                        }
                    }
                }

                foreach (var numeral in facts.Numerals)
                {
                    e.Numerals.Add(numeral);
                }

                foreach (var drug in facts.Drugs)
                {
                    e.Drugs.Add(drug.Canonical);
                }

                e._squashed.Add(Squash(facts.Masked));
            }

            return e;
        }

        public bool SupportsDate(string iso)
        {
            if (_dates.Contains(iso))
            {
                return true;
            }

            // A month is supported by any day in it.
            return iso.Length == 7 && _dates.Any(d => d.Length == 10 && d.StartsWith(iso, StringComparison.Ordinal));
        }

        public bool ContainsCode(string code)
        {
            var needle = Squash(code);
            if (needle.Length == 0)
            {
                return true;
            }

            foreach (var hay in _squashed)
            {
                var index = hay.IndexOf(needle, StringComparison.Ordinal);
                while (index >= 0)
                {
                    var after = index + needle.Length;
                    if (after >= hay.Length || !char.IsDigit(hay[after]) || !char.IsDigit(needle[^1]))
                    {
                        return true;
                    }

                    index = hay.IndexOf(needle, index + 1, StringComparison.Ordinal);
                }
            }

            return false;
        }

        // Lower case, no accents, no spaces or hyphens: "Ki-67" and "ki 67" meet as "ki67".
        private static string Squash(string text)
        {
            var folded = TextFold.Fold(text);
            var sb = new StringBuilder(folded.Length);
            foreach (var c in folded)
            {
                if (!char.IsWhiteSpace(c) && c is not ('-' or '.' or '_'))
                {
                    sb.Append(c);
                }
            }

            return sb.ToString();
        }
    }

    // Letters then digits, optionally more letters and digits: pT1c, HER2, Ki-67, FEC100, x3, T-DM1, cT4cN2cM1b.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])\p{L}+(?:[-‑]\p{L}+)*[-‑]?\d+(?:[.,]\d+)?[\p{L}\d]*", RegexOptions.CultureInvariant)]
    private static partial Regex Code();

    [GeneratedRegex(@"(?<![\d.,])\d+(?:[.,]\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    // Stage groups of two or more roman letters with an optional sub-stage: II, IIB, IIIA, IV, IVB, IIIC1.
    [GeneratedRegex(@"(?<![\p{L}\d])(?:IV|I{2,3}|I(?=[ABC]))[ABC]?[1-3]?(?![\p{L}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex StageNumeral();
}
