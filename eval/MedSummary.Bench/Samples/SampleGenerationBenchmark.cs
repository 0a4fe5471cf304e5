using System.Diagnostics;
using System.Globalization;
using MedSummary.Samples;
using MedSummary.Samples.Pdf;

namespace MedSummary.Bench.Samples;

/// <summary>
/// How fast synthetic dossiers are produced: generation alone (in memory), then reading every PDF back with PdfPig.
/// Usage: samples [count=100] [parallelism=processor count].
/// </summary>
public sealed class SampleGenerationBenchmark : IBenchmark
{
    public string Name => "samples";

    public string Description => "generate N gold-set dossiers in memory and read their PDFs back (default 100)";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
        var parallelism = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        var specs = GoldSetWriter.PlanGoldSet(new GoldSetOptions { Count = count, Seed = 42 });

        // Warm-up: JIT and font metrics, kept out of the figures.
        SampleDossierGenerator.Generate(specs[0]);

        var watch = Stopwatch.StartNew();
        var dossiers = new GeneratedDossier[specs.Count];
        Parallel.For(0, specs.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, i =>
            dossiers[i] = SampleDossierGenerator.Generate(specs[i]));
        var generation = watch.Elapsed;

        watch.Restart();
        var pdfPages = 0;
        foreach (var file in dossiers.SelectMany(d => d.Files).Where(f => f.IsPdf))
        {
            cancellationToken.ThrowIfCancellationRequested();
            pdfPages += PdfTextReader.ReadPages(file.Content).Count;
        }

        var reading = watch.Elapsed;
        var pages = dossiers.Sum(d => d.PageCount);
        var bytes = dossiers.Sum(d => d.ByteCount);
        Console.WriteLine($"dossiers {count}, files {dossiers.Sum(d => d.Files.Count)}, pages {pages}, {bytes / 1048576.0:F2} MiB, parallelism {parallelism}");
        Console.WriteLine($"generate: {generation.TotalSeconds:F2} s  ({count / generation.TotalSeconds:F1} dossiers/s, {pages / generation.TotalSeconds:F0} pages/s)");
        Console.WriteLine($"read back with PdfPig (1 thread): {reading.TotalSeconds:F2} s  ({pdfPages / reading.TotalSeconds:F0} pages/s)");
        return Task.FromResult(0);
    }
}
