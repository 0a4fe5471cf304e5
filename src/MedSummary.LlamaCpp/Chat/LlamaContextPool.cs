using MedSummary.LlamaCpp.Models;

namespace MedSummary.LlamaCpp.Chat;

/// <summary>
/// A bounded set of contexts over one model. A request waits for a free context (never sharing one with another
/// thread) and gets the idle context whose cached tokens share the longest prefix with its prompt.
/// </summary>
internal sealed class LlamaContextPool : IDisposable
{
    private readonly Func<LlamaContext> _factory;
    private readonly SemaphoreSlim _slots;
    private readonly List<LlamaContext> _idle = [];
    private readonly List<LlamaContext> _all = [];
    private readonly Lock _gate = new();
    private bool _disposed;

    public LlamaContextPool(Func<LlamaContext> factory, int maxContexts)
    {
        _factory = factory;
        _slots = new SemaphoreSlim(maxContexts, maxContexts);
        MaxContexts = maxContexts;
    }

    public int MaxContexts { get; }

    /// <summary>Contexts created so far (they are created on demand).</summary>
    public int CreatedContexts
    {
        get
        {
            lock (_gate)
            {
                return _all.Count;
            }
        }
    }

    public async Task<Lease> RentAsync(int[] prompt, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                if (_idle.Count > 0)
                {
                    var best = _idle.MaxBy(c => c.CommonPrefixLength(prompt))!;
                    _idle.Remove(best);
                    return new Lease(this, best);
                }
            }

            var created = _factory();
            lock (_gate)
            {
                _all.Add(created);
            }

            return new Lease(this, created);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    private void Return(LlamaContext context)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                context.Dispose();
                return;
            }

            _idle.Add(context);
        }

        _slots.Release();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var context in _idle)
            {
                context.Dispose();
            }

            _idle.Clear();
        }
    }

    /// <summary>Exclusive use of one context until disposed.</summary>
    internal sealed class Lease(LlamaContextPool pool, LlamaContext context) : IDisposable
    {
        private int _returned;

        public LlamaContext Context { get; } = context;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _returned, 1) == 0)
            {
                pool.Return(Context);
            }
        }
    }
}
