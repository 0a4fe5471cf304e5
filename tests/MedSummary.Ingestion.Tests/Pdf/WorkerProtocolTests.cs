using MedSummary.Core.Provenance;
using MedSummary.Ingestion.Pdf;
using MedSummary.Ingestion.Pdf.Isolation;
using MedSummary.Ingestion.Pdf.Layout;
using Shouldly;
using Xunit;

namespace MedSummary.Ingestion.Tests.Pdf;

public sealed class WorkerProtocolTests
{
    private static readonly ExtractedPdf Parsed = new(
    [
        new ExtractedPage(1, 595, 842, null,
            [new Glyph("é", new BoundingBox(1.5, 2.25, 3.125, 4), 1.5, 3.0625, 2.5, 11), new Glyph("ﬁ", new BoundingBox(5, 2, 9, 4), 5, 9, 2.5, 11)],
            [[new Glyph("T", new BoundingBox(10, 10, 12, 20), 10, 12, 10, 9)]]),
        new ExtractedPage(2, 842, 595, PageFallbackReason.NoTextLayer, [], []) { ImageDpi = 199.5 },
        new ExtractedPage(3, 595, 842, PageFallbackReason.UnusableTextLayer, [], []),
    ]);

    [Fact]
    public async Task Parsed_pages_cross_the_pipe_unchanged()
    {
        using var stream = new MemoryStream();
        WorkerProtocol.WriteResponse(stream, new WorkerResponse(Parsed, null, null));
        stream.Position = 0;

        var response = await WorkerProtocol.ReadResponseAsync(stream, 1 << 20, CancellationToken.None);

        var pages = response.Pdf.ShouldNotBeNull().Pages;
        pages.Count.ShouldBe(3);
        pages[0].Glyphs.ShouldBe(Parsed.Pages[0].Glyphs);
        pages[0].OtherLines.ShouldHaveSingleItem().ShouldBe(Parsed.Pages[0].OtherLines[0]);
        pages.Select(p => (p.Number, p.Width, p.Height, p.Fallback, p.ImageDpi))
            .ShouldBe(Parsed.Pages.Select(p => (p.Number, p.Width, p.Height, p.Fallback, p.ImageDpi)));
    }

    [Fact]
    public async Task A_request_and_a_refusal_cross_the_pipe_unchanged()
    {
        using var stream = new MemoryStream();
        await WorkerProtocol.WriteRequestAsync(stream, new WorkerRequest("lettre é.pdf", new byte[] { 1, 2, 3 }, new PdfExtractionLimits(10, 2)), CancellationToken.None);
        WorkerProtocol.WriteResponse(stream, new WorkerResponse(null, "encrypted_pdf", "lettre é.pdf: the PDF is encrypted."));
        stream.Position = 0;

        var request = WorkerProtocol.ReadRequest(stream).ShouldNotBeNull();
        var response = await WorkerProtocol.ReadResponseAsync(stream, 1 << 20, CancellationToken.None);

        (request.FileName, request.Limits).ShouldBe(("lettre é.pdf", new PdfExtractionLimits(10, 2)));
        request.Pdf.ToArray().ShouldBe(new byte[] { 1, 2, 3 });
        (response.Code, response.Message).ShouldBe(("encrypted_pdf", "lettre é.pdf: the PDF is encrypted."));
        WorkerProtocol.ReadRequest(stream).ShouldBeNull();
    }

    [Fact]
    public async Task A_worker_that_dies_midway_lies_or_says_too_much_is_detected_before_anything_is_built()
    {
        using var full = new MemoryStream();
        WorkerProtocol.WriteResponse(full, new WorkerResponse(Parsed, null, null));
        var bytes = full.ToArray();
        var garbled = bytes.ToArray();
        garbled[0] ^= 0xFF;

        await Should.ThrowAsync<EndOfStreamException>(() => WorkerProtocol.ReadResponseAsync(new MemoryStream(bytes[..(bytes.Length / 2)]), 1 << 20, CancellationToken.None));
        await Should.ThrowAsync<InvalidDataException>(() => WorkerProtocol.ReadResponseAsync(new MemoryStream(garbled), 1 << 20, CancellationToken.None));
        await Should.ThrowAsync<WorkerResponseTooLargeException>(() => WorkerProtocol.ReadResponseAsync(new MemoryStream(bytes), 100, CancellationToken.None));
    }
}
