using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Extraction.Form;
using MedSummary.Extraction.Rules;
using MedSummary.Testing.Documents;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Form;

/// <summary>How the dossier's documents combine for the patient and pathology fields the rules read.</summary>
public sealed class PathologyFieldAssemblyTests
{
    private readonly RuleExtractionEngine _engine = RuleExtractionEngine.CreateDefault();

    private FormResult Assemble(params SourceDocument[] documents)
    {
        var form = _engine.ExtractForm(documents, RuleExtractionEngine.FormKeys);
        CitationVerifier.VerifyAll(new DossierResult { Form = form }, documents.ToDictionary(d => d.Id)).ShouldBeEmpty();
        return form;
    }

    [Fact]
    public void Metastatic_sites_are_a_set_of_items_each_cited_and_a_site_outweighs_an_earlier_negative_staging()
    {
        var staging = TestDocuments.FromText("Bilan d'extension : pas de lésion secondaire à distance.", "fr", "scanner.txt");
        var pet = TestDocuments.FromText("PET-CT: hepatic metastases. New bone metastasis at T8.", "en", "pet.txt");
        var letter = TestDocuments.FromText("Staging shows hepatic metastases.", "en", "letter.txt");

        var sites = Assemble(staging, pet, letter).Fields[ExtensionFields.MetastaticSites];

        sites.Status.ShouldBe(FieldStatus.Found);
        sites.Normalized.ShouldBe("liver; bone");
        sites.Items!.Select(i => i.Normalized).ShouldBe(["liver", "bone"]);
        sites.Items![0].Citations.Select(c => c.FileName).ShouldBe(["pet.txt", "letter.txt"], ignoreOrder: true);
        sites.Items!.ShouldAllBe(i => i.Citations.All(c => c.Quote.Contains("metasta")));
    }

    [Fact]
    public void A_stated_absence_alone_is_the_value_none()
    {
        var staging = TestDocuments.FromText("Staging CT: no evidence of metastatic disease.", "en");

        var sites = Assemble(staging).Fields[ExtensionFields.MetastaticSites];

        sites.Status.ShouldBe(FieldStatus.Found);
        sites.Normalized.ShouldBe(MetastaticSiteExtractor.None);
        sites.Citations.ShouldHaveSingleItem().Quote.ShouldBe("no evidence of metastatic disease");
    }

    [Theory]
    [InlineData("fr", "Patient : DURAND Paul, né le 24/02/1942.\nDate du prélèvement : 10/02/2021.\nBiopsies prostatiques : adénocarcinome acinaire.", "Lyon, le 24/02/2021.\nJe vous adresse M. Durand, patient de 79 ans, pour un adénocarcinome de la prostate.")]
    [InlineData("en", "Patient: SMITH John. Date of birth: 1942-02-24.\nProstate biopsy performed on 10 February 2021: acinar adenocarcinoma.", "24 February 2021.\nI am referring Mr Smith, a 79-year-old man, with a prostate adenocarcinoma.")]
    public void An_age_stated_after_a_birthday_that_followed_the_diagnosis_is_not_the_age_at_diagnosis(string language, string pathology, string letter)
    {
        var report = TestDocuments.FromText(pathology, language, "pathology.txt");
        var referral = TestDocuments.FromText(letter, language, "letter.txt");

        var form = Assemble(report, referral);

        form.Fields[ContractFields.DateOfDiagnosis].ShouldSatisfyAllConditions(d => d.Status.ShouldBe(FieldStatus.Found, d.Reason), d => d.Normalized.ShouldBe("2021-02-10"));
        var age = form.Fields[ExtensionFields.AgeAtDiagnosis];
        age.Status.ShouldBe(FieldStatus.NotFound);
        age.Reason.ShouldNotBeNull().ShouldContain("78");

        // The same letter a year younger, or with no birth date in the dossier, states the age at diagnosis.
        var younger = TestDocuments.FromText(letter.Replace("79", "78", StringComparison.Ordinal), language, "letter.txt");
        Assemble(report, younger).Fields[ExtensionFields.AgeAtDiagnosis].Normalized.ShouldBe("78");
        var anonymous = TestDocuments.FromText(pathology[(pathology.IndexOf('\n', StringComparison.Ordinal) + 1)..], language, "pathology.txt");
        Assemble(anonymous, referral).Fields[ExtensionFields.AgeAtDiagnosis].Normalized.ShouldBe("79");
    }

    [Fact]
    public void The_youngest_age_along_the_follow_up_is_the_age_at_diagnosis_and_distant_ages_conflict()
    {
        var referral = TestDocuments.FromText("I am referring Mr W, a 60-year-old man.", "en", "referral.txt");
        var review = TestDocuments.FromText("This 61-year-old man is followed for a colon cancer.", "en", "review.txt");
        Assemble(referral, review).Fields[ExtensionFields.AgeAtDiagnosis].Normalized.ShouldBe("60");

        var misfiled = TestDocuments.FromText("Patiente de 34 ans.", "fr", "other.txt");
        Assemble(referral, review, misfiled).Fields[ExtensionFields.AgeAtDiagnosis].Status.ShouldBe(FieldStatus.Conflict);
    }

    [Fact]
    public void The_pathologists_tumour_size_outranks_the_imaging_estimate()
    {
        var imaging = TestDocuments.FromText("Mammographie : masse irrégulière de 18 mm.", "fr", "imagerie.txt");
        var pathology = TestDocuments.FromText(
            "Compte rendu d'anatomie pathologique\nMacroscopie : pièce de tumorectomie de 68 x 50 x 30 mm.\nMicroscopie : carcinome infiltrant mesurant 15 mm. Berges saines ; marge minimale 6 mm.\nGanglions : 0/11.",
            "fr", "anapath.txt");

        var form = Assemble(imaging, pathology);

        form.Fields[ExtensionFields.TumorSize].Normalized.ShouldBe("15");
        form.Fields[ExtensionFields.TumorSize].Citations.ShouldHaveSingleItem().FileName.ShouldBe("anapath.txt");
        form.Fields[ExtensionFields.Margins].Normalized.ShouldBe("R0");
        form.Fields[ExtensionFields.MarginDistance].Normalized.ShouldBe("6");
        form.Fields[ExtensionFields.NodesPositive].Normalized.ShouldBe("0");
        form.Fields[ExtensionFields.NodesExamined].Normalized.ShouldBe("11");
        form.Fields[ContractFields.PathologicN].Status.ShouldBe(FieldStatus.NotFound);
    }

    [Fact]
    public void Every_rule_key_is_present_even_when_nothing_states_it()
    {
        var form = Assemble(TestDocuments.FromText("Consultation de suivi. Examen clinique sans particularité.", "fr"));

        foreach (var key in RuleExtractionEngine.PathologyKeys)
        {
            form.Fields[key].Status.ShouldBe(FieldStatus.NotFound, key);
        }
    }
}
