using MedSummary.Core.Provenance;
using MedSummary.Extraction.Grounding.Forms;
using MedSummary.Extraction.Grounding.Support;
using MedSummary.Extraction.Prompts;
using MedSummary.Testing.Documents;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Grounding;

/// <summary>Whether a quote's span supports a value, in French and English, from the span's own text.</summary>
public sealed class SupportCheckerTests
{
    private static readonly FormSchema Schema = FormSchemaLoader.Load(new EmbeddedPromptProvider());
    private static readonly SupportChecker Checker = new(Schema);

    private static Support Check(string key, string value, string text, string language = "fr")
    {
        var document = TestDocuments.FromText(text, language);
        var support = Checker.Check(Schema.Field(key)!, value, document, new TextSpan(0, text.Length));
        if (support.Holds)
        {
            // What is reported as written is the source's own text, inside the span.
            document.Slice(support.ValueSpan!.Value).ShouldBe(support.Written);
        }

        return support;
    }

    [Theory]
    [InlineData("er_status", "positive", "RE : 90 % (positifs), RP : 0 % (négatifs)", "fr")]
    [InlineData("pr_status", "negative", "RE : 90 % (positifs), RP : 0 % (négatifs)", "fr")]
    [InlineData("er_status", "positive", "Estrogen receptor: positive (95%), progesterone receptor: negative", "en")]
    [InlineData("pr_status", "negative", "Estrogen receptor: positive (95%), progesterone receptor: negative", "en")]
    [InlineData("her2_status", "negative", "HER2 score 2+, non amplifié en hybridation in situ : HER2 négatif", "fr")]
    [InlineData("her2_status", "positive", "HER2 3+ (overexpressed)", "en")]
    [InlineData("egfr_status", "wild-type", "Absence de mutation de l'EGFR.", "fr")]
    [InlineData("egfr_status", "mutated", "EGFR: exon 19 deletion, mutated.", "en")]
    [InlineData("brca_status", "wild-type", "Recherche de mutation BRCA1/2 négative", "fr")]
    [InlineData("msi_status", "mss", "MMR proteins retained (pMMR), microsatellite stable", "en")]
    [InlineData("sex", "female", "Patiente de 79 ans", "fr")]
    [InlineData("sex", "male", "75-year-old man with a cough", "en")]
    [InlineData("metastatic_sites", "liver", "Scanner : lésions secondaires hépatiques multiples", "fr")]
    [InlineData("metastatic_sites", "none", "no evidence of metastatic disease", "en")]
    [InlineData("disease_status", "no evidence of disease", "Pas de signe de récidive ni de progression.", "fr")]
    [InlineData("disease_status", "partial response", "partial response (RECIST 1.1)", "en")]
    [InlineData("grade", "G2", "carcinome canalaire infiltrant, grade II de Nottingham", "fr")]
    [InlineData("grade", "G3", "poorly differentiated adenocarcinoma", "en")]
    [InlineData("laterality", "left", "Biopsie du sein gauche", "fr")]
    [InlineData("histology", "invasive ductal carcinoma", "carcinome infiltrant de type non spécifique (canalaire)", "fr")]
    public void A_vocabulary_value_the_span_states_is_supported(string key, string value, string text, string language) =>
        Check(key, value, text, language).Holds.ShouldBeTrue();

    [Theory]
    [InlineData("er_status", "negative", "RE : 90 % (positifs), RP : 0 % (négatifs)", "another finding")]
    [InlineData("pr_status", "positive", "RE : 90 % (positifs), RP : 0 % (négatifs)", "another finding")]
    [InlineData("her2_status", "positive", "HER2 score 2+, non amplifié : négatif", "does not state")]
    [InlineData("egfr_status", "mutated", "Absence de mutation de l'EGFR.", "does not state")]
    [InlineData("kras_status", "mutated", "pas de mutation détectée du gène KRAS (codons 12, 13)", "")]
    [InlineData("egfr_status", "mutated", "Recherche de mutation EGFR en cours.", "not established")]
    [InlineData("kras_status", "mutated", "EGFR mutated; KRAS wild-type", "")]
    [InlineData("primary_site", "breast", "Antécédents familiaux : mère, cancer du sein.", "")]
    [InlineData("metastatic_sites", "bone", "pas de lésion osseuse suspecte", "denied")]
    [InlineData("disease_status", "progressive disease", "Pas de progression.", "denied")]
    [InlineData("grade", "G3", "neutropénie de grade 3", "something else")]
    [InlineData("laterality", "right", "fracture du poignet droit", "about")]
    [InlineData("laterality", "left", "lésions du sein gauche et du sein droit", "both")]
    [InlineData("sex", "male", "Patiente de 79 ans", "does not state")]
    [InlineData("histology", "adenocarcinoma", "Conclusion : carcinome canalaire infiltrant", "does not state")]
    [InlineData("er_status", "maybe", "RE positifs", "vocabulary")]
    public void A_vocabulary_value_the_span_does_not_state_for_this_field_is_refused(string key, string value, string text, string reason)
    {
        var support = Check(key, value, text);
        support.Holds.ShouldBeFalse();
        support.Reason.ShouldNotBeNull().ShouldContain(reason);
    }

    [Theory]
    [InlineData("pathologic_t", "T2", "Conclusion : pT2 pN0 (0/3)", true)]
    [InlineData("pathologic_n", "N2a", "Classification pathologique pT1cpN2a.", true)]
    [InlineData("pathologic_t", "T1c", "Classification pathologique pT1cpN2a.", true)]
    [InlineData("pathologic_n", "N0", "classification pT2 pNO (sn)", true)]
    [InlineData("pathologic_t", "T1", "Classification pathologique pT1cpN2a.", false)]
    [InlineData("pathologic_t", "T2", "classé cT2 cN1 cM0 au bilan initial", false)]
    [InlineData("clinical_n", "N1", "classé cT2 cN1 cM0 au bilan initial", true)]
    [InlineData("clinical_m", "M0", "classé cT2 N1 M0 au bilan initial", true)]
    [InlineData("clinical_t", "T3", "classé cT2 cN1 cM0", false)]
    public void Tnm_categories_must_be_written_with_a_compatible_prefix(string key, string value, string text, bool holds) =>
        Check(key, value, text).Holds.ShouldBe(holds);

    // A quote that holds the value's token only as a legend, an option or a denied checklist item does not support it.
    [Theory]
    [InlineData("pathologic_t", "T4", "Tumour perforation (pT4): No", "checklist item answered no")]
    [InlineData("pathologic_t", "T4", "Perforation tumorale (pT4) : non", "checklist item answered no")]
    [InlineData("pathologic_t", "T3", "Primary tumour: T4b / T4a / T3 / T2 / T1", "option")]
    [InlineData("pathologic_n", "N0", "Perineural invasion (PN0)", "N0")]
    [InlineData("pathologic_t", "T1", "pT1: Tumour 2 cm or less. pT2: Tumour more than 2 cm. pT3: Tumour more than 5 cm.", "option")]
    [InlineData("her2_status", "positive", "HER2 : [ ] positif [ ] négatif", "option")]
    [InlineData("er_status", "positive", "ER positive is defined as an Allred score above 2", "legend")]
    public void A_value_held_only_by_a_legend_an_option_or_a_denied_item_is_not_supported(string key, string value, string text, string reason)
    {
        var support = Check(key, value, text, text.Contains("Tumour", StringComparison.Ordinal) || text.Contains("ER ", StringComparison.Ordinal) || text.Contains("Perineural", StringComparison.Ordinal) ? "en" : "fr");
        support.Holds.ShouldBeFalse();
        support.Reason.ShouldNotBeNull().ShouldContain(reason);
    }

    [Theory]
    [InlineData("pathologic_n", "N0(i+)", "Sentinel node: pN0(i+) (0/2)", true)]
    [InlineData("pathologic_t", "Ta", "Non-invasive papillary carcinoma, pTa", true)]
    [InlineData("pathologic_t", "T1mi", "Microinvasion, pT1mi pN0", true)]
    [InlineData("pathologic_n", "N0", "Sentinel node: pN0(i+) (0/2)", false)]
    public void Tnm_values_mean_what_the_rules_mean(string key, string value, string text, bool holds) =>
        Check(key, value, text, "en").Holds.ShouldBe(holds);

    [Theory]
    [InlineData("ki67", "20%", "RE : 90 %, Ki-67 : 20 %", true)]
    [InlineData("ki67", "90%", "RE : 90 %, Ki-67 : 20 %", false)]
    [InlineData("ki67", "20%", "Ki-67 : 20", false)]
    [InlineData("pdl1_tps", "60%", "PD-L1 (22C3) tumour proportion score 60%", true)]
    [InlineData("psa_at_diagnosis", "5.6", "PSA total à 5,6 ng/mL", true)]
    [InlineData("psa_at_diagnosis", "56", "PSA total à 5,6 ng/mL", false)]
    [InlineData("age_at_diagnosis", "58", "Patiente de 58 ans", true)]
    [InlineData("age_at_diagnosis", "58", "Tumeur de 58 mm", false)]
    [InlineData("ecog", "1", "performance status (ECOG) à 1", true)]
    [InlineData("ecog", "7", "performance status (ECOG) à 7", false)]
    [InlineData("stage", "IIIA", "Stade anatomique IIIA.", true)]
    [InlineData("stage", "IIA", "Stade anatomique IIIA.", false)]
    [InlineData("gleason_score", "4+3=7", "score de Gleason 4 + 3 = 7", true)]
    [InlineData("gleason_score", "3+4=7", "score de Gleason 4 + 3 = 7", false)]
    [InlineData("icdo3_morphology", "8500/3", "Code CIM-O-3 : 8500/3", true)]
    [InlineData("icdo3_topography", "C50.4", "topographie C50.9", false)]
    public void Numbers_scores_stages_and_codes_must_be_written_about_the_field(string key, string value, string text, bool holds) =>
        Check(key, value, text).Holds.ShouldBe(holds);

    [Theory]
    [InlineData("2023-03-14", "Biopsie du sein gauche réalisée le 14/03/2023.", "fr", true)]
    [InlineData("2023-03-14", "microbiopsie du 14 mars 2023", "fr", true)]
    [InlineData("2023-03-14", "core biopsy on March 14, 2023", "en", true)]
    [InlineData("2023-03-14", "Biopsie du sein gauche réalisée le 14/03/23.", "fr", true)]
    [InlineData("2023-03-14", "Biopsie du sein gauche réalisée le 13/03/2023.", "fr", false)]
    [InlineData("2023-03-14", "Consultation du 14/03/2023.", "fr", false)]
    public void Dates_compare_by_value_whatever_their_format(string value, string text, string language, bool holds) =>
        Check("date_of_diagnosis", value, text, language).Holds.ShouldBe(holds);

    [Theory]
    [InlineData("diabète de type 2, hypertension artérielle", "Antécédents : diabète de type 2 et hypertension artérielle traitée.", true)]
    [InlineData("diabète de type 1", "Antécédents : diabète de type 2 et hypertension artérielle traitée.", false)]
    [InlineData("insuffisance cardiaque sévère", "Antécédents : diabète de type 2 et hypertension artérielle traitée.", false)]
    public void Free_text_must_take_its_words_and_numbers_from_the_span(string value, string text, bool holds) =>
        Check("comorbidities", value, text).Holds.ShouldBe(holds);
}
