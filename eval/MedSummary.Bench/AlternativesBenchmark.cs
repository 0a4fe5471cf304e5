using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MedSummary.Bench.Checks;
using MedSummary.LlamaCpp.Chat;
using MedSummary.LlamaCpp.Embeddings;
using MedSummary.LlamaCpp.Models;
using MedSummary.Testing.Gguf;

using static MedSummary.Bench.BenchArgs;

namespace MedSummary.Bench;

/// <summary>
/// "alternatives": the measurements behind docs/decisions.md, re-run whenever a new LLamaSharp or Semantic Kernel is
/// served. Throughput of our llama.cpp binding and of LLamaSharp on the same GGUF in the same run (prompt and
/// generation tokens/s per thread count), then the adapter defects that keep LLamaSharp and Semantic Kernel out,
/// each printed as reproduced or not. LLamaSharp runs in child processes (eval/MedSummary.Bench.Alternatives):
/// its native library cannot share a process with ours.
/// Usage: dotnet run --project eval/MedSummary.Bench -c Release -- alternatives [--threads 1,2] [--prompt-tokens 512]
///        [--gen-tokens 64] [--reps 3] [--model PATH] [--skip-speed] [--skip-checks]
/// </summary>
public sealed class AlternativesBenchmark : IBenchmark
{
    private const string ChildProject = "eval/MedSummary.Bench.Alternatives/MedSummary.Bench.Alternatives.csproj";

    public string Name => "alternatives";

    public string Description => "our llama.cpp binding vs LLamaSharp (speed, same file and run) and the LLamaSharp / Semantic Kernel adapter defects";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var threadCounts = (StringArg(args, "--threads") ?? "1,2").Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToList();
        var promptTokens = IntArg(args, "--prompt-tokens", 512);
        var genTokens = IntArg(args, "--gen-tokens", 64);
        var reps = IntArg(args, "--reps", 3);

        var root = LlamaBenchmark.FindRepoRoot();
        Console.WriteLine($"building {ChildProject} (LLamaSharp 0.30.0, Semantic Kernel 1.82.0)...");
        var build = await RunProcessAsync("dotnet", ["build", Path.Combine(root, ChildProject), "-c", "Release", "-nologo", "-v", "q"], cancellationToken);
        if (build.ExitCode != 0)
        {
            Console.Error.WriteLine($"{ChildProject} did not build (exit {build.ExitCode}):\n{Tail(build.Output, 20)}");
            return 1;
        }

        var child = new Child(Path.Combine(root, "eval", "MedSummary.Bench.Alternatives", "bin", "Release", "net10.0", "MedSummary.Bench.Alternatives.dll"));
        if (!args.Contains("--skip-speed"))
        {
            await SpeedAsync(child, StringArg(args, "--model") ?? LlamaBenchmark.EnsureSyntheticModel(), threadCounts, promptTokens, genTokens, reps, cancellationToken);
        }

        if (!args.Contains("--skip-checks"))
        {
            await ChecksAsync(child, cancellationToken);
        }

        return child.Failures == 0 ? 0 : 1;
    }

    private static async Task SpeedAsync(Child child, string modelPath, List<int> threadCounts, int promptTokens, int genTokens, int reps, CancellationToken cancellationToken)
    {
        Console.WriteLine($"model: {modelPath}");
        using var model = LlamaModel.Load(modelPath);
        var messages = LlamaBenchmark.PromptOfLength(model, promptTokens);
        var rendered = model.ApplyChatTemplate(messages.Select(m => new KeyValuePair<string, string>(m.Role.Value, m.Text)).ToList(), true);
        var tokens = model.Tokenize(rendered, addSpecial: true, parseSpecial: true);
        var promptFile = Path.Combine(Path.GetTempPath(), $"medsummary-alternatives-prompt-{Environment.ProcessId}.txt");
        await File.WriteAllTextAsync(promptFile, rendered, cancellationToken);
        Console.WriteLine($"prompt: {tokens.Length} tokens (same text to both engines); generation: up to {genTokens} tokens, greedy; {reps} repetitions, median reported");

        var rows = new List<(int Threads, ThroughputSample Ours, JsonElement Theirs)>();
        string? theirSystem = null;
        foreach (var threads in threadCounts)
        {
            // Ours first, then LLamaSharp, thread count by thread count: both meet the same load from other processes.
            var samples = new List<ThroughputSample>();
            using (var raw = new RawLlamaLoop(model, threads, tokens.Length + genTokens + 16))
            {
                raw.Run(tokens, 4); // warm-up: first graph allocations
                for (var r = 0; r < reps; r++)
                {
                    samples.Add(raw.Run(tokens, genTokens));
                }
            }

            var ours = new ThroughputSample(
                LlamaBenchmark.Median(samples.Select(s => s.Prompt)), LlamaBenchmark.Median(samples.Select(s => s.Gen)), samples[0].Generated,
                LlamaBenchmark.Median(samples.Select(s => s.PromptPerCpu)), LlamaBenchmark.Median(samples.Select(s => s.GenPerCpu)));
            var theirs = await child.RunAsync(
                ["speed", "--model", modelPath, "--prompt-file", promptFile, "--threads", Invariant(threads), "--gen-tokens", Invariant(genTokens), "--reps", Invariant(reps)],
                cancellationToken);
            if (theirs.Result is not { } result)
            {
                child.Failures++;
                Console.Error.WriteLine($"LLamaSharp speed run at {threads} thread(s) failed (exit {theirs.ExitCode}):\n{Tail(theirs.Output, 20)}");
                continue;
            }

            theirSystem ??= result.GetProperty("SystemInfo").GetString();
            rows.Add((threads, ours, result));
        }

        File.Delete(promptFile);
        Console.WriteLine();
        Console.WriteLine("| threads | engine | prompt tok/s | generation tok/s | prompt tok per CPU-s | generation tok per CPU-s | prompt tokens / generated |");
        Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (threads, ours, theirs) in rows)
        {
            Console.WriteLine(Invariant($"| {threads} | MedSummary.LlamaCpp (llama.cpp v0.5.0 build) | {ours.Prompt:0.0} | {ours.Gen:0.0} | {ours.PromptPerCpu:0.0} | {ours.GenPerCpu:0.0} | {tokens.Length} / {ours.Generated} |"));
            Console.WriteLine(Invariant($"| {threads} | LLamaSharp 0.30.0 | {D(theirs, "PromptTokensPerSecond"):0.0} | {D(theirs, "GenerationTokensPerSecond"):0.0} | {D(theirs, "PromptTokensPerCpuSecond"):0.0} | {D(theirs, "GenerationTokensPerCpuSecond"):0.0} | {theirs.GetProperty("PromptTokens").GetInt32()} / {theirs.GetProperty("Generated").GetInt32()} |"));
        }

        Console.WriteLine();
        Console.WriteLine("| threads | LLamaSharp / ours, prompt | LLamaSharp / ours, generation | same, per CPU-second: prompt | generation |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: |");
        foreach (var (threads, ours, theirs) in rows)
        {
            Console.WriteLine(Invariant(
                $"| {threads} | {D(theirs, "PromptTokensPerSecond") / ours.Prompt:0.00}x | {D(theirs, "GenerationTokensPerSecond") / ours.Gen:0.00}x | {D(theirs, "PromptTokensPerCpuSecond") / ours.PromptPerCpu:0.00}x | {D(theirs, "GenerationTokensPerCpuSecond") / ours.GenPerCpu:0.00}x |"));
        }

        Console.WriteLine($"LLamaSharp's llama.cpp reports: {theirSystem?.Trim()}");
        Console.WriteLine("(Compare ratios within one run: absolute figures move with the machine and with other processes on its cores.)");
    }

    private static async Task ChecksAsync(Child child, CancellationToken cancellationToken)
    {
        var chatModel = SyntheticGgufModels.GetOrCreateChatModel();
        var embedderModel = SyntheticGgufModels.GetOrCreateEmbedder();
        Console.WriteLine();
        Console.WriteLine($"adapter checks on the tiny random-weight models {Path.GetFileName(chatModel)} and {Path.GetFileName(embedderModel)}, greedy");

        var ours = new List<CheckResult>();
        using (var client = new LlamaChatClient(new LlamaChatClientOptions { ModelPath = chatModel, ContextSize = 1024, Threads = 1 }))
        {
            ours.AddRange(await AdapterChecks.ChatClientAsync(client, cancellationToken));
        }

        using (var embedder = new LlamaEmbeddingGenerator(new LlamaEmbeddingGeneratorOptions { ModelPath = embedderModel, Threads = 1 }))
        {
            ours.Add(await AdapterChecks.EmbeddingGeneratorAsync(embedder, null, cancellationToken));
        }

        var theirs = new List<CheckResult>();
        theirs.AddRange(await child.ChecksAsync("LLamaSharp", ["chat-client", "--model", chatModel], null, cancellationToken));
        theirs.AddRange(await child.ChecksAsync("LLamaSharp", ["embedder", "--model", embedderModel], null, cancellationToken));
        theirs.AddRange(await child.ChecksAsync("LLamaSharp", ["grammar", "--model", chatModel], AdapterChecks.InvalidGrammarCrashes, cancellationToken));
        theirs.AddRange(await child.ChecksAsync("Semantic Kernel", ["sk-templates"], null, cancellationToken));

        Console.WriteLine();
        Console.WriteLine("| library | check | result | our binding | what was seen |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var check in theirs)
        {
            var library = check.Check.StartsWith("Semantic Kernel", StringComparison.Ordinal) ? "Semantic Kernel 1.82.0" : "LLamaSharp 0.30.0";
            var mine = ours.FirstOrDefault(o => o.Check == check.Check);
            var mineText = mine is null ? "n/a" : mine.Reproduced ? "reproduced" : "not reproduced";
            Console.WriteLine($"| {library} | {check.Check} | {(check.Reproduced ? "reproduced" : "not reproduced")} | {mineText} | {Cell(check.Detail)} |");
        }

        Console.WriteLine();
        Console.WriteLine("what our binding showed on the same checks:");
        foreach (var check in ours)
        {
            Console.WriteLine($"- {check.Check}: {(check.Reproduced ? "reproduced" : "not reproduced")}; {check.Detail}");
        }
    }

    /// <summary>The LLamaSharp / Semantic Kernel process: one check or measurement per run, figures read back from a JSON file.</summary>
    private sealed class Child(string dll)
    {
        /// <summary>Child runs that ended without results they were expected to write.</summary>
        public int Failures { get; set; }

        public async Task<(int ExitCode, JsonElement? Result, string Output)> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
        {
            var output = Path.Combine(Path.GetTempPath(), $"medsummary-alternatives-{Guid.NewGuid():N}.json");
            try
            {
                var run = await RunProcessAsync("dotnet", [dll, .. args, "--out", output], cancellationToken);
                JsonElement? result = File.Exists(output) ? JsonDocument.Parse(await File.ReadAllTextAsync(output, cancellationToken)).RootElement.Clone() : null;
                return (run.ExitCode, result, run.Output);
            }
            finally
            {
                File.Delete(output);
            }
        }

        /// <summary>
        /// Runs the checks named by <paramref name="args"/>. When the process dies before writing its results and
        /// <paramref name="crashCheck"/> names what a death means, that death is the check's result.
        /// </summary>
        public async Task<List<CheckResult>> ChecksAsync(string library, IReadOnlyList<string> args, string? crashCheck, CancellationToken cancellationToken)
        {
            var (exitCode, result, output) = await RunAsync(args, cancellationToken);
            if (result is { } json)
            {
                return json.Deserialize<List<CheckResult>>()!;
            }

            var death = exitCode > 128
                ? Invariant($"the process was killed by signal {exitCode - 128} (exit {exitCode}); last native message: {LastLine(output)}")
                : Invariant($"the process exited with {exitCode} before writing its results; last message: {LastLine(output)}");
            if (crashCheck is null)
            {
                // Not a result either way: say so, and leave the checks out of the table rather than print "not reproduced".
                Console.Error.WriteLine($"{library} '{args[0]}' checks did not run: {death}");
                Failures++;
                return [];
            }

            return [new(crashCheck, true, death)];
        }

        private static string LastLine(string output) =>
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .LastOrDefault(l => !l.StartsWith("at ", StringComparison.Ordinal)) ?? "none";
    }

    internal static async Task<(int ExitCode, string Output)> RunProcessAsync(string file, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static double D(JsonElement e, string name) => e.GetProperty(name).GetDouble();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').TakeLast(lines));
}
