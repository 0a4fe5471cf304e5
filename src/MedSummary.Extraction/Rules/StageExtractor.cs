using System.Text.RegularExpressions;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// Overall stage group: "Stage IIB", "stade IIIA", "AJCC stage group: IIA", "FIGO IIIC1", "pathologic stage 2B".
/// </summary>
/// <remarks>
/// Normalized to the stage group alone in Roman numerals with its letter and digit: "0", "0is", "IA2", "IIB",
/// "IIIC1", "IVA". The staging system (AJCC, UICC, FIGO...) is not part of the normalized value (FIGO and AJCC groups
/// share the notation and the contract has one stage field); it stays in the value as written ("FIGO IIIC1") and in
/// <see cref="Finding.Note"/>. Arabic numerals are accepted only with a letter ("stage 2B") or after a named system
/// or "pathologic"/"clinical", because "stage 3" alone is as often chronic kidney disease or a pressure ulcer.
/// Stages of other diseases (CKD, NYHA, fibrosis, lymphoedema, pressure ulcers...) are refused by nearby words;
/// haematological stage systems (Ann Arbor) are cancer stages and kept.
/// </remarks>
public sealed partial class StageExtractor : IFieldExtractor
{
    public IReadOnlyList<string> Fields { get; } = [ContractFields.Stage];

    public IEnumerable<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text;
        var seen = new List<TextSpan>();
        foreach (var pattern in new[] { StagePhrase(), FigoPhrase() })
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
        @"(?<![\p{L}])(?:(?<sys>AJCC|UICC|FIGO|TNM|Ann\s+Arbor)(?:\s*/\s*(?:AJCC|UICC|FIGO|TNM))*\s*(?:\(?(?:\d{1,2}\s*(?:st|nd|rd|th|e|ème|è)?|\d{4})\s*(?:ed\.?|edition|édition)?\)?\s*)?)?(?:(?<qual>pathologic(?:al)?|clinical|anatomic(?:al)?|prognostic|overall|final|tumou?r|cancer|pathologique|clinique)\s+)?(?:stage|stade|stag[ée]|stadification)(?:\s+group(?:ing)?|\s+groupe)?(?:\s+(?<qual>pathologique|clinique|pTNM|AJCC|UICC|FIGO))?(?:\s*\((?:AJCC|UICC|FIGO|p?TNM)[^)\n]{0,20}\))?\s*(?:(?:is|de|:|=|-|–)\s*)*(?:FIGO\s*|AJCC\s*)?(?-i:(?<rom>IV|I{1,3}|[IlL]{2,3}|[Il](?=[A-C])|[0-4])(?<let>is|[A-C](?![A-Za-z])|[a-c](?![A-Za-z]))?)(?<num>[1-3])?(?![\p{L}\p{N}+])",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex StagePhrase();

    [GeneratedRegex(
        @"(?<![\p{L}])(?<sys>FIGO)\s*(?:\(?\d{4}\)?\s*)?[:=-]?\s*(?<rom>IV|I{1,3}|[IlL]{2,3}|[Il](?=[A-C]))(?<let>[A-C](?![A-Za-z])|[a-c](?![A-Za-z]))?(?<num>[1-3])?(?![\p{L}\p{N}+])",
        RegexOptions.CultureInvariant)]
    private static partial Regex FigoPhrase();

    [GeneratedRegex(@"(?:CKD|IRC|MRC|NYHA|GOLD|Tanner|Hoehn(?:\s+(?:and|&|et)\s+Yahr)?|fibros\w*|kidney(?:\s+disease)?|renal(?:\s+disease)?|r[ée]nale?(?:\s+chronique)?|maladie\s+r[ée]nale(?:\s+chronique)?|heart(?:\s+failure)?|cardiaque|hypertension|ulcer\w*|escarre|sleep|sommeil|lymph[oe]?d[eè]m\w*|METAVIR|Child(?:-Pugh)?|d[ée]nutrition|dementia|d[ée]mence|pressure\s+(?:injury|ulcer|sore))[\s:,-]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OtherDiseaseBefore();

    [GeneratedRegex(@"^[\s,)-]*(?:(?:de|of|du)\s+)?(?:\(?(?:CKD|IRC|MRC|NYHA)\b|chronic\s+kidney|kidney\s+disease|renal\s+(?:disease|failure|insufficiency)|maladie\s+r[ée]nale|insuffisance|hypertension|pressure\s+(?:ulcer|injury|sore)|escarre|sleep|fibrosis|lymph[oe]?d[eè]ma|heart\s+failure|of\s+(?:labou?r|life|the\s+(?:procedure|disease\s+course))|d[ée]mence|dementia|Hoehn|COPD|BPCO|d[ée]nutrition)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OtherDiseaseAfter();
}
