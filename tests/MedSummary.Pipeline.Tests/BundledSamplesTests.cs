using System.Globalization;
using System.Text;
using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Ingestion;
using MedSummary.Pipeline.Processing;
using MedSummary.Testing;
using Shouldly;
using Xunit;

namespace MedSummary.Pipeline.Tests;

/// <summary>The committed samples, through the real pipeline: every citation of every output holds.</summary>
public sealed class BundledSamplesTests
{
    public static TheoryData<string> SampleDossiers()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(RepoPaths.Samples).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SampleDossiers))]
    public async Task Every_citation_of_a_sample_output_is_its_source_text_on_its_page(string sample)
    {
        var dir = Path.Combine(RepoPaths.Samples, sample);
        var files = new List<InputFile>();
        foreach (var path in Directory.EnumerateFiles(dir).Where(p => !p.EndsWith("truth.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            files.Add(await InputFile.FromPathAsync(path));
        }

        using var host = new PipelineHost();
        var outcome = await host.Get<IDossierProcessor>().ProcessAsync(new DossierRequest(files));

        outcome.Result.Errors.ShouldBeEmpty();
        outcome.Verification.Clean.ShouldBeTrue("the verification gate had to remove citations");
        var documents = outcome.Dossier.ShouldNotBeNull().DocumentsById;
        CitationVerifier.VerifyAll(outcome.Result, documents).ShouldBeEmpty();

        var citations = outcome.Result.Form.Fields.Values.SelectMany(f => f.Citations)
            .Concat(outcome.Result.Summary.SelectMany(s => s.Citations))
            .Concat(outcome.Result.Alerts.SelectMany(a => a.Citations))
            .ToList();
        citations.ShouldNotBeEmpty();
        foreach (var citation in citations)
        {
            var document = documents[citation.DocumentId];
            document.Text[citation.Start..citation.End].ShouldBe(citation.Quote);
            document.Map.PageAt(citation.Start).ShouldBe(citation.Page);
            document.Map.PageAt(Math.Max(citation.Start, citation.End - 1)).ShouldBe(citation.Page);
        }

        // A found value is read from its quotes: the value as written appears in at least one of them.
        foreach (var (key, field) in outcome.Result.Form.Fields.Where(f => f.Value.Status == FieldStatus.Found))
        {
            field.Citations.ShouldContain(c => Fold(c.Quote).Contains(Fold(field.Value!), StringComparison.Ordinal), key);
        }
    }

    [Fact]
    public async Task The_lung_samples_metastatic_sites_are_found_and_cited_without_a_model()
    {
        var dir = Path.Combine(RepoPaths.Samples, "lung-en");
        var files = new List<InputFile>();
        foreach (var path in Directory.EnumerateFiles(dir, "*.pdf").Order(StringComparer.Ordinal))
        {
            files.Add(await InputFile.FromPathAsync(path));
        }

        using var host = new PipelineHost();
        var outcome = await host.Get<IDossierProcessor>().ProcessAsync(new DossierRequest(files));

        var sites = outcome.Result.Form.Fields["metastatic_sites"];
        sites.Status.ShouldBe(FieldStatus.Found);
        sites.State.ShouldBe(FieldState.Stated);
        sites.Normalized.ShouldBe("liver");
        sites.Items.ShouldNotBeNull().ShouldHaveSingleItem().Citations.ShouldNotBeEmpty();
        sites.Citations.ShouldAllBe(c => c.Quote.Contains("metasta", StringComparison.OrdinalIgnoreCase));
        outcome.Result.Form.Fields["age_at_diagnosis"].Normalized.ShouldBe("75");
        outcome.Result.Form.Fields["sex"].Normalized.ShouldBe("male");
    }

    private static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            sb.Append(char.IsWhiteSpace(c) ? ' ' : char.ToLowerInvariant(c));
        }

        return string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
