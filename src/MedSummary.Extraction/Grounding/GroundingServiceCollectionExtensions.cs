using MedSummary.Extraction.Analysis;
using MedSummary.Extraction.Grounding;
using MedSummary.Extraction.Grounding.Forms;
using MedSummary.Extraction.Grounding.Passages;
using MedSummary.Extraction.Grounding.Support;
using MedSummary.Extraction.Narrative;
using MedSummary.Extraction.Prompts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the prompts, the form schema and the LLM-grounded form filler and narrative summary.</summary>
public static class GroundingServiceCollectionExtensions
{
    /// <summary>
    /// Prompts (<see cref="IPromptProvider"/>), the form (<see cref="FormSchema"/>), options "MedSummary:Grounding",
    /// "MedSummary:Narrative" and "MedSummary:Prompts", all validated at start: a bad form file or prompt fails there.
    /// Nothing here uses a chat model yet; <see cref="UseGroundedAnalysis"/> switches the analyses over.
    /// </summary>
    public static IServiceCollection AddMedSummaryGrounding(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PromptOptions>().Bind(configuration.GetSection(PromptOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PromptOptions>, PromptOptionsValidator>());
        services.AddOptions<GroundingOptions>().Bind(configuration.GetSection(GroundingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GroundingOptions>, GroundingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GroundingOptions>, FormAndPromptsValidator>());
        services.AddOptions<NarrativeOptions>().Bind(configuration.GetSection(NarrativeOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NarrativeOptions>, NarrativeOptionsValidator>());

        services.TryAddSingleton<IPromptProvider>(sp => sp.GetRequiredService<IOptions<PromptOptions>>().Value.Directory is { } dir
            ? new FileSystemPromptProvider(dir)
            : new EmbeddedPromptProvider());
        services.TryAddSingleton(sp => FormSchemaLoader.Load(sp.GetRequiredService<IPromptProvider>(), sp.GetRequiredService<IOptions<GroundingOptions>>().Value.FormPath));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<GroundingOptions>>().Value);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<NarrativeOptions>>().Value);
        services.TryAddSingleton<SupportChecker>();
        services.TryAddSingleton<ModelAnswerVerifier>();
        services.TryAddSingleton<PassageCollector>();
        services.TryAddSingleton(sp => new ChatModelAccess(() => sp.GetRequiredService<IChatClient>()));
        return services;
    }

    /// <summary>
    /// When a chat model is registered: the form filler becomes <see cref="GroundedFormFiller"/> (rules and model merged)
    /// unless something other than the rule filler was registered, and whatever <see cref="ISummaryBuilder"/> is
    /// registered is decorated by <see cref="NarrativeSummaryBuilder"/>. Without a chat model nothing changes (rules
    /// only). Call after every other registration of those services.
    /// </summary>
    public static IServiceCollection UseGroundedAnalysis(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(d => d.ServiceType == typeof(IChatClient) && !d.IsKeyedService))
        {
            return services;
        }

        var filler = services.LastOrDefault(d => d.ServiceType == typeof(IFormFiller) && !d.IsKeyedService);
        if (filler is null || filler.ImplementationType == typeof(RuleFormFiller))
        {
            services.RemoveAll<IFormFiller>();
            services.AddSingleton<IFormFiller, GroundedFormFiller>();
        }

        var summary = services.LastOrDefault(d => d.ServiceType == typeof(ISummaryBuilder) && !d.IsKeyedService);
        if (summary is not null)
        {
            services.Remove(summary);
        }

        services.AddSingleton<ISummaryBuilder>(sp => new NarrativeSummaryBuilder(
            summary is null ? new NoSummaryBuilder() : Create(sp, summary),
            sp.GetRequiredService<ChatModelAccess>(),
            sp.GetRequiredService<PassageCollector>(),
            sp.GetRequiredService<IPromptProvider>(),
            sp.GetRequiredService<NarrativeOptions>(),
            sp.GetRequiredService<ILogger<NarrativeSummaryBuilder>>()));
        return services;
    }

    private static ISummaryBuilder Create(IServiceProvider sp, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance as ISummaryBuilder
        ?? (ISummaryBuilder?)descriptor.ImplementationFactory?.Invoke(sp)
        ?? (ISummaryBuilder)ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!);

    /// <summary>Loads the form schema and every prompt at start, so a bad file fails there with its name and problem.</summary>
    private sealed class FormAndPromptsValidator(IPromptProvider prompts) : IValidateOptions<GroundingOptions>
    {
        public ValidateOptionsResult Validate(string? name, GroundingOptions options)
        {
            var problems = new List<string>();
            try
            {
                FormSchemaLoader.Load(prompts, options.FormPath);
            }
            catch (Exception ex) when (ex is FormatException or FileNotFoundException)
            {
                problems.Add(ex.Message);
            }

            foreach (var required in new[] { "grounded/system", "grounded/context", "grounded/form-group", "grounded/narrative" })
            {
                try
                {
                    prompts.GetPrompt(required);
                }
                catch (Exception ex) when (ex is FormatException or FileNotFoundException)
                {
                    problems.Add(ex.Message);
                }
            }

            return problems.Count > 0 ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
        }
    }
}
