using System.Diagnostics;
using LLama;
using LLama.Common;
using LLama.Native;

namespace MedSummary.Bench.Alternatives;

/// <summary>One engine's throughput at one thread count, medians over the repetitions.</summary>
public sealed record SpeedResult(
    string Engine, string SystemInfo, int Threads, int PromptTokens, int Generated,
    double PromptTokensPerSecond, double GenerationTokensPerSecond, double PromptTokensPerCpuSecond, double GenerationTokensPerCpuSecond);

/// <summary>
/// LLamaSharp's llama.cpp driven by the same loop as the parent's baseline over our binding: prompt decoded in
/// 512-token batches, then greedy generation one token per decode. Both sides use llama.cpp's greedy sampler chain,
/// so the figures compare the two llama.cpp builds and their bindings, not two sampling strategies.
/// </summary>
internal static class LlamaSharpSpeed
{
    private const int Batch = 512;

    public static SpeedResult Run(string modelPath, string prompt, int threads, int genTokens, int reps)
    {
        var parameters = new ModelParams(modelPath)
        {
            GpuLayerCount = 0,
            Threads = threads,
            BatchThreads = threads,
            BatchSize = Batch,
            UBatchSize = Batch,
        };
        using var weights = LLamaWeights.LoadFromFile(parameters);
        using var probe = weights.CreateContext(parameters with { ContextSize = 512 });
        var tokens = probe.Tokenize(prompt, addBos: true, special: true);
        using var context = weights.CreateContext(parameters with { ContextSize = (uint)(tokens.Length + genTokens + 16) });
        using var sampler = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        sampler.AddGreedySampler();
        var batch = new LLamaBatch();

        RunOnce(context, sampler, batch, weights, tokens, 4); // warm-up: first graph allocations
        var samples = Enumerable.Range(0, reps).Select(_ => RunOnce(context, sampler, batch, weights, tokens, genTokens)).ToList();
        return new SpeedResult(
            "LLamaSharp 0.30.0", System.Runtime.InteropServices.Marshal.PtrToStringUTF8(NativeApi.llama_print_system_info()) ?? "", threads, tokens.Length, samples[0].Generated,
            Median(samples.Select(s => s.Prompt)), Median(samples.Select(s => s.Gen)),
            Median(samples.Select(s => s.PromptPerCpu)), Median(samples.Select(s => s.GenPerCpu)));
    }

    private sealed record Sample(double Prompt, double Gen, int Generated, double PromptPerCpu, double GenPerCpu);

    private static Sample RunOnce(LLamaContext context, SafeLLamaSamplerChainHandle sampler, LLamaBatch batch, LLamaWeights weights, LLamaToken[] prompt, int maxTokens)
    {
        context.NativeHandle.MemoryClear(true);
        sampler.Reset();
        var cpu0 = Cpu();
        var watch = Stopwatch.StartNew();
        for (var offset = 0; offset < prompt.Length; offset += Batch)
        {
            var n = Math.Min(Batch, prompt.Length - offset);
            batch.Clear();
            for (var i = 0; i < n; i++)
            {
                batch.Add(prompt[offset + i], offset + i, LLamaSeqId.Zero, offset + i == prompt.Length - 1);
            }

            Check(context.Decode(batch));
        }

        var token = Next(context, sampler, batch);
        var first = watch.Elapsed;
        var cpu1 = Cpu();
        var generated = 1;
        var position = prompt.Length;
        while (generated < maxTokens && !token.IsEndOfGeneration(weights.Vocab))
        {
            batch.Clear();
            batch.Add(token, position++, LLamaSeqId.Zero, true);
            Check(context.Decode(batch));
            token = Next(context, sampler, batch);
            generated++;
        }

        var total = watch.Elapsed;
        var cpu2 = Cpu();
        if (token.IsEndOfGeneration(weights.Vocab))
        {
            generated--;
        }

        return new Sample(prompt.Length / first.TotalSeconds, (generated - 1) / (total - first).TotalSeconds, generated,
            prompt.Length / (cpu1 - cpu0).TotalSeconds, (generated - 1) / (cpu2 - cpu1).TotalSeconds);
    }

    private static LLamaToken Next(LLamaContext context, SafeLLamaSamplerChainHandle sampler, LLamaBatch batch)
    {
        var token = sampler.Sample(context.NativeHandle, batch.TokenCount - 1);
        sampler.Accept(token);
        return token;
    }

    private static void Check(DecodeResult result)
    {
        if (result != DecodeResult.Ok)
        {
            throw new InvalidOperationException($"LLamaSharp decode returned {result}");
        }
    }

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
