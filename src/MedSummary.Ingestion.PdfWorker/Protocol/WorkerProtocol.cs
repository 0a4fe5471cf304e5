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
/// and one response at a time, each framed by a magic number, little-endian, strings as length-prefixed UTF-8.
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

    // Most glyphs are one character: sharing those strings spares millions of tiny allocations on large documents.
    private static readonly string[] SingleChars = [.. Enumerable.Range(0, 0x3000).Select(c => ((char)c).ToString())];

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
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Utf8, leaveOpen: true))
        {
            WritePayload(writer, response);
        }

        Span<byte> header = stackalloc byte[12];
        BitConverter.TryWriteBytes(header, ResponseMagic);
        BitConverter.TryWriteBytes(header[4..], payload.Length);
        stream.Write(header);
        stream.Write(payload.GetBuffer(), 0, (int)payload.Length);
        stream.Flush();
    }

    private static void WritePayload(BinaryWriter writer, WorkerResponse response)
    {
        if (response.Pdf is not { } pdf)
        {
            writer.Write(Rejected);
            writer.Write(response.Code ?? "unreadable");
            writer.Write(response.Message ?? "The document could not be read.");
            return;
        }

        writer.Write(Ok);
        writer.Write(pdf.Pages.Count);
        foreach (var page in pdf.Pages)
        {
            writer.Write(page.Number);
            writer.Write(page.Width);
            writer.Write(page.Height);
            writer.Write((byte)(page.Fallback is { } reason ? (int)reason : 0));
            WriteGlyphs(writer, page.Glyphs);
            writer.Write(page.OtherLines.Count);
            foreach (var line in page.OtherLines)
            {
                WriteGlyphs(writer, line);
            }
        }
    }

    /// <summary>Reads one response; <paramref name="maxBytes"/> bounds what a worker may make the caller allocate.</summary>
    public static async Task<WorkerResponse> ReadResponseAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = new byte[12];
        await stream.ReadExactlyAsync(header, cancellationToken).ConfigureAwait(false);
        Check(BitConverter.ToInt32(header, 0) == ResponseMagic, "response magic");
        var length = BitConverter.ToInt64(header, 4);
        if (length > maxBytes || length > Array.MaxLength)
        {
            throw new WorkerResponseTooLargeException(length);
        }

        Check(length > 0, "response length");
        var payload = new byte[length];
        await stream.ReadExactlyAsync(payload, cancellationToken).ConfigureAwait(false);
        using var reader = new BinaryReader(new MemoryStream(payload, writable: false), Utf8, leaveOpen: false);
        return ReadPayload(reader);
    }

    private static WorkerResponse ReadPayload(BinaryReader reader)
    {
        var status = reader.ReadByte();
        if (status == Rejected)
        {
            return new WorkerResponse(null, reader.ReadString(), reader.ReadString());
        }

        Check(status == Ok, "response status");
        var pageCount = reader.ReadInt32();
        Check(pageCount is > 0 and <= 1_000_000, "page count");
        var pages = new List<ExtractedPage>(Math.Min(pageCount, 10_000));
        var budget = MaxGlyphs;
        for (var i = 0; i < pageCount; i++)
        {
            var number = reader.ReadInt32();
            var width = reader.ReadDouble();
            var height = reader.ReadDouble();
            var reason = reader.ReadByte();
            Check(reason <= (byte)PageFallbackReason.ScannedImage, "fallback reason");
            var glyphs = ReadGlyphs(reader, ref budget);
            var lineCount = reader.ReadInt32();
            Check(lineCount >= 0 && lineCount <= budget, "line count");
            var lines = new List<IReadOnlyList<Glyph>>(Math.Min(lineCount, 1024));
            for (var l = 0; l < lineCount; l++)
            {
                lines.Add(ReadGlyphs(reader, ref budget));
            }

            pages.Add(new ExtractedPage(number, width, height, reason == 0 ? null : (PageFallbackReason)reason, glyphs, lines));
        }

        Check(reader.BaseStream.Position == reader.BaseStream.Length, "response end");
        return new WorkerResponse(new ExtractedPdf(pages), null, null);
    }

    private static void WriteGlyphs(BinaryWriter writer, IReadOnlyList<Glyph> glyphs)
    {
        writer.Write(glyphs.Count);
        foreach (var g in glyphs)
        {
            writer.Write(g.Text);
            writer.Write(g.Box.Left);
            writer.Write(g.Box.Bottom);
            writer.Write(g.Box.Right);
            writer.Write(g.Box.Top);
            writer.Write(g.StartX);
            writer.Write(g.EndX);
            writer.Write(g.BaselineY);
            writer.Write(g.Size);
        }
    }

    private static Glyph[] ReadGlyphs(BinaryReader reader, ref int budget)
    {
        var count = reader.ReadInt32();
        Check(count >= 0 && count <= budget, "glyph count");
        budget -= count;
        var glyphs = new Glyph[count];
        for (var i = 0; i < count; i++)
        {
            var text = reader.ReadString();
            if (text.Length == 1 && text[0] < SingleChars.Length)
            {
                text = SingleChars[text[0]];
            }

            var box = new BoundingBox(reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());
            glyphs[i] = new Glyph(text, box, reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());
        }

        return glyphs;
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidDataException($"The PDF worker sent an invalid {what}.");
        }
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
