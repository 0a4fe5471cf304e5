using System.Diagnostics;
using System.Runtime.InteropServices;
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
    long? PeakChildRssBytes)
{
    public int Refused => RefusedByCode.Values.Sum();
}

/// <summary>
/// Runs ingestion on fuzzed inputs one after the other and tells apart what the issue forbids: a crash (anything but a
/// <see cref="DocumentRejectedException"/> escaping), a hang (a document taking longer than
/// <paramref name="hangThreshold"/>, i.e. the per-document time limit did not hold) and memory (the process's peak
/// working set, and with external tools the peak resident size of its largest child process).
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
            ChildProcesses.PeakResidentBytes());
    }
}

/// <summary>The peak resident memory of this process's children that have ended (Linux and macOS: getrusage).</summary>
public static partial class ChildProcesses
{
    private const int RusageChildren = -1;

    /// <summary>The largest peak resident size among ended child processes, in bytes; null where it cannot be known.</summary>
    public static long? PeakResidentBytes()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return null;
        }

        try
        {
            var usage = new RUsage();
            if (GetRUsage(RusageChildren, ref usage) != 0)
            {
                return null;
            }

            // ru_maxrss is in kilobytes on Linux, in bytes on macOS.
            return OperatingSystem.IsLinux() ? usage.MaxRss * 1024 : usage.MaxRss;
        }
        catch (DllNotFoundException)
        {
            return null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRUsage(int who, ref RUsage usage);

    /// <summary>struct rusage on 64-bit Unix: two timevals, then fourteen longs of which ru_maxrss is the first.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss;
        public long IxRss;
        public long IdRss;
        public long IsRss;
        public long MinFlt;
        public long MajFlt;
        public long NSwap;
        public long InBlock;
        public long OuBlock;
        public long MsgSnd;
        public long MsgRcv;
        public long NSignals;
        public long NVcsw;
        public long NIvcsw;
    }
}
