using MedSummary.Core.Contract;
using MedSummary.Extraction.Rules;
using MedSummary.Testing.Documents;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

/// <summary>
/// A value is never taken from a legend, a range, an option list, a blank template, a definition list or a checklist
/// item answered no, in French or English: each phrasing (our own wording) goes through every rule extractor and
/// must give "not found" for the field, or exactly the value the text really states. Built from families of
/// phrasings crossed with the values a field can take, so that a rule written for one wording shows up as a failure.
/// </summary>
public sealed class NeverAValueTests
{
    private const string PT = ContractFields.PathologicT;
    private const string PN = ContractFields.PathologicN;
    private const string PM = ContractFields.PathologicM;
    private const string ER = ContractFields.ErStatus;
    private const string PR = ContractFields.PrStatus;
    private const string Her2 = ContractFields.Her2Status;

    private static readonly RuleExtractionEngine Engine = RuleExtractionEngine.CreateDefault();

    private static readonly (string Score, string Status)[] IhcScores =
        [("0", "negative"), ("1+", "negative"), ("2+", "equivocal"), ("3+", "positive")];

    /// <summary>text, language, field, the only value expected (null: nothing at all for that field).</summary>
    public static TheoryData<string, string, string, string?> Cases()
    {
        var data = new TheoryData<string, string, string, string?>();

        // 1. An IHC score written after its scale's legend is read as the score, never as the legend's end.
        string[] legendEn =
        [
            "HER2 protein expression (scored 0-3+): {0}",
            "HER2 immunostaining (scale 0 to 3+): {0}",
            "HER2 by IHC (0, 1+, 2+, 3+ scale) - result {0}",
            "HER2 (HercepTest, scored from 0 to 3+): {0}",
            "HER2 (0 to 3+ scale): {0}",
            "c-erbB-2 oncoprotein (scored 0-3+): {0}",
        ];
        string[] legendFr =
        [
            "Expression de HER2 (cotation de 0 à 3+) : {0}",
            "HER2 en immunohistochimie (score 0-3+) : {0}",
            "Score HER2 (échelle de 0 à 3+) : {0}",
            "HER2 (score de 0 à 3+) : {0}",
        ];
        foreach (var (score, status) in IhcScores)
        {
            foreach (var t in legendEn)
            {
                data.Add(string.Format(t, score), "en", Her2, status);
            }

            foreach (var t in legendFr)
            {
                data.Add(string.Format(t, score), "fr", Her2, status);
            }
        }

        // 2. A legend or a scale with no result states nothing.
        foreach (var (text, lang) in new[]
                 {
                     ("HER2 expression is scored on a scale of 0 to 3+.", "en"),
                     ("HER2 staining is graded 0, 1+, 2+ or 3+.", "en"),
                     ("Le score HER2 est coté de 0 à 3+.", "fr"),
                     ("HER2 : score de 0 à 3+ selon les recommandations.", "fr"),
                 })
        {
            data.Add(text, lang, Her2, null);
        }

        // 3. Checklist items answered in the negative.
        string[] answersEn = ["No", "Absent", "Not identified", "None", "Not present"];
        string[] answersFr = ["Non", "Absente", "Non identifiée", "Absent", "Non vue"];
        (string Item, string Category, string Key)[] itemsEn =
        [
            ("Tumour perforation", "pT4", PT), ("Visceral pleural invasion", "pT2a", PT),
            ("Invasion of adjacent organs", "pT4b", PT), ("Distant metastasis", "pM1", PM),
        ];
        (string Item, string Category, string Key)[] itemsFr =
        [
            ("Perforation tumorale", "pT4", PT), ("Envahissement de la séreuse", "pT4a", PT),
            ("Effraction capsulaire ganglionnaire", "pN1b", PN), ("Métastase à distance", "pM1", PM),
        ];
        foreach (var (item, category, key) in itemsEn)
        {
            foreach (var a in answersEn)
            {
                data.Add($"{item} ({category}): {a}", "en", key, null);
            }
        }

        foreach (var (item, category, key) in itemsFr)
        {
            foreach (var a in answersFr)
            {
                data.Add($"{item} ({category}) : {a}", "fr", key, null);
            }
        }

        // 4. The same checklist with a real answer elsewhere: only the stated category.
        data.Add("Tumour perforation (pT4): No. Primary tumour (pT): pT3.", "en", PT, "T3");
        data.Add("Perforation tumorale (pT4) : non. Tumeur primitive : pT3.", "fr", PT, "T3");
        data.Add("Distant metastasis (pM1): not identified. Regional lymph nodes: pN1a.", "en", PM, null);

        // 5. Perineural, vascular and lymphatic codes are not nodal categories.
        foreach (var (text, lang) in new[]
                 {
                     ("Perineural invasion (PN0).", "en"), ("Perineural invasion (Pn1).", "en"), ("Perineural invasion: PN1", "en"),
                     ("perineural spread (PN1), lymphovascular invasion (L1)", "en"),
                     ("Engainements périnerveux : PN1.", "fr"), ("Engainements péri-nerveux (PN0).", "fr"),
                     ("Invasion périnerveuse (Pn1), emboles vasculaires (V1).", "fr"),
                 })
        {
            data.Add(text, lang, PN, null);
        }

        data.Add("Perineural invasion (PN1); regional lymph nodes pN0 (0/14).", "en", PN, "N0");
        data.Add("Engainements périnerveux (PN1) ; ganglions : pN2a (5/18).", "fr", PN, "N2a");

        // 6. Lists of options printed in a template.
        foreach (var (text, lang, key) in new[]
                 {
                     ("Primary tumour: T4b / T4a / T3 / T2 / T1", "en", PT), ("pT category: pT1 | pT2 | pT3 | pT4", "en", PT),
                     ("Tumeur primitive : pT1 / pT2 / pT3 / pT4", "fr", PT), ("Regional nodes: pN0 / pN1 / pN2 / pN3", "en", PN),
                     ("Ganglions : pN0 | pN1 | pN2", "fr", PN), ("Distant metastasis: M0 or M1 (circle one)", "en", PM),
                     ("Métastases : M0 ou M1", "fr", PM), ("[ ] pT1  [ ] pT2  [ ] pT3  [ ] pT4", "en", PT),
                     ("Statut ER : [ ] positif  [ ] négatif", "fr", ER), ("ER status: [ ] positive [ ] negative", "en", ER),
                     ("ER status: positive / negative / not done", "en", ER), ("PR: positive / negative", "en", PR),
                     ("Statut RP : positif / négatif", "fr", PR), ("HER2: positive / negative / equivocal", "en", Her2),
                     ("HER2 IHC score: 0 / 1+ / 2+ / 3+", "en", Her2), ("HER2 : 0 / 1+ / 2+ / 3+", "fr", Her2),
                     ("HER2 : [ ] 0  [ ] 1+  [ ] 2+  [ ] 3+", "fr", Her2),
                 })
        {
            data.Add(text, lang, key, null);
        }

        // 7. A ticked box is the answer.
        data.Add("Regional nodes: [ ] pN0 [x] pN1 [ ] pN2", "en", PN, "N1");
        data.Add("HER2 : [ ] positif [x] négatif", "fr", Her2, "negative");
        data.Add("ER status: [x] positive [ ] negative", "en", ER, "positive");

        // 8. Definition lists of a synoptic template, with and without the chosen category.
        data.Add("pT1: Tumour 2 cm or less. pT2: Tumour more than 2 cm. pT3: Tumour more than 5 cm.", "en", PT, null);
        data.Add("pN0: No regional lymph node metastasis. pN1: Metastasis in 1-3 nodes. pN2: Metastasis in 4-9 nodes.", "en", PN, null);
        data.Add("pT1 : tumeur de 2 cm ou moins. pT2 : tumeur de plus de 2 cm. pT3 : tumeur de plus de 5 cm.", "fr", PT, null);
        data.Add("Primary tumour (pT): pT2: Tumour more than 2 cm but not more than 5 cm.", "en", PT, "T2");
        data.Add("Regional lymph nodes (pN): pN0: No regional lymph node metastasis.", "en", PN, "N0");

        // 8b. Plain-text exports keep a template's tick as a bare "x" before the chosen entry; colons may become periods.
        data.Add("Primary tumour (pT). pT1: Tumour 2 cm or less. x pT2: Tumour more than 2 cm, up to 5 cm. pT3: Tumour more than 5 cm. pT4: Locally advanced disease, invades the chest wall.", "en", PT, "T2");
        data.Add("Regional nodes (pN). pNX. Cannot be assessed. pN0: No regional node involved. pN1. Metastasis in one to three nodes. x. pN2a: Metastasis in four to nine nodes. pN3. Metastasis in ten or more nodes.", "en", PN, "N2a");
        data.Add("Distant metastasis (pM). x Not applicable. pM1: Distant metastasis, site to specify.", "en", PM, null);
        data.Add("Métastases à distance (pM). x Non applicable. pM1 : métastase à distance, préciser le site.", "fr", PM, null);
        data.Add("Tumeur primitive (pT). pT1 : tumeur de 2 cm ou moins. x pT3 : tumeur de plus de 5 cm. pT4 : maladie localement avancée.", "fr", PT, "T3");
        data.Add("Primary tumour (pT). x pT3: Tumour more than 4 cm. Regional lymph nodes (pN): pN1: Metastasis in a single node, 3 cm or less.", "en", PN, "N1");

        // 9. Cut-offs and definitions of receptor status.
        foreach (var (text, lang, key) in new[]
                 {
                     ("Reference ranges: ER/PR Negative <1%, Positive >=1%.", "en", ER),
                     ("Reference ranges: ER/PR Negative <1%, Positive >=1%.", "en", PR),
                     ("ER/PR positive is defined as an Allred score above 2.", "en", ER),
                     ("Interpretation: Negative < 1%; Positive >= 1% (ASCO/CAP).", "en", ER),
                     ("Seuils : RE négatif si < 1 %, positif si ≥ 1 %.", "fr", ER),
                     ("Le statut RP est positif si au moins 1 % des noyaux sont marqués.", "fr", PR),
                     ("HER2 score ranges: Negative <10.7, Equivocal 10.7-11.4, Positive >=11.5.", "en", Her2),
                 })
        {
            data.Add(text, lang, key, null);
        }

        data.Add("ER Score: 11 Positive. Interpretation: ER Negative < 6.5, Positive >= 6.5.", "en", ER, "positive");
        data.Add("RP : 0 % (négatif). Seuil : positif si ≥ 1 %.", "fr", PR, "negative");
        data.Add("HER2 scoring: Negative 0-1+, Equivocal 2+, Positive 3+.", "en", Her2, null);
        data.Add("HER2 : négatif 0-1+, équivoque 2+, positif 3+.", "fr", Her2, null);
        data.Add("HER2/CEP17 reference: ratio >= 2.0 is amplified.", "en", Her2, null);
        data.Add("HER2 IHC 1+. Known HER2 amplified control tissue was run in parallel.", "en", Her2, "negative");

        // 10. A test that could not be reported, or is only planned, states no status.
        foreach (var (text, lang) in new[]
                 {
                     ("HER2 status indeterminate.", "en"), ("HER2: indeterminate (poor fixation).", "en"),
                     ("HER2 IHC not reportable; result indeterminate.", "en"), ("HER2 : statut indéterminé.", "fr"),
                     ("HER2 : indéterminé (artefacts de fixation).", "fr"), ("If HER2 is 2+, FISH will be performed.", "en"),
                     ("Si HER2 3+, un traitement par trastuzumab sera discuté.", "fr"), ("HER2 testing pending.", "en"),
                     ("HER2 : en attente.", "fr"), ("HER2/neu has been ordered on the paraffin block.", "en"),
                 })
        {
            data.Add(text, lang, Her2, null);
        }

        // 11. Statements about someone else or hypotheses.
        data.Add("Her sister had an ER-positive breast cancer.", "en", ER, null);
        data.Add("Sa mère a eu un cancer du sein RE positif.", "fr", ER, null);
        data.Add("If pT3, adjuvant radiotherapy will be discussed.", "en", PT, null);
        data.Add("Antécédent familial : cancer du sein HER2 positif chez sa tante.", "fr", Her2, null);
        data.Add("His daughter's breast tumour was PR negative.", "en", PR, null);
        data.Add("Chez sa sœur, tumeur RE négative.", "fr", ER, null);
        data.Add("Regional lymph nodes: N0 / N1 / N2 / N3", "en", PN, null);
        data.Add("Tumour thickness (pT1 and pT2 tumours): 4 mm.", "en", PT, null);
        data.Add("Épaisseur tumorale (tumeurs pT1 et pT2) : 4 mm.", "fr", PT, null);
        data.Add("Although not reported as triple negative, the tumour was ER positive (5%).", "en", ER, "positive");

        // 12. A method's description is not a result.
        data.Add("HercepTest is an FDA-approved method for the assessment of HER2 protein overexpression.", "en", Her2, null);
        data.Add("La surexpression de HER2 est recherchée par immunohistochimie.", "fr", Her2, null);
        data.Add("HER2 protein overexpression: present (3+).", "en", Her2, "positive");
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reads_only_what_the_text_states(string text, string language, string key, string? expected)
    {
        var document = TestDocuments.FromText(text, language);
        var values = Engine.Extract(document).Where(f => f.FieldKey == key).Select(f => f.Normalized).Distinct().ToList();
        if (expected is null)
        {
            values.ShouldBeEmpty($"{key} in \"{text}\"");
        }
        else
        {
            values.ShouldBe([expected], $"{key} in \"{text}\"");
        }
    }

    [Fact]
    public void The_family_is_large_enough_to_catch_wording_rules() => Cases().Count().ShouldBeGreaterThanOrEqualTo(150);
}
