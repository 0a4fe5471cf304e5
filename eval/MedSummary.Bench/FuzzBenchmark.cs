using System.Diagnostics;
using System.Globalization;
using MedSummary.Ingestion;
using MedSummary.Ingestion.Loading;
using MedSummary.Ingestion.Ocr;
using MedSummary.Ingestion.Pdf.Isolation;
using MedSummary.Testing.Fuzzing;
using Microsoft.Extensions.DependencyInjection;

using static MedSummary.Bench.BenchArgs;

namespace MedSummary.Bench;

/// <summary>
/// The long fuzzing run: mutated sample and hostile PDFs through ingestion as the service registers it (PDF parsing
/// isolated in workers, per-document time limit), one document after the other. Prints inputs, what was read and
/// refused by code, crashes (must be 0), documents over the hang limit, the slowest document, and peak memory: this
/// process's working set and the largest child's resident size (PDF workers, pdftoppm, tesseract).
/// </summary>
/// <remarks>
/// Arguments: --count N (default 2000), --seed N (default 1), --timeout S (per-document limit, default 30),
/// --ocr (register OCR and add a scanned seed: slower, exercises the renderer on mutated scans), --progress N (a line
/// every N inputs, default 100). Exit code 1 when anything crashed or hung.
/// </remarks>
public sealed class FuzzBenchmark : IBenchmark
{
    public string Name => "fuzz";

    public string Description => "fuzz ingestion with mutated PDFs (--count 2000 --seed N [--ocr]): crashes, hangs, peak memory";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var count = IntArg(args, "--count", 2000);
        var seed = IntArg(args, "--seed", 1);
        var timeout = TimeSpan.FromSeconds(IntArg(args, "--timeout", 30));
        var withOcr = args.Contains("--ocr");
        var every = Math.Max(1, IntArg(args, "--progress", 100));

        var services = new ServiceCollection().AddMedSummaryIngestion(o => o.PerDocumentTimeout = timeout);
        if (withOcr)
        {
            services.AddMedSummaryOcr(o => o.MaxParallelism = 2);
        }

        var provider = services.BuildServiceProvider();
        FuzzReport report;
        int workersStarted;
        int workersLost;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var loader = provider.GetRequiredService<IDocumentLoader>();
            var seeds = FuzzSeeds.Create(includeScan: withOcr);
            Console.WriteLine($"fuzz: {count} inputs from {seeds.Count} seeds ({string.Join(", ", seeds.Select(s => s.Name))}), seed {seed}, "
                + $"limit {timeout.TotalSeconds:0} s per document, OCR {(withOcr ? "on" : "off")}, PDF parsing isolated");
            var done = 0;
            var progress = new Progress(o =>
            {
                if (++done % every == 0)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {done} done, {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s, working set {Environment.WorkingSet / 1048576} MiB"));
                }

                if (o.Crash is not null)
                {
                    Console.WriteLine($"  CRASH {o.Case.FileName} ({o.Case.Mutations}): {o.Crash}");
                }
            });
            report = await FuzzHarness.RunAsync(
                PdfMutator.Generate(seeds, count, seed),
                (c, ct) => loader.LoadAsync(new InputFile(c.FileName, c.Bytes), ct),
                timeout + TimeSpan.FromSeconds(5),
                progress,
                cancellationToken);
            var pool = provider.GetRequiredService<PdfWorkerPool>();
            workersStarted = pool.WorkersStarted;
            workersLost = pool.WorkersLost;
        }
        finally
        {
            await provider.DisposeAsync();
        }

        var wall = Stopwatch.GetElapsedTime(started);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"inputs            {report.Inputs} in {wall.TotalSeconds:0} s"));
        Console.WriteLine($"read              {report.Read}");
        Console.WriteLine($"refused           {report.Refused}: {string.Join(", ", report.RefusedByCode.Select(kv => $"{kv.Key} {kv.Value}"))}");
        Console.WriteLine($"crashes           {report.Crashes.Count}");
        Console.WriteLine($"hangs (> {(timeout + TimeSpan.FromSeconds(5)).TotalSeconds:0} s)    {report.Hangs.Count}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"time per document median {report.MedianDuration.TotalMilliseconds:0} ms, p99 {report.P99Duration.TotalMilliseconds:0} ms, "
            + $"max {report.Slowest?.Duration.TotalSeconds:0.00} s ({report.Slowest?.Case.FileName}, {report.Slowest?.Case.Mutations})"));
        Console.WriteLine($"PDF workers       {workersStarted} started, {workersLost} lost to a document (crash, timeout or memory limit)");
        var children = report.PeakChildRssByName.Count == 0
            ? "not sampled"
            : string.Join(", ", report.PeakChildRssByName.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value / 1048576} MiB"));
        Console.WriteLine($"peak memory       this process {report.PeakWorkingSetBytes / 1048576} MiB (working set); children (resident, sampled): {children}");
        var mutations = report.Inputs == 0 ? "" : string.Join(", ", PdfMutator.MutationKinds);
        Console.WriteLine($"mutations         {mutations}");
        return report.Crashes.Count == 0 && report.Hangs.Count == 0 ? 0 : 1;
    }

    private sealed class Progress(Action<FuzzOutcome> report) : IProgress<FuzzOutcome>
    {
        public void Report(FuzzOutcome value) => report(value);
    }
}
