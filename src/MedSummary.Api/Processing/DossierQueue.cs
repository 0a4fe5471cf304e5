using MedSummary.Api.Configuration;
using Microsoft.Extensions.Options;

namespace MedSummary.Api.Processing;

/// <summary>A dossier waiting for a worker, and since when.</summary>
public sealed record DossierJob(string Tenant, string DossierId, DateTimeOffset EnqueuedAt);

/// <summary>
/// The bounded queue between uploads and workers. An upload first reserves a place (refused when
/// <see cref="ProcessingQueueOptions.Capacity"/> dossiers already wait, or when its tenant already holds its
/// <see cref="ProcessingQueueOptions.TenantSharePercent"/> of them; a tenant with nothing waiting always gets one), then stores the dossier, then enqueues it: the
/// durable row comes before the in-memory job, so a crash in between loses nothing (the job is rebuilt from the row at
/// the next start). Dossiers resumed at start are enqueued without a reservation: they were accepted already.
/// </summary>
/// <remarks>
/// Tenants take turns: each has its own first-in first-out line, and workers serve the tenants with waiting dossiers
/// in rotation, one dossier each, so a tenant that uploads fifty files delays another tenant's next dossier by at most
/// one dossier per worker instead of fifty.
/// </remarks>
public sealed class DossierQueue
{
    private readonly object _lock = new();
    private readonly Dictionary<string, Queue<DossierJob>> _lines = new(StringComparer.Ordinal);
    private readonly Queue<string> _turns = new();
    private readonly Dictionary<string, int> _held = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _ready = new(0);
    private readonly int _capacity;
    private readonly int _tenantCapacity;
    private readonly int _workers;
    private int _waiting;
    private int _processing;
    private double _averageSeconds;
    private long _finished;

    public DossierQueue(IOptions<ApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var queue = options.Value.Queue;
        _capacity = queue.Capacity;
        _tenantCapacity = Math.Max(1, (int)Math.Ceiling(queue.Capacity * queue.TenantSharePercent / 100.0));
        _workers = queue.Workers;
    }

    public int Capacity => _capacity;

    /// <summary>Places one tenant may hold at most.</summary>
    public int TenantCapacity => _tenantCapacity;

    /// <summary>Dossiers accepted and waiting (reserved places included).</summary>
    public int Depth => Volatile.Read(ref _waiting);

    /// <summary>Dossiers being processed right now.</summary>
    public int Processing => Volatile.Read(ref _processing);

    public bool IsFull => Depth >= _capacity;

    /// <summary>
    /// Takes a place in the queue for <paramref name="tenant"/>; false when the queue or the tenant's share of it is full.
    /// A tenant with nothing waiting always gets one place, beyond the capacity if need be (so by at most one place per
    /// configured tenant): several tenants together filling the queue must not shut another one out.
    /// </summary>
    public bool TryReserve(string tenant)
    {
        lock (_lock)
        {
            var held = _held.GetValueOrDefault(tenant);
            if (held > 0 && (_waiting >= _capacity || held >= _tenantCapacity))
            {
                return false;
            }

            _held[tenant] = held + 1;
            _waiting++;
            return true;
        }
    }

    /// <summary>Gives back a place reserved for an upload that turned out to need no work.</summary>
    public void Release(string tenant)
    {
        lock (_lock)
        {
            Leave(tenant);
        }
    }

    /// <summary>Enqueues a stored dossier into the place reserved for it.</summary>
    public void Enqueue(DossierJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        lock (_lock)
        {
            if (!_lines.TryGetValue(job.Tenant, out var line))
            {
                _lines[job.Tenant] = line = new Queue<DossierJob>();
            }

            if (line.Count == 0)
            {
                _turns.Enqueue(job.Tenant);
            }

            line.Enqueue(job);
        }

        _ready.Release();
    }

    /// <summary>Enqueues a dossier accepted before the last stop, beyond the capacity if need be.</summary>
    public void EnqueueRecovered(DossierJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        lock (_lock)
        {
            _held[job.Tenant] = _held.GetValueOrDefault(job.Tenant) + 1;
            _waiting++;
        }

        Enqueue(job);
    }

    /// <summary>The next dossier: the oldest of the tenant whose turn it is; that tenant then goes to the back of the rotation.</summary>
    public async ValueTask<DossierJob> DequeueAsync(CancellationToken cancellationToken)
    {
        await _ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            var tenant = _turns.Dequeue();
            var line = _lines[tenant];
            var job = line.Dequeue();
            if (line.Count > 0)
            {
                _turns.Enqueue(tenant);
            }
            else
            {
                _lines.Remove(tenant);
            }

            Leave(tenant);
            _processing++;
            return job;
        }
    }

    /// <summary>A worker is done with a job (whatever the outcome); its duration feeds the Retry-After estimate.</summary>
    public void Done(TimeSpan duration)
    {
        lock (_lock)
        {
            _processing--;

            // Exponential moving average: recent dossiers say more about the next wait than old ones.
            _averageSeconds = _finished == 0 ? duration.TotalSeconds : (0.8 * _averageSeconds) + (0.2 * duration.TotalSeconds);
            _finished++;
        }
    }

    /// <summary>How long until a place frees up: about one dossier's processing time per worker (5 s before any has finished).</summary>
    public TimeSpan RetryAfter()
    {
        double average;
        lock (_lock)
        {
            average = _finished == 0 ? 5 : _averageSeconds;
        }

        return TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(average / _workers), 1, 600));
    }

    private void Leave(string tenant)
    {
        _waiting--;
        var held = _held.GetValueOrDefault(tenant) - 1;
        if (held > 0)
        {
            _held[tenant] = held;
        }
        else
        {
            _held.Remove(tenant);
        }
    }
}
