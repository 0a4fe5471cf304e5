using System.Text;
using MedSummary.Core.Documents;
using MedSummary.Core.Errors;
using MedSummary.Ingestion.Loading;
using MedSummary.Ingestion.Pdf;
using MedSummary.Ingestion.Text;
using MedSummary.Testing.Pdf;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace MedSummary.Ingestion.Tests.Loading;

public sealed class DocumentLoaderTests
{
    public static TheoryData<string, byte[], string, string> Refused() => new()
    {
        { "vide.pdf", [], InputErrorCodes.Empty, "empty" },
        { "photo.pdf", BadInputs.Jpeg(), InputErrorCodes.UnsupportedType, "JPEG" },
        { "courrier.pdf", BadInputs.Zip(), InputErrorCodes.UnsupportedType, "ZIP" },
        { "image.pdf", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], InputErrorCodes.UnsupportedType, "PNG" },
        { "lettre.rtf", Encoding.ASCII.GetBytes(@"{\rtf1\ansi Bonjour}"), InputErrorCodes.UnsupportedType, "RTF" },
        { "bruit.bin", BadInputs.Binary(), InputErrorCodes.UnsupportedType, "neither PDF nor text" },
        { "tronque.pdf", BadInputs.Truncated(), InputErrorCodes.CorruptPdf, "damaged" },
        { "chiffre.pdf", BadInputs.Encrypted(), InputErrorCodes.EncryptedPdf, "password" },
        { "scan.pdf", BadInputs.Scanned(), InputErrorCodes.NoText, "no text layer" },
        { "blanc.txt", Encoding.UTF8.GetBytes(" \n\t\n "), InputErrorCodes.NoText, "white space" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Bad_input_is_refused_with_its_code_and_a_one_line_message_naming_the_file(string name, byte[] bytes, string code, string reason)
    {
        var loader = DocumentLoader.CreateDefault();

        var error = await Should.ThrowAsync<DocumentRejectedException>(() => loader.LoadAsync(new InputFile(name, bytes)));

        error.Code.ShouldBe(code);
        error.Message.ShouldStartWith(name + ":");
        error.Message.ShouldContain(reason, Case.Insensitive);
        error.Message.ShouldNotContain("\n");
    }

    [Fact]
    public async Task Limits_on_size_and_pages_are_enforced()
    {
        var pdf = BadInputs.SmallPdf(pages: 3);
        var small = DocumentLoader.CreateDefault(new IngestionOptions { MaxFileBytes = pdf.Length - 1 });
        var few = DocumentLoader.CreateDefault(new IngestionOptions { MaxPages = 2 });

        (await Should.ThrowAsync<DocumentRejectedException>(() => small.LoadAsync(new InputFile("gros.pdf", pdf))))
            .Code.ShouldBe(InputErrorCodes.TooLarge);
        (await Should.ThrowAsync<DocumentRejectedException>(() => few.LoadAsync(new InputFile("long.pdf", pdf))))
            .Code.ShouldBe(InputErrorCodes.TooManyPages);
        (await DocumentLoader.CreateDefault(new IngestionOptions { MaxPages = 3 }).LoadAsync(new InputFile("ok.pdf", pdf)))
            .PageCount.ShouldBe(3);
    }

    [Fact]
    public async Task Type_is_decided_by_content_not_by_name()
    {
        var loader = DocumentLoader.CreateDefault();

        var pdfNamedTxt = await loader.LoadAsync(new InputFile("notes.txt", BadInputs.SmallPdf()));
        var textNamedPdf = await loader.LoadAsync(new InputFile("rapport.pdf", Encoding.UTF8.GetBytes("Texte simple du rapport.")));

        pdfNamedTxt.MediaType.ShouldBe(PdfDocumentReader.MediaType);
        textNamedPdf.MediaType.ShouldBe(PlainTextReader.MediaType);
    }

    [Fact]
    public async Task A_pdf_header_after_leading_junk_within_1024_bytes_is_still_a_pdf()
    {
        var pdf = BadInputs.SmallPdf();
        var withJunk = new byte[100].Concat(pdf).ToArray();

        var document = await DocumentLoader.CreateDefault().LoadAsync(new InputFile("junk.pdf", withJunk));

        document.MediaType.ShouldBe(PdfDocumentReader.MediaType);
        document.Text.ShouldContain("Compte rendu");
    }

    [Fact]
    public async Task Same_bytes_give_the_same_id_and_it_is_their_sha256()
    {
        var pdf = BadInputs.SmallPdf();
        var loader = DocumentLoader.CreateDefault();

        var a = await loader.LoadAsync(new InputFile("a.pdf", pdf));
        var b = await loader.LoadAsync(new InputFile("copie.pdf", pdf.ToArray()));
        var other = await loader.LoadAsync(new InputFile("autre.pdf", BadInputs.SmallPdf("Autre texte.")));

        a.Id.ShouldBe(b.Id);
        a.Id.ShouldBe(DocumentIds.Sha256Hex(pdf));
        a.Id.Length.ShouldBe(64);
        other.Id.ShouldNotBe(a.Id);
        b.FileName.ShouldBe("copie.pdf");
    }

    [Fact]
    public async Task A_pdf_encrypted_without_a_user_password_is_read()
    {
        var pdf = new TestPdf().Page(p => p.Text(72, 700, "Lisible malgré les droits restreints.", 12)).BuildEncrypted(userPassword: "");

        var document = await DocumentLoader.CreateDefault().LoadAsync(new InputFile("droits.pdf", pdf));

        document.Text.ShouldBe("Lisible malgré les droits restreints.");
    }

    [Fact]
    public async Task A_reader_that_runs_past_the_timeout_is_refused_with_timeout()
    {
        var time = new FakeTimeProvider();
        var options = new IngestionOptions { PerDocumentTimeout = TimeSpan.FromSeconds(30) };
        var loader = new DocumentLoader([new StuckReader()], options, time);

        var loading = loader.LoadAsync(new InputFile("lent.pdf", BadInputs.SmallPdf()));
        time.Advance(TimeSpan.FromSeconds(31));

        var error = await Should.ThrowAsync<DocumentRejectedException>(() => loading);
        error.Code.ShouldBe(InputErrorCodes.Timeout);
        error.Message.ShouldStartWith("lent.pdf:");
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_a_timeout()
    {
        var loader = new DocumentLoader([new StuckReader()], new IngestionOptions(), new FakeTimeProvider());
        using var cancel = new CancellationTokenSource();

        var loading = loader.LoadAsync(new InputFile("lent.pdf", BadInputs.SmallPdf()), cancel.Token);
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => loading);
    }

    [Fact]
    public async Task An_unexpected_reader_failure_becomes_a_rejection()
    {
        var loader = new DocumentLoader([new BrokenReader()], new IngestionOptions());

        var error = await Should.ThrowAsync<DocumentRejectedException>(() => loader.LoadAsync(new InputFile("bug.txt", "abc"u8.ToArray())));

        error.Code.ShouldBe(InputErrorCodes.Unreadable);
        error.Message.ShouldBe("bug.txt: the file could not be read: the reader stopped on an unexpected failure.");
    }

    [Fact]
    public void Invalid_options_are_refused_at_construction()
    {
        Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            DocumentLoader.CreateDefault(new IngestionOptions { MaxPages = 0, PerDocumentTimeout = TimeSpan.Zero }))
            .Failures.Count().ShouldBe(2);
    }

    private sealed class StuckReader : IDocumentReader
    {
        public bool CanRead(ReadOnlySpan<byte> content) => true;

        public async Task<SourceDocument> ReadAsync(InputFile file, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    private sealed class BrokenReader : IDocumentReader
    {
        public bool CanRead(ReadOnlySpan<byte> content) => true;

        public Task<SourceDocument> ReadAsync(InputFile file, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("reader bug");
    }
}
