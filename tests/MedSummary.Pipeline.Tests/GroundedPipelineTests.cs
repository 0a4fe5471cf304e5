using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Extraction.Analysis;
using MedSummary.Extraction.Grounding;
using MedSummary.Extraction.Grounding.Forms;
using MedSummary.Extraction.Narrative;
using MedSummary.Extraction.Summary;
using MedSummary.Ingestion;
using MedSummary.Pipeline.Processing;
using MedSummary.Samples;
using MedSummary.Testing;
using MedSummary.Testing.Gguf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using Xunit;

namespace MedSummary.Pipeline.Tests;

/// <summary>The pipeline with a chat model: the grounded form and the narrative, on the real llama.cpp engine.</summary>
public sealed class GroundedPipelineTests
{
    // The tiny random-weight model, with room for the grounded prompts (its vocabulary spends about a token per character).
    private static readonly Lazy<string> ChatModel = new(() => SyntheticGgufModels.GetOrCreateChatModel(new SyntheticChatModelSpec { ContextLength = 8192 }));

    private static readonly GeneratedDossier Breast = SampleDossierGenerator.Generate(new SampleSpec
    {
        Name = "grounded-e2e",
        Cancer = CancerType.Breast,
        Language = DossierLanguage.French,
        Seed = 11,
        Size = DossierSize.Small,
    });

    /// <summary>
    /// A random-weight model writes noise; answer budgets are small so the test stays fast (its answers are cut short
    /// and mostly unreadable: the point is that the pipeline completes and nothing unverified comes out).
    /// </summary>
    private static Dictionary<string, string?> LlamaSettings() => new()
    {
        ["MedSummary:AI:Chat:Engine"] = "llamacpp",
        ["MedSummary:AI:Chat:ModelPath"] = ChatModel.Value,
        ["MedSummary:AI:Chat:ContextSize"] = "8192",
        ["MedSummary:AI:Chat:Threads"] = "1",
        ["MedSummary:Grounding:MaxContextChars"] = "900",
        ["MedSummary:Grounding:MaxPassageChars"] = "300",
        ["MedSummary:Grounding:PassagesPerGroup"] = "2",
        ["MedSummary:Grounding:MaxQuoteChars"] = "20",
        ["MedSummary:Grounding:MaxListItems"] = "2",
        ["MedSummary:Grounding:OutputTokensPerField"] = "32",
        ["MedSummary:Grounding:OutputTokensPerListField"] = "80",
        ["MedSummary:Grounding:MaxOutputTokensPerCall"] = "256",
        ["MedSummary:Narrative:MaxOutputTokens"] = "48",
        ["MedSummary:Narrative:MaxExtraPassages"] = "2",
        ["MedSummary:Narrative:MaxExtraPassageChars"] = "150",
    };

    [Fact]
    public async Task With_a_real_llama_cpp_model_the_pipeline_completes_and_every_emitted_citation_verifies()
    {
        using var host = new PipelineHost(LlamaSettings());
        host.Get<IFormFiller>().ShouldBeOfType<GroundedFormFiller>();
        var schema = host.Get<FormSchema>();

        var outcome = await host.Get<IDossierProcessor>().ProcessAsync(
            new DossierRequest([.. Breast.Files.Select(f => new InputFile(f.FileName, f.Content))]));

        var result = outcome.Result;
        result.Errors.ShouldBeEmpty();
        outcome.Verification.Clean.ShouldBeTrue("the verification gate found citations that did not hold");
        CitationVerifier.VerifyAll(result, outcome.Dossier!.DocumentsById).ShouldBeEmpty();
        result.Form.Fields.Keys.ShouldBe(schema.Keys, ignoreOrder: true);
        result.Form.Fields.Values.Where(f => f.Status != FieldStatus.NotFound).ShouldAllBe(f => f.Citations.Count > 0);
        result.Summary.ShouldAllBe(s => s.Citations.Count > 0);
        // The timeline comes from the extractive builder under the narrative, whatever the noise model says.
        result.Timeline.ShouldNotBeNull().ShouldNotBeEmpty();

        var processing = result.Processing.ShouldNotBeNull();
        processing.Mode.ShouldBe(ProcessingMode.RulesAndLlm);
        processing.ModelCalls.ShouldBe(schema.Groups.Count + 1);
        processing.PromptTokens.ShouldNotBeNull().ShouldBeGreaterThan(0);
        processing.GeneratedTokens.ShouldNotBeNull().ShouldBeGreaterThan(0);
        // The model's answers were read and judged (noise is refused or unreadable, never reported as found).
        result.Form.Fields.Values.Where(f => f.Source == FieldSource.Llm).ShouldAllBe(f => f.Citations.Count > 0);
        result.Form.Fields.Values.ShouldContain(f => f.Reason != null && f.Reason.Contains("model"));
        // Rules still read what the documents state, whatever the noise model answers.
        result.Form.Fields[ContractFields.PrimarySite].Status.ShouldNotBe(FieldStatus.NotFound);
    }

    [Fact]
    public void Without_a_chat_model_the_analyses_are_rules_only()
    {
        using var host = new PipelineHost();
        host.Get<IFormFiller>().ShouldBeOfType<RuleFormFiller>();
        host.Get<ISummaryBuilder>().ShouldBeOfType<ExtractiveSummaryBuilder>();
    }

    [Fact]
    public void With_a_chat_model_the_narrative_decorates_the_extractive_summary_by_default()
    {
        using var host = new PipelineHost(LlamaSettings());
        host.Get<ISummaryBuilder>().ShouldBeOfType<NarrativeSummaryBuilder>().Inner.ShouldBeOfType<ExtractiveSummaryBuilder>();
    }

    [Fact]
    public void With_a_chat_model_the_narrative_decorates_whatever_summary_builder_is_registered()
    {
        using var host = new PipelineHost(LlamaSettings(), services => services.AddSingleton<ISummaryBuilder, MarkerSummaryBuilder>());
        host.Get<ISummaryBuilder>().ShouldBeOfType<NarrativeSummaryBuilder>().Inner.ShouldBeOfType<MarkerSummaryBuilder>();
    }

    [Fact]
    public void A_bad_form_schema_fails_at_start_naming_the_file()
    {
        using var prompts = new TempDirectory();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Prompts, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(prompts.Path, Path.GetRelativePath(RepoPaths.Prompts, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.WriteAllText(Path.Combine(prompts.Path, "forms", "rcp.form.json"), """{"form":"rcp","groups":[],"fields":[]}""");
        using var host = new PipelineHost(new Dictionary<string, string?> { ["MedSummary:Prompts:Directory"] = prompts.Path });

        var ex = Should.Throw<OptionsValidationException>(() => host.Get<IOptions<GroundingOptions>>().Value);
        ex.Message.ShouldContain("rcp.form.json");
        ex.Message.ShouldContain("primary_site");
    }

    private sealed class MarkerSummaryBuilder : ISummaryBuilder
    {
        public Task<SummaryPart> BuildAsync(Core.Documents.Dossier dossier, FormResult form, CancellationToken cancellationToken) =>
            Task.FromResult(SummaryPart.Empty);
    }
}
