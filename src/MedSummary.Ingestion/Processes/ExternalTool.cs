using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace MedSummary.Ingestion.Processes;

/// <summary>A program to run: its file and leading arguments (never a shell command line).</summary>
internal sealed record ToolCommand(string FileName, IReadOnlyList<string> Arguments)
{
    public ToolCommand With(params IEnumerable<string> more) => this with { Arguments = [.. Arguments, .. more] };
}

/// <summary>How a run ended: exit code, what it wrote, the end of its error output, and whether it was stopped.</summary>
internal sealed record ToolResult(int ExitCode, byte[] Output, string ErrorTail, bool TimedOut, bool OutputTooLarge)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut && !OutputTooLarge;
}

/// <summary>The program could not be started at all (missing, not executable).</summary>
internal sealed class ToolStartException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Runs external programs (pdftoppm, tesseract) safely: an argument list without a shell, standard input fed from
/// memory, standard output collected up to a bound, the end of standard error kept for diagnostics only, and the
/// whole process tree killed when the time limit passes or the caller cancels.
/// </summary>
internal static class ExternalTool
{
    private const int ErrorTailChars = 2048;

    public static async Task<ToolResult> RunAsync(
        ToolCommand command,
        ReadOnlyMemory<byte> input,
        TimeSpan timeout,
        long maxOutputBytes,
        IReadOnlyDictionary<string, string>? environment,
        CancellationToken cancellationToken)
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

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ToolStartException($"'{command.FileName}' could not be started ({e.Message}).", e);
        }

        using var timer = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        var errorTail = ReadTailAsync(process.StandardError, ErrorTailChars);
        var output = ReadBoundedAsync(process.StandardOutput.BaseStream, maxOutputBytes, linked.Token);
        var feeding = FeedAsync(process.StandardInput.BaseStream, input, linked.Token);
        var tooLarge = false;
        try
        {
            await Task.WhenAll(output, feeding).ConfigureAwait(false);
            tooLarge = output.Result is null;
            if (tooLarge)
            {
                Kill(process);
            }

            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            await WaitQuietlyAsync(process).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return new ToolResult(-1, [], await errorTail.ConfigureAwait(false), TimedOut: true, OutputTooLarge: false);
        }

        return new ToolResult(process.ExitCode, output.Result ?? [], await errorTail.ConfigureAwait(false), TimedOut: false, tooLarge);
    }

    /// <summary>Kills the process and everything it started; it may already be gone.</summary>
    public static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (Win32Exception)
        {
            // Exiting right now, or not ours to kill any more.
        }
    }

    private static async Task WaitQuietlyAsync(Process process)
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A process that ignores SIGKILL for 5 s is stuck in the kernel; nothing more can be done from here.
        }
    }

    private static async Task FeedAsync(Stream stdin, ReadOnlyMemory<byte> input, CancellationToken cancellationToken)
    {
        try
        {
            if (!input.IsEmpty)
            {
                await stdin.WriteAsync(input, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // The tool stopped reading (it failed, or needs no input): its exit code tells the rest.
        }
        finally
        {
            try
            {
                await stdin.DisposeAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // Broken pipe on close: same as above.
            }
        }
    }

    /// <summary>Everything the stream gives, or null once it passes <paramref name="maxBytes"/>.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The last <paramref name="maxChars"/> characters of a text stream, read to its end.</summary>
    public static async Task<string> ReadTailAsync(StreamReader reader, int maxChars)
    {
        var tail = new StringBuilder();
        var buffer = new char[4096];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                tail.Append(buffer, 0, read);
                if (tail.Length > 2 * maxChars)
                {
                    tail.Remove(0, tail.Length - maxChars);
                }
            }
        }
        catch (IOException)
        {
            // The process was killed while writing.
        }
        catch (ObjectDisposedException)
        {
            // Likewise.
        }

        return tail.Length > maxChars ? tail.ToString(tail.Length - maxChars, maxChars) : tail.ToString();
    }
}
