using System.Text;
using System.Text.RegularExpressions;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;
using MedSummary.Extraction.Grounding.Text;
using MedSummary.Extraction.Rules;
using MedSummary.Extraction.Verification;

namespace MedSummary.Extraction.Timeline;

/// <summary>One dated statement of one document, classified: what will become (part of) a timeline event.</summary>
internal sealed record EventCandidate(
    string Kind,
    string Date,
    string? EndDate,
    string DocumentId,
    int DocumentIndex,
    TextSpan Statement,
    string Description,
    int Quality)
{
    /// <summary>Canonical drug names the statement names (treatment lines), to tell two lines of one kind apart.</summary>
    public IReadOnlySet<string> Drugs { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>A treatment statement that gives only the end of the line ("fin : FEC100", "end of chemotherapy").</summary>
    public bool EndOnly { get; init; }

    /// <summary>Further passages the description was built from (a report's title, its conclusion).</summary>
    public IReadOnlyList<TextSpan> Extra { get; init; } = [];

    public DatePrecision Precision => Date.Length == 7 ? DatePrecision.Month : DatePrecision.Day;
}

/// <summary>
/// Reads the dated statements of one document and classifies each by the words around its date. A statement is the
/// clause that owns the date: in a dated list item ("- 19/10/22 : Mammographie") the text after it, in prose the text
/// before it back to the previous date or the start of the sentence ("tumorectomie droite le 27 novembre 2022"),
/// plus the rest of the sentence after the last date. Two dates joined by "du … au", "de … à", "(… - …)", "between …
/// and" are one treatment period. A date in a report's header ("Date de l'examen", "Date of sampling") takes the
/// report's own act (imaging with its conclusion, biopsy or surgery with its procedure line).
/// </summary>
/// <remarks>
/// Not events: birth, print, receipt and signature dates, stays and appointments, plans ("prévue", "à discuter",
/// "planned"), hypothetical, family-history and past-history mentions (<see cref="ClinicalScope"/>), and dates with
/// no clinical cue. A denied relapse ("pas de signe de récidive") is a response, not a relapse.
/// </remarks>
internal static partial class TimelineExtractor
{
    private const int ReportQuality = 3;
    private const int ListQuality = 2;
    private const int ProseQuality = 1;
    private const int MaxDescription = 160;

    private sealed record DateUnit(DateMention Start, DateMention? End)
    {
        public int SpanStart => Start.Span.Start;

        public int SpanEnd => (End ?? Start).Span.End;
    }

    public static IReadOnlyList<EventCandidate> Extract(SourceDocument document, int documentIndex, NumericDateOrder fallbackOrder)
    {
        var text = document.Text;
        var folded = TextFolding.FoldSameLength(text);
        var profile = DocumentProfile.Of(text, folded);
        var dates = DocumentDates.Find(text, document.Language, fallbackOrder);
        var candidates = new List<EventCandidate>();
        foreach (var (sentenceStart, sentenceEnd) in Sentences(text))
        {
            var inside = dates.Where(d => d.Span.Start >= sentenceStart && d.Span.End <= sentenceEnd).OrderBy(d => d.Span.Start).ToList();
            if (inside.Count == 0)
            {
                continue;
            }

            var units = Units(folded, inside);
            var previousEnd = sentenceStart;
            for (var j = 0; j < units.Count; j++)
            {
                var unit = units[j];
                var nextStart = j + 1 < units.Count ? units[j + 1].SpanStart : sentenceEnd;
                TextSpan content;
                TextSpan? trailing = null;
                bool listItem;
                if (IsLeading(text, previousEnd, unit.SpanStart))
                {
                    content = new TextSpan(unit.SpanEnd, nextStart);
                    listItem = true;
                }
                else
                {
                    content = new TextSpan(previousEnd, unit.SpanStart);
                    if (j == units.Count - 1)
                    {
                        trailing = new TextSpan(unit.SpanEnd, sentenceEnd);
                    }

                    listItem = false;
                }

                previousEnd = unit.SpanEnd;
                if (Classify(document, documentIndex, text, folded, profile, unit, content, trailing, listItem) is { } candidate)
                {
                    candidates.Add(candidate);
                }
            }
        }

        return candidates;
    }

    private static EventCandidate? Classify(
        SourceDocument document,
        int documentIndex,
        string text,
        string folded,
        DocumentProfile profile,
        DateUnit unit,
        TextSpan content,
        TextSpan? trailing,
        bool listItem)
    {
        var core = folded[content.Start..content.End];
        var tail = trailing is { } t ? folded[t.Start..t.End] : "";
        var all = core + " " + tail;

        // The words right before a date say what kind of date it is ("Née le", "Édité le", "Prochain rendez-vous le").
        // (In a list item the clause follows its date: nothing stands before it.)
        var near = listItem ? "" : folded[Math.Max(content.Start, unit.SpanStart - 30)..unit.SpanStart];
        if (TimelineCues.NotAnEvent().IsMatch(listItem ? core[..Math.Min(core.Length, 30)] : near)
            || (!listItem && TimelineCues.NotAnEvent().IsMatch(core)))
        {
            return null;
        }

        var statement = Cover(text, unit, content, trailing);
        if (TimelineCues.Plan().IsMatch(all))
        {
            return null;
        }

        var scope = ClinicalScope.Detect(text, new TextSpan(unit.SpanStart, unit.SpanEnd), ScopeKind.Hypothetical | ScopeKind.Family | ScopeKind.History);
        if (scope != ScopeKind.None)
        {
            return null;
        }

        var date = unit.Start.Iso;
        var end = unit.End?.Iso;
        var quality = listItem ? ListQuality : ProseQuality;
        EventCandidate Make(string kind, string description, int q = 0) =>
            new(kind, date, end, document.Id, documentIndex, statement, description, q == 0 ? quality : q);

        // First symptoms: stated as such, or a complaint dated by its month.
        if (TimelineCues.Symptom().IsMatch(all)
            || (unit.Start.Precision == DatePrecision.Month && unit.End is null && TimelineCues.Complaint().IsMatch(core)))
        {
            return Make(TimelineKinds.Symptom, Describe(text, content, trailing, unit));
        }

        if (TimelineCues.ToxicityTerm().Match(core) is { Success: true } tox && TimelineCues.ToxicityGrade().IsMatch(core))
        {
            return Make(TimelineKinds.Toxicity, ToxicityDescription(text, folded, content) ?? Describe(text, content, null, unit));
        }

        if (Treatment(core, tail, unit, listItem) is { } treatment)
        {
            var description = Describe(text, content, trailing, unit);
            return Make(treatment.Kind, description, unit.End is not null ? ListQuality + 1 : 0) with
            {
                Drugs = treatment.Drugs,
                EndOnly = treatment.EndOnly,
                Date = treatment.EndOnly && unit.End is null ? date : date,
                EndDate = treatment.EndOnly && unit.End is null ? date : end,
            };
        }

        if (TimelineCues.Surgery().IsMatch(core) && !TimelineCues.Biopsy().IsMatch(Before(core, TimelineCues.Surgery())))
        {
            return Make(TimelineKinds.Surgery, Describe(text, content, trailing, unit));
        }

        if (TimelineCues.Biopsy().IsMatch(core))
        {
            return Make(TimelineKinds.Biopsy, Describe(text, content, trailing, unit));
        }

        if (TimelineCues.Diagnosis().IsMatch(core))
        {
            return Make(TimelineKinds.Diagnosis, Describe(text, content, trailing, unit));
        }

        if (TimelineCues.TumorBoard().IsMatch(core))
        {
            return Make(TimelineKinds.TumorBoard, Describe(text, content, trailing, unit));
        }

        if (Outcome(text, all, content, trailing) is { } outcome)
        {
            return Make(outcome, Describe(text, content, trailing, unit));
        }

        if (TimelineCues.Imaging().IsMatch(core) && !TimelineCues.ExaminationHeader().IsMatch(core))
        {
            return Make(TimelineKinds.Imaging, Describe(text, content, trailing, unit));
        }

        return FromHeader(document, documentIndex, text, folded, profile, unit, core, statement);
    }

    /// <summary>A header date ("Date de l'examen :", "Date of sampling:") takes the report's own act.</summary>
    private static EventCandidate? FromHeader(
        SourceDocument document, int documentIndex, string text, string folded, DocumentProfile profile, DateUnit unit, string core, TextSpan statement)
    {
        if (unit.End is not null)
        {
            return null;
        }

        string kind;
        var extra = new List<TextSpan>();
        string description;
        if (TimelineCues.ExaminationHeader().IsMatch(core) && profile.IsImagingReport)
        {
            kind = TimelineKinds.Imaging;
            if (profile.Conclusion is { } conclusion)
            {
                var said = folded[conclusion.Start..conclusion.End];
                kind = Outcome(said) ?? kind;
            }

            description = Join(text, profile.Title, profile.Conclusion, extra);
        }
        else if (TimelineCues.SamplingHeader().IsMatch(core) && profile.IsPathologyReport)
        {
            kind = profile.IsResectionPathology ? TimelineKinds.Surgery : TimelineKinds.Biopsy;
            description = Join(text, profile.Procedure ?? profile.Title, null, extra);
        }
        else if (TimelineCues.OperationHeader().IsMatch(core) && (profile.IsOperativeReport || profile.Procedure is not null))
        {
            kind = TimelineKinds.Surgery;
            description = Join(text, profile.Procedure ?? profile.Title, null, extra);
        }
        else
        {
            return null;
        }

        if (description.Length == 0)
        {
            return null;
        }

        return new EventCandidate(kind, unit.Start.Iso, null, document.Id, documentIndex, statement, description, ReportQuality) { Extra = extra };
    }

    private sealed record TreatmentRead(string Kind, IReadOnlySet<string> Drugs, bool EndOnly);

    private static TreatmentRead? Treatment(string core, string tail, DateUnit unit, bool listItem)
    {
        var drugs = DrugLexicon.FindAll(core).Where(d => d.Class != DrugClass.Supportive).ToList();
        string? kind = null;
        if (TimelineCues.ChemoRadiation().IsMatch(core) || (TimelineCues.Radiotherapy().IsMatch(core) && drugs.Count == 0))
        {
            kind = TimelineKinds.Radiotherapy;
        }
        else if (drugs.Count > 0)
        {
            var classes = drugs.Select(d => d.Class).ToHashSet();
            kind = classes.Contains(DrugClass.Chemotherapy) ? TimelineKinds.Chemotherapy
                : classes.Contains(DrugClass.HormoneTherapy) ? TimelineKinds.HormoneTherapy
                : classes.Contains(DrugClass.Immunotherapy) ? TimelineKinds.Immunotherapy
                : TimelineKinds.TargetedTherapy;
        }
        else if (TimelineCues.HormoneTherapy().IsMatch(core))
        {
            kind = TimelineKinds.HormoneTherapy;
        }
        else if (TimelineCues.Immunotherapy().IsMatch(core))
        {
            kind = TimelineKinds.Immunotherapy;
        }
        else if (TimelineCues.TargetedTherapy().IsMatch(core))
        {
            kind = TimelineKinds.TargetedTherapy;
        }
        else if (TimelineCues.Chemotherapy().IsMatch(core))
        {
            kind = TimelineKinds.Chemotherapy;
        }

        if (kind is null)
        {
            return null;
        }

        var start = TimelineCues.TreatmentStart().IsMatch(core);
        var endOnly = unit.End is null && !start && TimelineCues.TreatmentEnd().IsMatch(core);

        // A named treatment with a date is given on that date; a treatment word alone needs a start, an end or a period.
        if (drugs.Count == 0 && unit.End is null && !start && !endOnly && !(kind == TimelineKinds.Radiotherapy && listItem))
        {
            return null;
        }

        return new TreatmentRead(kind, drugs.Select(d => d.Canonical).ToHashSet(StringComparer.Ordinal), endOnly);
    }

    /// <summary>Response, progression or relapse said in <paramref name="said"/>; a denied relapse is a response.</summary>
    private static string? Outcome(string said)
    {
        if (TimelineCues.Response().IsMatch(said))
        {
            return TimelineKinds.Response;
        }

        if (TimelineCues.Progression().IsMatch(said))
        {
            return TimelineKinds.Progression;
        }

        return TimelineCues.Relapse().IsMatch(said) ? TimelineKinds.Relapse : null;
    }

    private static string? Outcome(string text, string said, TextSpan content, TextSpan? trailing)
    {
        var kind = Outcome(said);
        if (kind is TimelineKinds.Progression or TimelineKinds.Relapse)
        {
            // "pas de progression", "no new lesion": not an event of progression.
            var cue = (kind == TimelineKinds.Progression ? TimelineCues.Progression() : TimelineCues.Relapse()).Match(TextFolding.FoldSameLength(text), content.Start, (trailing ?? content).End - content.Start);
            if (cue.Success && !ClinicalScope.IsAffirmed(text, new TextSpan(cue.Index, cue.Index + cue.Length), ScopeKind.Negated | ScopeKind.Hypothetical))
            {
                return null;
            }
        }

        return kind;
    }

    private static string? ToxicityDescription(string text, string folded, TextSpan content)
    {
        var term = TimelineCues.ToxicityTerm().Match(folded, content.Start, content.Length);
        var grade = TimelineCues.ToxicityGrade().Match(folded, content.Start, content.Length);
        if (!term.Success || !grade.Success)
        {
            return null;
        }

        var start = Math.Min(term.Index, grade.Index);
        var end = Math.Max(term.Index + term.Length, grade.Index + grade.Length);
        if (end - start > 60)
        {
            return null;
        }

        // "neutropénie (grade 3 CTCAE)": close what the span opened.
        var piece = Clean(text[start..end]);
        return piece.Count(c => c == '(') > piece.Count(c => c == ')') ? piece + ")" : piece;
    }

    private static string Before(string core, Regex cue) => cue.Match(core) is { Success: true } m ? core[..m.Index] : core;

    /// <summary>The statement's words without its dates: what the cited passage says happened.</summary>
    private static string Describe(string text, TextSpan content, TextSpan? trailing, DateUnit unit)
    {
        var pre = Clean(text[content.Start..content.End]);
        pre = TrailingConnector().Replace(pre, "");
        var post = trailing is { } t ? Clean(text[t.Start..t.End]) : "";
        post = post.TrimStart(')', ']', ',', ' ').TrimEnd('.', ';', ' ');
        var description = post.Length == 0 ? pre
            : pre.Length == 0 ? post
            : post.StartsWith(':') ? pre + post
            : pre + " " + post;
        description = description.Replace("( )", "", StringComparison.Ordinal).Replace("()", "", StringComparison.Ordinal).Replace(" :", ":", StringComparison.Ordinal);
        description = LeadingConnector().Replace(description.Trim(' ', ':', '-', '–', ',', '(', ')', '.', ';'), "");
        description = Unbalanced(description);
        return Shorten(description);
    }

    private static string Join(string text, TextSpan? first, TextSpan? second, List<TextSpan> extra)
    {
        var parts = new List<string>();
        foreach (var span in new[] { first, second })
        {
            if (span is { } s && !s.IsEmpty)
            {
                parts.Add(Clean(text[s.Start..s.End]).TrimEnd('.'));
                extra.Add(s);
            }
        }

        return Shorten(string.Join(": ", parts));
    }

    private static string Clean(string piece)
    {
        var sb = new StringBuilder(piece.Length);
        var space = false;
        foreach (var c in piece)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString().TrimStart('-', '–', '•', '*', ' ');
    }

    private static string Unbalanced(string s)
    {
        var open = s.Count(c => c == '(');
        var close = s.Count(c => c == ')');
        return open > close ? s + new string(')', open - close) : open < close && s.StartsWith(')') ? s.TrimStart(')').Trim() : s;
    }

    private static string Shorten(string s)
    {
        if (s.Length <= MaxDescription)
        {
            return s;
        }

        var cut = s.LastIndexOf(' ', MaxDescription - 1);
        return string.Concat(s.AsSpan(0, cut > 40 ? cut : MaxDescription - 1), "…");
    }

    private static TextSpan Cover(string text, DateUnit unit, TextSpan content, TextSpan? trailing)
    {
        var start = Math.Min(content.Start, unit.SpanStart);
        var end = Math.Max(Math.Max(content.End, unit.SpanEnd), trailing?.End ?? 0);
        while (start < end && (char.IsWhiteSpace(text[start]) || text[start] is '-' or '–' or '•' or '*'))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return new TextSpan(start, end);
    }

    /// <summary>True when only list markers and punctuation stand between the clause start and the date.</summary>
    private static bool IsLeading(string text, int from, int dateStart)
    {
        for (var i = from; i < dateStart; i++)
        {
            var c = text[i];
            if (!char.IsWhiteSpace(c) && c is not ('-' or '–' or '•' or '*' or '(' or '[' or ':' or ',' or ';' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static List<DateUnit> Units(string folded, List<DateMention> dates)
    {
        var units = new List<DateUnit>();
        for (var i = 0; i < dates.Count; i++)
        {
            var d = dates[i];
            if (i + 1 < dates.Count)
            {
                var next = dates[i + 1];
                var between = folded[d.Span.End..next.Span.Start];
                var connector = TimelineCues.RangeConnector().Match(between);
                var before = folded[Math.Max(0, d.Span.Start - 12)..d.Span.Start];
                var opener = TimelineCues.RangeOpener().IsMatch(before);
                var word = connector.Success ? connector.Value.Trim() : "";
                if (connector.Success && (opener || word is "-" or "–" or "au" or "to" or "until" or "till" or "through" || word.StartsWith("jusqu", StringComparison.Ordinal))
                    && (word is not ("and" or "et") || opener)
                    && string.CompareOrdinal(next.Iso, d.Iso) >= 0)
                {
                    units.Add(new DateUnit(d, next));
                    i++;
                    continue;
                }
            }

            units.Add(new DateUnit(d, null));
        }

        return units;
    }

    /// <summary>
    /// Clauses of the text: sentences (a full stop not between digits, ";", "!", "?"), table cells (tabs), list items,
    /// blank lines, and short lines (headings, header fields, list lines) each on their own. Wrapped prose lines join.
    /// </summary>
    private static IEnumerable<(int Start, int End)> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var boundary = c switch
            {
                ';' or '!' or '?' or '\t' => true,
                '.' => (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])) && !(i > 0 && char.IsDigit(text[i - 1]) && i + 1 < text.Length && char.IsDigit(text[i + 1])),
                '\n' => LineBreakEnds(text, i),
                _ => false,
            };
            if (boundary)
            {
                yield return (start, c == '.' ? i + 1 : i);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return (start, text.Length);
        }
    }

    private static bool LineBreakEnds(string text, int newline)
    {
        if (newline == 0 || text[newline - 1] == '\n')
        {
            return true;
        }

        var lineStart = text.LastIndexOf('\n', newline - 1) + 1;

        var previous = text[lineStart..newline].TrimEnd();
        if (previous.Length <= 60 || previous.EndsWith(':'))
        {
            return true;
        }

        var next = newline + 1;
        while (next < text.Length && text[next] is ' ' or '\t')
        {
            next++;
        }

        return next >= text.Length || text[next] is '\n' or '-' or '–' or '•' or '*' || FieldLabel().IsMatch(text, next);
    }

    [GeneratedRegex(@"\G[\p{L}][\p{L} ()/'’.-]{1,40}:", RegexOptions.CultureInvariant)]
    private static partial Regex FieldLabel();

    [GeneratedRegex(@"(?:[\s,(:]+(?:le|du|de|en|au|on|in|at|since|depuis|from|dated|the|of|between|entre|performed\s+on|taken\s+on|realisee?\s+le))*[\s,(:]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TrailingConnector();

    [GeneratedRegex(@"^(?:and|et|then|puis)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingConnector();
}
