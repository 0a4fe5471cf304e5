using System.Threading.Channels;
using MedSummary.Api.Configuration;
using Microsoft.Extensions.Options;

namespace MedSummary.Api.Processing;

/// <summary>A dossier waiting for a worker, and since when.</summary>
public sealed record DossierJob(string Tenant, string DossierId, DateTimeOffset EnqueuedAt);

/// <summary>
/// The bounded queue between uploads and workers. An upload first reserves a place (refused when
/// <see cref="ProcessingQueueOptions.Capacity"/> dossiers already wait), then stores the dossier, then enqueues it:
/// the durable row comes before the in-memory job, so a crash in between loses nothing (the job is rebuilt from the
/// row at the next start). Dossiers resumed at start are enqueued without a reservation: they were accepted already.
/// </summary>
public sealed class DossierQueue
{
    private readonly Channel<DossierJob> _channel = Channel.CreateUnbounded<DossierJob>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly int _capacity;
    private readonly int _workers;
    private int _waiting;
    private int _processing;
    private double _averageSeconds;
    private long _finished;

    public DossierQueue(IOptions<ApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _capacity = options.Value.Queue.Capacity;
        _workers = options.Value.Queue.Workers;
    }

    public int Capacity => _capacity;

    /// <summary>Dossiers accepted and waiting (reserved places included).</summary>
    public int Depth => Volatile.Read(ref _waiting);

    /// <summary>Dossiers being processed right now.</summary>
    public int Processing => Volatile.Read(ref _processing);

    public bool IsFull => Depth >= _capacity;

    /// <summary>Takes a place in the queue; false when it is full.</summary>
    public bool TryReserve()
    {
        while (true)
        {
            var current = Volatile.Read(ref _waiting);
            if (current >= _capacity)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _waiting, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Gives back a place reserved for an upload that turned out to need no work.</summary>
    public void Release() => Interlocked.Decrement(ref _waiting);

    /// <summary>Enqueues a stored dossier into the place reserved for it.</summary>
    public void Enqueue(DossierJob job)
    {
        if (!_channel.Writer.TryWrite(job))
        {
            throw new InvalidOperationException("The processing queue is closed.");
        }
    }

    /// <summary>Enqueues a dossier accepted before the last stop, beyond the capacity if need be.</summary>
    public void EnqueueRecovered(DossierJob job)
    {
        Interlocked.Increment(ref _waiting);
        Enqueue(job);
    }

    public async ValueTask<DossierJob> DequeueAsync(CancellationToken cancellationToken)
    {
        var job = await _channel.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Decrement(ref _waiting);
        Interlocked.Increment(ref _processing);
        return job;
    }

    /// <summary>A worker is done with a job (whatever the outcome); its duration feeds the Retry-After estimate.</summary>
    public void Done(TimeSpan duration)
    {
        Interlocked.Decrement(ref _processing);
        lock (_channel)
        {
            // Exponential moving average: recent dossiers say more about the next wait than old ones.
            _averageSeconds = _finished == 0 ? duration.TotalSeconds : (0.8 * _averageSeconds) + (0.2 * duration.TotalSeconds);
            _finished++;
        }
    }

    /// <summary>How long until a place frees up: about one dossier's processing time per worker (5 s before any has finished).</summary>
    public TimeSpan RetryAfter()
    {
        double average;
        lock (_channel)
        {
            average = _finished == 0 ? 5 : _averageSeconds;
        }

        return TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(average / _workers), 1, 600));
    }
}
