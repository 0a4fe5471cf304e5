using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MedSummary.Core.Contract;
using MedSummary.Core.Provenance;
using MedSummary.Extraction.Grounding.Text;
using MedSummary.Extraction.Rules;

namespace MedSummary.Extraction.Verification;

/// <summary>A cited passage's text and the language its numeric dates are read in ("fr", "en", "und").</summary>
public sealed record CitedText(string Text, string Language);

/// <summary>
/// What a sentence states that its cited quotes do not: dates, numbers (with number-bearing codes such as "pT2",
/// "HER2", "FEC100" and stage numerals such as "IIIA"), drug names and capitalized names (places, people, brands).
/// Empty lists and at least one citation: the sentence is supported. Values are given as the sentence writes them,
/// for review; never log them (they are patient text).
/// </summary>
public sealed record SentenceSupport(
    IReadOnlyList<string> MissingDates,
    IReadOnlyList<string> MissingNumbers,
    IReadOnlyList<string> MissingDrugs,
    IReadOnlyList<string> MissingNames)
{
    public static SentenceSupport Supported { get; } = new([], [], [], []);

    /// <summary>A sentence that cites nothing is never supported, whatever it says.</summary>
    public static SentenceSupport Uncited { get; } = new([], [], [], []) { NoCitation = true };

    /// <summary>True when the sentence had no cited text to be checked against.</summary>
    public bool NoCitation { get; private init; }

    /// <summary>True when every date, number, drug and name of the sentence appears in its cited quotes.</summary>
    public bool IsSupported => !NoCitation && MissingDates.Count == 0 && MissingNumbers.Count == 0 && MissingDrugs.Count == 0 && MissingNames.Count == 0;

    /// <summary>A one-line reason for a reviewer ("unsupported date(s): 12 March 2023; number(s): 8.2").</summary>
    public string Describe()
    {
        if (NoCitation)
        {
            return "no citation";
        }

        if (IsSupported)
        {
            return "supported";
        }

        var parts = new List<string>(4);
        void Add(string label, IReadOnlyList<string> values)
        {
            if (values.Count > 0)
            {
                parts.Add(label + ": " + string.Join(", ", values));
            }
        }

        Add("date(s)", MissingDates);
        Add("number(s)", MissingNumbers);
        Add("drug(s)", MissingDrugs);
        Add("name(s)", MissingNames);
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
/// <item>A capitalized word that does not start a sentence and is neither a date, a drug, a code nor a common word
/// ("Clinique Pasteur", "Dr Martin") must be written in the quotes (folded: case and accents ignored), so a
/// sentence cannot move the story to another place or person.</item>
/// </list>
/// </remarks>
public static partial class SentenceSupportVerifier
{
    private static readonly HashSet<string> CommonCapitalized = new(
        ["the", "a", "an", "in", "on", "at", "after", "before", "since", "from", "during", "then", "she", "he", "her", "his",
         "le", "la", "les", "un", "une", "en", "au", "apres", "avant", "depuis", "puis", "elle", "il", "sa", "son", "ses",
         "patient", "patiente", "mrs", "mr", "mme", "madame", "monsieur", "dr", "pr", "this", "these", "cette", "ce",
         "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
         "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "stage", "stade", "grade"],
        StringComparer.Ordinal);

    /// <summary>What <paramref name="sentence"/> states that none of <paramref name="citedQuotes"/> does (numeric dates read both ways).</summary>
    public static SentenceSupport Check(string sentence, IReadOnlyList<string> citedQuotes)
    {
        ArgumentNullException.ThrowIfNull(citedQuotes);
        return Check(sentence, "und", [.. citedQuotes.Select(q => new CitedText(q, "und"))]);
    }

    /// <summary>Same check against the quotes of citations.</summary>
    public static SentenceSupport Check(string sentence, IReadOnlyList<Citation> citations)
    {
        ArgumentNullException.ThrowIfNull(citations);
        return Check(sentence, citations.Select(c => c.Quote).ToList());
    }

    /// <summary>
    /// What <paramref name="sentence"/> (written in <paramref name="language"/>) states that none of
    /// <paramref name="cited"/> does; each cited text's numeric dates are read in its own language.
    /// </summary>
    public static SentenceSupport Check(string sentence, string language, IReadOnlyList<CitedText> cited)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentNullException.ThrowIfNull(cited);
        if (cited.All(c => string.IsNullOrWhiteSpace(c.Text)))
        {
            return SentenceSupport.Uncited;
        }

        var evidence = Evidence.From(cited);
        var claims = Facts.Of(sentence, language);

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

        var missingNames = claims.Names
            .Where(n => !evidence.ContainsWords(n))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        return missingDates.Count == 0 && missingNumbers.Count == 0 && missingDrugs.Count == 0 && missingNames.Count == 0
            ? SentenceSupport.Supported
            : new SentenceSupport(missingDates, [.. missingNumbers.Distinct(StringComparer.Ordinal)], missingDrugs, missingNames);
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

        /// <summary>Capitalized words that do not start a sentence and are neither dates, drugs nor codes.</summary>
        public List<string> Names { get; } = [];

        public string Masked { get; private set; } = "";

        public static Facts Of(string text, string language)
        {
            var facts = new Facts();
            var masked = new StringBuilder(text);
            var dateSpans = new List<TextSpan>();
            foreach (var m in DateExtractor.FindAll(text, language))
            {
                var readings = new List<string> { m.Iso };
                if (m.DayMonthAmbiguous && m.Precision == DatePrecision.Day)
                {
                    readings.Add(DocumentDates.SwapDayMonth(m.Iso));
                }

                facts.Dates.Add(new DateClaim(m.Text, readings));
                dateSpans.Add(m.Span);
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

            foreach (Match w in Capitalized().Matches(text))
            {
                var span = new TextSpan(w.Index, w.Index + w.Length);
                if (IsSentenceStart(text, w.Index) || w.Value.Any(char.IsDigit) || StageNumeral().IsMatch(w.Value)
                    || dateSpans.Any(d => d.Overlaps(span)) || facts.Drugs.Any(d => d.Span.Overlaps(span)))
                {
                    continue;
                }

                var folded = TextFolding.FoldWords(w.Value);
                if (folded.Length >= 3 && !CommonCapitalized.Contains(folded))
                {
                    facts.Names.Add(w.Value);
                }
            }

            return facts;
        }
    }

    /// <summary>Everything the cited quotes state, indexed for lookups.</summary>
    private sealed class Evidence
    {
        private readonly HashSet<string> _dates = new(StringComparer.Ordinal);
        private readonly List<string> _squashed = [];
        private readonly List<string> _words = [];

        public HashSet<decimal> Numbers { get; } = [];

        public HashSet<int> Years { get; } = [];

        public HashSet<string> Numerals { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Drugs { get; } = new(StringComparer.Ordinal);

        public static Evidence From(IReadOnlyList<CitedText> cited)
        {
            var e = new Evidence();
            foreach (var (quote, language) in cited)
            {
                if (string.IsNullOrEmpty(quote))
                {
                    continue;
                }

                e._words.Add(" " + TextFolding.FoldWords(quote) + " ");
                var facts = Facts.Of(quote, language);
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

        /// <summary>True when the folded words of <paramref name="text"/> are written, whole, in one quote.</summary>
        public bool ContainsWords(string text)
        {
            var needle = " " + TextFolding.FoldWords(text) + " ";
            return _words.Any(w => w.Contains(needle, StringComparison.Ordinal));
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
            var folded = TextFolding.FoldSameLength(text);
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

    private static bool IsSentenceStart(string text, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c is '"' or '«' or '(' or '\'' or '“')
            {
                continue;
            }

            return c is '.' or '!' or '?' or ':' or ';';
        }

        return true;
    }

    [GeneratedRegex(@"(?<![\p{L}\d])\p{Lu}[\p{L}\d\-]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Capitalized();

    [GeneratedRegex(@"(?<![\d.,])\d+(?:[.,]\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    // Stage groups of two or more roman letters with an optional sub-stage: II, IIB, IIIA, IV, IVB, IIIC1.
    [GeneratedRegex(@"(?<![\p{L}\d])(?:IV|I{2,3}|I(?=[ABC]))[ABC]?[1-3]?(?![\p{L}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex StageNumeral();
}
