using System.Diagnostics;
using MedSummary.LlamaCpp.Chat;
using MedSummary.LlamaCpp.Models;
using MedSummary.LlamaCpp.Native;

namespace MedSummary.Bench;

/// <summary>Throughput of one run, by wall clock and by process CPU time (robust when other processes share the cores).</summary>
internal sealed record ThroughputSample(double Prompt, double Gen, int Generated, double PromptPerCpu, double GenPerCpu);

/// <summary>The baseline: llama.cpp driven directly (context, batches, greedy sampler) with no MedSummary layer.</summary>
internal sealed unsafe class RawLlamaLoop : IDisposable
{
    private readonly LlamaModel _model;
    private readonly nint _context;
    private readonly nint _sampler;
    private LlamaBatch _batch;

    public RawLlamaLoop(LlamaModel model, int threads, int contextSize, LlamaFlashAttention flashAttention = LlamaFlashAttention.Auto)
    {
        _model = model;
        var p = NativeMethods.llama_context_default_params();
        p.ContextSize = (uint)contextSize;
        p.BatchSize = 512;
        p.MicroBatchSize = 512;
        p.Threads = threads;
        p.BatchThreads = threads;
        p.NoPerf = 1;
        p.FlashAttentionType = (int)flashAttention;
        _context = NativeMethods.llama_init_from_model(model.Handle.DangerousGetHandle(), p);
        _sampler = NativeMethods.llama_sampler_chain_init(new LlamaSamplerChainParams { NoPerf = 1 });
        NativeMethods.llama_sampler_chain_add(_sampler, NativeMethods.llama_sampler_init_greedy());
        _batch = NativeMethods.llama_batch_init(512, 0, 1);
    }

    public ThroughputSample Run(int[] prompt, int maxTokens)
    {
        NativeMethods.llama_memory_clear(NativeMethods.llama_get_memory(_context), true);
        var cpu0 = LlamaBenchmark.Cpu();
        var watch = Stopwatch.StartNew();
        for (var offset = 0; offset < prompt.Length; offset += 512)
        {
            var n = Math.Min(512, prompt.Length - offset);
            Fill(prompt.AsSpan(offset, n), offset, outputLast: offset + n == prompt.Length);
            Check(NativeMethods.llama_decode(_context, _batch));
        }

        var token = SampleToken();
        var first = watch.Elapsed;
        var cpu1 = LlamaBenchmark.Cpu();
        var generated = 1;
        var position = prompt.Length;
        while (generated < maxTokens && !_model.IsEndOfGeneration(token))
        {
            Fill([token], position++, outputLast: true);
            Check(NativeMethods.llama_decode(_context, _batch));
            token = SampleToken();
            generated++;
        }

        var total = watch.Elapsed;
        var cpu2 = LlamaBenchmark.Cpu();
        if (_model.IsEndOfGeneration(token))
        {
            generated--;
        }

        return new ThroughputSample(prompt.Length / first.TotalSeconds, (generated - 1) / (total - first).TotalSeconds, generated,
            prompt.Length / (cpu1 - cpu0).TotalSeconds, (generated - 1) / (cpu2 - cpu1).TotalSeconds);
    }

    /// <summary>
    /// llama-bench's two tests at a depth: <paramref name="depth"/> tokens decoded untimed, then the prompt decoded in one
    /// timed pass (pp), then the prompt dropped and <paramref name="genTokens"/> tokens generated one by one from the
    /// depth (tg), each sampled greedily and fed back. Unlike <see cref="Run"/>, an end-of-turn token does not stop it.
    /// </summary>
    public (double Prompt, double Gen) RunAtDepth(int[] depth, int[] prompt, int genTokens)
    {
        var memory = NativeMethods.llama_get_memory(_context);
        NativeMethods.llama_memory_clear(memory, true);
        for (var offset = 0; offset < depth.Length; offset += 512)
        {
            var n = Math.Min(512, depth.Length - offset);
            Fill(depth.AsSpan(offset, n), offset, outputLast: false);
            Check(NativeMethods.llama_decode(_context, _batch));
        }

        var watch = Stopwatch.StartNew();
        for (var offset = 0; offset < prompt.Length; offset += 512)
        {
            var n = Math.Min(512, prompt.Length - offset);
            Fill(prompt.AsSpan(offset, n), depth.Length + offset, outputLast: offset + n == prompt.Length);
            Check(NativeMethods.llama_decode(_context, _batch));
        }

        var promptTime = watch.Elapsed;
        NativeMethods.llama_memory_seq_rm(memory, 0, depth.Length, -1);
        var token = prompt[0];
        watch.Restart();
        for (var i = 0; i < genTokens; i++)
        {
            Fill([token], depth.Length + i, outputLast: true);
            Check(NativeMethods.llama_decode(_context, _batch));
            token = SampleToken();
        }

        return (prompt.Length / promptTime.TotalSeconds, genTokens / watch.Elapsed.TotalSeconds);
    }

    private int SampleToken()
    {
        var token = NativeMethods.llama_sampler_sample(_sampler, _context, -1);
        NativeMethods.llama_sampler_accept(_sampler, token);
        return token;
    }

    private void Fill(ReadOnlySpan<int> tokens, int start, bool outputLast)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            _batch.Token[i] = tokens[i];
            _batch.Position[i] = start + i;
            _batch.SequenceIdCount[i] = 1;
            _batch.SequenceId[i][0] = 0;
            _batch.Logits[i] = (sbyte)(outputLast && i == tokens.Length - 1 ? 1 : 0);
        }

        _batch.TokenCount = tokens.Length;
    }

    private static void Check(int rc)
    {
        if (rc != 0)
        {
            throw new InvalidOperationException($"llama_decode returned {rc}");
        }
    }

    public void Dispose()
    {
        NativeMethods.llama_batch_free(_batch);
        NativeMethods.llama_sampler_free(_sampler);
        NativeMethods.llama_free(_context);
    }
}
