using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MedSummary.LlamaCpp.Chat;
using MedSummary.LlamaCpp.Models;
using MedSummary.LlamaCpp.Native;
using MedSummary.Testing.Gguf;
using Microsoft.Extensions.AI;

using static MedSummary.Bench.BenchArgs;

namespace MedSummary.Bench;

/// <summary>
/// "llm": prompt (pp) and generation (tg) throughput of our raw C-API loop and of our IChatClient against llama.cpp's
/// own llama-bench, in one run with interleaved repetitions, at depth 0 and 2,048, with flash attention on and off;
/// then characters per token of the bundled samples, prompt tokens saved by prefix reuse, and peak RSS. The model has
/// Qwen2.5-0.5B (or --size 1.5b) shapes at Q4_K_M with random weights and a real BPE vocabulary (cl100k_base), written
/// and quantized once into artifacts/bench/ (never committed), or --model PATH. llama-bench is compiled once into
/// artifacts/llama-bench/ from the same llama.cpp release (see <see cref="LlamaBenchTool"/>), or --llama-bench PATH.
/// Usage: dotnet run --project eval/MedSummary.Bench -c Release -- llm [--threads 2] [--prompt-tokens 512]
///        [--gen-tokens 64] [--depths 0,2048] [--fa on,off] [--reps 3] [--size 0.5b|1.5b] [--model PATH]
///        [--llama-bench PATH] [--questions 30] [--skip-cold] [--skip-reuse]
/// Target: ours / llama-bench ≥ 0.95 for every test (issue 16).
/// </summary>
public sealed class LlamaBenchmark : IBenchmark
{
    private const double Target = 0.95;

    public string Name => "llm";

    public string Description => "raw C API and IChatClient vs llama-bench (pp/tg, depth 0 and 2048, flash attention), chars/token, prefix reuse, peak RSS";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var threads = IntArg(args, "--threads", Environment.ProcessorCount);
        var promptTokens = IntArg(args, "--prompt-tokens", 512);
        var genTokens = IntArg(args, "--gen-tokens", 64);
        var reps = IntArg(args, "--reps", 3);
        var questions = IntArg(args, "--questions", 30);
        var depths = (StringArg(args, "--depths") ?? "0,2048").Split(',').Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToList();
        var flash = (StringArg(args, "--fa") ?? "on,off").Split(',').Select(f => f.Trim() is "on" or "1" or "enabled").Distinct().ToList();
        var skipCold = args.Contains("--skip-cold");
        var skipReuse = args.Contains("--skip-reuse");
        var modelPath = StringArg(args, "--model") ?? EnsureSyntheticModel(StringArg(args, "--size") ?? "0.5b");

        Console.WriteLine($"model: {modelPath}");
        Console.WriteLine($"load average at start: {OcrBenchmark.LoadAverage()} ({Environment.ProcessorCount} cores; figures taken under other load are noisy, the ratios less so)");
        var load = Stopwatch.StartNew();
        using var model = LlamaModel.Load(modelPath);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"loaded {model.Description} ({model.ParameterCount / 1e6:0} M params, {model.SizeBytes / 1048576.0:0} MiB, vocabulary {model.VocabularySize}) in {load.Elapsed.TotalSeconds:0.0} s; threads {threads}; RSS {RssMiB("VmRSS"):0} MiB"));

        PrintCharsPerToken(model);

        string? llamaBench = StringArg(args, "--llama-bench");
        if (llamaBench is null)
        {
            try
            {
                llamaBench = await LlamaBenchTool.EnsureAsync(FindRepoRoot(), cancellationToken);
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
            {
                Console.WriteLine($"llama-bench unavailable ({ex.Message}); pass --llama-bench PATH. Our paths are measured alone.");
            }
        }

        // Same texts for every path: the depth is a clinical passage, the prompt a further one.
        var depthText = TextOfTokens(model, depths.Max(), 0);
        var promptText = TextOfTokens(model, promptTokens, 3);
        var promptIds = model.Tokenize(promptText)[..promptTokens];
        var contextSize = depths.Max() + promptTokens + genTokens + 64;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tests: pp{promptTokens} and tg{genTokens} at depths {string.Join(", ", depths)}, flash attention {string.Join(" and ", flash.Select(OnOff))}; {reps} interleaved repetitions (llama-bench, raw, IChatClient), median reported"));

        var samples = new Dictionary<(string Path, string Test, int Depth, bool Fa), List<double>>();
        void Add(string path, string test, int depth, bool fa, double value)
        {
            if (!samples.TryGetValue((path, test, depth, fa), out var list))
            {
                samples[(path, test, depth, fa)] = list = [];
            }

            list.Add(value);
        }

        var loads = new List<double>();
        string? commit = null;
        for (var r = 0; r < reps; r++)
        {
            loads.Add(LoadOneMinute());
            if (llamaBench is not null)
            {
                foreach (var result in await LlamaBenchTool.RunAsync(llamaBench, modelPath, threads, promptTokens, genTokens, depths, flash, cancellationToken))
                {
                    Add("llama-bench", result.Test, result.Depth, result.FlashAttention, result.TokensPerSecond);
                    commit = result.Commit;
                }
            }

            foreach (var fa in flash)
            {
                using (var raw = new RawLlamaLoop(model, threads, contextSize, Mode(fa)))
                {
                    raw.RunAtDepth([], promptIds[..8], 2); // warm-up: first graph allocations
                    foreach (var depth in depths)
                    {
                        var (pp, tg) = raw.RunAtDepth(model.Tokenize(depthText)[..depth], promptIds, genTokens);
                        Add("raw", "pp", depth, fa, pp);
                        Add("raw", "tg", depth, fa, tg);
                    }
                }

                using var client = new LlamaChatClient(model, new LlamaChatClientOptions
                {
                    ModelPath = model.Path,
                    ContextSize = contextSize,
                    Threads = threads,
                    BatchSize = 512,
                    FlashAttention = Mode(fa),
                });
                foreach (var depth in depths)
                {
                    var (pp, tg, generated) = await ClientAtDepthAsync(client, model, depthText, depth, promptText, genTokens, cancellationToken);
                    Add("IChatClient", "pp", depth, fa, pp);
                    Add("IChatClient", "tg", depth, fa, tg);
                    if (generated < genTokens)
                    {
                        Console.WriteLine($"  (IChatClient generated {generated} of {genTokens} tokens at depth {depth}: the random model ended its turn)");
                    }
                }
            }

            loads.Add(LoadOneMinute());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"repetition {r + 1}/{reps} done; load average {OcrBenchmark.LoadAverage()}"));
        }

        PrintTable(samples, depths, flash, promptTokens, genTokens, llamaBench is not null, loads, commit);

        if (!skipReuse)
        {
            await PrefixReuseAsync(model, threads, questions, skipCold, cancellationToken);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak RSS (VmHWM): {RssMiB("VmHWM"):0} MiB; load average at end: {OcrBenchmark.LoadAverage()}"));
        return 0;
    }

    internal static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    private static LlamaFlashAttention Mode(bool on) => on ? LlamaFlashAttention.Enabled : LlamaFlashAttention.Disabled;

    private static string OnOff(bool on) => on ? "on" : "off";

    private static double LoadOneMinute() =>
        double.TryParse(OcrBenchmark.LoadAverage().Split(' ')[0], CultureInfo.InvariantCulture, out var load) ? load : double.NaN;

    private static void PrintTable(
        Dictionary<(string Path, string Test, int Depth, bool Fa), List<double>> samples, List<int> depths, List<bool> flash,
        int promptTokens, int genTokens, bool haveReference, List<double> loads, string? commit)
    {
        double? Get(string path, string test, int depth, bool fa) =>
            samples.TryGetValue((path, test, depth, fa), out var list) && list.Count > 0 ? Median(list) : null;
        string Ratio(double? ours, double? reference) => ours is { } o && reference is { } r ? (o / r).ToString("0.00", CultureInfo.InvariantCulture) : "–";
        string Verdict(double? ours, double? reference) => ours is { } o && reference is { } r ? (o / r >= Target ? "PASS" : "MISS") : "–";
        string Rate(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "–";

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tokens per second, median; llama-bench {(haveReference ? $"build {commit}" : "not run")}; load average (1 min) during the runs {loads.Min():0.0}–{loads.Max():0.0}"));
        Console.WriteLine("| test | depth | flash attn | llama-bench | raw C API | raw / llama-bench | IChatClient | IChatClient / llama-bench | target | raw | IChatClient |");
        Console.WriteLine("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
        var allPass = true;
        foreach (var test in new[] { "pp", "tg" })
        {
            foreach (var depth in depths)
            {
                foreach (var fa in flash)
                {
                    var reference = Get("llama-bench", test, depth, fa);
                    var raw = Get("raw", test, depth, fa);
                    var client = Get("IChatClient", test, depth, fa);
                    var name = test == "pp" ? $"pp{promptTokens}" : $"tg{genTokens}";
                    allPass &= Verdict(raw, reference) == "PASS" && Verdict(client, reference) == "PASS";
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {name} | {depth} | {OnOff(fa)} | {Rate(reference)} | {Rate(raw)} | {Ratio(raw, reference)} | {Rate(client)} | {Ratio(client, reference)} | ≥ {Target:0.00} | {Verdict(raw, reference)} | {Verdict(client, reference)} |"));
                }
            }
        }

        Console.WriteLine(haveReference
            ? $"overall: {(allPass ? "PASS" : "MISS")} (every test, both our paths, ≥ {Target:0.00} × llama-bench)"
            : "overall: no llama-bench reference, no verdict");
        if (flash.Count == 2)
        {
            Console.WriteLine("flash attention on / off, IChatClient (above 1 means on is faster):");
            foreach (var test in new[] { "pp", "tg" })
            {
                Console.WriteLine("  " + test + ": " + string.Join(", ", depths.Select(d => $"depth {d} {Ratio(Get("IChatClient", test, d, true), Get("IChatClient", test, d, false))}")));
            }
        }
    }

    /// <summary>
    /// The IChatClient's pp and tg at a depth: the depth goes into the KV cache as a system message (untimed); pp is a
    /// user message of the prompt text after it (time to first token, tokens actually decoded); tg is a short question
    /// after the same cached depth, so that generation starts near it as llama-bench's does.
    /// </summary>
    private static async Task<(double Prompt, double Gen, int Generated)> ClientAtDepthAsync(
        LlamaChatClient client, LlamaModel model, string depthText, int depth, string promptText, int genTokens, CancellationToken cancellationToken)
    {
        var system = depth == 0 ? "Tu résumes des dossiers médicaux." : model.Detokenize(model.Tokenize(depthText)[..depth]);
        await client.GetResponseAsync([new(ChatRole.System, system), new(ChatRole.User, "prêt ?")], new ChatOptions { MaxOutputTokens = 1, Temperature = 0 }, cancellationToken);

        var (first, _, usage) = await StreamAsync(client, [new(ChatRole.System, system), new(ChatRole.User, promptText)], 1, cancellationToken);
        var decoded = (usage.InputTokenCount ?? 0) - (usage.CachedInputTokenCount ?? 0);
        var prompt = decoded / first.TotalSeconds;

        var (genFirst, total, genUsage) = await StreamAsync(client, [new(ChatRole.System, system), new(ChatRole.User, "Résume.")], genTokens, cancellationToken);
        var generated = (int)(genUsage.OutputTokenCount ?? 0);
        return (prompt, (generated - 1) / (total - genFirst).TotalSeconds, generated);
    }

    private static async Task<(TimeSpan First, TimeSpan Total, UsageDetails Usage)> StreamAsync(
        LlamaChatClient client, List<ChatMessage> messages, int maxTokens, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        TimeSpan? first = null;
        UsageDetails? usage = null;
        await foreach (var update in client.GetStreamingResponseAsync(messages, new ChatOptions { MaxOutputTokens = maxTokens, Temperature = 0 }, cancellationToken))
        {
            first ??= watch.Elapsed;
            usage ??= update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details;
        }

        return (first ?? watch.Elapsed, watch.Elapsed, usage ?? new UsageDetails());
    }

    /// <summary>Characters per token of the bundled samples' text layers, with this model's vocabulary and the old synthetic one.</summary>
    private static void PrintCharsPerToken(LlamaModel model)
    {
        var samples = Path.Combine(FindRepoRoot(), "samples");
        (string Language, string[] Dossiers)[] sets = [("French", ["breast-fr", "prostate-fr"]), ("English", ["lung-en", "breast-en-conflicts"])];
        using var synthetic = LlamaModel.Load(SyntheticGgufModels.GetOrCreateChatModel());
        Console.WriteLine();
        Console.WriteLine("| sample text | characters | tokens (this model) | chars/token (this model) | chars/token (old synthetic vocabulary) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var (language, dossiers) in sets)
        {
            var text = string.Join('\n', dossiers.SelectMany(d => Directory.GetFiles(Path.Combine(samples, d), "*.pdf").Order(StringComparer.Ordinal)).Select(PdfText));
            var tokens = model.Tokenize(text).Length;
            var old = synthetic.Tokenize(text).Length;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {language} ({string.Join(", ", dossiers)}) | {text.Length} | {tokens} | {(double)text.Length / tokens:0.00} | {(double)text.Length / old:0.00} |"));
        }
    }

    private static string PdfText(string path)
    {
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(path);
        return string.Join('\n', pdf.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))));
    }

    /// <summary>Clinical French of at least <paramref name="tokens"/> tokens, sentences taken in turn from <paramref name="offset"/>.</summary>
    private static string TextOfTokens(LlamaModel model, int tokens, int offset)
    {
        string[] sentences =
        [
            "Compte rendu anatomopathologique de la pièce de tumorectomie du sein gauche reçue fixée en formol.",
            "Carcinome canalaire infiltrant de grade 2 selon Elston et Ellis, mesurant 23 mm dans son plus grand axe.",
            "Les récepteurs aux œstrogènes sont exprimés à 90 % et les récepteurs à la progestérone à 40 %.",
            "HER2 négatif (score 1+ en immunohistochimie), index de prolifération Ki-67 estimé à 20 %.",
            "Les marges d'exérèse sont saines, la plus proche à 4 mm en latéral ; absence d'emboles vasculaires.",
            "Le ganglion sentinelle axillaire (0/3) est indemne de métastase après analyse en coupes sériées.",
            "La réunion de concertation pluridisciplinaire propose une radiothérapie adjuvante suivie d'une hormonothérapie.",
            "La patiente, âgée de 58 ans, ménopausée, sans antécédent familial notable, est informée de la proposition.",
        ];
        var text = new System.Text.StringBuilder();
        for (var i = offset; model.Tokenize(text.ToString()).Length < tokens; i++)
        {
            text.Append(sentences[i % sentences.Length]).Append(' ');
        }

        return text.ToString();
    }

    private static async Task PrefixReuseAsync(LlamaModel model, int threads, int questions, bool skipCold, CancellationToken cancellationToken)
    {
        var passage = string.Join(' ', Enumerable.Repeat(
            "Compte rendu anatomopathologique: carcinome canalaire infiltrant du sein gauche, grade 2, 23 mm, RE 90 %, RP 40 %, HER2 négatif (1+), Ki-67 20 %, marges saines, 0/3 ganglions.", 8));
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"value":{"type":["string","null"],"maxLength":24},"quote":{"type":"string","maxLength":40}},"required":["value","quote"],"additionalProperties":false}""").RootElement;
        var fields = new[] { "latéralité", "type histologique", "grade", "taille", "RE", "RP", "HER2", "Ki-67", "marges", "ganglions" };
        var asks = Enumerable.Range(0, questions).Select(i => $"Extrais la valeur du champ « {fields[i % fields.Length]} » (question {i + 1}).").ToList();
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema), MaxOutputTokens = 48, Temperature = 0 };
        List<ChatMessage> Messages(string ask) =>
        [
            new(ChatRole.System, "Réponds en JSON avec la valeur et la citation exacte du document.\nDocument:\n" + passage),
            new(ChatRole.User, ask),
        ];

        using var warm = new LlamaChatClient(model, new LlamaChatClientOptions { ModelPath = model.Path, ContextSize = 2048, Threads = threads });
        long total = 0, reused = 0;
        var watch = Stopwatch.StartNew();
        foreach (var ask in asks)
        {
            var response = await warm.GetResponseAsync(Messages(ask), options, cancellationToken);
            total += response.Usage!.InputTokenCount ?? 0;
            reused += response.Usage.CachedInputTokenCount ?? 0;
        }

        var warmTime = watch.Elapsed;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"prefix reuse, {questions}-question extraction over one passage: {total} prompt tokens, {reused} served from the KV cache ({reused * 100.0 / total:0.0} % saved), {total - reused} decoded; {warmTime.TotalSeconds:0.0} s"));
        if (skipCold)
        {
            return;
        }

        watch.Restart();
        foreach (var ask in asks)
        {
            // A fresh client per question: nothing to reuse, the cold baseline.
            using var cold = new LlamaChatClient(model, new LlamaChatClientOptions { ModelPath = model.Path, ContextSize = 2048, Threads = threads });
            await cold.GetResponseAsync(Messages(ask), options, cancellationToken);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"same {questions} questions without reuse (fresh context each): {watch.Elapsed.TotalSeconds:0.0} s ({watch.Elapsed / warmTime:0.0}x slower)"));
    }

    /// <summary>The Qwen2.5-0.5B-shaped Q4_K_M random-weight model in artifacts/bench/, written and quantized on first use.</summary>
    internal static string EnsureSyntheticModel() => EnsureSyntheticModel("0.5b");

    /// <summary>
    /// The Qwen2.5-shaped ("0.5b" or "1.5b") Q4_K_M random-weight model with the real cl100k_base vocabulary in
    /// artifacts/bench/, written and quantized on first use. The file names say "cl100k" so that files written with the
    /// old synthetic vocabulary are never reused.
    /// </summary>
    internal static string EnsureSyntheticModel(string size)
    {
        var spec = size.ToLowerInvariant() switch
        {
            "0.5b" => SyntheticChatModelSpec.Qwen25HalfB,
            "1.5b" => SyntheticChatModelSpec.Qwen25OnePointFiveB,
            _ => throw new ArgumentException($"--size must be 0.5b or 1.5b (is '{size}')", nameof(size)),
        };
        var dir = Path.Combine(FindRepoRoot(), "artifacts", "bench");
        Directory.CreateDirectory(dir);
        var stem = $"synthetic-qwen2.5-{size.ToLowerInvariant()}-cl100k";
        var q4 = Path.Combine(dir, $"{stem}-q4_k_m.gguf");
        if (File.Exists(q4))
        {
            return q4;
        }

        var f16 = Path.Combine(dir, $"{stem}-f16.gguf");
        var watch = Stopwatch.StartNew();
        SyntheticGgufModels.WriteChatModel(f16, spec);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote F16 model with Qwen2.5-{size} shapes ({new FileInfo(f16).Length / 1048576.0:0} MiB) in {watch.Elapsed.TotalSeconds:0.0} s"));
        watch.Restart();
        LlamaQuantizer.Quantize(f16, q4, LlamaFileType.MostlyQ4_K_M);
        File.Delete(f16);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"quantized to Q4_K_M ({new FileInfo(q4).Length / 1048576.0:0} MiB) in {watch.Elapsed.TotalSeconds:0.0} s"));
        return q4;
    }

    internal static List<ChatMessage> PromptOfLength(LlamaModel model, int tokens)
    {
        var words = "compte rendu biopsie carcinome canalaire infiltrant sein gauche grade stade tumeur ganglion traitement examen".Split(' ');
        var text = new System.Text.StringBuilder();
        for (var i = 0; model.Tokenize(text.ToString()).Length < tokens - 24; i++)
        {
            text.Append(words[i % words.Length]).Append(' ');
        }

        return [new(ChatRole.System, "Tu résumes des dossiers médicaux."), new(ChatRole.User, text.ToString())];
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static double RssMiB(string field)
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    internal static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MedSummary.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
