using System.Text.RegularExpressions;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// Date of diagnosis: a stated diagnosis date ("diagnostiqué en mars 2023", "date of diagnosis: 2023-03-12",
/// "diagnosed in 2019") or the date of the diagnostic sampling ("date du prélèvement : 12/03/2023", "biopsy performed
/// on 12 March 2023", "Date of procedure: 2023-03-12").
/// </summary>
/// <remarks>
/// Normalized ISO 8601 at the precision written: "2023-03-12", "2023-03", or "2023" (a year alone is read only right
/// after a stated-diagnosis cue). An approximate date after such a cue ("diagnosed in mid-2018", "diagnostiqué fin
/// 2019", "in the spring of 2020") gives its year alone: the month it hints at is not written, so none is invented.
/// Stated diagnosis dates carry <see cref="StatedNote"/>, sampling dates <see cref="ProcedureNote"/>; assembly prefers
/// the stated one and otherwise takes the earliest sampling date (the first pathological confirmation). Numeric dates
/// follow <see cref="DateExtractor"/>'s language rule and lose confidence when day and month could be swapped. Dates
/// of birth, receipt, signature or report are never read.
/// </remarks>
public sealed partial class DiagnosisDateExtractor : IFieldExtractor
{
    /// <summary>Note of a date stated as the date of diagnosis.</summary>
    public const string StatedNote = "stated diagnosis date";

    /// <summary>Note of the date of a diagnostic sampling or procedure.</summary>
    public const string ProcedureNote = "diagnostic procedure date";

    public IReadOnlyList<string> Fields { get; } = [ContractFields.DateOfDiagnosis];

    public IEnumerable<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text;
        var dates = DateExtractor.FindAll(text, document.Language);
        var findings = new List<Finding>();
        var used = new HashSet<int>();

        foreach (var (pattern, note, confidence) in new[]
                 {
                     (StatedCue(), StatedNote, RuleConfidence.Explicit),
                     (ProcedureCue(), ProcedureNote, RuleConfidence.Explicit - 0.07),
                 })
        {
            foreach (Match cue in pattern.Matches(text))
            {
                var cueSpan = new TextSpan(cue.Index, cue.Index + cue.Length);
                if (!ClinicalScope.IsAffirmed(text, cueSpan, ScopeKind.Hypothetical | ScopeKind.Family | ScopeKind.Negated))
                {
                    continue;
                }

                var date = dates.FirstOrDefault(d => d.Span.Start >= cueSpan.End && d.Span.Start - cueSpan.End <= 45);
                // A cue ending one list item never takes the date that opens the next one ("prélèvement diagnostique\n- 06/11/2022").
                if (date is not null && Gap().IsMatch(text[cueSpan.End..date.Span.Start]) && !NextListItem().IsMatch(text[cueSpan.End..date.Span.Start]))
                {
                    if (!used.Add(date.Span.Start))
                    {
                        continue;
                    }

                    var c = confidence - (date.DayMonthAmbiguous ? RuleConfidence.AmbiguityPenalty : 0);
                    findings.Add(new Finding(ContractFields.DateOfDiagnosis, date.Text, date.Iso, document.Id, new TextSpan(cueSpan.Start, date.Span.End), c)
                    {
                        Note = note,
                    });
                    continue;
                }

                if (note == StatedNote && YearAfter().Match(text, cueSpan.End) is { Success: true } year && year.Index == cueSpan.End)
                {
                    var y = year.Groups["y"];
                    if (used.Add(y.Index))
                    {
                        findings.Add(new Finding(ContractFields.DateOfDiagnosis, y.Value, y.Value, document.Id, new TextSpan(cueSpan.Start, y.Index + y.Length), confidence - 0.05)
                        {
                            Note = note,
                        });
                    }
                }
            }
        }

        return findings;
    }

    [GeneratedRegex(
        @"(?<![\p{L}])(?:date\s+(?:of\s+)?(?:initial\s+|first\s+)?diagnos[ie]s|diagnos(?:ed|is\s+(?:made|established))\s+(?:on|in|date)?|initially\s+diagnosed(?:\s+(?:on|in))?|date\s+(?:du|de)\s+(?:premier\s+)?diagnostic|diagnostiqu[ée]e?s?(?:\s+(?:en|le|au\s+mois\s+de|courant))?|d[ée]couvert(?:e|s|es)?\s+(?:en|le)|diagnostic\s+(?:port[ée]|pos[ée]|[ée]tabli|histologique)\s+(?:en|le)|mise\s+en\s+[ée]vidence\s+(?:en|le))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatedCue();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:date\s+(?:du|de|des)\s+pr[ée]l[èe]vements?|pr[ée]lev[ée]e?s?\s+le|date\s+(?:de\s+(?:la\s+)?)?(?:biopsie|ponction|intervention|chirurgie|r[ée]section)|biopsie\s+(?:r[ée]alis[ée]e|effectu[ée]e|faite|pratiqu[ée]e)?\s*(?:le|du)|op[ée]r[ée]e?\s+le|date\s+(?:of\s+)?(?:biopsy|procedure|surgery|operation|resection|collection|specimen\s+collection|sampling)|(?:biopsy|procedure|surgery|resection)\s+(?:was\s+)?(?:performed|taken|obtained|done|dated)?\s*(?:on|dated)|(?:specimen|sample)\s+(?:collected|obtained|taken|received\s+and\s+collected)(?:\s+on)?|date\s+(?:collected|obtained)|collection\s+date|procedure\s+date|date\s+of\s+service|collected\s+on)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProcedureCue();

    // Between a cue and its date: separators and a few filler words, nothing that starts another statement.
    [GeneratedRegex(@"^[\s:=,()\-–]*(?:(?:on|le|the|en|au|of|du|est|was|is|:)\s*){0,3}[\s:=,()\-–]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Gap();

    // Words that make a year approximate without naming a month: "mid-2018", "early 2019", "fin 2019", "l'été 2020".
    private const string Approximately =
        @"(?:mid|early|late|mi|d[ée]but|fin)[\s-]+|(?:the\s+)?(?:spring|summer|autumn|fall|winter)\s+(?:of\s+)?|(?:au\s+|à\s+l['’]\s?|en\s+|l['’]\s?)?(?:printemps|[ée]t[ée]|automne|hiver)\s+";

    [GeneratedRegex(@"\n[ \t]*[-–•*]", RegexOptions.CultureInvariant)]
    private static partial Regex NextListItem();

    [GeneratedRegex(@"\G[\s:]*(?:(?:en|in|dans|au\s+cours\s+de(?:\s+l['’]ann[ée]e)?|courant)\s+)?(?:" + Approximately + @")?(?<y>(?:19|20)\d{2})(?![\d/-]|\.\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex YearAfter();
}
