using System.Globalization;
using System.Text.RegularExpressions;
using MedSummary.Extraction.Grounding.Support;
using MedSummary.Extraction.Grounding.Text;
using MedSummary.Extraction.Rules;

namespace MedSummary.Extraction.Narrative;

/// <summary>A cited passage's text and the language its dates are read in.</summary>
public sealed record CitedText(string Text, string Language);

/// <summary>
/// Checks that a summary sentence says nothing its cited passages do not: every date (in any format: "12/03/2023",
/// "12 mars 2023", "2023-03-12", "March 2023" all compare by their ISO value), every year, every number (decimal comma
/// or point), every drug name (lexicon) and every capitalized name must be written in the cited text. Wording is free;
/// facts are not.
/// </summary>
public static partial class SentenceVerifier
{
    private static readonly HashSet<string> CommonCapitalized = new(
        ["the", "a", "an", "in", "on", "at", "after", "before", "since", "from", "during", "then", "she", "he", "her", "his",
         "le", "la", "les", "un", "une", "en", "au", "apres", "avant", "depuis", "puis", "elle", "il", "sa", "son", "ses",
         "patient", "patiente", "mrs", "mr", "mme", "madame", "monsieur", "dr", "pr", "this", "these", "cette", "ce",
         "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
         "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "stage", "stade", "grade"],
        StringComparer.Ordinal);

    /// <summary>Null when the sentence holds; otherwise the first fact its citations do not write.</summary>
    public static string? Check(string sentence, string language, IReadOnlyList<CitedText> cited)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentNullException.ThrowIfNull(cited);
        if (cited.Count == 0)
        {
            return "no citation";
        }

        var citedDates = cited.SelectMany(c => DateExtractor.FindAll(c.Text, c.Language)).ToList();
        var citedIsos = citedDates.SelectMany(Readings).ToHashSet(StringComparer.Ordinal);
        var citedNumbers = cited.SelectMany(c => SupportChecker.Numbers(c.Text)).Select(n => n.Value).ToHashSet();
        var citedFolded = string.Join(" | ", cited.Select(c => TextFolding.FoldWords(c.Text)));
        var citedDrugs = DrugLexicon.Find(string.Join("\n", cited.Select(c => c.Text))).ToHashSet(StringComparer.Ordinal);

        var dates = DateExtractor.FindAll(sentence, language);
        foreach (var d in dates)
        {
            var held = d.Precision switch
            {
                DatePrecision.Day => Readings(d).Any(citedIsos.Contains),
                _ => citedIsos.Any(i => i.StartsWith(d.Iso, StringComparison.Ordinal)),
            };
            if (!held)
            {
                return $"the date '{d.Text}' is not in the cited passages";
            }
        }

        bool InDate(int index) => dates.Any(d => index >= d.Span.Start && index < d.Span.End);

        foreach (Match y in Year().Matches(sentence))
        {
            if (!InDate(y.Index) && !citedIsos.Any(i => i.StartsWith(y.Value, StringComparison.Ordinal))
                && !citedNumbers.Contains(double.Parse(y.Value, CultureInfo.InvariantCulture)))
            {
                return $"the year {y.Value} is not in the cited passages";
            }
        }

        var years = Year().Matches(sentence).Select(m => m.Index).ToHashSet();
        foreach (var n in SupportChecker.Numbers(sentence))
        {
            // Years were checked above (a cited "12/03/23" writes 2023 without the digits).
            if (!InDate(n.Index) && !years.Contains(n.Index) && !citedNumbers.Contains(n.Value))
            {
                return $"the number {n.Text} is not in the cited passages";
            }
        }

        foreach (var drug in DrugLexicon.Find(sentence))
        {
            if (!citedDrugs.Contains(drug))
            {
                return $"the drug '{drug}' is not in the cited passages";
            }
        }

        foreach (Match w in Capitalized().Matches(sentence))
        {
            if (IsSentenceStart(sentence, w.Index))
            {
                continue;
            }

            var folded = TextFolding.FoldWords(w.Value);
            if (folded.Length < 3 || CommonCapitalized.Contains(folded) || InDate(w.Index))
            {
                continue;
            }

            if (!citedFolded.Contains(folded, StringComparison.Ordinal))
            {
                return $"the name '{w.Value}' is not in the cited passages";
            }
        }

        return null;
    }

    private static IEnumerable<string> Readings(DateMention d)
    {
        yield return d.Iso;
        if (d.DayMonthAmbiguous && d.Iso.Length == 10)
        {
            yield return $"{d.Iso[..4]}-{d.Iso[8..10]}-{d.Iso[5..7]}";
        }
    }

    private static bool IsSentenceStart(string sentence, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            var c = sentence[i];
            if (char.IsWhiteSpace(c) || c is '"' or '«' or '(' or '\'')
            {
                continue;
            }

            return c is '.' or '!' or '?' or ':' or ';';
        }

        return true;
    }

    [GeneratedRegex(@"(?<![\d])(?:19|20)\d{2}(?![\d])")]
    private static partial Regex Year();

    [GeneratedRegex(@"(?<![\p{L}\d])\p{Lu}[\p{L}\d\-]{2,}")]
    private static partial Regex Capitalized();
}
