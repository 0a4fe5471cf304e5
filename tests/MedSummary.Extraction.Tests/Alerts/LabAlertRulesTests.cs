using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Extraction.Alerts;
using MedSummary.Testing.Documents;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Alerts;

/// <summary>Lab alert rules in French and English: prose, tables, units, printed ranges, flags; one document each.</summary>
public sealed class LabAlertRulesTests
{
    // text, language, analyte, expected direction ("low"/"high") and value as written with a decimal point.
    public static TheoryData<string, string, string, string, string> Abnormal => new()
    {
        // Haemoglobin.
        { "Bilan du 02/05/2023 : Hb 8,2 g/dL.", "fr", "hemoglobin", "low", "8.2 g/dL" },
        { "Hémoglobine à 7,9 g/dL, transfusion de 2 CGR.", "fr", "hemoglobin", "low", "7.9 g/dL" },
        { "Anémie avec une hémoglobine de 9,4 g/dl.", "fr", "hemoglobin", "low", "9.4 g/dl" },
        { "Blood tests on 12/10/2023: haemoglobin 91 g/L, platelets 253 x10^9/L.", "en", "hemoglobin", "low", "91 g/L" },
        { "Hemoglobin of 8.8 g/dL on admission.", "en", "hemoglobin", "low", "8.8 g/dL" },
        { "Hgb 19.8 g/dL, polycythaemia suspected.", "en", "hemoglobin", "high", "19.8 g/dL" },
        { "Hb: 85 g/L", "en", "hemoglobin", "low", "85 g/L" },
        { "Hemoglobin\t9.0 g/dL\t13.0 - 17.0\tL", "en", "hemoglobin", "low", "9.0 g/dL" },
        { "Hémoglobine\t10,1 g/dL\t12,0 - 16,0\t*", "fr", "hemoglobin", "low", "10.1 g/dL" },
        { "Hb 7,5", "fr", "hemoglobin", "low", "7.5" },

        // Neutrophils.
        { "Polynucléaires neutrophiles 0,81 G/L", "fr", "neutrophils", "low", "0.81 G/L" },
        { "PNN à 0,4 G/L, aplasie fébrile.", "fr", "neutrophils", "low", "0.4 G/L" },
        { "PNN 900/mm3 le jour de la cure.", "fr", "neutrophils", "low", "900 /mm3" },
        { "Neutrophiles : 1 200 /mm3.", "fr", "neutrophils", "low", "1 200 /mm3" },
        { "ANC 0.71 x10^9/L; delay by one week.", "en", "neutrophils", "low", "0.71 x10^9/L" },
        { "Neutrophils 0.49 K/uL", "en", "neutrophils", "low", "0.49 K/uL" },
        { "Absolute neutrophil count 0.6 x 10^9/L.", "en", "neutrophils", "low", "0.6 x 10^9/L" },
        { "Neutrophils\t0.97 x10^9/L\t1.80 - 7.50\tlow", "en", "neutrophils", "low", "0.97 x10^9/L" },
        { "neutrophils were 0.5 10^3/µL", "en", "neutrophils", "low", "0.5 10^3/µL" },

        // Leukocytes.
        { "Leucocytes 1,9 G/L", "fr", "leukocytes", "low", "1.9 G/L" },
        { "Globules blancs à 25,3 G/L.", "fr", "leukocytes", "high", "25.3 G/L" },
        { "GB 2,1 G/L", "fr", "leukocytes", "low", "2.1 G/L" },
        { "WBC 2.2 x10^9/L", "en", "leukocytes", "low", "2.2 x10^9/L" },
        { "White cell count\t1.4 x10^9/L\t4.0 - 10.0\tL", "en", "leukocytes", "low", "1.4 x10^9/L" },

        // Platelets.
        { "Plaquettes 53 G/L", "fr", "platelets", "low", "53 G/L" },
        { "Thrombopénie à 45 000/mm3.", "fr", "platelets", "low", "45 000 /mm3" },
        { "plaquettes à 620 G/L", "fr", "platelets", "high", "620 G/L" },
        { "Platelets 87 x10^9/L", "en", "platelets", "low", "87 x10^9/L" },
        { "PLT 42 K/uL", "en", "platelets", "low", "42 K/uL" },
        { "Platelet count: 60 x10^9/L.", "en", "platelets", "low", "60 x10^9/L" },

        // Creatinine and eGFR.
        { "Créatinine 152 µmol/L", "fr", "creatinine", "high", "152 µmol/L" },
        { "créatininémie à 180 µmol/l", "fr", "creatinine", "high", "180 µmol/l" },
        { "Creatinine 1.9 mg/dL", "en", "creatinine", "high", "1.9 mg/dL" },
        { "Serum creatinine was 210 umol/L.", "en", "creatinine", "high", "210 umol/L" },
        { "Créatinine\t160 µmol/L\t45 - 90\tH", "fr", "creatinine", "high", "160 µmol/L" },
        { "DFG 32 mL/min/1,73m²", "fr", "gfr", "low", "32 mL/min/1,73m²" },
        { "DFG (CKD-EPI)\t41 mL/min/1,73m²\t> 90", "fr", "gfr", "low", "41 mL/min/1,73m²" },
        { "Clairance de la créatinine à 38 mL/min.", "fr", "gfr", "low", "38 mL/min" },
        { "eGFR 28 mL/min/1.73m2", "en", "gfr", "low", "28 mL/min/1.73m2" },
        { "Estimated glomerular filtration rate 45 mL/min/1.73 m2.", "en", "gfr", "low", "45 mL/min/1.73 m2" },

        // Bilirubin and transaminases.
        { "Bilirubine totale 48 µmol/L", "fr", "bilirubin", "high", "48 µmol/L" },
        { "Total bilirubin 3.1 mg/dL", "en", "bilirubin", "high", "3.1 mg/dL" },
        { "Bilirubin\t40 µmol/L\t3 - 17\tH", "en", "bilirubin", "high", "40 µmol/L" },
        { "ALAT 245 UI/L", "fr", "alt", "high", "245 UI/L" },
        { "Transaminases ALAT (TGP) 180 UI/L", "fr", "alt", "high", "180 UI/L" },
        { "ALT 290 U/L", "en", "alt", "high", "290 U/L" },
        { "SGPT 150 IU/L", "en", "alt", "high", "150 IU/L" },
        { "ASAT à 130 UI/L", "fr", "ast", "high", "130 UI/L" },
        { "TGO 98 UI/l", "fr", "ast", "high", "98 UI/l" },
        { "AST\t210 U/L\t10 - 35\thigh", "en", "ast", "high", "210 U/L" },

        // Calcium, potassium, sodium.
        { "Calcémie corrigée 3,05 mmol/L", "fr", "calcium", "high", "3.05 mmol/L" },
        { "calcémie à 1,85 mmol/L", "fr", "calcium", "low", "1.85 mmol/L" },
        { "Corrected calcium 12.4 mg/dL", "en", "calcium", "high", "12.4 mg/dL" },
        { "Adjusted calcium\t2.95 mmol/L\t2.20 - 2.60\tH", "en", "calcium", "high", "2.95 mmol/L" },
        { "Kaliémie 6,2 mmol/L", "fr", "potassium", "high", "6.2 mmol/L" },
        { "K+ 2,8 mmol/L", "fr", "potassium", "low", "2.8 mmol/L" },
        { "Potassium 2.9 mmol/L", "en", "potassium", "low", "2.9 mmol/L" },
        { "K 6.1 mmol/L", "en", "potassium", "high", "6.1 mmol/L" },
        { "Potassium 5.9 mEq/L", "en", "potassium", "high", "5.9 mEq/L" },
        { "Natrémie 125 mmol/L", "fr", "sodium", "low", "125 mmol/L" },
        { "Na 128 mmol/L", "en", "sodium", "low", "128 mmol/L" },
        { "Sodium\t122 mmol/L\t136 - 145\tL", "en", "sodium", "low", "122 mmol/L" },
    };

    // Values that must not raise an alert: normal ones, and abnormal-looking numbers that are not results.
    public static TheoryData<string, string> NoAlert => new()
    {
        { "Hémoglobine 13,4 g/dL", "fr" },
        { "Hb 14.2 g/dL, PNN 3,2 G/L, plaquettes 250 G/L.", "fr" },
        { "Haemoglobin\t144 g/L\t130 - 170", "en" },
        { "Neutrophils\t6.15 x10^9/L\t1.80 - 7.50", "en" },
        { "Créatinine 67 µmol/L, DFG 97 mL/min/1,73m².", "fr" },
        { "Kaliémie 4,1 mmol/L ; natrémie 140 mmol/L.", "fr" },
        { "ALAT 21 UI/L, ASAT 25 UI/L, bilirubine totale 9 µmol/L.", "fr" },
        { "Calcium 2.37 mmol/L", "en" },
        { "Blood tests on 08/11/2023: unremarkable.", "en" },
        { "Pas d'anémie : hémoglobine 8,2 g/dL non retrouvée.", "fr" },
        { "No neutropenia; neutrophils 0.5 x10^9/L was not observed.", "en" },
        { "Si PNN < 1,5 G/L, reporter la cure d'une semaine.", "fr" },
        { "If neutrophils are below 1.0 x10^9/L, delay the next cycle.", "en" },
        { "Objectif : Hb 10 g/dL après transfusion.", "fr" },
        { "Target haemoglobin 10 g/dL.", "en" },
        { "Sa mère avait une hémoglobine à 8 g/dL.", "fr" },
        { "Valeurs de référence : Hb 12-16 g/dL.", "fr" },
        { "Neutrophiles 65 %", "fr" },
        { "Potassium chloride 600 mg twice daily.", "en" },
        { "HbA1c 8,2 %", "fr" },
        { "Mutation de l'EGFR 19 exon deletion.", "fr" },
        { "CA 15-3 45 U/mL", "en" },
        { "Calcium 500 mg/vitamin D 400 IU daily.", "en" },
    };

    [Theory]
    [MemberData(nameof(Abnormal))]
    public void An_abnormal_value_raises_one_cited_alert_about_its_analyte(string text, string language, string analyte, string direction, string value)
    {
        var document = TestDocuments.FromText(text, language);

        var alerts = Alerts(document, PatientSex.Unknown).Where(a => a.Kind == AlertKinds.LabAbnormal).ToList();

        var alert = alerts.ShouldHaveSingleItem();
        alert.About.ShouldBe(analyte);
        alert.Direction.ShouldBe(direction);
        alert.Value.ShouldBe(value);
        alert.Severity.ShouldNotBeNull().ShouldBeOneOf("info", "warning", "critical");
        alert.Citations.ShouldNotBeEmpty();
        alert.Citations.ShouldAllBe(c => CitationVerifier.Check(c, Docs(document)) == null);
        alert.Citations[0].Quote.Replace('\t', ' ').ShouldContain(value.Split(' ')[0].Replace('.', language == "fr" ? ',' : '.'));
    }

    [Theory]
    [MemberData(nameof(NoAlert))]
    public void Normal_negated_hypothetical_and_non_result_values_raise_no_lab_alert(string text, string language)
    {
        var document = TestDocuments.FromText(text, language);

        Alerts(document, PatientSex.Unknown).Where(a => a.Kind == AlertKinds.LabAbnormal).ShouldBeEmpty();
    }

    [Fact]
    public void The_range_printed_by_the_laboratory_wins_over_the_built_in_one()
    {
        // 12.5 g/dL is normal for a woman by the built-in range but below this laboratory's printed range.
        var document = TestDocuments.FromText("Hémoglobine\t12,5 g/dL\t13,0 - 17,0", "fr");

        var alert = Alerts(document, PatientSex.Female).ShouldHaveSingleItem();
        alert.Message.ShouldContain("laboratory reference 13.0 - 17.0");
    }

    [Fact]
    public void Sex_specific_ranges_apply_only_when_the_sex_is_known()
    {
        var document = TestDocuments.FromText("Hb 12,6 g/dL", "fr");

        Alerts(document, PatientSex.Male).ShouldHaveSingleItem().Direction.ShouldBe("low");
        Alerts(document, PatientSex.Female).ShouldBeEmpty();
        Alerts(document, PatientSex.Unknown).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("PNN 1,6 G/L", "info")]
    [InlineData("PNN 1,2 G/L", "warning")]
    [InlineData("PNN 0,4 G/L", "critical")]
    [InlineData("Plaquettes 90 G/L", "info")]
    [InlineData("Plaquettes 60 G/L", "warning")]
    [InlineData("Plaquettes 30 G/L", "critical")]
    [InlineData("ALAT 80 UI/L", "info")]
    [InlineData("ALAT 150 UI/L", "warning")]
    [InlineData("ALAT 300 UI/L", "critical")]
    [InlineData("Créatinine 120 µmol/L", "info")]
    [InlineData("Créatinine 200 µmol/L", "warning")]
    [InlineData("Créatinine 400 µmol/L", "critical")]
    [InlineData("Kaliémie 6,5 mmol/L", "critical")]
    public void Severity_follows_ctcae_like_thresholds(string text, string severity)
    {
        var document = TestDocuments.FromText(text, "fr");

        Alerts(document, PatientSex.Male).ShouldHaveSingleItem().Severity.ShouldBe(severity);
    }

    [Fact]
    public void One_alert_per_analyte_about_its_most_recent_abnormal_result_cited_wherever_printed()
    {
        var lab = TestDocuments.Create(
            ["Prélèvement du 02/03/2023\nHémoglobine\t9,1 g/dL\t12,0 - 16,0\t*\n\nPrélèvement du 28/01/2023\nHémoglobine\t7,6 g/dL\t12,0 - 16,0\t*\n"],
            "fr",
            "bilan.pdf");
        var letter = TestDocuments.Create(["Consultation du 05/03/2023. Bilan du 02/03/2023 : Hb 9,1 g/dL."], "fr", "consultation.pdf");

        var alert = Alerts([lab, letter], PatientSex.Female).ShouldHaveSingleItem();

        alert.Value.ShouldBe("9.1 g/dL");
        alert.Date.ShouldBe("2023-03-02");
        alert.Severity.ShouldBe("critical");
        alert.Message.ShouldContain("Worst: 7.6 g/dL on 2023-01-28");
        alert.Citations.Select(c => c.FileName).ShouldBe(["bilan.pdf", "consultation.pdf", "bilan.pdf"]);
    }

    [Fact]
    public void A_later_normal_result_is_named_and_the_alert_becomes_information()
    {
        var lab = TestDocuments.FromText(
            "Sample collected 20/11/2023\nNeutrophils\t4.82 x10^9/L\t1.80 - 7.50\n\nSample collected 12/10/2023\nNeutrophils\t0.97 x10^9/L\t1.80 - 7.50\tL\n", "en");

        var alert = Alerts(lab, PatientSex.Male).ShouldHaveSingleItem();

        alert.Date.ShouldBe("2023-10-12");
        alert.Severity.ShouldBe("info");
        alert.Message.ShouldContain("A later result is within range: 4.82 x10^9/L on 2023-11-20");
    }

    [Fact]
    public void The_minimum_severity_option_drops_milder_alerts()
    {
        var document = TestDocuments.FromText("Plaquettes 90 G/L ; PNN 0,4 G/L", "fr");
        var detector = new ClinicalAlertDetector(MedSummary.Extraction.Rules.RuleExtractionEngine.CreateDefault(), Microsoft.Extensions.Options.Options.Create(new AlertOptions { MinimumLabSeverity = "warning" }));

        var alerts = detector.Detect([document], EmptyForm());

        alerts.ShouldHaveSingleItem().About.ShouldBe("neutrophils");
    }

    [Fact]
    public void Invalid_options_fail_with_the_setting_named()
    {
        var ex = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            new ClinicalAlertDetector(MedSummary.Extraction.Rules.RuleExtractionEngine.CreateDefault(), Microsoft.Extensions.Options.Options.Create(new AlertOptions { MinimumLabSeverity = "severe" })));

        ex.Message.ShouldContain("MedSummary:Alerts:MinimumLabSeverity");
    }

    private static IReadOnlyList<ClinicalAlert> Alerts(SourceDocument document, PatientSex sex) => Alerts([document], sex);

    private static IReadOnlyList<ClinicalAlert> Alerts(IReadOnlyList<SourceDocument> documents, PatientSex sex)
    {
        var measurements = documents.SelectMany(d => LabValueExtractor.Extract(d)).ToList();
        var byId = documents.ToDictionary(d => d.Id, StringComparer.Ordinal);
        return LabAlertBuilder.Build(measurements, byId, sex, new AlertOptions());
    }

    private static Dictionary<string, SourceDocument> Docs(SourceDocument document) => new(StringComparer.Ordinal) { [document.Id] = document };

    private static FormResult EmptyForm() => new() { Fields = ContractFields.Required.ToDictionary(k => k, _ => FieldResult.NotFound(), StringComparer.Ordinal) };
}
