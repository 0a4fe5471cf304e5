using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace MedSummary.Core.Files;

/// <summary>
/// Private folders (0700 on Unix) in the system's temporary folder for a command's working files, named
/// "medsummary-{kind}-{process id}-{random}" so that the folders of a process that died without cleaning up (killed,
/// crashed) can be told apart from those of a running one and removed by the next command.
/// </summary>
public static partial class PrivateTempFolders
{
    /// <summary>A new private folder for <paramref name="kind"/> (letters and dashes, e.g. "store", "ocr").</summary>
    public static DirectoryInfo Create(string kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        return Directory.CreateTempSubdirectory($"medsummary-{kind}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-");
    }

    /// <summary>
    /// Removes the folders made by <see cref="Create"/> whose process is no longer running; returns how many went.
    /// Never throws: a folder that cannot be removed stays for the next sweep.
    /// </summary>
    public static int SweepAbandoned(string? root = null)
    {
        var removed = 0;
        IEnumerable<DirectoryInfo> folders;
        try
        {
            folders = new DirectoryInfo(root ?? Path.GetTempPath()).EnumerateDirectories("medsummary-*").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        foreach (var folder in folders)
        {
            if (OwnerPattern().Match(folder.Name) is not { Success: true } match
                || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || IsRunning(pid))
            {
                continue;
            }

            try
            {
                folder.Delete(recursive: true);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another user's folder, or one being removed by its owner: left for later.
            }
        }

        return removed;
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    [GeneratedRegex("^medsummary-[a-z-]+?-([0-9]{1,10})-[^-]+$")]
    private static partial Regex OwnerPattern();
}
