using System.Security.Cryptography;
using System.Text;
using MedSummary.Core.Gold;

namespace MedSummary.Evaluation.Results;

/// <summary>
/// Fingerprints of a gold set, so that two runs can tell whether they measured the same thing: one hash over the
/// truths, one over the documents. Each is SHA-256 over, per dossier in folder order, its name, then per file its
/// name and the SHA-256 of its bytes.
/// </summary>
public static class GoldSetFingerprint
{
    public static async Task<(string TruthSha256, string FilesSha256)> ComputeAsync(
        IReadOnlyList<GoldDossier> dossiers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dossiers);
        using var truths = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var files = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var dossier in dossiers)
        {
            var folder = Path.GetFileName(dossier.Directory);
            Append(truths, $"{folder}\n");
            Append(truths, await HashFileAsync(Path.Combine(dossier.Directory, GoldSet.TruthFileName), cancellationToken).ConfigureAwait(false) + "\n");
            Append(files, $"{folder}\n");
            foreach (var path in dossier.FilePaths)
            {
                Append(files, $"{Path.GetFileName(path)} {await HashFileAsync(path, cancellationToken).ConfigureAwait(false)}\n");
            }
        }

        return (Convert.ToHexStringLower(truths.GetHashAndReset()), Convert.ToHexStringLower(files.GetHashAndReset()));
    }

    private static void Append(IncrementalHash hash, string text) => hash.AppendData(Encoding.UTF8.GetBytes(text));

    private static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
    }
}
