using System.Runtime.InteropServices;
using MedSummary.LlamaCpp.Models;
using MedSummary.LlamaCpp.Native;

namespace MedSummary.LlamaCpp.Chat;

/// <summary>Sampling settings resolved from ChatOptions and defaults.</summary>
internal sealed record SamplingSettings(float Temperature, int TopK, float TopP, uint Seed, float FrequencyPenalty, float PresencePenalty);

/// <summary>
/// One request's sampler: llama.cpp's chain (penalties, top-k, top-p, temperature, seeded distribution or greedy) and,
/// for structured output, a grammar sampler. The grammar is checked against the chain's pick first and applied to more
/// tokens only when that pick is rejected: the result has the same distribution as grammar-first sampling, at a
/// fraction of the cost on 150k-token vocabularies. A rejected pick is retried first among the
/// <see cref="ShortlistSize"/> most likely tokens; that is a top-512 truncation of the grammar-first distribution: the
/// same pick when decoding greedily, and for sampled answers a cut far below the top-k of 40 we use by default. Only
/// when none of those can continue the schema is every allowed token of the vocabulary found, through the vocabulary's
/// <see cref="TokenPrefixTree"/>: llama.cpp's grammar check costs time per candidate token (a pass over the whole
/// 152k-token vocabulary of a Qwen-sized model took 45 ms on a loaded 2-core machine, and random weights needed one on
/// most tokens), and where the schema allows a few tokens the tree finds the same set after checking far fewer.
/// </summary>
internal sealed unsafe class LlamaSampler : IDisposable
{
    private readonly SafeLlamaSamplerHandle _chain;
    private readonly SafeLlamaSamplerHandle? _grammar;
    private readonly int _vocabularySize;
    private const int ShortlistSize = 512;

    /// <summary>Benchmark hook: grammar searches check every token instead of walking the prefix tree (same result, slower).</summary>
    internal static bool EveryTokenSearch { get; set; }

    private readonly LlamaTokenData* _candidates;
    private readonly LlamaTokenData* _shortlist;
    private readonly List<int> _allowed = [];

    // The grammar search's second buffer, allocated on the first search (most requests never need one).
    private LlamaTokenData* _next;

    // A min-heap of the best logits seen so far (its root is the weakest of the shortlist), kept between tokens.
    private readonly PriorityQueue<int, float> _heap = new(ShortlistSize + 1);
    private readonly LlamaModel _model;
    private readonly byte[][] _pieces;
    private readonly LlamaEngineCounters _counters;
    private Utf8Guard _utf8;

    public LlamaSampler(LlamaModel model, SamplingSettings settings, string? grammar, LlamaEngineCounters counters)
    {
        _counters = counters;
        _vocabularySize = model.VocabularySize;
        _model = model;
        _pieces = model.TokenPieces;
        var chain = NativeMethods.llama_sampler_chain_init(new LlamaSamplerChainParams { NoPerf = 1 });
        _chain = new SafeLlamaSamplerHandle(chain);
        if (settings.FrequencyPenalty != 0 || settings.PresencePenalty != 0)
        {
            NativeMethods.llama_sampler_chain_add(chain, NativeMethods.llama_sampler_init_penalties(64, 1.0f, settings.FrequencyPenalty, settings.PresencePenalty));
        }

        if (settings.Temperature <= 0)
        {
            NativeMethods.llama_sampler_chain_add(chain, NativeMethods.llama_sampler_init_greedy());
        }
        else
        {
            if (settings.TopK > 0)
            {
                NativeMethods.llama_sampler_chain_add(chain, NativeMethods.llama_sampler_init_top_k(settings.TopK));
            }

            if (settings.TopP < 1)
            {
                NativeMethods.llama_sampler_chain_add(chain, NativeMethods.llama_sampler_init_top_p(settings.TopP, 1));
            }

            NativeMethods.llama_sampler_chain_add(chain, NativeMethods.llama_sampler_init_temp(settings.Temperature));
            NativeMethods.llama_sampler_chain_add(chain, NativeMethods.llama_sampler_init_dist(settings.Seed));
        }

        if (grammar is not null)
        {
            _ = LlamaNativeLibrary.TakeLastError();
            var g = NativeMethods.llama_sampler_init_grammar(model.Vocab, grammar, "root");
            if (g == nint.Zero)
            {
                _chain.Dispose();
                throw new InvalidOperationException($"llama.cpp rejected the generated grammar: {LlamaNativeLibrary.TakeLastError() ?? "no reason given"}");
            }

            _grammar = new SafeLlamaSamplerHandle(g);
        }

        _candidates = (LlamaTokenData*)NativeMemory.Alloc((nuint)_vocabularySize, (nuint)sizeof(LlamaTokenData));
        _shortlist = (LlamaTokenData*)NativeMemory.Alloc(ShortlistSize, (nuint)sizeof(LlamaTokenData));
    }

    /// <summary>Picks the next token from the context's last logits and records it in the samplers' state.</summary>
    public int Sample(LlamaContext context) => Sample(context.LastLogits);

    /// <summary>Picks the next token from scores given by the caller (one per vocabulary entry).</summary>
    internal int Sample(ReadOnlySpan<float> logits)
    {
        if (logits.Length != _vocabularySize)
        {
            throw new ArgumentException($"{logits.Length} scores for a vocabulary of {_vocabularySize}", nameof(logits));
        }

        fixed (float* l = logits)
        {
            return Sample(l);
        }
    }

    /// <summary>Picks the next token from <paramref name="logits"/> (one row of a decode's output).</summary>
    public int Sample(float* logits)
    {
        if (logits is null)
        {
            throw new InvalidOperationException("llama.cpp produced no logits for the last token");
        }

        var started = LlamaEngineCounters.Now;
        var elsewhere = 0L;
        var array = Fill(logits);
        NativeMethods.llama_sampler_apply(_chain.DangerousGetHandle(), &array);
        var token = _candidates[array.Selected].Id;

        if (!Acceptable(token))
        {
            var shortlisted = LlamaEngineCounters.Now;
            var found = TrySampleShortlist(logits, out token);
            _counters.Shortlist(shortlisted);
            elsewhere += LlamaEngineCounters.Now - shortlisted;
            if (!found)
            {
                var constrained = LlamaEngineCounters.Now;
                token = SampleVocabulary(logits, out var tokensChecked);
                _counters.Vocabulary(constrained, tokensChecked);
                elsewhere += LlamaEngineCounters.Now - constrained;
            }
        }

        if (_grammar is not null)
        {
            NativeMethods.llama_sampler_accept(_grammar.DangerousGetHandle(), token);
        }

        _utf8.Advance(_pieces[token]);
        NativeMethods.llama_sampler_accept(_chain.DangerousGetHandle(), token);
        _counters.Chain(started + elsewhere);
        return token;
    }

    /// <summary>
    /// Rejection path: samples among every token the grammar and the UTF-8 guard allow. The grammar's allowed set is
    /// found through the vocabulary's prefix tree (the same set as checking every token, at a fraction of the cost);
    /// the chain then sees the allowed tokens in id order, as it would see the whole vocabulary with the others masked.
    /// </summary>
    private int SampleVocabulary(float* logits, out long tokensChecked)
    {
        var size = 0;
        if (_grammar is null)
        {
            tokensChecked = 0;
            for (var i = 0; i < _vocabularySize; i++)
            {
                if (Utf8Allows(i))
                {
                    _candidates[size++] = new LlamaTokenData { Id = i, Logit = logits[i], P = 0f };
                }
            }
        }
        else
        {
            var allowed = EveryTokenSearch ? GrammarAllowedEveryToken(out tokensChecked) : GrammarAllowed(out tokensChecked);
            allowed.Sort();
            foreach (var i in allowed)
            {
                if (Utf8Allows(i))
                {
                    _candidates[size++] = new LlamaTokenData { Id = i, Logit = logits[i], P = 0f };
                }
            }
        }

        if (size == 0)
        {
            throw new InvalidOperationException("no token is allowed here (the schema cannot be completed with this vocabulary)");
        }

        var array = new LlamaTokenDataArray { Data = _candidates, Size = (nuint)size, Selected = -1, Sorted = 0 };
        NativeMethods.llama_sampler_apply(_chain.DangerousGetHandle(), &array);
        return _candidates[array.Selected].Id;
    }

    /// <summary>
    /// The tokens the grammar allows now, by checking every token of the vocabulary (the reference the prefix-tree
    /// search must equal; the benchmark times both).
    /// </summary>
    internal List<int> GrammarAllowedEveryToken(out long tokensChecked)
    {
        var allowed = _allowed;
        allowed.Clear();
        for (var i = 0; i < _vocabularySize; i++)
        {
            _candidates[i] = new LlamaTokenData { Id = i, Logit = 0f, P = 0f };
        }

        var array = new LlamaTokenDataArray { Data = _candidates, Size = (nuint)_vocabularySize, Selected = -1, Sorted = 0 };
        NativeMethods.llama_sampler_apply(_grammar!.DangerousGetHandle(), &array);
        for (var i = 0; i < _vocabularySize; i++)
        {
            if (!float.IsNegativeInfinity(_candidates[i].Logit))
            {
                allowed.Add(i);
            }
        }

        tokensChecked = _vocabularySize;
        return allowed;
    }

    /// <summary>
    /// The tokens the grammar allows now: the prefix tree's roots are checked, then the children of every accepted
    /// token, level by level (a token whose prefix the grammar refuses cannot be accepted itself).
    /// </summary>
    internal List<int> GrammarAllowed(out long tokensChecked)
    {
        var tree = _model.PrefixTree;
        var allowed = _allowed;
        allowed.Clear();
        var frontier = _candidates;
        var n = 0;
        foreach (var id in tree.Roots)
        {
            frontier[n++] = new LlamaTokenData { Id = id, Logit = 0f, P = 0f };
        }

        tokensChecked = 0;
        if (_next is null)
        {
            _next = (LlamaTokenData*)NativeMemory.Alloc((nuint)_vocabularySize, (nuint)sizeof(LlamaTokenData));
        }

        var next = _next;
        while (n > 0)
        {
            var array = new LlamaTokenDataArray { Data = frontier, Size = (nuint)n, Selected = -1, Sorted = 0 };
            NativeMethods.llama_sampler_apply(_grammar!.DangerousGetHandle(), &array);
            tokensChecked += n;

            // Every token has one parent, so a level never holds more tokens than the vocabulary.
            var m = 0;
            for (var i = 0; i < n; i++)
            {
                if (!float.IsNegativeInfinity(frontier[i].Logit))
                {
                    var id = frontier[i].Id;
                    allowed.Add(id);
                    foreach (var child in tree.ChildrenOf(id))
                    {
                        next[m++] = new LlamaTokenData { Id = child, Logit = 0f, P = 0f };
                    }
                }
            }

            var checkedLevel = frontier;
            frontier = next;
            next = checkedLevel;
            n = m;
        }

        return allowed;
    }

    /// <summary>Constrains the most likely tokens only and samples among those the grammar allows, if any.</summary>
    private bool TrySampleShortlist(float* logits, out int token)
    {
        token = -1;
        if (_vocabularySize <= ShortlistSize)
        {
            return false;
        }

        var heap = _heap;
        heap.Clear();
        for (var i = 0; i < _vocabularySize; i++)
        {
            if (heap.Count < ShortlistSize)
            {
                heap.Enqueue(i, logits[i]);
            }
            else if (heap.TryPeek(out _, out var weakest) && logits[i] > weakest)
            {
                heap.EnqueueDequeue(i, logits[i]);
            }
        }

        var size = 0;
        while (heap.TryDequeue(out var id, out var logit))
        {
            _shortlist[size++] = new LlamaTokenData { Id = id, Logit = Utf8Allows(id) ? logit : float.NegativeInfinity, P = 0f };
        }

        var array = new LlamaTokenDataArray { Data = _shortlist, Size = (nuint)size, Selected = -1, Sorted = 0 };
        if (_grammar is not null)
        {
            NativeMethods.llama_sampler_apply(_grammar.DangerousGetHandle(), &array);
        }

        var allowed = false;
        for (var i = 0; i < (int)array.Size && !allowed; i++)
        {
            allowed = !float.IsNegativeInfinity(_shortlist[i].Logit);
        }

        if (!allowed)
        {
            return false;
        }

        NativeMethods.llama_sampler_apply(_chain.DangerousGetHandle(), &array);
        token = _shortlist[array.Selected].Id;
        return !float.IsNegativeInfinity(_shortlist[array.Selected].Logit);
    }

    private bool Acceptable(int token)
    {
        if (!Utf8Allows(token))
        {
            return false;
        }

        if (_grammar is null)
        {
            return true;
        }

        var single = new LlamaTokenData { Id = token, Logit = 1f, P = 0f };
        var one = new LlamaTokenDataArray { Data = &single, Size = 1, Selected = -1, Sorted = 0 };
        NativeMethods.llama_sampler_apply(_grammar.DangerousGetHandle(), &one);
        return !float.IsNegativeInfinity(single.Logit);
    }

    // End-of-generation tokens have no bytes: allowed only when no character is left half-written.
    private bool Utf8Allows(int token) =>
        _pieces[token].Length == 0 ? _utf8.AtBoundary || !_model.IsEndOfGeneration(token) : _utf8.Accepts(_pieces[token]);

    private LlamaTokenDataArray Fill(float* logits)
    {
        for (var i = 0; i < _vocabularySize; i++)
        {
            _candidates[i] = new LlamaTokenData { Id = i, Logit = logits[i], P = 0f };
        }

        return new LlamaTokenDataArray { Data = _candidates, Size = (nuint)_vocabularySize, Selected = -1, Sorted = 0 };
    }

    public void Dispose()
    {
        NativeMemory.Free(_candidates);
        NativeMemory.Free(_shortlist);
        NativeMemory.Free(_next);
        _grammar?.Dispose();
        _chain.Dispose();
    }
}
