using System.Diagnostics;

namespace MedSummary.Api.Tests.Infrastructure;

/// <summary>
/// Real faults of a data folder, each undone by Dispose. Read-only: as a user, the folder and its files lose their
/// write permission; as root (CI containers), permissions do not stop root, so the folder and its files are made
/// immutable with chattr +i, which stops every writer, root included. Where root cannot set the flag (a container
/// without CAP_LINUX_IMMUTABLE) the fault falls back to moving the folder away and leaving a file in its place,
/// another fault the service must refuse writes for; <see cref="Kind"/> says which fault was made.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class StoreFault : IDisposable
{
    private readonly Action _undo;

    private StoreFault(string kind, Action undo)
    {
        Kind = kind;
        _undo = undo;
    }

    public string Kind { get; }

    public static StoreFault ReadOnly(string folder)
    {
        var entries = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Concat(Directory.GetDirectories(folder, "*", SearchOption.AllDirectories)).Append(folder).ToList();
        if (!IsRoot())
        {
            var modes = entries.ToDictionary(e => e, File.GetUnixFileMode);
            foreach (var entry in entries)
            {
                File.SetUnixFileMode(entry, modes[entry] & ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
            }

            return new StoreFault("read-only (chmod)", () =>
            {
                foreach (var (entry, mode) in modes)
                {
                    File.SetUnixFileMode(entry, mode);
                }
            });
        }

        if (Chattr("+i", entries))
        {
            return new StoreFault("immutable (chattr +i)", () => Chattr("-i", entries));
        }

        return ReplacedByFile(folder);
    }

    /// <summary>The folder moved aside (its files intact, as an operator's mistaken move would leave them) and a file in its place.</summary>
    public static StoreFault ReplacedByFile(string folder)
    {
        var aside = folder + ".aside";
        Directory.Move(folder, aside);
        File.WriteAllText(folder, "not a folder");
        return new StoreFault("replaced by a file", () =>
        {
            File.Delete(folder);
            Directory.Move(aside, folder);
        });
    }

    public void Dispose() => _undo();

    private static bool IsRoot() => Run("id", ["-u"]).Output.Trim() == "0";

    private static bool Chattr(string flag, IEnumerable<string> paths)
    {
        var (code, _) = Run("chattr", [flag, .. paths]);
        return code == 0;
    }

    private static (int Code, string Output) Run(string file, IEnumerable<string> arguments)
    {
        try
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (-1, string.Empty);
        }
    }
}
