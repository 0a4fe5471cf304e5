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
/// "llm": throughput of our IChatClient against the same model driven directly through llama.cpp's C API, prompt
/// tokens saved by prefix reuse on a 30-question extraction, and peak RSS. The model has Qwen2.5-0.5B shapes at
/// Q4_K_M with random weights (written and quantized once into artifacts/bench/, never committed), or --model PATH.
/// Usage: dotnet run --project eval/MedSummary.Bench -c Release -- llm [--threads N] [--prompt-tokens 512]
///        [--gen-tokens 64] [--reps 3] [--questions 30] [--skip-cold] [--skip-reuse] [--model PATH]
/// </summary>
public sealed class LlamaBenchmark : IBenchmark
{
    public string Name => "llm";

    public string Description => "llama.cpp IChatClient vs raw C API throughput, prefix reuse, peak RSS";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var threads = IntArg(args, "--threads", Environment.ProcessorCount);
        var promptTokens = IntArg(args, "--prompt-tokens", 512);
        var genTokens = IntArg(args, "--gen-tokens", 64);
        var reps = IntArg(args, "--reps", 3);
        var questions = IntArg(args, "--questions", 30);
        var skipCold = args.Contains("--skip-cold");
        var skipReuse = args.Contains("--skip-reuse");
        var modelPath = StringArg(args, "--model") ?? EnsureSyntheticModel();

        Console.WriteLine($"model: {modelPath}");
        var load = Stopwatch.StartNew();
        using var model = LlamaModel.Load(modelPath);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"loaded {model.Description} ({model.ParameterCount / 1e6:0} M params, {model.SizeBytes / 1048576.0:0} MiB) in {load.Elapsed.TotalSeconds:0.0} s; threads {threads}; RSS {RssMiB("VmRSS"):0} MiB"));

        // One prompt of the requested length, rendered by the model's template, used identically by both paths.
        var messages = PromptOfLength(model, promptTokens);
        var rendered = model.ApplyChatTemplate(messages.Select(m => new KeyValuePair<string, string>(m.Role.Value, m.Text)).ToList(), true);
        var tokens = model.Tokenize(rendered, addSpecial: true, parseSpecial: true);
        Console.WriteLine($"prompt: {tokens.Length} tokens; generation: up to {genTokens} tokens, greedy; {reps} repetitions, median reported");

        var direct = new List<ThroughputSample>();
        var ours = new List<ThroughputSample>();
        using (var raw = new RawLlamaLoop(model, threads, tokens.Length + genTokens + 16))
        {
            raw.Run(tokens, 4); // warm-up: first graph allocations
            for (var r = 0; r < reps; r++)
            {
                direct.Add(raw.Run(tokens, genTokens));
                ours.Add(await ClientRunAsync(model, messages, threads, tokens.Length + genTokens + 16, genTokens, cancellationToken));
            }
        }

        var dPrompt = Median(direct.Select(x => x.Prompt));
        var dGen = Median(direct.Select(x => x.Gen));
        var oPrompt = Median(ours.Select(x => x.Prompt));
        var oGen = Median(ours.Select(x => x.Gen));
        var dPromptCpu = Median(direct.Select(x => x.PromptPerCpu));
        var dGenCpu = Median(direct.Select(x => x.GenPerCpu));
        var oPromptCpu = Median(ours.Select(x => x.PromptPerCpu));
        var oGenCpu = Median(ours.Select(x => x.GenPerCpu));
        Console.WriteLine();
        Console.WriteLine("| path | prompt tok/s | generation tok/s | prompt tok per CPU-s | generation tok per CPU-s | tokens generated |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| raw C API (P/Invoke loop) | {dPrompt:0.0} | {dGen:0.0} | {dPromptCpu:0.0} | {dGenCpu:0.0} | {direct[0].Generated} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| LlamaChatClient (IChatClient, streaming) | {oPrompt:0.0} | {oGen:0.0} | {oPromptCpu:0.0} | {oGenCpu:0.0} | {ours[0].Generated} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"overhead of IChatClient (target < 5 %): wall clock prompt {(1 - (oPrompt / dPrompt)) * 100:0.0} %, generation {(1 - (oGen / dGen)) * 100:0.0} %; CPU time prompt {(1 - (oPromptCpu / dPromptCpu)) * 100:0.0} %, generation {(1 - (oGenCpu / dGenCpu)) * 100:0.0} %"));
        Console.WriteLine("(CPU-time figures stay meaningful when other processes share the cores; with --threads 1 ggml does not spin-wait.)");

        if (!skipReuse)
        {
            await PrefixReuseAsync(model, threads, questions, skipCold, cancellationToken);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak RSS (VmHWM): {RssMiB("VmHWM"):0} MiB"));
        return 0;
    }

    internal static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    private static async Task<ThroughputSample> ClientRunAsync(
        LlamaModel model, List<ChatMessage> messages, int threads, int contextSize, int genTokens, CancellationToken cancellationToken)
    {
        using var client = new LlamaChatClient(model, new LlamaChatClientOptions
        {
            ModelPath = model.Path,
            ContextSize = contextSize,
            Threads = threads,
            BatchSize = 512,
        });

        // Create the context and its graphs outside the timing, with a prompt that shares only the first token.
        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "warm up")], new ChatOptions { MaxOutputTokens = 2, Temperature = 0 }, cancellationToken);

        var options = new ChatOptions { MaxOutputTokens = genTokens, Temperature = 0 };
        var cpu0 = Cpu();
        TimeSpan cpu1 = default;
        var watch = Stopwatch.StartNew();
        TimeSpan? first = null;
        UsageDetails? usage = null;
        await foreach (var update in client.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            if (first is null)
            {
                first = watch.Elapsed;
                cpu1 = Cpu();
            }

            usage ??= update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details;
        }

        var total = watch.Elapsed;
        var cpu2 = Cpu();
        var decodedPrompt = (usage!.InputTokenCount ?? 0) - (usage.CachedInputTokenCount ?? 0);
        var generated = (int)(usage.OutputTokenCount ?? 0);
        return new ThroughputSample(decodedPrompt / first!.Value.TotalSeconds, (generated - 1) / (total - first.Value).TotalSeconds, generated,
            decodedPrompt / (cpu1 - cpu0).TotalSeconds, (generated - 1) / (cpu2 - cpu1).TotalSeconds);
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
    internal static string EnsureSyntheticModel(SyntheticChatModelSpec? spec = null)
    {
        spec ??= SyntheticChatModelSpec.Qwen25HalfB;
        var dir = Path.Combine(FindRepoRoot(), "artifacts", "bench");
        Directory.CreateDirectory(dir);
        var q4 = Path.Combine(dir, spec.Name + "-q4_k_m.gguf");
        if (File.Exists(q4))
        {
            return q4;
        }

        var f16 = Path.Combine(dir, spec.Name + "-f16.gguf");
        var watch = Stopwatch.StartNew();
        SyntheticGgufModels.WriteChatModel(f16, spec);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote F16 model {spec.Name} ({new FileInfo(f16).Length / 1048576.0:0} MiB) in {watch.Elapsed.TotalSeconds:0.0} s"));
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
