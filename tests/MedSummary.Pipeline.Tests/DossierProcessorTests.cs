using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Core.Errors;
using MedSummary.Extraction.Grounding.Forms;
using MedSummary.Extraction.Rules;
using MedSummary.Ingestion;
using MedSummary.Pipeline.Processing;
using MedSummary.Retrieval.Search;
using MedSummary.Retrieval.Stores;
using MedSummary.Samples;
using MedSummary.Testing.Pdf;
using Shouldly;
using Xunit;

namespace MedSummary.Pipeline.Tests;

public sealed class DossierProcessorTests
{
    private static readonly GeneratedDossier Breast = SampleDossierGenerator.Generate(new SampleSpec
    {
        Name = "breast-test",
        Cancer = CancerType.Breast,
        Language = DossierLanguage.French,
        Seed = 7,
        Size = DossierSize.Small,
    });

    private static List<InputFile> Files(GeneratedDossier dossier) =>
        [.. dossier.Files.Select(f => new InputFile(f.FileName, f.Content))];

    [Fact]
    public async Task Generated_dossier_gives_every_contract_field_with_verified_citations()
    {
        using var host = new PipelineHost();
        var outcome = await host.Get<IDossierProcessor>().ProcessAsync(new DossierRequest(Files(Breast)));

        outcome.Dossier.ShouldNotBeNull();
        var result = outcome.Result;
        result.SchemaVersion.ShouldBe("1");
        result.Errors.ShouldBeEmpty();
        result.Documents.Count.ShouldBe(Breast.Files.Count);
        // Rules only: every field of the form, those the rules fill among them.
        result.Form.Fields.Keys.ShouldBe(host.Get<FormSchema>().Keys, ignoreOrder: true);
        RuleExtractionEngine.FormKeys.ShouldBeSubsetOf(result.Form.Fields.Keys);
        CitationVerifier.VerifyAll(result, outcome.Dossier.DocumentsById).ShouldBeEmpty();

        // The rules must find what every breast dossier states, each value inside its quotes.
        foreach (var key in new[] { ContractFields.PrimarySite, ContractFields.ErStatus, ContractFields.Her2Status })
        {
            var field = result.Form.Fields[key];
            field.Status.ShouldNotBe(FieldStatus.NotFound, key);
            field.Citations.ShouldNotBeEmpty(key);
        }

        result.Form.Fields[ContractFields.PrimarySite].Normalized.ShouldBe("breast");
        result.Processing.ShouldNotBeNull().Mode.ShouldBe(ProcessingMode.RulesOnly);
    }

    [Fact]
    public async Task Same_files_in_another_order_give_the_same_dossier_id_and_index_nothing_twice()
    {
        using var host = new PipelineHost();
        var processor = host.Get<IDossierProcessor>();
        var files = Files(Breast);
        var first = await processor.ProcessAsync(new DossierRequest(files));
        var second = await processor.ProcessAsync(new DossierRequest([.. Enumerable.Reverse(files)]));

        second.Result.DossierId.ShouldBe(first.Result.DossierId);
        var store = host.Get<IChunkStore>();
        var count = await store.CountAsync(new ChunkFilter("local", [first.Result.DossierId!]));
        count.ShouldBe(first.Dossier!.Chunks.Count);
    }

    [Fact]
    public async Task Chunks_are_searchable_within_the_dossier_after_processing()
    {
        using var host = new PipelineHost();
        var outcome = await host.Get<IDossierProcessor>().ProcessAsync(new DossierRequest(Files(Breast)) { Tenant = "oncology" });
        var hits = await host.Get<Retriever>().SearchAsync(
            "récepteurs hormonaux oestrogènes", new ChunkFilter("oncology", [outcome.Result.DossierId!]), top: 3);

        hits.ShouldNotBeEmpty();
        hits.ShouldAllBe(h => h.Chunk.DossierId == outcome.Result.DossierId);
        var document = outcome.Dossier!.DocumentsById[hits[0].Chunk.Chunk.DocumentId];
        document.Slice(hits[0].Chunk.Chunk.Span).ShouldBe(hits[0].Chunk.Chunk.Text);
    }

    [Fact]
    public async Task Unreadable_inputs_are_reported_with_their_code_while_the_rest_is_processed()
    {
        using var host = new PipelineHost();
        var files = Files(Breast);
        files.Add(new InputFile("empty.pdf", Array.Empty<byte>()));
        files.Add(new InputFile("photo.pdf", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1 }));
        var pdf = new TestPdf().Page(p => p.Text(72, 700, "Conclusion : carcinome canalaire infiltrant.")).Build();
        files.Add(new InputFile("truncated.pdf", pdf[..(pdf.Length / 2)]));

        var outcome = await host.Get<IDossierProcessor>().ProcessAsync(new DossierRequest(files));

        outcome.Result.Documents.Count.ShouldBe(Breast.Files.Count);
        var codes = outcome.Result.Errors.ToDictionary(e => e.FileName, e => e.Code);
        codes["empty.pdf"].ShouldBe(InputErrorCodes.Empty);
        codes["photo.pdf"].ShouldBe(InputErrorCodes.UnsupportedType);
        codes["truncated.pdf"].ShouldBe(InputErrorCodes.CorruptPdf);
        outcome.Result.Errors.ShouldAllBe(e => !string.IsNullOrWhiteSpace(e.Message) && !e.Message.Contains('\n'));
        outcome.Result.Form.Fields[ContractFields.PrimarySite].Status.ShouldNotBe(FieldStatus.NotFound);
    }

    [Fact]
    public async Task A_dossier_with_no_readable_input_still_answers_every_field_as_not_found()
    {
        using var host = new PipelineHost();
        var outcome = await host.Get<IDossierProcessor>().ProcessAsync(
            new DossierRequest([new InputFile("empty.txt", Array.Empty<byte>())]));

        outcome.Dossier.ShouldBeNull();
        outcome.Result.Documents.ShouldBeEmpty();
        outcome.Result.Errors.Single().Code.ShouldBe(InputErrorCodes.Empty);
        outcome.Result.Form.Fields.Keys.ShouldBe(host.Get<FormSchema>().Keys, ignoreOrder: true);
        ContractFields.Required.ShouldBeSubsetOf(outcome.Result.Form.Fields.Keys);
        outcome.Result.Form.Fields.Values.ShouldAllBe(f => f.Status == FieldStatus.NotFound && f.State == FieldState.NotStated);
    }

    [Fact]
    public async Task Progress_reports_every_file_read_without_document_text()
    {
        using var host = new PipelineHost();
        var reports = new List<DossierProgress>();
        await host.Get<IDossierProcessor>().ProcessAsync(new DossierRequest(Files(Breast)), new SyncProgress(reports));

        reports.Count(r => r.Stage == "read").ShouldBe(Breast.Files.Count);
        reports.Where(r => r.FileName is not null).Select(r => r.FileName!)
            .ShouldBeSubsetOf(Breast.Files.Select(f => f.FileName));
    }

    // Progress<T> posts to the thread pool; the test needs the reports in hand when ProcessAsync returns.
    private sealed class SyncProgress(List<DossierProgress> sink) : IProgress<DossierProgress>
    {
        public void Report(DossierProgress value)
        {
            lock (sink)
            {
                sink.Add(value);
            }
        }
    }
}
