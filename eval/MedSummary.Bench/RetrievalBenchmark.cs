using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MedSummary.Core.Chunks;
using MedSummary.Ingestion;
using MedSummary.Ingestion.Chunking;
using MedSummary.Ingestion.Loading;
using MedSummary.Retrieval.Embeddings;
using MedSummary.Retrieval.MiniLM.Embeddings;
using MedSummary.Retrieval.Search;
using MedSummary.Retrieval.Stores;
using MedSummary.Retrieval.Stores.Sqlite;
using Microsoft.Extensions.AI;

using static MedSummary.Bench.BenchArgs;

namespace MedSummary.Bench;

/// <summary>
/// Retrieval quality: the questions of eval/retrieval/questions.json (French and English, each with the passages
/// that answer it as dossier + file + substring) asked across one tenant holding the bundled samples and the
/// extra dossiers of eval/retrieval/corpus, through the real ingestion, chunker, SQLite store and Retriever.
/// Prints recall@5 and MRR@10 per language and overall for lexical (BM25), hashed n-gram dense and hybrid (the
/// default), and MiniLM dense and hybrid; then what MiniLM costs (load, embedding speed).
/// Args: [--questions FILE] [--top K] (default 5) [--no-minilm] [--misses] (list the questions each mode misses)
/// [--show ID] (print the passages each mode ranks first for one question).
/// </summary>
public sealed partial class RetrievalBenchmark : IBenchmark
{
    private const string Tenant = "retrieval-bench";
    private const int MrrDepth = 10;

    public string Name => "retrieval";

    public string Description => "Recall@5 / MRR of FR+EN questions over the samples: lexical, hashed dense/hybrid, MiniLM dense/hybrid";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var root = FindRepoRoot();
        var questionsPath = StringArg(args, "--questions") ?? Path.Combine(root, "eval", "retrieval", "questions.json");
        var top = IntArg(args, "--top", 5);
        var withMiniLm = !args.Contains("--no-minilm");
        var showMisses = args.Contains("--misses");
        var show = StringArg(args, "--show");
        var questions = LoadQuestions(questionsPath);
        var dossiers = await LoadDossiersAsync(root, questions, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"retrieval benchmark: {questions.Count} questions ({questions.Count(q => q.Lang == "fr")} fr, {questions.Count(q => q.Lang == "en")} en), "
            + $"{dossiers.Count} dossiers, {dossiers.Sum(d => d.Chunks.Count)} chunks; recall@{top}, MRR@{MrrDepth}; {Environment.ProcessorCount} cores"));

        var folder = Path.Combine(Path.GetTempPath(), "medsummary-bench-retrieval-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var rows = new List<(string Name, Answers Answers)>();
        try
        {
            using var hashed = new HashedNGramEmbeddingGenerator();
            var hashedRetriever = await IndexAsync(hashed, Path.Combine(folder, "hashed.db"), dossiers, cancellationToken);
            rows.Add(("lexical (BM25)", await AskAsync(hashedRetriever.Retriever, questions, SearchMode.Lexical, top, show, cancellationToken)));
            rows.Add(("hashed dense", await AskAsync(hashedRetriever.Retriever, questions, SearchMode.Dense, top, show, cancellationToken)));
            rows.Add(("hashed hybrid (default)", await AskAsync(hashedRetriever.Retriever, questions, SearchMode.Hybrid, top, show, cancellationToken)));
            hashedRetriever.Store.Dispose();

            if (withMiniLm)
            {
                var load = Stopwatch.StartNew();
                using var miniLm = new MiniLmEmbeddingGenerator();
                await miniLm.GenerateAsync(["warm-up"], cancellationToken: cancellationToken);
                load.Stop();
                var miniLmRetriever = await IndexAsync(miniLm, Path.Combine(folder, "minilm.db"), dossiers, cancellationToken);
                rows.Add(("MiniLM dense", await AskAsync(miniLmRetriever.Retriever, questions, SearchMode.Dense, top, show, cancellationToken)));
                rows.Add(("MiniLM hybrid", await AskAsync(miniLmRetriever.Retriever, questions, SearchMode.Hybrid, top, show, cancellationToken)));
                miniLmRetriever.Store.Dispose();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"MiniLM cost: model load {load.Elapsed.TotalSeconds:0.0} s; indexing {miniLmRetriever.Chunks} chunks {miniLmRetriever.Elapsed.TotalSeconds:0.0} s "
                    + $"({miniLmRetriever.Chunks / miniLmRetriever.Elapsed.TotalSeconds:0.0} chunks/s) against {hashedRetriever.Elapsed.TotalSeconds:0.00} s for the hashed embedder"));
            }

            Console.WriteLine();
            var trapped = questions.Count(q => q.NotAbove is { Count: > 0 });
            Console.WriteLine($"{"mode",-26} {"recall@" + top + " fr",12} {"recall@" + top + " en",12} {"recall@" + top,10} {"MRR fr",8} {"MRR en",8} {"MRR",6} {"wrong meaning first",20}");
            foreach (var (name, answers) in rows)
            {
                var ranks = answers.Ranks;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-26} {Recall(questions, ranks, top, "fr"),12:P0} {Recall(questions, ranks, top, "en"),12:P0} {Recall(questions, ranks, top, null),10:P0} "
                    + $"{Mrr(questions, ranks, "fr"),8:0.00} {Mrr(questions, ranks, "en"),8:0.00} {Mrr(questions, ranks, null),6:0.00} {answers.Confused.Count + " of " + trapped,20}"));
            }

            Console.WriteLine();
            var traps = questions.Select(q => q.Trap).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            Console.WriteLine($"recall@{top} by trap: " + string.Join(", ", traps.Select(t => $"{t} ({questions.Count(q => q.Trap == t)})")));
            foreach (var (name, answers) in rows)
            {
                var ranks = answers.Ranks;
                Console.WriteLine($"{name,-26} " + string.Join(" ", traps.Select(t => string.Create(CultureInfo.InvariantCulture,
                    $"{Recall(questions.Where(q => q.Trap == t).ToList(), questions.Select((q, i) => (q, i)).Where(p => p.q.Trap == t).Select(p => ranks[p.i]).ToList(), top, null),6:P0}"))));
            }

            if (showMisses)
            {
                foreach (var (name, answers) in rows)
                {
                    var ranks = answers.Ranks;
                    if (answers.Confused.Count > 0)
                    {
                        Console.WriteLine($"{name} ranks the wrong meaning first: {string.Join(", ", answers.Confused)}");
                    }

                    var missed = questions.Where((q, i) => ranks[i] is null || ranks[i] > top).Select(q => $"{q.Id} \"{q.Query}\"");
                    Console.WriteLine($"{name} misses: {string.Join("; ", missed)}");
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

    private static async Task<(Retriever Retriever, SqliteChunkStore Store, int Chunks, TimeSpan Elapsed)> IndexAsync(
        IEmbeddingGenerator<string, Embedding<float>> embedder, string path, List<BenchDossier> dossiers, CancellationToken cancellationToken)
    {
        var store = new SqliteChunkStore(new SqliteChunkStoreOptions { DatabasePath = path });
        var retriever = new Retriever(embedder, store);
        var watch = Stopwatch.StartNew();
        var count = 0;
        foreach (var dossier in dossiers)
        {
            count += await retriever.IndexAsync(dossier.Chunks, Tenant, dossier.Id, dossier.FileNames, cancellationToken);
        }

        return (retriever, store, count, watch.Elapsed);
    }

    /// <summary>The 1-based rank of the first passage answering each question within <see cref="MrrDepth"/>, or null.</summary>
    private static async Task<Answers> AskAsync(Retriever retriever, List<Question> questions, SearchMode mode, int top, string? show, CancellationToken cancellationToken)
    {
        var ranks = new List<int?>(questions.Count);
        var confused = new List<string>();
        foreach (var question in questions)
        {
            var hits = await retriever.SearchAsync(question.Query, new ChunkFilter(Tenant), MrrDepth, mode, cancellationToken);
            int? rank = null;
            for (var i = 0; i < hits.Count && rank is null; i++)
            {
                if (question.Expected.Any(e => IsAnswer(e, hits[i])))
                {
                    rank = i + 1;
                }
            }

            ranks.Add(rank);
            if (string.Equals(question.Id, show, StringComparison.Ordinal))
            {
                Console.WriteLine($"{question.Id} \"{question.Query}\" {mode}: answered at {rank?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
                foreach (var hit in hits.Take(top))
                {
                    Console.WriteLine($"  {hit.Chunk.DossierId}/{hit.Chunk.FileName}: {Collapse(hit.Chunk.Chunk.Text)[..Math.Min(90, Collapse(hit.Chunk.Chunk.Text).Length)]}");
                }
            }

            var wrong = hits.Take(rank is { } r ? r - 1 : top)
                .Any(h => question.NotAbove?.Any(w => Collapse(h.Chunk.Chunk.Text).Contains(w, StringComparison.Ordinal)) == true);
            if (wrong)
            {
                confused.Add(question.Id);
            }
        }

        return new Answers(ranks, confused);
    }

    private static bool IsAnswer(Expected expected, ChunkHit hit) =>
        string.Equals(hit.Chunk.DossierId, expected.Dossier, StringComparison.Ordinal)
        && string.Equals(hit.Chunk.FileName, expected.File, StringComparison.Ordinal)
        && Collapse(hit.Chunk.Chunk.Text).Contains(Collapse(expected.Contains), StringComparison.OrdinalIgnoreCase);

    private static string Collapse(string text) => Whitespace().Replace(text, " ");

    private static double Recall(IReadOnlyList<Question> questions, IReadOnlyList<int?> ranks, int top, string? lang)
    {
        var selected = Enumerable.Range(0, questions.Count).Where(i => lang is null || questions[i].Lang == lang).ToList();
        return selected.Count == 0 ? 0 : selected.Count(i => ranks[i] <= top) / (double)selected.Count;
    }

    private static double Mrr(IReadOnlyList<Question> questions, IReadOnlyList<int?> ranks, string? lang)
    {
        var selected = Enumerable.Range(0, questions.Count).Where(i => lang is null || questions[i].Lang == lang).ToList();
        return selected.Count == 0 ? 0 : selected.Sum(i => ranks[i] is { } r ? 1.0 / r : 0) / selected.Count;
    }

    private static List<Question> LoadQuestions(string path)
    {
        using var stream = File.OpenRead(path);
        var file = JsonSerializer.Deserialize<QuestionFile>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new InvalidDataException($"{path}: no questions");
        return file.Questions;
    }

    /// <summary>Every dossier a question names, from samples/NAME or eval/retrieval/corpus/NAME, chunked as the pipeline does.</summary>
    private static async Task<List<BenchDossier>> LoadDossiersAsync(string root, List<Question> questions, CancellationToken cancellationToken)
    {
        var options = new IngestionOptions();
        var loader = DocumentLoader.CreateDefault(options);
        var chunker = new SectionChunker(options.Chunking);
        var dossiers = new List<BenchDossier>();
        foreach (var name in questions.SelectMany(q => q.Expected).Select(e => e.Dossier).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var folder = new[] { Path.Combine(root, "samples", name), Path.Combine(root, "eval", "retrieval", "corpus", name) }.FirstOrDefault(Directory.Exists)
                ?? throw new DirectoryNotFoundException($"dossier '{name}' is neither in samples/ nor in eval/retrieval/corpus/");
            var chunks = new List<Chunk>();
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var path in Directory.GetFiles(folder).Where(p => p.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
            {
                var document = await loader.LoadAsync(await InputFile.FromPathAsync(path, cancellationToken), cancellationToken);
                names[document.Id] = document.FileName;
                chunks.AddRange(chunker.Chunk(document));
            }

            dossiers.Add(new BenchDossier(name, chunks, names));
        }

        return dossiers;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MedSummary.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("run from inside the repository (MedSummary.sln not found above the current folder)");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private sealed record Answers(List<int?> Ranks, List<string> Confused);

    private sealed record BenchDossier(string Id, List<Chunk> Chunks, Dictionary<string, string> FileNames);

    private sealed record QuestionFile(List<Question> Questions);

    private sealed record Question(string Id, string Lang, string Query, string Trap, List<Expected> Expected, List<string>? NotAbove);

    private sealed record Expected(string Dossier, string File, string Contains);
}
