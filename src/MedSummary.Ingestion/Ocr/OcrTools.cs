using System.Text;
using MedSummary.Ingestion.Processes;

namespace MedSummary.Ingestion.Ocr;

/// <summary>
/// Whether OCR can run here, for start-up validation and health checks: the tools found, Tesseract's version and
/// installed languages, or the problem in one line.
/// </summary>
/// <param name="Enabled">OCR is switched on in the configuration.</param>
/// <param name="Available">Enabled, and pdftoppm, tesseract and every configured language were found.</param>
/// <param name="Problem">Why OCR is not available, naming what is missing; null when available or disabled.</param>
/// <param name="TesseractVersion">"5.3.0" or similar, when tesseract was found.</param>
/// <param name="InstalledLanguages">The languages Tesseract reports as installed.</param>
public sealed record OcrStatus(bool Enabled, bool Available, string? Problem, string? TesseractVersion, IReadOnlyList<string> InstalledLanguages);

/// <summary>Finds and describes the external OCR tools.</summary>
internal static class OcrTools
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Looks the tools up and asks Tesseract for its version and languages (two short process runs).</summary>
    public static OcrStatus Probe(OcrOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return new OcrStatus(false, false, null, null, []);
        }

        const string install = "install them (Debian: apt-get install tesseract-ocr tesseract-ocr-fra tesseract-ocr-eng poppler-utils) "
            + "or set MedSummary:Ocr:Enabled=false to leave scanned pages unread";
        var missing = new List<string>();
        if (Find(options.PdftoppmPath) is null)
        {
            missing.Add($"pdftoppm ('{options.PdftoppmPath}')");
        }

        var tesseract = Find(options.TesseractPath);
        if (tesseract is null)
        {
            missing.Add($"tesseract ('{options.TesseractPath}')");
        }

        if (missing.Count > 0)
        {
            return new OcrStatus(true, false, $"OCR is enabled but {string.Join(" and ", missing)} could not be found: {install}.", null, []);
        }

        var version = Run(new ToolCommand(tesseract!, ["--version"]));
        var languagesArgs = new List<string> { "--list-langs" };
        if (options.TessdataPath is { } tessdata)
        {
            languagesArgs.InsertRange(0, ["--tessdata-dir", tessdata]);
        }

        var listed = Run(new ToolCommand(tesseract!, languagesArgs));
        if (version is null || listed is null)
        {
            return new OcrStatus(true, false, $"OCR is enabled but '{tesseract}' does not run as tesseract: {install}.", null, []);
        }

        var versionText = version.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("tesseract ", StringComparison.OrdinalIgnoreCase));
        var installed = listed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.Contains(' ', StringComparison.Ordinal) && !l.EndsWith(':'))
            .ToList();
        var absent = options.LanguageList.Where(l => !installed.Contains(l, StringComparer.Ordinal)).ToList();
        if (absent.Count > 0)
        {
            return new OcrStatus(true, false,
                $"OCR is enabled but the Tesseract language data for {string.Join(", ", absent)} is not installed "
                + $"(installed: {string.Join(", ", installed)}): install tesseract-ocr-{string.Join(" tesseract-ocr-", absent)} "
                + "or change MedSummary:Ocr:Languages.",
                versionText?["tesseract ".Length..], installed);
        }

        return new OcrStatus(true, true, null, versionText?["tesseract ".Length..], installed);
    }

    /// <summary>The full path of a program given by name (searched on PATH) or by path; null when it is not there.</summary>
    public static string? Find(string nameOrPath)
    {
        if (string.IsNullOrWhiteSpace(nameOrPath))
        {
            return null;
        }

        if (nameOrPath.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || nameOrPath.Contains(Path.AltDirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(nameOrPath) ? Path.GetFullPath(nameOrPath) : null;
        }

        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", "" } : [""];
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(directory, nameOrPath + extension);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The command for a tool, under prlimit's address-space limit when one is set and prlimit is installed (Linux):
    /// a page built to make a renderer allocate without end then fails on its own.
    /// </summary>
    public static ToolCommand Limited(string tool, int memoryLimitMiB)
    {
        if (memoryLimitMiB > 0 && OperatingSystem.IsLinux() && Find("prlimit") is { } prlimit)
        {
            return new ToolCommand(prlimit, [$"--as={(long)memoryLimitMiB * 1024 * 1024}", "--", tool]);
        }

        return new ToolCommand(tool, []);
    }

    private static string? Run(ToolCommand command)
    {
        try
        {
            var result = ExternalTool.RunAsync(command, ReadOnlyMemory<byte>.Empty, ProbeTimeout, 1 << 20, null, CancellationToken.None)
                .GetAwaiter().GetResult();

            // Tesseract prints its language list on standard output, older versions its version on standard error.
            return result.ExitCode == 0 ? Encoding.UTF8.GetString(result.Output) + "\n" + result.ErrorTail : null;
        }
        catch (ToolStartException)
        {
            return null;
        }
    }
}
