using System.Globalization;
using System.Text.RegularExpressions;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// HER2 statements: IHC score ("HER2 (IHC): 2+", "score 3+", "HER2 +++"), written status ("HER2 negative", "HER2+",
/// "HER2 équivoque", "HER2-low"), and ISH results ("FISH: amplified", "SISH non amplifié", "HER2/CEP17 ratio 2.4").
/// </summary>
/// <remarks>
/// Each statement yields a her2_status finding with a <see cref="Finding.Note"/> saying where it came from:
/// IHC 0 and 1+ are negative, 3+ positive, 2+ equivocal; ISH amplified is positive, not amplified negative; a ratio
/// alone decides at 2.0 (ASCO/CAP group 1 vs 5; groups 2-4 need the copy number and a second look, so a ratio-only
/// reading gets a lower confidence). A written status in the same statement as an IHC score wins over the score.
/// "HER2-low" (IHC 1+, or 2+ without amplification) is negative for the contract and keeps the wording in its note.
/// The IHC score and the ISH result are also reported under <see cref="ExtensionFields.Her2Ihc"/> and
/// <see cref="ExtensionFields.Her2Ish"/>. Resolution of an equivocal 2+ by ISH is done over a document's or a
/// dossier's findings by <see cref="Her2Resolver"/>, because the ISH result often arrives in a later report.
/// </remarks>
public sealed partial class Her2Extractor : IFieldExtractor
{
    /// <summary>Note of a status read from an IHC score.</summary>
    public const string IhcNote = "IHC";

    /// <summary>Note of a status read from an in situ hybridization result.</summary>
    public const string IshNote = "ISH";

    /// <summary>Note of a status written as a word.</summary>
    public const string StatedNote = "stated";

    private const ScopeKind Scopes = ScopeKind.Hypothetical | ScopeKind.Family;

    public IReadOnlyList<string> Fields { get; } = [ContractFields.Her2Status, ExtensionFields.Her2Ihc, ExtensionFields.Her2Ish];

    public IEnumerable<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text;
        var findings = new List<Finding>();
        var ishTaken = new List<TextSpan>();

        foreach (Match label in Label().Matches(text))
        {
            var labelSpan = new TextSpan(label.Index, label.Index + label.Length);
            if (!ClinicalScope.IsAffirmed(text, labelSpan, Scopes))
            {
                continue;
            }

            var start = labelSpan.End;
            var end = WindowEnd(text, start);
            if (NotDone().Match(text, start, end - start) is { Success: true } nd && nd.Index - start < 25)
            {
                continue;
            }

            // "Results: negative" after a method or a clone: the value is read from the result label on.
            if (MarkerText.ResultLabel().Match(text, start, end - start) is { Success: true } result && result.Index - start <= 70)
            {
                start = result.Index + result.Length;
            }

            var low = Low().Match(text, start, end - start);
            if (low.Success)
            {
                // HER2-low is IHC 1+, or 2+ without amplification: negative for the contract, and the score it states
                // is reported as the IHC score, never turned into an equivocal status.
                var span = new TextSpan(labelSpan.Start, low.Index + low.Length);
                findings.Add(new Finding(ContractFields.Her2Status, text[span.Start..span.End].Trim(), "negative", document.Id, span, RuleConfidence.Explicit - 0.04)
                {
                    Note = "HER2-low: negative for the contract (IHC 1+ or 2+ without amplification)",
                });
                if (FirstValue(Ihc(), text, start, end) is { } lowScore && lowScore.Index - start <= 60)
                {
                    var scoreSpan = new TextSpan(labelSpan.Start, lowScore.Index + lowScore.Length);
                    findings.Add(new Finding(ExtensionFields.Her2Ihc, lowScore.Groups["zero"].Success ? "0" : lowScore.Value.Trim(), IhcScore(lowScore), document.Id, scoreSpan, RuleConfidence.Explicit));
                }

                continue;
            }

            // "HER2: 0%" (image analysis): no tumour cell stains, which is IHC 0 or 1+ and negative either way; the
            // score itself is not stated, so only the status is reported.
            if (ZeroPercent().Match(text, start, end - start) is { Success: true } zero
                && ClinicalScope.IsAffirmed(text, new TextSpan(zero.Index, zero.Index + zero.Length), ScopeKind.NotAValue))
            {
                var span = new TextSpan(labelSpan.Start, zero.Index + zero.Length);
                findings.Add(new Finding(ContractFields.Her2Status, zero.Value.Trim(' ', '.', ':', '=', '-'), "negative", document.Id, span, RuleConfidence.Explicit - 0.04)
                {
                    Note = IhcNote + " no stained cells (0%)",
                });
                continue;
            }

            var sign = Sign().Match(text, start, end - start);
            var status = FirstValue(StatusWord(), text, start, end) ?? Match.Empty;
            var ihc = FirstValue(Ihc(), text, start, end) ?? Match.Empty;
            var ish = FirstValue(IshResult(), text, start, end) ?? Match.Empty;

            if (sign.Success)
            {
                var span = new TextSpan(labelSpan.Start, sign.Index + sign.Length);
                var normalized = sign.Groups["s"].Value == "+" ? "positive" : "negative";
                findings.Add(new Finding(ContractFields.Her2Status, text[span.Start..span.End].Trim(), normalized, document.Id, span, RuleConfidence.Explicit - 0.04)
                {
                    Note = StatedNote,
                });
            }
            else if (status.Success && status.Index - start <= StatusReach)
            {
                var span = new TextSpan(labelSpan.Start, status.Index + status.Length);
                findings.Add(new Finding(ContractFields.Her2Status, status.Value, StatusOf(status), document.Id, span, RuleConfidence.Explicit)
                {
                    Note = StatedNote,
                });
            }

            if (ihc.Success && ihc.Index - start <= 60)
            {
                var score = IhcScore(ihc);
                var span = new TextSpan(labelSpan.Start, ihc.Index + ihc.Length);
                var value = ihc.Groups["zero"].Success ? "0" : ihc.Value.Trim();
                findings.Add(new Finding(ExtensionFields.Her2Ihc, value, score, document.Id, span, RuleConfidence.Explicit));
                if (!sign.Success && !(status.Success && status.Index - start <= StatusReach))
                {
                    var normalized = score switch { "3+" => "positive", "2+" => "equivocal", _ => "negative" };
                    findings.Add(new Finding(ContractFields.Her2Status, value, normalized, document.Id, span, RuleConfidence.Explicit)
                    {
                        Note = IhcNote + " " + score,
                    });
                }
            }

            if (ish.Success)
            {
                var span = new TextSpan(labelSpan.Start, ish.Index + ish.Length);
                AddIsh(ish, span, RuleConfidence.Explicit);
                ishTaken.Add(new TextSpan(ish.Index, ish.Index + ish.Length));
            }
            else if (Ratio().Match(text, start, end - start) is { Success: true } ratio && !ishTaken.Any(t => t.Start == ratio.Index))
            {
                AddRatio(ratio, new TextSpan(labelSpan.Start, ratio.Index + ratio.Length));
                ishTaken.Add(new TextSpan(ratio.Index, ratio.Index + ratio.Length));
            }
        }

        foreach (Match m in NoGeneAmplification().Matches(text))
        {
            var span = new TextSpan(m.Index, m.Index + m.Length);
            if (ishTaken.Any(t => t.Overlaps(span)) || !ClinicalScope.IsAffirmed(text, span, Scopes))
            {
                continue;
            }

            ishTaken.Add(span);
            findings.Add(new Finding(ExtensionFields.Her2Ish, m.Value, "not amplified", document.Id, span, RuleConfidence.Explicit));
            findings.Add(new Finding(ContractFields.Her2Status, m.Value, "negative", document.Id, span, RuleConfidence.Explicit)
            {
                Note = IshNote,
            });
        }

        foreach (Match method in IshMethod().Matches(text))
        {
            var methodSpan = new TextSpan(method.Index, method.Index + method.Length);
            if (!ClinicalScope.IsAffirmed(text, methodSpan, Scopes))
            {
                continue;
            }

            var start = methodSpan.End;
            var end = IshWindowEnd(text, start);
            if (NotDone().Match(text, start, end - start) is { Success: true } nd && nd.Index - start < 25)
            {
                continue;
            }

            var result = FirstValue(IshResult(), text, start, end) ?? Match.Empty;
            if (result.Success)
            {
                var resultSpan = new TextSpan(result.Index, result.Index + result.Length);
                if (ishTaken.Any(t => t.Overlaps(resultSpan)))
                {
                    continue;
                }

                ishTaken.Add(resultSpan);
                AddIsh(result, new TextSpan(methodSpan.Start, resultSpan.End), RuleConfidence.Explicit);
                continue;
            }

            var ratio = Ratio().Match(text, start, end - start);
            if (ratio.Success && !ishTaken.Any(t => t.Start == ratio.Index))
            {
                ishTaken.Add(new TextSpan(ratio.Index, ratio.Index + ratio.Length));
                AddRatio(ratio, new TextSpan(methodSpan.Start, ratio.Index + ratio.Length));
            }
        }

        // "negative for HER2", "positive for ER, PR and HER2": the status comes first and governs the marker after it.
        foreach (Match m in StatusForHer2().Matches(text))
        {
            var span = new TextSpan(m.Index, m.Index + m.Length);
            if (ClinicalScope.IsAffirmed(text, span, Scopes | ScopeKind.Negated))
            {
                findings.Add(new Finding(ContractFields.Her2Status, m.Value, m.Groups["neg"].Success ? "negative" : "positive", document.Id, span, RuleConfidence.Explicit - 0.04)
                {
                    Note = StatedNote,
                });
            }
        }

        foreach (Match m in TripleNegative().Matches(text))
        {
            var span = new TextSpan(m.Index, m.Index + m.Length);
            if (ClinicalScope.IsAffirmed(text, span, Scopes | ScopeKind.Negated))
            {
                findings.Add(new Finding(ContractFields.Her2Status, m.Value, "negative", document.Id, span, RuleConfidence.Contextual)
                {
                    Note = "triple negative",
                });
            }
        }

        return findings;

        void AddRatio(Match ratio, TextSpan span)
        {
            // "A ratio less than 1.8 indicates absence of amplification", "ratio from 1.8-2.2 is equivocal": the
            // cut-offs of the interpretation key, not this tumour's ratio.
            if (RatioCutoff().IsMatch(ratio.Value) || RangeOrDefinitionAfter().IsMatch(text, ratio.Index + ratio.Length))
            {
                return;
            }

            if (!double.TryParse(ratio.Groups["r"].Value.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var r)
                || r is <= 0 or >= 50)
            {
                return;
            }

            var amplified = r >= 2.0;
            var value = ratio.Value.Trim();
            findings.Add(new Finding(ExtensionFields.Her2Ish, value, amplified ? "amplified" : "not amplified", document.Id, span, RuleConfidence.Contextual));
            findings.Add(new Finding(ContractFields.Her2Status, value, amplified ? "positive" : "negative", document.Id, span, RuleConfidence.Contextual)
            {
                Note = IshNote + " ratio only",
            });
        }

        void AddIsh(Match result, TextSpan span, double confidence)
        {
            var amplified = !result.Groups["not"].Success;
            var value = result.Value.Trim();
            findings.Add(new Finding(ExtensionFields.Her2Ish, value, amplified ? "amplified" : "not amplified", document.Id, span, confidence));
            findings.Add(new Finding(ContractFields.Her2Status, value, amplified ? "positive" : "negative", document.Id, span, confidence)
            {
                Note = IshNote,
            });
        }
    }

    // How far after the name (or its result label) a status word may stand: "HER2 (HercepTest, clone 4B5): negative".
    private const int StatusReach = 60;

    /// <summary>
    /// The first match of <paramref name="pattern"/> in [start, end) that the context layer reads as a value: the "3+"
    /// of a "(scored 0-3+)" legend, the options of "positive / negative / equivocal" or a checklist answered no are not.
    /// </summary>
    private static Match? FirstValue(Regex pattern, string text, int start, int end)
    {
        // The window bounds the search; the context layer below still reads the whole text around each match.
        for (var m = pattern.Match(text, start, end - start); m.Success; m = m.NextMatch())
        {
            // The context is asked about the value itself ("0" of "score: 0"), not the words that introduce it.
            var value = m.Groups["zero"].Success ? m.Groups["zero"] : m.Groups["ihc"].Success ? m.Groups["ihc"] : m.Groups["plus"].Success ? m.Groups["plus"] : (Group)m;
            var span = new TextSpan(value.Index, m.Index + m.Length);

            // "known HER2 amplified control tissue", "positive and negative controls": the controls' result.
            if (MarkerText.IsControlAfter(text, span.End))
            {
                continue;
            }

            if (ClinicalScope.IsAffirmed(text, span, ScopeKind.NotAValue))
            {
                return m;
            }
        }

        return null;
    }

    private static string StatusOf(Match status) =>
        status.Groups["pos"].Success ? "positive" : status.Groups["neg"].Success ? "negative" : "equivocal";

    private static string IhcScore(Match m)
    {
        if (m.Groups["plus"].Success)
        {
            return m.Groups["plus"].Value.Length + "+";
        }

        if (m.Groups["zero"].Success)
        {
            return "0";
        }

        var digit = m.Groups["ihc"].Value;
        return digit == "0" ? "0" : digit + "+";
    }

    private static int WindowEnd(string text, int start)
    {
        // The next "HER2" or ISH method name belongs to the same statement; other markers end it.
        var end = MarkerText.WindowEnd(text, start, 110);

        // "HER2 protein stained with the 4B5 antibody. Negative reaction (score 1+).": a statement naming only the method
        // is continued by the sentence after it when that sentence opens with the result and names no other marker.
        if (end < text.Length && text[end] == '.' && !AnyValue().IsMatch(text[start..end]))
        {
            var next = end + 1;
            var nextEnd = MarkerText.WindowEnd(text, next, 110);
            if (ResultOpening().IsMatch(text, next) && !MarkerText.HasMarker(text, next, nextEnd))
            {
                return nextEnd;
            }
        }

        return end;
    }

    private static int IshWindowEnd(string text, int start)
    {
        var limit = Math.Min(text.Length, start + 160);
        for (var i = start; i < limit; i++)
        {
            var c = text[i];
            if (c == ';')
            {
                return i;
            }

            if (c == '.' && (i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1])))
            {
                return i;
            }

            if (c == '\n' && i + 1 < limit && text.IndexOf('\n', i + 1, Math.Min(3, limit - i - 1)) >= 0)
            {
                return i;
            }
        }

        return limit;
    }

    [GeneratedRegex(
        @"(?<![\p{L}])(?:HER[- ]?2(?:\s*/\s*neu|[- ]?neu)?(?:\s*/\s*ERBB2)?|c-?erb-?B-?2|ERBB2|Herceptest)(?:\s*\((?:IHC|immuno[^)\n]{0,20}|clone[^)\n]{0,15}|4B5|CB11|SP3|A0485|HercepTest)\))?(?:\s+(?:status|statut|expression|protein|prot[ée]ine|oncoprotein|oncoprot[ée]ine|by\s+IHC|en\s+IHC|IHC|immunohistochemistry|immunohistochimie|score))*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    [GeneratedRegex(@"\G\s?(?:\(\s*(?<s>[+−-])\s*\)|(?<s>\+)(?![+\d])|(?<s>[−-])(?![\p{L}\p{N}])(?![\s.:]*(?:pos|neg|n[ée]g|equiv|[ée]quiv|\d|\()))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Sign();

    [GeneratedRegex(@"\G\s{1,3}(?:negative|positive|equivocal|n[ée]gati\w*|positi\w*|[ée]quivoque|score\s*[:=]?\s*[0-3]|results?\s*:|r[ée]sultats?\s*:)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ResultOpening();

    [GeneratedRegex(@"(?<![\p{L}])(?:negative|positive|equivocal|n[ée]gati\w*|positi\w*|amplifi\w*)|[0-3]\s?\+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnyValue();

    [GeneratedRegex(@"\G[\s:=-]{0,3}(?:low|faible)(?![\p{L}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Low();

    [GeneratedRegex(@"\G[\s.:=-]{0,4}0(?:[.,]0{1,2})?\s?%(?!\s*(?:-|–|to|à)\s*\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ZeroPercent();

    [GeneratedRegex(@"(?:less|greater|more|lower|higher|fewer)\s+than|\b(?:above|below|under|over|from|between|exceed\w*|at\s+least|up\s+to|sup[ée]rieur|inf[ée]rieur|entre)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RatioCutoff();

    [GeneratedRegex(@"\G\s*(?:(?:-|–|to|à|and|et)\s*\d|(?:is\s+|are\s+|est\s+)?(?:considered|defined|indicates?|equivocal|consid[ée]r[ée]|indique))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RangeOrDefinitionAfter();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:(?<pos>positi(?:ve|f|vity|vit[ée]))|(?<neg>n[ée]gati(?:ve|f|vity|vit[ée]))|(?<eq>equivocal|[ée]quivoque|borderline|ambigu(?:ous|[ëe]))|(?<pos>overexpressed|surexprim[ée]e?|(?<=[:=]\s{0,3})(?:overexpression|surexpression)|(?:overexpression|surexpression)(?=\s+(?:is\s+)?(?:present|detected|identified|observed|noted|pr[ée]sente|d[ée]tect[ée]e|observ[ée]e)))(?!\s+(?:is\s+)?(?:not|absent|non))|(?<neg>no\s+overexpression|absence\s+de\s+surexpression|pas\s+de\s+surexpression|not\s+overexpressed|non\s+surexprim[ée]))(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatusWord();

    [GeneratedRegex(
        @"(?<![\d.,+])(?<ihc>[0-3])\s?\+(?![\d+])|(?<![+\d])(?<plus>\+{2,3})(?![+\d])|(?:score|IHC|immunohistochemistry|immunohistochimie)\s*[:=]?\s*(?<zero>0)(?![\d.,%+])|\G\s*[:=]\s*(?<zero>0)(?![\d.,%+])|(?<=[:=)]\s{0,3}|result\s{1,3}|r[ée]sultat\s{1,3})(?<zero>0)(?![\d.,%+])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Ihc();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:FISH|SISH|CISH|DISH|BDISH|ISH|hybridation\s+in\s+situ(?:\s+en\s+fluorescence)?|in\s+situ\s+hybridi[sz]ation|HER-?2\s+gene(?:\s+(?:amplification|status|copy\s+number))?|amplification\s+(?:du\s+g[èe]ne\s+)?(?:HER-?2|ERBB2)|g[èe]ne\s+HER-?2)(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IshMethod();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:(?<not>non[- ]?amplified|non[- ]?amplifi[ée]e?s?|not\s+amplified|no\s+(?:evidence\s+of\s+)?(?:gene\s+)?amplification|without\s+amplification|absence\s+d['’]\s?amplification|pas\s+d['’]\s?amplification|negative\s+for\s+(?:gene\s+)?amplification|amplification\s*[:=]?\s*(?:(?:was|is)\s+)?(?:absent|not\s+(?:detected|identified|present|found|seen|observed)|negative|non\s+d[ée]tect[ée]e|absente|n[ée]gative))|(?<!(?<![\p{L}])non[- ]?|not\s)(?:amplified|amplifi[ée]e?s?|amplification\s*[:=]?\s*(?:present|detected|positive|pr[ée]sente|d[ée]tect[ée]e)|(?:gene\s+)?amplification\s+(?:is\s+)?(?:present|detected|identified)))(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IshResult();

    [GeneratedRegex(@"ratio(?:\s*(?:HER-?2\s*/\s*(?:CEP|CEN)\s*-?17))?[^\d\n<>≤≥=]{0,30}(?<r>\d{1,2}[.,]\d{1,2})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Ratio();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:absence\s+d['’]\s?|pas\s+d['’]\s?|no\.?\s+(?:evidence\s+of\s+)?|sans\s+|without\s+)amplification[.\s]+(?:du\s+g[èe]ne\s+|of[.\s]+(?:the[.\s]+)?(?:gene[.\s]+)?)?(?:HER-?2|ERBB2)(?:\s+gene)?(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoGeneAmplification();


    [GeneratedRegex(
        @"\bif\b|\bsi\b|pending|en\s+cours|en\s+attente|à\s+venir|to\s+follow|not\s+(?:performed|done|tested|assessed|evaluable|available|interpretable|reportable)|non\s+(?:fait|r[ée]alis[ée]|test[ée]|[ée]valu|interpr[ée]t|contributi)|insufficient|insuffisant|cannot\s+be|ne\s+peut|will\s+be|sera\s|ind[ée]termin\p{L}*|\?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotDone();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:(?<pos>positi(?:ve|fs?|ves))|(?<neg>n[ée]gati(?:ve|fs?|ves)))\s+(?:for|pour)\s+(?:(?-i:ER|PR|RE|RP|PgR)\s*(?:,|and|et|&)\s*)*(?:HER[- ]?2|c-?erb-?B-?2|ERBB2)(?:/neu)?(?![\p{L}\d])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatusForHer2();

    [GeneratedRegex(@"(?<![\p{L}])triple[- ]n[ée]gati(?:ve|f|fs)(?![\p{L}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TripleNegative();
}
