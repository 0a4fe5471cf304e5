using System.Collections.Concurrent;
using System.Text.Json;
using MedSummary.Core.Contract;
using MedSummary.Core.Gold;

namespace MedSummary.Samples;

/// <summary>Options of a generated gold set; every dossier's spec is drawn from <see cref="Seed"/>.</summary>
public sealed record GoldSetOptions
{
    /// <summary>Number of dossiers. Default 200.</summary>
    public int Count { get; init; } = 200;

    /// <summary>Seed of the whole set. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Share of dossiers that get OCR-like noise, 0..1. Default 0.4.</summary>
    public double NoisyShare { get; init; } = 0.4;

    /// <summary>Share of dossiers with contradicting documents, 0..1. Default 0.2.</summary>
    public double ConflictShare { get; init; } = 0.2;

    /// <summary>Languages to draw from. Default both.</summary>
    public IReadOnlyList<DossierLanguage> Languages { get; init; } = [DossierLanguage.French, DossierLanguage.English];

    /// <summary>Cancer types to draw from. Default all.</summary>
    public IReadOnlyList<CancerType> Cancers { get; init; } = Enum.GetValues<CancerType>();

    /// <summary>Degree of parallelism; default the processor count.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Parallelism, 1);
        if (NoisyShare is < 0 or > 1 || ConflictShare is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(NoisyShare), "Shares must lie between 0 and 1.");
        }

        if (Languages.Count == 0 || Cancers.Count == 0)
        {
            throw new ArgumentException("At least one language and one cancer type are needed.", nameof(Languages));
        }
    }
}

/// <summary>Writes dossiers in the gold-set format (eval/README.md): one folder per dossier with its files and truth.json.</summary>
public static class GoldSetWriter
{
    public const string IndexFileName = "index.json";

    /// <summary>Writes one dossier under <paramref name="root"/>, replacing a previous folder of the same name. Returns its path.</summary>
    public static string WriteDossier(GeneratedDossier dossier, string root)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        var folder = Path.Combine(root, dossier.Name);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        foreach (var file in dossier.Files)
        {
            File.WriteAllBytes(Path.Combine(folder, file.FileName), file.Content);
        }

        File.WriteAllText(Path.Combine(folder, GoldSet.TruthFileName), GoldTruthJson.Serialize(dossier.Truth));
        return folder;
    }

    /// <summary>The specs of a gold set: varied cancers, languages, sizes, layouts, conflicts and noise.</summary>
    public static IReadOnlyList<SampleSpec> PlanGoldSet(GoldSetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var rng = new Random(options.Seed);
        var specs = new List<SampleSpec>(options.Count);
        for (var i = 0; i < options.Count; i++)
        {
            var cancer = options.Cancers[i % options.Cancers.Count];
            var language = options.Languages[rng.Next(options.Languages.Count)];
            var noisy = rng.NextDouble() < options.NoisyShare;
            var conflicts = new List<string>();
            if (rng.NextDouble() < options.ConflictShare)
            {
                var supported = SampleSpec.SupportedConflicts(cancer);
                conflicts.Add(supported[rng.Next(supported.Count)]);
                if (rng.NextDouble() < 0.3)
                {
                    var second = supported[rng.Next(supported.Count)];
                    if (!conflicts.Contains(second))
                    {
                        conflicts.Add(second);
                    }
                }
            }

            var size = rng.NextDouble() switch
            {
                < 0.3 => DossierSize.Small,
                < 0.8 => DossierSize.Medium,
                _ => DossierSize.Large,
            };
            specs.Add(new SampleSpec
            {
                Name = $"{i + 1:000}-{cancer.ToString().ToLowerInvariant()}-{(language == DossierLanguage.French ? "fr" : "en")}",
                Cancer = cancer,
                Language = language,
                Seed = rng.Next(1, int.MaxValue),
                Size = size,
                ConflictFields = conflicts,
                Noise = noisy ? Math.Round(0.2 + (rng.NextDouble() * 0.7), 2) : 0,
                NoisyDocumentShare = noisy ? Math.Round(0.3 + (rng.NextDouble() * 0.7), 2) : 1,
                TextExports = rng.Next(0, 3) == 0 ? 1 : 0,
            });
        }

        return specs;
    }

    /// <summary>Generates and writes a whole gold set, in parallel; the output does not depend on the parallelism.</summary>
    public static IReadOnlyList<GeneratedDossierSummary> WriteGoldSet(GoldSetOptions options, string root)
    {
        var specs = PlanGoldSet(options);
        Directory.CreateDirectory(root);
        var summaries = new ConcurrentDictionary<int, GeneratedDossierSummary>();
        Parallel.For(0, specs.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism }, i =>
        {
            var dossier = SampleDossierGenerator.Generate(specs[i]);
            WriteDossier(dossier, root);
            summaries[i] = GeneratedDossierSummary.Of(specs[i], dossier);
        });

        var ordered = Enumerable.Range(0, specs.Count).Select(i => summaries[i]).ToList();
        WriteIndex(root, options.Seed, ordered);
        return ordered;
    }

    /// <summary>Writes the bundled samples (<see cref="BundledSamples.Specs"/>) under <paramref name="root"/>.</summary>
    public static IReadOnlyList<GeneratedDossierSummary> WriteSamples(string root)
    {
        Directory.CreateDirectory(root);
        var summaries = new List<GeneratedDossierSummary>();
        foreach (var spec in BundledSamples.Specs)
        {
            var dossier = SampleScans.Apply(spec, SampleDossierGenerator.Generate(spec));
            WriteDossier(dossier, root);
            summaries.Add(GeneratedDossierSummary.Of(spec, dossier));
        }

        return summaries;
    }

    private static void WriteIndex(string root, int seed, IReadOnlyList<GeneratedDossierSummary> dossiers)
    {
        var index = new { generator = "MedSummary.Samples", seed, count = dossiers.Count, dossiers };
        File.WriteAllText(Path.Combine(root, IndexFileName), JsonSerializer.Serialize(index, ContractJson.Options) + "\n");
    }
}

/// <summary>What was generated for one dossier, for the gold set's index.json and the command's report.</summary>
public sealed record GeneratedDossierSummary(
    string Name,
    string Cancer,
    string Language,
    int Seed,
    int Files,
    int Pages,
    long Bytes,
    double Noise,
    IReadOnlyList<string> Conflicts)
{
    public static GeneratedDossierSummary Of(SampleSpec spec, GeneratedDossier dossier) => new(
        spec.Name,
        spec.Cancer.ToString().ToLowerInvariant(),
        spec.Language == DossierLanguage.French ? "fr" : "en",
        spec.Seed,
        dossier.Files.Count,
        dossier.PageCount,
        dossier.ByteCount,
        spec.Noise,
        dossier.Truth.Fields.Where(f => f.Value.Expectation == GoldExpectation.Conflict).Select(f => f.Key).ToList());
}
