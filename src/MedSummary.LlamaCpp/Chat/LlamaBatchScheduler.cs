using MedSummary.LlamaCpp.Models;

namespace MedSummary.LlamaCpp.Chat;

/// <summary>
/// Serves concurrent requests from one context with several sequence ids. Generation on a CPU is bound by reading
/// the weights, so sequences decoded together in one llama_decode per step (one token each) share that cost.
/// A new request's prompt starts from the longest prefix any sequence holds, copied in the KV cache rather than
/// decoded (requests sharing their passages decode them once); then each step decodes the pending token of every live
/// sequence, and each samples with its own sampler, grammar, stop sequences and token limit. A finished, cancelled or
/// failed sequence leaves the batch alone; the others go on. One dedicated thread owns the context.
/// </summary>
internal sealed class LlamaBatchScheduler : IDisposable
{
    private readonly LlamaContext _context;
    private readonly Action _onToken;
    private readonly LlamaEngineCounters _counters;
    private readonly TimeSpan _gatherWindow;
    private readonly LinkedList<Pending> _queue = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _worker;
    private readonly Live?[] _slots;
    private long _steps;
    private long _batchedSteps;
    private int _peakSequences;
    private bool _disposed;
    private Exception? _fault;

    public LlamaBatchScheduler(LlamaContext context, TimeSpan gatherWindow, Action onToken, LlamaEngineCounters counters)
    {
        _context = context;
        _counters = counters;
        _gatherWindow = gatherWindow;
        _onToken = onToken;
        _slots = new Live?[context.MaxSequences];
        _worker = new Thread(Work) { IsBackground = true, Name = "llama.cpp batch" };
        _worker.Start();
    }

    /// <summary>Decode steps run (one llama_decode each).</summary>
    public long Steps => Interlocked.Read(ref _steps);

    /// <summary>Decode steps that carried more than one sequence.</summary>
    public long BatchedSteps => Interlocked.Read(ref _batchedSteps);

    /// <summary>Most sequences decoded in one step so far.</summary>
    public int PeakSequences => Volatile.Read(ref _peakSequences);

    /// <summary>
    /// Queues a request; the task ends with its result, its own failure, or its cancellation. While
    /// <paramref name="ready"/> says no (a streaming reader is behind), the sequence sits out the steps; call
    /// <see cref="Wake"/> when that may have changed.
    /// </summary>
    public Task<GenerationResult> Enqueue(GenerationRequest request, Action<string>? onText, Func<bool>? ready, CancellationToken cancellationToken)
    {
        var pending = new Pending(request, onText, ready, cancellationToken);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _queue.AddLast(pending);
        }

        _arrived.Release();
        return pending.Completion.Task;
    }

    /// <summary>Wakes the worker (a paused sequence's reader caught up).</summary>
    public void Wake()
    {
        try
        {
            _arrived.Release();
        }
        catch (ObjectDisposedException)
        {
            // Disposed meanwhile: nothing left to wake.
        }
    }

    private void Work()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (LiveCount() == 0)
                {
                    if (QueuedCount() == 0)
                    {
                        _arrived.Wait(_stop.Token);
                    }

                    GatherArrivals();
                }
                else
                {
                    // Requests that came in during the last step join now; the semaphore only wakes an idle worker.
                    while (_arrived.Wait(0))
                    {
                    }
                }

                Admit();
                Step();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // A fault of the loop itself must reach every waiting caller rather than leave them hanging.
            _fault = ex;
        }

        lock (_gate)
        {
            _disposed = true;
        }

        var disposed = _fault ?? new ObjectDisposedException(nameof(LlamaChatClient));
        foreach (var live in _slots.OfType<Live>())
        {
            Finish(live, disposed);
        }

        lock (_gate)
        {
            foreach (var pending in _queue)
            {
                pending.Completion.TrySetException(disposed);
            }

            _queue.Clear();
        }
    }

    // Requests issued together (a caller's Task.WhenAll) reach the queue microseconds apart: waiting a moment for the
    // batch to fill lets them start together, so the first does not run alone while the others queue behind it.
    private void GatherArrivals()
    {
        var deadline = Environment.TickCount64 + (long)_gatherWindow.TotalMilliseconds;
        while (QueuedCount() < _slots.Length)
        {
            var left = deadline - Environment.TickCount64;
            if (left <= 0 || !_arrived.Wait(TimeSpan.FromMilliseconds(left), _stop.Token))
            {
                return;
            }
        }
    }

    private void Admit()
    {
        while (true)
        {
            var slot = Array.FindIndex(_slots, s => s is null);
            if (slot < 0)
            {
                return;
            }

            Pending? pending;
            lock (_gate)
            {
                pending = _queue.First?.Value;
                if (pending is null)
                {
                    return;
                }

                _queue.RemoveFirst();
            }

            if (pending.Cancellation.IsCancellationRequested)
            {
                pending.Completion.TrySetCanceled(pending.Cancellation);
                continue;
            }

            if (!MakeRoom(pending.Request, ref slot))
            {
                // Not enough KV cells while others generate: wait for one of them to finish, keeping the order.
                lock (_gate)
                {
                    _queue.AddFirst(pending);
                }

                return;
            }

            Start(pending, slot);
        }
    }

    /// <summary>
    /// Whether the prompt and its answer fit the KV cells left beside the live sequences' answers; forgets idle
    /// sequences' caches when that makes room. With nothing else live the request always starts (it then has the
    /// whole context, as a request alone would).
    /// </summary>
    private bool MakeRoom(GenerationRequest request, ref int slot)
    {
        var prompt = request.PromptTokens;
        var idle = Enumerable.Range(0, _slots.Length).Where(s => _slots[s] is null).ToList();

        // The idle slot holding the longest prefix of this prompt is the cheapest place to start from.
        var best = idle.MaxBy(s => Common(_context.CachedTokensOf(s), prompt));
        slot = best;
        var reserved = _slots.OfType<Live>().Sum(l => l.Generation.Remaining);
        int Needed() => _context.CellsInUse() + prompt.Length - _context.CommonPrefixLength(prompt) + request.MaxOutputTokens + reserved;
        foreach (var s in idle.Where(s => s != best).OrderBy(s => Common(_context.CachedTokensOf(s), prompt)))
        {
            if (Needed() <= _context.ContextSize)
            {
                return true;
            }

            _context.RemoveSequence(s);
        }

        return Needed() <= _context.ContextSize || LiveCount() == 0;
    }

    private void Start(Pending pending, int slot)
    {
        SequenceGeneration? generation = null;
        try
        {
            SequenceGeneration.CheckFits(_context, pending.Request);
            var started = LlamaEngineCounters.Now;
            var reused = _context.PrefillSequence(slot, pending.Request.PromptTokens, pending.Cancellation);
            _counters.Prefill(started, pending.Request.PromptTokens.Length - reused);
            generation = new SequenceGeneration(_context, pending.Request, pending.OnText, _onToken, _counters, reused);

            // The prompt's logits are only valid until the next decode: sample its first token now.
            unsafe
            {
                var live = new Live(pending, generation, slot);
                if (generation.Next(_context.LastLogits, out var token))
                {
                    live.Token = token;
                    _slots[slot] = live;
                }
                else
                {
                    Finish(live, null);
                }
            }
        }
        catch (Exception ex)
        {
            generation?.Dispose();
            _context.RemoveSequence(slot);
            Fail(pending, ex);
        }
    }

    private unsafe void Step()
    {
        foreach (var live in _slots.OfType<Live>().Where(l => l.Pending.Cancellation.IsCancellationRequested).ToList())
        {
            Finish(live, new OperationCanceledException(live.Pending.Cancellation));
        }

        var batch = _slots.OfType<Live>().Where(l => l.Pending.Ready?.Invoke() ?? true).ToArray();
        if (batch.Length == 0)
        {
            if (LiveCount() > 0)
            {
                // Every live sequence waits for its reader: sleep until one reads (or a request arrives).
                _arrived.Wait(TimeSpan.FromMilliseconds(50), _stop.Token);
            }

            return;
        }

        var sequences = batch.Select(l => l.Slot).ToArray();
        var tokens = batch.Select(l => l.Token).ToArray();
        try
        {
            var started = LlamaEngineCounters.Now;
            _context.DecodeStep(sequences, tokens);
            _counters.Decode(started);
        }
        catch (Exception ex)
        {
            foreach (var live in batch)
            {
                Finish(live, ex);
            }

            return;
        }

        Interlocked.Increment(ref _steps);
        if (batch.Length > 1)
        {
            Interlocked.Increment(ref _batchedSteps);
        }

        if (batch.Length > _peakSequences)
        {
            Volatile.Write(ref _peakSequences, batch.Length);
        }

        for (var i = 0; i < batch.Length; i++)
        {
            var live = batch[i];
            try
            {
                if (live.Generation.Next(_context.LogitsAt(i), out var token))
                {
                    live.Token = token;
                }
                else
                {
                    Finish(live, null);
                }
            }
            catch (Exception ex)
            {
                Finish(live, ex);
            }
        }
    }

    /// <summary>Ends a sequence: its result (or failure) goes to its caller, its slot frees, its cache stays for reuse.</summary>
    private void Finish(Live live, Exception? error)
    {
        _slots[live.Slot] = null;
        try
        {
            if (error is null)
            {
                live.Pending.Completion.TrySetResult(live.Generation.Complete());
            }
            else
            {
                if (error is not OperationCanceledException)
                {
                    // What a failed sequence left in the cache is not known to match its token list.
                    _context.RemoveSequence(live.Slot);
                }

                Fail(live.Pending, error);
            }
        }
        catch (Exception ex)
        {
            Fail(live.Pending, ex);
        }
        finally
        {
            live.Generation.Dispose();
        }
    }

    private static void Fail(Pending pending, Exception error)
    {
        if (error is OperationCanceledException && pending.Cancellation.IsCancellationRequested)
        {
            pending.Completion.TrySetCanceled(pending.Cancellation);
        }
        else
        {
            pending.Completion.TrySetException(error);
        }
    }

    private static int Common(IReadOnlyList<int> cached, int[] prompt)
    {
        var n = Math.Min(cached.Count, prompt.Length);
        var i = 0;
        while (i < n && cached[i] == prompt[i])
        {
            i++;
        }

        return i;
    }

    private int LiveCount() => _slots.Count(s => s is not null);

    private int QueuedCount()
    {
        lock (_gate)
        {
            return _queue.Count;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            _disposed = true;
            _stop.Cancel();
        }

        _worker.Join();
        _stop.Dispose();
        _arrived.Dispose();
        _context.Dispose();
    }

    private sealed record Pending(GenerationRequest Request, Action<string>? OnText, Func<bool>? Ready, CancellationToken Cancellation)
    {
        // Callers' continuations must not run on the worker thread, where they would stall every sequence.
        public TaskCompletionSource<GenerationResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Live(Pending pending, SequenceGeneration generation, int slot)
    {
        public Pending Pending { get; } = pending;

        public SequenceGeneration Generation { get; } = generation;

        public int Slot { get; } = slot;

        public int Token { get; set; }
    }
}
