using System.Text.RegularExpressions;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;
using MedSummary.Extraction.Grounding.Text;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// Histologic type: "invasive ductal carcinoma", "carcinome canalaire infiltrant", "carcinome infiltrant de type non
/// spécifique (NST)", "adenocarcinoma", "squamous cell carcinoma", "serous carcinoma", "clear cell renal cell
/// carcinoma", "glioblastoma", "urothelial carcinoma", "hepatocellular carcinoma"...
/// </summary>
/// <remarks>
/// Normalized to <see cref="HistologyVocabulary"/>. Every affirmed mention is a finding; assembly then keeps the most
/// specific term when the others are its broader terms ("adenocarcinoma" and "acinar adenocarcinoma" agree). In situ
/// components ("with associated DCIS", "carcinoma in situ") are dropped from a document that also names an invasive
/// type, because the main type is the invasive one. Denied ("no evidence of malignancy", "negative for carcinoma",
/// "carcinoma: not identified"), hypothetical ("suspicious for", "to rule out", "favor"), family and past-history
/// mentions set nothing.
/// </remarks>
public sealed partial class HistologyExtractor : IFieldExtractor
{
    public IReadOnlyList<string> Fields { get; } = [ContractFields.Histology];

    public IEnumerable<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text;
        var vocabulary = HistologyVocabulary.Instance;
        var findings = new List<(Finding Finding, bool InSitu)>();

        foreach (Match m in vocabulary.Combined.Matches(text))
        {
            if (IsForeignAbbreviation(text, m, document.Language))
            {
                continue;
            }

            var entry = vocabulary.EntryOf(m);
            var span = new TextSpan(m.Index, m.Index + m.Length);
            var normalized = entry.Normalized;
            var inSitu = entry.InSitu;
            var trailing = InSituAfter().Match(text, span.End);
            if (!inSitu && trailing.Success && trailing.Index == span.End)
            {
                // "high-grade urothelial carcinoma in situ": the in situ form of whatever was named.
                span = new TextSpan(span.Start, span.End + trailing.Length);
                normalized = "carcinoma in situ";
                inSitu = true;
            }

            var before = ReportContext.Slice(text, span.Start - 25, span.Start);
            if (BenignBefore().IsMatch(before) || ReportContext.IsChecklistOption(text, span.Start) || !ClinicalScope.IsAffirmed(text, span)
                || IsAnsweredNo(text, span) || IsStainName(text, span) || IsProtocolTitle(text, span))
            {
                continue;
            }

            var confidence = normalized is "carcinoma" ? RuleConfidence.Contextual : RuleConfidence.Explicit - 0.04;
            findings.Add((new Finding(ContractFields.Histology, m.Value, normalized, document.Id, span, confidence), inSitu));
        }

        // A synoptic line may give the type by its qualifier alone: "Histologic type: ductal", "Type histologique :
        // canalaire". The noun is the label's; the value is read as the family the qualifier names.
        foreach (Match m in TypeQualifierValue().Matches(text))
        {
            var q = m.Groups["q"];
            var span = new TextSpan(q.Index, q.Index + q.Length);
            if (QualifiedType(q.Value) is not { } normalized || !ClinicalScope.IsAffirmed(text, span) || IsAnsweredNo(text, span))
            {
                continue;
            }

            findings.Add((new Finding(ContractFields.Histology, q.Value, normalized, document.Id, span, RuleConfidence.Contextual), false));
        }

        var hasInvasive = findings.Any(f => !f.InSitu);
        var kept = findings.Where(f => !(hasInvasive && f.InSitu)).Select(f => f.Finding).ToList();

        // A carcinosarcoma is described with its components ("serous carcinoma component", "heterologous
        // rhabdomyosarcoma"): they are parts of the one tumour, not other types beside it.
        if (kept.Any(f => f.Normalized == Carcinosarcoma))
        {
            kept = [.. kept.Where(f => vocabulary.IsSameOrBroader(f.Normalized, Carcinosarcoma))];
        }

        return kept;
    }

    /// <summary>The type a qualifier names when a "Histologic type:" line gives it alone, in <see cref="HistologyVocabulary"/> terms.</summary>
    private static string? QualifiedType(string qualifier)
    {
        var folded = TextFolding.FoldWords(qualifier);
        return QualifierTypes.FirstOrDefault(q => folded.StartsWith(q.Start, StringComparison.Ordinal)).Type;
    }

    // What each qualifier of TypeQualifierValue starts with once folded (lowercase, no accents), and its family's type.
    private static readonly (string Start, string Type)[] QualifierTypes =
    [
        ("ductal", "invasive ductal carcinoma"), ("canalaire", "invasive ductal carcinoma"),
        ("lobula", "invasive lobular carcinoma"),
        ("squamous", "squamous cell carcinoma"), ("epidermoide", "squamous cell carcinoma"),
        ("mucin", "mucinous adenocarcinoma"), ("colloide", "mucinous adenocarcinoma"),
        ("endometrio", "endometrioid carcinoma"),
        ("serous", "serous carcinoma"), ("sereu", "serous carcinoma"),
        ("clear", "clear cell carcinoma"), ("conventional", "clear cell carcinoma"),
        ("a cellules claires", "clear cell carcinoma"), ("cellules claires", "clear cell carcinoma"),
        ("papill", "papillary carcinoma"),
        ("chromophobe", "chromophobe renal cell carcinoma"),
        ("acin", "acinar adenocarcinoma"),
    ];

    private const string Carcinosarcoma = "carcinosarcoma";

    /// <summary>
    /// A type named in the title of a synoptic protocol, a heading that ends with its colon: "SYNOPTIC - PRIMARY UTERINE
    /// ENDOMETRIAL CARCINOMA &amp; CARCINOSARCOMA: HYSTERECTOMY", "Protocol for carcinoma of the colon:". The title names the
    /// tumours the template is for; the template's answers say which one this is.
    /// </summary>
    private static bool IsProtocolTitle(string text, TextSpan span) =>
        ProtocolBefore().IsMatch(ReportContext.Slice(text, span.Start - 90, span.Start))
        && HeadingColonAfter().IsMatch(ReportContext.Slice(text, span.End, span.End + 60));

    /// <summary>
    /// A type's name used as the name of an immunostain or antibody: "Pan melanoma", "melanoma stains (HMB-45)",
    /// "MELANOMA-E (HMB-45). NEGATIVE", "cocktail mélanome". It names what the stain looks for, not the tumour.
    /// </summary>
    private static bool IsStainName(string text, TextSpan span) =>
        StainBefore().IsMatch(ReportContext.Slice(text, span.Start - 12, span.Start))
        || StainAfter().IsMatch(ReportContext.Slice(text, span.End, span.End + 30));

    /// <summary>
    /// A type named as a checklist item answered in the negative, alone ("Squamous carcinoma: not applicable") or with
    /// the types coordinated after it ("Adenocarcinoma and squamous carcinoma: Not applicable", "Cholangiocarcinoma /
    /// adenocarcinoma component: no"): the item asks, the answer says no.
    /// </summary>
    private static bool IsAnsweredNo(string text, TextSpan span)
    {
        var end = span.End;
        var coordinated = CoordinatedItems().Match(text, end);
        if (coordinated.Success)
        {
            end = coordinated.Index + coordinated.Length;
        }

        return ValueContext.AnsweredNo(text, new TextSpan(span.Start, end)) is not null;
    }

    /// <summary>
    /// An abbreviation that does not name a type here: one only English reports use, read in a French document ("RCC"
    /// is "radiochimiothérapie concomitante" there, "SCC" a tumour marker), or one in parentheses after the words it
    /// abbreviates ("sarcome à cellules claires (SCC)"), which name the type themselves.
    /// </summary>
    internal static bool IsForeignAbbreviation(string text, Match match, string? language)
    {
        var value = match.Value;
        if (value.Length > 6 || !value.All(char.IsUpper))
        {
            return false;
        }

        if (string.Equals(language, "fr", StringComparison.OrdinalIgnoreCase) && EnglishOnly.Contains(value))
        {
            return true;
        }

        return match.Index > 0 && text[match.Index - 1] == '(' && match.Index + value.Length < text.Length && text[match.Index + value.Length] == ')';
    }

    private static readonly HashSet<string> EnglishOnly = new(StringComparer.Ordinal)
    {
        "RCC", "IDC", "ILC", "SCC", "BAC", "HCC", "BCC", "PDAC", "HGSC", "MTC", "MMMT",
    };

    [GeneratedRegex(@"\G\s*,?\s*in\s+situ(?![\p{L}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InSituAfter();

    [GeneratedRegex(@"(?:benign|b[ée]nin\w*|non[- ]?malignant|atypical|atypique|pseudo-?)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BenignBefore();

    // The rest of a checklist item's label after a type, up to the item's colon: other types joined to it, and a noun
    // the type qualifies ("adenocarcinoma component", "contingent épidermoïde").
    [GeneratedRegex(@"\G(?:[ \t]*(?:,|/|&|\band\b|\bor\b|\bet\b|\bou\b)[ \t]*\p{L}[\p{L} \t'’-]{0,40}?){0,3}(?:[ \t]+(?:components?|features?|differentiation|elements?|areas?|composantes?|contingents?|diff[ée]renciation))?(?=[ \t]*[)\]]?[ \t]*[:=–-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CoordinatedItems();

    // "Histologic type: ductal", "Tumor type: squamous cell.", "Type histologique : canalaire". Only a qualifier that ends
    // the value: a type written in full ("Histologic type: ductal carcinoma") is the vocabulary's.
    [GeneratedRegex(
        @"(?<![\p{L}])(?:histologic(?:al)?\s+type|tumou?r\s+type|type\s+histologique)\s*:\s*(?:(?:invasive|infiltrating|infiltrant|infiltrante)\s+)?(?<q>ductal|canalaire|lobular|lobulaire|squamous(?:\s+cell)?|[ée]pidermo[ïi]de|mucinous|mucineux|collo[ïi]de|endometrioid|endom[ée]trio[ïi]de|serous|s[ée]reux|clear[-\s]+cell|(?:[àa]\s+)?cellules\s+claires|conventional(?:[-\s]+\(?clear[-\s]+cell\)?)?|papillary|papillaire|chromophobe|acinar|acineux)(?=[ \t]*(?:[.,;(|/\n\r]|$))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TypeQualifierValue();

    [GeneratedRegex(@"(?:(?<![\p{L}])pan[- ]?|(?<![\p{L}])cocktail\s+|(?<![\p{L}])anti-)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StainBefore();

    [GeneratedRegex(@"^(?:-[A-Z0-9]{1,3}(?![\p{L}]))?[ \t]*(?:(?:immuno)?stains?|markers?|cocktail|antibod(?:y|ies)|anticorps|marqueurs?|\(\s*(?:HMB|melan|S-?100|SOX))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StainAfter();

    [GeneratedRegex(@"(?<![\p{L}])(?:synoptic|protocol|checklist|template|protocole|compte[- ]rendu\s+standardis[ée])(?![\p{L}])[^.:;\n]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProtocolBefore();

    [GeneratedRegex(@"^[^.:;\n]{0,50}:", RegexOptions.CultureInvariant)]
    private static partial Regex HeadingColonAfter();
}
