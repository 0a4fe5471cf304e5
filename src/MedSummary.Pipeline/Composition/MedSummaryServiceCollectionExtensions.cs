using MedSummary.AI.Status;
using MedSummary.Extraction.Analysis;
using MedSummary.Extraction.Grounding;
using MedSummary.Extraction.Rules;
using MedSummary.Extraction.Summary;
using MedSummary.Ingestion;
using MedSummary.Ingestion.Ocr;
using MedSummary.Pipeline.Processing;
using MedSummary.Qdrant;
using MedSummary.Retrieval;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MedSummary.Pipeline.Composition;

/// <summary>Registers the whole pipeline: ingestion, retrieval, extraction and the dossier processor.</summary>
public static class MedSummaryServiceCollectionExtensions
{
    /// <summary>
    /// Everything MedSummary needs to turn files into a verified result. Each component binds its own
    /// configuration section under "MedSummary:" and validates it at start.
    /// </summary>
    public static IServiceCollection AddMedSummary(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMedSummaryIngestion(configuration.GetSection("MedSummary:Ingestion"));
        services.AddMedSummaryOcr(configuration.GetSection(OcrOptions.SectionName));

        // AI first: a configured embedding model then takes the place of the default lexical embedder.
        services.AddMedSummaryAI(configuration);
        services.AddMedSummaryRetrieval();
        services.AddMedSummaryQdrant();
        services.AddMedSummaryRules(configuration.GetSection("MedSummary:Rules"));
        services.AddMedSummaryGrounding(configuration);

        services.TryAddSingleton<IFormFiller, RuleFormFiller>();
        services.TryAddSingleton<ISummaryBuilder, ExtractiveSummaryBuilder>();
        services.AddMedSummaryAlerts(configuration.GetSection("MedSummary:Alerts"));
        services.TryAddSingleton<IProcessingModeProvider, ModelStatusModeProvider>();
        services.TryAddSingleton<IDossierProcessor, DossierProcessor>();

        // Last: with a chat model, the grounded form filler and the narrative over whatever summary builder is registered.
        services.UseGroundedAnalysis();
        return services;
    }

    // The mode follows the models: rules only until a chat model is available, and again once it failed to load,
    // so that a result says the mode that ran, not the one configured.
    private sealed class ModelStatusModeProvider(IModelStatus status, ChatModelAccess chat) : IProcessingModeProvider
    {
        public ProcessingMode Current
        {
            get
            {
                var embeddings = status.Embeddings.IsAvailable ? status.Embeddings.Model : null;
                var failure = chat.LoadFailure;
                if (failure is not null || status.Chat.State == ModelState.Failed)
                {
                    return ProcessingMode.Failed(status.Chat.Model, failure) with { EmbeddingModel = embeddings };
                }

                return status.ChatAvailable
                    ? new ProcessingMode(ProcessingMode.RulesAndLlm, status.Chat.Model, status.Embeddings.Model, null)
                    : ProcessingMode.Rules with { EmbeddingModel = embeddings };
            }
        }
    }
}
