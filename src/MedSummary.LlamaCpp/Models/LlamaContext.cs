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

    public LlamaFlashAttention FlashAttention { get; init; } = LlamaFlashAttention.Auto;
}

/// <summary>
/// One llama_context with the tokens its KV cache holds per sequence, so that a new prompt only decodes what follows
/// the longest common prefix found in any sequence (copied into its own sequence without decoding). Sequence 0 serves
/// one request at a time; the batch scheduler drives several sequences. Never used by two threads at once.
/// </summary>
internal sealed unsafe class LlamaContext : IDisposable
{
    private readonly SafeLlamaContextHandle _handle;
    private readonly List<int>[] _cached;
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
        // Unified: one cell pool for all sequences, so a prefix copied to another sequence is shared, not duplicated.
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
        _cached = [.. Enumerable.Range(0, Math.Max(1, MaxSequences)).Select(_ => new List<int>())];
    }

    public LlamaModel Model { get; }

    public int ContextSize { get; }

    public int BatchSize { get; }

    public int MaxSequences { get; }

    public LlamaPoolingType Pooling { get; }

    /// <summary>Tokens currently held in the KV cache for sequence 0, in order.</summary>
    public IReadOnlyList<int> CachedTokens => _cached[0];

    /// <summary>Tokens currently held in the KV cache for <paramref name="sequence"/>, in order.</summary>
    public IReadOnlyList<int> CachedTokensOf(int sequence) => _cached[sequence];

    internal nint Pointer => _handle.DangerousGetHandle();

    private nint Memory => NativeMethods.llama_get_memory(Pointer);

    /// <summary>Length of the longest common prefix between any sequence's cache and <paramref name="tokens"/>.</summary>
    public int CommonPrefixLength(ReadOnlySpan<int> tokens)
    {
        var best = 0;
        foreach (var cached in _cached)
        {
            best = Math.Max(best, CommonPrefix(cached, tokens));
        }

        return best;
    }

    /// <summary>
    /// KV cells the sequences' caches occupy: tokens of a prefix copied between sequences share cells, so this is the
    /// size of the prefix tree of all caches (an exact count only when every shared prefix was copied, which is how
    /// <see cref="PrefillSequence"/> fills them).
    /// </summary>
    public int CellsInUse()
    {
        var cells = 0;
        for (var s = 0; s < _cached.Length; s++)
        {
            var shared = 0;
            for (var t = 0; t < s; t++)
            {
                shared = Math.Max(shared, CommonPrefix(_cached[t], CollectionsMarshal.AsSpan(_cached[s])));
            }

            cells += _cached[s].Count - shared;
        }

        return cells;
    }

    private static int CommonPrefix(List<int> cached, ReadOnlySpan<int> tokens)
    {
        var n = Math.Min(tokens.Length, cached.Count);
        var span = CollectionsMarshal.AsSpan(cached);
        var i = 0;
        while (i < n && span[i] == tokens[i])
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// Brings the cache to exactly <paramref name="prompt"/> and leaves the last token's logits ready. Returns how
    /// many prompt tokens were reused from the cache rather than decoded.
    /// </summary>
    public int Prefill(ReadOnlySpan<int> prompt, CancellationToken cancellationToken) => PrefillSequence(0, prompt, cancellationToken);

    /// <summary>
    /// Brings <paramref name="sequence"/>'s cache to exactly <paramref name="prompt"/>, starting from the longest
    /// common prefix held by any sequence (copied, not decoded), and leaves the last token's logits ready. Returns
    /// how many prompt tokens were reused rather than decoded. On failure the sequence is left empty.
    /// </summary>
    public int PrefillSequence(int sequence, ReadOnlySpan<int> prompt, CancellationToken cancellationToken)
    {
        if (prompt.IsEmpty)
        {
            throw new ArgumentException("the prompt is empty", nameof(prompt));
        }

        var own = _cached[sequence];
        var source = sequence;
        var reuse = CommonPrefix(own, prompt);
        for (var s = 0; s < _cached.Length; s++)
        {
            var common = CommonPrefix(_cached[s], prompt);
            if (common > reuse)
            {
                (source, reuse) = (s, common);
            }
        }

        if (reuse == prompt.Length)
        {
            // Logits of the last prompt token are needed again: decode it once more.
            reuse--;
        }

        if (source != sequence)
        {
            RemoveSequence(sequence);
            if (reuse > 0)
            {
                NativeMethods.llama_memory_seq_cp(Memory, source, sequence, 0, reuse);
                own.AddRange(_cached[source].Take(reuse));
            }
        }
        else if (reuse < own.Count)
        {
            if (!NativeMethods.llama_memory_seq_rm(Memory, sequence, reuse, -1))
            {
                reuse = 0;
                RemoveSequence(sequence);
            }

            own.RemoveRange(reuse, own.Count - reuse);
        }

        DecodeTokens(sequence, prompt[reuse..], reuse, cancellationToken);
        return reuse;
    }

    /// <summary>Decodes one sampled token at the end of the cache, leaving its logits ready.</summary>
    public void Append(int token, CancellationToken cancellationToken)
    {
        ReadOnlySpan<int> one = [token];
        DecodeTokens(0, one, _cached[0].Count, cancellationToken);
    }

    /// <summary>
    /// One decode step for several sequences: token i goes at the end of sequence i's cache, with logits kept
    /// (read them with <see cref="LogitsAt"/>(i)). Every sequence shares the cost of reading the weights once.
    /// On failure the sequences of the step are left empty.
    /// </summary>
    public void DecodeStep(ReadOnlySpan<int> sequences, ReadOnlySpan<int> tokens)
    {
        if (sequences.Length > BatchSize)
        {
            throw new ArgumentException($"{sequences.Length} sequences exceed the batch of {BatchSize} tokens", nameof(sequences));
        }

        for (var i = 0; i < sequences.Length; i++)
        {
            _batch.Token[i] = tokens[i];
            _batch.Position[i] = _cached[sequences[i]].Count;
            _batch.SequenceIdCount[i] = 1;
            _batch.SequenceId[i][0] = sequences[i];
            _batch.Logits[i] = 1;
        }

        _batch.TokenCount = sequences.Length;
        try
        {
            Run(isEncoder: false, CancellationToken.None);
        }
        catch
        {
            foreach (var s in sequences)
            {
                RemoveSequence(s);
            }

            throw;
        }

        for (var i = 0; i < sequences.Length; i++)
        {
            _cached[sequences[i]].Add(tokens[i]);
        }
    }

    /// <summary>Logits of the last decoded token (length = vocabulary size).</summary>
    public float* LastLogits => NativeMethods.llama_get_logits_ith(Pointer, -1);

    /// <summary>Logits of the <paramref name="index"/>-th token of the last decode step.</summary>
    public float* LogitsAt(int index) => NativeMethods.llama_get_logits_ith(Pointer, index);

    /// <summary>Forgets what the KV cache holds for one sequence (cells shared with other sequences stay theirs).</summary>
    public void RemoveSequence(int sequence)
    {
        var memory = Memory;
        if (memory != nint.Zero)
        {
            NativeMethods.llama_memory_seq_rm(memory, sequence, -1, -1);
        }

        _cached[sequence].Clear();
    }

    /// <summary>Forgets everything in the KV cache.</summary>
    public void Clear()
    {
        var memory = Memory;
        if (memory != nint.Zero)
        {
            NativeMethods.llama_memory_clear(memory, true);
        }

        foreach (var cached in _cached)
        {
            cached.Clear();
        }
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

    private void DecodeTokens(int sequence, ReadOnlySpan<int> tokens, int startPosition, CancellationToken cancellationToken)
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
                _batch.SequenceId[i][0] = sequence;
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
                RemoveSequence(sequence);
                throw;
            }

            for (var i = 0; i < count; i++)
            {
                _cached[sequence].Add(tokens[offset + i]);
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
