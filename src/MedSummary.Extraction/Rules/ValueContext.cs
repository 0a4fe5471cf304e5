using System.Text.RegularExpressions;
using MedSummary.Core.Provenance;
using MedSummary.Core.Staging;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// The part of the context layer that asks whether a value-shaped token is a value at all: a scale legend or a
/// reference range, one of a list of printed options, another structure's code, or a checklist item answered no.
/// Reached through <see cref="ClinicalScope.Detect"/> with the <see cref="ScopeKind.NotAValue"/> kinds.
/// </summary>
/// <remarks>
/// What counts as "the same kind of token" for an option list follows the mention's shape: a TNM category of the same
/// axis, an IHC score (0, 1+, 2+, 3+), a status word (positive, negative, equivocal), a stage group. Synoptic
/// templates print every choice; what was chosen is the one left standing, the one ticked ("[x]", "☒"), or the one
/// written after the item's label. A ticked box always wins over the list around it.
/// </remarks>
internal static partial class ValueContext
{
    private const int ParenthesisReach = 45;
    private const int DefinitionListReach = 700;
    private const int StructureReach = 40;
    private const int TickedEntryReach = 400;
    private const int DefinitionReach = 40;

    private enum Shape
    {
        Other,
        Tnm,
        Score,
        Status,
        Presence,
        Residual,
    }

    public static ScopeKind Detect(string text, TextSpan target, ScopeKind kinds)
    {
        var mention = text[target.Start..target.End].Trim();
        if (mention.Length == 0)
        {
            return ScopeKind.None;
        }

        var (shape, axis) = ShapeOf(mention);
        var found = ScopeKind.None;
        if (kinds.HasFlag(ScopeKind.Legend) && IsLegend(text, target, shape))
        {
            found |= ScopeKind.Legend;
        }

        if (kinds.HasFlag(ScopeKind.OptionList) && IsOption(text, target, shape, axis))
        {
            found |= ScopeKind.OptionList;
        }

        if (kinds.HasFlag(ScopeKind.OtherStructure) && shape == Shape.Tnm && axis == 'N' && IsPerineural(text, target))
        {
            found |= ScopeKind.OtherStructure;
        }

        if (kinds.HasFlag(ScopeKind.AnsweredNo) && IsAnsweredNo(text, target))
        {
            found |= ScopeKind.AnsweredNo;
        }

        return found;
    }

    private static (Shape Shape, char Axis) ShapeOf(string mention)
    {
        if (TnmCategory.Parse(mention, ocrTolerant: true) is { } category)
        {
            return (Shape.Tnm, category.Axis);
        }

        if (ScoreToken().IsMatch(mention))
        {
            return (Shape.Score, ' ');
        }

        if (ResidualToken().IsMatch(mention))
        {
            return (Shape.Residual, ' ');
        }

        if (PresenceToken().IsMatch(mention))
        {
            return (Shape.Presence, ' ');
        }

        return StatusToken().IsMatch(mention) ? (Shape.Status, ' ') : (Shape.Other, ' ');
    }

    /// <summary>Inside a bracket that reads as a legend or a reference range, or an end of a score range.</summary>
    private static bool IsLegend(string text, TextSpan target, Shape shape)
    {
        if (Enclosing(text, target) is { } inside && LegendCue().IsMatch(inside))
        {
            return true;
        }

        var before = ReportContext.Slice(text, target.Start - 30, target.Start);
        var after = ReportContext.Slice(text, target.End, target.End + 12);

        // A scale printed as a run of status-value entries: "Negative 0-1+, Equivocal 2+, Positive 3+",
        // "Negative <10.7 Positive >=11.5 Equivocal = 10.7 - 11.4". Two entries side by side make a legend; a marker
        // name between them ("ER Positive 95% PR Negative 0%") makes two results.
        if (shape is Shape.Status or Shape.Score or Shape.Other)
        {
            var from = Math.Max(0, target.Start - 80);
            var to = Math.Min(text.Length, target.End + 80);
            for (var run = ScaleRun().Match(text, from, to - from); run.Success && run.Index <= target.Start; run = run.NextMatch())
            {
                if (target.End <= run.Index + run.Length)
                {
                    return true;
                }
            }
        }

        // A cut-off table: "Negative < 6.5, Positive ≥ 6.5", "négatif si < 1 %, positif si ≥ 1 %".
        if (shape == Shape.Status && Threshold().IsMatch(ReportContext.Slice(text, target.End, target.End + 20)))
        {
            var around = ReportContext.Slice(text, target.Start - 30, target.End + 40);
            if (AnyStatus().Matches(around).Count >= 2)
            {
                return true;
            }
        }
        if (shape is Shape.Score or Shape.Tnm or Shape.Other
            && (RangeBefore().IsMatch(before) || RangeAfter().IsMatch(after)))
        {
            // "0-3+" and "(4-10)" are scales; a percentage range ("80-90%") is a result.
            return shape != Shape.Other || !(PercentRangeAfter().IsMatch(after) || after.TrimStart().StartsWith('%'));
        }

        // "ER/PR positive is defined as an Allred score > 2", "positif si ≥ 1 %": a status being defined, not reported.
        if (shape == Shape.Status && Definition().IsMatch(ReportContext.Slice(text, target.End, target.End + 30)))
        {
            return true;
        }

        // "normal: 4 - 10", "valeurs de référence 4 à 10": the numbers after a reference cue on the same clause;
        // "Negative <1%, Positive >=1%": the cut-off after a status word.
        // "ratio >= 2.0 is amplified", "un score ≥ 3 est considéré positif": a result named after its cut-off.
        if (ThresholdNamed().IsMatch(before))
        {
            return true;
        }

        // The same in words: "a ratio from 1.8-2.2 is equivocal", "less than 1% is negative", "a ratio below 2.0
        // indicates no amplification". A verb is required: "more than 50% positive" is a result.
        if (shape is Shape.Status or Shape.Other && ThresholdWordsNamed().IsMatch(ReportContext.Slice(text, target.Start - 45, target.Start)))
        {
            return true;
        }

        var mention = text[target.Start..target.End].TrimStart();
        return shape == Shape.Other
            && (ReferenceBefore().IsMatch(before)
                || (StatusThresholdBefore().IsMatch(before) && (Comparator().IsMatch(before) || mention.Length > 0 && mention[0] is '<' or '>' or '≤' or '≥')));
    }

    /// <summary>The text of the innermost bracket around the target, when one closes near it on both sides.</summary>
    private static string? Enclosing(string text, TextSpan target)
    {
        var open = -1;
        for (var i = target.Start - 1; i >= Math.Max(0, target.Start - ParenthesisReach); i--)
        {
            if (text[i] is ')' or ']' or '\n')
            {
                return null;
            }

            if (text[i] is '(' or '[')
            {
                open = i;
                break;
            }
        }

        if (open < 0)
        {
            return null;
        }

        var close = text.IndexOfAny([')', ']', '\n'], target.End);
        if (close < 0 || close - target.End > ParenthesisReach || text[close] == '\n')
        {
            return null;
        }

        return text[(open + 1)..close];
    }

    private static bool IsOption(string text, TextSpan target, Shape shape, char axis)
    {
        var before = ReportContext.Slice(text, target.Start - 8, target.Start);
        if (TickedBox().IsMatch(before) || (shape == Shape.Tnm && PlainTick().IsMatch(before)))
        {
            return false;
        }

        if (EmptyBox().IsMatch(before))
        {
            return true;
        }

        var sibling = shape switch
        {
            Shape.Tnm => SiblingCategory(axis),
            Shape.Score => ScoreSibling(),
            Shape.Status => StatusSibling(),
            Shape.Presence => PresenceSibling(),
            Shape.Residual => ResidualSibling(),
            _ => null,
        };
        if (sibling is null)
        {
            return false;
        }

        var (count, viaOr, differs) = CountSiblings(text, target, sibling);
        if (count >= 2 || (count >= 1 && viaOr))
        {
            return true;
        }

        // "present / absent", "involved / uninvolved": two answers to one item side by side are the printed choices.
        if (shape is Shape.Presence or Shape.Residual && count >= 1)
        {
            return true;
        }

        // "positive / negative" printed side by side offers both; "ER/PR: pos/neg" is read as a pair before this.
        if (shape == Shape.Status && count >= 1 && differs)
        {
            return true;
        }

        return shape == Shape.Tnm && IsDefinitionList(text, target, axis);
    }

    /// <summary>How many tokens of the same kind stand next to the target, joined to it by list separators.</summary>
    private static (int Count, bool ViaOr, bool Differs) CountSiblings(string text, TextSpan target, Regex sibling)
    {
        var count = 0;
        var viaOr = false;
        var differs = false;
        var mine = Polarity(text[target.Start..target.End]);

        // Rightwards: separator then sibling, repeatedly.
        var p = target.End;
        for (var guard = 0; guard < 12; guard++)
        {
            var sep = Separator().Match(text, p);
            if (!sep.Success || sep.Index != p)
            {
                break;
            }

            var next = sibling.Match(text, sep.Index + sep.Length);
            if (!next.Success || next.Index != sep.Index + sep.Length)
            {
                break;
            }

            count++;
            viaOr |= sep.Groups["or"].Success;
            differs |= Polarity(next.Value) != mine;
            p = next.Index + next.Length;
        }

        // Leftwards: the same, read on the text before the target.
        var q = target.Start;
        for (var guard = 0; guard < 12; guard++)
        {
            var window = ReportContext.Slice(text, q - 40, q);
            var m = LeftSibling(sibling).Match(window);
            if (!m.Success)
            {
                break;
            }

            count++;
            viaOr |= m.Groups["or"].Success;
            differs |= Polarity(m.Groups["tok"].Value) != mine;
            q -= window.Length - m.Index;
        }

        return (count, viaOr, differs);
    }

    private static int Polarity(string token) =>
        NegativeWord().IsMatch(token) ? -1 : PositiveWord().IsMatch(token) ? 1 : 0;

    /// <summary>
    /// A synoptic template that prints each category with its definition ("pT1: Tumour 2 cm or less ... pT2: Tumour
    /// more than 2 cm"): the target is followed by a definition and two or more categories of the same axis nearby are
    /// too. A single category followed by its definition is the chosen one and stays a value.
    /// </summary>
    private static bool IsDefinitionList(string text, TextSpan target, char axis)
    {
        if (!DefinitionAfter().IsMatch(ReportContext.Slice(text, target.End, target.End + DefinitionReach)))
        {
            return false;
        }

        // A plain-text export of a ticked template keeps the tick as a bare "x" before the chosen entry ("x pT3: Tumour
        // more than 4 cm", "x Not applicable"): an entry printed with its definition next to one so ticked is a choice
        // left unticked, even when it is the only category of its axis in the template.
        if (TickedEntryBefore(text, target, axis))
        {
            return true;
        }

        var from = Math.Max(0, target.Start - DefinitionListReach);
        var to = Math.Min(text.Length, target.End + DefinitionListReach);
        var others = 0;
        foreach (Match m in AnyCategory(axis).Matches(text, from))
        {
            if (m.Index >= to)
            {
                break;
            }

            if (m.Index == target.Start || (m.Index < target.End && m.Index + m.Length > target.Start))
            {
                continue;
            }

            if (m.Index > 0 && char.IsLetterOrDigit(text[m.Index - 1]))
            {
                continue;
            }

            if (DefinitionAfter().IsMatch(ReportContext.Slice(text, m.Index + m.Length, m.Index + m.Length + DefinitionReach)) && ++others >= 2)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A ticked entry of the same template section (same axis, or a plain answer) before the target.</summary>
    private static bool TickedEntryBefore(string text, TextSpan target, char axis)
    {
        var from = Math.Max(0, target.Start - TickedEntryReach);
        Match? last = null;
        for (var m = TickedEntry().Match(text, from, target.Start - from); m.Success; m = m.NextMatch())
        {
            last = m;
        }

        if (last is null || (last.Groups["axis"].Success && char.ToUpperInvariant(last.Groups["axis"].Value[0]) != axis))
        {
            return false;
        }

        // Another axis named between the tick and the target means the tick belongs to another section.
        var between = text[(last.Index + last.Length)..target.Start];
        foreach (Match other in AxisMention().Matches(between))
        {
            if (char.ToUpperInvariant(other.Groups["axis"].Value[0]) != axis)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPerineural(string text, TextSpan target)
    {
        var start = Math.Max(ClinicalScope.PreWindow(text, target.Start), target.Start - StructureReach);
        return PerineuralLabel().IsMatch(text[start..target.Start]);
    }

    private static bool IsAnsweredNo(string text, TextSpan target) => AnsweredNo(text, target) is not null;

    /// <summary>The answer that closes a checklist item in the negative ("(pT4): No", "LVI : non"), or null.</summary>
    public static TextSpan? AnsweredNo(string text, TextSpan target)
    {
        var m = AnswerNo().Match(ReportContext.Slice(text, target.End, target.End + 30));
        return m.Success ? new TextSpan(target.End + m.Index, target.End + m.Index + m.Length) : null;
    }

    private static Regex SiblingCategory(char axis) => axis switch
    {
        'T' => TSibling(),
        'N' => NSibling(),
        _ => MSibling(),
    };

    private static Regex AnyCategory(char axis) => axis switch
    {
        'T' => TAny(),
        'N' => NAny(),
        _ => MAny(),
    };

    private static Regex LeftSibling(Regex sibling) =>
        sibling == TSibling() ? TLeft()
        : sibling == NSibling() ? NLeft()
        : sibling == MSibling() ? MLeft()
        : sibling == ScoreSibling() ? ScoreLeft()
        : sibling == PresenceSibling() ? PresenceLeft()
        : sibling == ResidualSibling() ? ResidualLeft()
        : StatusLeft();

    private const string SeparatorPattern = @"[ \t]*(?:/|\||,|;|(?<or>\bor\b|\bou\b|\bvs\.?|\bversus\b|\band\b|\bet\b|&))[ \t]*";
    // The domain's TNM grammar decides what a category looks like; this file only decides where lists of them stand.
    private const string TPattern = TnmCategory.TTokenPattern;
    private const string NPattern = TnmCategory.NTokenPattern;
    private const string MPattern = TnmCategory.MTokenPattern;
    private const string ScorePattern = @"(?:[0-3][ ]?\+|\+{1,3}|0)(?![\d+%]|[.,]\d)";
    // Answers to a present-or-absent item (invasion, margins): "present", "absent", "involved", "free", "oui", "non".
    private const string PresencePattern = @"(?:not\s+identified|non\s+identifi[ée]e?s?|present|pr[ée]sente?s?|absente?s?|uninvolved|involved|free|clear|close|yes|no|oui|non|indemnes?|envahie?s?|atteinte?s?|saine?s?)(?![\p{L}])";
    private const string StatusPattern = @"(?:positi(?:ve|f|fs|ves)|n[ée]gati(?:ve|f|fs|ves)|equivocal|[ée]quivoque|pos|neg)(?![\p{L}])";

    [GeneratedRegex(@"\G" + SeparatorPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Separator();

    [GeneratedRegex(@"\G" + TPattern, RegexOptions.CultureInvariant)]
    private static partial Regex TSibling();

    [GeneratedRegex(@"\G" + NPattern, RegexOptions.CultureInvariant)]
    private static partial Regex NSibling();

    [GeneratedRegex(@"\G" + MPattern, RegexOptions.CultureInvariant)]
    private static partial Regex MSibling();

    [GeneratedRegex(@"\G" + ScorePattern, RegexOptions.CultureInvariant)]
    private static partial Regex ScoreSibling();

    [GeneratedRegex(@"\G" + StatusPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatusSibling();

    [GeneratedRegex(@"\G" + PresencePattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PresenceSibling();

    [GeneratedRegex(@"(?<![\p{L}])(?<tok>" + PresencePattern + ")" + SeparatorPattern + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PresenceLeft();

    [GeneratedRegex("^" + PresencePattern + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PresenceToken();

    // Residual tumour classes: "R0 / R1 / R2".
    private const string ResidualPattern = @"R[0-2X](?![\p{L}\d])";

    [GeneratedRegex(@"\G" + ResidualPattern, RegexOptions.CultureInvariant)]
    private static partial Regex ResidualSibling();

    [GeneratedRegex(@"(?<![\p{L}\d])(?<tok>" + ResidualPattern + ")" + SeparatorPattern + "$", RegexOptions.CultureInvariant)]
    private static partial Regex ResidualLeft();

    [GeneratedRegex("^" + ResidualPattern + "$", RegexOptions.CultureInvariant)]
    private static partial Regex ResidualToken();

    [GeneratedRegex(TPattern, RegexOptions.CultureInvariant)]
    private static partial Regex TAny();

    [GeneratedRegex(NPattern, RegexOptions.CultureInvariant)]
    private static partial Regex NAny();

    [GeneratedRegex(MPattern, RegexOptions.CultureInvariant)]
    private static partial Regex MAny();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<tok>" + TPattern + ")" + SeparatorPattern + "$", RegexOptions.CultureInvariant)]
    private static partial Regex TLeft();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<tok>" + NPattern + ")" + SeparatorPattern + "$", RegexOptions.CultureInvariant)]
    private static partial Regex NLeft();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<tok>" + MPattern + ")" + SeparatorPattern + "$", RegexOptions.CultureInvariant)]
    private static partial Regex MLeft();

    [GeneratedRegex(@"(?<![\d.,])(?<tok>" + ScorePattern + ")" + SeparatorPattern + "$", RegexOptions.CultureInvariant)]
    private static partial Regex ScoreLeft();

    [GeneratedRegex(@"(?<![\p{L}])(?<tok>" + StatusPattern + ")" + SeparatorPattern + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatusLeft();

    [GeneratedRegex(@"^\s*(?:si|if|when|when\s+)?\s*(?:(?:[<>≤≥]=?|=<|less\s+than|greater\s+than|more\s+than|inf[ée]rieur\s+[àa]|sup[ée]rieur\s+[àa])\s*\d|\d+(?:[.,]\d+)?\s*(?:-|–|to|à)\s*\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Threshold();

    [GeneratedRegex(
        @"(?:(?<![\p{L}])(?:positi(?:ve|f)|n[ée]gati(?:ve|f)|equivocal|[ée]quivoque|borderline|low|high|faible|[ée]lev[ée]e?)\s*(?:[:=]|[<>≤≥]=?|</=|>/=|=<|si\s*[<>≤≥]=?)?\s*\d+(?:[.,]\d+)?(?:\s*[-–]\s*\d+(?:[.,]\d+)?)?\s*[+%]?\s*[,;.]?\s*){2,}",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScaleRun();

    [GeneratedRegex(@"^\s*(?:(?:is|are|est|sont)\s+)?(?:defined|considered|d[ée]fini|consid[ée]r[ée])|^\s*(?:if|when|si|lorsque|quand)\s+(?:[<>≤≥]|\d|the|le|la|au|an?|allred|score|more|less|plus|moins|at)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Definition();

    [GeneratedRegex(@"(?<![\p{L}])(?:positi\w*|n[ée]gati\w*|equivocal|[ée]quivoque|low|high|faible|[ée]lev[ée]e?|borderline)\s*(?:[<>≤≥]=?|=<)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatusThresholdBefore();

    [GeneratedRegex(@"(?:[<>≤≥]=?|</=|>/=|=<)\s*\d+(?:[.,]\d+)?\s*%?\s*(?:is|are|est|sont|=|:)?\s*(?:considered|defined\s+as|consid[ée]r[ée]e?s?|d[ée]fini[es]*\s+comme)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ThresholdNamed();

    [GeneratedRegex(@"(?:[<>≤≥]=?|=<)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Comparator();

    [GeneratedRegex(@"(?:(?:less|greater|more|lower|higher)\s+than(?:\s+or\s+equal\s+to)?|\b(?:from|between|above|below|at\s+least|moins\s+de|plus\s+de|inf[ée]rieure?s?\s+[àa]|sup[ée]rieure?s?\s+[àa]|entre))\s*\d+(?:[.,]\d+)?\s*%?(?:\s*(?:-|–|to|and|à|et)\s*\d+(?:[.,]\d+)?\s*%?)?\s*(?:(?:is|are|est|sont)\s+)?(?:=|:|is|are|est|sont|considered|defined\s+as|consid[ée]r[ée]e?s?|indicates?|indique\w*|means?)(?:\s+(?:to\s+)?indicate|\s+comme)?\s*(?:for\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ThresholdWordsNamed();

    [GeneratedRegex(@"(?<![\p{L}])(?:positi(?:ve|f|fs|ves)|n[ée]gati(?:ve|f|fs|ves)|equivocal|[ée]quivoque)(?![\p{L}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnyStatus();

    [GeneratedRegex(@"^(?:[0-3][ ]?\+|\+{1,3}|0)$", RegexOptions.CultureInvariant)]
    private static partial Regex ScoreToken();

    [GeneratedRegex(@"^(?:positi|n[ée]gati|equivocal|[ée]quivoque|pos$|neg$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatusToken();

    [GeneratedRegex(@"n[ée]g", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NegativeWord();

    [GeneratedRegex(@"pos", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PositiveWord();

    // Words that make a bracket a legend or a reference: "(scored 0-3+)", "(scale 0 to 3)", "(normal 4-10)", "(N: 4-10)".
    [GeneratedRegex(
        @"(?<![\p{L}])(?:scored?|scoring|scale|graded|range|normal|normale?s?|norms?|ref(?:erence)?|r[ée]f[ée]rence|VN|cotation|cot[ée]e?|[ée]chelle|gradu[ée]e?|from\s+\d|de\s+\d\s*[àa]\s*\d|N\s*[:=<])(?![\p{L}])|\d\s*\+?\s*(?:-|–|to|à)\s*\d\s*\+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LegendCue();

    // The digit that ends a name ("PD-L1 à 60 %", "HER2 - 3+") starts no range.
    [GeneratedRegex(@"(?<![\d.,\p{L}])(?<!\p{L}-)\d{1,3}\s*\+?\s*(?:-|–|à|to)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RangeBefore();

    [GeneratedRegex(@"^\s*(?:-|–|à|to)\s*\d", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RangeAfter();

    [GeneratedRegex(@"^\s*(?:-|–|à|to)\s*\d{1,3}(?:[.,]\d+)?\s*%", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PercentRangeAfter();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:normal|normale?s?|reference|r[ée]f[ée]rence|ref\.?|VN|N\s*[:=])\s*(?:range|values?|valeurs?)?\s*[:=]?\s*(?:\d{1,4}(?:[.,]\d+)?\s*(?:-|–|à|to)\s*)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceBefore();

    [GeneratedRegex(@"(?:\[\s?\]|\(\s\)|☐|□|_{2,})\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex EmptyBox();

    [GeneratedRegex(@"(?:\[\s?[xX✓✔]\s?\]|\(\s?[xX]\s?\)|☒|☑|■|✓|✔)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TickedBox();

    // "pT2: Tumour more than 2 cm", and in exports that turned the colon into a period, "pN2. Metastasis in ...".
    [GeneratedRegex(@"^\s*(?:[:=]\s*(?:tumou?r|metasta|m[ée]tasta|no\s|none|cannot|can\s+not|regional|primary|distant|invasion|invades|carcinoma|tumeur|pas\s+d|absence|envahissement|ne\s+peut|micro|(?:moderately|very|locally)\s+advanced|(?:maladie\s+)?localement\s+avanc)|\.\s+(?:tumou?r\s+(?:invades|of\s+any|more|less|limited|confined|\d)|metastas[ie]s?\s+(?:in|to)|cannot\s+be\s+assess|no\s+regional|no\s+distant|distant\s+metasta|(?:moderately|very|locally)\s+advanced))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DefinitionAfter();

    // A bare "x" tick at the start of a template entry: "... dimension. x pT3:", "x. pN2b:", "(pM). x Not applicable".
    [GeneratedRegex(@"(?:^|[.:;]|\n)[ \t]*[xX]\.?[ \t]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainTick();

    [GeneratedRegex(@"(?:^|[.:;]|\n)[ \t]*[xX]\.?[ \t]+(?:(?:yp|p|c)?(?<axis>[TNM])(?:is|[0-4XO])|(?i:not\s+applicable|non\s+applicable|cannot|none|ne\s+peut))", RegexOptions.CultureInvariant)]
    private static partial Regex TickedEntry();

    // A category or a bracketed axis label ("(pN)", "pM1") naming an axis.
    [GeneratedRegex(@"(?<![A-Za-z])(?:yp|p|c)?(?<axis>[TNM])(?:is|[0-4XO]|\))", RegexOptions.CultureInvariant)]
    private static partial Regex AxisMention();

    // The structure's name right before the code, as a label: "perineural invasion (Pn0)", "engainements : PN1".
    [GeneratedRegex(@"(?<![\p{L}])(?:perineural|peri-neural|perinerv\w*|p[ée]ri-?nerv\w*|engainements?(?:\s+p[ée]ri-?nerveux)?|intraneural|neural|nerve|nerf)(?:\s+(?:invasion|infiltration|spread|involvement|envahissement))?\s*[:=(\[-]?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PerineuralLabel();

    // "(pT4): No", "pN1b - absent", "(pT4a) : non", "(pM1): not identified". The answer closes the item.
    [GeneratedRegex(
        @"^[ \t]*[)\]]?[ \t]*[:=–-][ \t]*(?:no|non|none|nil|absent|absente?s?|not\s+(?:identified|present|seen|involved|found|applicable)|non\s+(?:identifi|retrouv|vu|observ|applicable)\p{L}*|sans\s+objet|n[ée]gati(?:ve|f))(?![\p{L}])(?=[ \t]*(?:$|[.;,)\n\r]))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex AnswerNo();
}
