using System.Security.Cryptography;
using System.Text;

namespace MedSummary.Testing.Pdf;

/// <summary>
/// The PDF Standard security handler, revision 2 (40-bit RC4; ISO 32000-1 §7.6.3, algorithms 1, 2, 3 and 4).
/// Weak by design and only meant to produce encrypted files for tests.
/// </summary>
internal sealed class Rc4Security(string userPassword, string ownerPassword)
{
    // Permissions: everything allowed except the reserved bits that must be 1 (-4 as a signed 32-bit value).
    private const int Permissions = -4;

    private static readonly byte[] Padding =
    [
        0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
        0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
    ];

    private byte[] _owner = [];
    private byte[] _user = [];
    private byte[] _key = [];

    public void Prepare(byte[] fileId)
    {
        // Algorithm 3: the owner entry is the padded user password encrypted with a key from the owner password.
        var ownerKey = MD5.HashData(Pad(ownerPassword))[..5];
        _owner = Rc4(ownerKey, Pad(userPassword));

        // Algorithm 2: the file key from the user password, the owner entry, the permissions and the file id.
        var material = new List<byte>();
        material.AddRange(Pad(userPassword));
        material.AddRange(_owner);
        material.AddRange(BitConverter.GetBytes(Permissions));
        material.AddRange(fileId);
        _key = MD5.HashData([.. material])[..5];

        // Algorithm 4: the user entry is the padding encrypted with the file key.
        _user = Rc4(_key, Padding);
    }

    public string Dictionary() =>
        $"<< /Filter /Standard /V 1 /R 2 /O <{Convert.ToHexString(_owner)}> /U <{Convert.ToHexString(_user)}> /P {Permissions} >>";

    /// <summary>Algorithm 1: each object's data is RC4-encrypted with a key derived from the file key and its number.</summary>
    public byte[] EncryptObjectData(int objectNumber, byte[] data)
    {
        var material = new byte[_key.Length + 5];
        _key.CopyTo(material, 0);
        material[_key.Length] = (byte)objectNumber;
        material[_key.Length + 1] = (byte)(objectNumber >> 8);
        material[_key.Length + 2] = (byte)(objectNumber >> 16);
        var objectKey = MD5.HashData(material)[..Math.Min(_key.Length + 5, 16)];
        return Rc4(objectKey, data);
    }

    private static byte[] Pad(string password)
    {
        var bytes = Encoding.Latin1.GetBytes(password);
        var padded = new byte[32];
        var n = Math.Min(bytes.Length, 32);
        Array.Copy(bytes, padded, n);
        Array.Copy(Padding, 0, padded, n, 32 - n);
        return padded;
    }

    private static byte[] Rc4(byte[] key, byte[] data)
    {
        var s = new byte[256];
        for (var i = 0; i < 256; i++)
        {
            s[i] = (byte)i;
        }

        for (int i = 0, j = 0; i < 256; i++)
        {
            j = (j + s[i] + key[i % key.Length]) & 0xFF;
            (s[i], s[j]) = (s[j], s[i]);
        }

        var output = new byte[data.Length];
        for (int k = 0, i = 0, j = 0; k < data.Length; k++)
        {
            i = (i + 1) & 0xFF;
            j = (j + s[i]) & 0xFF;
            (s[i], s[j]) = (s[j], s[i]);
            output[k] = (byte)(data[k] ^ s[(s[i] + s[j]) & 0xFF]);
        }

        return output;
    }
}
