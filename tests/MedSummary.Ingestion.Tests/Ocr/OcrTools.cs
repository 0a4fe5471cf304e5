using MedSummary.Ingestion.Ocr;
using MedSummary.Ingestion.Pdf;
using Microsoft.Extensions.DependencyInjection;

namespace MedSummary.Ingestion.Tests.Ocr;

/// <summary>
/// Ingestion with OCR as the service registers it (isolated PDF workers, Tesseract), shared by the OCR tests. Fails
/// at once, naming the missing tools and how to install them, where pdftoppm or Tesseract is not installed.
/// </summary>
public sealed class OcrIngestion : IDisposable
{
    public OcrIngestion()
    {
        var status = Services.GetRequiredService<OcrStatus>();
        if (!status.Available)
        {
            Services.Dispose();
            throw new InvalidOperationException("The OCR tests need pdftoppm and Tesseract with French and English: " + status.Problem
                + " (scripts/bootstrap.sh installs them).");
        }
    }

    public ServiceProvider Services { get; } = new ServiceCollection()
        .AddMedSummaryIngestion(o => o.PerDocumentTimeout = TimeSpan.FromMinutes(5))
        .AddMedSummaryOcr()
        .BuildServiceProvider();

    public IPageTextFallback Ocr => Services.GetRequiredService<IPageTextFallback>();

    public void Dispose() => Services.Dispose();
}
