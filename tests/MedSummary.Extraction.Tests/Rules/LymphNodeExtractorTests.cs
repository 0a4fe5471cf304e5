using MedSummary.Extraction.Rules;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class LymphNodeExtractorTests
{
    private readonly LymphNodeExtractor _extractor = new();

    /// <summary>Text, language, positive count ("" when not stated), examined count ("" when not stated).</summary>
    public static TheoryData<string, string, string, string> Stated => new()
    {
        { "2/15 ganglions envahis.", "fr", "2", "15" },
        { "Metastatic carcinoma in 3 of 12 lymph nodes (3/12).", "en", "3", "12" },
        { "Curage axillaire : 0N+/14N.", "fr", "0", "14" },
        { "Stage pN1a (2/18).", "en", "2", "18" },
        { "Classification : pT1cpN2a (6/11).", "fr", "6", "11" },
        { "Pathology: pT4a, pN0 (0/25 nodes).", "en", "0", "25" },
        { "Nodes: 0/12", "en", "0", "12" },
        { "Ganglions : 6 ganglion(s) métastatique(s) sur 11 examiné(s).", "fr", "6", "11" },
        { "Lymph nodes: micrometastasis (< 2 mm) in 1 of 3 nodes.", "en", "1", "3" },
        { "Ganglion sentinelle : 1/2.", "fr", "1", "2" },
        { "Sentinel lymph node (0/1).", "en", "0", "1" },
        { "None of 14 lymph nodes contain tumour.", "en", "0", "14" },
        { "11 ganglions, tous indemnes.", "fr", "0", "11" },
        { "All 9 lymph nodes are negative for metastasis.", "en", "0", "9" },
        { "2 ganglions envahis sur 15 prélevés.", "fr", "2", "15" },
        { "Aucun des 12 ganglions n'est envahi.", "fr", "0", "12" },
        { "Two of 21 regional lymph nodes are involved.", "en", "2", "21" },
        { "Lymph nodes 4/17 positive.", "en", "4", "17" },
        { "pN2 (5/22 ganglions)", "fr", "5", "22" },
        { "1 ganglion métastatique sur 13 examinés.", "fr", "1", "13" },
        { "No metastasis in 16 lymph nodes.", "en", "0", "16" },
        { "0/3 sentinel nodes", "en", "0", "3" },
        { "ypN1 (1/10)", "en", "1", "10" },
        { "Curage ilio-obturateur : 0/8.", "fr", "0", "8" },
        { "Lymph nodes: 3 node(s) identified and embedded entirely.", "en", "", "3" },
        { "Prélèvement ganglionnaire : 11 ganglion(s) identifié(s).", "fr", "", "11" },
        { "Number of lymph nodes examined: 15", "en", "", "15" },
        { "Number of positive lymph nodes: 2", "en", "2", "" },
        { "Nombre de ganglions envahis : 3", "fr", "3", "" },
        { "Nombre de ganglions examinés : 19", "fr", "", "19" },
        { "3 positive lymph nodes.", "en", "3", "" },
        { "14 benign lymph nodes.", "en", "0", "14" },

        // Counts spelled out, and a fraction set apart by OCR spacing.
        { "Metastatic adenocarcinoma in two of seven hilar lymph nodes.", "en", "2", "7" },
        { "METASTATIC SQUAMOUS CELL CARCINOMA IN THREE OF FIFTEEN LYMPH NODES   (3/15).", "en", "3", "15" },
        { "One of twelve regional lymph nodes is involved.", "en", "1", "12" },
        { "None of the eleven axillary nodes show tumour.", "en", "0", "11" },
        { "Lymph nodes   (2/9), right level II.", "en", "2", "9" },
        { "SQUAMOUS CELL CARCINOMA IN THREE OF TWENTY- FOUR LYMPH NODES  \n(3/24), LEVELS 2 AND 3.", "en", "3", "24" },
        { "Micrométastase dans deux des neuf ganglions examinés.", "fr", "2", "9" },
        { "Envahissement de 3 des 12 ganglions du curage.", "fr", "3", "12" },
        { "Aucun des onze ganglions n'est envahi.", "fr", "0", "11" },
        { "Dix-sept ganglions examinés, un ganglion métastatique sur dix-sept.", "fr", "1", "17" },
    };

    public static TheoryData<string, string> NotANodeCount => new()
    {
        { "4 prélèvements positifs sur 14.", "fr" },
        { "Biopsies: 3/12 cores involved.", "en" },
        { "Mitoses 12/10 HPF.", "en" },
        { "Date: 12/03/2023", "en" },
        { "Gleason 3+4 in 2/6 cores.", "en" },
        { "If more than 3 of 10 nodes are positive, radiotherapy is indicated.", "en" },
        { "Her mother had 3 of 12 lymph nodes involved.", "en" },
        { "Tension artérielle 132/78 mmHg.", "fr" },
        { "Ki-67 2/10 fields.", "en" },
        { "Nodes: 5/3", "en" },
        { "Ganglions : ___ / ___", "fr" },
        { "Lymph nodes: 0-3 (N1), 4-9 (N2).", "en" },
        { "Two of seven biopsy cores contain carcinoma.", "en" },
        { "If two of ten nodes are involved, chemotherapy will be discussed.", "en" },
        { "Deux des neuf prélèvements sont positifs.", "fr" },
    };

    [Theory]
    [MemberData(nameof(Stated))]
    public void Reads_positive_and_examined_counts(string text, string language, string positive, string examined)
    {
        var (document, findings) = FindingAssert.Run(_extractor, text, language);
        Check(findings, ExtensionFields.NodesPositive, positive, text);
        Check(findings, ExtensionFields.NodesExamined, examined, text);
        findings.ShouldAllBe(f => document.Slice(f.Span).Contains(f.Value));
    }

    [Theory]
    [MemberData(nameof(NotANodeCount))]
    public void Reads_nothing_from_cores_dates_scores_conditions_or_relatives(string text, string language) =>
        FindingAssert.FindsNothingAtAll(_extractor, text, language);

    [Theory]
    [InlineData("Level II: metastatic carcinoma in one of three lymph nodes. Level III: two of nine nodes involved. Lymph nodes examined: 52. Lymph nodes involved: 3.", "en", "3", "52")]
    [InlineData("Right neck: one of four nodes positive; left neck: none of 11 nodes. Total: 1/15 lymph nodes.", "en", "1", "15")]
    [InlineData("Secteur II : un ganglion métastatique sur trois. Secteur III : 0/8. Nombre de ganglions examinés : 24. Nombre de ganglions envahis : 1.", "fr", "1", "24")]
    public void The_reports_total_answers_for_the_counts_per_part(string text, string language, string positive, string examined)
    {
        var (_, findings) = FindingAssert.Run(_extractor, text, language);
        Check(findings, ExtensionFields.NodesPositive, positive, text);
        Check(findings, ExtensionFields.NodesExamined, examined, text);
    }

    [Theory]
    [InlineData("Central compartment: three of three lymph nodes involved. Lateral neck: four of six lymph nodes (4/6).", "en")]
    [InlineData("Ganglion sentinelle : 1/2. Curage axillaire : 0/9.", "fr")]
    [InlineData("Lymph nodes: Number of sentinel lymph nodes examined: 3. Axillary dissection: 12 lymph nodes identified.", "en")]
    [InlineData("Total number of right sided lymph nodes examined: 31. Total number of left sided lymph nodes examined: 37.", "en")]
    [InlineData("Larynx: metastatic squamous cell carcinoma in three of 25 right neck nodes (3/25). Thyroid, incidental papillary microcarcinoma: number of regional lymph nodes examined: 4. Number of regional lymph nodes involved: 0.", "en")]
    public void Counts_per_part_without_a_total_are_not_added_up(string text, string language)
    {
        var (_, findings) = FindingAssert.Run(_extractor, text, language);
        findings.Where(f => f.FieldKey == ExtensionFields.NodesExamined).Select(f => f.Normalized).Distinct().Count().ShouldBe(2, text);
    }

    private static void Check(List<Finding> findings, string key, string expected, string text)
    {
        var values = findings.Where(f => f.FieldKey == key).Select(f => f.Normalized).Distinct().ToList();
        if (expected.Length == 0)
        {
            values.ShouldBeEmpty($"{key} in \"{text}\"");
        }
        else
        {
            values.ShouldBe([expected], $"{key} in \"{text}\"");
        }
    }
}
