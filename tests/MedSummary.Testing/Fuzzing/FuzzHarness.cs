using System.Diagnostics;
using MedSummary.Core.Errors;

namespace MedSummary.Testing.Fuzzing;

/// <summary>What one case gave: read (Code null), refused with a code, or crashed (an exception that is not a refusal).</summary>
public sealed record FuzzOutcome(FuzzCase Case, string? Code, string? Crash, TimeSpan Duration);

/// <summary>The figures of a fuzzing run.</summary>
public sealed record FuzzReport(
    int Inputs,
    int Read,
    IReadOnlyDictionary<string, int> RefusedByCode,
    IReadOnlyList<FuzzOutcome> Crashes,
    IReadOnlyList<FuzzOutcome> Hangs,
    FuzzOutcome? Slowest,
    TimeSpan MedianDuration,
    TimeSpan P99Duration,
    long PeakWorkingSetBytes,
    long? PeakChildRssBytes,
    IReadOnlyDictionary<string, long> PeakChildRssByName)
{
    public int Refused => RefusedByCode.Values.Sum();
}

/// <summary>
/// Runs ingestion on fuzzed inputs one after the other and tells apart what the issue forbids: a crash (anything but a
/// <see cref="DocumentRejectedException"/> escaping), a hang (a document taking longer than
/// <paramref name="hangThreshold"/>, i.e. the per-document time limit did not hold) and memory (the process's peak
/// working set, and the peak resident size of its child processes: PDF workers and external tools).
/// </summary>
public static class FuzzHarness
{
    public static async Task<FuzzReport> RunAsync(
        IEnumerable<FuzzCase> cases,
        Func<FuzzCase, CancellationToken, Task> ingest,
        TimeSpan hangThreshold,
        IProgress<FuzzOutcome>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(ingest);
        var outcomes = new List<FuzzOutcome>();
        long peak = 0;
        await using var children = new ChildProcessMonitor();
        foreach (var fuzzCase in cases)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();
            string? code = null;
            string? crash = null;
            try
            {
                await ingest(fuzzCase, cancellationToken).ConfigureAwait(false);
            }
            catch (DocumentRejectedException e)
            {
                code = e.Code;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // Anything else escaping ingestion is exactly what the harness records.
            catch (Exception e)
#pragma warning restore CA1031
            {
                crash = $"{e.GetType().Name}: {e.Message}";
            }

            var outcome = new FuzzOutcome(fuzzCase, code, crash, Stopwatch.GetElapsedTime(started));
            outcomes.Add(outcome);
            peak = Math.Max(peak, System.Environment.WorkingSet);
            progress?.Report(outcome);
        }

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var durations = outcomes.Select(o => o.Duration).Order().ToList();
        return new FuzzReport(
            outcomes.Count,
            outcomes.Count(o => o.Code is null && o.Crash is null),
            outcomes.Where(o => o.Code is not null).GroupBy(o => o.Code!).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count()),
            [.. outcomes.Where(o => o.Crash is not null)],
            [.. outcomes.Where(o => o.Duration > hangThreshold)],
            outcomes.MaxBy(o => o.Duration),
            durations.Count == 0 ? TimeSpan.Zero : durations[durations.Count / 2],
            durations.Count == 0 ? TimeSpan.Zero : durations[Math.Min(durations.Count - 1, (int)(durations.Count * 0.99))],
            Math.Max(peak, self.PeakWorkingSet64),
            children.PeakBytes,
            children.Peaks);
    }
}

/// <summary>
/// Samples the resident memory of this process's child processes (PDF workers, pdftoppm, tesseract) while it runs, and
/// keeps the peak per program name. Linux only (/proc); elsewhere it records nothing. A child that lives shorter than
/// the sampling interval may be missed, so this is a measurement, not a bound (the bounds are the workers' heap limit
/// and the tools' address-space limit).
/// </summary>
public sealed class ChildProcessMonitor : IAsyncDisposable
{
    private readonly Dictionary<string, long> _peaks = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly int _self = System.Environment.ProcessId;

    // A child between fork and exec is a copy of this process (same command line, this process's resident pages):
    // not a child program yet, so not sampled.
    private readonly string _ownCommandLine = OperatingSystem.IsLinux() ? File.ReadAllText("/proc/self/cmdline") : "";

    public ChildProcessMonitor(TimeSpan? interval = null)
    {
        var every = interval ?? TimeSpan.FromMilliseconds(20);
        _sampling = OperatingSystem.IsLinux() ? Task.Run(() => SampleAsync(every)) : Task.CompletedTask;
    }

    /// <summary>Peak resident bytes seen per child program ("pdf-worker", "pdftoppm", "tesseract").</summary>
    public IReadOnlyDictionary<string, long> Peaks
    {
        get
        {
            lock (_peaks)
            {
                return new Dictionary<string, long>(_peaks, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The largest resident size seen in any child, null where nothing could be sampled.</summary>
    public long? PeakBytes => OperatingSystem.IsLinux() ? Peaks.Values.DefaultIfEmpty(0).Max() : null;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sampling.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task SampleAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                Sample();
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    /// <summary>
    /// The program a child runs, from its command line: the PDF worker by its assembly (run by dotnet or its launcher),
    /// others by their file name. The kernel's short name is a thread's name for a .NET process, so it is not used.
    /// </summary>
    private string? ProgramName(string directory)
    {
        var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline"));
        var arguments = commandLine.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        if (arguments.Length == 0 || commandLine == _ownCommandLine)
        {
            return null;
        }

        return arguments.Any(a => a.Contains("MedSummary.Ingestion.PdfWorker", StringComparison.Ordinal))
            ? "pdf-worker"
            : Path.GetFileName(arguments[0]);
    }

    private void Sample()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out _))
            {
                continue;
            }

            try
            {
                // "PID (comm) state PPID ..." where comm may hold spaces: read after its closing parenthesis.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var close = stat.LastIndexOf(')');
                var parent = int.Parse(stat[(close + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                if (parent != _self)
                {
                    continue;
                }

                if (ProgramName(directory) is not { } name)
                {
                    continue;
                }

                var rss = File.ReadLines(Path.Combine(directory, "status"))
                    .Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal) || l.StartsWith("VmRSS:", StringComparison.Ordinal))
                    .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024)
                    .DefaultIfEmpty(0)
                    .Max();
                lock (_peaks)
                {
                    _peaks[name] = Math.Max(_peaks.GetValueOrDefault(name), rss);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The process ended while being read.
            }
        }
    }
}
