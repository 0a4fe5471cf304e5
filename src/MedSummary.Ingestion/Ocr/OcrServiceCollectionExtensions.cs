using MedSummary.Ingestion.Pdf;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedSummary.Ingestion.Ocr;

/// <summary>
/// Registers OCR (<see cref="TesseractOcr"/>) as the PDF reader's <see cref="IPageTextFallback"/>, with
/// <see cref="OcrOptions"/> validated at start (values, tools and languages), and its <see cref="OcrStatus"/> for health
/// checks. Call it beside <c>AddMedSummaryIngestion</c>, in either order.
/// </summary>
public static class OcrServiceCollectionExtensions
{
    /// <summary>Binds <see cref="OcrOptions"/> from a configuration section (usually "MedSummary:Ocr").</summary>
    public static IServiceCollection AddMedSummaryOcr(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddMedSummaryOcr();
        services.AddOptions<OcrOptions>().Bind(section);
        return services;
    }

    /// <summary>Configures <see cref="OcrOptions"/> in code (defaults when <paramref name="configure"/> is null).</summary>
    public static IServiceCollection AddMedSummaryOcr(this IServiceCollection services, Action<OcrOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<OcrOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OcrOptions>, OcrOptionsValidator>());
        services.TryAddSingleton(sp => new TesseractOcr(
            sp.GetRequiredService<IOptions<OcrOptions>>().Value,
            sp.GetService<ILogger<TesseractOcr>>()));
        services.TryAddSingleton<IPageTextFallback>(sp => sp.GetRequiredService<TesseractOcr>());

        // Transient: the status is probed once per TesseractOcr, and a health check asking again gets that answer.
        services.TryAddTransient(sp => sp.GetRequiredService<TesseractOcr>().Status);
        return services;
    }
}
