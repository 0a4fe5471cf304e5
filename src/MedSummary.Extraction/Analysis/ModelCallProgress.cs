namespace MedSummary.Extraction.Analysis;

/// <summary>
/// Reports a stage's model calls as they happen (planned, then finished one by one), so a progress display can
/// show "model call 3 of 8" during minutes of generation. The processor opens one around a stage; the analyses
/// below it announce the calls they will make and <see cref="Grounding.ModelCall"/> counts each one finished.
/// Flows like <see cref="ModelUsageScope"/> (async-local); outside an open one every method is a no-op.
/// </summary>
public sealed class ModelCallProgress : IDisposable
{
    private static readonly AsyncLocal<ModelCallProgress?> CurrentProgress = new();
    private readonly ModelCallProgress? _parent;
    private readonly Action<int, int> _changed;
    private int _planned;
    private int _finished;

    private ModelCallProgress(ModelCallProgress? parent, Action<int, int> changed)
    {
        _parent = parent;
        _changed = changed;
    }

    /// <summary>Opens a report for the current async flow; <paramref name="changed"/> receives (finished, planned).</summary>
    public static ModelCallProgress Begin(Action<int, int> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var progress = new ModelCallProgress(CurrentProgress.Value, changed);
        CurrentProgress.Value = progress;
        return progress;
    }

    /// <summary>An analysis announces <paramref name="calls"/> more model calls it is about to make.</summary>
    public static void Plan(int calls)
    {
        if (CurrentProgress.Value is { } progress && calls > 0)
        {
            var planned = Interlocked.Add(ref progress._planned, calls);
            progress._changed(Volatile.Read(ref progress._finished), planned);
        }
    }

    /// <summary>One model call ended (answered, cut short or failed).</summary>
    public static void Finished()
    {
        if (CurrentProgress.Value is { } progress)
        {
            var finished = Interlocked.Increment(ref progress._finished);

            // A call nobody announced still counts; the total then grows with it rather than showing 3 of 2.
            var planned = Math.Max(Volatile.Read(ref progress._planned), finished);
            progress._changed(finished, planned);
        }
    }

    public void Dispose() => CurrentProgress.Value = _parent;
}
