using System.Xml;
using System.Xml.Linq;
using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;
using MedSummary.Pipeline.Reports;
using MedSummary.Testing.Documents;
using Shouldly;
using Xunit;

namespace MedSummary.Pipeline.Tests;

/// <summary>The HTML report: well-formed, self-contained, every citation link lands on its passage, hostile text stays text.</summary>
public sealed class HtmlReportWriterTests(SampleOutcomes samples) : IClassFixture<SampleOutcomes>
{
    private const string Hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)> & <a href=\"https://evil.example\">x</a>\u0001";

    [Fact]
    public void Hostile_text_in_documents_values_and_file_names_is_encoded_never_markup()
    {
        var document = TestDocuments.Create(
            [$"Compte rendu. Latéralité : droite {Hostile} fin.", $"Page deux {Hostile}."], "fr", $"evil{Hostile}.pdf");
        var quoteStart = document.Text.IndexOf("<script>", StringComparison.Ordinal);
        var citation = CitationFactory.Create(document, new TextSpan(quoteStart, quoteStart + Hostile.Length));
        var pageTwo = document.Map.PageSpan(2);
        var secondStart = document.Text.IndexOf("<script>", pageTwo.Start, StringComparison.Ordinal);
        var second = CitationFactory.Create(document, new TextSpan(secondStart, secondStart + 8));
        var result = new DossierResult
        {
            Documents = [new DocumentInfo(document.Id, document.FileName, 2, "abc", "fr")],
            Form = new FormResult
            {
                Fields = new Dictionary<string, FieldResult>
                {
                    [ContractFields.Laterality] = new() { Value = Hostile, Status = FieldStatus.Found, Confidence = 0.9, Citations = [citation] },
                },
            },
            Timeline = [new TimelineEvent("2023-01-02", null, TimelineKinds.Surgery, Hostile, [citation, second])],
            Summary = [new SummarySentence(Hostile, [second])],
            Alerts = [new ClinicalAlert(AlertKinds.Contradiction, Hostile, [citation]) { Severity = "critical" }],
            Errors = [new InputError(Hostile, "E_X", Hostile)],
        };

        var html = HtmlReportWriter.Write(result, new Dictionary<string, SourceDocument> { [document.Id] = document }, Hostile);
        var page = Parse(html);

        page.Descendants().Where(e => e.Name.LocalName is "script" or "img" or "iframe" or "object" or "link").ShouldBeEmpty();
        page.Descendants().Attributes().Where(a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase)).ShouldBeEmpty();
        page.Descendants().Attributes().Where(a => a.Name.LocalName is "href" or "src").ShouldAllBe(a => a.Value.StartsWith('#'));

        // The hostile text is there, as text: in the field, the event, the sentence, the alert and the source passages.
        var texts = page.Descendants().Select(e => e.Value).ToList();
        var shown = Hostile.Replace('\u0001', '\uFFFD');
        texts.Count(t => t == shown).ShouldBeGreaterThanOrEqualTo(4);
        var marks = page.Descendants().Where(e => e.Name.LocalName == "mark").Select(m => m.Value).ToList();
        marks.ShouldBe([citation.Quote.Replace('\u0001', '\uFFFD'), second.Quote]);

        AssertLinksResolve(page, expectedSources: 2);
    }

    [Fact]
    public void A_quote_is_shown_in_its_surrounding_text_on_its_own_page()
    {
        var document = TestDocuments.Create(["Première page sans rapport.", "Conclusion : carcinome canalaire infiltrant, grade II. Suite du texte."], "fr", "cr.pdf");
        var start = document.Text.IndexOf("carcinome", StringComparison.Ordinal);
        var citation = CitationFactory.Create(document, new TextSpan(start, start + "carcinome canalaire infiltrant".Length));
        var result = new DossierResult { Summary = [new SummarySentence("Carcinome canalaire infiltrant.", [citation])] };

        var page = Parse(HtmlReportWriter.Write(result, new Dictionary<string, SourceDocument> { [document.Id] = document }));

        var source = page.Descendants().Single(e => (string?)e.Attribute("id") == "src-1");
        source.Value.ShouldContain("cr.pdf, page 2");
        var context = source.Descendants().Single(e => (string?)e.Attribute("class") == "context");
        context.Value.Trim().ShouldBe("Conclusion : carcinome canalaire infiltrant, grade II. Suite du texte.");
        context.Value.ShouldNotContain("Première page");
        context.Elements().Single(e => e.Name.LocalName == "mark").Value.ShouldBe("carcinome canalaire infiltrant");
    }

    [Theory]
    [InlineData("breast-fr")]
    [InlineData("lung-en")]
    public async Task A_sample_report_parses_and_every_citation_link_opens_its_passage(string sample)
    {
        var (outcome, _) = await samples.GetAsync(sample);
        var result = outcome.Result;
        var documents = outcome.Dossier.ShouldNotBeNull().DocumentsById;

        var page = Parse(HtmlReportWriter.Write(result, documents, sample));

        var citations = result.Form.Fields.Values.SelectMany(f => f.Citations)
            .Concat((result.Timeline ?? []).SelectMany(e => e.Citations))
            .Concat(result.Summary.SelectMany(s => s.Citations))
            .Concat(result.Alerts.SelectMany(a => a.Citations))
            .DistinctBy(c => (c.DocumentId, c.Start, c.End))
            .ToList();
        citations.ShouldNotBeEmpty();
        AssertLinksResolve(page, citations.Count);
        foreach (var heading in new[] { "Form", "Timeline", "Summary", "Alerts", "Sources" })
        {
            page.Descendants().ShouldContain(e => e.Name.LocalName == "h2" && e.Value == heading);
        }

        // Each passage highlights exactly its quote.
        var marks = page.Descendants().Where(e => e.Name.LocalName == "mark").Select(m => m.Value).ToList();
        marks.ShouldBe(citations.Select(c => c.Quote));

        var markdown = MarkdownReportWriter.Write(result);
        markdown.ShouldContain("## Timeline");
        markdown.ShouldContain("## Summary");
        markdown.ShouldContain(result.Timeline![0].Date);
    }

    private static void AssertLinksResolve(XDocument page, int expectedSources)
    {
        var ids = page.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToList();
        ids.ShouldBeUnique();
        var links = page.Descendants().Where(e => e.Name.LocalName == "a").Select(a => (string?)a.Attribute("href")).ToList();
        links.ShouldNotBeEmpty();
        foreach (var href in links)
        {
            href.ShouldNotBeNull().ShouldStartWith("#");
            ids.ShouldContain(href[1..]);
        }

        ids.Count(i => i.StartsWith("src-", StringComparison.Ordinal)).ShouldBe(expectedSources);
    }

    private static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }
}
