using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;
using MedSummary.Extraction.Form;
using MedSummary.Extraction.Rules;
using MedSummary.Testing.Documents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class RuleExtractionEngineTests
{
    [Fact]
    public void Reads_a_french_referral_letter_into_a_form()
    {
        var letter = TestDocuments.FromText(
            """
            Madame X, 54 ans, adressée pour un carcinome canalaire infiltrant du sein gauche, grade SBR II,
            diagnostiqué le 12/03/2023 (biopsie). RE : 90 %, RP : 40 %, HER2 score 1+. Ki-67 à 15 %.
            Bilan d'extension : cT2 cN0 cM0. Antécédents familiaux : cancer de l'ovaire chez sa mère.
            """,
            "fr");
        var engine = RuleExtractionEngine.CreateDefault();

        var form = engine.ExtractForm([letter]);

        string Value(string key) => form.Fields[key].Normalized ?? "(none)";
        Value(ContractFields.PrimarySite).ShouldBe("breast");
        Value(ContractFields.Laterality).ShouldBe("left");
        Value(ContractFields.Histology).ShouldBe("invasive ductal carcinoma");
        Value(ContractFields.Grade).ShouldBe("G2");
        Value(ContractFields.DateOfDiagnosis).ShouldBe("2023-03-12");
        Value(ContractFields.ErStatus).ShouldBe("positive");
        Value(ContractFields.PrStatus).ShouldBe("positive");
        Value(ContractFields.Her2Status).ShouldBe("negative");
        Value(ContractFields.Ki67).ShouldBe("15%");
        Value(ContractFields.ClinicalT).ShouldBe("T2");
        Value(ContractFields.ClinicalN).ShouldBe("N0");
        form.Fields[ContractFields.PathologicT].Status.ShouldBe(FieldStatus.NotFound);
        form.Fields.Count.ShouldBe(ContractFields.Required.Count);
    }

    [Fact]
    public void A_finding_that_does_not_read_back_from_its_span_is_dropped()
    {
        var document = TestDocuments.FromText("pT2 pN0", "en");
        var engine = new RuleExtractionEngine([new LyingExtractor(), new TnmExtractor()]);

        var findings = engine.Extract(document);

        findings.ShouldNotContain(f => f.FieldKey == ContractFields.Stage);
        findings.Select(f => f.Normalized).ShouldBe(["T2", "N0"], ignoreOrder: true);
    }

    [Fact]
    public void A_rule_that_fails_loses_only_its_own_findings()
    {
        var document = TestDocuments.FromText("pT2 pN0", "en");
        var engine = new RuleExtractionEngine([new FailingExtractor(), new TnmExtractor()]);

        var findings = engine.Extract(document);

        findings.Select(f => f.Normalized).ShouldBe(["T2", "N0"], ignoreOrder: true);
        findings.ShouldNotContain(f => f.FieldKey == ContractFields.Stage);
    }

    [Fact]
    public void Findings_come_back_in_text_order_without_duplicates()
    {
        var document = TestDocuments.FromText("Grade 2. Later: pT1 pN0. ER: positive (80%).", "en");
        var findings = RuleExtractionEngine.CreateDefault().Extract(document);

        findings.Select(f => f.Span.Start).ShouldBeInOrder();
        findings.Select(f => (f.FieldKey, f.Normalized, f.Span)).Distinct().Count().ShouldBe(findings.Count);
    }

    [Fact]
    public void Registers_every_extractor_the_assembler_and_the_engine()
    {
        var services = new ServiceCollection();
        services.AddMedSummaryRules(o => o.MaxCitationsPerField = 3);
        using var provider = services.BuildServiceProvider();

        var engine = provider.GetRequiredService<RuleExtractionEngine>();
        engine.Extractors.Count.ShouldBe(RuleExtractionEngine.CreateExtractors().Count);
        provider.GetRequiredService<FormAssembler>().ShouldNotBeNull();
        provider.GetRequiredService<IOptions<RuleExtractionOptions>>().Value.MaxCitationsPerField.ShouldBe(3);
    }

    [Fact]
    public void Registering_twice_does_not_duplicate_extractors()
    {
        var services = new ServiceCollection();
        services.AddMedSummaryRules();
        services.AddMedSummaryRules();
        using var provider = services.BuildServiceProvider();

        provider.GetServices<IFieldExtractor>().Count().ShouldBe(RuleExtractionEngine.CreateExtractors().Count);
    }

    [Fact]
    public void Invalid_options_fail_with_a_clear_message()
    {
        var services = new ServiceCollection();
        services.AddMedSummaryRules(o => o.MaxCitationsPerField = 500);
        using var provider = services.BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RuleExtractionOptions>>().Value);
        error.Message.ShouldContain("MaxCitationsPerField");
    }

    [Fact]
    public void Multi_page_test_documents_map_each_page()
    {
        var document = TestDocuments.FromPages("first", "second", "third");

        document.PageCount.ShouldBe(3);
        document.Slice(document.Map.PageSpan(2)).ShouldStartWith("second");
        document.Map.PageAt(document.Text.IndexOf("third", StringComparison.Ordinal)).ShouldBe(3);
    }

    /// <summary>A rule with a defect: it finds something, then fails on the rest of the text.</summary>
    private sealed class FailingExtractor : IFieldExtractor
    {
        public IReadOnlyList<string> Fields => [ContractFields.Stage];

        public IEnumerable<Finding> Extract(SourceDocument document)
        {
            yield return new Finding(ContractFields.Stage, "pT2", "II", document.Id, new TextSpan(0, 3), 0.9);
            throw new InvalidOperationException("defect");
        }
    }

    private sealed class LyingExtractor : IFieldExtractor
    {
        public IReadOnlyList<string> Fields => [ContractFields.Stage];

        public IEnumerable<Finding> Extract(SourceDocument document)
        {
            yield return new Finding(ContractFields.Stage, "Stage IV", "IV", document.Id, new TextSpan(0, 3), 0.9);
        }
    }
}
