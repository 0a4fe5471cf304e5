namespace MedSummary.Core.Gold;

/// <summary>One dossier of a gold set: its folder, its document files (sorted by name) and its truth.</summary>
public sealed record GoldDossier(string Name, string Directory, IReadOnlyList<string> FilePaths, GoldTruth Truth);

/// <summary>
/// Reads a gold set: a folder holding one sub-folder per dossier, each with its documents and a <c>truth.json</c>.
/// Files at the top level (a README) and folders whose name starts with '.' are ignored.
/// </summary>
public static class GoldSet
{
    public const string TruthFileName = "truth.json";

    /// <summary>Every dossier of the set, in ordinal order of folder name.</summary>
    public static async Task<IReadOnlyList<GoldDossier>> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new GoldFormatException(directory, "the gold set folder does not exist");
        }

        var dossiers = new List<GoldDossier>();
        foreach (var folder in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(folder).StartsWith('.'))
            {
                continue;
            }

            dossiers.Add(await LoadDossierAsync(folder, cancellationToken).ConfigureAwait(false));
        }

        return dossiers;
    }

    /// <summary>One dossier folder. Quotes must name files of the folder; the truth is validated.</summary>
    public static async Task<GoldDossier> LoadDossierAsync(string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var truthPath = Path.Combine(folder, TruthFileName);
        if (!File.Exists(truthPath))
        {
            throw new GoldFormatException(truthPath, $"missing: every dossier folder needs a {TruthFileName}");
        }

        var truth = await GoldTruthJson.ReadFileAsync(truthPath, cancellationToken).ConfigureAwait(false);
        var files = Directory.GetFiles(folder)
            .Where(f => !string.Equals(Path.GetFileName(f), TruthFileName, StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var names = files.Select(Path.GetFileName).OfType<string>().ToList();
        var problems = GoldTruthValidator.Validate(truth, names);
        if (problems.Count > 0)
        {
            throw new GoldFormatException(truthPath, problems[0] + (problems.Count > 1 ? $" (and {problems.Count - 1} more problem(s))" : ""));
        }

        var name = string.IsNullOrWhiteSpace(truth.Dossier) ? Path.GetFileName(folder) : truth.Dossier;
        return new GoldDossier(name, folder, files, truth);
    }
}
