using System.Text;
using MedSummary.Core.Errors;
using MedSummary.Ingestion.Loading;
using MedSummary.Ingestion.Pdf.Isolation;
using MedSummary.Ingestion.Pipeline;
using MedSummary.Testing.Pdf;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace MedSummary.Ingestion.Tests.Hardening;

/// <summary>
/// Broken and malicious PDFs through ingestion as the service registers it (PDFs parsed in isolated workers): each is
/// read or refused with its code and a one-line reason, and none takes the test process down with it (two of them
/// overflow PdfPig's stack, which would end this process were they parsed in it).
/// </summary>
public sealed class HostilePdfTests(IsolatedIngestion shared) : IClassFixture<IsolatedIngestion>
{
    private IDocumentLoader Loader => shared.Services.GetRequiredService<IDocumentLoader>();

    public static TheoryData<string, string?> Cases() => new()
    {
        { "reference-cycle.pdf", InputErrorCodes.ParserCrashed },
        { "recursive-forms.pdf", InputErrorCodes.ParserCrashed },
        { "self-referencing-pages.pdf", null },
        { "page-tree-loop.pdf", null },

        // The nesting swallows the page dictionary: the page is counted, its content is lost.
        { "deep-array.pdf", InputErrorCodes.NoText },
        { "deep-content-nesting.pdf", InputErrorCodes.CorruptPdf },
        { "javascript-and-attachment.pdf", null },
        { "huge-image.pdf", InputErrorCodes.NoText },
        { "broken-xref.pdf", null },
        { "truncated.pdf", InputErrorCodes.CorruptPdf },
        { "zero.pdf", InputErrorCodes.Empty },
        { "photo.pdf", InputErrorCodes.UnsupportedType },
        { "archive.pdf", InputErrorCodes.UnsupportedType },
        { "password.pdf", InputErrorCodes.EncryptedPdf },
        { "restricted.pdf", null },
    };

    private static byte[] Build(string name) => name switch
    {
        "reference-cycle.pdf" => HostilePdfs.ReferenceCycle(),
        "recursive-forms.pdf" => HostilePdfs.MutuallyRecursiveForms(),
        "self-referencing-pages.pdf" => HostilePdfs.SelfReferencingPageTree(),
        "page-tree-loop.pdf" => HostilePdfs.PageTreeLoop(),
        "deep-array.pdf" => HostilePdfs.DeepArrayNesting(),
        "deep-content-nesting.pdf" => HostilePdfs.DeepContentNesting(),
        "javascript-and-attachment.pdf" => HostilePdfs.JavaScriptAndAttachment(),
        "huge-image.pdf" => HostilePdfs.HugeImage(),
        "broken-xref.pdf" => HostilePdfs.BrokenXref(),
        "truncated.pdf" => BadInputs.Truncated(),
        "zero.pdf" => [],
        "photo.pdf" => BadInputs.Jpeg(),
        "archive.pdf" => BadInputs.Zip(),
        "password.pdf" => BadInputs.Encrypted(),
        "restricted.pdf" => new TestPdf().Page(p => p.Text(72, 720, HostilePdfs.VisibleText, 12)).BuildEncrypted(userPassword: ""),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_hostile_pdf_is_read_or_refused_with_its_code_and_a_one_line_reason(string name, string? code)
    {
        var bytes = Build(name);

        if (code is null)
        {
            var document = await Loader.LoadAsync(new InputFile(name, bytes));
            document.Text.ShouldBe(HostilePdfs.VisibleText);
        }
        else
        {
            var error = await Should.ThrowAsync<DocumentRejectedException>(() => Loader.LoadAsync(new InputFile(name, bytes)));
            error.Code.ShouldBe(code);
            error.Message.ShouldStartWith(name + ":");
            error.Message.ShouldNotContain("\n");
        }
    }

    [Fact]
    public async Task Active_content_and_attachments_are_not_read_into_the_text()
    {
        var document = await Loader.LoadAsync(new InputFile("lettre.pdf", HostilePdfs.JavaScriptAndAttachment("PIECE JOINTE CACHEE")));

        document.Text.ShouldNotContain("PIECE JOINTE");
        document.Text.ShouldNotContain("pwned");
        document.PageCount.ShouldBe(1);
    }

    [Fact]
    public async Task A_parser_crash_fails_only_its_document_and_the_worker_is_replaced()
    {
        using var services = new ServiceCollection().AddMedSummaryIngestion().BuildServiceProvider();
        var pipeline = services.GetRequiredService<IngestionPipeline>();
        var pool = services.GetRequiredService<PdfWorkerPool>();
        InputFile[] files =
        [
            new("avant.pdf", BadInputs.SmallPdf("Compte rendu avant.")),
            new("cycle.pdf", HostilePdfs.ReferenceCycle()),
            new("milieu.pdf", BadInputs.SmallPdf("Compte rendu du milieu.")),
            new("formes.pdf", HostilePdfs.MutuallyRecursiveForms()),
            new("apres.pdf", BadInputs.SmallPdf("Compte rendu après.")),
        ];

        var results = new List<IngestionResult>();
        await foreach (var result in pipeline.RunAsync(files))
        {
            results.Add(result);
        }

        results.Select(r => r.Error?.Code).ShouldBe([null, InputErrorCodes.ParserCrashed, null, InputErrorCodes.ParserCrashed, null]);
        results[1].Error!.Message.ShouldContain("parser stopped");
        results[4].Document!.Text.ShouldContain("Compte rendu après.");
        pool.WorkersLost.ShouldBe(2);
    }

    [Fact]
    public async Task A_document_past_its_time_limit_is_refused_its_worker_killed_and_the_next_document_read()
    {
        using var services = new ServiceCollection()
            .AddMedSummaryIngestion(o => o.PerDocumentTimeout = TimeSpan.FromMilliseconds(500))
            .BuildServiceProvider();
        var loader = services.GetRequiredService<IDocumentLoader>();
        var pool = services.GetRequiredService<PdfWorkerPool>();

        // A million unbalanced "q" take PdfPig several seconds and hundreds of megabytes.
        var error = await Should.ThrowAsync<DocumentRejectedException>(() => loader.LoadAsync(new InputFile("lent.pdf", HostilePdfs.GraphicsStateBomb())));
        error.Code.ShouldBe(InputErrorCodes.Timeout);

        // The refusal comes at the deadline; the worker is killed by the same cancellation, a moment later.
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        while (pool.WorkersLost == 0 && waiting.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        pool.WorkersLost.ShouldBe(1);

        var next = await loader.LoadAsync(new InputFile("suivant.txt", Encoding.UTF8.GetBytes("Le document suivant est lu.")));
        next.Text.ShouldBe("Le document suivant est lu.");
    }

    [Fact]
    public async Task A_document_that_needs_more_memory_than_the_worker_may_use_is_refused_as_too_large()
    {
        using var services = new ServiceCollection()
            .AddMedSummaryIngestion(o => o.Isolation.MemoryLimitMiB = 128)
            .BuildServiceProvider();
        var loader = services.GetRequiredService<IDocumentLoader>();

        var error = await Should.ThrowAsync<DocumentRejectedException>(() => loader.LoadAsync(new InputFile("bombe.pdf", HostilePdfs.GraphicsStateBomb())));

        error.Code.ShouldBe(InputErrorCodes.TooLarge);
        error.Message.ShouldStartWith("bombe.pdf:");
        (await loader.LoadAsync(new InputFile("ok.pdf", BadInputs.SmallPdf()))).Text.ShouldContain("Compte rendu");
    }

    [Fact]
    public async Task A_thousand_page_pdf_is_read_and_the_page_limit_refuses_it_when_lower()
    {
        var pdf = HostilePdfs.ManyPages(1000);
        using var strict = new ServiceCollection().AddMedSummaryIngestion(o => o.MaxPages = 999).BuildServiceProvider();

        var document = await Loader.LoadAsync(new InputFile("gros.pdf", pdf));
        var error = await Should.ThrowAsync<DocumentRejectedException>(
            () => strict.GetRequiredService<IDocumentLoader>().LoadAsync(new InputFile("gros.pdf", pdf)));

        document.PageCount.ShouldBe(1000);
        document.Map.PageAt(document.Text.IndexOf("Feuillet 1000 ", StringComparison.Ordinal)).ShouldBe(1000);
        error.Code.ShouldBe(InputErrorCodes.TooManyPages);
        error.Message.ShouldContain("1000 pages");
    }
}

/// <summary>Ingestion as the service registers it, shared by a test class so that its PDF workers start once.</summary>
public sealed class IsolatedIngestion : IDisposable
{
    public ServiceProvider Services { get; } = new ServiceCollection()
        .AddMedSummaryIngestion(o => o.PerDocumentTimeout = TimeSpan.FromMinutes(2))
        .BuildServiceProvider();

    public void Dispose() => Services.Dispose();
}
