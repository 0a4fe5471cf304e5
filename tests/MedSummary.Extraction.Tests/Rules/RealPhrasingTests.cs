using MedSummary.Core.Contract;
using MedSummary.Extraction.Rules;
using MedSummary.Testing.Documents;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

/// <summary>
/// The phrasing families other hospitals use and the extractors used to miss or misread, each in our own wording:
/// receptor statements in lists, tables and broken lines; HER2 results after a method's name; TNM in running text,
/// glued to a word, in OCR, in table cells turned into sentences.
/// </summary>
public sealed class RealPhrasingTests
{
    private static readonly RuleExtractionEngine Engine = RuleExtractionEngine.CreateDefault();

    public static TheoryData<string, string, string, string> Families => new()
    {
        // Receptors named without "receptor", or both at once.
        { "Estrogen: positive (90%). Progesterone: negative.", "en", ContractFields.ErStatus, "positive" },
        { "Estrogen: positive (90%). Progesterone: negative.", "en", ContractFields.PrStatus, "negative" },
        { "Oestrogènes : positifs. Progestérone : négatifs.", "fr", ContractFields.ErStatus, "positive" },
        { "ER/PR positive, HER2 negative.", "en", ContractFields.PrStatus, "positive" },
        { "Invasive cells are positive for estrogen and progesterone receptors.", "en", ContractFields.ErStatus, "positive" },
        { "Invasive cells are positive for estrogen and progesterone receptors.", "en", ContractFields.PrStatus, "positive" },
        { "Tumour cells are positive for ER and PR and negative for HER2.", "en", ContractFields.PrStatus, "positive" },
        { "Tumour cells are positive for ER and PR and negative for HER2.", "en", ContractFields.Her2Status, "negative" },
        { "The carcinoma is positive for ER, and negative for PR.", "en", ContractFields.PrStatus, "negative" },
        { "Cellules tumorales positives pour RE et RP.", "fr", ContractFields.ErStatus, "positive" },
        { "Hormone receptor studies for estrogen and progesterone receptors (ER/PR) are positive.", "en", ContractFields.PrStatus, "positive" },
        { "Triple negative carcinoma of no special type.", "en", ContractFields.ErStatus, "negative" },
        { "ER pos, PR neg.", "en", ContractFields.PrStatus, "negative" },
        { "ER: Allred score 7/8.", "en", ContractFields.ErStatus, "positive" },
        { "PR positive (H-score 160).", "en", ContractFields.PrStatus, "positive" },
        { "No progesterone receptors were detected in tumour nuclei.", "en", ContractFields.PrStatus, "negative" },
        { "Absence de récepteurs à la progestérone mis en évidence.", "fr", ContractFields.PrStatus, "negative" },
        { "PR: no nuclear staining.", "en", ContractFields.PrStatus, "negative" },
        { "Progesterone receptor: 0% positive cells.", "en", ContractFields.PrStatus, "negative" },
        { "Récepteurs à la progestérone : 0 % de cellules positives.", "fr", ContractFields.PrStatus, "negative" },
        { "Estrogen receptor: 70% positive cells, strong intensity.", "en", ContractFields.ErStatus, "positive" },

        // Table cells and broken lines read as sentences.
        { "MARKER. RESULT. Estrogen Receptor. Positive. 95 %. Progesterone Receptor. Negative. 0 %.", "en", ContractFields.ErStatus, "positive" },
        { "MARKER. RESULT. Estrogen Receptor. Positive. 95 %. Progesterone Receptor. Negative. 0 %.", "en", ContractFields.PrStatus, "negative" },
        { "Receptors          ER        Positive        80%", "en", ContractFields.ErStatus, "positive" },
        { "Estrogen receptor - positive, progesterone receptor - positive", "en", ContractFields.ErStatus, "positive" },
        { "Estrogen receptor: performed on the core biopsy. Results: reactive tumour cells present (40%).", "en", ContractFields.ErStatus, "positive" },

        // HER2 results after a method or a clone.
        { "HER2/neu (FISH): non-amplified (ratio 1.3).", "en", ContractFields.Her2Status, "negative" },
        { "HER2 (clone 4B5;. negative (1+).", "en", ContractFields.Her2Status, "negative" },
        { "HER2. Negative (0).", "en", ContractFields.Her2Status, "negative" },
        { "HER2 - performed on the biopsy: Results: Negative (score 0).", "en", ContractFields.Her2Status, "negative" },
        { "No amplification of the. HER-2/neu gene.", "en", ContractFields.Her2Status, "negative" },
        { "HER2-low (IHC 1+).", "en", ContractFields.Her2Status, "negative" },
        { "HER2 protein was stained with the 4B5 antibody. Negative reaction in the invasive cells (score 1+).", "en", ContractFields.Her2Status, "negative" },
        { "HER2 : immunomarquage réalisé avec l'anticorps 4B5. Score 3+, marquage membranaire complet.", "fr", ContractFields.Her2Status, "positive" },
        { "ER Positive 95%   PR Negative 0%", "en", ContractFields.PrStatus, "negative" },

        // TNM in running text, glued, OCR, table cells.
        { "She has a history of T2N0M0 breast cancer treated by lumpectomy.", "en", ContractFields.ClinicalT, "T2" },
        { "Surgical pathology: carcinoma, stageT2 N1.", "en", ContractFields.PathologicT, "T2" },
        { "Pathology report. Final staging: TO NO MO after complete response.", "en", ContractFields.PathologicN, "N0" },
        { "Surgical pathology report. Pathological T. T2. Pathological N. N1. Margins free.", "en", ContractFields.PathologicN, "N1" },
        { "Surgical pathology report. Grade 2. T Stage: 3 N Stage: 1 M Stage: 0.", "en", ContractFields.PathologicT, "T3" },
        { "Compte rendu anatomopathologique. Classification : pT3b, L1, pNO (0/10), G3, R0.", "fr", ContractFields.PathologicN, "N0" },
        { "Perineural invasion (PN1). Regional lymph nodes: pN2a (4/15).", "en", ContractFields.PathologicN, "N2a" },
        { "Surgical pathology report, margins free. Pathological staging (pTNM): T 3a. N: X.", "en", ContractFields.PathologicT, "T3a" },
        { "Surgical pathology report, margins free. Final stage: T2CN0MX.", "en", ContractFields.PathologicT, "T2c" },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void Reads_each_phrasing_family(string text, string language, string key, string expected)
    {
        var document = TestDocuments.FromText(text, language);
        var values = Engine.Extract(document).Where(f => f.FieldKey == key).Select(f => f.Normalized).Distinct().ToList();
        values.ShouldBe([expected], $"{key} in \"{text}\"");
    }

    [Fact]
    public void A_staging_sentence_deep_in_a_long_report_is_found()
    {
        var filler = string.Concat(Enumerable.Repeat("The specimen was sectioned and entirely submitted in cassettes A1 to A9. ", 120));
        var text = "SURGICAL PATHOLOGY REPORT\nGross description: received fresh.\n" + filler + "\nPathologic stage (AJCC 8th): pT3 pN1a M0.\n";
        var values = Engine.Extract(TestDocuments.FromText(text, "en")).Where(f => f.FieldKey == ContractFields.PathologicT).Select(f => f.Normalized).ToList();
        values.ShouldBe(["T3"]);
    }
}
