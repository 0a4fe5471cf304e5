using System.Diagnostics;

namespace MedSummary.LlamaCpp.Chat;

/// <summary>
/// Where a chat client's time went since start, summed over every request (failed and cancelled ones included).
/// Batched requests share one worker thread, so these add up to that thread's busy time; with several contexts in
/// parallel they add up to more than the wall time. No text is recorded, only durations and counts.
/// </summary>
public sealed record LlamaEngineProfile
{
    /// <summary>Decoding prompts (prefill), and the prompt tokens decoded there.</summary>
    public TimeSpan Prefill { get; init; }

    public long PrefillTokens { get; init; }

    /// <summary>Decoding sampled tokens (one llama_decode per step, for one or several sequences), and the steps.</summary>
    public TimeSpan Decode { get; init; }

    public long DecodeSteps { get; init; }

    /// <summary>Tokens sampled (every sampler call, end-of-generation picks included).</summary>
    public long Samples { get; init; }

    /// <summary>The sampler chain's pick and its grammar / UTF-8 check, for every sample.</summary>
    public TimeSpan Chain { get; init; }

    /// <summary>Samples whose chain pick was refused, so the most likely tokens were constrained.</summary>
    public long ShortlistRuns { get; init; }

    public TimeSpan Shortlist { get; init; }

    /// <summary>Samples where no shortlisted token could continue, so the whole vocabulary was constrained.</summary>
    public long VocabularyRuns { get; init; }

    public TimeSpan Vocabulary { get; init; }

    /// <summary>Grammar checks of single tokens in the whole-vocabulary search (what that search costs scales with it).</summary>
    public long VocabularyTokensChecked { get; init; }

    /// <summary>Turning sampled tokens into text and matching stop sequences.</summary>
    public TimeSpan Detokenize { get; init; }
}

/// <summary>Thread-safe accumulators behind <see cref="LlamaEngineProfile"/>; timestamps from <see cref="Stopwatch"/>.</summary>
internal sealed class LlamaEngineCounters
{
    private long _prefill;
    private long _prefillTokens;
    private long _decode;
    private long _decodeSteps;
    private long _samples;
    private long _chain;
    private long _shortlistRuns;
    private long _shortlist;
    private long _vocabularyRuns;
    private long _vocabulary;
    private long _vocabularyChecked;
    private long _detokenize;

    public static long Now => Stopwatch.GetTimestamp();

    public void Prefill(long since, int tokens)
    {
        Interlocked.Add(ref _prefill, Stopwatch.GetTimestamp() - since);
        Interlocked.Add(ref _prefillTokens, tokens);
    }

    public void Decode(long since)
    {
        Interlocked.Add(ref _decode, Stopwatch.GetTimestamp() - since);
        Interlocked.Increment(ref _decodeSteps);
    }

    public void Chain(long since)
    {
        Interlocked.Add(ref _chain, Stopwatch.GetTimestamp() - since);
        Interlocked.Increment(ref _samples);
    }

    public void Shortlist(long since)
    {
        Interlocked.Add(ref _shortlist, Stopwatch.GetTimestamp() - since);
        Interlocked.Increment(ref _shortlistRuns);
    }

    public void Vocabulary(long since, long tokensChecked)
    {
        Interlocked.Add(ref _vocabulary, Stopwatch.GetTimestamp() - since);
        Interlocked.Increment(ref _vocabularyRuns);
        Interlocked.Add(ref _vocabularyChecked, tokensChecked);
    }

    public void Detokenize(long since) => Interlocked.Add(ref _detokenize, Stopwatch.GetTimestamp() - since);

    public LlamaEngineProfile Snapshot() => new()
    {
        Prefill = Elapsed(ref _prefill),
        PrefillTokens = Interlocked.Read(ref _prefillTokens),
        Decode = Elapsed(ref _decode),
        DecodeSteps = Interlocked.Read(ref _decodeSteps),
        Samples = Interlocked.Read(ref _samples),
        Chain = Elapsed(ref _chain),
        ShortlistRuns = Interlocked.Read(ref _shortlistRuns),
        Shortlist = Elapsed(ref _shortlist),
        VocabularyRuns = Interlocked.Read(ref _vocabularyRuns),
        Vocabulary = Elapsed(ref _vocabulary),
        VocabularyTokensChecked = Interlocked.Read(ref _vocabularyChecked),
        Detokenize = Elapsed(ref _detokenize),
    };

    private static TimeSpan Elapsed(ref long ticks) => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref ticks));
}
