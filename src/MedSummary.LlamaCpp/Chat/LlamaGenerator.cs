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

/// <summary>The decode / sample loop shared by streaming and non-streaming calls.</summary>
internal static class LlamaGenerator
{
    /// <summary>Runs synchronously on the calling thread; <paramref name="onText"/> receives text as soon as it is final.</summary>
    public static GenerationResult Run(LlamaContext context, GenerationRequest request, Action<string>? onText, Action? onToken, CancellationToken cancellationToken)
    {
        var model = context.Model;
        var prompt = request.PromptTokens;
        if (prompt.Length >= context.ContextSize)
        {
            throw new LlamaContextFullException(
                $"the prompt has {prompt.Length} tokens but the context holds {context.ContextSize}; shorten the prompt or raise the context size.");
        }

        var reused = context.Prefill(prompt, cancellationToken);
        using var sampler = new LlamaSampler(model, request.Sampling, request.Grammar);
        var decoder = Encoding.UTF8.GetDecoder();
        var stops = new StopSequenceMatcher(request.StopSequences);
        var text = new StringBuilder();
        Span<byte> piece = stackalloc byte[256];
        Span<char> chars = stackalloc char[512];
        var limit = Math.Min(request.MaxOutputTokens, context.ContextSize - prompt.Length);
        var produced = 0;
        var finish = ChatFinishReason.Length;

        void Emit(string s)
        {
            if (s.Length > 0)
            {
                text.Append(s);
                onText?.Invoke(s);
            }
        }

        while (produced < limit)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var token = sampler.Sample(context);
            if (model.IsEndOfGeneration(token))
            {
                finish = ChatFinishReason.Stop;
                break;
            }

            produced++;
            onToken?.Invoke();
            var n = model.TokenToPiece(token, piece);
            if (n < 0)
            {
                var big = new byte[-n];
                n = model.TokenToPiece(token, big);
                Emit(stops.Push(Decode(decoder, big.AsSpan(0, n))));
            }
            else
            {
                var c = decoder.GetChars(piece[..n], chars, flush: false);
                Emit(stops.Push(new string(chars[..c])));
            }

            if (stops.Stopped)
            {
                finish = ChatFinishReason.Stop;
                break;
            }

            if (produced < limit)
            {
                context.Append(token, cancellationToken);
            }
        }

        if (!stops.Stopped)
        {
            var tail = new char[8];
            var t = decoder.GetChars([], 0, 0, tail, 0, flush: true);
            Emit(stops.Push(new string(tail, 0, t)));
            Emit(stops.Flush());
        }

        if (request.Grammar is not null && finish != ChatFinishReason.Stop)
        {
            throw new LlamaStructuredOutputException(
                $"the model did not finish the JSON answer within {limit} tokens; raise MaxOutputTokens or bound the schema (maxLength, maxItems).");
        }

        return new GenerationResult(text.ToString(), finish, prompt.Length, reused, produced);
    }

    private static string Decode(Decoder decoder, ReadOnlySpan<byte> bytes)
    {
        var chars = new char[decoder.GetCharCount(bytes, flush: false)];
        var n = decoder.GetChars(bytes, chars, flush: false);
        return new string(chars, 0, n);
    }
}

/// <summary>Structured output could not be completed (e.g. the max-tokens guard ended a JSON answer early).</summary>
public sealed class LlamaStructuredOutputException : Exception
{
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
