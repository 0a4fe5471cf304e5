using System.Reflection;
using MedSummary.Core.Errors;
using MedSummary.Ingestion.Loading;
using MedSummary.Testing.Fuzzing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace MedSummary.Ingestion.Tests.Hardening;

/// <summary>
/// A short fuzzing run (the long one is the "fuzz" benchmark): mutated sample and hostile PDFs through ingestion as the
/// service registers it. Each input is read or refused with a known code; none crashes, hangs or blows memory up.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private static readonly HashSet<string> KnownCodes = [.. typeof(InputErrorCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (string)f.GetValue(null)!)];

    [Fact]
    public async Task Mutated_pdfs_are_each_read_or_refused_with_a_known_code_without_crash_hang_or_memory_blowup()
    {
        using var services = new ServiceCollection()
            .AddMedSummaryIngestion(o => o.PerDocumentTimeout = TimeSpan.FromSeconds(30))
            .BuildServiceProvider();
        var loader = services.GetRequiredService<IDocumentLoader>();
        var cases = PdfMutator.Generate(FuzzSeeds.Create(includeScan: false), count: 150, seed: 2024);

        var report = await FuzzHarness.RunAsync(
            cases,
            (c, ct) => loader.LoadAsync(new InputFile(c.FileName, c.Bytes), ct),
            hangThreshold: TimeSpan.FromSeconds(35));

        output.WriteLine($"{report.Inputs} inputs: {report.Read} read, refused {string.Join(", ", report.RefusedByCode.Select(kv => $"{kv.Key} {kv.Value}"))}; "
            + $"slowest {report.Slowest?.Duration.TotalSeconds:0.00} s ({report.Slowest?.Case.Mutations}), peak working set {report.PeakWorkingSetBytes / 1048576} MiB");
        report.Crashes.Select(c => $"{c.Case.FileName} ({c.Case.Mutations}): {c.Crash}").ShouldBeEmpty();
        report.Hangs.Select(h => h.Case.FileName).ShouldBeEmpty();
        report.RefusedByCode.Keys.ShouldBeSubsetOf(KnownCodes);
        report.Read.ShouldBeGreaterThan(0);
        report.Refused.ShouldBeGreaterThan(0);
        report.PeakWorkingSetBytes.ShouldBeLessThan(1L << 30);
    }
}
