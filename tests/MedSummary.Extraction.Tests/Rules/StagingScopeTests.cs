using MedSummary.Core.Contract;
using MedSummary.Extraction.Rules;
using MedSummary.Testing.Documents;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

/// <summary>
/// A report that stages twice: a revision replaces what it revises, and the staging of an incidental second primary
/// (labelled with its organ) leaves the form of the coded primary. Every other double staging stays a conflict.
/// </summary>
public sealed class StagingScopeTests
{
    private static readonly RuleExtractionEngine Engine = RuleExtractionEngine.CreateDefault();

    public static TheoryData<string, string, string, string> SecondPrimaryLabelled => new()
    {
        {
            "Radical cystoprostatectomy: invasive high grade urothelial carcinoma of the bladder. Incidental prostatic adenocarcinoma, Gleason 3+3=6. Pathologic stage: Bladder: pT3a pN1. Prostate: pT2 pN0.",
            "en", "T3a", "N1"
        },
        {
            "CYSTOPROSTATECTOMY. UROTHELIAL CARCINOMA OF THE URINARY BLADDER, INVASIVE. PROSTATIC ADENOCARCINOMA, INCIDENTAL.\nBLADDER: pT2bN0MX\nPROSTATE: pT3aN0MX",
            "en", "T2b", "N0"
        },
        {
            "Cystoprostatectomy specimen. Diagnosis: infiltrating urothelial carcinoma of the bladder; incidental acinar adenocarcinoma of the prostate. Prostate tumour, pathologic stage pT2c N0; bladder tumour, pathologic stage pT4a N2.",
            "en", "T4a", "N2"
        },
        {
            "Cystoprostatectomie totale : carcinome urothélial infiltrant de la vessie. Adénocarcinome prostatique de découverte fortuite. Classification pTNM — vessie : pT2b N1 ; prostate : pT2 N0.",
            "fr", "T2b", "N1"
        },
        {
            "Pièce de cystoprostatectomie. Conclusion : carcinome urothélial de haut grade de la vessie, infiltrant le muscle. Adénocarcinome de la prostate, score de Gleason 6 (3+3), de découverte fortuite.\nStade de la tumeur vésicale : pT3b pN0.\nStade de la tumeur prostatique : pT2a pN0.",
            "fr", "T3b", "N0"
        },
    };

    [Theory]
    [MemberData(nameof(SecondPrimaryLabelled))]
    public void The_staging_labelled_with_another_organ_is_that_organs_tumour(string text, string language, string t, string n)
    {
        var form = Engine.ExtractForm([TestDocuments.FromText(text, language)]);

        form.Fields[ContractFields.PathologicT].Normalized.ShouldBe(t);
        form.Fields[ContractFields.PathologicN].Normalized.ShouldBe(n);
    }

    public static TheoryData<string, string, string> Revised => new()
    {
        { "Diagnosis: invasive ductal carcinoma of the breast, pT1c pN0. Addendum: after additional sections the pathologic stage is revised to pT2 pN0.", "en", "T2" },
        { "Colon, right hemicolectomy: adenocarcinoma, pT3 N0. Amended report: TNM stage amended to pT4a N0 (serosal involvement on deeper levels).", "en", "T4a" },
        { "FINAL DIAGNOSIS: UROTHELIAL CARCINOMA, pT2a. CORRECTED STAGE: pT2b.", "en", "T2b" },
        { "Kidney, radical nephrectomy: clear cell renal cell carcinoma, pT1b. The stage was changed to pT3a after review of the renal sinus fat.", "en", "T3a" },
        { "Conclusion : adénocarcinome du côlon, pT3 N0. Addendum : après inclusion complémentaire, le stade est rectifié : pT4a N0.", "fr", "T4a" },
        { "Carcinome canalaire infiltrant du sein, pT1b N0. Compte rendu corrigé : pT1c N0.", "fr", "T1c" },
        { "Carcinome épidermoïde du poumon, pT2a. Stade révisé après relecture : pT2b.", "fr", "T2b" },
    };

    [Theory]
    [MemberData(nameof(Revised))]
    public void A_revised_stage_replaces_what_it_revises(string text, string language, string t)
    {
        var form = Engine.ExtractForm([TestDocuments.FromText(text, language)]);

        form.Fields[ContractFields.PathologicT].Normalized.ShouldBe(t);
    }

    public static TheoryData<string, string> StillAConflict => new()
    {
        // Two stagings with nothing to tell them apart: a person decides.
        { "Pathologic stage: pT2 N0. Second opinion from the referring hospital: pT3 N0.", "en" },
        { "Stade pathologique : pT2 N0. Avis extérieur : pT3 N0.", "fr" },
        // A revision cue in another sentence revises nothing of the staging.
        { "Report corrected for a typing error in the requesting unit. Pathologic stage: pT2 N0. Frozen section staging: pT3 N0.", "en" },
        { "Compte rendu rectifié pour une erreur de service demandeur. Stade : pT2 N0. Examen extemporané : pT3 N0.", "fr" },
        // "Modified" names an operation or a grading system, not a revision.
        { "Core biopsy of the left breast: pT1c. Left modified radical mastectomy: pT2.", "en" },
        // The legend of a bladder pT4a names the neighbour it reached, not a second tumour.
        { "Urinary bladder, radical cystectomy: invasive urothelial carcinoma. Pathologic stage: pT4a (invasion of the prostatic stroma). Summary: pT3b.", "en" },
        { "Vessie, cystectomie : carcinome urothélial infiltrant. Stade : pT4a (envahissement du stroma prostatique). Synthèse : pT3b.", "fr" },
        // An organ named in the item before (here, where no tumour was found) is not the staging's label.
        { "Liver, partial hepatectomy: hepatocellular carcinoma. - No carcinoma in the adhesions or the gastric wall. - Pathologic tumor stage: pT2 Nx. Synoptic: Primary tumor (pT): pT3a.", "en" },
        { "Foie, hépatectomie partielle : carcinome hépatocellulaire.\n- Paroi gastrique indemne.\n- Stade : pT2 Nx. Synthèse : tumeur primitive (pT) : pT3a.", "fr" },
        // Both tumours are in the primary organ (bilateral breast carcinomas): no organ is another one.
        { "Bilateral mastectomy for invasive ductal carcinoma. Left breast: pT2 N1. Right breast: pT1c N0.", "en" },
        { "Mastectomie bilatérale pour carcinome canalaire infiltrant. Sein gauche : pT2 N1. Sein droit : pT1c N0.", "fr" },
    };

    [Theory]
    [MemberData(nameof(StillAConflict))]
    public void Two_stagings_nothing_tells_apart_stay_a_conflict(string text, string language)
    {
        var form = Engine.ExtractForm([TestDocuments.FromText(text, language)]);

        form.Fields[ContractFields.PathologicT].Status.ShouldBe(FieldStatus.Conflict);
    }

    public static TheoryData<string, string, string, string> SecondPrimaryTyped => new()
    {
        {
            "Radical cystoprostatectomy. Urinary bladder: invasive high grade urothelial carcinoma of the bladder, pT2b. Prostate: prostatic adenocarcinoma, Gleason 3+3=6, incidental.",
            "en", "urothelial carcinoma", "8120/3"
        },
        {
            "Cystoprostatectomy specimen. Diagnosis: urothelial carcinoma of the bladder invading the muscularis propria. The prostate shows a microscopic focus of prostatic adenocarcinoma, Gleason score 6.",
            "en", "urothelial carcinoma", "8120/3"
        },
        {
            "Lung, right lower lobe, lobectomy: squamous cell carcinoma, 3.2 cm. Station 7 lymph node: metastatic adenocarcinoma, consistent with the known colonic primary.",
            "en", "squamous cell carcinoma", "8070/3"
        },
        {
            "Cystoprostatectomie : carcinome urothélial infiltrant de la vessie. Adénocarcinome prostatique de découverte fortuite, score de Gleason 6.",
            "fr", "urothelial carcinoma", "8120/3"
        },
        {
            "Poumon, lobectomie inférieure droite : carcinome épidermoïde de 3,2 cm. Ganglion de la station 7 : adénocarcinome métastatique, compatible avec le primitif colique connu.",
            "fr", "squamous cell carcinoma", "8070/3"
        },
    };

    [Theory]
    [MemberData(nameof(SecondPrimaryTyped))]
    public void The_type_written_for_another_organ_or_a_metastasis_is_not_the_primarys(string text, string language, string histology, string morphology)
    {
        var form = Engine.ExtractForm([TestDocuments.FromText(text, language)], RuleExtractionEngine.FormKeys);

        form.Fields[ContractFields.Histology].Normalized.ShouldBe(histology);
        form.Fields[ExtensionFields.IcdO3Morphology].Normalized.ShouldBe(morphology);
    }

    [Theory]
    [InlineData("Thyroid, total thyroidectomy: papillary carcinoma, 2.1 cm. Lymph node, level VI: metastatic papillary thyroid carcinoma, 1 of 3 nodes.", "en", "papillary thyroid carcinoma")]
    [InlineData("Thyroïdectomie totale : carcinome papillaire. Ganglion du compartiment central : métastase de carcinome papillaire de la thyroïde.", "fr", "papillary thyroid carcinoma")]
    public void A_metastasis_typed_alike_makes_the_type_finer_not_a_conflict(string text, string language, string histology)
    {
        var form = Engine.ExtractForm([TestDocuments.FromText(text, language)]);

        form.Fields[ContractFields.Histology].Status.ShouldBe(FieldStatus.Found);
        form.Fields[ContractFields.Histology].Normalized.ShouldBe(histology);
    }

    [Fact]
    public void Two_types_nothing_tells_apart_stay_a_conflict()
    {
        var form = Engine.ExtractForm([TestDocuments.FromText(
            "Lung, right upper lobe, lobectomy: adenocarcinoma. A second nodule of the same lobe: squamous cell carcinoma.", "en")]);

        form.Fields[ContractFields.Histology].Status.ShouldBe(FieldStatus.Conflict);
    }

    [Fact]
    public void A_second_organ_is_not_dropped_when_no_primary_was_coded()
    {
        // No carcinoma named: the report gives nothing to code, so neither staging can be called the other organ's.
        var form = Engine.ExtractForm([TestDocuments.FromText("Staging summary. Bladder: pT3a N0. Prostate: pT2 N0.", "en")]);

        form.Fields[ContractFields.PathologicT].Status.ShouldBe(FieldStatus.Conflict);
    }
}
