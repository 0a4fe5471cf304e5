using System.Buffers.Binary;
using System.Text;
using MedSummary.Core.Provenance;
using MedSummary.Ingestion.Pdf.Layout;

namespace MedSummary.Ingestion.Pdf.Isolation;

/// <summary>A document for the worker to parse.</summary>
public sealed record WorkerRequest(string FileName, ReadOnlyMemory<byte> Pdf, PdfExtractionLimits Limits);

/// <summary>The worker's answer: the parsed pages, or the refusal's stable code and one-line message.</summary>
public sealed record WorkerResponse(ExtractedPdf? Pdf, string? Code, string? Message);

/// <summary>
/// The binary protocol between Ingestion and its PDF worker over the worker's standard input and output: one request
/// and one response at a time, each framed by a magic number, little-endian, names and messages as length-prefixed
/// UTF-8, glyph text as length-prefixed UTF-16 code units.
/// </summary>
/// <remarks>
/// A response is prefixed with its length, so that the parent reads it asynchronously (and can give up on it) before
/// parsing it from memory. A response is checked as it is read (counts, lengths, magic) so that a worker that dies half-way, or writes
/// something else, gives an <see cref="InvalidDataException"/> or <see cref="EndOfStreamException"/> rather than
/// a huge allocation.
/// </remarks>
public static class WorkerProtocol
{
    private const int RequestMagic = 0x51575350; // "PSWQ"
    private const int ResponseMagic = 0x52575350; // "PSWR"
    private const byte Ok = 0;
    private const byte Rejected = 1;

    /// <summary>Upper bound on the glyphs of one response, far above any real document (a dense page has about 4 000).</summary>
    public const int MaxGlyphs = 50_000_000;

    private static readonly Encoding Utf8 = new UTF8Encoding(false, throwOnInvalidBytes: false);

    public static async Task WriteRequestAsync(Stream stream, WorkerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(request);
        using var header = new MemoryStream();
        using (var writer = new BinaryWriter(header, Utf8, leaveOpen: true))
        {
            writer.Write(RequestMagic);
            writer.Write(request.FileName);
            writer.Write(request.Limits.MaxPages);
            writer.Write(request.Limits.PageParallelism);
            writer.Write(request.Pdf.Length);
        }

        await stream.WriteAsync(header.GetBuffer().AsMemory(0, (int)header.Length), cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(request.Pdf, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The next request, or null at the end of the stream (the parent closed it: time to exit).</summary>
    public static WorkerRequest? ReadRequest(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, Utf8, leaveOpen: true);
        int magic;
        try
        {
            magic = reader.ReadInt32();
        }
        catch (EndOfStreamException)
        {
            return null;
        }

        Check(magic == RequestMagic, "request magic");
        var fileName = reader.ReadString();
        var maxPages = reader.ReadInt32();
        var parallelism = reader.ReadInt32();
        var length = reader.ReadInt32();
        Check(length >= 0, "request length");
        var pdf = reader.ReadBytes(length);
        if (pdf.Length != length)
        {
            throw new EndOfStreamException();
        }

        return new WorkerRequest(fileName, pdf, new PdfExtractionLimits(maxPages, parallelism));
    }

    public static void WriteResponse(Stream stream, WorkerResponse response)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(response);
        var payload = new PayloadWriter(response.Pdf?.Pages.Sum(p => p.Glyphs.Count + p.OtherLines.Sum(l => l.Count)) ?? 0);
        if (response.Pdf is not { } pdf)
        {
            payload.Byte(Rejected);
            payload.String(response.Code ?? "unreadable");
            payload.String(response.Message ?? "The document could not be read.");
        }
        else
        {
            payload.Byte(Ok);
            payload.Int(pdf.Pages.Count);
            foreach (var page in pdf.Pages)
            {
                payload.Int(page.Number);
                payload.Double(page.Width);
                payload.Double(page.Height);
                payload.Byte((byte)(page.Fallback is { } reason ? (int)reason : 0));
                payload.Double(page.ImageDpi ?? double.NaN);
                payload.Glyphs(page.Glyphs);
                payload.Int(page.OtherLines.Count);
                foreach (var line in page.OtherLines)
                {
                    payload.Glyphs(line);
                }
            }
        }

        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteInt32LittleEndian(header, ResponseMagic);
        BinaryPrimitives.WriteInt64LittleEndian(header[4..], payload.Length);
        stream.Write(header);
        stream.Write(payload.Written);
        stream.Flush();
    }

    /// <summary>Reads one response; <paramref name="maxBytes"/> bounds what a worker may make the caller allocate.</summary>
    public static async Task<WorkerResponse> ReadResponseAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = new byte[12];
        await stream.ReadExactlyAsync(header, cancellationToken).ConfigureAwait(false);
        Check(BinaryPrimitives.ReadInt32LittleEndian(header) == ResponseMagic, "response magic");
        var length = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(4));
        if (length > maxBytes || length > Array.MaxLength)
        {
            throw new WorkerResponseTooLargeException(length);
        }

        Check(length > 0, "response length");
        var payload = new byte[length];
        await stream.ReadExactlyAsync(payload, cancellationToken).ConfigureAwait(false);
        return ReadPayload(new PayloadReader(payload));
    }

    private static WorkerResponse ReadPayload(PayloadReader reader)
    {
        var status = reader.Byte();
        if (status == Rejected)
        {
            return new WorkerResponse(null, reader.String(), reader.String());
        }

        Check(status == Ok, "response status");
        var pageCount = reader.Int();
        Check(pageCount is > 0 and <= 1_000_000, "page count");
        var pages = new List<ExtractedPage>(Math.Min(pageCount, 10_000));
        var budget = MaxGlyphs;
        for (var i = 0; i < pageCount; i++)
        {
            var number = reader.Int();
            var width = reader.Double();
            var height = reader.Double();
            var reason = reader.Byte();
            Check(reason <= (byte)PageFallbackReason.ScannedImage, "fallback reason");
            var imageDpi = reader.Double();
            var glyphs = reader.Glyphs(ref budget);
            var lineCount = reader.Int();
            Check(lineCount >= 0 && lineCount <= budget, "line count");
            var lines = new List<IReadOnlyList<Glyph>>(Math.Min(lineCount, 1024));
            for (var l = 0; l < lineCount; l++)
            {
                lines.Add(reader.Glyphs(ref budget));
            }

            pages.Add(new ExtractedPage(number, width, height, reason == 0 ? null : (PageFallbackReason)reason, glyphs, lines)
            {
                ImageDpi = double.IsFinite(imageDpi) && imageDpi > 0 ? imageDpi : null,
            });
        }

        Check(reader.AtEnd, "response end");
        return new WorkerResponse(new ExtractedPdf(pages), null, null);
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidDataException($"The PDF worker sent an invalid {what}.");
        }
    }
}

/// <summary>
/// Writes a response into one growing array with span writes: a large document's glyphs are most of the traffic,
/// and per-value stream writes cost more than the parsing they report.
/// </summary>
internal sealed class PayloadWriter(int glyphs)
{
    /// <summary>Bytes of one glyph besides its text: eight doubles.</summary>
    public const int GlyphBytes = 64;

    // About 70 bytes a glyph: sized once rather than grown by doubling through a large document.
    private byte[] _buffer = new byte[(int)Math.Min(Array.MaxLength, 1024 + ((GlyphBytes + 6L) * glyphs))];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public void Byte(byte value) => Take(1)[0] = value;

    public void Int(int value) => BinaryPrimitives.WriteInt32LittleEndian(Take(4), value);

    public void Double(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Take(8), value);

    public void String(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Int(bytes.Length);
        bytes.CopyTo(Take(bytes.Length));
    }

    public void Glyphs(IReadOnlyList<Glyph> glyphs)
    {
        Int(glyphs.Count);
        foreach (var g in glyphs)
        {
            // Text as UTF-16 code units with a short length: most glyphs are one character.
            var text = g.Text.AsSpan(0, Math.Min(g.Text.Length, ushort.MaxValue));
            var span = Take(2 + (2 * text.Length) + GlyphBytes);
            BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)text.Length);
            for (var k = 0; k < text.Length; k++)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(span[(2 + (2 * k))..], text[k]);
            }

            var values = span[(2 + (2 * text.Length))..];
            BinaryPrimitives.WriteDoubleLittleEndian(values, g.Box.Left);
            BinaryPrimitives.WriteDoubleLittleEndian(values[8..], g.Box.Bottom);
            BinaryPrimitives.WriteDoubleLittleEndian(values[16..], g.Box.Right);
            BinaryPrimitives.WriteDoubleLittleEndian(values[24..], g.Box.Top);
            BinaryPrimitives.WriteDoubleLittleEndian(values[32..], g.StartX);
            BinaryPrimitives.WriteDoubleLittleEndian(values[40..], g.EndX);
            BinaryPrimitives.WriteDoubleLittleEndian(values[48..], g.BaselineY);
            BinaryPrimitives.WriteDoubleLittleEndian(values[56..], g.Size);
        }
    }

    private Span<byte> Take(int count)
    {
        if (Length + count > _buffer.Length)
        {
            var grown = new byte[(int)Math.Min(Array.MaxLength, Math.Max((long)_buffer.Length * 2, Length + count))];
            _buffer.AsSpan(0, Length).CopyTo(grown);
            _buffer = grown;
        }

        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }
}

/// <summary>Reads a response from memory, checking every length against what is left so that a lie fails early.</summary>
internal sealed class PayloadReader(byte[] data)
{
    // Most glyphs are one character: sharing those strings spares millions of tiny allocations on large documents.
    private static readonly string[] SingleChars = [.. Enumerable.Range(0, 0x3000).Select(c => ((char)c).ToString())];

    private int _position;

    public bool AtEnd => _position == data.Length;

    public byte Byte() => Take(1)[0];

    public int Int() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public string String()
    {
        var length = Int();
        return length < 0 ? throw new InvalidDataException("The PDF worker sent an invalid string.") : Encoding.UTF8.GetString(Take(length));
    }

    public Glyph[] Glyphs(ref int budget)
    {
        var count = Int();
        if (count < 0 || count > budget)
        {
            throw new InvalidDataException("The PDF worker sent an invalid glyph count.");
        }

        budget -= count;
        var glyphs = new Glyph[count];
        for (var i = 0; i < count; i++)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(Take(2));
            var chars = Take(2 * length);
            string text;
            if (length == 1 && BinaryPrimitives.ReadUInt16LittleEndian(chars) is var single && single < SingleChars.Length)
            {
                text = SingleChars[single];
            }
            else
            {
                var buffer = new char[length];
                for (var k = 0; k < length; k++)
                {
                    buffer[k] = (char)BinaryPrimitives.ReadUInt16LittleEndian(chars[(2 * k)..]);
                }

                text = new string(buffer);
            }

            var values = Take(PayloadWriter.GlyphBytes);
            glyphs[i] = new Glyph(
                text,
                new BoundingBox(
                    BinaryPrimitives.ReadDoubleLittleEndian(values),
                    BinaryPrimitives.ReadDoubleLittleEndian(values[8..]),
                    BinaryPrimitives.ReadDoubleLittleEndian(values[16..]),
                    BinaryPrimitives.ReadDoubleLittleEndian(values[24..])),
                BinaryPrimitives.ReadDoubleLittleEndian(values[32..]),
                BinaryPrimitives.ReadDoubleLittleEndian(values[40..]),
                BinaryPrimitives.ReadDoubleLittleEndian(values[48..]),
                BinaryPrimitives.ReadDoubleLittleEndian(values[56..]));
        }

        return glyphs;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > data.Length - _position)
        {
            throw new EndOfStreamException("The PDF worker's answer ends early.");
        }

        var span = data.AsSpan(_position, count);
        _position += count;
        return span;
    }
}

/// <summary>The worker's answer is larger than the caller accepts (a document with an absurd number of glyphs).</summary>
public sealed class WorkerResponseTooLargeException : Exception
{
    public WorkerResponseTooLargeException(long bytes)
        : base($"The PDF worker's answer has {bytes} bytes, more than accepted.")
    {
        Bytes = bytes;
    }

    public WorkerResponseTooLargeException()
    {
    }

    public WorkerResponseTooLargeException(string message)
        : base(message)
    {
    }

    public WorkerResponseTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public long Bytes { get; }
}
