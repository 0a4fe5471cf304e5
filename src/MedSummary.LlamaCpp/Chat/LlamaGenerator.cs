using System.Text;
using MedSummary.LlamaCpp.Models;
using Microsoft.Extensions.AI;

namespace MedSummary.LlamaCpp.Chat;

/// <summary>One generation request, already tokenized.</summary>
internal sealed record GenerationRequest(
    int[] PromptTokens,
    SamplingSettings Sampling,
    int MaxOutputTokens,
    IList<string>? StopSequences,
    string? Grammar);

/// <summary>What a generation produced.</summary>
internal sealed record GenerationResult(string Text, ChatFinishReason FinishReason, int PromptTokens, int ReusedPromptTokens, int OutputTokens);

/// <summary>The decode / sample loop of one request on its own context (sequence 0).</summary>
internal static class LlamaGenerator
{
    /// <summary>Runs synchronously on the calling thread; <paramref name="onText"/> receives text as soon as it is final.</summary>
    public static unsafe GenerationResult Run(
        LlamaContext context, GenerationRequest request, Action<string>? onText, Action? onToken, LlamaEngineCounters counters, CancellationToken cancellationToken)
    {
        SequenceGeneration.CheckFits(context, request);
        var started = LlamaEngineCounters.Now;
        var reused = context.Prefill(request.PromptTokens, cancellationToken);
        counters.Prefill(started, request.PromptTokens.Length - reused);
        using var generation = new SequenceGeneration(context, request, onText, onToken, counters, reused);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!generation.Next(context.LastLogits, out var token))
            {
                break;
            }

            started = LlamaEngineCounters.Now;
            context.Append(token, cancellationToken);
            counters.Decode(started);
        }

        return generation.Complete();
    }
}

/// <summary>
/// The sampling side of one sequence: sampler and grammar, UTF-8 decoding, stop sequences, the token limit and the
/// answer's text. Shared by the one-request loop and the batch scheduler, so both follow exactly the same rules.
/// </summary>
internal sealed unsafe class SequenceGeneration : IDisposable
{
    private readonly LlamaModel _model;
    private readonly GenerationRequest _request;
    private readonly Action<string>? _onText;
    private readonly Action? _onToken;
    private readonly LlamaSampler _sampler;
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private readonly StopSequenceMatcher _stops;
    private readonly StringBuilder _text = new();
    private readonly byte[] _piece = new byte[256];
    private readonly char[] _chars = new char[512];
    private readonly int _limit;
    private readonly LlamaEngineCounters _counters;
    private readonly int _reused;
    private int _produced;
    private ChatFinishReason _finish = ChatFinishReason.Length;

    public SequenceGeneration(
        LlamaContext context, GenerationRequest request, Action<string>? onText, Action? onToken, LlamaEngineCounters counters, int reusedPromptTokens)
    {
        _counters = counters;
        _reused = reusedPromptTokens;
        _model = context.Model;
        _request = request;
        _onText = onText;
        _onToken = onToken;
        _stops = new StopSequenceMatcher(request.StopSequences);
        _limit = Math.Min(request.MaxOutputTokens, context.ContextSize - request.PromptTokens.Length);
        _sampler = new LlamaSampler(_model, request.Sampling, request.Grammar, counters);
    }

    /// <summary>Output tokens this sequence may still sample at most.</summary>
    public int Remaining => _limit - _produced;

    public static void CheckFits(LlamaContext context, GenerationRequest request)
    {
        if (request.PromptTokens.Length >= context.ContextSize)
        {
            throw new LlamaContextFullException(
                $"the prompt has {request.PromptTokens.Length} tokens but the context holds {context.ContextSize}; shorten the prompt or raise the context size.");
        }
    }

    /// <summary>
    /// Samples the next token from <paramref name="logits"/>; true when it must be decoded to go on, false when the
    /// answer is over (end of generation, a stop sequence, or the token limit).
    /// </summary>
    public bool Next(float* logits, out int token)
    {
        token = _sampler.Sample(logits);
        if (_model.IsEndOfGeneration(token))
        {
            _finish = ChatFinishReason.Stop;
            return false;
        }

        _produced++;
        _onToken?.Invoke();
        var started = LlamaEngineCounters.Now;
        try
        {
            return AppendText(token);
        }
        finally
        {
            _counters.Detokenize(started);
        }
    }

    private bool AppendText(int token)
    {
        var n = _model.TokenToPiece(token, _piece);
        if (n < 0)
        {
            var big = new byte[-n];
            n = _model.TokenToPiece(token, big);
            Emit(_stops.Push(Decode(big.AsSpan(0, n))));
        }
        else
        {
            Emit(_stops.Push(Decode(_piece.AsSpan(0, n))));
        }

        if (_stops.Stopped)
        {
            _finish = ChatFinishReason.Stop;
            return false;
        }

        return _produced < _limit;
    }

    /// <summary>Flushes held-back text and returns the result; throws when a structured answer was cut short.</summary>
    public GenerationResult Complete()
    {
        if (!_stops.Stopped)
        {
            var tail = new char[8];
            var t = _decoder.GetChars([], 0, 0, tail, 0, flush: true);
            Emit(_stops.Push(new string(tail, 0, t)));
            Emit(_stops.Flush());
        }

        var result = new GenerationResult(_text.ToString(), _finish, _request.PromptTokens.Length, _reused, _produced);
        if (_request.Grammar is not null && _finish != ChatFinishReason.Stop)
        {
            // The tokens it took are reported all the same: a cut answer cost as much as a finished one.
            throw new LlamaStructuredOutputException(
                $"the model did not finish the JSON answer within {_limit} tokens; raise MaxOutputTokens or bound the schema (maxLength, maxItems).")
            {
                Result = result with { Text = "" },
            };
        }

        return result;
    }

    public void Dispose() => _sampler.Dispose();

    private void Emit(string s)
    {
        if (s.Length > 0)
        {
            _text.Append(s);
            _onText?.Invoke(s);
        }
    }

    private string Decode(ReadOnlySpan<byte> bytes)
    {
        var needed = _decoder.GetCharCount(bytes, flush: false);
        var chars = needed <= _chars.Length ? _chars : new char[needed];
        var n = _decoder.GetChars(bytes, chars, flush: false);
        return new string(chars, 0, n);
    }
}

/// <summary>Structured output could not be completed (e.g. the max-tokens guard ended a JSON answer early).</summary>
public sealed class LlamaStructuredOutputException : Exception
{
    /// <summary>The tokens the cut answer used: prompt (and how many were reused from the cache) and output.</summary>
    public UsageDetails? Usage => Result is { } r ? LlamaChatClient.Usage(r) : null;

    internal GenerationResult? Result { get; init; }

    public LlamaStructuredOutputException()
    {
    }

    public LlamaStructuredOutputException(string message)
        : base(message)
    {
    }

    public LlamaStructuredOutputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
