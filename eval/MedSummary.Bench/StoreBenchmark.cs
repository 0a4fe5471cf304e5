using System.Diagnostics;
using System.Globalization;
using MedSummary.Core.Chunks;
using MedSummary.Core.Provenance;
using MedSummary.Retrieval.Embeddings;
using MedSummary.Retrieval.Search;
using MedSummary.Retrieval.Stores;
using MedSummary.Retrieval.Stores.Sqlite;

using static MedSummary.Bench.BenchArgs;

namespace MedSummary.Bench;

/// <summary>
/// The embedded retrieval stack: hashed n-gram embedding and SQLite indexing of a 50-page dossier (~200 chunks)
/// and of a 10k-chunk tenant, then dense / lexical / hybrid query latency at dossier and tenant scope.
/// Synthetic French medical text from a fixed seed, so runs are comparable.
/// Args: [--chunks N] (tenant size, default 10000) [--queries N] (default 50) [--dimension D] (default 512).
/// </summary>
public sealed class StoreBenchmark : IBenchmark
{
    private const int ChunksPerDossier = 200;
    private const string Tenant = "bench";

    private static readonly string[] FunctionWords =
    [
        "de", "la", "le", "les", "des", "du", "et", "à", "en", "pour", "par", "sans", "avec", "sur", "une", "un", "est",
        "the", "of", "and", "with", "was", "for",
    ];

    private static readonly string[] MedicalWords =
    [
        "carcinome", "canalaire", "infiltrant", "sein", "gauche", "droit", "grade", "SBR", "récepteurs", "œstrogènes",
        "progestérone", "HER2", "négatif", "positif", "ganglion", "sentinelle", "métastase", "hépatique", "osseuse",
        "pulmonaire", "scanner", "TEP", "IRM", "biopsie", "tumorectomie", "mastectomie", "radiothérapie", "chimiothérapie",
        "adjuvante", "néoadjuvante", "hormonothérapie", "tamoxifène", "létrozole", "trastuzumab", "pembrolizumab",
        "adénocarcinome", "prostatique", "colique", "rectal", "pancréas", "lymphome", "myélome", "leucémie", "mélanome",
        "patiente", "patient", "âgée", "ans", "antécédents", "familiaux", "tabagisme", "sevré", "performance", "status",
        "OMS", "ECOG", "Ki67", "pT2", "N0", "M0", "pT1c", "N1a", "cTNM", "stade", "localisé", "avancé", "récidive",
        "rémission", "progression", "réponse", "complète", "partielle", "toxicité", "neutropénie", "fébrile", "cure",
        "cycle", "dose", "mg", "m2", "jour", "semaine", "consultation", "réunion", "concertation", "pluridisciplinaire",
        "proposition", "surveillance", "bilan", "extension", "lésion", "secondaire", "cible", "mesurable", "RECIST",
        "referred", "evaluation", "breast", "mass", "axillary", "nodes",
    ];

    private static readonly string[] Syllables =
        ["ca", "ro", "mi", "té", "lo", "par", "gan", "sé", "cru", "dio", "phi", "que", "ni", "lé", "vo", "tra", "cel", "on", "ur", "ma"];

    // Words by decreasing frequency with Zipf weights (1/rank): function words first, then clinical words mixed
    // with pseudo-words, so that posting lists have realistic lengths (a few huge, most short).
    private static readonly (string[] Words, double[] Cumulative) Lexicon = BuildLexicon();

    public string Name => "store";

    public string Description => "Embed + index a 200-chunk dossier and a 10k-chunk tenant in SQLite; dense/lexical/hybrid latency";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var tenantChunks = IntArg(args, "--chunks", 10_000);
        var queryCount = IntArg(args, "--queries", 50);
        var dimension = IntArg(args, "--dimension", 512);
        var folder = Path.Combine(Path.GetTempPath(), "medsummary-bench-store-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using var embedder = new HashedNGramEmbeddingGenerator(new HashedNGramEmbeddingOptions { Dimension = dimension });
            var random = new Random(20261123);
            Console.WriteLine($"store benchmark: dimension {dimension}, {Environment.ProcessorCount} cores, {RuntimeInfo()}");

            // Warm-up: JIT, SQLite native load, FTS tokenizer.
            await IndexAsync(embedder, Path.Combine(folder, "warmup.db"), MakeDossiers(new Random(1), 1, 50), cancellationToken);

            var dossier = MakeDossiers(random, 1, ChunksPerDossier);
            var small = await IndexAsync(embedder, Path.Combine(folder, "dossier.db"), dossier, cancellationToken);
            Report("50-page dossier", small);

            var dossierCount = Math.Max(1, tenantChunks / ChunksPerDossier);
            var tenant = MakeDossiers(random, dossierCount, ChunksPerDossier);
            var large = await IndexAsync(embedder, Path.Combine(folder, "tenant.db"), tenant, cancellationToken);
            Report($"tenant ({dossierCount} dossiers)", large);

            using var store = new SqliteChunkStore(new SqliteChunkStoreOptions { DatabasePath = Path.Combine(folder, "tenant.db") });
            var queries = Enumerable.Range(0, queryCount).Select(_ => MakeQuery(random)).ToList();
            var embedWatch = Stopwatch.StartNew();
            var vectors = queries.Select(embedder.Embed).ToList();
            embedWatch.Stop();
            Console.WriteLine($"query embedding: {embedWatch.Elapsed.TotalMilliseconds / queryCount:F3} ms/query");
            Console.WriteLine();
            // CPU time is printed beside wall time: on a shared machine it is the steadier of the two.
            Console.WriteLine($"{"scope",-28} {"mode",-8} {"top",4} {"p50 ms",8} {"p95 ms",8} {"mean ms",8} {"cpu ms",8}");
            var scopes = new (string Name, ChunkFilter Filter)[]
            {
                ($"dossier ({ChunksPerDossier} of {tenant.Sum(d => d.Chunks.Count)})", new ChunkFilter(Tenant, DossierIds: [tenant[dossierCount / 2].DossierId])),
                ($"tenant ({tenant.Sum(d => d.Chunks.Count)})", new ChunkFilter(Tenant)),
            };
            foreach (var (scopeName, filter) in scopes)
            {
                foreach (var mode in Enum.GetValues<SearchMode>())
                {
                    var timings = new List<double>(queryCount);
                    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                    for (var i = 0; i < queryCount; i++)
                    {
                        var query = new ChunkQuery(filter, mode == SearchMode.Dense ? null : queries[i], mode == SearchMode.Lexical ? null : vectors[i], 10, mode);
                        var watch = Stopwatch.StartNew();
                        await store.SearchAsync(query, cancellationToken);
                        timings.Add(watch.Elapsed.TotalMilliseconds);
                    }

                    var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / queryCount;
                    timings.Sort();
                    Console.WriteLine(
                        $"{scopeName,-28} {mode,-8} {10,4} {Percentile(timings, 0.50),8:F2} {Percentile(timings, 0.95),8:F2} {timings.Average(),8:F2} {cpu,8:F2}");
                }
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<IndexResult> IndexAsync(HashedNGramEmbeddingGenerator embedder, string path, List<BenchDossier> dossiers, CancellationToken cancellationToken)
    {
        using var store = new SqliteChunkStore(new SqliteChunkStoreOptions { DatabasePath = path });
        await store.EnsureCreatedAsync(embedder.Dimension, embedder.ModelId, cancellationToken);

        var embedWatch = Stopwatch.StartNew();
        var indexed = new List<(BenchDossier Dossier, List<IndexedChunk> Chunks)>();
        foreach (var dossier in dossiers)
        {
            var embeddings = await embedder.GenerateAsync(dossier.Chunks.Select(c => c.Text), cancellationToken: cancellationToken);
            indexed.Add((dossier, dossier.Chunks.Select((c, i) => new IndexedChunk(c, Tenant, dossier.DossierId, "bench.pdf", embeddings[i].Vector)).ToList()));
        }

        embedWatch.Stop();
        var upsertWatch = Stopwatch.StartNew();
        foreach (var (_, chunks) in indexed)
        {
            await store.UpsertAsync(chunks, cancellationToken);
        }

        upsertWatch.Stop();

        // End to end through the Retriever on a fresh file: what the pipeline pays per dossier.
        var retrieverPath = path + ".retriever.db";
        using var retrieverStore = new SqliteChunkStore(new SqliteChunkStoreOptions { DatabasePath = retrieverPath });
        var retriever = new Retriever(embedder, retrieverStore);
        var endToEnd = Stopwatch.StartNew();
        foreach (var dossier in dossiers)
        {
            await retriever.IndexAsync(dossier.Chunks, Tenant, dossier.DossierId, new Dictionary<string, string> { ["doc"] = "bench.pdf" }, cancellationToken);
        }

        endToEnd.Stop();
        var chunkCount = dossiers.Sum(d => d.Chunks.Count);
        var characters = dossiers.Sum(d => d.Chunks.Sum(c => (long)c.Text.Length));
        return new IndexResult(chunkCount, characters, embedWatch.Elapsed, upsertWatch.Elapsed, endToEnd.Elapsed, FileBytes(path));
    }

    private static void Report(string name, IndexResult r)
    {
        Console.WriteLine(
            $"{name}: {r.Chunks} chunks ({r.Characters / r.Chunks} chars avg) | embed {r.Embed.TotalMilliseconds:F0} ms ({r.Chunks / r.Embed.TotalSeconds:F0} chunks/s) "
            + $"| upsert {r.Upsert.TotalMilliseconds:F0} ms ({r.Chunks / r.Upsert.TotalSeconds:F0} chunks/s) "
            + $"| Retriever.IndexAsync end to end {r.EndToEnd.TotalMilliseconds:F0} ms | file + WAL {r.FileBytes / 1024.0 / 1024.0:F1} MiB");
    }

    private static List<BenchDossier> MakeDossiers(Random random, int count, int chunksPerDossier)
    {
        var dossiers = new List<BenchDossier>(count);
        for (var d = 0; d < count; d++)
        {
            var chunks = new List<Chunk>(chunksPerDossier);
            var offset = 0;
            for (var i = 0; i < chunksPerDossier; i++)
            {
                var text = MakeText(random, random.Next(120, 180));
                chunks.Add(new Chunk(Chunk.MakeId("doc", i), "doc", i, i % 5 == 0 ? "Conclusion" : "Examen", TextSpan.FromLength(offset, text.Length), 1 + (i / 4), 1 + (i / 4), text));
                offset += text.Length + 1;
            }

            dossiers.Add(new BenchDossier($"dossier-{d:D4}", chunks));
        }

        return dossiers;
    }

    private static string MakeText(Random random, int words)
    {
        var parts = new string[words];
        for (var i = 0; i < words; i++)
        {
            parts[i] = random.Next(20) == 0 ? random.Next(1, 200).ToString(CultureInfo.InvariantCulture) : SampleWord(random);
        }

        return string.Join(' ', parts);
    }

    /// <summary>A query as a user types it: a function word or two and a few mid-frequency content words.</summary>
    private static string MakeQuery(Random random)
    {
        var parts = new List<string>();
        var content = random.Next(2, 5);
        for (var i = 0; i < content; i++)
        {
            parts.Add(Lexicon.Words[random.Next(FunctionWords.Length + 10, Math.Min(Lexicon.Words.Length, 2000))]);
            if (random.Next(2) == 0)
            {
                parts.Add(FunctionWords[random.Next(FunctionWords.Length)]);
            }
        }

        return string.Join(' ', parts);
    }

    private static string SampleWord(Random random)
    {
        var (words, cumulative) = Lexicon;
        var target = random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, target);
        return words[Math.Min(words.Length - 1, index >= 0 ? index : ~index)];
    }

    private static (string[] Words, double[] Cumulative) BuildLexicon()
    {
        var random = new Random(7);
        var words = new List<string>(FunctionWords);
        var medical = 0;
        var seen = new HashSet<string>(words, StringComparer.Ordinal);
        while (words.Count < 5000)
        {
            if (medical < MedicalWords.Length && words.Count % 8 == 0)
            {
                words.Add(MedicalWords[medical++]);
                continue;
            }

            var pseudo = string.Concat(Enumerable.Range(0, random.Next(2, 5)).Select(_ => Syllables[random.Next(Syllables.Length)]));
            if (seen.Add(pseudo))
            {
                words.Add(pseudo);
            }
        }

        var cumulative = new double[words.Count];
        double sum = 0;
        for (var i = 0; i < words.Count; i++)
        {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }

        return (words.ToArray(), cumulative);
    }

    private static long FileBytes(string path) =>
        new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string RuntimeInfo() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

    private sealed record BenchDossier(string DossierId, List<Chunk> Chunks);

    private sealed record IndexResult(int Chunks, long Characters, TimeSpan Embed, TimeSpan Upsert, TimeSpan EndToEnd, long FileBytes);
}
