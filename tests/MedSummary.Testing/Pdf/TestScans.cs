using MedSummary.Testing.Imaging;
using UglyToad.PdfPig;

namespace MedSummary.Testing.Pdf;

/// <summary>How a test scan is made from a text page.</summary>
/// <param name="Dpi">Scanner resolution. Default 200, a common office and fax resolution.</param>
/// <param name="NoiseSeed">When set, scanner noise made with this seed (see <see cref="GrayImage.WithNoise"/>).</param>
/// <param name="TurnDegrees">The paper's turn in the scanner, clockwise: 90 and 270 give a landscape image of a portrait page.</param>
/// <param name="PageRotate">The /Rotate the scanner's software wrote on the page.</param>
/// <param name="NoiseJitter">With noise, the most any pixel's gray moves either way (see <see cref="GrayImage.WithNoise"/>); lower keeps files small.</param>
public sealed record ScanOptions(int Dpi = 200, int? NoiseSeed = null, int TurnDegrees = 0, int PageRotate = 0, int NoiseJitter = 30);

/// <summary>Turns text PDFs into image-only PDFs, page by page: what printing and scanning them would give.</summary>
public static class TestScans
{
    /// <summary>Every page of <paramref name="textPdf"/> rendered, dirtied and turned as asked, each as an image filling a page.</summary>
    public static byte[] Scan(byte[] textPdf, ScanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(textPdf);
        options ??= new ScanOptions();
        var scan = new TestPdf();
        foreach (var page in PageSizes(textPdf).Select((size, i) => (Number: i + 1, size.Width, size.Height)))
        {
            AddScannedPage(scan, textPdf, page.Number, page.Width, page.Height, options);
        }

        return scan.Build();
    }

    /// <summary>Adds one page of <paramref name="textPdf"/>, scanned, to <paramref name="target"/>.</summary>
    public static TestPdfPage AddScannedPage(TestPdf target, byte[] textPdf, int page, double width, double height, ScanOptions options)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        var image = GrayImage.RenderPdfPage(textPdf, page, options.Dpi);
        if (options.NoiseSeed is { } seed)
        {
            image = image.WithNoise(seed, jitter: options.NoiseJitter);
        }

        image = image.Rotate(options.TurnDegrees);
        var (w, h) = options.TurnDegrees is 90 or 270 ? (height, width) : (width, height);
        return target.AddPage(w, h).Image(image, 0, 0, w, h).Rotated(options.PageRotate);
    }

    private static List<(double Width, double Height)> PageSizes(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(p => (p.Width, p.Height))];
    }
}
