using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace MedSummary.LlamaCpp.Native;

/// <summary>
/// Finds, verifies and initialises the pinned native llama.cpp build once per process. The struct layouts in
/// <see cref="NativeStructs"/> only fit this exact release, so any other libllama is refused before first use.
/// </summary>
public static unsafe partial class LlamaNativeLibrary
{
    /// <summary>npm package the libraries come from (see build/LlamaNative.targets).</summary>
    public const string NpmPackage = "@node-llama-cpp/linux-x64@3.22.1";

    /// <summary>What llama_version() of the pinned release answers.</summary>
    public const string PinnedVersion = "0.5.0-dev";

    /// <summary>Folder next to the assemblies where the build places the libraries.</summary>
    public const string NativeFolderName = "llama-native";

    private const string LlamaFileName = "libllama.v0.5.0.so";
    private const string GgmlFileName = "libggml.v0.5.0.so";

    // SHA-256 of the libraries in the pinned npm package: a rebuilt or patched library of the same version string
    // may still change struct layouts, so the file itself is what is pinned.
    private const string LlamaSha256 = "2ecd1d85f68456573a664106a9039366b88231579fd65d9669c9a6ab41374fd4";
    private const string GgmlSha256 = "41cd5e6ad78b9f0af31a6f80d637d3168e75ff84db14c495de4d3d9c95607444";

    private static readonly Lock Gate = new();
    private static string? _directory;
    private static Exception? _failure;
    private static volatile bool _initialized;
    private static ILogger? _logger;

    [ThreadStatic]
    private static string? _lastError;

    /// <summary>Where the libraries were loaded from, once <see cref="EnsureInitialized"/> has succeeded.</summary>
    public static string? Directory => _directory;

    /// <summary>The last error line llama.cpp logged on this thread, to explain a failed call.</summary>
    internal static string? TakeLastError()
    {
        var error = _lastError;
        _lastError = null;
        return error;
    }

    /// <summary>Forwards native warnings and errors to this logger (info and debug lines are dropped).</summary>
    public static void SetLogger(ILogger? logger) => _logger = logger;

    /// <summary>
    /// Loads and verifies the libraries, loads ggml's CPU backend variants and calls llama_backend_init, once.
    /// Throws <see cref="LlamaNativeLibraryException"/> with the path and reason when the libraries are missing or not the pinned release.
    /// </summary>
    public static void EnsureInitialized(string? directory = null)
    {
        if (_initialized)
        {
            return;
        }

        lock (Gate)
        {
            if (_initialized)
            {
                return;
            }

            if (_failure is not null)
            {
                throw _failure;
            }

            try
            {
                var dir = directory ?? Path.Combine(AppContext.BaseDirectory, NativeFolderName);
                Verify(dir);
                _directory = dir;
                NativeLibrary.SetDllImportResolver(typeof(LlamaNativeLibrary).Assembly, Resolve);

                // Logging first so that backend loading chatter goes through the filter, not to stderr.
                NativeMethods.llama_log_set(&OnNativeLog, nint.Zero);

                // Without this no CPU backend is registered and model loading fails with "no backends".
                NativeMethods.ggml_backend_load_all_from_path(dir);
                NativeMethods.llama_backend_init();

                var version = Marshal.PtrToStringUTF8(NativeMethods.llama_version());
                if (version != PinnedVersion)
                {
                    throw new LlamaNativeLibraryException(
                        $"{Path.Combine(dir, LlamaFileName)} reports llama.cpp version '{version}', expected '{PinnedVersion}' ({NpmPackage}).");
                }

                if (NativeMethods.ggml_backend_dev_count() == 0)
                {
                    throw new LlamaNativeLibraryException(
                        $"ggml found no CPU backend (libggml-cpu-*.so) in {dir}; rebuild so that the build copies all libraries of {NpmPackage}.");
                }

                _initialized = true;
            }
            catch (Exception ex)
            {
                _failure = ex as LlamaNativeLibraryException
                    ?? new LlamaNativeLibraryException($"llama.cpp native libraries could not be initialised: {ex.Message}", ex);
                throw _failure;
            }
        }
    }

    /// <summary>Checks that <paramref name="directory"/> holds the pinned libllama and libggml; throws with a clear message otherwise.</summary>
    public static void Verify(string directory)
    {
        CheckFile(directory, LlamaFileName, LlamaSha256);
        CheckFile(directory, GgmlFileName, GgmlSha256);
    }

    private static void CheckFile(string directory, string fileName, string expectedSha256)
    {
        var path = Path.Combine(directory, fileName);
        if (!File.Exists(path))
        {
            throw new LlamaNativeLibraryException(
                $"llama.cpp native library {path} not found. The build fetches {NpmPackage} with npm and copies it to {NativeFolderName}/ next to the binaries: rebuild the project (npm must reach its registry).");
        }

        string actual;
        using (var stream = File.OpenRead(path))
        {
            actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        if (!string.Equals(actual, expectedSha256, StringComparison.Ordinal))
        {
            throw new LlamaNativeLibraryException(
                $"{path} is not the pinned llama.cpp release ({NpmPackage}, llama.cpp {PinnedVersion}): sha256 {actual}, expected {expectedSha256}. Struct layouts differ between releases, so it is refused; rebuild to restore the pinned library.");
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        var file = libraryName switch
        {
            NativeMethods.LlamaLibrary => LlamaFileName,
            NativeMethods.GgmlLibrary => GgmlFileName,
            _ => null,
        };
        return file is null || _directory is null ? nint.Zero : NativeLibrary.Load(Path.Combine(_directory, file));
    }

    [UnmanagedCallersOnly]
    private static void OnNativeLog(int level, byte* text, nint userData)
    {
        // GGML_LOG_LEVEL_WARN = 3, ERROR = 4; everything else is chatter about tensors and buffers.
        if (text is null || level < 3 || level > 4)
        {
            return;
        }

        try
        {
            var message = Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text)).TrimEnd();
            var logger = _logger;
            if (level == 4)
            {
                _lastError = message;
                if (logger is not null)
                {
                    LogNativeError(logger, message);
                }
            }
            else if (logger is not null)
            {
                LogNativeWarning(logger, message);
            }
        }
        catch (Exception)
        {
            // A logging failure must never cross back into native code.
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "llama.cpp: {Message}")]
    private static partial void LogNativeWarning(ILogger logger, string message);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "llama.cpp: {Message}")]
    private static partial void LogNativeError(ILogger logger, string message);
}

/// <summary>The native llama.cpp libraries are missing, not the pinned release, or failed to initialise.</summary>
public sealed class LlamaNativeLibraryException : Exception
{
    public LlamaNativeLibraryException()
    {
    }

    public LlamaNativeLibraryException(string message)
        : base(message)
    {
    }

    public LlamaNativeLibraryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
