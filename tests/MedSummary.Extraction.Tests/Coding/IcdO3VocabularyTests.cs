using MedSummary.Extraction.Coding;
using MedSummary.Extraction.Rules;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Coding;

/// <summary>The ICD-O-3 tables that ship with the project: every row well formed and tied to the rules' vocabularies.</summary>
public sealed class IcdO3VocabularyTests
{
    private static readonly IcdO3Vocabulary Tables = IcdO3Vocabulary.Instance;

    [Fact]
    public void Every_topography_row_is_a_well_formed_code_of_a_known_site_with_two_labels()
    {
        Tables.Topography.Count.ShouldBeGreaterThan(100);
        foreach (var row in Tables.Topography)
        {
            IcdO3Vocabulary.IsTopographyCode(row.Code).ShouldBeTrue(row.Code);
            SiteVocabulary.Instance.Find(row.Site).ShouldNotBeNull($"{row.Code}: '{row.Site}' is not a term of the site vocabulary");
            row.LabelEn.ShouldNotBeNullOrWhiteSpace(row.Code);
            row.LabelFr.ShouldNotBeNullOrWhiteSpace(row.Code);
        }
    }

    [Fact]
    public void Every_morphology_row_is_a_well_formed_code_of_a_known_type_with_two_labels()
    {
        Tables.Morphology.Count.ShouldBeGreaterThan(90);
        foreach (var row in Tables.Morphology)
        {
            IcdO3Vocabulary.IsMorphologyCode(row.Code).ShouldBeTrue(row.Code);
            row.Code.Length.ShouldBe(6, row.Code);
            HistologyVocabulary.Instance.Find(row.Histology).ShouldNotBeNull($"{row.Code}: '{row.Histology}' is not a term of the histology vocabulary");
            if (row.Site is not null)
            {
                SiteVocabulary.Instance.Find(row.Site).ShouldNotBeNull($"{row.Code}: site '{row.Site}' is unknown");
            }

            row.LabelEn.ShouldNotBeNullOrWhiteSpace(row.Code);
            row.LabelFr.ShouldNotBeNullOrWhiteSpace(row.Code);

            // In situ types have behaviour 2, invasive ones 3; a meningioma is benign (0) and a GIST not stated
            // malignant is of uncertain behaviour (1).
            var inSitu = HistologyVocabulary.Instance.Find(row.Histology)!.InSitu;
            var expected = inSitu ? '2' : row.Histology == "meningioma" ? '0'
                : row.Histology == "gastrointestinal stromal tumor" && row.Pattern is null ? '1' : '3';
            row.Code[5].ShouldBe(expected, row.Code);
        }
    }

    [Fact]
    public void Each_site_has_one_plain_code_and_codes_are_labelled_consistently()
    {
        foreach (var site in Tables.Topography.Where(t => t.Pattern is null).GroupBy(t => t.Site))
        {
            site.Count().ShouldBe(1, $"site '{site.Key}' has several plain codes");
        }

        foreach (var code in Tables.Topography.GroupBy(t => t.Code))
        {
            code.Select(t => t.LabelEn).Distinct().Count().ShouldBe(1, $"{code.Key} has several English labels");
        }
    }

    [Theory]
    [InlineData("breast", "C50")]
    [InlineData("lung", "C34")]
    [InlineData("colon", "C18")]
    [InlineData("rectum", "C20")]
    [InlineData("prostate", "C61")]
    [InlineData("bladder", "C67")]
    [InlineData("kidney", "C64")]
    [InlineData("pancreas", "C25")]
    [InlineData("stomach", "C16")]
    [InlineData("liver", "C22")]
    [InlineData("esophagus", "C15")]
    [InlineData("thyroid", "C73")]
    [InlineData("ovary", "C56")]
    [InlineData("endometrium", "C54")]
    [InlineData("cervix", "C53")]
    [InlineData("brain", "C71")]
    [InlineData("oral cavity", "C06")]
    [InlineData("larynx", "C32")]
    [InlineData("skin", "C44")]
    [InlineData("oropharynx", "C10")]
    [InlineData("testis", "C62")]
    public void The_commonest_primary_sites_have_a_code(string site, string prefix)
    {
        Tables.SiteCode(site)!.Code.ShouldStartWith(prefix);
    }

    [Theory]
    [InlineData("8140/3", "8255/3", true)]
    [InlineData("8140/3", "8500/3", true)]
    [InlineData("8010/3", "8070/3", true)]
    [InlineData("8070/3", "8071/3", true)]
    [InlineData("8312/3", "8310/3", true)]
    [InlineData("8260/3", "8340/3", true)]
    [InlineData("8500/3", "8520/3", false)]
    [InlineData("8140/3", "8070/3", false)]
    [InlineData("8500/2", "8500/3", false)]
    [InlineData("8255/3", "8140/3", false)]
    public void A_code_is_broader_than_its_finer_codes_only(string general, string specific, bool broader)
    {
        Tables.IsSameOrBroaderMorphology(general, specific).ShouldBe(broader);
    }

    [Theory]
    [InlineData("C50.4", true)]
    [InlineData("C34.1", true)]
    [InlineData("C5.4", false)]
    [InlineData("C50", false)]
    [InlineData("D50.4", false)]
    public void Topography_shape(string code, bool valid) => IcdO3Vocabulary.IsTopographyCode(code).ShouldBe(valid);

    [Theory]
    [InlineData("8500/3", true)]
    [InlineData("9680/3", true)]
    [InlineData("8500/33", true)]
    [InlineData("7500/3", false)]
    [InlineData("8500/4", false)]
    [InlineData("850/3", false)]
    public void Morphology_shape(string code, bool valid) => IcdO3Vocabulary.IsMorphologyCode(code).ShouldBe(valid);
}
