using MedSummary.Core.Errors;

namespace MedSummary.Cli.Inputs;

/// <summary>A dossier to build from the command line: a name for its outputs and its file paths.</summary>
public sealed record InputGroup(string Name, IReadOnlyList<string> Paths);

/// <summary>An argument that names nothing readable (missing path, empty folder).</summary>
public sealed record InputProblem(string Path, string Code, string Message);

/// <summary>
/// Turns command-line arguments into dossiers. Loose files form one dossier together (or one each with
/// --per-file); a directory is always its own dossier, made of the files directly inside it (sorted by name).
/// </summary>
public static class InputGroups
{
    public static (IReadOnlyList<InputGroup> Groups, IReadOnlyList<InputProblem> Problems) Resolve(
        IReadOnlyList<string> arguments, bool perFile)
    {
        var groups = new List<InputGroup>();
        var problems = new List<InputProblem>();
        var looseFiles = new List<string>();
        foreach (var argument in arguments)
        {
            if (Directory.Exists(argument))
            {
                var files = Directory.EnumerateFiles(argument)
                    .Where(f => !IsSidecar(f))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(argument)));
                if (files.Count == 0)
                {
                    problems.Add(new InputProblem(argument, InputErrorCodes.FileNotFound, "the folder holds no file"));
                }
                else if (perFile)
                {
                    groups.AddRange(files.Select(f => new InputGroup(Path.GetFileNameWithoutExtension(f), [f])));
                }
                else
                {
                    groups.Add(new InputGroup(name, files));
                }
            }
            else if (File.Exists(argument))
            {
                looseFiles.Add(argument);
            }
            else
            {
                problems.Add(new InputProblem(argument, InputErrorCodes.FileNotFound, "no such file or folder"));
            }
        }

        if (perFile)
        {
            groups.AddRange(looseFiles.Select(f => new InputGroup(Path.GetFileNameWithoutExtension(f), [f])));
        }
        else if (looseFiles.Count > 0)
        {
            var name = looseFiles.Count == 1 ? Path.GetFileNameWithoutExtension(looseFiles[0]) : "dossier";
            groups.Insert(0, new InputGroup(name, looseFiles));
        }

        return (Deduplicate(groups), problems);
    }

    // Ground truth and notes that sit beside sample documents are not documents of the dossier.
    private static bool IsSidecar(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith('.') || name.Equals("truth.json", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".md", StringComparison.OrdinalIgnoreCase);
    }

    // Two inputs named alike ("report.pdf" in two folders) must not overwrite each other's output.
    private static List<InputGroup> Deduplicate(List<InputGroup> groups)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var result = new List<InputGroup>(groups.Count);
        foreach (var group in groups)
        {
            var count = seen.GetValueOrDefault(group.Name);
            seen[group.Name] = count + 1;
            result.Add(count == 0 ? group : group with { Name = $"{group.Name}-{count + 1}" });
        }

        return result;
    }
}
