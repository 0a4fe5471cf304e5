using MedSummary.Extraction.Form;
using MedSummary.Extraction.Rules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the deterministic extractors, the form assembler and <see cref="RuleExtractionEngine"/>.</summary>
public static class RulesServiceCollectionExtensions
{
    /// <summary>Adds the rules with options set in code (validated at start).</summary>
    public static IServiceCollection AddMedSummaryRules(this IServiceCollection services, Action<RuleExtractionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<RuleExtractionOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return AddCore(services, builder);
    }

    /// <summary>Adds the rules with options bound from a configuration section (usually "Rules"), validated at start.</summary>
    public static IServiceCollection AddMedSummaryRules(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        var builder = services.AddOptions<RuleExtractionOptions>().Bind(section);
        return AddCore(services, builder);
    }

    private static IServiceCollection AddCore(IServiceCollection services, OptionsBuilder<RuleExtractionOptions> builder)
    {
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RuleExtractionOptions>, RuleExtractionOptionsValidator>());
        foreach (var extractor in RuleExtractionEngine.CreateExtractors())
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IFieldExtractor), extractor.GetType()));
        }

        services.TryAddSingleton(sp => new FormAssembler(sp.GetRequiredService<IOptions<RuleExtractionOptions>>().Value));
        services.TryAddSingleton<RuleExtractionEngine>();
        return services;
    }
}
