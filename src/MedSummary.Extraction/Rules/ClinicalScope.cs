using System.Text.RegularExpressions;
using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Rules;

/// <summary>Why a mention must not yield a value for the patient's current tumour.</summary>
[Flags]
public enum ScopeKind
{
    None = 0,

    /// <summary>Denied: "no evidence of", "negative for", "pas de", "X: not identified".</summary>
    Negated = 1,

    /// <summary>Not established: "if", "to rule out", "suspicion de", "possible", "pending", "à confirmer", "assuming".</summary>
    Hypothetical = 2,

    /// <summary>About a relative: "mother had", "antécédents familiaux", "chez sa sœur".</summary>
    Family = 4,

    /// <summary>About the patient's past: "history of", "antécédent de", "previous".</summary>
    History = 8,

    All = Negated | Hypothetical | Family | History,

    /// <summary>
    /// Part of a scale legend or a reference range, not a result: the "3+" of "(scored 0-3+)", the "10" of
    /// "(normal 4-10)", "valeurs de référence : 4 à 10".
    /// </summary>
    Legend = 16,

    /// <summary>
    /// One of several options printed for choosing, not the one chosen: "T4b / T4a / T3 / T2", an unticked box
    /// ("[ ] positive"), a list of categories each with its definition in a synoptic template.
    /// </summary>
    OptionList = 32,

    /// <summary>
    /// The code of another structure that looks like the wanted one: "perineural invasion (Pn0)" is not a nodal
    /// category, "lymphovascular invasion (L1)" not a value of anything else.
    /// </summary>
    OtherStructure = 64,

    /// <summary>
    /// A checklist item answered in the negative: "Tumour perforation (pT4): No", "Invasion of the serosa (pT4a):
    /// absent", "Effraction capsulaire (pN1b) : non". The item's category is what would apply, not what does.
    /// </summary>
    AnsweredNo = 128,

    /// <summary>Every way a value-shaped token can stand in a text without being the value.</summary>
    NotAValue = Legend | OptionList | OtherStructure | AnsweredNo,
}

/// <summary>
/// A small NegEx-like scope detector, French and English. A trigger governs a mention when it stands in the same
/// clause, at most a few words before it (or a few words after it for post-triggers such as "not identified"),
/// with no termination word ("but", "however", "mais", "présentant"...) in between. Clauses end at sentence
/// punctuation, a blank line, or a line that starts a new "Label:" field (OCR breaks lines anywhere, so a plain line
/// break does not end a clause). Family and personal history also reach a mention through the nearest heading line
/// above it ("Family history:", "Antécédents :").
/// </summary>
public static partial class ClinicalScope
{
    // How many words may separate a trigger from the mention it governs.
    private const int NegationReach = 6;
    private const int HypotheticalReach = 7;
    private const int FamilyReach = 8;
    private const int HistoryReach = 8;
    private const int PostReach = 4;

    // How far back (characters) a clause may start, and how far back a heading is looked for.
    private const int MaxClauseBack = 160;
    private const int MaxClauseForward = 90;
    private const int MaxHeadingBack = 400;

    /// <summary>The scope kinds among <paramref name="kinds"/> that govern the mention at <paramref name="target"/>.</summary>
    public static ScopeKind Detect(string text, TextSpan target, ScopeKind kinds = ScopeKind.All)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (kinds == ScopeKind.None)
        {
            return ScopeKind.None;
        }

        var found = ScopeKind.None;
        var pre = PreWindow(text, target.Start);
        var post = PostWindow(text, target.End);
        var preText = Mask(text.Substring(pre, target.Start - pre));
        var postText = Mask(text.Substring(target.End, post - target.End));

        if (kinds.HasFlag(ScopeKind.Negated)
            && (Governs(NegationPre(), preText, NegationReach, colonEnds: true) || StartsWithin(NegationPost(), postText)))
        {
            found |= ScopeKind.Negated;
        }

        if (kinds.HasFlag(ScopeKind.Hypothetical)
            && (Governs(HypotheticalPre(), preText, HypotheticalReach) || StartsWithin(HypotheticalPost(), postText)))
        {
            found |= ScopeKind.Hypothetical;
        }

        if (kinds.HasFlag(ScopeKind.Family)
            && (Governs(FamilyPre(), preText, FamilyReach) || StartsWithin(FamilyPost(), postText)))
        {
            found |= ScopeKind.Family;
        }

        if (kinds.HasFlag(ScopeKind.History) && Governs(HistoryPre(), preText, HistoryReach))
        {
            found |= ScopeKind.History;
        }

        if ((kinds & ScopeKind.NotAValue) != 0)
        {
            found |= ValueContext.Detect(text, target, kinds & ScopeKind.NotAValue);
        }

        if ((kinds & (ScopeKind.Family | ScopeKind.History)) != 0 && Heading(text, target.Start) is { } heading)
        {
            var masked = Mask(heading);
            if (kinds.HasFlag(ScopeKind.Family) && FamilyPre().IsMatch(masked))
            {
                found |= ScopeKind.Family;
            }
            else if (kinds.HasFlag(ScopeKind.History) && HistoryPre().IsMatch(masked))
            {
                found |= ScopeKind.History;
            }
        }

        return found;
    }

    /// <summary>A short phrase for a reviewer: why the mention is not a value ("denied", "a scale legend"...).</summary>
    public static string Describe(ScopeKind scope) =>
        scope.HasFlag(ScopeKind.Negated) ? "denied"
        : scope.HasFlag(ScopeKind.AnsweredNo) ? "a checklist item answered no"
        : scope.HasFlag(ScopeKind.Family) ? "about a relative"
        : scope.HasFlag(ScopeKind.Legend) ? "part of a scale legend or reference range"
        : scope.HasFlag(ScopeKind.OptionList) ? "one option of a printed list"
        : scope.HasFlag(ScopeKind.OtherStructure) ? "the code of another structure"
        : scope.HasFlag(ScopeKind.History) ? "about the patient's past"
        : "not established";

    /// <summary>True when none of <paramref name="kinds"/> governs the mention.</summary>
    public static bool IsAffirmed(string text, TextSpan target, ScopeKind kinds = ScopeKind.All) =>
        Detect(text, target, kinds) == ScopeKind.None;

    /// <summary>
    /// The words that deny the mention, so that an absence can be cited with them: the governing trigger before it
    /// ("No lymphovascular invasion", "Absence d'emboles"), the post-trigger after it ("LVI: not identified",
    /// "engainements périnerveux absents"), or a checklist answer ("LVI: No"). Null when nothing denies it.
    /// </summary>
    public static TextSpan? DenialCue(string text, TextSpan target)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pre = PreWindow(text, target.Start);
        var post = PostWindow(text, target.End);
        if (GoverningTrigger(NegationPre(), Mask(text.Substring(pre, target.Start - pre)), NegationReach, colonEnds: true) is { } before)
        {
            return new TextSpan(pre + before.Index, pre + before.Index + before.Length);
        }

        if (LeadingTrigger(NegationPost(), Mask(text.Substring(target.End, post - target.End))) is { } after)
        {
            // The trigger may stop inside its word ("absent" of "absente"); the citation takes the whole word.
            var end = target.End + after.Index + after.Length;
            while (end < text.Length && char.IsLetter(text[end]))
            {
                end++;
            }

            return Words(text, new TextSpan(target.End + after.Index, end));
        }

        return ValueContext.AnsweredNo(text, target) is { } answer ? Words(text, answer) : null;
    }

    // The cue without the separators its pattern starts with (": not identified" cites "not identified").
    private static TextSpan Words(string text, TextSpan span)
    {
        var start = span.Start;
        while (start < span.End && !char.IsLetterOrDigit(text[start]))
        {
            start++;
        }

        return new TextSpan(start, span.End);
    }

    /// <summary>Start of the clause that holds <paramref name="position"/>, looking back at most a fixed distance.</summary>
    internal static int PreWindow(string text, int position)
    {
        var limit = Math.Max(0, position - MaxClauseBack);
        for (var i = position - 1; i >= limit; i--)
        {
            var c = text[i];
            if (IsSentenceEnd(text, i))
            {
                return i + 1;
            }

            if (c == '\n')
            {
                // A blank line, or the mention's line (or one between) opening a new "Label:" field, ends the clause.
                if (i > 0 && IsBlankBefore(text, i))
                {
                    return i + 1;
                }

                if (LineStartsField(text, i + 1, position))
                {
                    return i + 1;
                }
            }
        }

        return limit;
    }

    /// <summary>End of the clause that holds <paramref name="position"/>.</summary>
    internal static int PostWindow(string text, int position)
    {
        var limit = Math.Min(text.Length, position + MaxClauseForward);
        for (var i = position; i < limit; i++)
        {
            var c = text[i];
            if (IsSentenceEnd(text, i))
            {
                return i;
            }

            if (c == '\n' && (IsBlankAfter(text, i) || LineStartsField(text, i + 1, limit)))
            {
                return i;
            }
        }

        return limit;
    }

    private static bool IsSentenceEnd(string text, int i)
    {
        var c = text[i];
        if (c is ';' or '!' or '•')
        {
            return true;
        }

        if (c != '.')
        {
            return false;
        }

        // Decimals ("2.5 cm") and abbreviations glued to a letter ("e.g.") are not sentence ends.
        var before = i > 0 ? text[i - 1] : ' ';
        var after = i + 1 < text.Length ? text[i + 1] : ' ';
        if (char.IsDigit(before) && char.IsDigit(after))
        {
            return false;
        }

        return !char.IsLetter(after);
    }

    private static bool IsBlankBefore(string text, int newline)
    {
        for (var j = newline - 1; j >= 0; j--)
        {
            if (text[j] == '\n')
            {
                return true;
            }

            if (!char.IsWhiteSpace(text[j]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsBlankAfter(string text, int newline)
    {
        for (var j = newline + 1; j < text.Length; j++)
        {
            if (text[j] == '\n')
            {
                return true;
            }

            if (!char.IsWhiteSpace(text[j]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool LineStartsField(string text, int lineStart, int limit)
    {
        var end = Math.Min(limit, Math.Min(text.Length, lineStart + 60));
        if (end <= lineStart)
        {
            return false;
        }

        var m = FieldLabel().Match(text, lineStart, end - lineStart);
        return m.Success;
    }

    /// <summary>The nearest heading line above the mention (a short line ending with a colon), if no blank gap intervenes.</summary>
    private static string? Heading(string text, int position)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, position - 1));
        var limit = Math.Max(0, position - MaxHeadingBack);
        var cursor = lineStart;
        while (cursor > limit)
        {
            var prevStart = text.LastIndexOf('\n', cursor - 1) + 1;
            var line = text[prevStart..cursor].Trim();
            if (line.Length == 0)
            {
                return null;
            }

            if (line.EndsWith(':') && line.Length <= 60)
            {
                return line;
            }

            if (prevStart == 0)
            {
                return null;
            }

            cursor = prevStart - 1;
        }

        return null;
    }

    /// <summary>
    /// Where the denial governing the mention at <paramref name="target"/> starts, when it stands before it ("absence de"
    /// in "absence de mutation"): a citation of a denied statement must show the denial. Null when none governs from before.
    /// </summary>
    public static int? NegationStart(string text, TextSpan target)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pre = PreWindow(text, target.Start);
        var preText = Mask(text.Substring(pre, target.Start - pre));
        return GoverningTrigger(NegationPre(), preText, NegationReach, colonEnds: true) is { } m ? pre + m.Index : null;
    }

    private static bool Governs(Regex trigger, string window, int reach, bool colonEnds = false) =>
        GoverningTrigger(trigger, window, reach, colonEnds) is not null;

    /// <summary>The governing trigger nearest the mention (the last in the window), or null.</summary>
    private static Match? GoverningTrigger(Regex trigger, string window, int reach, bool colonEnds)
    {
        Match? nearest = null;
        foreach (Match m in trigger.Matches(window))
        {
            var between = window[(m.Index + m.Length)..];

            // A field label between a denial and the mention ("Not specified Tumor site: colon") starts a new field.
            if (Terminator().IsMatch(between) || (colonEnds && between.Contains(':', StringComparison.Ordinal)))
            {
                continue;
            }

            if (WordCount(between) <= reach)
            {
                nearest = m;
            }
        }

        return nearest;
    }

    private static bool StartsWithin(Regex trigger, string window) => LeadingTrigger(trigger, window) is not null;

    private static Match? LeadingTrigger(Regex trigger, string window)
    {
        var m = trigger.Match(window);
        if (!m.Success)
        {
            return null;
        }

        var before = window[..m.Index];
        return !Terminator().IsMatch(before) && WordCount(before) <= PostReach ? m : null;
    }

    private static int WordCount(string s)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in s)
        {
            var w = char.IsLetterOrDigit(c);
            if (w && !inWord)
            {
                count++;
            }

            inWord = w;
        }

        return count;
    }

    /// <summary>
    /// True when the only hypothesis governing the mention is a search whose result the clause states: "Recherche de
    /// mutation BRCA1/2 négative", "recherche de réarrangement ALK : positive". Such a sentence reports a result for the
    /// gene it names; <see cref="Detect"/> still calls the mention hypothetical, because a word inside the search
    /// ("mutation" of "recherche de mutation") is not what was found.
    /// </summary>
    public static bool IsAnsweredSearch(string text, TextSpan target)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pre = PreWindow(text, target.Start);
        var preText = Mask(text.Substring(pre, target.Start - pre));
        var postText = Mask(text.Substring(target.End, PostWindow(text, target.End) - target.End));
        return Governs(HypotheticalPre(), preText, HypotheticalReach)
            && !Governs(HypotheticalPre(), SearchWithResult(text, pre, preText), HypotheticalReach)
            && !StartsWithin(HypotheticalPost(), postText);
    }

    /// <summary>The window with its "recherche de" blanked when the clause states the search's result after it.</summary>
    private static string SearchWithResult(string text, int clauseStart, string preText)
    {
        var search = SearchTrigger().Match(preText);
        if (!search.Success || !SearchResult().IsMatch(text, clauseStart + search.Index + search.Length))
        {
            return preText;
        }

        return string.Concat(preText.AsSpan(0, search.Index), new string('_', search.Length), preText.AsSpan(search.Index + search.Length));
    }

    [GeneratedRegex(@"(?<![\p{L}])recherche\s+d[e'’]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SearchTrigger();

    // The result after the search, in the same clause and with no condition before it ("si positive" stays a hypothesis).
    [GeneratedRegex(
        @"\G(?:(?!(?<![\p{L}])(?:si|if)(?![\p{L}]))(?!\n\s*\n)[^.;]){0,80}?(?<![\p{L}])(?:n[ée]gati(?:ve|f)s?|positi(?:ve|f)s?|sauvages?|non\s+mut[ée]e?s?|mut[ée]e?s?|non\s+(?:retrouv|d[ée]tect|r[ée]arrang)\p{L}*|revenue?s?\s+(?:n[ée]gati|positi)\p{L}*)(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SearchResult();

    /// <summary>Blanks out phrases that contain a trigger word but do not trigger (same length, so offsets hold).</summary>
    private static string Mask(string window) =>
        PseudoTrigger().Replace(window, m => new string('_', m.Length));

    [GeneratedRegex(@"^[ \t]*(?:[-–•*]|\d{1,2}[.)]|[A-Z][.)])?[ \t]*[\p{L}][\p{L}\p{N} ()/'’.-]{1,45}:", RegexOptions.CultureInvariant)]
    private static partial Regex FieldLabel();

    // The last alternatives are the courtesy conditionals of referral letters ("I would be grateful if you could see
    // this 63-year-old woman", "je vous serais reconnaissant si vous pouviez voir"): the request is conditional, the
    // facts about the patient in the same sentence are not.
    [GeneratedRegex(
        @"\b(?:no\s+(?:change|further|longer|significant\s+change|other)|not\s+(?:only|otherwise\s+specified|applicable)|non[- ]?small|non[- ]?mucinous|non[- ]?invasive|non[- ]keratini[sz]ing|sans\s+particularit[ée]|prior\s+to|previous\s+to|clinical\s+history|history\s*:|renseignements\s+cliniques|gram[- ]negative|triple[- ]n[ée]gati(?:ve|f)|pas\s+seulement|no\s+special\s+type|non\s+sp[ée]cifique|type\s+non\s+sp[ée]cifique|if\s+any|si\s+besoin|suspicious\s+for\s+malignancy\s+is\s+not|ou\s+non|or\s+not|(?:would|['’]d)\s+(?:be\s+(?:most\s+|very\s+|extremely\s+|so\s+|really\s+)?(?:grateful|thankful|obliged|pleased|glad|happy|delighted|appreciated)|(?:greatly\s+|much\s+|really\s+)?appreciate(?:\s+it)?)(?:\s+if\s+you\s+(?:could|would|can|will|might)(?:\s+(?:kindly|please))?)?|(?:grateful|thankful|obliged|appreciate\s+it|appreciated)\s+if\s+you\s+(?:could|would|can|will|might)(?:\s+(?:kindly|please))?|would\s+you\s+(?:please|kindly|be\s+(?:so\s+)?kind\s+(?:as\s+)?to)|(?:reconnaissante?s?|oblig[ée]e?s?|gr[ée])\s+si\s+vous\s+(?:pouviez|pourriez|vouliez|voulez|acceptiez|acceptez)|si\s+vous\s+le\s+(?:souhaitez|voulez|jugez\s+utile))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PseudoTrigger();

    [GeneratedRegex(
        @"\b(?:but|however|although|though|except|aside\s+from|apart\s+from|which|whose|mais|cependant|toutefois|n[ée]anmoins|sauf|hormis|except[ée]|pr[ée]sentant|presenting|pr[ée]sente|with|avec|who|qui)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Terminator();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:no|not|without|negative\s+for|free\s+of|absence\s+of|absent|nor|neither|denies|denied|ruled\s+out|rules\s+out|cannot\s+identify|pas\s+d[e'’]|absence\s+d[e'’]|sans|aucune?|ni|n[ée]gati(?:f|ve)s?\s+pour|indemnes?\s+d[e'’]|exempte?s?\s+d[e'’]|n['’]\p{L}+\s+pas|ne\s+\p{L}+\s+pas)(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NegationPre();

    [GeneratedRegex(
        @"^[\s:,(-]*(?:(?:is|are|was|were)\s+)?(?:not\s+(?:identified|seen|present|found|detected|observed|demonstrated)|absent|negative\b|none\b|ruled\s+out|excluded|non\s+(?:retrouv|vu|identifi|observ|d[ée]cel|d[ée]tect)\p{L}*|n['’](?:est|a)\s+pas\s+(?:[ée]t[ée]\s+)?(?:retrouv|vu|identifi|observ|mis\s+en\s+[ée]vidence)\p{L}*|absente?s?\b|exclue?s?\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NegationPost();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:if|whether|unless|rule\s+out|to\s+exclude|r/o|suspicious\s+(?:for|of)|suspicion\s+(?:of|for|d[e'’])|suspected|suspect[ée]?e?|possible|possibly|probable|probably|presumed|presumptive|likely|may\s+(?:be|represent)|might|could\s+(?:be|represent)|would(?:\s+(?:be|require|lead\s+to|favou?r))?|were\s+(?:an?|the)|should\s+(?:she|he|it|they|the\s+(?:patient|tumou?r|lesion))\s+(?:be|have|prove|become|turn\s+out)|were\s+(?:she|he|it|they)|differential(?:\s+diagnosis)?|versus|vs\.?|question\s+of|query|concern\s+for|worrisome\s+for|suggestive\s+of|suggests?|favou?rs?|favou?red|pending|awaiting|to\s+be\s+(?:confirmed|determined)|si|hypoth[eè]se|[ée]voquant|[ée]vocat(?:eur|rice)s?\s+d[e'’]?|faisant\s+(?:suspecter|[ée]voquer)|recherche\s+d[e'’]|en\s+faveur\s+d[e'’]?|à\s+(?:confirmer|[ée]liminer|discuter|compl[ée]ter)|[ée]ventuel(?:le)?s?|diagnostic\s+diff[ée]rentiel|doute|en\s+attente\s+d[e'’]|en\s+cas\s+d[e'’]|in\s+(?:the\s+)?(?:case|event)\s+of|assuming|assumed|en\s+supposant|en\s+admettant)(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HypotheticalPre();

    [GeneratedRegex(
        @"^[\s:,(-]*(?:\?|(?:is\s+)?(?:to\s+be\s+(?:confirmed|determined)|pending|suspected|possible|probable)\b|à\s+confirmer|en\s+cours|en\s+attente|non\s+(?:test[ée]|fait|r[ée]alis[ée]|[ée]valuable|d[ée]termin[ée]|contributi)\p{L}*|not\s+(?:tested|performed|done|assessed|evaluable|determined|available|interpretable)|can\s*not\s+be\s+(?:excluded|ruled\s+out|made|established|confirmed)|not\s+(?:be\s+)?excluded|ne\s+peut\s+(?:pas\s+)?(?:être\s+)?(?:exclu|[ée]limin[ée]|[ée]valu[ée])|to\s+follow|à\s+suivre|suspect[ée]e?\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HypotheticalPost();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:mother|father|sister|brother|aunt|uncle|grand(?:mother|father|parents?)|cousin|niece|nephew|daughter|sibling|family\s+history|FHx?|familial|m[èe]re|p[èe]re|s(?:œ|oe)ur|fr[èe]re|tante|oncle|grand-?(?:m[èe]re|p[èe]re)|cousine|ni[èe]ce|neveu|ant[ée]c[ée]dents?\s+familia(?:l|ux)|atcds?\s+familia(?:l|ux)|famille|familiaux|familiale)(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FamilyPre();

    [GeneratedRegex(
        @"^[\s:,]*(?:in\s+(?:his|her|the\s+patient['’]s|a)\s+(?:mother|father|sister|brother|aunt|uncle|grandmother|grandfather|cousin)|chez\s+(?:sa|son|la|le|une?)\s+(?:m[èe]re|p[èe]re|s(?:œ|oe)ur|fr[èe]re|tante|oncle|grand-?m[èe]re|grand-?p[èe]re|cousine?)|\((?:mother|father|sister|brother|aunt|uncle|m[èe]re|p[èe]re|s(?:œ|oe)ur|fr[èe]re|tante|oncle)\))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FamilyPost();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:history\s+of|h/o|hx\s+of|past\s+(?:medical\s+)?history|personal\s+history|ant[ée]c[ée]dents\s+personnels|PMH|prior|previous(?:ly)?|remote|ant[ée]c[ée]dents?(?!\s+familia)|atcds?(?!\s+familia)|ancien(?:ne)?|trait[ée]e?\s+(?:en|pour)\s+(?:\d{4}|un|une)|treated\s+(?:in\s+\d{4}|for\s+a)|in\s+remission|en\s+r[ée]mission)(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HistoryPre();
}
