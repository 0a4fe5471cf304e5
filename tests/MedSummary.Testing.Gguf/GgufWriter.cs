using System.Text;
using MedSummary.LlamaCpp.Gguf;

namespace MedSummary.Testing.Gguf;

/// <summary>
/// Writes GGUF version 3 files: metadata, tensor infos, then each tensor's data aligned to 32 bytes. Tensor data is
/// produced by a callback at write time so that large random-weight models stream to disk without being held in memory.
/// </summary>
public sealed class GgufWriter
{
    private const uint Magic = 0x46554747; // "GGUF" little-endian
    private const uint Version = 3;
    private const int Alignment = 32;

    private readonly List<(string Key, GgufValueType Type, object Value)> _metadata = [];
    private readonly List<PendingTensor> _tensors = [];

    public GgufWriter Add(string key, string value) => AddValue(key, GgufValueType.String, value);

    public GgufWriter Add(string key, uint value) => AddValue(key, GgufValueType.UInt32, value);

    public GgufWriter Add(string key, int value) => AddValue(key, GgufValueType.Int32, value);

    public GgufWriter Add(string key, ulong value) => AddValue(key, GgufValueType.UInt64, value);

    public GgufWriter Add(string key, float value) => AddValue(key, GgufValueType.Float32, value);

    public GgufWriter Add(string key, bool value) => AddValue(key, GgufValueType.Bool, value);

    public GgufWriter Add(string key, IReadOnlyList<string> values) => AddValue(key, GgufValueType.Array, new ArrayValue(GgufValueType.String, values.Cast<object>().ToList()));

    public GgufWriter Add(string key, IReadOnlyList<float> values) => AddValue(key, GgufValueType.Array, new ArrayValue(GgufValueType.Float32, values.Cast<object>().ToList()));

    public GgufWriter Add(string key, IReadOnlyList<int> values) => AddValue(key, GgufValueType.Array, new ArrayValue(GgufValueType.Int32, values.Cast<object>().ToList()));

    /// <summary>Adds a tensor. <paramref name="shape"/> is in ggml order (first dimension fastest); <paramref name="writeData"/> must write exactly the tensor's bytes.</summary>
    public GgufWriter AddTensor(string name, GgmlType type, IReadOnlyList<long> shape, Action<Stream> writeData)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(writeData);
        if (_tensors.Any(t => t.Name == name))
        {
            throw new ArgumentException($"tensor '{name}' was already added", nameof(name));
        }

        var elements = shape.Aggregate(1L, (a, b) => a * b);
        var bytes = type switch
        {
            GgmlType.F32 => elements * 4,
            GgmlType.F16 or GgmlType.BF16 => elements * 2,
            _ => throw new NotSupportedException($"GgufWriter writes F32, F16 and BF16 tensors only (got {type} for '{name}'); quantize afterwards with llama.cpp."),
        };
        _tensors.Add(new PendingTensor(name, type, shape.ToArray(), bytes, writeData));
        return this;
    }

    /// <summary>Writes the file (to a temporary name first, so a crash never leaves a truncated model behind).</summary>
    public void Write(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            Write(stream);
        }

        File.Move(temp, path, overwrite: true);
    }

    public void Write(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write((ulong)_tensors.Count);
        writer.Write((ulong)_metadata.Count);
        foreach (var (key, type, value) in _metadata)
        {
            WriteString(writer, key);
            writer.Write((uint)type);
            WriteValue(writer, type, value);
        }

        ulong offset = 0;
        foreach (var tensor in _tensors)
        {
            WriteString(writer, tensor.Name);
            writer.Write((uint)tensor.Shape.Length);
            foreach (var dim in tensor.Shape)
            {
                writer.Write((ulong)dim);
            }

            writer.Write((uint)tensor.Type);
            writer.Write(offset);
            offset += (ulong)Align(tensor.Bytes);
        }

        writer.Flush();
        Pad(stream, stream.Position);
        foreach (var tensor in _tensors)
        {
            var start = stream.Position;
            tensor.WriteData(stream);
            var written = stream.Position - start;
            if (written != tensor.Bytes)
            {
                throw new InvalidOperationException($"tensor '{tensor.Name}' wrote {written} bytes, expected {tensor.Bytes}");
            }

            Pad(stream, written);
        }
    }

    private GgufWriter AddValue(string key, GgufValueType type, object value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _metadata.RemoveAll(m => m.Key == key);
        _metadata.Add((key, type, value));
        return this;
    }

    private static long Align(long size) => (size + Alignment - 1) / Alignment * Alignment;

    private static void Pad(Stream stream, long length)
    {
        var padding = (int)(Align(length) - length);
        if (padding > 0)
        {
            stream.Write(new byte[padding]);
        }
    }

    private static void WriteString(BinaryWriter writer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        writer.Write((ulong)bytes.Length);
        writer.Write(bytes);
    }

    private static void WriteValue(BinaryWriter writer, GgufValueType type, object value)
    {
        switch (type)
        {
            case GgufValueType.String: WriteString(writer, (string)value); break;
            case GgufValueType.UInt32: writer.Write((uint)value); break;
            case GgufValueType.Int32: writer.Write((int)value); break;
            case GgufValueType.UInt64: writer.Write((ulong)value); break;
            case GgufValueType.Float32: writer.Write((float)value); break;
            case GgufValueType.Bool: writer.Write((bool)value ? (byte)1 : (byte)0); break;
            case GgufValueType.Array:
                var array = (ArrayValue)value;
                writer.Write((uint)array.ElementType);
                writer.Write((ulong)array.Items.Count);
                foreach (var item in array.Items)
                {
                    WriteValue(writer, array.ElementType, item);
                }

                break;
            default: throw new NotSupportedException($"GGUF value type {type}");
        }
    }

    private sealed record ArrayValue(GgufValueType ElementType, IReadOnlyList<object> Items);

    private sealed record PendingTensor(string Name, GgmlType Type, long[] Shape, long Bytes, Action<Stream> WriteData);
}
