using Microsoft.Extensions.AI;

namespace MedSummary.Extraction.Grounding;

/// <summary>
/// The chat model, created on first use. Loading a model can fail (a missing or corrupt GGUF, an unreachable server):
/// that failure must leave the rules' results, not abort the dossier, so callers ask with <see cref="TryGet"/>.
/// </summary>
public sealed class ChatModelAccess(Func<IChatClient> factory)
{
    private readonly Lazy<(IChatClient? Client, string? Error)> _client = new(() =>
    {
        try
        {
            return (factory(), null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (null, $"the chat model could not be loaded: {ModelFailure.Describe(ex)}");
        }
    });

    public ChatModelAccess(IChatClient client)
        : this(() => client)
    {
    }

    /// <summary>Why loading failed, once it was tried and failed; null before the first use and after a success.</summary>
    public string? LoadFailure => _client.IsValueCreated ? _client.Value.Error : null;

    public bool TryGet(out IChatClient client, out string? error)
    {
        var (c, e) = _client.Value;
        client = c!;
        error = e;
        return c is not null;
    }
}
