using System.Diagnostics;
using System.Globalization;
using MedSummary.Ingestion;
using MedSummary.Ingestion.Loading;
using MedSummary.Ingestion.Ocr;
using MedSummary.Ingestion.Pdf.Isolation;
using MedSummary.Testing.Fuzzing;
using MedSummary.Testing.Pdf;

using static MedSummary.Bench.BenchArgs;

namespace MedSummary.Bench;

/// <summary>
/// OCR throughput: scanned PDFs (text pages rendered at 200 dpi, wrapped as images) read through the loader with
/// Tesseract, as pages per second of wall time and as CPU seconds per page (the tools' own time, which a shared
/// machine does not inflate the way it inflates wall time); then the text-layer path on a text PDF with OCR enabled
/// and disabled, which must not differ since OCR never runs on pages with a usable text layer.
/// </summary>
/// <remarks>
/// Arguments: --typical N (letter-like pages of about 250 words, default 6), --dense N (dossier pages of about 650
/// words, default 2), --scan-dpi N (resolution the test scans are made at, default 200), --parallelism N (pages OCR'd
/// at once, default 2), --dpi N (the option's cap, default 300), --languages L (default "fra+eng"), --iterations N
/// (text-layer comparison, default 6), --text-pages N (default 50).
/// </remarks>
public sealed class OcrBenchmark : IBenchmark
{
    public string Name => "ocr";

    public string Description => "OCR pages/s on generated scans (target >= 1 page/s on 2 cores); text-layer speed with OCR on and off";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var typical = IntArg(args, "--typical", 6, min: 0);
        var dense = IntArg(args, "--dense", 2, min: 0);
        var parallelism = IntArg(args, "--parallelism", 2, min: 0);
        var iterations = IntArg(args, "--iterations", 6, min: 0);
        var textPages = IntArg(args, "--text-pages", 50, min: 0);
        var scanDpi = IntArg(args, "--scan-dpi", 200, min: 0);
        var ocrOptions = new OcrOptions
        {
            MaxParallelism = parallelism,
            Dpi = IntArg(args, "--dpi", new OcrOptions().Dpi),
            Languages = StringArg(args, "--languages") ?? new OcrOptions().Languages,
        };
        var passes = new PassCounter();
        using var ocr = new TesseractOcr(ocrOptions, passes);
        if (!ocr.Status.Available)
        {
            Console.WriteLine($"OCR unavailable: {ocr.Status.Problem}");
            return 1;
        }

        Console.WriteLine($"tesseract {ocr.Status.TesseractVersion}, languages {ocrOptions.Languages}, {parallelism} page(s) at once; "
            + $"scans made at {scanDpi} dpi, rendered at their own resolution within {ocrOptions.MinDpi}..{ocrOptions.Dpi} dpi");
        Console.WriteLine($"runtime: .NET {Environment.Version}, {Environment.ProcessorCount} cores; load average before: {LoadAverage()}");

        var options = new IngestionOptions { PerDocumentTimeout = TimeSpan.FromHours(1) };
        var loader = DocumentLoader.CreateDefault(options, ocr);

        // A warm-up page so that the first measured page does not pay for loading Tesseract's models from disk.
        await loader.LoadAsync(new InputFile("warmup.pdf", Scan(TypicalPages(1, seed: 99), scanDpi)), cancellationToken);
        Console.WriteLine();
        Console.WriteLine("scanned pages       pages   wall s   pages/s   tool CPU s/page   pages/s on 2 idle cores");
        var monitor = new ChildProcessMonitor();
        if (typical > 0)
        {
            await MeasureOcrAsync(loader, "typical (~250 words)", Scan(TypicalPages(typical, seed: 1), scanDpi), typical, cancellationToken);
        }

        if (dense > 0)
        {
            await MeasureOcrAsync(loader, "dense (~650 words)", Scan(DossierPdf.Generate(dense, seed: 7), scanDpi), dense, cancellationToken);
        }

        await monitor.DisposeAsync();
        Console.WriteLine($"pages read twice (upside-down check after a low-confidence reading): {passes.Twice} of {passes.Pages}");
        Console.WriteLine($"load average after OCR: {LoadAverage()}; peak resident memory of the tools (sampled): "
            + string.Join(", ", monitor.Peaks.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value / 1048576} MiB")));
        Console.WriteLine();
        await MeasureTextLayerAsync(textPages, iterations, ocr, cancellationToken);
        return 0;
    }

    private static async Task MeasureOcrAsync(DocumentLoader loader, string kind, byte[] scan, int pages, CancellationToken cancellationToken)
    {
        var cpuBefore = ChildCpuSeconds();
        var started = Stopwatch.GetTimestamp();
        var document = await loader.LoadAsync(new InputFile("scan.pdf", scan), cancellationToken);
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpu = ChildCpuSeconds() - cpuBefore;
        var ocrPages = document.Pages.Count(p => p.Source == Core.Documents.PageTextSource.Ocr);
        var warning = ocrPages == pages ? "" : $"   (only {ocrPages} page(s) read by OCR!)";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{kind,-20}{pages,5}{wall,9:0.0}{pages / wall,10:0.00}{cpu / pages,18:0.00}{2 / (cpu / pages),26:0.00}{warning}"));
    }

    /// <summary>
    /// The text-layer path on a dense text PDF, loaders with and without OCR alternating run by run so that a
    /// neighbour's load hits both alike; and parsing isolated in worker processes against in process.
    /// </summary>
    private static async Task MeasureTextLayerAsync(int pages, int iterations, TesseractOcr ocr, CancellationToken cancellationToken)
    {
        var pdf = DossierPdf.Generate(pages, seed: 42);
        var input = new InputFile("dossier.pdf", pdf);
        var options = new IngestionOptions();
        using var pool = new PdfWorkerPool(options);
        var variants = new (string Name, DocumentLoader Loader)[]
        {
            ("OCR off, in process", DocumentLoader.CreateDefault(options)),
            ("OCR on, in process", DocumentLoader.CreateDefault(options, ocr)),
            ("OCR on, isolated", new DocumentLoader([new Ingestion.Pdf.PdfDocumentReader(options, ocr, pool), new Ingestion.Text.PlainTextReader()], options)),
        };
        var times = variants.Select(_ => new List<double>()).ToArray();
        foreach (var (_, loader) in variants)
        {
            await loader.LoadAsync(input, cancellationToken);
        }

        for (var i = 0; i < iterations; i++)
        {
            for (var v = 0; v < variants.Length; v++)
            {
                var started = Stopwatch.GetTimestamp();
                var document = await variants[v].Loader.LoadAsync(input, cancellationToken);
                times[v].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (document.Pages.Any(p => p.Source != Core.Documents.PageTextSource.TextLayer))
                {
                    Console.WriteLine("a text page was not read from its text layer!");
                }
            }
        }

        Console.WriteLine($"text-layer PDF, {pages} pages, {iterations} runs each after a warm-up run");
        Console.WriteLine("variant                  median ms   pages/s    best ms   pages/s");
        for (var v = 0; v < variants.Length; v++)
        {
            var sorted = times[v].Order().ToList();
            var median = sorted[sorted.Count / 2];
            var best = sorted[0];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{variants[v].Name,-24}{median,10:0.0}{pages / (median / 1000),10:0.0}{best,11:0.0}{pages / (best / 1000),10:0.0}"));
        }
    }

    /// <summary>Each page rendered at <paramref name="dpi"/> (200 is a common scanner and fax setting) and wrapped as an image-only page.</summary>
    private static byte[] Scan(byte[] textPdf, int dpi) => TestScans.Scan(textPdf, new ScanOptions(Dpi: dpi));

    /// <summary>Letter-like pages: a heading and about 250 words of prose at 11 points, with a short table.</summary>
    private static byte[] TypicalPages(int count, int seed)
    {
        var random = new Random(seed);
        string[] sentences =
        [
            "Nous avons revu en consultation cette patiente de 58 ans pour la suite de sa prise en charge.",
            "L'examen clinique ne retrouve pas de masse palpable ni d'adénopathie axillaire ou sus-claviculaire.",
            "La tolérance du traitement est bonne, avec une asthénie modérée et quelques bouffées de chaleur.",
            "Le bilan biologique est normal, en particulier la fonction hépatique et la numération formule sanguine.",
            "La mammographie de contrôle ne montre pas d'anomalie suspecte du sein opéré ni du sein controlatéral.",
            "Nous poursuivons l'hormonothérapie par létrozole et la reverrons dans six mois avec une mammographie.",
            "The patient was seen in clinic for follow up and reports no new symptoms since her last visit.",
        ];
        var pdf = new TestPdf();
        for (var n = 0; n < count; n++)
        {
            pdf.Page(p =>
            {
                p.Text(72, 780, "COMPTE RENDU DE CONSULTATION", 13, bold: true);
                var paragraph = string.Join(' ', Enumerable.Range(0, 14).Select(_ => sentences[random.Next(sentences.Length)]));
                var lines = TestPdf.Wrap(paragraph, 450, 11);
                p.Lines(72, 750, lines, 11, 15);
                var y = 750 - (15 * lines.Count) - 20;
                foreach (var (marker, value) in new[] { ("RE", "90 %"), ("RP", "40 %"), ("HER2", "négatif"), ("Ki-67", "25 %") })
                {
                    p.Text(90, y, marker, 11).Text(250, y, value, 11);
                    y -= 15;
                }
            });
        }

        return pdf.Build();
    }

    /// <summary>User plus system CPU seconds of this process's ended children (pdftoppm and tesseract runs).</summary>
    private static double ChildCpuSeconds()
    {
        // /proc/self/stat fields 16 and 17 are cutime and cstime in clock ticks (100 per second on Linux).
        if (!File.Exists("/proc/self/stat"))
        {
            return double.NaN;
        }

        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0;
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>Counts pages read and pages read twice, from the engine's page log (it carries counts only, no text).</summary>
    private sealed class PassCounter : Microsoft.Extensions.Logging.ILogger<TesseractOcr>
    {
        public int Pages { get; private set; }

        public int Twice { get; private set; }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 1301 && state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                lock (this)
                {
                    Pages++;
                    Twice += values.Any(v => v.Key == "Passes" && v.Value is 2) ? 1 : 0;
                }
            }
        }
    }
}
