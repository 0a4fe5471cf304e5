using System.Text.RegularExpressions;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;
using MedSummary.Core.Staging;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// TNM categories, written jointly ("pT2aN1M0", "pT2a pN1 M0", "T2 N0 MX", "ypT1c ypN0") or one by one
/// ("Regional lymph nodes (pN): pN1", "stade pT1b", "T stage: 2"), with OCR tolerance ("pNO", "pTl", "MO", "p T 2").
/// </summary>
/// <remarks>
/// Which field a category fills:
/// <list type="bullet">
/// <item>p, yp, rp, ap, r, a, y prefixes go to pathologic_t/n/m: the classification of a resected specimen, after
/// neoadjuvant therapy (y), at recurrence (r) or at autopsy (a) is still pathological; the prefix stays visible in the
/// value as written and in <see cref="Finding.Note"/>.</item>
/// <item>c, yc, rc, u (ultrasound) and mr (MRI) prefixes go to clinical_t/n/m.</item>
/// <item>In a c-prefixed joint group a "c" after a value is the next category's prefix when the group keeps prefixing up
/// to M ("cT3cN1cM0" is T3 N1 M0), and a subcategory otherwise ("cT1cN0M0" is T1c): both spellings occur in letters.</item>
/// <item>An unprefixed category takes the prefix of the prefixed category before it in the same group
/// ("pT2 N1 M0": N1 and M0 are pathologic), as pathology reports write it.</item>
/// <item>A group with no prefix at all is pathologic when its passage says so ("pathologic stage", "pTNM", "(pT)"),
/// clinical when its passage names a clinical or imaging source ("clinical", "CT", "IRM", "bilan d'extension"), and
/// otherwise pathologic inside a pathology report (the pathologist stages the specimen) and clinical elsewhere.</item>
/// </list>
/// Normalized values carry no prefix: "T2a", "N1mi", "N0(i+)", "M1b", "Tis", "Ta", "TX", "NX", "MX" (MX is obsolete
/// in TNM 8 but still written; it is kept, not mapped to M0, and gives way to a category the same report states
/// elsewhere).
/// An unprefixed category standing alone ("T2") counts only next to a TNM cue ("TNM", "stage", "Primary tumor",
/// "(pN)"), never near MRI or spine words ("T2-weighted", "T4 vertebra"). "No"/"NO" and "MO" are read as N0/M0 only
/// inside a TNM group and when no ordinary word follows ("T2 NO MX" yes, "pT2, No lymph nodes" no). Ranges
/// ("pT2-3") are ambiguous and skipped.
/// </remarks>
public sealed partial class TnmExtractor : IFieldExtractor
{
    private const int ContextBack = 70;

    /// <summary>The six TNM fields, pathologic and clinical; also the fields <see cref="StagingScope"/> settles.</summary>
    internal static IReadOnlyList<string> Keys { get; } =
    [
        ContractFields.PathologicT, ContractFields.PathologicN, ContractFields.PathologicM,
        ContractFields.ClinicalT, ContractFields.ClinicalN, ContractFields.ClinicalM,
    ];

    public IReadOnlyList<string> Fields => Keys;

    public IEnumerable<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text;
        var pathologyReport = ReportContext.IsPathologyReport(text);
        var findings = new List<Finding>();
        var covered = new List<TextSpan>();

        var pos = 0;
        while (pos < text.Length)
        {
            var candidate = Candidate().Match(text, pos);
            if (!candidate.Success)
            {
                break;
            }

            var atoms = ParseGroup(text, candidate.Index);
            if (atoms.Count == 0)
            {
                pos = candidate.Index + 1;
                continue;
            }

            var span = new TextSpan(atoms[0].Start, atoms[^1].End);
            findings.AddRange(Evaluate(document, atoms, span, pathologyReport));
            covered.Add(span);
            pos = span.End;
        }

        foreach (Match m in LabelledCategory().Matches(text))
        {
            var span = new TextSpan(m.Index, m.Index + m.Length);
            if (covered.Any(c => c.Overlaps(span)) || !ClinicalScope.IsAffirmed(text, span, Scopes | ScopeKind.NotAValue))
            {
                continue;
            }

            var prefix = m.Groups["pre2"].Success ? m.Groups["pre2"].Value : m.Groups["pre"].Value;
            var category = char.ToUpperInvariant(m.Groups["cat"].Value[0]);
            var value = NormalizeValue(category, m.Groups["val"].Value, out _);
            if (value is null)
            {
                continue;
            }

            var (pathologic, inferred) = prefix.Length > 0
                ? (IsPathologicPrefix(prefix), false)
                : Classify(text, span.Start, pathologyReport);
            findings.Add(new Finding(
                KeyFor(category, pathologic),
                m.Value.Trim(),
                category + value,
                document.Id,
                span,
                inferred ? RuleConfidence.Contextual - 0.05 : RuleConfidence.Contextual)
            {
                Note = inferred ? "field inferred from the report type" : null,
            });
        }

        // "History of T1N0M0 breast cancer" stages an earlier episode: it is read (a second opinion needs the initial
        // staging) only when the document stages nothing else, so it never contradicts the current tumour's category.
        var current = findings.Where(f => f.Note?.Contains(HistoryNote, StringComparison.Ordinal) != true).Select(f => f.FieldKey).ToHashSet();
        findings.RemoveAll(f => f.Note?.Contains(HistoryNote, StringComparison.Ordinal) == true && current.Contains(f.FieldKey));

        // "X" says a category could not be assessed from what one part of the report had at hand ("pT3, N2, Mx" in a
        // summary line); a category the same report states elsewhere ("pM1, site: liver" in its synoptic) is the
        // information, not a contradiction of it. X stays the answer only where nothing more is stated.
        var assessed = findings.Where(f => !IsUnassessed(f.Normalized)).Select(f => f.FieldKey).ToHashSet();
        findings.RemoveAll(f => IsUnassessed(f.Normalized) && assessed.Contains(f.FieldKey));
        return findings;
    }

    private static bool IsUnassessed(string normalized) => normalized.Length == 2 && normalized[1] == 'X';

    private const string HistoryNote = "stated as history";
    private const double HistoryPenalty = 0.15;

    private const ScopeKind Scopes = ScopeKind.Hypothetical | ScopeKind.Family | ScopeKind.History;

    private IEnumerable<Finding> Evaluate(SourceDocument document, List<Atom> atoms, TextSpan span, bool pathologyReport)
    {
        var text = document.Text;

        // "pNX: cannot be assessed" defines X; it is not a hypothesis about the value.
        var scopes = atoms.All(a => a.Value == "X") ? ScopeKind.Family | ScopeKind.History : Scopes;
        var scope = ClinicalScope.Detect(text, span, scopes);
        if ((scope & ~ScopeKind.History) != ScopeKind.None)
        {
            yield break;
        }

        var history = scope.HasFlag(ScopeKind.History);

        var leader = atoms.FirstOrDefault(a => a.Prefix.Length > 0)?.Prefix;
        var unprefixedGroup = leader is null;
        if (unprefixedGroup)
        {
            if (!AcceptUnprefixed(text, atoms, span))
            {
                yield break;
            }
        }

        (bool Pathologic, bool Inferred) groupClass = unprefixedGroup
            ? Classify(text, span.Start, pathologyReport)
            : (IsPathologicPrefix(leader!), false);

        foreach (var atom in atoms)
        {
            // A legend, an option of a template, a perineural "Pn0" or a checklist item answered "No" is no value.
            if (!ClinicalScope.IsAffirmed(text, new TextSpan(atom.Start, atom.End), ScopeKind.NotAValue))
            {
                continue;
            }

            var own = atom.Prefix.Length > 0;
            var pathologic = own ? IsPathologicPrefix(atom.Prefix) : groupClass.Pathologic;
            double confidence;
            string? note;
            if (own)
            {
                confidence = RuleConfidence.Explicit;
                note = PrefixNote(atom.Prefix);
            }
            else if (!unprefixedGroup)
            {
                confidence = RuleConfidence.Explicit - 0.04;
                note = PrefixNote(leader!);
            }
            else
            {
                confidence = groupClass.Inferred ? RuleConfidence.Contextual - 0.05 : RuleConfidence.Contextual;
                note = groupClass.Inferred ? "field inferred from the report type" : null;
            }

            if (history)
            {
                confidence -= HistoryPenalty;
                note = note is null ? HistoryNote : note + "; " + HistoryNote;
            }

            if (atom.Ocr)
            {
                confidence -= RuleConfidence.OcrPenalty;
                note = note is null ? "OCR-tolerant reading" : note + "; OCR-tolerant reading";
            }

            yield return new Finding(
                KeyFor(atom.Category, pathologic),
                text[atom.Start..atom.End],
                atom.Category + atom.Value,
                document.Id,
                span,
                RuleConfidence.Clamp(confidence))
            {
                Note = note,
            };
        }
    }

    private static bool AcceptUnprefixed(string text, List<Atom> atoms, TextSpan span)
    {
        var before = ReportContext.Slice(text, span.Start - 25, span.Start);
        var after = ReportContext.Slice(text, span.End, span.End + 25);
        if (ImagingBefore().IsMatch(before) || ImagingAfter().IsMatch(after))
        {
            return false;
        }

        if (atoms.Count >= 2)
        {
            // Two categories in TNM order need at least one clean reading; "No Mo" alone proves nothing. All three
            // axes in order after a staging cue ("Staging: TO NO MO") are a group even when OCR read every zero as O.
            if (atoms.Any(a => !a.Ocr))
            {
                return true;
            }

            var cueWindow = ReportContext.Slice(text, span.Start - ContextBack, span.Start);
            return atoms.Count == 3 && atoms[0].Category == 'T' && atoms[1].Category == 'N' && atoms[2].Category == 'M'
                && TnmCue().IsMatch(cueWindow);
        }

        var single = atoms[0];
        var loose = ReportContext.Slice(text, span.Start - 40, span.Start);
        if (!single.UpperCategory)
        {
            return false;
        }

        // A spaced value ("T 3a") is read only right after a staging label ("Pathological staging (pTNM): T 3a"), or
        // after the spaced categories that follow that label ("(pTNM): T 2c. N 0. M x": each cell exported as a sentence).
        if (single.Spaced)
        {
            var label = SpacedSiblingsBefore().Match(loose) is { Success: true } siblings && siblings.Length > 0
                ? ReportContext.Slice(text, span.Start - siblings.Length - 40, span.Start - siblings.Length)
                : loose;
            return !single.Ocr && LabelRightBefore().IsMatch(label) && TnmCue().IsMatch(label);
        }

        var clauseStart = Math.Max(ClinicalScope.PreWindow(text, span.Start), span.Start - ContextBack);
        var window = text[clauseStart..span.Start];

        // A label naming this very category ("Regional lymph nodes:", "Lymph node stage:") vouches even for an OCR
        // reading ("NO"), provided no ordinary word follows it; a general TNM cue only for a clean one.
        var categoryCue = single.Category switch
        {
            'T' => PrimaryTumourCue(),
            'N' => NodeCue(),
            _ => MetastasisCue(),
        };
        // OCR and exports turn table cells into sentences ("Pathological T. T1."): a label right before the value, with
        // only punctuation between, vouches for it across such a period.
        if (categoryCue.IsMatch(window) || (LabelRightBefore().IsMatch(loose) && categoryCue.IsMatch(loose)))
        {
            return !single.Ocr || !FollowedByWord(text, single.End);
        }

        return !single.Ocr && TnmCue().IsMatch(window);
    }

    /// <summary>Whether an unprefixed group is pathologic, and whether that came from the report type alone.</summary>
    private static (bool Pathologic, bool Inferred) Classify(string text, int start, bool pathologyReport)
    {
        var clauseStart = Math.Max(0, start - 120);
        var window = text[clauseStart..start];
        var lineStart = window.LastIndexOf('\n');
        var near = ReportContext.Slice(text, start - 60, start);

        // In a table exported as sentences ("Pathological N. N1a. Clinical M. M0.") the label nearest the value names
        // its classification, not one of the row labels before it.
        var pathologicNear = LastEnd(PathologicCue(), near);
        var clinicalNear = LastEnd(ClinicalCue(), near);
        if (pathologicNear >= 0 || clinicalNear >= 0)
        {
            return (pathologicNear > clinicalNear, false);
        }

        if (PathologicCue().IsMatch(window))
        {
            return (true, false);
        }

        if (ClinicalCue().IsMatch(lineStart >= 0 ? window[lineStart..] : window))
        {
            return (false, false);
        }

        return (pathologyReport, true);
    }

    private static int LastEnd(Regex cue, string window)
    {
        var end = -1;
        foreach (Match m in cue.Matches(window))
        {
            end = m.Index + m.Length;
        }

        return end;
    }

    private static bool IsPathologicPrefix(string prefix) => TnmCategory.IsPathologicPrefix(prefix);

    private static string? PrefixNote(string prefix) => prefix switch
    {
        "yp" or "y" => "post-therapy classification (y)",
        "yc" => "post-therapy clinical classification (yc)",
        "r" or "rp" or "rc" => "recurrence classification (r)",
        "a" or "ap" => "autopsy classification (a)",
        "u" => "ultrasound classification (u)",
        "mr" => "MRI classification (mr)",
        _ => null,
    };

    private static string KeyFor(char category, bool pathologic) => (category, pathologic) switch
    {
        ('T', true) => ContractFields.PathologicT,
        ('N', true) => ContractFields.PathologicN,
        ('M', true) => ContractFields.PathologicM,
        ('T', false) => ContractFields.ClinicalT,
        ('N', false) => ContractFields.ClinicalN,
        _ => ContractFields.ClinicalM,
    };

    private static List<Atom> ParseGroup(string text, int start)
    {
        var atoms = new List<Atom>();
        var p = start;
        while (p < text.Length)
        {
            var m = AtomPattern().Match(text, p);
            if (!m.Success || m.Index != p)
            {
                break;
            }

            // After "TO NO", an OCR'd "MO" closes the group even when a word follows ("TO NO MO after surgery").
            var closesGroup = atoms.Count == 2 && atoms[0].Category == 'T' && atoms[1].Category == 'N';
            // In a group written in lowercase ("pt3, pno"), OCR's "o" for zero is read as in an uppercase one.
            var lowercaseGroup = atoms.Count > 0 && !atoms[^1].UpperCategory && atoms[^1].Prefix is "p" or "yp";
            var atom = ToAtom(text, m, closesGroup, lowercaseGroup);
            // Categories may come in any order ("T3a MO NX"), each once.
            if (atom is null || atoms.Any(a => a.Category == atom.Category))
            {
                break;
            }

            atoms.Add(atom);
            p = SkipSeparators(text, atom.End);
        }

        return atoms;
    }

    private static Atom? ToAtom(string text, Match m, bool closesGroup = false, bool lowercaseGroup = false)
    {
        var prefix = m.Groups["pre"].Value;
        var categoryText = m.Groups["cat"].Value;
        var category = char.ToUpperInvariant(categoryText[0]);
        var rawValue = m.Groups["val"].Value.Replace(" ", "", StringComparison.Ordinal);
        var suffix = m.Groups["suf"].Value;
        var spacedPrefix = m.Groups["s1"].Length > 0;
        var spacedValue = m.Groups["s2"].Length > 0;
        var upper = char.IsUpper(categoryText[0]);

        if (spacedPrefix && prefix is not ("p" or "yp"))
        {
            return null;
        }

        if (prefix.Length == 0 && spacedPrefix)
        {
            return null;
        }

        // Lowercase categories ("pt2", "pn0") are read only glued to a p prefix and with a clean value: "p to", "at4",
        // "rta" or "cm0" are words and units, not categories. An "o" for zero only after a lowercase category ("pt3, pno").
        if (!upper && (spacedValue || spacedPrefix || prefix is not ("p" or "yp")
            || !char.IsDigit(rawValue[0]) && rawValue is not ("x" or "X") && !(lowercaseGroup && rawValue is "o" or "O")))
        {
            return null;
        }

        if (rawValue is "a" && (category != 'T' || prefix.Length == 0))
        {
            return null;
        }

        var value = NormalizeValue(category, rawValue, out var ocr);
        if (value is null)
        {
            return null;
        }

        value += NormalizeSuffix(category, value, suffix);
        var end = m.Index + m.Length;

        // An ambiguous range ("pT2-3", "T1/T2") names no single category.
        if (Range().Match(text, end) is { Success: true } r && r.Index == end
            && (r.Groups["cat"].Length == 0 || char.ToUpperInvariant(r.Groups["cat"].Value[0]) == category))
        {
            return null;
        }

        // An uppercase subcategory ("pT2C") is an OCR or typing slip, read only behind a prefix or inside a glued group
        // that goes on with another category ("T2CNXMX").
        if (rawValue.Length > 1 && char.IsUpper(rawValue[1]) && rawValue[1] != 'I' && prefix.Length == 0
            && !GluedNext().IsMatch(text, end))
        {
            return null;
        }

        // An OCR-tolerant letter value ("NO", "Mo", "Tl") must not be the start of an ordinary word.
        if (ocr && prefix.Length == 0 && !(closesGroup && category == 'M') && FollowedByWord(text, end))
        {
            return null;
        }

        return new Atom(prefix, category, value, m.Index, end, ocr, spacedValue || spacedPrefix, upper);
    }

    private static bool FollowedByWord(string text, int end)
    {
        var p = end;
        while (p < text.Length && text[p] is ' ' or '\t' or '\u00A0')
        {
            p++;
        }

        if (p >= text.Length || !char.IsLetter(text[p]))
        {
            return false;
        }

        var atom = AtomPattern().Match(text, p);
        if (atom.Success && atom.Index == p && ToAtomShape(atom))
        {
            return false;
        }

        var descriptor = Descriptor().Match(text, p);
        return !(descriptor.Success && descriptor.Index == p);
    }

    private static bool ToAtomShape(Match m) =>
        NormalizeValue(char.ToUpperInvariant(m.Groups["cat"].Value[0]), m.Groups["val"].Value, out _) is not null;

    /// <summary>The value grammar is the domain's (<see cref="TnmCategory.NormalizeValue"/>).</summary>
    internal static string? NormalizeValue(char category, string raw, out bool ocr) =>
        TnmCategory.NormalizeValue(category, raw, out ocr);

    private static string NormalizeSuffix(char category, string value, string suffix) =>
        TnmCategory.NormalizeSuffix(category, value, suffix);

    private static int SkipSeparators(string text, int p)
    {
        var limit = Math.Min(text.Length, p + 40);
        var start = p;
        while (p < limit)
        {
            var c = text[p];
            if (c is ' ' or '\t' or '\u00A0' or ',' or '/' or '-' or '–' or '\n' or '\r')
            {
                if (c == '\n' && text.IndexOf('\n', start, p - start) >= 0)
                {
                    break;
                }

                p++;
                continue;
            }

            var skip = Skippable().Match(text, p);
            if (skip.Success && skip.Index == p && skip.Length > 0)
            {
                p += skip.Length;
                continue;
            }

            break;
        }

        return p;
    }

    private sealed record Atom(string Prefix, char Category, string Value, int Start, int End, bool Ocr, bool Spaced, bool UpperCategory);

    [GeneratedRegex(@"(?:(?<![A-Za-z0-9])|(?<=(?i:stage|stade)))(?:(?:yp|yc|rp|rc|ap|mr|[pcyrau]|P)[ \t\u00A0]?)?[TNMtnm][ \t\u00A0]?(?:[Ii][Ss]|[0-4OoIliXxa])", RegexOptions.CultureInvariant)]
    private static partial Regex Candidate();

    [GeneratedRegex(
        @"\G(?<pre>yp|(?<cpre>yc)|rp|(?<cpre>rc)|ap|mr|(?<cpre>c)|[pyrau]|P(?=[TNM]))?(?<s1>[ \t\u00A0]?)(?<cat>[TNMtnm])(?<s2>[ \t\u00A0]?)(?<val>[Ii][Ss]|[0-4OoIli](?:mi|(?(cpre)(?!c[Mm][ \t]?[01Xx](?![0-9])|c[Nn][ \t]?[0-3OoIlXx][a-d]?[ \t]?c[Mm]))[a-eA-E][1-3lI]?(?!(?!y?[pc][NMnm])[a-z])|[ ][a-d][1-3lI]?(?=[ \t]*(?:$|[,;.)\]\[\n])|[ \t]+(?:y?[pc])?[ \t]?[NMnm][ \t]?[0-4OoIlXx]))?|[Xx]|a)(?<suf>[ \t]?\((?:m|\d{1,2}|sn|i[+-]|mol[+-]|f|DCIS|LCIS|Paget)\)|m(?![A-Za-z]))?(?=$|[^A-Za-z0-9]|[NMnm][ \t]?[0-4OoIlXx]|[LVRG][ \t]?[0-9Xx]|Pn|y?[pc][NMnm])",
        RegexOptions.CultureInvariant)]
    private static partial Regex AtomPattern();

    [GeneratedRegex(@"\G(?:(?:L|V|R|G|Pn|PN|pn|LVI|Sx?)[ \t]?[0-9XxlO](?![A-Za-z0-9])|\([^()\n]{0,25}\))", RegexOptions.CultureInvariant)]
    private static partial Regex Skippable();

    [GeneratedRegex(@"\G[NM][0-3OX]", RegexOptions.CultureInvariant)]
    private static partial Regex GluedNext();

    [GeneratedRegex(@"(?:\(p?TNM\)|(?<![A-Za-z])[py]?TNM|(?:patholog\w*|clinical|clinique)(?:\s+[TNM])?|primary\s+tumou?r|regional\s+lymph\s+nodes?|distant\s+metastas[ie]s|[TNM]\s+stage)\s*(?:\([^)\n]{1,6}\))?[\s.:=,-]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LabelRightBefore();

    // One or two spaced categories of another axis right before a value: "T 2c. ", "T 2c. N 0. ".
    [GeneratedRegex(@"(?:(?<![A-Za-z])[TNM][ \t](?:is|[0-4]|[Xx])[a-d]?[ \t]*[.,;]?[ \t]*){1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex SpacedSiblingsBefore();

    [GeneratedRegex(@"\G(?:L|V|R|G|Pn|PN|pn|LVI)[ \t]?[0-9XxlO](?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Descriptor();

    [GeneratedRegex(@"\G[ \t]?(?:[-–/]|or|ou|to|à)[ \t]?(?:y?[pc])?(?<cat>[TNM])?[ \t]?[0-4](?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Range();

    [GeneratedRegex(
        @"(?<![A-Za-z])(?<pre>yp|p|c)?(?<cat>[TNM])[ \t]*(?i:stage|category|cat[ée]gorie|classification)[ \t]*[:=]?[ \t]*(?<pre2>yp|p|c)?(?:\k<cat>)?[ \t]?(?<val>is|[0-4](?:mi|[a-d][1-3]?)?|X|x)(?![A-Za-z0-9/]|[.,]\d)",
        RegexOptions.CultureInvariant)]
    private static partial Regex LabelledCategory();

    [GeneratedRegex(
        @"TNM|\bstag(?:e|ing)\b|\bstade\b|classification|AJCC|UICC|primary\s+tumou?r|tumeur\s+primitive|regional\s+lymph\s+nodes?|ganglions?\s+r[ée]gionaux|distant\s+metasta|m[ée]tastases?\s+[àa]\s+distance|(?-i:\((?:y?[pc])?[TNM]\))|\b(?:patholog\w*|clinical|clinique)\s+[TNM]\b|\b[TNM]\s+(?:stage|category|cat[ée]gorie)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TnmCue();

    [GeneratedRegex(@"\b(?:patholog\w*|clinical|clinique)\s+T\b|primary\s+tumou?r|tumou?r\s+(?:stage|category)|tumeur\s+primitive|(?-i:\(y?[pc]?T\))|\bT\s+(?:stage|category|cat[ée]gorie)|extent\s+of\s+(?:invasion|tumou?r)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PrimaryTumourCue();

    [GeneratedRegex(@"\b(?:patholog\w*|clinical|clinique)\s+N\b|regional\s+lymph\s+nodes?|lymph\s+nodes?\s+(?:stage|category|status)|nodal\s+(?:stage|status)|ganglions?(?:\s+r[ée]gionaux)?|statut\s+ganglionnaire|(?-i:\(y?[pc]?N\))|\bN\s+(?:stage|category|cat[ée]gorie)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NodeCue();

    [GeneratedRegex(@"\b(?:patholog\w*|clinical|clinique)\s+M\b|distant\s+metasta\w*|m[ée]tastases?\s+(?:[àa]\s+)?distance|(?-i:\(y?[pc]?M\))|\bM\s+(?:stage|category|cat[ée]gorie)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetastasisCue();

    [GeneratedRegex(
        @"patholog|pTNM|(?-i:\(y?p[TNM]\))|anatomo-?patholog|histopatholog|post-?op[ée]ratoire|postoperative|surgical\s+stag|AJCC\s+patholog",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PathologicCue();

    [GeneratedRegex(
        @"clinic|clinique|cTNM|(?-i:\(c[TNM]\))|imag|scanner|\bCT\b|\bTDM\b|\bIRM\b|\bMRI\b|\bPET\b|\bTEP\b|[ée]chograph|ultraso|endoscop|radiolog|pr[ée]-?op|pretreatment|pr[ée]-?th[ée]rapeutique|bilan\s+d['’]extension|work-?up",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClinicalCue();

    [GeneratedRegex(
        @"(?:vert[eè]br\w*|rachis|spine|spinal|level|niveau|IRM|MRI|s[ée]quences?|weighted|pond[ée]r[ée]e?s?|signal|\ben|\bin)[\s:,]*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ImagingBefore();

    [GeneratedRegex(
        @"^\s*[-–]?\s*(?:weighted|w\b|WI\b|hyper|hypo|signal|vert[eè]br|spine|rachis|level|niveau|FLAIR|STIR|gado|fat|s[ée]quence|image|relaxation|map|mapping|\*)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ImagingAfter();
}
