using System.Text;
using MedSummary.Core.Documents;
using MedSummary.Ingestion.Text;
using Shouldly;
using Xunit;

namespace MedSummary.Ingestion.Tests.Text;

public sealed class PlainTextReaderTests
{
    private const string French = "Compte rendu : la patiente présente un œdème du membre supérieur gauche après la chirurgie.";

    static PlainTextReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static Task<SourceDocument> Read(byte[] bytes) =>
        new PlainTextReader().ReadAsync(new InputFile("note.txt", bytes), CancellationToken.None);

    [Fact]
    public async Task Utf8_without_bom_is_read()
    {
        var document = await Read(Encoding.UTF8.GetBytes(French));

        document.Text.ShouldBe(French);
        document.MediaType.ShouldBe("text/plain");
        document.PageCount.ShouldBe(1);
        document.Pages[0].Source.ShouldBe(PageTextSource.PlainText);
        document.Map.HasBoxes.ShouldBeFalse();
        document.Language.ShouldBe("fr");
    }

    [Fact]
    public async Task Utf8_with_bom_loses_the_bom()
    {
        var document = await Read([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(French)]);

        document.Text.ShouldBe(French);
    }

    [Fact]
    public async Task Windows_1252_and_latin1_bytes_fall_back_from_invalid_utf8()
    {
        var cp1252 = await Read(Encoding.GetEncoding(1252).GetBytes(French));
        var latin1 = await Read(Encoding.Latin1.GetBytes("Père à l'hôpital, façade"));

        cp1252.Text.ShouldBe(French);
        latin1.Text.ShouldBe("Père à l'hôpital, façade");
    }

    [Fact]
    public async Task Line_endings_are_normalized_and_form_feeds_split_pages()
    {
        var document = await Read(Encoding.UTF8.GetBytes("ligne un\r\nligne deux\rligne trois\fpage deux\r\n\fpage trois\f"));

        document.Text.ShouldBe("ligne un\nligne deux\nligne trois\n\npage deux\n\n\npage trois");
        document.PageCount.ShouldBe(3);
        document.Map.PageAt(document.Text.IndexOf("page deux", StringComparison.Ordinal)).ShouldBe(2);
        document.Map.PageAt(document.Text.IndexOf("page trois", StringComparison.Ordinal)).ShouldBe(3);
        document.Map.PageAt(document.Text.IndexOf("ligne trois", StringComparison.Ordinal) + "ligne trois".Length).ShouldBe(1);
    }

    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46 }, true)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10 }, false)]
    [InlineData(new byte[] { 0x41, 0x42, 0x01, 0x02, 0x03, 0x04 }, false)]
    public void Text_is_recognised_by_content(byte[] bytes, bool isText) =>
        new PlainTextReader().CanRead(bytes).ShouldBe(isText);
}
