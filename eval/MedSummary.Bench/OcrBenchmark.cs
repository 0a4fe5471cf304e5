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
/// OCR throughput and accuracy: scanned PDFs (text pages rendered at 200 dpi, wrapped as images) read through the
/// loader with Tesseract by today's settings and by the reference settings (one Tesseract process per page, as before
/// issue 16), alternating run by run in one process so that a neighbour's load hits both alike. For each page type it
/// prints pages per second of wall time, CPU seconds per page (the tools' own time, which a shared machine inflates
/// less than wall time) and the pages per second that CPU time gives on 2 idle cores, the character accuracy against
/// the text the scan was made from, and how many receptor-table rows ("RP 40 %") survive; then the target (>= 1 page/s
/// on 2 cores, accuracy not below the reference's) with PASS or MISS. Last, the text-layer path on a text PDF with OCR
/// enabled and disabled, which must not differ since OCR never runs on pages with a usable text layer.
/// </summary>
/// <remarks>
/// Command: <c>dotnet run --project eval/MedSummary.Bench -c Release -- ocr</c>.
/// Arguments: --typical N (letter-like pages of about 250 words with a receptor table, default 6), --dense N (dossier
/// pages of about 650 words, default 4), --runs N (runs of each settings, alternating, default 2; medians printed),
/// --scan-dpi N (resolution the test scans are made at, default 200), --parallelism N (pages OCR'd at once, default 2),
/// --dpi N (the option's cap, default 300), --languages L (default "fra+eng"), --iterations N (text-layer comparison,
/// default 6), --text-pages N (default 50), --save DIR (write the scans and their text originals there, to replay them
/// with the tesseract command).
/// Character accuracy is 1 - (edit distance / length of the original), both texts with every run of white space made
/// one space. Wall-time figures on a loaded machine say little: the load average is printed beside them.
/// </remarks>
public sealed class OcrBenchmark : IBenchmark
{
    private const double TargetPagesPerSecond = 1.0;

    private static readonly (string Marker, string Value)[] TableRows = [("RE", "90 %"), ("RP", "40 %"), ("HER2", "négatif"), ("Ki-67", "25 %")];

    public string Name => "ocr";

    public string Description => "OCR pages/s and character accuracy on generated scans, today's settings against the reference (target >= 1 page/s on 2 cores); text layer with OCR on and off";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var typical = IntArg(args, "--typical", 6, min: 0);
        var dense = IntArg(args, "--dense", 4, min: 0);
        var runs = IntArg(args, "--runs", 2);
        var parallelism = IntArg(args, "--parallelism", 2, min: 0);
        var iterations = IntArg(args, "--iterations", 6, min: 0);
        var textPages = IntArg(args, "--text-pages", 50, min: 0);
        var scanDpi = IntArg(args, "--scan-dpi", 200, min: 0);
        var save = StringArg(args, "--save");
        OcrOptions Settings(int pagesPerProcess) => new()
        {
            MaxParallelism = parallelism,
            Dpi = IntArg(args, "--dpi", new OcrOptions().Dpi),
            Languages = StringArg(args, "--languages") ?? new OcrOptions().Languages,
            PagesPerProcess = pagesPerProcess,

            // A page given up under a neighbour's load would be measured as fast and empty: the benchmark waits.
            PageTimeout = TimeSpan.FromMinutes(10),
        };

        var passes = new PassCounter();
        using var ours = new TesseractOcr(Settings(new OcrOptions().PagesPerProcess), passes);
        using var reference = new TesseractOcr(Settings(1));
        if (!ours.Status.Available)
        {
            Console.WriteLine($"OCR unavailable: {ours.Status.Problem}");
            return 1;
        }

        var ocrOptions = Settings(1);
        Console.WriteLine($"tesseract {ours.Status.TesseractVersion}, languages {ocrOptions.Languages}, {parallelism} page(s) at once; "
            + $"scans made at {scanDpi} dpi, rendered at their own resolution within {ocrOptions.MinDpi}..{ocrOptions.Dpi} dpi");
        Console.WriteLine($"runtime: .NET {Environment.Version}, {Environment.ProcessorCount} cores; load average before: {LoadAverage()}");
        Console.WriteLine($"settings: ours = up to {new OcrOptions().PagesPerProcess} pages per Tesseract process (models loaded once a group); "
            + "reference = one process per page (before issue 16); both psm 3, one OpenMP thread per process");

        var options = new IngestionOptions { PerDocumentTimeout = TimeSpan.FromHours(1) };
        var variants = new (string Name, DocumentLoader Loader)[]
        {
            ("reference", DocumentLoader.CreateDefault(options, reference)),
            ("ours", DocumentLoader.CreateDefault(options, ours)),
        };
        var textOnly = DocumentLoader.CreateDefault(options);
        var kinds = new List<PageKind>();
        if (typical > 0)
        {
            kinds.Add(await PageKind.CreateAsync("typical (~250 words)", TypicalPages(typical, seed: 1), scanDpi, textOnly, cancellationToken));
        }

        if (dense > 0)
        {
            kinds.Add(await PageKind.CreateAsync("dense (~650 words)", DossierPdf.Generate(dense, seed: 7), scanDpi, textOnly, cancellationToken));
        }

        if (save is not null)
        {
            Directory.CreateDirectory(save);
            foreach (var (kind, n) in kinds.Select((k, n) => (k, n)))
            {
                await File.WriteAllBytesAsync(Path.Combine(save, $"scan-{n}.pdf"), kind.Scan, cancellationToken);
                await File.WriteAllLinesAsync(Path.Combine(save, $"original-{n}.txt"), kind.Originals, cancellationToken);
            }
        }

        // A warm-up page per settings so that the first measured page does not pay for loading Tesseract's models from disk.
        foreach (var (_, loader) in variants)
        {
            await loader.LoadAsync(new InputFile("warmup.pdf", Scan(TypicalPages(1, seed: 99), scanDpi)), cancellationToken);
        }

        var measures = kinds.Select(_ => variants.Select(_ => new List<Measure>()).ToArray()).ToArray();
        var monitor = new ChildProcessMonitor();
        for (var run = 0; run < runs; run++)
        {
            for (var k = 0; k < kinds.Count; k++)
            {
                // Alternate which settings go first, so that neither always meets the neighbour's busier minute.
                for (var i = 0; i < variants.Length; i++)
                {
                    var v = (i + run) % variants.Length;
                    measures[k][v].Add(await MeasureOcrAsync(variants[v].Loader, kinds[k], cancellationToken));
                }
            }
        }

        await monitor.DisposeAsync();
        Console.WriteLine();
        Console.WriteLine($"medians of {runs} run(s) each; load average now: {LoadAverage()}");
        Console.WriteLine("scanned pages          settings   pages  pages/s wall  CPU s/page  pages/s on 2 idle cores  char accuracy  table rows kept");
        var pass = true;
        for (var k = 0; k < kinds.Count; k++)
        {
            for (var v = 0; v < variants.Length; v++)
            {
                var m = measures[k][v];
                var wall = Median(m.Select(x => x.WallSeconds));
                var cpu = Median(m.Select(x => x.CpuSeconds)) / kinds[k].Pages;
                var accuracy = m.Min(x => x.Accuracy);
                var rows = kinds[k].Rows == 0 ? "-" : $"{m.Min(x => x.RowsKept)}/{kinds[k].Rows}";
                var unread = m.Max(x => kinds[k].Pages - x.OcrPages);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{kinds[k].Name,-23}{variants[v].Name,-10}{kinds[k].Pages,6}{kinds[k].Pages / wall,14:0.00}{cpu,12:0.00}{2 / cpu,25:0.00}{accuracy,15:0.0000}{rows,17}")
                    + (unread > 0 ? $"   ({unread} page(s) not read by OCR!)" : ""));
            }

            var ourCpu = Median(measures[k][1].Select(x => x.CpuSeconds)) / kinds[k].Pages;
            var refCpu = Median(measures[k][0].Select(x => x.CpuSeconds)) / kinds[k].Pages;
            var allRead = measures[k].All(m => m.All(x => x.OcrPages == kinds[k].Pages));
            var speedOk = 2 / ourCpu >= TargetPagesPerSecond && allRead;
            var accuracyOk = measures[k][1].Min(x => x.Accuracy) >= measures[k][0].Min(x => x.Accuracy) - 1e-9
                && measures[k][1].Min(x => x.RowsKept) >= measures[k][0].Min(x => x.RowsKept)
                && measures[k][1].Min(x => x.RowsKept) == kinds[k].Rows
                && allRead;
            pass &= speedOk && accuracyOk;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {kinds[k].Name}: ours/reference CPU per page {ourCpu / refCpu:0.00}; target >= {TargetPagesPerSecond:0.0} page/s on 2 idle cores: "
                + $"{(speedOk ? "PASS" : "MISS")} ({2 / ourCpu:0.00}); accuracy and table rows not below the reference, every row kept: {(accuracyOk ? "PASS" : "MISS")}"));
        }

        Console.WriteLine($"pages read twice by ours (upside-down check after a low-confidence reading): {passes.Twice} of {passes.Pages}");
        Console.WriteLine($"load average after OCR: {LoadAverage()}; peak resident memory of the tools (sampled): "
            + string.Join(", ", monitor.Peaks.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value / 1048576} MiB")));
        Console.WriteLine();
        await MeasureTextLayerAsync(textPages, iterations, ours, cancellationToken);
        return pass ? 0 : 1;
    }

    private static async Task<Measure> MeasureOcrAsync(DocumentLoader loader, PageKind kind, CancellationToken cancellationToken)
    {
        var cpuBefore = ChildCpuSeconds();
        var started = Stopwatch.GetTimestamp();
        var document = await loader.LoadAsync(new InputFile("scan.pdf", kind.Scan), cancellationToken);
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpu = ChildCpuSeconds() - cpuBefore;
        var ocrPages = document.Pages.Count(p => p.Source == Core.Documents.PageTextSource.Ocr);
        long errors = 0;
        long length = 0;
        var rowsKept = 0;
        for (var page = 1; page <= kind.Pages; page++)
        {
            var span = document.Map.PageSpan(page);
            var text = document.Text[span.Start..span.End];
            var original = kind.Originals[page - 1];
            errors += EditDistance(Normalize(original), Normalize(text));
            length += Normalize(original).Length;
            if (kind.Rows > 0)
            {
                rowsKept += RowsKept(text);
            }
        }

        return new Measure(wall, cpu, 1 - (errors / (double)length), rowsKept, ocrPages);
    }

    /// <summary>The receptor-table rows found on a page as the text layer gives them: marker and value on one line, spaces aside.</summary>
    private static int RowsKept(string page)
    {
        var lines = page.Split('\n').Select(l => Squeeze(l)).ToHashSet(StringComparer.Ordinal);
        return TableRows.Count(r => lines.Contains(Squeeze(r.Marker + r.Value)));

        static string Squeeze(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Levenshtein distance over characters, two rows of memory.</summary>
    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed record Measure(double WallSeconds, double CpuSeconds, double Accuracy, int RowsKept, int OcrPages);

    /// <summary>A scanned document of one kind of page, with the text of each page as its text original reads.</summary>
    private sealed record PageKind(string Name, byte[] Scan, string[] Originals, int Rows)
    {
        public int Pages => Originals.Length;

        public static async Task<PageKind> CreateAsync(string name, byte[] textPdf, int scanDpi, DocumentLoader textOnly, CancellationToken cancellationToken)
        {
            var original = await textOnly.LoadAsync(new InputFile("original.pdf", textPdf), cancellationToken);
            var pages = Enumerable.Range(1, original.PageCount).Select(p =>
            {
                var span = original.Map.PageSpan(p);
                return original.Text[span.Start..span.End];
            }).ToArray();
            return new PageKind(name, OcrBenchmark.Scan(textPdf, scanDpi), pages, pages.Sum(RowsKept));
        }
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
