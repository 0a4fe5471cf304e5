using System.Globalization;
using System.Text.RegularExpressions;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// Estrogen and progesterone receptor status and percentage: "ER: positive (90%)", "RE : 80 % de cellules marquées,
/// intensité forte", "récepteurs aux œstrogènes positifs à 95%", "estrogen receptor negative (&lt;1%)",
/// "Allred score 7/8", "RP négatifs", "PgR 0%", "ER+/PR-", "ER/PR: positive", "triple negative".
/// </summary>
/// <remarks>
/// Status follows ASCO/CAP 2020: 1% or more stained nuclei is positive, including "low positive" (1-10%), which
/// stays "positive" in the contract vocabulary and is noted. A written status word wins over the percentage; when the
/// two disagree ("negative (5%)", an older 10% cut-off) the finding keeps the word with a lower confidence and a note.
/// A percentage alone decides when it is unambiguous ("0%", "&lt;1%", "5%", "1-10%"); "&lt;5%" or "&lt;10%" can be either
/// and yields only the percentage. Allred 0-2 is negative, 3-8 positive. The percentage is also reported on its own
/// under <see cref="ExtensionFields.ErPercent"/> / <see cref="ExtensionFields.PrPercent"/>. "Equivocal" is not an
/// ER/PR category and is ignored. "Hormone receptor negative" sets both negative; "hormone receptor positive" does not
/// say which receptor and sets nothing. Pending, not performed or not assessable statements set nothing.
/// </remarks>
public sealed partial class HormoneReceptorExtractor : IFieldExtractor
{
    private const ScopeKind Scopes = ScopeKind.Hypothetical | ScopeKind.Family;

    public IReadOnlyList<string> Fields { get; } =
        [ContractFields.ErStatus, ContractFields.PrStatus, ExtensionFields.ErPercent, ExtensionFields.PrPercent];

    public IEnumerable<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text;
        var findings = new List<Finding>();
        var taken = new List<TextSpan>();

        // "positive for ER and PR", "negative for estrogen and progesterone receptors", "positifs pour RE et RP": the
        // status comes first and governs the list of receptors after it, up to the next status word or marker.
        foreach (Match m in StatusForList().Matches(text))
        {
            var span = new TextSpan(m.Index, m.Index + m.Length);
            var word = m.Groups["neg"].Success ? m.Groups["neg"] : m.Groups["pos"];
            if (taken.Any(t => t.Overlaps(span)) || !ClinicalScope.IsAffirmed(text, span, Scopes | ScopeKind.Negated)
                || !ClinicalScope.IsAffirmed(text, new TextSpan(word.Index, word.Index + word.Length), ScopeKind.NotAValue))
            {
                continue;
            }

            var normalized = m.Groups["neg"].Success ? "negative" : "positive";
            var list = m.Groups["list"].Value;
            var hasEr = EstrogenInList().IsMatch(list);
            var hasPr = ProgesteroneInList().IsMatch(list);
            if (!hasEr && !hasPr)
            {
                continue;
            }

            taken.Add(span);
            if (hasEr)
            {
                findings.Add(new Finding(ContractFields.ErStatus, m.Value.Trim(), normalized, document.Id, span, RuleConfidence.Explicit - 0.04));
            }

            if (hasPr)
            {
                findings.Add(new Finding(ContractFields.PrStatus, m.Value.Trim(), normalized, document.Id, span, RuleConfidence.Explicit - 0.04));
            }
        }

        foreach (Match m in Pair().Matches(text))
        {
            var labelSpan = new TextSpan(m.Index, m.Index + m.Length);
            if (taken.Any(t => t.Overlaps(labelSpan)) || !ClinicalScope.IsAffirmed(text, labelSpan, Scopes))
            {
                continue;
            }

            var end = MarkerText.WindowEnd(text, labelSpan.End);
            var pairValues = PairValues().Match(text, labelSpan.End, end - labelSpan.End);
            if (pairValues.Success && pairValues.Index == labelSpan.End)
            {
                var span = new TextSpan(labelSpan.Start, pairValues.Index + pairValues.Length);
                AddToken(ContractFields.ErStatus, pairValues.Groups["v1"], span);
                AddToken(ContractFields.PrStatus, pairValues.Groups["v2"], span);
                taken.Add(span);
                continue;
            }

            if (FirstStatus(text, labelSpan.End, end) is { } status && Blocked(text, labelSpan.End, status.Index) is false)
            {
                var span = new TextSpan(labelSpan.Start, status.Index + status.Length);
                var normalized = status.Groups["neg"].Success ? "negative" : "positive";
                foreach (var key in new[] { ContractFields.ErStatus, ContractFields.PrStatus })
                {
                    findings.Add(new Finding(key, status.Value, normalized, document.Id, span, RuleConfidence.Explicit - 0.04));
                }

                taken.Add(span);
            }
        }

        foreach (Match m in BothNegative().Matches(text))
        {
            var span = new TextSpan(m.Index, m.Index + m.Length);
            if (taken.Any(t => t.Overlaps(span)) || !ClinicalScope.IsAffirmed(text, span, Scopes | ScopeKind.Negated))
            {
                continue;
            }

            taken.Add(span);
            foreach (var key in new[] { ContractFields.ErStatus, ContractFields.PrStatus })
            {
                findings.Add(new Finding(key, m.Value, "negative", document.Id, span, RuleConfidence.Contextual)
                {
                    Note = "stated for both hormone receptors",
                });
            }
        }

        // "estrogen and progesterone receptors (ER/PR) are positive": one name for both receptors.
        foreach (Match m in JointName().Matches(text))
        {
            var labelSpan = new TextSpan(m.Index, m.Index + m.Length);
            if (taken.Any(t => t.Overlaps(labelSpan)) || !ClinicalScope.IsAffirmed(text, labelSpan, Scopes))
            {
                continue;
            }

            var end = MarkerText.WindowEnd(text, labelSpan.End);
            if (FirstStatus(text, labelSpan.End, end) is { } status && status.Index - labelSpan.End <= 30 && !Blocked(text, labelSpan.End, status.Index))
            {
                var span = new TextSpan(labelSpan.Start, status.Index + status.Length);
                var normalized = status.Groups["neg"].Success ? "negative" : "positive";
                taken.Add(span);
                foreach (var key in new[] { ContractFields.ErStatus, ContractFields.PrStatus })
                {
                    findings.Add(new Finding(key, status.Value, normalized, document.Id, span, RuleConfidence.Explicit - 0.04)
                    {
                        Note = "stated for both hormone receptors",
                    });
                }
            }
        }

        // "No estrogen receptors detected", "absence de récepteurs à la progestérone": an absence is a negative result.
        foreach (var (pattern, key) in new[] { (NoEstrogen(), ContractFields.ErStatus), (NoProgesterone(), ContractFields.PrStatus) })
        {
            foreach (Match m in pattern.Matches(text))
            {
                var span = new TextSpan(m.Index, m.Index + m.Length);
                if (taken.Any(t => t.Overlaps(span)) || !ClinicalScope.IsAffirmed(text, span, Scopes))
                {
                    continue;
                }

                taken.Add(span);
                findings.Add(new Finding(key, m.Value.Trim(), "negative", document.Id, span, RuleConfidence.Explicit - 0.04)
                {
                    Note = "no staining stated",
                });
            }
        }

        foreach (var (pattern, key, percentKey) in new[]
                 {
                     (EstrogenLabel(), ContractFields.ErStatus, ExtensionFields.ErPercent),
                     (ProgesteroneLabel(), ContractFields.PrStatus, ExtensionFields.PrPercent),
                 })
        {
            foreach (Match label in pattern.Matches(text))
            {
                var labelSpan = new TextSpan(label.Index, label.Index + label.Length);
                if (taken.Any(t => t.Overlaps(labelSpan)) || !ClinicalScope.IsAffirmed(text, labelSpan, Scopes))
                {
                    continue;
                }

                var reading = Read(text, labelSpan);
                if (reading is null)
                {
                    continue;
                }

                taken.Add(reading.Span);
                if (reading.Status is not null)
                {
                    findings.Add(new Finding(key, reading.StatusText!, reading.Status, document.Id, reading.Span, reading.Confidence)
                    {
                        Note = reading.Note,
                    });
                }

                if (reading.Percent is not null)
                {
                    findings.Add(new Finding(percentKey, reading.PercentText!, reading.Percent, document.Id, reading.Span, RuleConfidence.Explicit));
                }
            }
        }

        return findings;

        void AddToken(string key, Group token, TextSpan span)
        {
            var v = token.Value.Trim();
            string? normalized = v switch
            {
                "+" => "positive",
                "-" or "−" => "negative",
                _ when v.StartsWith("pos", StringComparison.OrdinalIgnoreCase) => "positive",
                _ when v.StartsWith("neg", StringComparison.OrdinalIgnoreCase) || v.StartsWith("nég", StringComparison.OrdinalIgnoreCase) => "negative",
                _ => null,
            };
            string? percent = null;
            if (normalized is null)
            {
                var p = MarkerText.Percent(v, 0, v.Length);
                if (p.Success && MarkerText.NormalizePercent(p, out var lower, out var upper) is { } pct)
                {
                    percent = pct;
                    normalized = StatusFromPercent(lower, upper);
                }
            }

            if (normalized is not null)
            {
                findings.Add(new Finding(key, v, normalized, document.Id, span, RuleConfidence.Explicit - 0.04));
            }

            if (percent is not null)
            {
                findings.Add(new Finding(
                    key == ContractFields.ErStatus ? ExtensionFields.ErPercent : ExtensionFields.PrPercent,
                    v,
                    percent,
                    document.Id,
                    span,
                    RuleConfidence.Explicit - 0.04));
            }
        }
    }

    private sealed record Reading(TextSpan Span, string? Status, string? StatusText, string? Percent, string? PercentText, double Confidence, string? Note);

    private static Reading? Read(string text, TextSpan label)
    {
        var start = label.End;

        // "Estrogen receptor: performed on the biopsy. Results: 80% nuclei" reads from the result label on, when no
        // other marker stands before it.
        var plainEnd = MarkerText.WindowEnd(text, start);
        if (FirstStatus(text, start, plainEnd) is null && !MarkerText.Percent(text, start, plainEnd).Success
            && MarkerText.ResultLabel().Match(text, start, Math.Min(90, text.Length - start)) is { Success: true } result
            && !MarkerText.HasMarker(text, start, result.Index))
        {
            start = result.Index + result.Length;
        }

        var end = MarkerText.WindowEnd(text, start);
        if (end <= start)
        {
            return null;
        }

        // "ER+" / "ER (-)": a sign glued to the name.
        var sign = Sign().Match(text, start, end - start);
        var status = FirstStatus(text, start, end);

        var percent = MarkerText.Percent(text, start, end);
        var allred = Allred().Match(text, start, end - start);

        var first = new[] { sign.Success ? sign.Index : int.MaxValue, status?.Index ?? int.MaxValue, percent.Success ? percent.Index : int.MaxValue, allred.Success ? allred.Index : int.MaxValue }.Min();
        if (first == int.MaxValue || Blocked(text, start, first))
        {
            return null;
        }

        // Values far from the name belong to something else; a bare abbreviation ("ER", "RP") must be followed closely.
        var name = text[label.Start..label.End];
        var space = name.IndexOf(' ', StringComparison.Ordinal);
        var abbreviation = name.Length <= 4 || space is > 0 and <= 4;
        if (first - start > (abbreviation ? 15 : 45))
        {
            return null;
        }

        string? normalizedPercent = null;
        double? lower = null, upper = null;
        if (percent.Success && percent.Index - start <= 70
            && ClinicalScope.IsAffirmed(text, new TextSpan(percent.Index, percent.Index + percent.Length), ScopeKind.Legend))
        {
            normalizedPercent = MarkerText.NormalizePercent(percent, out lower, out upper);
        }
        else
        {
            percent = Match.Empty;
        }

        // "0% positive cells", "5 % de cellules positives": the word qualifies the counted cells; the percentage is the
        // result (ASCO/CAP reads status from it), so the word must not make "0% positive" a positive receptor.
        if (status is not null && normalizedPercent is not null && status.Index >= percent.Index + percent.Length
            && CellCount().IsMatch(text[(percent.Index + percent.Length)..status.Index]))
        {
            status = null;
        }

        string? statusValue = null;
        string? statusText = null;
        string? note = null;
        var confidence = RuleConfidence.Explicit;
        var spanEnd = start;

        if (sign.Success && sign.Index == first)
        {
            statusValue = sign.Groups["s"].Value is "+" ? "positive" : "negative";
            statusText = sign.Value.Trim();
            spanEnd = sign.Index + sign.Length;
        }
        else if (status is not null)
        {
            statusValue = status.Groups["neg"].Success ? "negative" : "positive";
            statusText = status.Value;
            spanEnd = status.Index + status.Length;
            if (status.Groups["low"].Success)
            {
                note = "low positive";
            }
        }

        if (statusValue is null && allred.Success)
        {
            var score = int.Parse(allred.Groups["al"].Value, CultureInfo.InvariantCulture);
            statusValue = score <= 2 ? "negative" : "positive";
            statusText = allred.Value;
            spanEnd = Math.Max(spanEnd, allred.Index + allred.Length);
            confidence = RuleConfidence.Explicit - 0.04;
        }

        if (normalizedPercent is not null)
        {
            spanEnd = Math.Max(spanEnd, percent.Index + percent.Length);
            var fromPercent = StatusFromPercent(lower, upper);

            // "Estrogen receptors found in less than 10% of nuclei": the sentence states the receptor present (its
            // counterpart reads "No progesterone receptors found"), so an open range under 10% is a low positive.
            if (statusValue is null && fromPercent is null && upper is <= 10
                && PresenceBefore().IsMatch(ReportContext.Slice(text, start, percent.Index)))
            {
                fromPercent = "positive";
                note = "stated present, under 10% of cells (low positive)";
            }

            if (statusValue is null)
            {
                statusValue = fromPercent;
                statusText = fromPercent is null ? null : percent.Value;
                confidence = RuleConfidence.Explicit - 0.04;
            }
            else if (fromPercent is not null && fromPercent != statusValue)
            {
                confidence -= 2 * RuleConfidence.OcrPenalty;
                note = "the percentage disagrees with the written status (ASCO/CAP: 1% or more is positive)";
            }

            if (statusValue == "positive" && lower is >= 1 && upper is <= 10 && note is null)
            {
                note = "low positive (1-10%)";
            }
        }

        if (statusValue is null && normalizedPercent is null)
        {
            return null;
        }

        return new Reading(
            new TextSpan(label.Start, spanEnd),
            statusValue,
            statusText,
            normalizedPercent,
            normalizedPercent is null ? null : percent.Value,
            RuleConfidence.Clamp(confidence),
            note);
    }

    /// <summary>
    /// The first status word in [start, end) that is a value: not a control's ("negative controls"), not one option of
    /// "positive / negative", not part of a cut-off legend ("Negative &lt; 1%, Positive ≥ 1%").
    /// </summary>
    private static Match? FirstStatus(string text, int start, int end)
    {
        for (var m = StatusWord().Match(text, start, end - start); m.Success; m = m.NextMatch())
        {
            // "negative for HER2" governs what follows it, not the receptor named before it; "ER negative axillary
            // metastases" is the status of the metastasis, not of the primary tumour.
            if (!MarkerText.IsControlAfter(text, m.Index + m.Length) && !GovernsFollowing().IsMatch(text, m.Index + m.Length)
                && !MetastasisAfter().IsMatch(text, m.Index + m.Length)
                && ClinicalScope.IsAffirmed(text, new TextSpan(m.Index, m.Index + m.Length), ScopeKind.NotAValue))
            {
                return m;
            }
        }

        return null;
    }

    /// <summary>Status from a percentage alone: under 1% negative, 1% or more positive, otherwise undecided.</summary>
    internal static string? StatusFromPercent(double? lower, double? upper)
    {
        if (upper is { } u && u < 1)
        {
            return "negative";
        }

        if (lower is { } l && upper is { } u2 && l == 0 && u2 <= 1)
        {
            return "negative";
        }

        if (lower is { } l2 && l2 >= 1)
        {
            return "positive";
        }

        return null;
    }

    /// <summary>True when a "pending / not performed / not assessable" statement precedes the first value.</summary>
    private static bool Blocked(string text, int start, int firstValue)
    {
        var between = ReportContext.Slice(text, start, firstValue);
        return NotDone().IsMatch(between);
    }

    // A clone or method in brackets after the name ("ER (SP1)"), never a value such as "(+)" or "(90%)".
    private const string Parenthetical = @"(?:\s*\((?![\s+−-]*\))(?![^)\n]*%)[^)\n]{0,25}\))?";

    internal const string EstrogenPattern =
        @"(?<![\p{L}])(?:œ|o?e)strog[eè]ne?s?(?=\s*[:=]|\s+(?:status|statut)\b)|(?-i:\bER\b|\bERs\b|\bRE\b|\bRO\b|\bER[αa]\b)|(?<![\p{L}])(?:œ|o?e)strog[eè]n(?:ic)?\s+receptors?(?:\s+alpha)?(?:\s*\((?:ER|ERα)\))?|r[ée]cepteurs?\s+(?:aux\s+|des\s+|à\s+l['’]\s?|d['’]\s?|de\s+l['’]\s?)?(?:œ|o?e)strog[èeé]n(?:es?|iques?)(?:\s*\((?:RE|RO)\))?|r[ée]cepteurs?\s+(?:œ|o?e)strog[ée]niques?";

    internal const string ProgesteronePattern =
        @"(?<![\p{L}])progest[ée]rone(?=\s*[:=]|\s+(?:status|statut)\b)|(?-i:\bPR\b|\bPgR\b|\bPGR\b|\bRP\b|\bRPg\b)|(?<![\p{L}])progesterone\s+receptors?(?:\s*\((?:PR|PgR)\))?|r[ée]cepteurs?\s+(?:à\s+la\s+|de\s+la\s+|aux\s+|à\s+)?progest[ée]rone(?:\s*\((?:RP|RPg)\))?|r[ée]cepteurs?\s+progestatifs?";

    [GeneratedRegex(EstrogenPattern + Parenthetical, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EstrogenLabel();

    [GeneratedRegex(ProgesteronePattern + Parenthetical, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProgesteroneLabel();

    [GeneratedRegex(
        @"(?-i:\b(?:ER|RE|RO)\b)\s*(?:/|and|&|et|,|\+)\s*(?-i:\b(?:PR|PgR|RP|RPg)\b)(?:\s*/\s*(?-i:HER-?2(?:/neu)?))?(?:\s*(?:status|statut|receptors?|r[ée]cepteurs?))?\s*(?:[:=]|are|sont|is|est)?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pair();

    [GeneratedRegex(
        @"\s*(?<v1>[+−-]|\d{1,3}\s?%|pos\w*|neg\w*|n[ée]g\w*)\s*/\s*(?<v2>[+−-]|\d{1,3}\s?%|pos\w*|neg\w*|n[ée]g\w*)(?:\s*/\s*(?<v3>[+−-]|[0-3]\+?|pos\w*|neg\w*|n[ée]g\w*))?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PairValues();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:(?<low>low|faiblement|weakly)\s+)?(?:(?<pos>positi(?:ve|f|fs|ves|vity|vit[ée])|pos)|(?<neg>n[ée]gati(?:ve|f|fs|ves|vity|vit[ée])|neg|no\s+(?:nuclear\s+)?(?:expression|staining|immunoreactivity)|not\s+expressed|absence\s+(?:d['’]\s?expression|de\s+marquage)|pas\s+d['’]\s?expression|aucun\s+marquage|non\s+exprim[ée]s?))(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatusWord();

    [GeneratedRegex(@"\G\s?(?:\(\s*(?<s>[+−-])\s*\)|(?<s>\+)(?![\d])|(?<s>[−-])(?![\p{L}\p{N}])(?![\s.:]*(?:pos|neg|n[ée]g|\d|\()))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Sign();

    [GeneratedRegex(@"^\s{0,2}(?:(?:of|de|des)\s+(?:the\s+)?(?:tumou?r\s+|invasive\s+|tumorales?\s+)?(?:cells?|nuclei|cellules|noyaux)\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CellCount();

    [GeneratedRegex(@"\G\s+(?:for|pour)\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GovernsFollowing();

    [GeneratedRegex(@"\G\s+(?:[\p{L}-]+\s+){0,2}(?:mets\b|metasta\w*|m[ée]tasta\w*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetastasisAfter();

    [GeneratedRegex(@"^[\s.:]*(?:(?:is|are|was|were|sont|est)\s+)?(?:found|detected|identified|present|expressed|seen|d[ée]tect[ée]s?|exprim[ée]s?|retrouv[ée]s?|pr[ée]sents?)\s+(?:in|dans)\s+(?:the\s+|les\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PresenceBefore();

    // A status, "for"/"pour", then a short list naming receptors (and possibly other markers): the list ends at the
    // next status word, sentence end or line end.
    [GeneratedRegex(
        @"(?<![\p{L}])(?:(?<pos>positi(?:ve|fs?|ves))|(?<neg>n[ée]gati(?:ve|fs?|ves)))\s+(?:for|pour|aux?|to)\s+(?<list>(?:(?!positi|n[ée]gati|\bbut\b|\bmais\b)[^.;\n]){2,90}?)(?=\s*(?:[.;\n]|,?\s*(?:and|et|but|mais|whereas|alors)?\s*(?:positi|n[ée]gati)|,?\s*(?:but|mais|whereas|alors)\b|$))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatusForList();

    [GeneratedRegex(@"(?-i:\bER\b|\bRE\b|\bRO\b)|(?:œ|o?e)strog[eèé]n", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EstrogenInList();

    [GeneratedRegex(@"(?-i:\bPR\b|\bPgR\b|\bRP\b)|progest[eé]ron", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProgesteroneInList();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:(?:œ|o?e)strogen\s+(?:and|&|/)\s+progesterone\s+receptors?|r[ée]cepteurs?\s+(?:aux\s+|des\s+)?(?:œ|o?e)strog[èe]nes?\s+et\s+(?:à\s+la\s+)?progest[ée]rone|hormone\s+receptors?\s+\((?-i:ER)\s*(?:/|and|&)\s*(?-i:PR)\))(?:[\s.]*\((?-i:ER|RE)\s*(?:/|and|et|&)\s*(?-i:PR|RP)\))?(?:[\s.]*(?:are|is|sont|:))?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JointName();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:no|absence\s+(?:de|des|d['’])|pas\s+de|aucun)\s+(?:(?:œ|o?e)strogen\s+receptors?|r[ée]cepteurs?\s+(?:aux\s+|à\s+l['’]\s?)?(?:œ|o?e)strog[èe]nes?)(?:[.\s]+(?:were\s+|was\s+|are\s+|is\s+)?(?:detected|found|identified|seen|expressed|d[ée]tect[ée]s?|exprim[ée]s?|mis\s+en\s+[ée]vidence))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoEstrogen();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:no|absence\s+(?:de|des|d['’])|pas\s+de|aucun)\s+(?:progesterone\s+receptors?|r[ée]cepteurs?\s+(?:à\s+la\s+)?progest[ée]rone)(?:[.\s]+(?:were\s+|was\s+|are\s+|is\s+)?(?:detected|found|identified|seen|expressed|d[ée]tect[ée]s?|exprim[ée]s?|mis\s+en\s+[ée]vidence))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoProgesterone();

    [GeneratedRegex(@"Allred(?:\s+score)?\s*(?:[:=]|of|de)?\s*(?<al>[0-8])(?![\d])(?:\s*/\s*8)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Allred();

    [GeneratedRegex(
        @"\bif\b|\bsi\b|pending|en\s+cours|en\s+attente|à\s+venir|to\s+follow|not\s+(?:performed|done|tested|assessed|assessable|evaluable|available|interpretable)|non\s+(?:fait|r[ée]alis[ée]|test[ée]|[ée]valu|interpr[ée]t|contributi)|ind[ée]termin|insufficient|insuffisant|cannot\s+be|ne\s+peut|addendum|will\s+be|sera|seront|\?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotDone();


    [GeneratedRegex(
        @"(?<![\p{L}])(?:triple[- ]n[ée]gati(?:ve|f|fs)|hormone[- ]receptors?[- ](?:status\s*:?\s*)?negative|HR[- ]negative|(?-i:\bHR-)|(?-i:\bRH-)|r[ée]cepteurs\s+hormonaux\s*(?:\([^)]{0,15}\))?\s*:?\s*n[ée]gatifs|RH\s+n[ée]gatifs?)(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BothNegative();
}
