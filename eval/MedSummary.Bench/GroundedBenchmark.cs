using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using MedSummary.Core.Contract;
using MedSummary.Extraction.Analysis;
using MedSummary.Extraction.Grounding.Forms;
using MedSummary.Ingestion;
using MedSummary.LlamaCpp.Chat;
using MedSummary.LlamaCpp.Models;
using MedSummary.Pipeline.Composition;
using MedSummary.Pipeline.Processing;
using MedSummary.Samples;
using MedSummary.Testing.Gguf;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

using static MedSummary.Bench.BenchArgs;

namespace MedSummary.Bench;

/// <summary>
/// "grounded": the full grounded form + narrative summary on a generated 50-page dossier, sequential (the field groups
/// asked one after another, one sequence) against batched (the groups asked together, decoded as parallel sequences
/// of one context sharing the passage prefix in the KV cache), in the same run, interleaved, medians; and a naive
/// baseline that puts the whole dossier in one prompt, with the same model. Reports per call the prompt tokens decoded
/// and reused, tokens generated and seconds; the totals; the wall time of form + narrative; the ratio; the target
/// (form + narrative within 30 s) as PASS/MISS; and the load average beside every figure (the machine may be shared).
/// The model has Qwen2.5-0.5B shapes (or --size 1.5b: Qwen2.5-1.5B shapes) at Q4_K_M with random weights
/// (artifacts/bench/), or --model PATH. Random weights write noise that fills every answer to its cap: --gen-cap bounds
/// answer tokens per call. The baseline's prompt is tokenized exactly; when it does not fit the context, its prefill is
/// timed on its first --baseline-sample tokens and extrapolated linearly (attention makes the real cost grow faster:
/// the estimate favours the baseline). After the per-call table, "where the time goes" splits the wall time into the
/// stages' own work and the model calls, and those into the engine's prefill, decode steps, sampling phases and
/// detokenization. --search compare runs the grammar's vocabulary search both ways in the same run (every token
/// checked, as before, and the prefix-tree search), interleaved; tree (default) or every runs one.
/// Usage: dotnet run --project eval/MedSummary.Bench -c Release -- grounded [--mode compare|batched|sequential]
///        [--reps 1] [--parallel 8] [--flash auto|enabled|disabled] [--threads N] [--pages 50] [--gen-cap 48]
///        [--context-chars 6000] [--context 8192] [--baseline-sample 4096] [--model PATH] [--size 0.5b|1.5b] [--seed 3]
///        [--search tree|every|compare]
/// Before/after of the vocabulary search (issue 16): grounded --mode batched --threads 2 --baseline-sample 512 --search compare
/// </summary>
public sealed class GroundedBenchmark : IBenchmark
{
    /// <summary>The issue's goal for a 50-page dossier's form + narrative on 2 threads.</summary>
    private const double TargetSeconds = 30;

    public string Name => "grounded";

    public string Description => "grounded form + narrative on a 50-page dossier: sequential vs batched groups, vs the whole dossier in one prompt";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var threads = IntArg(args, "--threads", Environment.ProcessorCount);
        var pages = IntArg(args, "--pages", 50);
        var genCap = IntArg(args, "--gen-cap", 48);
        var contextChars = IntArg(args, "--context-chars", 6000);
        var contextSize = IntArg(args, "--context", 8192);
        var baselineSample = IntArg(args, "--baseline-sample", 4096);
        var seed = IntArg(args, "--seed", 3);
        var reps = IntArg(args, "--reps", 1);
        var parallel = IntArg(args, "--parallel", 8);
        var mode = StringArg(args, "--mode") ?? "compare";
        var flash = StringArg(args, "--flash") ?? "auto";
        var size = StringArg(args, "--size") ?? "0.5b";
        var search = StringArg(args, "--search") ?? "tree";
        if (mode is not ("compare" or "batched" or "sequential") || size is not ("0.5b" or "1.5b") || search is not ("tree" or "every" or "compare")
            || !Enum.TryParse<LlamaFlashAttention>(flash, ignoreCase: true, out _))
        {
            Console.Error.WriteLine("grounded: --mode is compare, batched or sequential; --size 0.5b or 1.5b; --flash auto, enabled or disabled; --search tree, every or compare");
            return 2;
        }

        var modelPath = StringArg(args, "--model") ?? LlamaBenchmark.EnsureSyntheticModel(size);
        var dossier = Generate(pages, seed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dossier: {dossier.Files.Count} files, {dossier.PageCount} pages, {dossier.Files.Sum(f => f.Pages.Sum(p => p.BodyText.Length)):N0} characters of body text"));
        Console.WriteLine($"model: {modelPath}; threads {threads}; answer cap {genCap} tokens per call; shared passages {contextChars} characters; context {contextSize} tokens; flash attention {flash}; load average {LoadAverage()}");

        var sequential = new RunSpec("sequential", 1, 1, EveryToken: search == "every");
        var batched = new RunSpec($"batched x{parallel}", parallel, parallel, EveryToken: search == "every");
        RunSpec[] order = mode switch { "batched" => [batched], "sequential" => [sequential], _ => [sequential, batched] };
        if (search == "compare")
        {
            // The grammar's vocabulary search, prefix tree against every token, in the same run (same answers, other cost).
            order = [.. order.SelectMany(o => new[] { o with { Name = o.Name + ", every-token search", EveryToken = true }, o with { Name = o.Name + ", prefix-tree search" } })];
        }

        var runs = new List<RunResult>();
        for (var r = 0; r < reps; r++)
        {
            // Interleaved, so that a change in the machine's load weighs on both modes alike.
            foreach (var spec in r % 2 == 0 ? order : [.. order.Reverse()])
            {
                runs.Add(await RunOnceAsync(spec, dossier, modelPath, threads, genCap, contextChars, contextSize, flash, cancellationToken));
            }
        }

        foreach (var spec in order)
        {
            var last = runs.Last(x => x.Spec == spec);
            Console.WriteLine();
            Console.WriteLine($"## Per call, {spec.Name} (last repetition; batched calls overlap, so their seconds add up to more than the wall time)");
            Console.WriteLine("| call | prompt tokens decoded | reused | generated | s in all |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            foreach (var c in last.Calls)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {c.Name} | {c.Decoded:N0} | {c.Reused:N0} | {c.Generated:N0} | {c.Seconds:0.0} |"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| total ({last.Calls.Count} calls) | {last.Calls.Sum(c => c.Decoded):N0} | {last.Calls.Sum(c => c.Reused):N0} | {last.Calls.Sum(c => c.Generated):N0} | wall {last.Analysis:0.0} |"));
            last.Breakdown.Print(spec.Name, last.Load);
        }

        Console.WriteLine();
        Console.WriteLine("## Grounded form + narrative, by mode (medians over repetitions)");
        Console.WriteLine("| mode | runs | form + narrative wall s | CPU s | prompt tokens decoded | reused | generated | fields found (from model) | values refused | verification clean | load average |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
        var medians = new Dictionary<RunSpec, double>();
        foreach (var spec in order)
        {
            var mine = runs.Where(x => x.Spec == spec).ToList();
            var wall = Median(mine.Select(x => x.Analysis));
            medians[spec] = wall;
            var last = mine[^1];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {spec.Name} | {mine.Count} | {wall:0.0} | {Median(mine.Select(x => x.AnalysisCpu)):0.0} | {last.Decoded:N0} | {last.Reused:N0} | {last.Generated:N0} | {last.Found} ({last.FromModel}) | {last.Refused} | {last.Clean} | {string.Join(" / ", mine.Select(x => x.Load))} |"));
        }

        if (medians.Count == 2 && search != "compare")
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"speed-up, sequential / batched wall: {medians[sequential] / medians[batched]:0.00}x"));
        }

        if (search == "compare")
        {
            foreach (var pair in order.Chunk(2))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"speed-up of the prefix-tree search, {pair[0].Name} / {pair[1].Name} wall: {medians[pair[0]] / medians[pair[1]]:0.00}x"));
            }
        }

        foreach (var (spec, wall) in medians)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"target form + narrative <= {TargetSeconds:0} s ({spec.Name}): {wall:0.0} s -> {(wall <= TargetSeconds ? "PASS" : "MISS")}"));
        }

        var final = runs[^1];
        await BaselineAsync(final, modelPath, threads, genCap, baselineSample, cancellationToken);
        return 0;
    }

    private sealed record RunSpec(string Name, int ParallelSequences, int ParallelGroups, bool EveryToken = false);

    private sealed record CallResult(string Name, long Decoded, long Reused, long Generated, double Seconds, long Start, long End);

    private sealed record RunResult(
        RunSpec Spec, double Analysis, double AnalysisCpu, long Decoded, long Reused, long Generated, IReadOnlyList<CallResult> Calls,
        int Found, int FromModel, int Refused, bool Clean, string Load, long PromptChars, string FullText, IReadOnlyList<string> FieldLabels,
        GroundedBreakdown Breakdown);

    private static async Task<RunResult> RunOnceAsync(
        RunSpec spec, GeneratedDossier dossier, string modelPath, int threads, int genCap, int contextChars, int contextSize, string flash, CancellationToken cancellationToken)
    {
        using var folder = new Testing.TempDirectory("medsummary-bench-grounded");
        var settings = new Dictionary<string, string?>
        {
            ["MedSummary:Store:SqlitePath"] = folder.File("chunks.db"),
            ["MedSummary:AI:Chat:Engine"] = "llamacpp",
            ["MedSummary:AI:Chat:ModelPath"] = modelPath,
            ["MedSummary:AI:Chat:ContextSize"] = contextSize.ToString(CultureInfo.InvariantCulture),
            ["MedSummary:AI:Chat:Threads"] = threads.ToString(CultureInfo.InvariantCulture),
            ["MedSummary:AI:Chat:MaxParallelSequences"] = spec.ParallelSequences.ToString(CultureInfo.InvariantCulture),
            ["MedSummary:AI:Chat:FlashAttention"] = flash,
            ["MedSummary:Grounding:MaxParallelGroups"] = spec.ParallelGroups.ToString(CultureInfo.InvariantCulture),
            ["MedSummary:Grounding:MaxContextChars"] = contextChars.ToString(CultureInfo.InvariantCulture),
            ["MedSummary:Grounding:MaxOutputTokensPerCall"] = genCap.ToString(CultureInfo.InvariantCulture),
            ["MedSummary:Narrative:MaxOutputTokens"] = genCap.ToString(CultureInfo.InvariantCulture),
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddMedSummary(configuration);
        CountingChatClient.Decorate(services);
        await using var provider = services.BuildServiceProvider();

        var counting = (CountingChatClient)provider.GetRequiredService<IChatClient>();
        var llama = counting.GetService<LlamaChatClient>() ?? throw new InvalidOperationException("the chat client is not llama.cpp");
        var schema = provider.GetRequiredService<FormSchema>();
        var processor = provider.GetRequiredService<IDossierProcessor>();

        // Warm-up outside the timing: model load and first graph allocation.
        var load = Stopwatch.StartNew();
        await counting.GetResponseAsync([new ChatMessage(ChatRole.User, "ok")], new ChatOptions { MaxOutputTokens = 1 }, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{spec.Name}] model loaded and warmed up in {load.Elapsed.TotalSeconds:0.0} s"));
        counting.Reset();
        var decoded0 = llama.DecodedPromptTokens;
        var reused0 = llama.ReusedPromptTokens;
        var generated0 = llama.GeneratedTokens;
        var profile0 = llama.Profile;

        LlamaSampler.EveryTokenSearch = spec.EveryToken;
        var marks = new ProgressMarks();
        var outcome = await processor.ProcessAsync(new DossierRequest([.. dossier.Files.Select(f => new InputFile(f.FileName, f.Content))]), marks, cancellationToken);
        var analysis = marks.Elapsed - marks.FormStart;
        var cpuAnalysis = Cpu() - marks.FormStartCpu;
        var result = outcome.Result;
        var documents = outcome.Dossier!.Documents;
        var breakdown = GroundedBreakdown.From(
            marks.Stages, [.. counting.CallTimes.Select(c => (c.Start, c.End, c.Name.StartsWith("form_", StringComparison.Ordinal)))], profile0, llama.Profile);
        var run = new RunResult(
            spec,
            analysis.TotalSeconds,
            cpuAnalysis.TotalSeconds,
            llama.DecodedPromptTokens - decoded0,
            llama.ReusedPromptTokens - reused0,
            llama.GeneratedTokens - generated0,
            [.. counting.CallTimes],
            result.Form.Fields.Values.Count(f => f.Status != FieldStatus.NotFound),
            result.Form.Fields.Values.Count(f => f.Source == FieldSource.Llm),
            result.Processing?.ValuesRejected ?? 0,
            outcome.Verification.Clean,
            LoadAverage(),
            counting.PromptChars,
            string.Join("\n\n", documents.Select(d => $"# {d.FileName}\n{d.Text}")),
            [.. schema.Fields.Select(f => $"- {f.Key} ({f.Label.En})")],
            breakdown);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{spec.Name}] form + narrative {run.Analysis:0.0} s wall, {run.AnalysisCpu:0.0} s CPU; {counting.Calls} calls; decoded {run.Decoded:N0}, reused {run.Reused:N0}, generated {run.Generated:N0} tokens; batch steps {llama.BatchStatistics}; load average {run.Load}"));
        return run;
    }

    private static async Task BaselineAsync(RunResult run, string modelPath, int threads, int genCap, int baselineSample, CancellationToken cancellationToken)
    {
        // Baseline: the whole dossier's text and the whole form in one prompt, same model and template.
        using var model = LlamaModel.Load(modelPath);
        var baselinePrompt = new List<ChatMessage>
        {
            new(ChatRole.System, "You read a patient's cancer dossier and fill the tumour-board form as JSON, each field with a verbatim quote."),
            new(ChatRole.User, run.FullText + "\n\nFields:\n" + string.Join("\n", run.FieldLabels)),
        };
        var rendered = model.ApplyChatTemplate([.. baselinePrompt.Select(m => new KeyValuePair<string, string>(m.Role.Value, m.Text))], true);
        var baselineTokens = model.Tokenize(rendered, addSpecial: true, parseSpecial: true).Length;
        var baselineChars = baselinePrompt.Sum(m => m.Text.Length);
        Console.WriteLine();
        Console.WriteLine("## Naive baseline: the whole dossier in one prompt");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"prompt {baselineChars:N0} characters, {baselineTokens:N0} tokens (the model's training context: {model.TrainContextLength:N0}); {baselineChars / (double)baselineTokens:0.00} characters per token with this model's vocabulary"));

        var sampleTokens = Math.Min(baselineTokens, baselineSample);
        var sampleText = Truncate(model, run.FullText, sampleTokens - 64);
        using var baselineClient = new LlamaChatClient(model, new LlamaChatClientOptions { ModelPath = model.Path, ContextSize = sampleTokens + genCap + 64, Threads = threads });
        var sampleWall = Stopwatch.StartNew();
        var sampleCpu0 = Cpu();
        var sampleResponse = await baselineClient.GetResponseAsync(
            [baselinePrompt[0], new ChatMessage(ChatRole.User, sampleText)], new ChatOptions { MaxOutputTokens = 1, Temperature = 0 }, cancellationToken);
        var samplePrefill = sampleWall.Elapsed;
        var sampleCpu = Cpu() - sampleCpu0;
        var measured = sampleResponse.Usage?.InputTokenCount ?? sampleTokens;
        var perToken = samplePrefill.TotalSeconds / measured;
        var cpuPerToken = sampleCpu.TotalSeconds / measured;
        var genPerToken = run.Analysis > 0 && run.Generated > 0 ? EstimateGenerationSeconds(run.Analysis, run.Decoded, perToken) / run.Generated : 0;
        var baselinePrefill = baselineTokens * perToken;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"prefill measured on its first {measured:N0} tokens: {samplePrefill.TotalSeconds:0.0} s wall, {sampleCpu.TotalSeconds:0.0} s CPU ({measured / samplePrefill.TotalSeconds:0} tok/s); load average {LoadAverage()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"whole prompt, extrapolated linearly: {baselinePrefill:0} s wall, {baselineTokens * cpuPerToken:0} s CPU for the prompt alone{(baselineTokens > model.TrainContextLength ? " (it does not even fit the model's context)" : "")}"));

        Console.WriteLine();
        Console.WriteLine("| | prompt characters | prompt tokens decoded | prompt tokens total | generated tokens | wall s | CPU s |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| grounded, {run.Spec.Name} (form + narrative, {run.Calls.Count} calls) | {run.PromptChars:N0} | {run.Decoded:N0} | {run.Decoded + run.Reused:N0} | {run.Generated:N0} | {run.Analysis:0.0} | {run.AnalysisCpu:0.0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| naive baseline (1 call, prompt only, extrapolated) | {baselineChars:N0} | {baselineTokens:N0} | {baselineTokens:N0} | n/a | {baselinePrefill:0} | {baselineTokens * cpuPerToken:0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"prompt work: {baselineTokens / (double)Math.Max(1, run.Decoded):0.0}x fewer tokens decoded than the baseline ({baselineTokens / (double)Math.Max(1, run.Decoded + run.Reused):0.0}x counting reused ones; {baselineChars / (double)Math.Max(1, run.PromptChars):0.0}x fewer characters); target >= 4x"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generation ≈ {genPerToken * 1000:0} ms/token in the {run.Spec.Name} run (its wall time less the prompt work at the baseline's prefill speed, per generated token)"));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    // The part of the analysis time not spent decoding prompts, per generated token (a rough split, for the reader).
    private static double EstimateGenerationSeconds(double analysisSeconds, long decodedPromptTokens, double prefillSecondsPerToken) =>
        Math.Max(0, analysisSeconds - (decodedPromptTokens * prefillSecondsPerToken));

    private static GeneratedDossier Generate(int pages, int seed)
    {
        // Large dossiers run 25 to 60 pages: take the first seed whose dossier is closest to the requested size.
        GeneratedDossier? best = null;
        for (var s = seed; s < seed + 40; s++)
        {
            var d = SampleDossierGenerator.Generate(new SampleSpec
            {
                Name = "bench-grounded",
                Cancer = CancerType.Breast,
                Language = DossierLanguage.French,
                Seed = s,
                Size = DossierSize.Large,
            });
            if (best is null || Math.Abs(d.PageCount - pages) < Math.Abs(best.PageCount - pages))
            {
                best = d;
            }

            if (Math.Abs(d.PageCount - pages) <= 2)
            {
                break;
            }
        }

        return best!;
    }

    private static string Truncate(LlamaModel model, string text, int tokens)
    {
        var low = 0;
        var high = text.Length;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (model.Tokenize(text[..mid]).Length <= tokens)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return text[..low];
    }

    private static string Pct(long part, long whole) => whole == 0 ? "0 %" : string.Create(CultureInfo.InvariantCulture, $"{part * 100.0 / whole:0.0} %");

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>When the form stage starts (after reading and indexing), by wall clock and CPU time.</summary>
    private sealed class ProgressMarks : IProgress<DossierProgress>
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();

        public TimeSpan FormStart { get; private set; }

        public TimeSpan FormStartCpu { get; private set; }

        public TimeSpan Elapsed => _watch.Elapsed;

        /// <summary>Stage boundaries as Stopwatch timestamps (the end is when this is read, after the run).</summary>
        public StageMarks Stages => new(_formStart, _formEnd, _summaryStart, _summaryEnd, Stopwatch.GetTimestamp());

        private long _formStart;
        private long _formEnd;
        private long _summaryStart;
        private long _summaryEnd;

        public void Report(DossierProgress value)
        {
            // The first report of the form stage starts the clock; later "0 done" reports (the plan refined) do not restart it.
            if (value is { Stage: "form", Done: 0 } && FormStart == TimeSpan.Zero)
            {
                FormStart = _watch.Elapsed;
                FormStartCpu = Cpu();
                _formStart = Stopwatch.GetTimestamp();
            }

            // The stages run one after another: form, summary (the narrative), alerts.
            switch (value)
            {
                case { Stage: "form", Done: 1 }:
                    _formEnd = Stopwatch.GetTimestamp();
                    break;
                case { Stage: "summary", Done: 0 } when _summaryStart == 0:
                    _summaryStart = Stopwatch.GetTimestamp();
                    break;
                case { Stage: "alerts" } when _summaryEnd == 0:
                    _summaryEnd = Stopwatch.GetTimestamp();
                    break;
            }
        }
    }

    /// <summary>
    /// Counts calls and prompt characters on their way to the model, and per call the engine's own usage report
    /// (calls overlap when batched, so the engine's global counters cannot be split per call).
    /// </summary>
    private sealed class CountingChatClient(IChatClient inner) : DelegatingChatClient(inner)
    {
        private long _chars;
        private int _calls;

        public long PromptChars => Interlocked.Read(ref _chars);

        public int Calls => Volatile.Read(ref _calls);

        /// <summary>Per call, in the order they finished: its response format's name, tokens and seconds.</summary>
        public List<CallResult> CallTimes { get; } = [];

        public static void Decorate(IServiceCollection services)
        {
            var descriptor = services.Last(d => d.ServiceType == typeof(IChatClient) && !d.IsKeyedService);
            services.Remove(descriptor);
            services.AddSingleton<IChatClient>(sp => new CountingChatClient((IChatClient)descriptor.ImplementationFactory!(sp)));
        }

        public void Reset()
        {
            Interlocked.Exchange(ref _chars, 0);
            Volatile.Write(ref _calls, 0);
            lock (CallTimes)
            {
                CallTimes.Clear();
            }
        }

        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Count(messages);
            var start = Stopwatch.GetTimestamp();
            try
            {
                var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
                Record(options, response.Usage, start, failed: false);
                return response;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // A failed call (random weights often end at the answer cap with unfinished JSON) still took its time:
                // it is listed, with the tokens the engine reports for an answer cut at the cap.
                Record(options, (ex as LlamaStructuredOutputException)?.Usage, start, failed: true);
                throw;
            }
        }

        public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Count(messages);
            var start = Stopwatch.GetTimestamp();
            UsageDetails? usage = null;
            var completed = false;
            try
            {
                await using var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
                while (true)
                {
                    try
                    {
                        if (!await updates.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }
                    }
                    catch (LlamaStructuredOutputException ex)
                    {
                        // An answer cut at the cap: the engine reports the tokens it took.
                        usage = ex.Usage;
                        throw;
                    }

                    usage = updates.Current.Contents.OfType<UsageContent>().FirstOrDefault()?.Details ?? usage;
                    yield return updates.Current;
                }

                completed = true;
            }
            finally
            {
                // A stream its reader stops early, or one that fails, still took its time: it is listed too.
                Record(options, usage, start, failed: !completed);
            }
        }

        private void Record(ChatOptions? options, UsageDetails? usage, long start, bool failed)
        {
            var end = Stopwatch.GetTimestamp();
            var input = usage?.InputTokenCount ?? 0;
            var cached = usage?.CachedInputTokenCount ?? 0;
            var name = ((options?.ResponseFormat as ChatResponseFormatJson)?.SchemaName ?? "text")
                + (!failed ? "" : usage is null ? " (failed or stopped early; tokens not reported)" : " (answer cut at the cap)");
            lock (CallTimes)
            {
                CallTimes.Add(new CallResult(name, input - cached, cached, usage?.OutputTokenCount ?? 0, Stopwatch.GetElapsedTime(start, end).TotalSeconds, start, end));
            }
        }

        private void Count(IEnumerable<ChatMessage> messages)
        {
            Interlocked.Add(ref _chars, messages.Sum(m => (long)m.Text.Length));
            Interlocked.Increment(ref _calls);
        }
    }
}
