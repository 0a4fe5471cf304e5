using System.Security.Cryptography;
using System.Text;

namespace MedSummary.Qdrant.Store;

/// <summary>
/// Qdrant point ids are unsigned integers or UUIDs; a chunk's identity is (tenant, dossier, chunk id). The id is a
/// name-based UUID of that triple: SHA-256 of the three parts (each length-prefixed, so no two triples share an
/// encoding), truncated to 128 bits, with the version set to 8 (RFC 9562's custom layout) and the RFC variant.
/// The same chunk always gets the same id, so re-upserting replaces it.
/// </summary>
public static class PointIds
{
    public static Guid For(string tenant, string dossierId, string chunkId)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(dossierId);
        ArgumentNullException.ThrowIfNull(chunkId);
        var input = new StringBuilder(tenant.Length + dossierId.Length + chunkId.Length + 24);
        foreach (var part in (ReadOnlySpan<string>)[tenant, dossierId, chunkId])
        {
            input.Append(part.Length).Append(':').Append(part).Append('\n');
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(input.ToString()), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The id as Qdrant writes it: lowercase, hyphenated.</summary>
    public static string Format(Guid id) => id.ToString("D");
}
