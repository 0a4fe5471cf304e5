using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MedSummary.Core.Errors;
using MedSummary.Ingestion.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedSummary.Ingestion.Pdf.Isolation;

/// <summary>
/// Parses PDFs in worker processes (MedSummary.Ingestion.PdfWorker), one document per worker at a time, at most
/// <see cref="IngestionOptions.MaxDegreeOfParallelism"/> at once. A worker that crashes (a stack overflow on a
/// reference cycle), runs out of its memory limit or is cancelled (the per-document timeout) is killed with its
/// process tree and replaced; the document is refused with a stable code and the service goes on.
/// </summary>
/// <remarks>
/// Workers live across documents so that their start-up and JIT are paid once; each is replaced after
/// <see cref="PdfIsolationOptions.MaxDocumentsPerWorker"/> documents. Idle workers exit when the pool is disposed (their
/// input closes). Messages never carry document text; a worker's standard error is kept only in memory.
/// </remarks>
public sealed partial class PdfWorkerPool : IPdfParser, IAsyncDisposable, IDisposable
{
    /// <summary>Largest answer a worker may send (1 GiB); a 1 000-page dense document takes about 200 MiB.</summary>
    private const long MaxResponseBytes = 1L << 30;

    private readonly PdfIsolationOptions _options;
    private readonly ToolCommand _command;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentStack<WorkerProcess> _idle = new();
    private readonly ILogger _logger;
    private int _started;
    private int _failed;
    private int _disposed;

    public PdfWorkerPool(IngestionOptions options, ILogger<PdfWorkerPool>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        _options = options.Isolation;
        var resolved = PdfWorkerCommand.Resolve(_options.WorkerPath);
        _command = resolved.Command ?? throw new InvalidOperationException("Ingestion isolation: " + resolved.Problem);
        _slots = new SemaphoreSlim(options.MaxDegreeOfParallelism);
        _logger = logger ?? NullLogger<PdfWorkerPool>.Instance;
    }

    /// <summary>Workers started so far (the first ones, replacements and recycled ones).</summary>
    public int WorkersStarted => Volatile.Read(ref _started);

    /// <summary>Workers lost to a document: crashed, killed at a timeout or cancellation, or out of memory.</summary>
    public int WorkersLost => Volatile.Read(ref _failed);

    public async Task<ExtractedPdf> ParseAsync(string fileName, ReadOnlyMemory<byte> pdf, PdfExtractionLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(limits);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        WorkerProcess? worker = null;
        var keep = false;
        try
        {
            worker = Rent();

            // Killing the worker is what interrupts a read or write on its pipes, whatever the stream supports.
            await using var stop = cancellationToken.Register(static w => ((WorkerProcess)w!).Kill(), worker);
            WorkerResponse response;
            try
            {
                await WorkerProtocol.WriteRequestAsync(worker.Input, new WorkerRequest(fileName, pdf, limits), cancellationToken).ConfigureAwait(false);
                response = await WorkerProtocol.ReadResponseAsync(worker.Output, MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or EndOfStreamException or InvalidDataException or ObjectDisposedException)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var exit = await worker.ExitCodeAsync().ConfigureAwait(false);
                LogWorkerFailed(_logger, worker.Id, exit ?? -1);
                throw new DocumentRejectedException(
                    InputErrorCodes.ParserCrashed,
                    $"{fileName}: the PDF could not be read: the parser stopped on it (exit code {Describe(exit)}); the file is damaged or built to break readers.",
                    e);
            }
            catch (WorkerResponseTooLargeException e)
            {
                throw new DocumentRejectedException(
                    InputErrorCodes.TooLarge, $"{fileName}: the PDF holds too much text to be read ({e.Bytes / 1048576} MiB of glyphs).", e);
            }

            worker.Served++;
            keep = worker.Served < _options.MaxDocumentsPerWorker && response.Code != InputErrorCodes.TooLarge;
            if (response.Pdf is { } parsed)
            {
                return parsed;
            }

            throw new DocumentRejectedException(response.Code ?? InputErrorCodes.Unreadable, response.Message ?? $"{fileName}: the PDF could not be read.");
        }
        finally
        {
            if (worker is not null)
            {
                if (keep && Volatile.Read(ref _disposed) == 0)
                {
                    _idle.Push(worker);
                }
                else
                {
                    if (!keep && worker.Served < _options.MaxDocumentsPerWorker)
                    {
                        Interlocked.Increment(ref _failed);
                        worker.Kill();
                    }

                    worker.Dispose();
                }
            }

            _slots.Release();
        }
    }

    private static string Describe(int? exit) =>
        exit switch
        {
            null => "none, still running",

            // Stack overflow and abort end a .NET process with SIGABRT (134 as a shell shows it).
            134 or -6 => "134, crashed",
            137 or -9 => "137, killed",
            { } code => code.ToString(CultureInfo.InvariantCulture),
        };

    private WorkerProcess Rent()
    {
        while (_idle.TryPop(out var idle))
        {
            if (idle.IsAlive)
            {
                return idle;
            }

            idle.Dispose();
        }

        var id = Interlocked.Increment(ref _started);
        var environment = new Dictionary<string, string>
        {
            // The GC's hard limit turns a memory bomb into an OutOfMemoryException the worker reports (or dies of).
            ["DOTNET_GCHeapHardLimit"] = ((long)_options.MemoryLimitMiB * 1024 * 1024).ToString("X", CultureInfo.InvariantCulture),
            ["DOTNET_gcServer"] = "0",
            ["DOTNET_DbgEnableMiniDump"] = "0",
        };
        var worker = WorkerProcess.Start(id, _command, environment);
        LogWorkerStarted(_logger, id);
        return worker;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        while (_idle.TryPop(out var worker))
        {
            worker.Dispose();
        }

        _slots.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Debug, Message = "Started PDF worker #{WorkerId}")]
    private static partial void LogWorkerStarted(ILogger logger, int workerId);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "PDF worker #{WorkerId} failed on a document (exit code {ExitCode}); it is replaced")]
    private static partial void LogWorkerFailed(ILogger logger, int workerId, int exitCode);

    /// <summary>One running worker and its pipes.</summary>
    private sealed class WorkerProcess : IDisposable
    {
        private readonly Process _process;
        private readonly Task<string> _errorTail;

        private WorkerProcess(int id, Process process)
        {
            Id = id;
            _process = process;
            Input = process.StandardInput.BaseStream;
            Output = process.StandardOutput.BaseStream;

            // Drained all along so that a worker writing a long crash report never blocks on a full pipe.
            _errorTail = ExternalTool.ReadTailAsync(process.StandardError, 4096);
        }

        public int Id { get; }

        public Stream Input { get; }

        public Stream Output { get; }

        public int Served { get; set; }

        public bool IsAlive
        {
            get
            {
                try
                {
                    return !_process.HasExited;
                }
                catch (InvalidOperationException)
                {
                    return false;
                }
            }
        }

        public static WorkerProcess Start(int id, ToolCommand command, IReadOnlyDictionary<string, string> environment)
        {
            var info = new ProcessStartInfo(command.FileName)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                CreateNoWindow = true,
            };
            foreach (var argument in command.Arguments)
            {
                info.ArgumentList.Add(argument);
            }

            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }

            var process = new Process { StartInfo = info };
            try
            {
                process.Start();
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                process.Dispose();
                throw new InvalidOperationException($"The PDF worker '{command.FileName}' could not be started ({e.Message}).", e);
            }

            return new WorkerProcess(id, process);
        }

        /// <summary>The exit code once the worker has exited (waiting a little for it), null if it is still running.</summary>
        public async Task<int?> ExitCodeAsync()
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
                return _process.ExitCode;
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        public void Kill() => ExternalTool.Kill(_process);

        public void Dispose()
        {
            // Closing its input is the worker's signal to exit; one that does not within a moment is killed.
            try
            {
                Input.Dispose();
            }
            catch (IOException)
            {
                // Already gone.
            }

            if (!_process.WaitForExit(TimeSpan.FromSeconds(2)))
            {
                Kill();
                _process.WaitForExit(TimeSpan.FromSeconds(5));
            }

            _ = _errorTail.ContinueWith(static _ => { }, TaskScheduler.Default);
            _process.Dispose();
        }
    }
}
