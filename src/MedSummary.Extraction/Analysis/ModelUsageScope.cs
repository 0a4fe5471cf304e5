namespace MedSummary.Extraction.Analysis;

/// <summary>
/// Counts chat-model work for one dossier. The processor opens a scope around a dossier's analyses; model
/// calls made anywhere below it (on any thread, via async flow) add their token usage to it.
/// </summary>
public sealed class ModelUsageScope : IDisposable
{
    private static readonly AsyncLocal<ModelUsageScope?> CurrentScope = new();
    private readonly ModelUsageScope? _parent;
    private long _promptTokens;
    private long _generatedTokens;
    private long _cachedPromptTokens;
    private int _calls;
    private int _valuesRejected;

    private ModelUsageScope(ModelUsageScope? parent) => _parent = parent;

    /// <summary>The innermost open scope of the current async flow, if any.</summary>
    public static ModelUsageScope? Current => CurrentScope.Value;

    public long PromptTokens => Interlocked.Read(ref _promptTokens);

    public long GeneratedTokens => Interlocked.Read(ref _generatedTokens);

    /// <summary>Prompt tokens served from a reused KV-cache prefix (part of <see cref="PromptTokens"/>).</summary>
    public long CachedPromptTokens => Interlocked.Read(ref _cachedPromptTokens);

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Model-proposed values that verification refused.</summary>
    public int ValuesRejected => Volatile.Read(ref _valuesRejected);

    public static ModelUsageScope Begin()
    {
        var scope = new ModelUsageScope(CurrentScope.Value);
        CurrentScope.Value = scope;
        return scope;
    }

    /// <summary>Adds one model call's usage to the current scope (no-op outside a scope).</summary>
    public static void Record(long? promptTokens, long? generatedTokens, long? cachedPromptTokens = null)
    {
        if (CurrentScope.Value is not { } scope)
        {
            return;
        }

        Interlocked.Add(ref scope._promptTokens, promptTokens ?? 0);
        Interlocked.Add(ref scope._generatedTokens, generatedTokens ?? 0);
        Interlocked.Add(ref scope._cachedPromptTokens, cachedPromptTokens ?? 0);
        Interlocked.Increment(ref scope._calls);
    }

    public static void RecordRejectedValue()
    {
        if (CurrentScope.Value is { } scope)
        {
            Interlocked.Increment(ref scope._valuesRejected);
        }
    }

    public void Dispose() => CurrentScope.Value = _parent;
}
