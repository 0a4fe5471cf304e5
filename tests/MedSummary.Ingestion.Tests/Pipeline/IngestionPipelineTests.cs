using System.Text;
using MedSummary.Core.Documents;
using MedSummary.Core.Errors;
using MedSummary.Ingestion.Chunking;
using MedSummary.Ingestion.Loading;
using MedSummary.Ingestion.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using Xunit;

namespace MedSummary.Ingestion.Tests.Pipeline;

public sealed class IngestionPipelineTests
{
    private static IngestionPipeline CreatePipeline(int parallelism = 2, IDocumentLoader? loader = null)
    {
        var options = new IngestionOptions { MaxDegreeOfParallelism = parallelism };
        return new IngestionPipeline(loader ?? DocumentLoader.CreateDefault(options), new SectionChunker(options.Chunking), options);
    }

    private static async Task<List<IngestionResult>> RunAsync(IngestionPipeline pipeline, IEnumerable<InputFile> files)
    {
        var results = new List<IngestionResult>();
        await foreach (var result in pipeline.RunAsync(files))
        {
            results.Add(result);
        }

        return results;
    }

    [Fact]
    public async Task Every_bad_input_is_recorded_with_its_code_and_the_batch_goes_on_in_input_order()
    {
        InputFile[] files =
        [
            new("premier.pdf", BadInputs.SmallPdf("Premier compte rendu.")),
            new("vide.pdf", Array.Empty<byte>()),
            new("photo.pdf", BadInputs.Jpeg()),
            new("archive.pdf", BadInputs.Zip()),
            new("tronque.pdf", BadInputs.Truncated()),
            new("chiffre.pdf", BadInputs.Encrypted()),
            new("scan.pdf", BadInputs.Scanned()),
            new("note.txt", Encoding.UTF8.GetBytes("CONCLUSION\nCarcinome lobulaire infiltrant.")),
            new("dernier.pdf", BadInputs.SmallPdf("Dernier compte rendu.")),
        ];

        var results = await RunAsync(CreatePipeline(parallelism: 3), files);

        results.Select(r => r.FileName).ShouldBe(files.Select(f => f.FileName));
        results.Select(r => r.Error?.Code).ShouldBe(
        [
            null, InputErrorCodes.Empty, InputErrorCodes.UnsupportedType, InputErrorCodes.UnsupportedType,
            InputErrorCodes.CorruptPdf, InputErrorCodes.EncryptedPdf, InputErrorCodes.NoText, null, null,
        ]);
        foreach (var failure in results.Where(r => !r.Succeeded))
        {
            failure.Document.ShouldBeNull();
            failure.Chunks.ShouldBeEmpty();
            failure.Error!.FileName.ShouldBe(failure.FileName);
            failure.Error.Message.ShouldStartWith(failure.FileName + ":");
        }

        results[0].Document!.Text.ShouldContain("Premier compte rendu.");
        results[7].Chunks.ShouldHaveSingleItem().Section.ShouldBe("CONCLUSION");
        results[8].Chunks.ShouldNotBeEmpty();
        results[8].Chunks.ShouldAllBe(c => c.DocumentId == results[8].Document!.Id);
    }

    [Fact]
    public async Task Duplicates_are_read_once_and_share_the_document()
    {
        var pdf = BadInputs.SmallPdf();
        var loader = new CountingLoader(DocumentLoader.CreateDefault());
        InputFile[] files =
        [
            new("original.pdf", pdf),
            new("autre.txt", Encoding.UTF8.GetBytes("Autre document.")),
            new("copie.pdf", pdf.ToArray()),
            new("vide-1.pdf", Array.Empty<byte>()),
            new("vide-2.pdf", Array.Empty<byte>()),
        ];

        var results = await RunAsync(CreatePipeline(loader: loader), files);

        loader.Calls.ShouldBe(3);
        results[2].FileName.ShouldBe("copie.pdf");
        results[2].Document.ShouldBeSameAs(results[0].Document);
        results[2].Chunks.ShouldBe(results[0].Chunks);
        results[2].Document!.FileName.ShouldBe("original.pdf");
        results[4].Error!.Code.ShouldBe(InputErrorCodes.Empty);
        results[4].Error!.Message.ShouldStartWith("vide-2.pdf:");
    }

    [Fact]
    public async Task No_more_documents_than_the_parallelism_are_read_at_once()
    {
        var loader = new CountingLoader(DocumentLoader.CreateDefault(), delay: TimeSpan.FromMilliseconds(20));
        var files = Enumerable.Range(0, 8).Select(i => new InputFile($"n{i}.txt", Encoding.UTF8.GetBytes($"Document numéro {i}."))).ToList();

        var results = await RunAsync(CreatePipeline(parallelism: 2, loader: loader), files);

        results.ShouldAllBe(r => r.Succeeded);
        loader.MaxConcurrent.ShouldBeLessThanOrEqualTo(2);
        loader.MaxConcurrent.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task The_di_registration_binds_validates_and_wires_the_pipeline()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ingestion:MaxPages"] = "5",
            ["Ingestion:PerDocumentTimeout"] = "00:00:10",
            ["Ingestion:Chunking:MaxChars"] = "300",
            ["Ingestion:Chunking:OverlapChars"] = "50",
        }).Build();
        await using var provider = new ServiceCollection()
            .AddMedSummaryIngestion(configuration.GetSection(IngestionOptions.SectionName))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var options = provider.GetRequiredService<IOptions<IngestionOptions>>().Value;
        options.MaxPages.ShouldBe(5);
        options.PerDocumentTimeout.ShouldBe(TimeSpan.FromSeconds(10));
        options.Chunking.MaxChars.ShouldBe(300);
        provider.GetServices<IDocumentReader>().Count().ShouldBe(2);

        var text = string.Join(' ', Enumerable.Repeat("Une phrase de test assez longue pour couper.", 30));
        var results = await RunAsync(provider.GetRequiredService<IngestionPipeline>(), [new InputFile("long.txt", Encoding.UTF8.GetBytes(text))]);
        results.ShouldHaveSingleItem().Chunks.Count.ShouldBeGreaterThan(3);
        results[0].Chunks.ShouldAllBe(c => c.Text.Length <= 300);
    }

    [Fact]
    public void Invalid_configuration_fails_at_start()
    {
        using var provider = new ServiceCollection()
            .AddMedSummaryIngestion(o => o.Chunking.OverlapChars = 5000)
            .BuildServiceProvider();

        // What the host runs when it starts, thanks to ValidateOnStart.
        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        error.Message.ShouldContain("Chunking.OverlapChars");
    }

    private sealed class CountingLoader(IDocumentLoader inner, TimeSpan delay = default) : IDocumentLoader
    {
        private int _calls;
        private int _current;
        private int _max;

        public int Calls => _calls;

        public int MaxConcurrent => _max;

        public async Task<SourceDocument> LoadAsync(InputFile file, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            var now = Interlocked.Increment(ref _current);
            InterlockedMax(ref _max, now);
            try
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, cancellationToken);
                }

                return await inner.LoadAsync(file, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _current);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}
