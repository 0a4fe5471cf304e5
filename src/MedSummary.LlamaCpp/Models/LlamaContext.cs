using System.Runtime.InteropServices;
using MedSummary.LlamaCpp.Native;

namespace MedSummary.LlamaCpp.Models;

/// <summary>Settings of one llama_context.</summary>
internal sealed record LlamaContextSettings
{
    public required int ContextSize { get; init; }

    public required int BatchSize { get; init; }

    public required int Threads { get; init; }

    public bool Embeddings { get; init; }

    public LlamaPoolingType Pooling { get; init; } = LlamaPoolingType.Unspecified;

    public int MaxSequences { get; init; } = 1;

    public Chat.LlamaFlashAttention FlashAttention { get; init; } = Chat.LlamaFlashAttention.Auto;
}

/// <summary>
/// One llama_context with the tokens its KV cache holds for sequence 0, so that a new prompt only decodes what follows
/// the longest common prefix. Never used by two threads at once (the pools guarantee it).
/// </summary>
internal sealed unsafe class LlamaContext : IDisposable
{
    private readonly SafeLlamaContextHandle _handle;
    private readonly List<int> _cached = [];
    private readonly GCHandle _self;
    private LlamaBatch _batch;
    private CancellationToken _cancellation;
    private bool _abortCallbackSet;
    private bool _disposed;

    public LlamaContext(LlamaModel model, LlamaContextSettings settings)
    {
        Model = model;
        var p = NativeMethods.llama_context_default_params();
        p.ContextSize = (uint)settings.ContextSize;
        p.BatchSize = (uint)settings.BatchSize;
        p.MicroBatchSize = (uint)settings.BatchSize;
        p.MaxSequences = (uint)settings.MaxSequences;
        p.Threads = settings.Threads;
        p.BatchThreads = settings.Threads;
        p.Embeddings = settings.Embeddings ? (byte)1 : (byte)0;
        p.PoolingType = (int)settings.Pooling;
        p.KvUnified = 1;
        p.FlashAttentionType = (int)settings.FlashAttention;
        p.NoPerf = 1;
        _self = GCHandle.Alloc(this, GCHandleType.Weak);

        _ = LlamaNativeLibrary.TakeLastError();
        var ctx = NativeMethods.llama_init_from_model(model.Handle.DangerousGetHandle(), p);
        if (ctx == nint.Zero)
        {
            _self.Free();
            throw new InvalidOperationException(
                $"llama.cpp could not create a context of {settings.ContextSize} tokens for '{model.Path}': {LlamaNativeLibrary.TakeLastError() ?? "no reason given"}");
        }

        _handle = new SafeLlamaContextHandle(ctx, model.Handle);
        ContextSize = (int)NativeMethods.llama_n_ctx(ctx);
        BatchSize = (int)NativeMethods.llama_n_batch(ctx);
        MaxSequences = (int)NativeMethods.llama_n_seq_max(ctx);
        Pooling = NativeMethods.llama_pooling_type(ctx);
        _batch = NativeMethods.llama_batch_init(BatchSize, 0, Math.Max(1, MaxSequences));
    }

    public LlamaModel Model { get; }

    public int ContextSize { get; }

    public int BatchSize { get; }

    public int MaxSequences { get; }

    public LlamaPoolingType Pooling { get; }

    /// <summary>Tokens currently held in the KV cache for sequence 0, in order.</summary>
    public IReadOnlyList<int> CachedTokens => _cached;

    internal nint Pointer => _handle.DangerousGetHandle();

    private nint Memory => NativeMethods.llama_get_memory(Pointer);

    /// <summary>Length of the common prefix between the cache and <paramref name="tokens"/>.</summary>
    public int CommonPrefixLength(ReadOnlySpan<int> tokens)
    {
        var n = Math.Min(tokens.Length, _cached.Count);
        var i = 0;
        while (i < n && _cached[i] == tokens[i])
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// Brings the cache to exactly <paramref name="prompt"/> and leaves the last token's logits ready. Returns how
    /// many prompt tokens were reused from the cache rather than decoded.
    /// </summary>
    public int Prefill(ReadOnlySpan<int> prompt, CancellationToken cancellationToken)
    {
        if (prompt.IsEmpty)
        {
            throw new ArgumentException("the prompt is empty", nameof(prompt));
        }

        var reuse = CommonPrefixLength(prompt);
        if (reuse == prompt.Length)
        {
            // Logits of the last prompt token are needed again: decode it once more.
            reuse--;
        }

        if (reuse < _cached.Count)
        {
            if (!NativeMethods.llama_memory_seq_rm(Memory, 0, reuse, -1))
            {
                reuse = 0;
                Clear();
            }

            _cached.RemoveRange(reuse, _cached.Count - reuse);
        }

        DecodeTokens(prompt[reuse..], reuse, cancellationToken);
        return reuse;
    }

    /// <summary>Decodes one sampled token at the end of the cache, leaving its logits ready.</summary>
    public void Append(int token, CancellationToken cancellationToken)
    {
        ReadOnlySpan<int> one = [token];
        DecodeTokens(one, _cached.Count, cancellationToken);
    }

    /// <summary>Logits of the last decoded token (length = vocabulary size).</summary>
    public float* LastLogits => NativeMethods.llama_get_logits_ith(Pointer, -1);

    /// <summary>Forgets everything in the KV cache.</summary>
    public void Clear()
    {
        var memory = Memory;
        if (memory != nint.Zero)
        {
            NativeMethods.llama_memory_clear(memory, true);
        }

        _cached.Clear();
    }

    /// <summary>
    /// Runs several sequences in one batch for embeddings (sequence i gets seq_id i, positions from 0) and returns
    /// the pooled vector of each, copied out of llama.cpp's buffer.
    /// </summary>
    public float[][] EmbedSequences(IReadOnlyList<int[]> sequences, int dimensions, CancellationToken cancellationToken)
    {
        Clear();
        var total = sequences.Sum(s => s.Length);
        if (total > BatchSize || sequences.Count > Math.Max(1, MaxSequences))
        {
            throw new ArgumentException($"{sequences.Count} sequences of {total} tokens exceed the batch ({BatchSize} tokens, {MaxSequences} sequences)");
        }

        var n = 0;
        for (var s = 0; s < sequences.Count; s++)
        {
            var seq = sequences[s];
            for (var i = 0; i < seq.Length; i++)
            {
                _batch.Token[n] = seq[i];
                _batch.Position[n] = i;
                _batch.SequenceIdCount[n] = 1;
                _batch.SequenceId[n][0] = s;
                _batch.Logits[n] = 1;
                n++;
            }
        }

        _batch.TokenCount = n;
        Run(isEncoder: Model.HasEncoder && !Model.HasDecoder, cancellationToken);
        var result = new float[sequences.Count][];
        for (var s = 0; s < sequences.Count; s++)
        {
            var ptr = NativeMethods.llama_get_embeddings_seq(Pointer, s);
            if (ptr is null)
            {
                throw new InvalidOperationException($"llama.cpp returned no pooled embedding for sequence {s} (pooling {Pooling})");
            }

            result[s] = new ReadOnlySpan<float>(ptr, dimensions).ToArray();
        }

        Clear();
        return result;
    }

    private void DecodeTokens(ReadOnlySpan<int> tokens, int startPosition, CancellationToken cancellationToken)
    {
        if (startPosition + tokens.Length > ContextSize)
        {
            throw new LlamaContextFullException(
                $"{startPosition + tokens.Length} tokens do not fit the context of {ContextSize} tokens; shorten the prompt or raise the context size.");
        }

        var offset = 0;
        while (offset < tokens.Length)
        {
            var count = Math.Min(BatchSize, tokens.Length - offset);
            for (var i = 0; i < count; i++)
            {
                _batch.Token[i] = tokens[offset + i];
                _batch.Position[i] = startPosition + offset + i;
                _batch.SequenceIdCount[i] = 1;
                _batch.SequenceId[i][0] = 0;
                _batch.Logits[i] = 0;
            }

            var last = offset + count == tokens.Length;
            if (last)
            {
                _batch.Logits[count - 1] = 1;
            }

            _batch.TokenCount = count;
            try
            {
                Run(isEncoder: false, cancellationToken);
            }
            catch
            {
                // A failed or aborted decode may leave part of the batch in the cache: start clean next time.
                Clear();
                throw;
            }

            for (var i = 0; i < count; i++)
            {
                _cached.Add(tokens[offset + i]);
            }

            offset += count;
        }
    }

    private void Run(bool isEncoder, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _cancellation = cancellationToken;

        // ggml calls the abort check between graph nodes: worth it for a long prompt batch, but on one-token
        // generation steps (cancellation is checked between tokens anyway) the managed transitions cost ~8 % speed.
        var wantAbortCheck = _batch.TokenCount > 1 && cancellationToken.CanBeCanceled;
        if (wantAbortCheck != _abortCallbackSet)
        {
            if (wantAbortCheck)
            {
                NativeMethods.llama_set_abort_callback(Pointer, &OnAbortCheck, GCHandle.ToIntPtr(_self));
            }
            else
            {
                NativeMethods.llama_set_abort_callback(Pointer, null, nint.Zero);
            }

            _abortCallbackSet = wantAbortCheck;
        }

        int rc;
        try
        {
            rc = isEncoder ? NativeMethods.llama_encode(Pointer, _batch) : NativeMethods.llama_decode(Pointer, _batch);
        }
        finally
        {
            _cancellation = CancellationToken.None;
        }

        switch (rc)
        {
            case 0:
                return;
            case 1:
                throw new LlamaContextFullException($"llama.cpp found no room in the KV cache (context {ContextSize} tokens).");
            case 2:
                cancellationToken.ThrowIfCancellationRequested();
                throw new OperationCanceledException("llama.cpp aborted the batch");
            default:
                throw new InvalidOperationException($"llama_{(isEncoder ? "encode" : "decode")} failed with code {rc}: {LlamaNativeLibrary.TakeLastError() ?? "no reason given"}");
        }
    }

    // Called by ggml between graph nodes during a decode: lets cancellation stop a long prompt mid-way.
    [UnmanagedCallersOnly]
    private static byte OnAbortCheck(nint data)
    {
        var target = GCHandle.FromIntPtr(data).Target as LlamaContext;
        return target is not null && target._cancellation.IsCancellationRequested ? (byte)1 : (byte)0;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        NativeMethods.llama_batch_free(_batch);
        _batch = default;
        _handle.Dispose();
        _self.Free();
    }
}

/// <summary>The prompt (plus generation) does not fit the context window.</summary>
public sealed class LlamaContextFullException : Exception
{
    public LlamaContextFullException()
    {
    }

    public LlamaContextFullException(string message)
        : base(message)
    {
    }

    public LlamaContextFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
