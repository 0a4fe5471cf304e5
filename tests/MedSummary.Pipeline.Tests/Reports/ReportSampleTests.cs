using MedSummary.Core.Contract;
using MedSummary.Pipeline.Reports;
using Microsoft.Playwright;
using Shouldly;
using UglyToad.PdfPig;
using Xunit;
using Xunit.Abstractions;

namespace MedSummary.Pipeline.Tests.Reports;

/// <summary>
/// The report of real pipeline runs (rules only) on a French and an English sample, read as XML and opened in
/// headless Chromium: no console error, every citation link lands on the element holding its quote (scrolled into
/// view) and leads back, the French fiche is French, and printing gives a PDF. Screenshots and PDFs are kept under
/// the test binaries' report-screens/ folder for a person to look at.
/// </summary>
public sealed class ReportSampleTests(SampleOutcomes samples, ITestOutputHelper output) : IClassFixture<SampleOutcomes>
{
    public static string ScreensFolder => Path.Combine(AppContext.BaseDirectory, "report-screens");

    [Theory]
    [InlineData("breast-fr", "fr")]
    [InlineData("lung-en", "en")]
    public async Task A_sample_report_is_in_the_dossier_language_and_every_citation_opens_its_passage(string sample, string language)
    {
        var input = await InputAsync(sample);
        var model = ReportModel.Build(input);
        var page = ReportFixtures.Parse(HtmlReport.Write(model));

        model.Text.Language.ShouldBe(language);
        var citations = Citations(input.Result).ToList();
        citations.ShouldNotBeEmpty();
        var sources = model.Sources.SelectMany(d => d.Sources).ToList();
        sources.Count.ShouldBe(citations.Count);
        foreach (var source in sources)
        {
            var entry = page.ById(source.Anchor);
            entry.Named("mark").Single().Value.ShouldBe(source.Citation.Quote);
            source.Before.ShouldNotBeNull($"{source.Anchor}: the passage is shown in context");
        }

        foreach (var href in page.Named("a").Select(a => a.Attribute("href")!.Value))
        {
            href.ShouldStartWith("#");
            page.ById(href[1..]);
        }

        var schema = ReportFixtures.Schema;
        foreach (var key in input.Result.Form.Fields.Keys)
        {
            page.ById(ReportModel.FieldAnchor(key)).Named("th").Single().Value.ShouldBe(schema.Field(key)!.Label.For(language));
        }

        var markdown = MarkdownReport.Write(model);
        markdown.ShouldContain(language == "fr" ? "## <a id=\"form\"></a>Formulaire" : "## <a id=\"form\"></a>Form");
        foreach (var source in sources)
        {
            markdown.ShouldContain($"<a id=\"{source.Anchor}\"></a>");
        }
    }

    [Theory]
    [InlineData("breast-fr", "fr")]
    [InlineData("lung-en", "en")]
    public async Task In_headless_chromium_the_report_has_no_error_every_citation_lands_on_its_quote_and_it_prints(string sample, string language)
    {
        var input = await InputAsync(sample);
        var model = ReportModel.Build(input);
        Directory.CreateDirectory(ScreensFolder);
        var file = Path.Combine(ScreensFolder, $"{sample}.html");
        await File.WriteAllTextAsync(file, HtmlReport.Write(model));

        await using var browser = await ReportBrowser.StartAsync();
        var page = browser.Page;
        await browser.OpenAsync(file);
        browser.Errors.ShouldBeEmpty();

        (await page.EvaluateAsync<string>("document.documentElement.lang")).ShouldBe(language);
        (await page.EvaluateAsync<string[]>("[...document.querySelectorAll('h2')].map(h => h.innerText)")).ShouldBe(language == "fr"
            ? ["Alertes", "Formulaire", "Chronologie", "Synthèse", "Sources"]
            : ["Alerts", "Form", "Timeline", "Summary", "Sources"]);
        (await page.EvaluateAsync<string[]>("[...document.querySelectorAll('table.form th[scope=row]')].map(h => h.innerText)"))
            .ShouldBe(ReportFixtures.Schema.Fields.Where(f => input.Result.Form.Fields.ContainsKey(f.Key)).Select(f => f.Label.For(language)));

        // Every citation link of the page names a numbered source, and every source is cited.
        var sources = model.Sources.SelectMany(d => d.Sources).ToDictionary(s => "#" + s.Anchor);
        var links = await page.EvaluateAsync<string[]>("[...new Set([...document.querySelectorAll('a.cite')].map(a => a.getAttribute('href')))]");
        links.ShouldNotBeEmpty();
        links.ShouldAllBe(h => sources.ContainsKey(h));
        sources.Keys.ShouldAllBe(h => links.Contains(h));

        foreach (var (hash, source) in sources)
        {
            // Clicking the first link to this source: the fragment becomes :target, scrolled into view.
            await page.Locator($"a.cite[href='{hash}']").First.ClickAsync();
            var landed = await page.EvaluateAsync<Landing?>("""
                () => {
                  const t = document.querySelector(':target');
                  if (!t) return null;
                  const r = t.getBoundingClientRect();
                  return { id: t.id, text: t.textContent, mark: t.querySelector('mark')?.textContent ?? null,
                           visible: r.bottom > 0 && r.top < innerHeight,
                           back: [...t.querySelectorAll('.back a')].map(a => a.getAttribute('href')) };
                }
                """);
            landed.ShouldNotBeNull($"{hash} lands nowhere");
            landed.Id.ShouldBe(source.Anchor);
            landed.Text.ShouldContain(source.Citation.Quote);
            landed.Mark.ShouldBe(source.Citation.Quote);
            landed.Visible.ShouldBeTrue($"{hash} is not scrolled into view");

            // And back: each way back lands on an element that cites this source.
            landed.Back.ShouldNotBeEmpty();
            foreach (var back in landed.Back)
            {
                await page.Locator($"li#{source.Anchor} .back a[href='{back}']").ClickAsync();
                var cites = await page.EvaluateAsync<string[]?>(
                    "() => { const t = document.querySelector(':target'); return t ? [...t.querySelectorAll('a.cite')].map(a => a.getAttribute('href')) : null; }");
                cites.ShouldNotBeNull($"{back} lands nowhere").ShouldContain(hash);
            }
        }

        browser.Errors.ShouldBeEmpty();

        var png = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Path = Path.Combine(ScreensFolder, $"{sample}.png") });
        png.AsSpan(0, 8).ToArray().ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });

        var pdf = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true, Path = Path.Combine(ScreensFolder, $"{sample}.pdf") });
        using (var document = PdfDocument.Open(pdf))
        {
            document.NumberOfPages.ShouldBeGreaterThanOrEqualTo(2);
            var first = document.GetPage(1);
            (first.Width / 72 * 25.4).ShouldBe(210, 1.0);
            (first.Height / 72 * 25.4).ShouldBe(297, 1.0);
            new string([.. first.Letters.SelectMany(l => l.Value).Where(c => !char.IsWhiteSpace(c))])
                .ShouldContain(language == "fr" ? "FicheRCP" : "Tumor-boardform");
        }

        browser.Errors.ShouldBeEmpty();
        output.WriteLine($"{sample}: {sources.Count} citations followed there and back; screenshot and PDF in {ScreensFolder}");
    }

    // Playwright fills results through a parameterless constructor and setters.
    private sealed class Landing
    {
        public string Id { get; set; } = "";

        public string Text { get; set; } = "";

        public string? Mark { get; set; }

        public bool Visible { get; set; }

        public string[] Back { get; set; } = [];
    }

    private async Task<ReportInput> InputAsync(string sample)
    {
        var (outcome, _) = await samples.GetAsync(sample);
        return new ReportInput(outcome.Result, ReportFixtures.Schema, outcome.Dossier.ShouldNotBeNull().DocumentsById) { Subtitle = sample };
    }

    private static IEnumerable<Citation> Citations(DossierResult result) =>
        result.Form.Fields.Values.SelectMany(f => f.Citations.Concat(f.Candidates?.SelectMany(c => c.Citations) ?? []).Concat(f.Items?.SelectMany(i => i.Citations) ?? []))
            .Concat((result.Timeline ?? []).SelectMany(e => e.Citations))
            .Concat(result.Summary.SelectMany(s => s.Citations))
            .Concat(result.Alerts.SelectMany(a => a.Citations))
            .Concat(Identity(result.Patient))
            .DistinctBy(c => (c.DocumentId, c.Start, c.End));

    private static IEnumerable<Citation> Identity(PatientIdentity? patient) =>
        patient is null
            ? []
            : new[] { patient.Name, patient.BirthDate, patient.Sex }.OfType<IdentityPart>().Concat(patient.Identifiers).SelectMany(p => p.Citations);
}
