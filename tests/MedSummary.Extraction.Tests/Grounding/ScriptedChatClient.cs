using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MedSummary.Extraction.Tests.Grounding;

/// <summary>
/// A chat model whose answers the test writes: per response-format schema name ("form_receptors", "narrative"),
/// the JSON text to return. Records every request so tests can inspect what the model was shown.
/// </summary>
internal sealed class ScriptedChatClient : IChatClient
{
    private readonly Dictionary<string, string> _answers = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _maxInFlight;

    public List<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Requests { get; } = [];

    /// <summary>What to answer when a schema has no scripted answer. Default: an empty object (nothing stated).</summary>
    public string Default { get; set; } = "{}";

    public Exception? Throw { get; set; }

    /// <summary>When positive, every streamed call waits until this many are in flight at once (then all go on).</summary>
    public int ReleaseAt { get; set; }

    /// <summary>Most streamed calls seen in flight at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public ScriptedChatClient Answer(string schemaName, string json)
    {
        _answers[schemaName] = json;
        return this;
    }

    public ScriptedChatClient Answer(string schemaName, object answer) => Answer(schemaName, JsonSerializer.Serialize(answer));

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        lock (Requests)
        {
            Requests.Add((list, options));
        }

        if (Throw is { } ex)
        {
            throw ex;
        }

        var name = (options?.ResponseFormat as ChatResponseFormatJson)?.SchemaName ?? "";
        var text = _answers.GetValueOrDefault(name, Default);
        var promptChars = list.Sum(m => m.Text.Length);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            Usage = new UsageDetails { InputTokenCount = promptChars / 4, OutputTokenCount = text.Length / 4, CachedInputTokenCount = 0 },
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        ChatResponse response;
        try
        {
            if (ReleaseAt > 0)
            {
                if (now >= ReleaseAt)
                {
                    _gate.TrySetResult();
                }

                await _gate.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }

            response = await GetResponseAsync(messages, options, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }

        var text = response.Text;
        for (var i = 0; i < text.Length; i += 16)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, text.Substring(i, Math.Min(16, text.Length - i)));
        }

        yield return new ChatResponseUpdate { Role = ChatRole.Assistant, Contents = [new UsageContent(response.Usage!)] };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
