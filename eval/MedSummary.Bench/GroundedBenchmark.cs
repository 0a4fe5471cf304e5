using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using MedSummary.Core.Contract;
using MedSummary.Extraction.Analysis;
using MedSummary.Extraction.Grounding.Forms;
using MedSummary.Ingestion;
using MedSummary.LlamaCpp.Chat;
using MedSummary.Pipeline.Composition;
using MedSummary.Pipeline.Processing;
using MedSummary.Samples;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

using static MedSummary.Bench.BenchArgs;

namespace MedSummary.Bench;

/// <summary>
/// "grounded": the full grounded form + narrative summary on a generated 50-page dossier, against a naive baseline
/// that puts the whole dossier in one prompt, with the same model in the same run. Reports prompt tokens (decoded and
/// reused from the KV cache), generated tokens, prompt characters, wall and CPU time.
/// The model has Qwen2.5-0.5B shapes at Q4_K_M with random weights (artifacts/bench/, as the "llm" benchmark), or
/// --model PATH. Random weights write noise that fills every answer to its cap: --gen-cap bounds answer tokens per call.
/// The baseline's prompt is tokenized exactly; when it does not fit the context, its prefill is timed on its first
/// --baseline-sample tokens and extrapolated linearly (attention makes the real cost grow faster: the estimate favours
/// the baseline).
/// Usage: dotnet run --project eval/MedSummary.Bench -c Release -- grounded [--threads N] [--pages 50] [--gen-cap 48]
///        [--context-chars 6000] [--baseline-sample 4096] [--model PATH] [--seed 3]
/// </summary>
public sealed class GroundedBenchmark : IBenchmark
{
    public string Name => "grounded";

    public string Description => "grounded form + narrative on a 50-page dossier vs the whole dossier in one prompt";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var threads = IntArg(args, "--threads", Environment.ProcessorCount);
        var pages = IntArg(args, "--pages", 50);
        var genCap = IntArg(args, "--gen-cap", 48);
        var contextChars = IntArg(args, "--context-chars", 6000);
        var baselineSample = IntArg(args, "--baseline-sample", 4096);
        var seed = IntArg(args, "--seed", 3);
        var modelPath = StringArg(args, "--model") ?? LlamaBenchmark.EnsureSyntheticModel();

        var dossier = Generate(pages, seed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dossier: {dossier.Files.Count} files, {dossier.PageCount} pages, {dossier.Files.Sum(f => f.Pages.Sum(p => p.BodyText.Length)):N0} characters of body text"));
        Console.WriteLine($"model: {modelPath}; threads {threads}; answer cap {genCap} tokens per call; shared passages {contextChars} characters");

        using var folder = new Testing.TempDirectory("medsummary-bench-grounded");
        var settings = new Dictionary<string, string?>
        {
            ["MedSummary:Store:SqlitePath"] = folder.File("chunks.db"),
            ["MedSummary:AI:Chat:Engine"] = "llamacpp",
            ["MedSummary:AI:Chat:ModelPath"] = modelPath,
            ["MedSummary:AI:Chat:ContextSize"] = "8192",
            ["MedSummary:AI:Chat:Threads"] = threads.ToString(CultureInfo.InvariantCulture),
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
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model loaded and warmed up in {load.Elapsed.TotalSeconds:0.0} s"));
        counting.Reset();
        var decoded0 = llama.DecodedPromptTokens;
        var reused0 = llama.ReusedPromptTokens;
        var generated0 = llama.GeneratedTokens;

        var marks = new ProgressMarks();
        var cpu0 = Cpu();
        var wall = Stopwatch.StartNew();
        var outcome = await processor.ProcessAsync(new DossierRequest([.. dossier.Files.Select(f => new InputFile(f.FileName, f.Content))]), marks, cancellationToken);
        var total = wall.Elapsed;
        var cpuTotal = Cpu() - cpu0;
        var analysis = total - marks.FormStart;
        var cpuAnalysis = Cpu() - marks.FormStartCpu;
        var decoded = llama.DecodedPromptTokens - decoded0;
        var reused = llama.ReusedPromptTokens - reused0;
        var generated = llama.GeneratedTokens - generated0;
        var result = outcome.Result;
        var found = result.Form.Fields.Values.Count(f => f.Status != FieldStatus.NotFound);
        var fromModel = result.Form.Fields.Values.Count(f => f.Source == FieldSource.Llm);

        Console.WriteLine();
        Console.WriteLine("## Grounded form + narrative");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"model calls {counting.Calls} ({schema.Groups.Count} field groups + narrative); prompt {counting.PromptChars:N0} characters; prompt tokens {decoded + reused:N0} = {decoded:N0} decoded + {reused:N0} reused from the KV cache ({Pct(reused, decoded + reused)}); generated {generated:N0} tokens"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"form + summary + alerts: {analysis.TotalSeconds:0.0} s wall, {cpuAnalysis.TotalSeconds:0.0} s CPU; whole dossier (read, index, analyse, verify): {total.TotalSeconds:0.0} s wall, {cpuTotal.TotalSeconds:0.0} s CPU"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"result: {found}/{result.Form.Fields.Count} fields found or in conflict ({fromModel} from the model), {result.Summary.Count} summary sentences, {result.Processing?.SentencesDropped ?? 0} dropped, {result.Processing?.ValuesRejected ?? 0} model values refused; verification gate clean: {outcome.Verification.Clean}"));

        Console.WriteLine();
        Console.WriteLine("| call | prompt tokens decoded | reused | generated | s to first token | s in all | ms per generated token |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (c, i) in counting.CallTimes.Select((c, i) => (c, i + 1)))
        {
            var streamed = !double.IsNaN(c.FirstSeconds);
            var perGenerated = streamed && c.Generated > 1 ? ((c.TotalSeconds - c.FirstSeconds) * 1000 / (c.Generated - 1)).ToString("0", CultureInfo.InvariantCulture) : "n/a";
            var first = streamed ? c.FirstSeconds.ToString("0.0", CultureInfo.InvariantCulture) : "n/a";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {i} | {c.Decoded:N0} | {c.Reused:N0} | {c.Generated:N0} | {first} | {c.TotalSeconds:0.0} | {perGenerated} |"));
        }

        // Baseline: the whole dossier's text and the whole form in one prompt, same model and template.
        var documents = outcome.Dossier!.Documents;
        var fullText = string.Join("\n\n", documents.Select(d => $"# {d.FileName}\n{d.Text}"));
        var baselinePrompt = new List<ChatMessage>
        {
            new(ChatRole.System, "You read a patient's cancer dossier and fill the tumour-board form as JSON, each field with a verbatim quote."),
            new(ChatRole.User, fullText + "\n\nFields:\n" + string.Join("\n", schema.Fields.Select(f => $"- {f.Key} ({f.Label.En})"))),
        };
        var model = llama.Model;
        var rendered = model.ApplyChatTemplate([.. baselinePrompt.Select(m => new KeyValuePair<string, string>(m.Role.Value, m.Text))], true);
        var baselineTokens = model.Tokenize(rendered, addSpecial: true, parseSpecial: true).Length;
        var baselineChars = baselinePrompt.Sum(m => m.Text.Length);
        Console.WriteLine();
        Console.WriteLine("## Naive baseline: the whole dossier in one prompt");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"prompt {baselineChars:N0} characters, {baselineTokens:N0} tokens (the model's training context: {model.TrainContextLength:N0}); {baselineChars / (double)baselineTokens:0.00} characters per token with this model's vocabulary"));

        var sampleTokens = Math.Min(baselineTokens, baselineSample);
        var sampleText = Truncate(model, fullText, sampleTokens - 64);
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
        var genPerToken = analysis.TotalSeconds > 0 && generated > 0 ? EstimateGenerationSeconds(analysis.TotalSeconds, decoded, perToken) / generated : 0;
        var baselinePrefill = baselineTokens * perToken;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"prefill measured on its first {measured:N0} tokens: {samplePrefill.TotalSeconds:0.0} s wall, {sampleCpu.TotalSeconds:0.0} s CPU ({measured / samplePrefill.TotalSeconds:0} tok/s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"whole prompt, extrapolated linearly: {baselinePrefill:0} s wall, {baselineTokens * cpuPerToken:0} s CPU for the prompt alone{(baselineTokens > model.TrainContextLength ? " (it does not even fit the model's context)" : "")}"));

        Console.WriteLine();
        Console.WriteLine("| | prompt characters | prompt tokens decoded | prompt tokens total | generated tokens | wall s | CPU s |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| grounded (form + narrative, {counting.Calls} calls) | {counting.PromptChars:N0} | {decoded:N0} | {decoded + reused:N0} | {generated:N0} | {analysis.TotalSeconds:0.0} | {cpuAnalysis.TotalSeconds:0.0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| naive baseline (1 call, prompt only, extrapolated) | {baselineChars:N0} | {baselineTokens:N0} | {baselineTokens:N0} | n/a | {baselinePrefill:0} | {baselineTokens * cpuPerToken:0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"prompt work: {baselineTokens / (double)Math.Max(1, decoded):0.0}x fewer tokens decoded than the baseline ({baselineTokens / (double)Math.Max(1, decoded + reused):0.0}x counting reused ones; {baselineChars / (double)Math.Max(1, counting.PromptChars):0.0}x fewer characters); target >= 4x"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"form + summary under 60 s: {(analysis.TotalSeconds < 60 ? "yes" : "no")} ({analysis.TotalSeconds:0.0} s wall; generation ≈ {genPerToken * 1000:0} ms/token)"));
        return 0;
    }

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

    private static string Truncate(MedSummary.LlamaCpp.Models.LlamaModel model, string text, int tokens)
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

        public void Report(DossierProgress value)
        {
            if (value is { Stage: "form", Done: 0 })
            {
                FormStart = _watch.Elapsed;
                FormStartCpu = Cpu();
            }
        }
    }

    /// <summary>Counts calls and prompt characters on their way to the model.</summary>
    private sealed record CallTime(long Decoded, long Reused, long Generated, double FirstSeconds, double TotalSeconds);

    private sealed class CountingChatClient(IChatClient inner) : DelegatingChatClient(inner)
    {
        private long _chars;
        private int _calls;

        public long PromptChars => Interlocked.Read(ref _chars);

        public int Calls => Volatile.Read(ref _calls);

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
            var llama = this.GetService<LlamaChatClient>();
            var (decoded0, reused0, generated0) = llama is null ? (0L, 0L, 0L) : (llama.DecodedPromptTokens, llama.ReusedPromptTokens, llama.GeneratedTokens);
            var watch = Stopwatch.StartNew();
            var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            if (llama is not null)
            {
                lock (CallTimes)
                {
                    CallTimes.Add(new CallTime(
                        llama.DecodedPromptTokens - decoded0, llama.ReusedPromptTokens - reused0, llama.GeneratedTokens - generated0,
                        double.NaN, watch.Elapsed.TotalSeconds));
                }
            }

            return response;
        }

        public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Count(messages);
            var llama = this.GetService<LlamaChatClient>();
            var (decoded0, reused0, generated0) = llama is null ? (0L, 0L, 0L) : (llama.DecodedPromptTokens, llama.ReusedPromptTokens, llama.GeneratedTokens);
            var watch = Stopwatch.StartNew();
            TimeSpan? first = null;
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            {
                first ??= watch.Elapsed;
                yield return update;
            }

            if (llama is not null)
            {
                lock (CallTimes)
                {
                    CallTimes.Add(new CallTime(
                        llama.DecodedPromptTokens - decoded0, llama.ReusedPromptTokens - reused0, llama.GeneratedTokens - generated0,
                        (first ?? watch.Elapsed).TotalSeconds, watch.Elapsed.TotalSeconds));
                }
            }
        }

        /// <summary>Per streamed call: prompt tokens decoded and reused, tokens generated, seconds to the first update and in all.</summary>
        public List<CallTime> CallTimes { get; } = [];

        private void Count(IEnumerable<ChatMessage> messages)
        {
            Interlocked.Add(ref _chars, messages.Sum(m => (long)m.Text.Length));
            Interlocked.Increment(ref _calls);
        }
    }
}
