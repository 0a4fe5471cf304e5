using System.Security.Cryptography;

namespace MedSummary.Core.Documents;

/// <summary>Content-derived identities: a document is its bytes, a dossier is its set of documents.</summary>
public static class DocumentIds
{
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) =>
        Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static async Task<string> Sha256HexAsync(Stream stream, CancellationToken cancellationToken = default) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// A dossier id derived from its documents' ids, independent of their order, so that the same files
    /// submitted twice name the same dossier.
    /// </summary>
    public static string DossierId(IEnumerable<string> documentIds)
    {
        var joined = string.Join('\n', documentIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return Sha256Hex(System.Text.Encoding.UTF8.GetBytes(joined))[..32];
    }
}
