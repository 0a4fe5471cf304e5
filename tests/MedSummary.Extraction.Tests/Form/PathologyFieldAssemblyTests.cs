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
