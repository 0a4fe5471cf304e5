using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Gold;
using MedSummary.Core.Provenance;
using MedSummary.Extraction.Form;
using MedSummary.Extraction.Rules;
using MedSummary.Testing.Documents;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Form;

public sealed class FormAssemblerTests
{
    private readonly RuleExtractionEngine _engine = RuleExtractionEngine.CreateDefault();

    private FormResult Assemble(IReadOnlyList<SourceDocument> documents, IReadOnlyList<string>? keys = null)
    {
        var form = _engine.ExtractForm(documents, keys);
        AssertCitationsVerify(form, documents);
        return form;
    }

    private static void AssertCitationsVerify(FormResult form, IReadOnlyList<SourceDocument> documents)
    {
        var result = new DossierResult { Form = form };
        var byId = documents.ToDictionary(d => d.Id);
        CitationVerifier.VerifyAll(result, byId).ShouldBeEmpty();
    }

    [Fact]
    public void The_same_value_in_two_reports_is_found_with_both_citations_and_more_confidence()
    {
        var biopsy = TestDocuments.FromText("Biopsy: invasive carcinoma. Final stage pT2a pN0.", "en", "biopsy.txt");
        var resection = TestDocuments.FromText("Resection report.\nTNM: pT2a pN0 (0/14) M0", "en", "resection.txt");

        var both = Assemble([biopsy, resection]);
        var single = Assemble([biopsy]);

        var t = both.Fields[ContractFields.PathologicT];
        t.Status.ShouldBe(FieldStatus.Found);
        t.Normalized.ShouldBe("T2a");
        t.Value.ShouldBe("pT2a");
        t.Source.ShouldBe(FieldSource.Rule);
        t.Citations.Select(c => c.FileName).ShouldBe(["biopsy.txt", "resection.txt"], ignoreOrder: true);
        t.Citations.ShouldAllBe(c => c.Quote.Contains("pT2a"));
        t.Confidence.ShouldBeGreaterThan(single.Fields[ContractFields.PathologicT].Confidence);
    }

    [Fact]
    public void Different_values_are_a_conflict_with_each_candidate_cited()
    {
        var first = TestDocuments.FromText("Core biopsy. ER: positive (90%).", "en", "a.txt");
        var second = TestDocuments.FromText("Review. ER: negative (0%).", "en", "b.txt");

        var er = Assemble([first, second]).Fields[ContractFields.ErStatus];

        er.Status.ShouldBe(FieldStatus.Conflict);
        er.Value.ShouldBeNull();
        er.Normalized.ShouldBeNull();
        er.Confidence.ShouldBe(0);
        er.Candidates.ShouldNotBeNull();
        er.Candidates.Select(c => c.Normalized).ShouldBe(["positive", "negative"], ignoreOrder: true);
        er.Candidates.Single(c => c.Normalized == "positive").Citations.ShouldHaveSingleItem().FileName.ShouldBe("a.txt");
        er.Candidates.Single(c => c.Normalized == "negative").Citations.ShouldHaveSingleItem().FileName.ShouldBe("b.txt");
        er.Citations.Select(c => c.FileName).ShouldBe(["a.txt", "b.txt"], ignoreOrder: true);
        er.Reason.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Every_requested_key_is_present_and_absent_values_are_not_found()
    {
        var document = TestDocuments.FromText("Invasive ductal carcinoma of the left breast, grade 2.", "en");
        string[] keys = [.. ContractFields.Required, ExtensionFields.ErPercent];

        var form = Assemble([document], keys);

        form.Fields.Keys.ShouldBe(keys, ignoreOrder: true);
        form.Fields[ContractFields.Histology].Normalized.ShouldBe("invasive ductal carcinoma");
        form.Fields[ContractFields.Laterality].Normalized.ShouldBe("left");
        form.Fields[ContractFields.Grade].Normalized.ShouldBe("G2");
        foreach (var key in new[] { ContractFields.GleasonScore, ContractFields.Her2Status, ContractFields.DateOfDiagnosis, ExtensionFields.ErPercent })
        {
            var field = form.Fields[key];
            field.Status.ShouldBe(FieldStatus.NotFound);
            field.Value.ShouldBeNull();
            field.Source.ShouldBeNull();
            field.Citations.ShouldBeEmpty();
        }
    }

    [Fact]
    public void A_coarse_statement_supports_the_finer_one()
    {
        var a = TestDocuments.FromText("Stage pT2 N0.", "en", "a.txt");
        var b = TestDocuments.FromText("Synoptic: pT2a pN0.", "en", "b.txt");

        var t = Assemble([a, b]).Fields[ContractFields.PathologicT];

        t.Status.ShouldBe(FieldStatus.Found);
        t.Normalized.ShouldBe("T2a");
        t.Citations.Select(c => c.FileName).ShouldBe(["b.txt", "a.txt"]);
    }

    [Fact]
    public void Biopsy_and_resection_percentages_agree_on_the_status()
    {
        var biopsy = TestDocuments.FromText("ER: positive (90%).", "en", "biopsy.txt");
        var surgery = TestDocuments.FromText("ER: positive (95%).", "en", "surgery.txt");

        var form = Assemble([biopsy, surgery], [ContractFields.ErStatus, ExtensionFields.ErPercent]);

        form.Fields[ContractFields.ErStatus].Status.ShouldBe(FieldStatus.Found);
        form.Fields[ContractFields.ErStatus].Normalized.ShouldBe("positive");
        form.Fields[ExtensionFields.ErPercent].Status.ShouldBe(FieldStatus.Conflict);
    }

    [Fact]
    public void Without_a_stated_date_the_earliest_sampling_date_is_the_diagnosis()
    {
        var biopsy = TestDocuments.FromText("Date du prélèvement : 12/03/2023. Carcinome.", "fr", "biopsie.txt");
        var surgery = TestDocuments.FromText("Date of surgery: 2023-04-20.", "en", "surgery.txt");

        var both = Assemble([surgery, biopsy]).Fields[ContractFields.DateOfDiagnosis];
        var alone = Assemble([biopsy]).Fields[ContractFields.DateOfDiagnosis];

        both.Status.ShouldBe(FieldStatus.Found);
        both.Normalized.ShouldBe("2023-03-12");
        both.Citations.ShouldHaveSingleItem().FileName.ShouldBe("biopsie.txt");
        both.Confidence.ShouldBeLessThan(alone.Confidence);
    }

    public static TheoryData<string, string, string, string> SameDayBothWays => new()
    {
        // A letter's "06/04/2023" read month first, a report's "6 April 2023": one day, written two ways.
        { "Breast cancer diagnosed on 06/04/2023, referred for a second opinion.", "en", "Date of sampling: 6 April 2023. Invasive ductal carcinoma.", "2023-04-06" },
        { "Prostate adenocarcinoma diagnosed 08/05/2024.", "en", "Biopsy taken on 8 May 2024: acinar adenocarcinoma.", "2024-05-08" },
        { "Lung adenocarcinoma, diagnosis date 11/09/2023.", "en", "Sample collected 2023-09-11; adenocarcinoma.", "2023-09-11" },
        { "Cancer du rectum diagnostiqué le 03/09/2022.", "fr", "Biopsies du 3 septembre 2022 : adénocarcinome.", "2022-09-03" },
    };

    [Theory]
    [MemberData(nameof(SameDayBothWays))]
    public void An_ambiguous_numeric_date_is_the_day_another_passage_writes_unambiguously(string letterText, string language, string reportText, string iso)
    {
        var letter = TestDocuments.FromText(letterText, language, "letter.txt");
        var report = TestDocuments.FromText(reportText, "en", "pathology.txt");

        var date = Assemble([letter, report]).Fields[ContractFields.DateOfDiagnosis];

        date.Status.ShouldBe(FieldStatus.Found);
        date.Normalized.ShouldBe(iso);
    }

    [Fact]
    public void Two_different_unambiguous_dates_stay_apart_whatever_their_digits()
    {
        // 13/04 cannot be read the other way: a stated date of 13 April and a sampling on 4 December do not merge.
        var letter = TestDocuments.FromText("Breast cancer diagnosed on 13/04/2023.", "en", "letter.txt");
        var report = TestDocuments.FromText("Date of sampling: 4 December 2023.", "en", "pathology.txt");

        var date = Assemble([letter, report]).Fields[ContractFields.DateOfDiagnosis];

        date.Normalized.ShouldBe("2023-04-13");
    }

    [Fact]
    public void A_stated_diagnosis_date_is_refined_by_a_matching_sampling_date_and_wins_over_others()
    {
        var letter = TestDocuments.FromText("Cancer du sein diagnostiqué en mars 2023.", "fr", "lettre.txt");
        var biopsy = TestDocuments.FromText("Biopsy performed on 2023-03-12.", "en", "biopsy.txt");
        var older = TestDocuments.FromText("Date of biopsy: 2022-11-02 (benign).", "en", "older.txt");

        var date = Assemble([letter, biopsy, older]).Fields[ContractFields.DateOfDiagnosis];

        date.Status.ShouldBe(FieldStatus.Found);
        date.Normalized.ShouldBe("2023-03-12");
        date.Citations.Select(c => c.FileName).ShouldBe(["biopsy.txt", "lettre.txt"], ignoreOrder: true);
    }

    [Fact]
    public void Two_stated_diagnosis_dates_that_disagree_are_a_conflict()
    {
        var a = TestDocuments.FromText("Date of diagnosis: 2021-05-04", "en", "a.txt");
        var b = TestDocuments.FromText("Date de diagnostic : 14/09/2022", "fr", "b.txt");

        Assemble([a, b]).Fields[ContractFields.DateOfDiagnosis].Status.ShouldBe(FieldStatus.Conflict);
    }

    [Fact]
    public void An_ish_result_in_a_later_report_resolves_an_equivocal_ihc()
    {
        var ihc = TestDocuments.FromText("HER2 (IHC): 2+ (equivocal).", "en", "ihc.txt");
        var fish = TestDocuments.FromText("FISH: HER2 gene amplified, HER2/CEP17 ratio 2.8.", "en", "fish.txt");

        var her2 = Assemble([ihc, fish]).Fields[ContractFields.Her2Status];
        var alone = Assemble([ihc]).Fields[ContractFields.Her2Status];

        her2.Status.ShouldBe(FieldStatus.Found);
        her2.Normalized.ShouldBe("positive");
        her2.Citations.ShouldAllBe(c => c.FileName == "fish.txt");
        alone.Normalized.ShouldBe("equivocal");
    }

    [Fact]
    public void An_in_situ_component_is_not_a_conflict_with_the_invasive_type()
    {
        var biopsy = TestDocuments.FromText("Ductal carcinoma in situ, high grade.", "en", "biopsy.txt");
        var surgery = TestDocuments.FromText("Invasive ductal carcinoma, 2.1 cm.", "en", "surgery.txt");

        var histology = Assemble([biopsy, surgery]).Fields[ContractFields.Histology];

        histology.Status.ShouldBe(FieldStatus.Found);
        histology.Normalized.ShouldBe("invasive ductal carcinoma");
    }

    [Fact]
    public void Citations_are_capped_and_spread_across_documents()
    {
        var documents = Enumerable.Range(1, 8)
            .Select(i => TestDocuments.FromText($"Report {i}: pT1c pN0. Restated pT1c.", "en", $"r{i}.txt"))
            .ToList();

        var t = Assemble(documents).Fields[ContractFields.PathologicT];

        t.Citations.Count.ShouldBe(5);
        t.Citations.Select(c => c.DocumentId).Distinct().Count().ShouldBe(5);
        t.Confidence.ShouldBeLessThanOrEqualTo(0.99);
    }

    [Fact]
    public void The_cap_follows_the_options()
    {
        var engine = RuleExtractionEngine.CreateDefault(new RuleExtractionOptions { MaxCitationsPerField = 2 });
        var documents = Enumerable.Range(1, 4).Select(i => TestDocuments.FromText($"R{i} pT3 pN1", "en", $"r{i}.txt")).ToList();

        engine.ExtractForm(documents).Fields[ContractFields.PathologicT].Citations.Count.ShouldBe(2);
    }

    [Fact]
    public void A_value_on_page_two_is_cited_on_page_two()
    {
        var document = TestDocuments.FromPages("Page one: clinical history.", "Page two: Gleason score 3+4=7.");

        var gleason = Assemble([document]).Fields[ContractFields.GleasonScore];

        gleason.Normalized.ShouldBe("3+4=7");
        gleason.Citations.ShouldHaveSingleItem().Page.ShouldBe(2);
    }

    [Fact]
    public void A_span_across_two_pages_gives_one_citation_per_page()
    {
        var document = TestDocuments.FromPages("Final stage pT2", "N0 after review.");
        var end = document.Text.IndexOf("N0", StringComparison.Ordinal) + 2;
        var finding = new Finding(ContractFields.PathologicT, "pT2", "T2", document.Id, new TextSpan(12, end), 0.9);

        var form = new FormAssembler().Assemble([finding], [document], [ContractFields.PathologicT]);

        var citations = form.Fields[ContractFields.PathologicT].Citations;
        citations.Select(c => c.Page).ShouldBe([1, 2]);
        AssertCitationsVerify(form, [document]);
    }

    [Fact]
    public void One_sided_and_bilateral_mentions_agree_on_bilateral()
    {
        var a = TestDocuments.FromText("Carcinoma of the left ovary.", "en", "a.txt");
        var b = TestDocuments.FromText("Serous carcinoma involving both ovaries.", "en", "b.txt");

        Assemble([a, b]).Fields[ContractFields.Laterality].Normalized.ShouldBe("bilateral");
    }

    [Fact]
    public void Laterality_of_an_organ_that_is_not_the_primary_site_is_dropped()
    {
        var uterine = TestDocuments.FromText(
            "Endometrioid adenocarcinoma of the endometrium, FIGO grade 2. Right ovary involved by carcinoma.", "en", "uterus.txt");
        var ovarian = TestDocuments.FromText("Serous carcinoma of the right ovary.", "en", "ovary.txt");

        var dropped = Assemble([uterine]);
        dropped.Fields[ContractFields.PrimarySite].Normalized.ShouldBe("endometrium");
        dropped.Fields[ContractFields.Laterality].Status.ShouldBe(FieldStatus.NotFound);

        Assemble([ovarian]).Fields[ContractFields.Laterality].Normalized.ShouldBe("right");
    }

    [Fact]
    public void A_core_side_of_a_prostate_biopsy_is_not_a_laterality()
    {
        var prostate = TestDocuments.FromText(
            "Prostate biopsies. Right base: acinar adenocarcinoma of the prostate, Gleason 3+4=7.", "en", "biopsy.txt");
        var breast = TestDocuments.FromText("Right base of the breast: invasive carcinoma of the right breast.", "en", "breast.txt");

        var form = Assemble([prostate]);
        form.Fields[ContractFields.PrimarySite].Normalized.ShouldBe("prostate");
        form.Fields[ContractFields.Laterality].Status.ShouldBe(FieldStatus.NotFound);

        Assemble([breast]).Fields[ContractFields.Laterality].Normalized.ShouldBe("right");
    }

    [Theory]
    [InlineData("Radical prostatectomy: acinar adenocarcinoma of the prostate, Gleason 3+4=7, involving both the left and right lobes.", "en")]
    [InlineData("Prostatectomie radicale : adénocarcinome prostatique, score de Gleason 7, atteignant les lobes droit et gauche. Tumeur bilatérale.", "fr")]
    public void A_prostate_carcinoma_in_both_lobes_is_bilateral(string text, string language)
    {
        var form = Assemble([TestDocuments.FromText(text, language, "rp.txt")]);

        form.Fields[ContractFields.PrimarySite].Normalized.ShouldBe("prostate");
        form.Fields[ContractFields.Laterality].Normalized.ShouldBe("bilateral");
    }

    [Fact]
    public void Left_and_right_from_different_reports_are_a_conflict()
    {
        var a = TestDocuments.FromText("Carcinoma of the left breast.", "en", "a.txt");
        var b = TestDocuments.FromText("Carcinoma of the right breast.", "en", "b.txt");

        Assemble([a, b]).Fields[ContractFields.Laterality].Status.ShouldBe(FieldStatus.Conflict);
    }

    [Fact]
    public void A_finding_of_an_unknown_document_is_refused()
    {
        var document = TestDocuments.FromText("pT2", "en");
        var stray = new Finding(ContractFields.PathologicT, "pT2", "T2", "not-a-document", new TextSpan(0, 3), 0.9);

        Should.Throw<ArgumentException>(() => new FormAssembler().Assemble([stray], [document], [ContractFields.PathologicT]));
    }

    [Fact]
    public void Invalid_options_are_refused_with_their_name()
    {
        var error = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(
            () => new FormAssembler(new RuleExtractionOptions { MaxCitationsPerField = 0 }));
        error.Message.ShouldContain("MaxCitationsPerField");
    }

    [Fact]
    public void The_most_recent_report_decides_the_performance_status_and_two_grades_of_one_day_conflict()
    {
        var first = TestDocuments.FromText("Consultation du 12/09/2023.\nPatient autonome, PS 0.", "fr", "c1.txt");
        var later = TestDocuments.FromText("Consultation du 20/03/2024.\nAsthénie, PS 2 ; Karnofsky 60 %.", "fr", "c2.txt");
        var sameDay = TestDocuments.FromText("Note du 20/03/2024 : ECOG 1.", "fr", "c3.txt");

        var form = Assemble([later, first], [GoldFields.Ecog, ExtensionFields.Karnofsky]);
        var ecog = form.Fields[GoldFields.Ecog];
        ecog.Status.ShouldBe(FieldStatus.Found);
        ecog.Normalized.ShouldBe("2");
        ecog.Citations.ShouldAllBe(c => c.DocumentId == later.Id);
        form.Fields[ExtensionFields.Karnofsky].Normalized.ShouldBe("60");

        var conflict = Assemble([first, later, sameDay], [GoldFields.Ecog]).Fields[GoldFields.Ecog];
        conflict.Status.ShouldBe(FieldStatus.Conflict);
        conflict.Candidates!.Select(c => c.Normalized).ShouldBe(["1", "2"], ignoreOrder: true);
    }

    [Fact]
    public void Reports_naming_some_or_all_of_the_lost_mmr_proteins_agree()
    {
        var biopsy = TestDocuments.FromText("Biopsie : perte d'expression de MLH1.", "fr", "b.txt");
        var resection = TestDocuments.FromText("Resection: loss of MLH1 and PMS2 expression (dMMR).", "en", "r.txt");

        var form = Assemble([biopsy, resection], [ExtensionFields.MmrLostProteins, GoldFields.MsiStatus]);

        form.Fields[ExtensionFields.MmrLostProteins].Normalized.ShouldBe("MLH1/PMS2");
        form.Fields[ExtensionFields.MmrLostProteins].Citations.Select(c => c.DocumentId).Distinct().Count().ShouldBe(2);
        form.Fields[GoldFields.MsiStatus].Normalized.ShouldBe("msi-h");
    }
}
