using MedSummary.Core.Gold;
using Shouldly;
using Xunit;

namespace MedSummary.Samples.Tests;

public sealed class GoldSetWriterTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "medsummary-goldset-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task A_written_gold_set_loads_through_the_core_reader_and_every_quote_verifies()
    {
        var options = new GoldSetOptions { Count = 6, Seed = 9, NoisyShare = 0.5, ConflictShare = 0.5 };

        var summaries = GoldSetWriter.WriteGoldSet(options, _root);
        var dossiers = await GoldSet.LoadAsync(_root);
        var problems = await GoldSetVerifier.VerifyAsync(_root);

        dossiers.Count.ShouldBe(6);
        dossiers.Select(d => d.Name).ShouldBe(summaries.Select(s => s.Name));
        dossiers.Select(d => d.Truth.Language).Distinct().Count().ShouldBe(2);
        dossiers.ShouldAllBe(d => d.FilePaths.Count >= 5);
        File.Exists(Path.Combine(_root, GoldSetWriter.IndexFileName)).ShouldBeTrue();
        problems.ShouldBeEmpty();
    }

    [Fact]
    public void The_specs_of_a_gold_set_vary_and_depend_only_on_the_seed()
    {
        var options = new GoldSetOptions { Count = 60, Seed = 42 };

        var specs = GoldSetWriter.PlanGoldSet(options);

        static string Key(SampleSpec s) => $"{s.Name}|{s.Seed}|{s.Size}|{s.Noise}|{s.NoisyDocumentShare}|{s.TextExports}|{string.Join(',', s.ConflictFields)}";
        GoldSetWriter.PlanGoldSet(options).Select(Key).ShouldBe(specs.Select(Key));
        GoldSetWriter.PlanGoldSet(options with { Seed = 43 }).Select(Key).ShouldNotBe(specs.Select(Key));
        specs.Select(s => s.Cancer).Distinct().Count().ShouldBe(5);
        specs.Select(s => s.Language).Distinct().Count().ShouldBe(2);
        specs.ShouldContain(s => s.Noise > 0);
        specs.ShouldContain(s => s.Noise == 0);
        specs.ShouldContain(s => s.ConflictFields.Count > 0);
        specs.Select(s => s.Size).Distinct().Count().ShouldBe(3);
        specs.Select(s => s.Name).ShouldBeUnique();
    }

    [Fact]
    public void Parallel_and_sequential_generation_write_the_same_bytes()
    {
        var options = new GoldSetOptions { Count = 4, Seed = 3 };
        var sequential = Path.Combine(_root, "seq");
        var parallel = Path.Combine(_root, "par");

        GoldSetWriter.WriteGoldSet(options with { Parallelism = 1 }, sequential);
        GoldSetWriter.WriteGoldSet(options with { Parallelism = 4 }, parallel);

        var files = Directory.GetFiles(sequential, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(sequential, f)).Order(StringComparer.Ordinal).ToList();
        Directory.GetFiles(parallel, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(parallel, f)).Order(StringComparer.Ordinal).ShouldBe(files);
        foreach (var file in files)
        {
            File.ReadAllBytes(Path.Combine(parallel, file)).ShouldBe(File.ReadAllBytes(Path.Combine(sequential, file)), file);
        }
    }

    [Fact]
    public void A_spec_asking_for_an_unsupported_conflict_is_refused_with_the_supported_ones()
    {
        var spec = new SampleSpec { Name = "x", Cancer = CancerType.Prostate, ConflictFields = ["laterality"] };

        var error = Should.Throw<ArgumentException>(() => SampleDossierGenerator.Generate(spec));

        error.Message.ShouldContain("gleason_score");
    }
}
