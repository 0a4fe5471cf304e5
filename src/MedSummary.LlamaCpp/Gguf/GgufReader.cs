using System.Text;

namespace MedSummary.LlamaCpp.Gguf;

/// <summary>What a GGUF header says about a model, read without loading any weights.</summary>
public sealed class GgufFileInfo
{
    internal GgufFileInfo(string path, uint version, long fileSize, IReadOnlyDictionary<string, object> metadata, IReadOnlyList<GgufTensorInfo> tensors)
    {
        Path = path;
        Version = version;
        FileSize = fileSize;
        Metadata = metadata;
        Tensors = tensors;
    }

    public string Path { get; }

    public uint Version { get; }

    public long FileSize { get; }

    /// <summary>Scalars as their .NET type; arrays as <see cref="GgufArray"/> (items kept only for short arrays).</summary>
    public IReadOnlyDictionary<string, object> Metadata { get; }

    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    public string? Architecture => GetString("general.architecture");

    public string? Name => GetString("general.name");

    public long? ContextLength => GetArchInteger("context_length");

    public long? EmbeddingLength => GetArchInteger("embedding_length");

    public long? BlockCount => GetArchInteger("block_count");

    public bool HasChatTemplate => Metadata.ContainsKey("tokenizer.chat_template");

    public ulong ParameterCount => Tensors.Aggregate(0UL, (sum, t) => sum + t.ElementCount);

    /// <summary>The quantization: <c>general.file_type</c> when present, otherwise the most common weight type by size.</summary>
    public string Quantization
    {
        get
        {
            if (GetInteger("general.file_type") is { } fileType)
            {
                return GgufFileTypes.Name((uint)fileType);
            }

            var dominant = Tensors.Where(t => t.Shape.Count >= 2)
                .GroupBy(t => t.Type)
                .OrderByDescending(g => g.Aggregate(0UL, (s, t) => s + t.ElementCount))
                .Select(g => g.Key.ToString())
                .FirstOrDefault();
            return dominant ?? "unknown";
        }
    }

    public string? GetString(string key) => Metadata.TryGetValue(key, out var v) ? v as string : null;

    public long? GetInteger(string key) => Metadata.TryGetValue(key, out var v)
        ? v switch
        {
            byte b => b,
            sbyte sb => sb,
            ushort us => us,
            short s => s,
            uint ui => ui,
            int i => i,
            ulong ul => (long)ul,
            long l => l,
            _ => null,
        }
        : null;

    private long? GetArchInteger(string suffix) => Architecture is { } arch ? GetInteger($"{arch}.{suffix}") : null;
}

/// <summary>Reads GGUF headers (metadata and tensor infos). Throws <see cref="InvalidDataException"/> naming the file for anything that is not GGUF v2/v3.</summary>
public static class GgufReader
{
    private const uint Magic = 0x46554747;
    private const int KeptArrayItems = 64;

    public static GgufFileInfo Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            return Read(stream, path);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"{path}: truncated GGUF header", ex);
        }
    }

    private static GgufFileInfo Read(Stream stream, string path)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (stream.Length < 24 || reader.ReadUInt32() != Magic)
        {
            throw new InvalidDataException($"{path}: not a GGUF file (bad magic)");
        }

        var version = reader.ReadUInt32();
        if (version is < 2 or > 3)
        {
            throw new InvalidDataException($"{path}: GGUF version {version} is not supported (2 or 3 expected)");
        }

        var tensorCount = reader.ReadUInt64();
        var kvCount = reader.ReadUInt64();
        if (tensorCount > 1_000_000 || kvCount > 1_000_000)
        {
            throw new InvalidDataException($"{path}: implausible GGUF header ({tensorCount} tensors, {kvCount} keys)");
        }

        var metadata = new Dictionary<string, object>(StringComparer.Ordinal);
        for (ulong i = 0; i < kvCount; i++)
        {
            var key = ReadString(reader, path);
            var type = (GgufValueType)reader.ReadUInt32();
            metadata[key] = ReadValue(reader, type, path);
        }

        var tensors = new List<GgufTensorInfo>((int)tensorCount);
        for (ulong i = 0; i < tensorCount; i++)
        {
            var name = ReadString(reader, path);
            var dims = reader.ReadUInt32();
            if (dims > 8)
            {
                throw new InvalidDataException($"{path}: tensor '{name}' has {dims} dimensions");
            }

            var shape = new ulong[dims];
            for (var d = 0; d < dims; d++)
            {
                shape[d] = reader.ReadUInt64();
            }

            var type = (GgmlType)reader.ReadUInt32();
            var offset = reader.ReadUInt64();
            tensors.Add(new GgufTensorInfo(name, type, shape, offset));
        }

        return new GgufFileInfo(path, version, stream.Length, metadata, tensors);
    }

    private static string ReadString(BinaryReader reader, string path)
    {
        var length = reader.ReadUInt64();
        if (length > int.MaxValue || (long)length > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new InvalidDataException($"{path}: string of {length} bytes runs past the end of the file");
        }

        return Encoding.UTF8.GetString(reader.ReadBytes((int)length));
    }

    private static object ReadValue(BinaryReader reader, GgufValueType type, string path) => type switch
    {
        GgufValueType.UInt8 => reader.ReadByte(),
        GgufValueType.Int8 => reader.ReadSByte(),
        GgufValueType.UInt16 => reader.ReadUInt16(),
        GgufValueType.Int16 => reader.ReadInt16(),
        GgufValueType.UInt32 => reader.ReadUInt32(),
        GgufValueType.Int32 => reader.ReadInt32(),
        GgufValueType.Float32 => reader.ReadSingle(),
        GgufValueType.Bool => reader.ReadByte() != 0,
        GgufValueType.String => ReadString(reader, path),
        GgufValueType.UInt64 => reader.ReadUInt64(),
        GgufValueType.Int64 => reader.ReadInt64(),
        GgufValueType.Float64 => reader.ReadDouble(),
        GgufValueType.Array => ReadArray(reader, path),
        _ => throw new InvalidDataException($"{path}: unknown GGUF value type {(uint)type}"),
    };

    private static GgufArray ReadArray(BinaryReader reader, string path)
    {
        var elementType = (GgufValueType)reader.ReadUInt32();
        var count = reader.ReadUInt64();
        if (count > (ulong)(reader.BaseStream.Length - reader.BaseStream.Position))
        {
            throw new InvalidDataException($"{path}: array of {count} items runs past the end of the file");
        }

        List<object>? items = count <= KeptArrayItems ? new List<object>((int)count) : null;
        for (ulong i = 0; i < count; i++)
        {
            // Vocabularies hold 100k+ strings: skip over them rather than materialise them.
            if (items is null && FixedSize(elementType) is { } size)
            {
                reader.BaseStream.Seek((long)(count * (ulong)size), SeekOrigin.Current);
                break;
            }

            var value = ReadValue(reader, elementType, path);
            items?.Add(value);
        }

        return new GgufArray(elementType, count, items);
    }

    private static int? FixedSize(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        GgufValueType.UInt64 or GgufValueType.Int64 or GgufValueType.Float64 => 8,
        _ => null,
    };
}
