using MedSummary.Ingestion.Chunking;
using MedSummary.Ingestion.Loading;
using MedSummary.Ingestion.Pdf;
using MedSummary.Ingestion.Pdf.Isolation;
using MedSummary.Ingestion.Pipeline;
using MedSummary.Ingestion.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedSummary.Ingestion;

/// <summary>Registers ingestion: readers, loader, chunker and pipeline, with <see cref="IngestionOptions"/> validated at start.</summary>
public static class IngestionServiceCollectionExtensions
{
    /// <summary>Binds <see cref="IngestionOptions"/> from a configuration section (usually "Ingestion").</summary>
    public static IServiceCollection AddMedSummaryIngestion(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddMedSummaryIngestion();
        services.AddOptions<IngestionOptions>().Bind(section);
        return services;
    }

    /// <summary>Configures <see cref="IngestionOptions"/> in code (defaults when <paramref name="configure"/> is null).</summary>
    /// <remarks>
    /// An OCR engine plugs in by registering an <see cref="IPageTextFallback"/> (before or after this call): the PDF
    /// reader then sends it the pages that have no usable text layer.
    /// </remarks>
    public static IServiceCollection AddMedSummaryIngestion(this IServiceCollection services, Action<IngestionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<IngestionOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IngestionOptions>, IngestionOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // Workers start on the first PDF, not here; the container disposes them (their input closes and they exit).
        services.TryAddSingleton(sp => new PdfWorkerPool(Options(sp), sp.GetService<ILogger<PdfWorkerPool>>()));
        services.TryAddSingleton<IPdfParser>(sp => Options(sp).Isolation.Enabled
            ? sp.GetRequiredService<PdfWorkerPool>()
            : InProcessPdfParser.Instance);

        // PDF first: a PDF is also mostly bytes that decode as text.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDocumentReader, PdfDocumentReader>(sp =>
            new PdfDocumentReader(Options(sp), sp.GetService<IPageTextFallback>(), sp.GetRequiredService<IPdfParser>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDocumentReader, PlainTextReader>());
        services.TryAddSingleton<IDocumentLoader>(sp => new DocumentLoader(
            sp.GetServices<IDocumentReader>(),
            Options(sp),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<DocumentLoader>>()));
        services.TryAddSingleton<IChunker>(sp => new SectionChunker(Options(sp).Chunking));
        services.TryAddSingleton(sp => new IngestionPipeline(
            sp.GetRequiredService<IDocumentLoader>(),
            sp.GetRequiredService<IChunker>(),
            Options(sp),
            sp.GetService<ILogger<IngestionPipeline>>()));
        return services;
    }

    private static IngestionOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<IngestionOptions>>().Value;
}
