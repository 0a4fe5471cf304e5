using MedSummary.Extraction.Alerts;
using MedSummary.Extraction.Analysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="ClinicalAlertDetector"/> as the <see cref="IAlertDetector"/> (unless one is registered already).</summary>
public static class AlertsServiceCollectionExtensions
{
    /// <summary>Adds the alerts with options bound from a configuration section ("MedSummary:Alerts"), validated at start.</summary>
    public static IServiceCollection AddMedSummaryAlerts(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddMedSummaryRules();
        services.AddOptions<AlertOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>());
        services.TryAddSingleton<IAlertDetector, ClinicalAlertDetector>();
        return services;
    }
}
