using System.Text.RegularExpressions;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// Overall stage group: "Stage IIB", "stade IIIA", "AJCC stage group: IIA", "FIGO IIIC1", "pathologic stage 2B",
/// "stade anatomique IIC", "stade III B", "stade clinique II-a", "Stage: T2N1M0, IIB", "Stade pT1N2M0 (IIIA)".
/// </summary>
/// <remarks>
/// Normalized to the stage group alone in Roman numerals with its letter and digit: "0", "0is", "IA2", "IIB",
/// "IIIC1", "IVA". The staging system (AJCC, UICC, FIGO...) is not part of the normalized value (FIGO and AJCC groups
/// share the notation and the contract has one stage field); it stays in the value as written ("FIGO IIIC1") and in
/// <see cref="Finding.Note"/>. Arabic numerals are accepted only with a letter ("stage 2B") or after a named system
/// or "pathologic"/"clinical", because "stage 3" alone is as often chronic kidney disease or a pressure ulcer.
/// Stages of other diseases (CKD, NYHA, fibrosis, lymphoedema, pressure ulcers...) are refused by nearby words;
/// haematological stage systems (Ann Arbor) are cancer stages and kept.
/// A group is not read where it is one choice among several: a printed legend or option list ("Stage I / II / III / IV",
/// "Stage group: IA, IB, IIA"), an undecided range ("stade IIA/IIB", "stade IIA ou IIB"), a component of the TNM
/// ("T Stage: 2 N Stage: 0"), a statement about patients in general ("in stage II, node-positive breast cancer
/// patients", printed under many assays), a condition ("en cas de stade IV"), or a heading followed by a numbered
/// section ("STAGE" then "I. Primary tumour" on the next line). Hypotheses, history and relatives are left to
/// <see cref="ClinicalScope"/>.
/// </remarks>
public sealed partial class StageExtractor : IFieldExtractor
{
    public IReadOnlyList<string> Fields { get; } = [ContractFields.Stage];

    public IEnumerable<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text;
        var seen = new List<TextSpan>();
        foreach (var pattern in new[] { StagePhrase(), FigoPhrase(), TnmThenGroup() })
        {
            foreach (Match m in pattern.Matches(text))
            {
                var span = new TextSpan(m.Index, m.Index + m.Length);
                if (seen.Any(s => s.Overlaps(span)))
                {
                    continue;
                }

                var system = m.Groups["sys"].Success ? m.Groups["sys"].Value : null;
                var qualified = system is not null || m.Groups["qual"].Success;
                var normalized = Normalize(m.Groups["rom"].Value, m.Groups["let"].Value, m.Groups["num"].Value, qualified, out var ocr);
                if (normalized is null)
                {
                    continue;
                }

                var before = ReportContext.Slice(text, span.Start - 30, span.Start);
                var after = ReportContext.Slice(text, span.End, span.End + 40);
                if (OtherDiseaseBefore().IsMatch(before) || OtherDiseaseAfter().IsMatch(after))
                {
                    continue;
                }

                if (!IsStatedForThisTumour(text, m, before, after))
                {
                    continue;
                }

                if (!ClinicalScope.IsAffirmed(text, span, ScopeKind.Hypothetical | ScopeKind.Family | ScopeKind.History))
                {
                    continue;
                }

                seen.Add(span);
                var confidence = RuleConfidence.Explicit - (ocr ? RuleConfidence.OcrPenalty : 0);
                yield return new Finding(
                    ContractFields.Stage,
                    m.Value.Trim(),
                    normalized,
                    document.Id,
                    span,
                    confidence)
                {
                    Note = system is null ? null : system.Trim().ToUpperInvariant() + " stage",
                };
            }
        }
    }

    /// <summary>
    /// False when the mention is one option of a list or range, a TNM component, a statement about patients in general,
    /// a condition, or a heading followed by the number of a section.
    /// </summary>
    private static bool IsStatedForThisTumour(string text, Match m, string before, string after)
    {
        if (OptionAfter().IsMatch(after) || TnmComponentBefore().IsMatch(before) || ConditionBefore().IsMatch(before))
        {
            return false;
        }

        var sentence = SentenceEnd().Match(after) is { Success: true } end ? after[..end.Index] : after;
        if (PopulationAfter().IsMatch(sentence) || PopulationBefore().IsMatch(ReportContext.Slice(text, m.Index - 60, m.Index)))
        {
            return false;
        }

        // "STAGE\nI. Primary tumour": a heading over a numbered section. A value on the next line ("STAGE IS:\n3b (T3b
        // N0)") is the label's own unless it opens a numbered item.
        var rom = m.Groups["rom"];
        return !(text.AsSpan(m.Index, rom.Index - m.Index).Contains('\n')
            && !m.Groups["let"].Success
            && !m.Groups["num"].Success
            && NumberedItem().IsMatch(text, m.Index + m.Length));
    }

    /// <summary>"II"+"B" -> "IIB"; "2"+"B" -> "IIB"; null when not a stage group.</summary>
    internal static string? Normalize(string roman, string letter, string digit, bool qualified, out bool ocr)
    {
        ocr = false;
        string numeral;
        if (roman.Length == 1 && roman[0] is >= '0' and <= '4')
        {
            if (roman[0] != '0' && letter.Length == 0 && !qualified)
            {
                return null;
            }

            numeral = roman[0] switch { '0' => "0", '1' => "I", '2' => "II", '3' => "III", _ => "IV" };
        }
        else
        {
            var upper = roman.ToUpperInvariant();
            if (roman.Any(c => c is 'l' or 'L' or 'i'))
            {
                ocr = true;
                upper = upper.Replace('L', 'I');
            }

            if (upper is not ("I" or "II" or "III" or "IV"))
            {
                return null;
            }

            numeral = upper;
        }

        var l = letter.ToUpperInvariant();
        if (l == "IS")
        {
            return numeral == "0" ? "0is" : null;
        }

        if (numeral == "0")
        {
            return l.Length == 0 ? "0" : l == "A" ? "0a" : null;
        }

        return numeral + l + digit;
    }

    [GeneratedRegex(
        @"(?<![\p{L}])(?:(?<sys>AJCC|UICC|FIGO|TNM|Ann\s+Arbor)(?:\s*/\s*(?:AJCC|UICC|FIGO|TNM))*\s*(?:\(?(?:\d{1,2}\s*(?:st|nd|rd|th|e|ème|è)?|\d{4})\s*(?:ed\.?|edition|édition)?\)?\s*)?)?(?:(?<qual>pathologic(?:al)?|clinical|anatomic(?:al)?|prognostic|overall|final|tumou?r|cancer|pathologique|clinique)\s+)?(?:stage|stade|stag[ée]|stadification)(?:\s+group(?:ing)?|\s+groupe)?(?:\s+(?<qual>pathologique|clinique|anatomique|pronostique|finale?|d[ée]finitif|pTNM|AJCC|UICC|FIGO))?(?:\s*\((?:AJCC|UICC|FIGO|p?TNM)[^)\n]{0,20}\))?\s*(?:(?:is|de|:|=|-|–)\s*)*(?:FIGO\s*|AJCC\s*)?(?-i:(?<rom>IV|I{1,3}|[IlL]{2,3}|[Il](?=[A-C])|[0-4])(?:" + Letter + @"))(?<num>[1-3])?(?![\p{L}\p{N}+])",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex StagePhrase();

    [GeneratedRegex(
        @"(?<![\p{L}])(?<sys>FIGO)\s*(?:\(?\d{4}\)?\s*)?[:=-]?\s*(?<rom>IV|I{1,3}|[IlL]{2,3}|[Il](?=[A-C]))(?:" + Letter + @")(?<num>[1-3])?(?![\p{L}\p{N}+])",
        RegexOptions.CultureInvariant)]
    private static partial Regex FigoPhrase();

    // The letter of a group, glued ("IIIB"), after a hyphen ("IV-b") or, capital only, after a space ("III B"; a small
    // letter after a space is French "a", and "I B-cell" names a lymphoma). "is" belongs to stage 0 alone.
    private const string Letter =
        @"(?<let>is|[A-C](?![A-Za-z])|[a-c](?![A-Za-z]))|[-‑–](?<let>[A-Ca-c])(?![A-Za-z])|[ ](?<let>[A-C])(?![A-Za-z'’]|-?\s*[Cc]el|\s+[Ll]['’])|";

    // A stage label, then the TNM it sums up, then the group: "Stage: T2N1M0, IIB", "Stade pT1N2M0 (IIIA)".
    // OCR reads a zero as the letter O ("MO").
    [GeneratedRegex(
        @"(?<![\p{L}])(?:(?<sys>AJCC|UICC)\s+)?(?:stage|stade|stadification)(?:\s+(?:group(?:ing)?|final|finale|d[ée]finitif|pathologique|clinique|anatomique|pathologic(?:al)?|clinical))?\s*[:=]?\s*(?<tnm>(?:[ypcra]{0,3}T(?:is|[0-4Xx])[a-d]?[12]?)(?:\s*,?\s*[ypcra]{0,3}N[0-3OXx][a-c]?(?:\s*\([^)\n]{0,12}\))?)?(?:\s*,?\s*[ypcra]{0,3}M[01OXx][a-d]?)?)\s*(?:,\s*|(?<open>\()\s*|[=:→-]+\s*|(?:soit|i\.e\.|correspond\p{L}*\s+(?:à|to))\s+(?:(?:un|a|au)\s+)?(?:stage\s+|stade\s+)?)(?-i:(?<rom>IV|I{1,3}|[IlL]{2,3}|[Il](?=[A-C]))(?:" + Letter + @"))(?<num>[1-3])?(?![\p{L}\p{N}+])(?(open)\s*\))",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TnmThenGroup();

    // Another group right after this one makes it one choice of several: "I / II / III", "IIA/IIB", "IIA ou IIB".
    [GeneratedRegex(@"^\s*(?:[/|,–-]|\b(?:ou|or|vs\.?|versus|to|à)\b)\s*(?:stage\s*|stade\s*)?(?-i:(?:IV|I{1,3})(?:[A-C]\d?)?)(?![\p{L}\p{N}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OptionAfter();

    // "T Stage: 2 N Stage: 0 M Stage: 0" grades one TNM axis.
    [GeneratedRegex(@"(?<![\p{L}])[ycpra]{0,2}[TNM]\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TnmComponentBefore();

    // A condition the shared scope does not read: "en cas de stade IV", "in case of stage III".
    [GeneratedRegex(@"(?:en\s+cas\s+d[e'’]|in\s+(?:the\s+)?(?:case|event)\s+of|au\s+cas\s+o[uù])\s*(?:(?:un|une|a|an)\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConditionBefore();

    // Patients in general, as assay disclaimers and guidelines write: "prognosis in stage II, node positive breast
    // cancer patients", "patients with stage III disease", "les patientes de stade IV".
    [GeneratedRegex(@"^[^\n]{0,45}?\b(?:patients|patientes|women|femmes)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PopulationAfter();

    [GeneratedRegex(@"\b(?:patients|patientes|women|femmes)\s+(?:with|having|avec|atteint\p{L}*\s+d['’e]\p{L}*|de|en)\s+(?:\p{L}+\s+){0,3}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PopulationBefore();

    [GeneratedRegex(@"[.;!?](?:\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\G[.)][ \t]*\p{L}", RegexOptions.CultureInvariant)]
    private static partial Regex NumberedItem();

    [GeneratedRegex(@"(?:CKD|IRC|MRC|NYHA|GOLD|Tanner|Hoehn(?:\s+(?:and|&|et)\s+Yahr)?|fibros\w*|kidney(?:\s+disease)?|renal(?:\s+disease)?|r[ée]nale?(?:\s+chronique)?|maladie\s+r[ée]nale(?:\s+chronique)?|heart(?:\s+failure)?|cardiaque|hypertension|ulcer\w*|escarre|sleep|sommeil|lymph[oe]?d[eè]m\w*|METAVIR|Child(?:-Pugh)?|d[ée]nutrition|dementia|d[ée]mence|pressure\s+(?:injury|ulcer|sore)|trichrome\b[^.;\n]{0,25}?)[\s:,(-]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OtherDiseaseBefore();

    [GeneratedRegex(@"^[\s,)-]*(?:(?:de|of|du)\s+)?(?:\(?(?:CKD|IRC|MRC|NYHA)\b|chronic\s+kidney|kidney\s+disease|renal\s+(?:disease|failure|insufficiency)|maladie\s+r[ée]nale|insuffisance|hypertension|pressure\s+(?:ulcer|injury|sore)|escarre|sleep|fibrosis|lymph[oe]?d[eè]ma|heart\s+failure|of\s+(?:labou?r|life|the\s+(?:procedure|disease\s+course))|d[ée]mence|dementia|Hoehn|COPD|BPCO|d[ée]nutrition)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OtherDiseaseAfter();
}
