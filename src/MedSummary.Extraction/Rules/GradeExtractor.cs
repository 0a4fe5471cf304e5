using System.Text.RegularExpressions;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// Histologic grade: "Grade 2", "grade histopronostique de Elston-Ellis : II", "SBR III", "Nottingham grade 3",
/// "well differentiated (G1)", "moderately differentiated", "peu différencié", "Fuhrman nuclear grade 3",
/// "WHO grade IV", "Histologic grade: high grade".
/// </summary>
/// <remarks>
/// Normalized "G1".."G4". Differentiation maps well -> G1, moderately -> G2, poorly -> G3, undifferentiated -> G4;
/// ranges ("moderately to poorly", "grade 2-3", "G2/G3") are ambiguous and yield nothing. Two-tier systems
/// (urothelial, serous, endometrial) are kept as "high grade" / "low grade" when written as a grade
/// ("Histologic grade: high", "high-grade urothelial carcinoma"), never from "high-grade dysplasia", PIN or SIL.
/// Nuclear grades are not histologic grades (breast, DCIS) except Fuhrman / WHO-ISUP for renal carcinoma, which is
/// how kidney tumours are graded. Gleason and ISUP grade groups belong to the Gleason extractor; toxicity and other
/// non-tumour grades ("grade 3 neuropathy", "neutropénie grade 3", "CTCAE") are refused by nearby words.
/// </remarks>
public sealed partial class GradeExtractor : IFieldExtractor
{
    public IReadOnlyList<string> Fields { get; } = [ContractFields.Grade];

    public IEnumerable<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text;
        var taken = new List<TextSpan>();
        var findings = new List<Finding>();

        foreach (Match m in DifferentiationRange().Matches(text))
        {
            taken.Add(new TextSpan(m.Index, m.Index + m.Length));
        }

        // Nottingham / SBR totals and components: the sum decides the grade, and a stated total or grade that
        // disagrees with it leaves the passage unread (and keeps other patterns from reading a part of it).
        foreach (var pattern in new[] { ScoreTotal(), Components() })
        {
            foreach (Match m in pattern.Matches(text))
            {
                var span = new TextSpan(m.Index, m.Index + m.Length);
                if (taken.Any(t => t.Overlaps(span)))
                {
                    continue;
                }

                var grade = ScoreGrade(m);
                if (grade is null)
                {
                    taken.Add(span);
                    continue;
                }

                Add(m, grade, RuleConfidence.Explicit);
            }
        }

        foreach (Match m in TnmGrade().Matches(text))
        {
            var after = ReportContext.Slice(text, m.Index + m.Length, m.Index + m.Length + 20);
            var before = ReportContext.Slice(text, m.Index - 40, m.Index);
            if (TnmBefore().IsMatch(before) || TnmAfter().IsMatch(after))
            {
                var v = m.Groups["v"].Value.ToUpperInvariant();
                Add(m, v == "X" ? "GX" : "G" + v, RuleConfidence.Explicit - 0.02);
            }
        }

        foreach (Match m in NumericGrade().Matches(text))
        {
            var span = new TextSpan(m.Index, m.Index + m.Length);
            if (taken.Any(t => t.Overlaps(span)) || m.Groups["range"].Success)
            {
                continue;
            }

            var named = m.Groups["system"].Success || m.Groups["label"].Success;
            var grade = ParseGrade(m.Groups["v"].Value);
            if (grade is null || !Plausible(text, span, named, m.Groups["system"].Value))
            {
                continue;
            }

            if (m.Groups["of"].Success && ParseGrade(m.Groups["of"].Value) is { } of && string.CompareOrdinal(grade, of) > 0)
            {
                continue;
            }

            Add(m, grade, RuleConfidence.Explicit);
        }

        foreach (Match m in Differentiation().Matches(text))
        {
            var span = new TextSpan(m.Index, m.Index + m.Length);
            if (taken.Any(t => t.Overlaps(span)))
            {
                continue;
            }

            var word = m.Groups["d"].Value.ToLowerInvariant();
            var grade = word switch
            {
                "well" or "bien" or "bonne" or "good" => "G1",
                "moderately" or "moderate" or "moyennement" or "moyenne" or "intermediate" => "G2",
                "poorly" or "poor" or "peu" or "faible" or "mal" => "G3",
                "un" or "in" or "non" => "G4",
                _ => null,
            };
            if (grade is null || (m.Groups["g"].Success && "G" + m.Groups["g"].Value != grade))
            {
                continue;
            }

            // "with focal undifferentiated component", "areas of poorly differentiated": a part, not the grade.
            var before = ReportContext.Slice(text, span.Start - 25, span.Start);
            var after = ReportContext.Slice(text, span.End, span.End + 20);
            if (ComponentBefore().IsMatch(before) || ComponentAfter().IsMatch(after))
            {
                continue;
            }

            Add(m, grade, RuleConfidence.Explicit - 0.04);
        }

        foreach (Match m in TwoTier().Matches(text))
        {
            var span = new TextSpan(m.Index, m.Index + m.Length);
            if (taken.Any(t => t.Overlaps(span)))
            {
                continue;
            }

            var after = ReportContext.Slice(text, span.End, span.End + 40);
            if (NotTumourGradeAfter().IsMatch(after) && !m.Groups["label"].Success)
            {
                continue;
            }

            var high = m.Groups["h"].Value.StartsWith('h') || m.Groups["h"].Value.StartsWith('H');
            Add(m, high ? "high grade" : "low grade", RuleConfidence.Contextual);
        }

        return findings;

        void Add(Match m, string normalized, double confidence)
        {
            var span = new TextSpan(m.Index, m.Index + m.Length);
            if (taken.Any(t => t.Overlaps(span)) || ReportContext.IsChecklistOption(text, span.Start) || !ClinicalScope.IsAffirmed(text, span))
            {
                return;
            }

            taken.Add(span);
            findings.Add(new Finding(ContractFields.Grade, m.Value.Trim().TrimStart('(').TrimStart(), normalized, document.Id, span, confidence));
        }
    }

    private static bool Plausible(string text, TextSpan span, bool named, string system)
    {
        var before = ReportContext.Slice(text, span.Start - 35, span.Start);
        var after = ReportContext.Slice(text, span.End, span.End + 40);
        if (NotTumourGradeBefore().IsMatch(before) || NotTumourGradeAfter().IsMatch(after))
        {
            return false;
        }

        var nuclear = NuclearBefore().IsMatch(before + text[span.Start..span.End]);
        if (nuclear && !RenalSystem().IsMatch(system + " " + before))
        {
            return false;
        }

        if (named || NamedSystemBefore().IsMatch(before) || NamedSystemAfter().IsMatch(after)
            || LineLabel().IsMatch(ReportContext.Slice(text, span.Start - 20, span.End))
            || AloneOnLine(text, span))
        {
            return true;
        }

        // A bare "grade 2" counts only in a tumour statement.
        var clauseStart = ClinicalScope.PreWindow(text, span.Start);
        var clause = ReportContext.Slice(text, Math.Max(clauseStart, span.Start - 120), Math.Min(text.Length, span.End + 60));
        return ReportContext.HasTumourWord(clause);
    }

    /// <summary>A synoptic value line: "Grade 3" with nothing else on its line.</summary>
    private static bool AloneOnLine(string text, TextSpan span)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, span.Start - 1)) + 1;
        var lineEnd = text.IndexOf('\n', span.End);
        lineEnd = lineEnd < 0 ? text.Length : lineEnd;
        return string.IsNullOrWhiteSpace(text[lineStart..span.Start]) && string.IsNullOrWhiteSpace(text[span.End..lineEnd]);
    }

    /// <summary>
    /// The grade a Nottingham total or its three components give (3-5 -> G1, 6-7 -> G2, 8-9 -> G3), or null when the
    /// components, total and stated grade do not agree.
    /// </summary>
    private static string? ScoreGrade(Match m)
    {
        int? total = m.Groups["total"].Success ? int.Parse(m.Groups["total"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        if (m.Groups["a"].Success)
        {
            var sum = new[] { "a", "b", "c" }.Sum(g => m.Groups[g].Value[0] - '0');
            if (total is { } t && t != sum)
            {
                return null;
            }

            total = sum;
        }

        var grade = total switch
        {
            >= 3 and <= 5 => "G1",
            6 or 7 => "G2",
            8 or 9 => "G3",
            _ => null,
        };
        if (m.Groups["g"].Success && ParseGrade(m.Groups["g"].Value) is var stated && stated != grade && grade is not null)
        {
            return null;
        }

        return grade ?? (m.Groups["g"].Success ? ParseGrade(m.Groups["g"].Value) : null);
    }

    /// <summary>"2", "II", "G2", "ll" -> "G2"; null otherwise.</summary>
    internal static string? ParseGrade(string raw)
    {
        var v = raw.Trim().TrimStart('G', 'g').Replace('l', 'I').ToUpperInvariant();
        return v switch
        {
            "1" or "I" => "G1",
            "2" or "II" => "G2",
            "3" or "III" => "G3",
            "4" or "IV" => "G4",
            _ => null,
        };
    }

    [GeneratedRegex(
        @"(?<![\p{L}])(?:(?<label>histolog\w*\s+grade|tumou?r\s+grade|grade\s+histolog\w*|grade\s+histopronosti\w*|overall\s+grade|grade\s+(?:global|final))|(?<system>(?:(?:modified|overall)\s+)?\(?(?:Nottingham|Elston(?:[- ]|\s+et\s+|\s+and\s+)?Ellis|EE|SBR|Scarff[- ]Bloom[- ]Richardson|Bloom[- ]Richardson|FNCLCC|FIGO|WHO/ISUP|WHO|OMS|Fuhrman|ISUP)\)?(?:\s+modifi[ée]e?)?(?:\s+(?:histologic(?:al)?|nuclear|nucl[ée]aire|combined))?\s+grade)|(?<system>grade\s+(?:(?:histopronosti\w*|nucl[ée]aire)\s+)?(?:de\s+|d['’]|selon\s+(?:la\s+|le\s+)?)?(?:modifi[ée]\s+)?(?:Nottingham|Elston(?:[- ]|\s+et\s+|\s+and\s+)?Ellis|EE|SBR|Scarff[- ]Bloom[- ]Richardson|Bloom[- ]Richardson|FNCLCC|FIGO|WHO/ISUP|WHO|OMS|Fuhrman|ISUP)(?:\s+modifi[ée]e?)?)|(?<system>(?:Nottingham|SBR|Elston(?:[- ]|\s+et\s+)?Ellis|Scarff[- ]Bloom[- ]Richardson|EE))(?=[\s:])|grade)(?:\s*\([^)\n]{0,30}\))?\s*(?:(?:is|of|est|de|:|=|-|–)\s*)*(?<v>G?[1-4](?![0-9]|[.,]\d)|(?-i:IV|I{1,3}|ll?l?)(?![\p{L}]))(?<range>\s*(?:(?:-|–|to|à|ou|or)\s*G?|/\s*G)(?:[1-4]|(?-i:IV|I{1,3}))(?![0-9]))?(?:\s*\(?\s*(?:of|sur|/|out\s+of)\s*(?<of>[34]|(?-i:III|IV))\)?)?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumericGrade();

    private const string ScoreSystem =
        @"(?:Nottingham|(?:Scarff[- ])?Bloom[- ]Richardson|SBR|Elston(?:[- ]|\s+et\s+|\s+and\s+)?Ellis)";

    // "Nottingham score 7/9", "Score SBR 8 (3+3+2)", "SBR II (3+2+2)", "Score de Scarff-Bloom-Richardson : 9". A bare
    // number after the system is a total only from 5 up ("SBR 3" is a grade, read by NumericGrade).
    [GeneratedRegex(
        @"(?<![\p{L}])(?:score\s+(?:de\s+|d['’]\s*)?(?:" + ScoreSystem + @")(?:\s+modifi[ée])?\s*[:=]?\s*(?<total>[3-9])(?:\s*/\s*9|\s+(?:of|sur)\s+9)?|" + ScoreSystem + @"(?:\s+modifi[ée])?\s+(?:(?:histologic|total)\s+)?score\s*(?:of\s+|de\s+)?[:=]?\s*(?<total>[3-9])(?:\s*/\s*9|\s+(?:of|sur)\s+9)?|" + ScoreSystem + @"\s*[:=]?\s*(?:(?<total>[3-9])\s*/\s*9|(?<total>[5-9])(?=\s*\())|" + ScoreSystem + @"\s*[:=]?\s*(?:grade\s*)?(?<g>(?-i:III|II|I)|[1-3])(?=\s*\(\s*[1-3]\s*\+))(?![0-9])(?:\s*\(\s*(?<a>[1-3])\s*\+\s*(?<b>[1-3])\s*\+\s*(?<c>[1-3])\s*\))?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScoreTotal();

    // The three Nottingham components in order (tubules, nuclei, mitoses), English and French, with an optional total.
    [GeneratedRegex(
        @"(?<![\p{L}])(?:tubul\w*(?:\s+formation)?|formation\s+(?:tubulaire|glandulaire)|glandular\s+(?:\(acinar\)\s+)?(?:formation|differentiation)|diff[ée]renciation\s+glandulaire)\s*(?:score\s*)?[:=]?\s*(?<a>[1-3])(?![0-9])[\s,;./]+(?:nucl\w*(?:\s+pleomorphism)?|(?:nuclear\s+)?pleomorphism|pl[ée]omorphisme(?:\s+nucl[ée]aire)?|atypies?\s+nucl[ée]aires?|noyaux)\s*(?:score\s*)?[:=]?\s*(?<b>[1-3])(?![0-9])[\s,;./]+(?:and\s+|et\s+)?(?:mito\w*(?:\s+(?:count|rate|activity|index|score))?|nombre\s+de\s+mitoses|index\s+mitotique|activit[ée]\s+mitotique)\s*[:=]?\s*(?<c>[1-3])(?![0-9])(?:\s*(?:=|:)\s*(?<total>[3-9])(?![0-9])|\s*,?\s*(?:soit\s+(?:un\s+)?score\s+(?:de\s+)?|(?:for\s+a\s+)?total\s+(?:score\s+)?(?:of\s+)?[:=]?\s*|\(\s*total\s*[:=]?\s*)(?<total>[3-9])(?![0-9])\)?)?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Components();

    // "G2" as written in a TNM line ("pT2 N0 G2 L0"), never "G2P1" (obstetric) or a gene name.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?-i:G)(?<v>[1-4]|(?-i:X))(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex TnmGrade();

    [GeneratedRegex(@"(?<![\p{L}])(?:y|r|a)?[pc]?[TN](?:[0-4]|is|X)[a-d]?(?:\s*\([^)]{0,12}\))?[\s,;]+(?:(?:y|r|a)?[pc]?[NM](?:[0-3]|X)[a-c]?(?:\s*\([^)]{0,12}\))?[\s,;]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TnmBefore();

    [GeneratedRegex(@"^[\s,;]+(?:L[01X]|V[0-2X]|R[0-2X]|Pn[01X])(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex TnmAfter();

    [GeneratedRegex(
        @"(?<![\p{L}-])(?:(?<d>well|moderately|moderate|poorly|poor|bien|moyennement|peu)(?:\s*-\s*|\s+)?(?:differentiated|diff[ée]renci[ée]e?s?)|(?<d>un|in|non)[- ]?(?:differentiated|diff[ée]renci[ée]e?s?)|(?:differentiation|diff[ée]renciation)\s*[:=]\s*(?<d>well|good|moderate|intermediate|poor|bonne|moyenne|faible|mal))(?:\s*[,(]?\s*(?:grade\s*)?G?(?<g>[1-4])\s*\)?)?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Differentiation();

    [GeneratedRegex(
        @"(?<![\p{L}-])(?:well|moderately|moderate|poorly|poor|bien|moyennement|peu)(?:(?:\s*-\s*|\s+)?(?:differentiated|diff[ée]renci[ée]e?s?))?\s*(?:to|-|–|/|à|and|et|or|ou)\s*(?:well|moderately|moderate|poorly|poor|bien|moyennement|peu)(?:\s*-\s*|\s+)?(?:differentiated|diff[ée]renci[ée]e?s?)|\bG[1-4]\s*(?:-|/|to)\s*G?[1-4]\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DifferentiationRange();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:(?<label>(?:histolog\w*\s+|tumou?r\s+)?grade(?:\s+histologique)?\s*[:=]\s*)(?<h>high|low|haut|bas)(?:[- ]grade)?(?![\p{L}])|(?<h>high|low)[- ]grade(?=\s+(?:(?:invasive|infiltrating|papillary|non-?invasive)\s+)*(?:urothelial|transitional|serous|endometrioid|endometrial|carcinoma|adenocarcinoma|sarcoma|glioma|neuroendocrine|lesion|tumou?r))|(?:carcinoma|adenocarcinoma|sarcoma|carcinome|ad[ée]nocarcinome)\s*,\s*(?<h>high|low)[- ]grade(?![\p{L}-])|(?:carcinome|ad[ée]nocarcinome|tumeur)(?:\s+\p{L}+){0,3}?\s+de\s+(?<h>haut|bas)\s+grade)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TwoTier();

    [GeneratedRegex(
        @"(?<![\p{L}])(?:neutrop[ée]n\w*|thrombop[ée]n\w*|thrombocytop[ée]n\w*|leucop[ée]n\w*|leukop[ae]en\w*|lymphop[ée]n\w*|an[ée]mi\w*|an(?:a)?emi\w*|cystit\w*|rectit\w*|proctit\w*|pneumonit\w*|pneumopath\w*|colit\w*|hypothyro\w*|mucite|stomatit\w*|asth[ée]ni\w*|vomit\w*|vomiss\w*|naus[ée]\w*|alop[ée]ci\w*|dermatit\w*|radiodermit\w*|toxidermi\w*|[ée]ruption|f[ée]brile|kidney\s+injury|insuffisance\s+r[ée]nale|toxicit\w*|CTCAE|NCI|hepatit\w*|cirrhos\w*|architectur\w*|activity|activit[ée]|neuropath\w*|mucosit\w*|dysplas\w*|PIN|SIL|CIN|VIN|AIN|PanIN|reflux|esophagit\w*|oesophagit\w*|burn|br[ûu]lure|fibros\w*|steatos\w*|st[ée]atos\w*|inflammat\w*|Gleason|tumou?r\s+budding|budding|regression|r[ée]gression|Sandler|Dworak|Mandard|Ryan|Chevallier|gravid\w*|diastol\w*|encephalopath\w*|varice\w*|ob[ée]sit\w*|pain|douleur|dyspn\w*|nausea|diarrh\w*|fatigue|rash|lymph[oe]?d[eè]m\w*|hemorrhag\w*|h[ée]morrag\w*|grade\s+group|groupe\s+de\s+grade|intraepithelial|intra[ée]pith[ée]lial\w*|in\s+situ|DCIS|CCIS|adverse|effet|toxique)(?![\p{L}])[\s\p{P}]*(?:\p{L}+[\s\p{P}]*){0,2}$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotTumourGradeBefore();

    [GeneratedRegex(
        @"^[\s\p{P}]*(?:\p{L}+\s+){0,1}(?:neutrop[ée]n\w*|thrombop[ée]n\w*|thrombocytop[ée]n\w*|leucop[ée]n\w*|leukop[ae]en\w*|lymphop[ée]n\w*|an[ée]mi\w*|an(?:a)?emi\w*|cystit\w*|rectit\w*|proctit\w*|pneumonit\w*|pneumopath\w*|colit\w*|hypothyro\w*|mucite|stomatit\w*|asth[ée]ni\w*|vomit\w*|vomiss\w*|naus[ée]\w*|alop[ée]ci\w*|dermatit\w*|radiodermit\w*|toxidermi\w*|[ée]ruption|f[ée]brile|kidney\s+injury|insuffisance\s+r[ée]nale|Gleason|prostat\w*|toxicit\w*|neuropath\w*|mucosit\w*|dysplas\w*|PIN\b|SIL\b|CIN\b|intraepithelial|intra[ée]pith[ée]lial\w*|fibros\w*|steatos\w*|inflammat\w*|reflux|esophagit\w*|diarrh\w*|nausea|rash|fatigue|pain|douleur|adverse|tumou?r\s+budding|budding|regression|r[ée]gression|group|groupe|in\s+situ|DCIS|CCIS|ductal\s+carcinoma\s+in\s+situ|lymph[oe]?d[eè]m\w*)(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotTumourGradeAfter();

    [GeneratedRegex(@"(?:nuclear|nucl[ée]aire|cytonucl[ée]aire)\s*(?:grade)?[\s:]*(?:\p{L}+\s*)?$|nuclear\s+grade|grade\s+nucl[ée]aire", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NuclearBefore();

    [GeneratedRegex(@"(?:focal|focus|foci|areas?\s+of|component\s+of|minor|partly|partially|en\s+partie|focalement|contingent|zones?)\s*(?:\p{L}+\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ComponentBefore();

    [GeneratedRegex(@"^\s*(?:\p{L}+\s+)?(?:component|areas?|foci|focus|contingent|composante|zones?)(?![\p{L}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ComponentAfter();

    [GeneratedRegex(@"Nottingham|SBR|Elston|Scarff|histolog|diff[ée]renci|differentiat", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamedSystemBefore();

    [GeneratedRegex(@"^\s*\(\s*(?:Nottingham|SBR|Elston|Scarff|FIGO|Fuhrman|WHO|OMS|ISUP|FNCLCC)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamedSystemAfter();

    [GeneratedRegex(@"(?:^|\n)[ \t]*(?:[-•*]|[A-Z0-9][.)])?[ \t]*grade\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LineLabel();

    [GeneratedRegex(@"Fuhrman|ISUP|WHO|OMS", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RenalSystem();
}
