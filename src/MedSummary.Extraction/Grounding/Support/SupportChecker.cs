using System.Globalization;
using System.Text.RegularExpressions;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;
using MedSummary.Core.Staging;
using MedSummary.Extraction.Grounding.Forms;
using MedSummary.Extraction.Grounding.Text;
using MedSummary.Extraction.Rules;

namespace MedSummary.Extraction.Grounding.Support;

/// <summary>
/// Decides whether the span a quote aligned to supports the value the model gave, from the span's own text only.
/// A value the span does not write (in one of its surface forms, digits, date formats, codes) is not supported;
/// neither is one the span denies ("pas de", "no evidence of"), puts in a relative ("mère") or leaves hypothetical
/// ("recherche de", "suspicion"), nor a status written next to another field's name ("RP positifs" for ER).
/// </summary>
public sealed partial class SupportChecker
{
    /// <summary>How far (source characters) before a value the naming word that governs it may stand.</summary>
    public const int AnchorReachBefore = 60;

    /// <summary>How far after a value a naming word may stand when none precedes it ("positifs aux RE").</summary>
    public const int AnchorReachAfter = 25;

    private const ScopeKind Denied = ScopeKind.Negated | ScopeKind.Hypothetical | ScopeKind.Family;

    private static readonly HashSet<string> StopWords = new(
        ["les", "des", "une", "par", "pour", "avec", "sans", "dans", "sur", "aux", "est", "sont", "the", "and", "with", "for",
         "from", "was", "were", "has", "have", "that", "this", "of", "de", "du", "la", "le", "et", "en", "au", "a", "an", "to", "in", "on"],
        StringComparer.Ordinal);

    private readonly FormSchema _schema;
    private readonly List<(string Field, string Form)> _anchors;

    public SupportChecker(FormSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
        _anchors = [.. schema.Fields.SelectMany(f => f.Anchors.Select(a => (f.Key, a)))];
    }

    /// <summary>Checks a single value of <paramref name="field"/> against <paramref name="span"/> of <paramref name="document"/>.</summary>
    public Support Check(FormField field, string value, SourceDocument document, TextSpan span)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(document);
        if (string.IsNullOrWhiteSpace(value))
        {
            return Support.No("empty value");
        }

        var words = TextFolding.Fold(document.Text, span.Start, span.End, FoldLevel.Words);
        if (FindForms(words, field.Exclude).Select(x => ((int Index, int Length)?)x).FirstOrDefault() is { } excluded)
        {
            return Support.No($"the quote is about something else ('{words.Text.Substring(excluded.Index, excluded.Length)}')");
        }

        if (field.Context.Count > 0 && !FindForms(words, field.Context).Any())
        {
            return Support.No("the quote does not say what the value is about");
        }

        return field.Type switch
        {
            FormFieldType.Enum => Enum(field, value.Trim(), document, words, exclusive: true),
            FormFieldType.EnumSet => Enum(field, value.Trim(), document, words, exclusive: false),
            FormFieldType.Tnm => Tnm(field, value.Trim(), document, span),
            FormFieldType.Stage => Stage(field, value.Trim(), document, span),
            FormFieldType.Gleason => Gleason(value.Trim(), document, span),
            FormFieldType.Percent => Number(field, value.Trim(), document, span, percent: true),
            FormFieldType.Number => Number(field, value.Trim(), document, span, percent: false),
            FormFieldType.Date => Date(value.Trim(), document, span),
            FormFieldType.Code => Code(field, value.Trim(), document, span),
            FormFieldType.Text => TextValue(value, document, span),
            _ => Support.No($"a {field.Type} field is checked item by item"),
        };
    }

    /// <summary>Free text: most of its words and all of its numbers must be written in the span.</summary>
    public static Support TextValue(string value, SourceDocument document, TextSpan span)
    {
        ArgumentNullException.ThrowIfNull(document);
        var wanted = ContentWords(value);
        if (wanted.Count == 0)
        {
            return Support.No("the value has no content word");
        }

        var have = ContentWords(document.Slice(span)).ToHashSet(StringComparer.Ordinal);
        var missing = wanted.Where(w => !have.Contains(w)).ToList();
        if (missing.Count * 10 > wanted.Count * 3)
        {
            return Support.No($"the quote does not write '{string.Join(' ', missing.Take(4))}'");
        }

        var numbers = Numbers(document.Slice(span)).Select(n => n.Value).ToHashSet();
        foreach (var n in Numbers(value))
        {
            if (!numbers.Contains(n.Value))
            {
                return Support.No($"the quote does not write the number {n.Text}");
            }
        }

        return Support.Yes(span, document.Slice(span));
    }

    /// <summary>Checks a vocabulary value (e.g. a toxicity name or a treatment kind) without the field's exclusivity.</summary>
    public Support VocabularyValue(FormField field, string value, SourceDocument document, TextSpan span) =>
        Enum(field, value, document, TextFolding.Fold(document.Text, span.Start, span.End, FoldLevel.Words), exclusive: false);

    /// <summary>True when the span writes a date equal to <paramref name="iso"/> (day or month precision).</summary>
    public static Support Date(string iso, SourceDocument document, TextSpan span)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!IsoDate().IsMatch(iso))
        {
            return Support.No($"'{iso}' is not an ISO date");
        }

        foreach (var mention in DateExtractor.FindAll(document.Slice(span), document.Language))
        {
            var readings = new List<string> { mention.Iso };
            if (mention.DayMonthAmbiguous && mention.Iso.Length == 10)
            {
                readings.Add($"{mention.Iso[..4]}-{mention.Iso[8..10]}-{mention.Iso[5..7]}");
            }

            if (readings.Any(r => r == iso || (iso.Length == 7 && r.StartsWith(iso + "-", StringComparison.Ordinal))))
            {
                return Support.Yes(Shift(mention.Span, span.Start), mention.Text);
            }
        }

        return Support.No($"the quote does not write the date {iso}");
    }

    private Support Enum(FormField field, string value, SourceDocument document, FoldedText words, bool exclusive)
    {
        var entry = field.Find(value);
        if (entry is null)
        {
            return Support.No($"'{value}' is not in the field's vocabulary");
        }

        // Every surface form of every value, longest first so "non amplifié" is not also read as "amplifié".
        var occurrences = new List<(VocabularyValue Value, int Index, int Length)>();
        foreach (var v in field.Vocabulary)
        {
            foreach (var m in FindForms(words, v.Forms))
            {
                occurrences.Add((v, m.Index, m.Length));
            }
        }

        var kept = new List<(VocabularyValue Value, int Index, int Length)>();
        foreach (var o in occurrences.OrderByDescending(o => o.Length).ThenBy(o => o.Index))
        {
            if (!kept.Any(k => o.Index < k.Index + k.Length && k.Index < o.Index + o.Length))
            {
                kept.Add(o);
            }
        }

        string? reason = null;
        (TextSpan Span, VocabularyValue Value)? support = null;
        var others = new List<string>();
        foreach (var o in kept.OrderBy(o => o.Index))
        {
            var (start, end) = words.SourceRange(o.Index, o.Length);
            var source = new TextSpan(start, end);
            if (field.Anchors.Count > 0 && !GovernedBy(field.Key, document, source, words))
            {
                reason ??= $"the quote writes '{document.Slice(source)}' about another finding";
                continue;
            }

            // A vocabulary word can be a legend's or a template's; checklist answers and structure codes are TNM matters.
            const ScopeKind notAValue = ScopeKind.Legend | ScopeKind.OptionList;
            var asked = o.Value.AssertsAbsence ? notAValue : Denied | notAValue;
            if (ClinicalScope.Detect(document.Text, source, asked) is var scope and not ScopeKind.None)
            {
                reason ??= $"the quote's '{document.Slice(source)}' is {Describe(scope)}";
                continue;
            }

            if (o.Value == entry)
            {
                support ??= (source, entry);
            }
            else
            {
                others.Add(o.Value.Value);
            }
        }

        if (support is not { } found)
        {
            return Support.No(reason ?? $"the quote does not state '{value}'");
        }

        if (exclusive && others.Count > 0)
        {
            return Support.No($"the quote states both '{value}' and '{others[0]}'");
        }

        return Support.Yes(found.Span, document.Slice(found.Span));
    }

    /// <summary>
    /// True when the nearest naming word before the value (within reach; otherwise the nearest one just after it),
    /// among every field's naming words, names <paramref name="fieldKey"/>.
    /// </summary>
    private bool GovernedBy(string fieldKey, SourceDocument document, TextSpan value, FoldedText words)
    {
        var anchors = new List<(string Field, int Start, int End)>();
        foreach (var (field, form) in _anchors)
        {
            foreach (var m in FindForms(words, [form]))
            {
                var (s, e) = words.SourceRange(m.Index, m.Length);
                anchors.Add((field, s, e));
            }
        }

        // Naming words that end at the same place ("récepteurs aux œstrogènes" and "œstrogènes") are one.
        var before = anchors.Where(a => a.End <= value.Start && value.Start - a.End <= AnchorReachBefore)
            .OrderByDescending(a => a.End).ToList();
        if (before.Count > 0)
        {
            return before.TakeWhile(a => a.End == before[0].End).Any(a => a.Field == fieldKey);
        }

        var after = anchors.Where(a => a.Start >= value.End && a.Start - value.End <= AnchorReachAfter).OrderBy(a => a.Start).ToList();
        return after.Count > 0 && after.TakeWhile(a => a.Start == after[0].Start).Any(a => a.Field == fieldKey);
    }

    private bool Governs(FormField field, SourceDocument document, TextSpan value, TextSpan span) =>
        field.Anchors.Count == 0 || GovernedBy(field.Key, document, value, TextFolding.Fold(document.Text, span.Start, span.End, FoldLevel.Words));

    private static Support Tnm(FormField field, string value, SourceDocument document, TextSpan span)
    {
        if (TnmCategory.Parse(value.Replace(" ", "", StringComparison.Ordinal), field.Category![0], ocrTolerant: true) is not { } wanted)
        {
            return Support.No($"'{value}' is not a {field.Category} category");
        }

        var text = document.Slice(span);
        var tokens = TnmCategory.FindAll(text, ocrTolerant: true).ToList();
        string? reason = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            var (written, index, length) = tokens[i];
            if (written.Normalized != wanted.Normalized)
            {
                continue;
            }

            var at = Shift(new TextSpan(index, index + length), span.Start);

            // A category inside a legend, a list of options or another structure's code is not a value.
            if (ClinicalScope.Detect(document.Text, at, ScopeKind.NotAValue | Denied) is var scope and not ScopeKind.None)
            {
                reason ??= $"the quote's '{text.Substring(index, length)}' is {Describe(scope)}";
                continue;
            }

            var prefix = written.Prefix.Length > 0 ? written.Prefix : RunPrefix(text, tokens, i);
            var wrongKind = field.Prefix == "p" ? TnmCategory.IsClinicalPrefix(prefix) : TnmCategory.IsPathologicPrefix(prefix);
            if (wrongKind)
            {
                return Support.No($"the quote writes {prefix}{written.Normalized}, not the {(field.Prefix == "p" ? "pathologic" : "clinical")} category");
            }

            return Support.Yes(at, text.Substring(index, length));
        }

        return Support.No(reason ?? $"the quote does not write {value}");
    }

    // An unprefixed category in a run ("pT2 N0 M0") takes the prefix of the run's first category.
    private static string RunPrefix(string text, List<(TnmCategory Category, int Index, int Length)> tokens, int i)
    {
        while (i > 0)
        {
            var gap = text[(tokens[i - 1].Index + tokens[i - 1].Length)..tokens[i].Index];
            if (gap.Trim().Length > 0)
            {
                break;
            }

            i--;
        }

        return tokens[i].Category.Prefix;
    }

    private Support Stage(FormField field, string value, SourceDocument document, TextSpan span)
    {
        var wanted = value.Trim();
        if (!StageValue().IsMatch(wanted))
        {
            return Support.No($"'{value}' is not a stage group");
        }

        var text = document.Slice(span);
        foreach (Match m in StageToken().Matches(text))
        {
            if (m.Value == wanted)
            {
                var at = Shift(new TextSpan(m.Index, m.Index + m.Length), span.Start);
                if (Governs(field, document, at, span))
                {
                    return Support.Yes(at, m.Value);
                }
            }
        }

        return Support.No($"the quote does not write stage {value}");
    }

    private static Support Gleason(string value, SourceDocument document, TextSpan span)
    {
        var v = GleasonPattern().Match(value);
        if (!v.Success)
        {
            return Support.No($"'{value}' is not a Gleason score (3+4=7)");
        }

        var text = document.Slice(span);
        if (!text.Contains("gleason", StringComparison.OrdinalIgnoreCase))
        {
            return Support.No("the quote does not name the Gleason score");
        }

        foreach (Match m in GleasonPattern().Matches(text))
        {
            var primary = m.Groups[1].Value;
            var secondary = m.Groups[2].Value;
            var sum = m.Groups[3].Success ? m.Groups[3].Value : null;
            var wantedSum = v.Groups[3].Success ? v.Groups[3].Value : null;
            var sumHolds = wantedSum is null || wantedSum == sum
                || (sum is null && int.Parse(primary, CultureInfo.InvariantCulture) + int.Parse(secondary, CultureInfo.InvariantCulture) == int.Parse(wantedSum, CultureInfo.InvariantCulture));
            if (primary == v.Groups[1].Value && secondary == v.Groups[2].Value && sumHolds)
            {
                return Support.Yes(Shift(new TextSpan(m.Index, m.Index + m.Length), span.Start), m.Value);
            }
        }

        return Support.No($"the quote does not write Gleason {value}");
    }

    private Support Number(FormField field, string value, SourceDocument document, TextSpan span, bool percent)
    {
        var wanted = Numbers(value).ToList();
        if (wanted.Count != 1)
        {
            return Support.No($"'{value}' is not a number");
        }

        var target = wanted[0].Value;
        if ((field.Min is { } min && target < min) || (field.Max is { } max && target > max))
        {
            return Support.No($"{value} is outside the field's range");
        }

        var text = document.Slice(span);
        string? reason = null;
        foreach (var n in Numbers(text))
        {
            if (n.Value != target)
            {
                continue;
            }

            var end = n.Index + n.Text.Length;
            if (percent)
            {
                var rest = text[end..].TrimStart();
                if (!rest.StartsWith('%'))
                {
                    reason ??= $"the quote writes {n.Text} but not as a percentage";
                    continue;
                }
            }

            var at = Shift(new TextSpan(n.Index, end), span.Start);
            if (!Governs(field, document, at, span))
            {
                reason ??= $"the quote writes {n.Text} about another finding";
                continue;
            }

            return Support.Yes(at, n.Text);
        }

        return Support.No(reason ?? $"the quote does not write {value}");
    }

    private static Support Code(FormField field, string value, SourceDocument document, TextSpan span)
    {
        var wanted = value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var pattern = field.CodeFormat == "topography" ? TopographyCode() : MorphologyCode();
        if (!pattern.IsMatch(wanted))
        {
            return Support.No($"'{value}' is not an ICD-O-3 {field.CodeFormat} code");
        }

        var text = document.Slice(span);
        foreach (Match m in pattern.Matches(text.ToUpperInvariant()))
        {
            if (m.Value == wanted)
            {
                return Support.Yes(Shift(new TextSpan(m.Index, m.Index + m.Length), span.Start), text.Substring(m.Index, m.Length));
            }
        }

        return Support.No($"the quote does not write the code {value}");
    }

    /// <summary>Occurrences of any of <paramref name="forms"/> in folded text, at word boundaries.</summary>
    internal static IEnumerable<(int Index, int Length)> FindForms(FoldedText words, IReadOnlyList<string> forms)
    {
        var text = words.Text;
        foreach (var form in forms)
        {
            for (var at = text.IndexOf(form, StringComparison.Ordinal); at >= 0; at = text.IndexOf(form, at + 1, StringComparison.Ordinal))
            {
                var startOk = at == 0 || !char.IsLetterOrDigit(text[at - 1]) || !char.IsLetterOrDigit(form[0]);
                var end = at + form.Length;
                var endOk = end == text.Length || !char.IsLetterOrDigit(text[end]) || !char.IsLetterOrDigit(form[^1]);
                if (startOk && endOk)
                {
                    yield return (at, form.Length);
                }
            }
        }
    }

    /// <summary>Folded words of a text that carry meaning (three letters or more, not a function word).</summary>
    internal static List<string> ContentWords(string text) =>
        [.. TextFolding.FoldWords(text).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => (w.Length >= 3 || w.Any(char.IsDigit)) && !StopWords.Contains(w))];

    /// <summary>Numbers written in a text, decimal comma or point.</summary>
    internal static IEnumerable<(int Index, string Text, double Value)> Numbers(string text)
    {
        foreach (Match m in NumberPattern().Matches(text))
        {
            if (double.TryParse(m.Value.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                yield return (m.Index, m.Value, v);
            }
        }
    }

    private static TextSpan Shift(TextSpan local, int offset) => new(local.Start + offset, local.End + offset);

    private static string Describe(ScopeKind scope) => ClinicalScope.Describe(scope);

    [GeneratedRegex(@"^\d{4}-\d{2}(-\d{2})?$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^(0|I|II|III|IV)([ABC][1-3]?)?$")]
    private static partial Regex StageValue();

    [GeneratedRegex(@"(?<![A-Za-z])(IV|III|II|I|0)([ABC][1-3]?)?(?![A-Za-z0-9])")]
    private static partial Regex StageToken();

    [GeneratedRegex(@"(\d)\s*\+\s*(\d)(?:\s*=\s*(\d{1,2}))?")]
    private static partial Regex GleasonPattern();

    [GeneratedRegex(@"(?<![\d.,])\d+(?:[.,]\d+)?(?![\d])")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"C\d{2}(\.\d)?")]
    private static partial Regex TopographyCode();

    [GeneratedRegex(@"\d{4}/\d")]
    private static partial Regex MorphologyCode();
}
