using System.Globalization;
using System.Text;

namespace MedSummary.Testing.Pdf;

/// <summary>
/// Writes a PDF from object bodies given verbatim, with a correct cross-reference table: for files no well-behaved
/// writer would produce (reference cycles, self-referencing page trees, deep nesting, active content).
/// </summary>
public sealed class RawPdf
{
    private readonly List<byte[]> _objects = [];

    /// <summary>Helvetica with WinAnsi encoding, as a font dictionary body.</summary>
    public const string Helvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

    /// <summary>The number the next object will get (objects are numbered from 1 in the order they are added).</summary>
    public int Next => _objects.Count + 1;

    /// <summary>Adds an object with this body (dictionary, array, reference...) and returns its number.</summary>
    public int Add(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        _objects.Add(Encoding.Latin1.GetBytes(body));
        return _objects.Count;
    }

    /// <summary>Adds a stream object: <paramref name="dictionaryEntries"/> plus a correct /Length, then the data.</summary>
    public int AddStream(string dictionaryEntries, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(dictionaryEntries);
        ArgumentNullException.ThrowIfNull(data);
        var head = Encoding.Latin1.GetBytes(string.Create(CultureInfo.InvariantCulture, $"<< {dictionaryEntries} /Length {data.Length} >>\nstream\n"));
        _objects.Add([.. head, .. data, .. "\nendstream"u8]);
        return _objects.Count;
    }

    public int AddStream(string dictionaryEntries, string data) => AddStream(dictionaryEntries, Encoding.Latin1.GetBytes(data));

    /// <summary>The file, with object <paramref name="root"/> as the catalog.</summary>
    public byte[] Build(int root = 1, string? extraTrailer = null)
    {
        using var output = new MemoryStream();
        Write(output, "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<long>();
        for (var i = 0; i < _objects.Count; i++)
        {
            offsets.Add(output.Position);
            Write(output, $"{i + 1} 0 obj\n");
            output.Write(_objects[i]);
            Write(output, "\nendobj\n");
        }

        var xref = output.Position;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"xref\n0 {_objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {_objects.Count + 1} /Root {root} 0 R {extraTrailer} >>\nstartxref\n{xref}\n%%EOF\n");
        Write(output, sb.ToString());
        return output.ToArray();
    }

    /// <summary>A content stream showing one line of Helvetica text (WinAnsi, printable ASCII only) at (x, y).</summary>
    public static string TextContent(string text, double x = 72, double y = 720, double size = 12) =>
        string.Create(CultureInfo.InvariantCulture, $"BT /F1 {size} Tf {x} {y} Td ({text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal)}) Tj ET");

    private static void Write(Stream stream, string text) => stream.Write(Encoding.Latin1.GetBytes(text));
}
