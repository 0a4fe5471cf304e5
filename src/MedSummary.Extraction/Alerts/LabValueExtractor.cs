using System.Globalization;
using System.Text.RegularExpressions;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;
using MedSummary.Extraction.Grounding.Text;
using MedSummary.Extraction.Rules;
using MedSummary.Extraction.Verification;

namespace MedSummary.Extraction.Alerts;

/// <summary>
/// One laboratory result read from a document: the analyte, the value and unit as printed, the value in the
/// analyte's canonical unit, the laboratory's own reference range and flag when printed, the sample date when
/// stated, and the span it was read from (name to range or flag).
/// </summary>
public sealed record LabMeasurement(
    LabAnalyte Analyte,
    string DocumentId,
    TextSpan Span,
    string ValueText,
    double Value,
    string? UnitText,
    LabUnit Unit,
    double Canonical,
    string? Date)
{
    /// <summary>The range printed next to the value, in canonical units; null when none was printed.</summary>
    public ReferenceRange? PrintedRange { get; init; }

    /// <summary>The printed range as written, decimal point ("12.0 - 16.0", "> 90").</summary>
    public string? PrintedRangeText { get; init; }

    /// <summary>"low" or "high" when the report flags the value ("L", "H", "bas", "↑"...), else null.</summary>
    public string? FlagDirection { get; init; }

    /// <summary>The value and unit as written with a decimal point: "8.2 g/dL".</summary>
    public string Display => UnitText is null ? ValueText.Replace(',', '.') : $"{ValueText.Replace(',', '.')} {UnitText}";
}

/// <summary>
/// Reads laboratory values from text, French and English, in prose ("Hb 8,2 g/dL", "polynucléaires neutrophiles à
/// 0,81 G/L", "haemoglobin of 9.1 g/dL") and in table rows (test, value, unit, reference range, flag). Values in a
/// negated, hypothetical or family-history clause, thresholds ("si PNN &lt; 1,5 G/L", "target Hb 10"), ranges and
/// values in units that do not fit the analyte are not results and are skipped. A missing unit is inferred from the
/// value's magnitude where that is unambiguous (Hb 8.2 is g/dL, Hb 82 is g/L).
/// </summary>
/// <remarks>
/// The sample date is the nearest date written before the value in the same document (the table's "Prélèvement du
/// …" heading, the "Blood tests on …" of a sentence), birth dates excepted; numeric dates follow
/// <see cref="DocumentDates"/>.
/// </remarks>
public static partial class LabValueExtractor
{
    // How far back a sample date is looked for: a long lab report keeps its panel heading well above its last rows.
    private const int DateReach = 2500;

    public static IReadOnlyList<LabMeasurement> Extract(SourceDocument document, NumericDateOrder fallbackOrder = NumericDateOrder.Unknown)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text;
        var folded = TextFolding.FoldSameLength(text);
        var dates = DocumentDates.Find(text, document.Language, fallbackOrder)
            .Where(d => !IsBirthDate(folded, d.Span.Start))
            .ToList();
        var names = LabNames.FindAll(text, folded);
        var results = new List<LabMeasurement>();
        for (var i = 0; i < names.Count; i++)
        {
            var (analyte, start, end, requiresUnit) = names[i];
            var nextName = i + 1 < names.Count ? names[i + 1].Start : text.Length;
            if (Read(document, folded, analyte, start, end, requiresUnit, nextName, dates) is { } measurement)
            {
                results.Add(measurement);
            }
        }

        return results;
    }

    private static LabMeasurement? Read(
        SourceDocument document, string folded, LabAnalyte analyte, int start, int end, bool requiresUnit, int nextName, List<DateMention> dates)
    {
        var text = document.Text;
        var value = ValueAfterName().Match(folded, end);
        if (!value.Success || value.Groups["cmp"].Success)
        {
            // A comparator makes it a threshold or a censored value, not a result to alert on.
            return null;
        }

        var num = value.Groups["num"];
        if (num.Index >= nextName || RangeAfter().IsMatch(folded, num.Index + num.Length))
        {
            return null;
        }

        if (Threshold().IsMatch(folded[Math.Max(0, start - 40)..start]))
        {
            return null;
        }

        var numberText = text.Substring(num.Index, num.Length);
        if (!double.TryParse(Squeeze(numberText).Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var (unit, unitStart, unitLength) = LabUnits.ReadAt(folded, num.Index + num.Length);
        if (unit is LabUnit.Unknown or LabUnit.Percent || (unit == LabUnit.None && requiresUnit) || analyte.Factor(unit, number) is not { } factor)
        {
            return null;
        }

        var canonical = number * factor;
        if (canonical < analyte.Plausible.Min || canonical > analyte.Plausible.Max)
        {
            return null;
        }

        var cursor = unit == LabUnit.None ? num.Index + num.Length : unitStart + unitLength;
        var lineEnd = text.IndexOf('\n', cursor);
        var limit = Math.Min(nextName, lineEnd < 0 ? text.Length : lineEnd);
        var stop = StatementEnd().Match(folded, cursor, limit - cursor);
        if (stop.Success)
        {
            limit = stop.Index;
        }

        ReferenceRange? printed = null;
        string? printedText = null;
        var range = PrintedRange().Match(folded, cursor, limit - cursor);
        if (range.Success)
        {
            (printed, printedText) = ReadRange(text, range, factor, analyte);
            if (printed is not null)
            {
                cursor = range.Index + range.Length;
            }
        }

        string? flagDirection = null;
        var flag = Flag().Match(folded, cursor, limit - cursor);
        if (flag.Success)
        {
            flagDirection = FlagDirection(flag.Groups["f"].Value);
            cursor = flag.Groups["f"].Index + flag.Groups["f"].Length;
        }

        // Scope is read around the whole result, so that "hémoglobine 8,2 g/dL non retrouvée" is denied.
        if (!ClinicalScope.IsAffirmed(text, new TextSpan(start, cursor), ScopeKind.Negated | ScopeKind.Hypothetical | ScopeKind.Family))
        {
            return null;
        }

        var date = dates.LastOrDefault(d => d.Span.End <= start && start - d.Span.End <= DateReach)?.Iso
            ?? dates.FirstOrDefault(d => d.Span.Start < 400)?.Iso;
        return new LabMeasurement(
            analyte,
            document.Id,
            new TextSpan(start, cursor),
            numberText,
            number,
            unit == LabUnit.None ? null : text.Substring(unitStart, unitLength),
            unit,
            canonical,
            date)
        {
            PrintedRange = printed,
            PrintedRangeText = printed is null ? null : printedText,
            FlagDirection = flagDirection,
        };
    }

    private static (ReferenceRange?, string?) ReadRange(string text, Match range, double factor, LabAnalyte analyte)
    {
        double? low = Parse(range.Groups["lo"]);
        double? high = Parse(range.Groups["hi"]);
        if (low is null && high is null)
        {
            return (null, null);
        }

        var printed = new ReferenceRange(low * factor, high * factor, true);

        // A printed range far from the analyte's usual one was read in another unit or is not a range: ignore it.
        var builtIn = analyte.BuiltInRange(PatientSex.Unknown);
        var comparable = (printed.Low is not null && builtIn.Low is not null) || (printed.High is not null && builtIn.High is not null);
        if (!comparable || !Near(printed.Low, builtIn.Low) || !Near(printed.High, builtIn.High) || (low is not null && high is not null && low >= high))
        {
            return (null, null);
        }

        var body = range.Groups["body"];
        return (printed, text.Substring(body.Index, body.Length).Replace(',', '.'));

        static bool Near(double? printedBound, double? usual) =>
            printedBound is null || usual is null || (printedBound / usual is > 0.25 and < 4);
    }

    private static double? Parse(Group group) =>
        group.Success && double.TryParse(group.Value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static string? FlagDirection(string flag) => flag switch
    {
        "l" or "ll" or "low" or "bas" or "basse" or "↓" or "-" or "b" => "low",
        "h" or "hh" or "high" or "haut" or "haute" or "eleve" or "elevee" or "↑" or "+" => "high",
        _ => null,
    };

    private static string Squeeze(string number) =>
        number.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal).Replace("\u202F", "", StringComparison.Ordinal);

    private static bool IsBirthDate(string folded, int dateStart)
    {
        var from = Math.Max(0, dateStart - 30);
        return BirthCue().IsMatch(folded[from..dateStart]);
    }

    // After a name: qualifiers ("(CKD-EPI)", "corrigée", "totale"), a connector (":", "à", "at", "of", "was") and the number.
    [GeneratedRegex(
        @"\G(?:[ \t\u00A0]*(?:\([^()\n]{0,30}\)|corrigee?|totale?|serique|sanguine?|plasmatique|count|level|estimee?|estimated|calculee?|calculated|ajustee?|adjusted|corrected|mdrd|ckd-epi|cockcroft(?:-gault)?))*[ \t\u00A0]*(?:(?:[:=]|a|at|of|de|du|was|were|is|are|est|etait|measured\s+at|mesuree?\s+a|a\s+ete\s+mesuree?\s+a)(?![\p{L}])[ \t\u00A0]*){0,2}(?<cmp>(?:[<>≤≥]|inf\.?|sup\.?)[ \t]*)?(?<num>\d{1,3}(?:[ \u00A0\u202F]\d{3})+(?=[ \t]*(?:/|par\s|elements|cells)[ \t]*(?:mm|[µμu]l))|\d+(?:[.,]\d+)?)(?![\d])",
        RegexOptions.CultureInvariant)]
    private static partial Regex ValueAfterName();

    // "12-16" right after the number: the number opened a range, it was not a result.
    [GeneratedRegex(@"\G[ \t]*[-–][ \t]*\d", RegexOptions.CultureInvariant)]
    private static partial Regex RangeAfter();

    [GeneratedRegex(@";|\.\s|,\s(?=\p{L})", RegexOptions.CultureInvariant)]
    private static partial Regex StatementEnd();

    [GeneratedRegex(
        @"\G[ \t\u00A0]*[(\[]?[ \t]*(?:(?:n|vr|ref|ref\.|reference|normal[e]?|normes?|valeurs?\s+(?:de\s+)?reference|range)[ \t]*[:=]?[ \t]*)?(?<body>(?<lo>\d+(?:[.,]\d+)?)[ \t]*(?:-|–|a|to)[ \t]*(?<hi>\d+(?:[.,]\d+)?)|(?:<|≤|inf\.?\s*a)[ \t]*(?<hi>\d+(?:[.,]\d+)?)|(?:>|≥|sup\.?\s*a)[ \t]*(?<lo>\d+(?:[.,]\d+)?))[ \t]*[)\]]?",
        RegexOptions.CultureInvariant)]
    private static partial Regex PrintedRange();

    [GeneratedRegex(@"\G[ \t\u00A0]*\(?(?<f>hh|ll|h|l|b|\*+|\+|-|↑|↓|high|low|haute?|basse?|elevee?)\)?[ \t]*(?=$|\n|\r)", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex Flag();

    [GeneratedRegex(@"(?<![\p{L}])(?:seuil|objectif|cible|target|threshold|goal|transfus\w*\s+si|if|si|unless|when|lorsque|quand)(?![\p{L}])[^\n.;]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Threshold();

    [GeneratedRegex(@"(?:n[e]e?\s+le|date\s+(?:of\s+)?birth|date\s+de\s+naissance|\bdob\b|\bddn\b|born\s+(?:on\s+)?)[\s:]*$", RegexOptions.CultureInvariant)]
    private static partial Regex BirthCue();
}
