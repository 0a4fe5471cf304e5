using System.Xml.Linq;
using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;
using MedSummary.Pipeline.Reports;
using MedSummary.Testing.Documents;
using Shouldly;
using Xunit;

namespace MedSummary.Pipeline.Tests.Reports;

/// <summary>
/// The one report module (HTML and markdown): the dossier's language, identity first, alerts before the form, the form
/// by schema group with states, every citation landing on its passage and leading back, hostile text kept inert.
/// </summary>
public sealed class ReportTests
{
    [Fact]
    public void A_french_dossier_gets_a_french_fiche_with_identity_alerts_first_and_form_by_group()
    {
        var built = ReportFixtures.Dossier("fr");
        var page = ReportFixtures.Parse(HtmlReport.Write(built.Input));

        page.Root!.Attribute("lang")!.Value.ShouldBe("fr");
        page.Named("h2").Select(h => h.Value).ShouldBe(["Alertes", "Formulaire", "Chronologie", "Synthèse", "Sources"]);
        var order = page.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>()
            .Where(id => id is "identity" or "alerts" or "form" or "timeline" or "summary" or "sources").ToList();
        order.ShouldBe(["identity", "alerts", "form", "timeline", "summary", "sources"]);

        var identity = page.ById("identity");
        identity.ById("identity-name").Shown().ShouldStartWith("DUPONT Marie");
        identity.ById("identity-birth-date").Shown().ShouldStartWith("05/06/1961");
        identity.ById("identity-sex").Shown().ShouldStartWith("féminin");
        identity.ById("identity-id-1").Shown().ShouldStartWith("123456");
        identity.Named("dt").Select(d => d.Value).ShouldBe(["Nom", "Né(e) le", "Sexe", "IPP"]);

        // Groups as the schema orders them, labels and values in French.
        page.ById("form").Named("h3").Select(c => c.Value).ShouldBe(
            ReportFixtures.Schema.Groups.Select(g => g.Label.Fr).ToList());
        var er = page.ById("field-er_status");
        er.Named("th").Single().Value.ShouldBe("Récepteurs aux œstrogènes");
        er.Named("td").First().Value.ShouldBe("positif");
        er.Shown().ShouldContain("renseigné");
        page.ById("field-date_of_diagnosis").Named("td").First().Value.ShouldBe("12/03/2023");
        page.ById("field-primary_site").Shown().ShouldContain("non retrouvé dans les documents");
        page.ById("field-her2_status").Named("td").First().Value.ShouldBe("négatif / positif");
        page.ById("field-her2_status").Shown().ShouldContain("discordance entre documents");
        page.ById("field-pdl1_tps").Shown().ShouldContain("non recherché (sans modèle)");
        page.ById("field-ki67").Shown().ShouldContain("échec du modèle");

        // The banner says plainly what was not attempted and what failed.
        var banner = page.Descendants().Single(e => (string?)e.Attribute("class") == "banner").Shown();
        banner.ShouldContain("règles seules");
        banner.ShouldContain("Non recherchés");
        banner.ShouldContain("PD-L1 (TPS)");
        banner.ShouldContain("Échec du modèle : Ki-67");

        // Alerts: the critical one first, in French, built from the alert's members rather than its English message.
        var alerts = page.ById("alerts").Named("li").ToList();
        alerts.Select(a => (string?)a.Attribute("class")).ShouldBe(["sev-critical", "sev-warning"]);
        alerts[0].Shown().ShouldContain("Discordance");
        alerts[0].Shown().ShouldContain("Statut HER2 : les documents divergent (négatif / positif)");
        alerts[1].Shown().ShouldContain("Hémoglobine : 8,2 g/dL, valeur basse (20/03/2023)");
        page.Root.Value.ShouldNotContain("Documents disagree");

        page.ById("event-1").Shown().ShouldContain("biopsie");
        page.ById("event-1").Named("td").First().Value.ShouldBe("12/03/2023");
    }

    [Fact]
    public void An_english_dossier_gets_english_labels_values_and_dates_that_do_not_break()
    {
        var built = ReportFixtures.Dossier("en");
        var page = ReportFixtures.Parse(HtmlReport.Write(built.Input));

        page.Root!.Attribute("lang")!.Value.ShouldBe("en");
        page.Named("h2").Select(h => h.Value).ShouldBe(["Alerts", "Form", "Timeline", "Summary", "Sources"]);
        page.ById("field-er_status").Named("th").Single().Value.ShouldBe("Estrogen receptor status");
        page.ById("field-er_status").Named("td").First().Value.ShouldBe("positive");
        page.ById("field-primary_site").Shown().ShouldContain("not found in the documents");
        page.ById("field-date_of_diagnosis").Named("td").First().Value.ShouldBe("12\u00A0Mar\u00A02023");
        page.ById("identity-birth-date").Value.ShouldStartWith("5\u00A0Jun\u00A01961");
        page.ById("identity-sex").Value.ShouldStartWith("female");
        page.ById("form").Named("h3").First().Value.ShouldBe("Patient");
        page.ById("alerts").Named("li").First().Shown().ShouldContain("HER2 status: the documents disagree (negative / positive)");
        page.ById("alerts").Named("li").Last().Value.ShouldContain("Hemoglobin: 8.2 g/dL, low (20\u00A0Mar\u00A02023)");
    }

    [Fact]
    public void Without_a_stated_identity_the_report_says_so_and_invents_nothing()
    {
        var french = ReportFixtures.Parse(HtmlReport.Write(ReportFixtures.Dossier("fr", withPatient: false).Input));
        french.ById("identity").Shown().ShouldBe("Identité non indiquée dans les documents");

        var english = ReportFixtures.Parse(HtmlReport.Write(ReportFixtures.Dossier("en", withPatient: false).Input));
        english.ById("identity").Shown().ShouldBe("Identity not stated");
        english.Descendants().ShouldNotContain(e => ((string?)e.Attribute("id") ?? "").StartsWith("identity-", StringComparison.Ordinal));

        MarkdownReport.Write(ReportFixtures.Dossier("fr", withPatient: false).Input).ShouldContain("**Identité non indiquée dans les documents**");
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void Every_citation_link_lands_on_its_passage_in_context_which_leads_back_to_what_cites_it(string language)
    {
        var built = ReportFixtures.Dossier(language);
        var page = ReportFixtures.Parse(HtmlReport.Write(built.Input));

        var ids = page.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToList();
        ids.ShouldBeUnique();
        var sources = page.ById("sources").Named("li").ToList();
        sources.Count.ShouldBe(built.Citations.DistinctBy(c => (c.DocumentId, c.Start, c.End)).Count());
        foreach (var link in page.Named("a").Where(a => (string?)a.Attribute("class") == "cite"))
        {
            var target = page.ById(link.Attribute("href")!.Value.TrimStart('#'));
            target.Name.LocalName.ShouldBe("li");
            target.Ancestors().ShouldContain(a => (string?)a.Attribute("id") == "sources");
        }

        foreach (var citation in built.Citations)
        {
            var entry = sources.Single(s => s.Named("mark").Single().Value == citation.Quote);
            entry.Shown().ShouldContain(ReportText.For(language)["page"] + "\u00A0" + citation.Page);

            // The quote sits in its page's text, not alone.
            entry.Named("span").Single(s => (string?)s.Attribute("class") == "ctx").Value.Length.ShouldBeGreaterThan(citation.Quote.Length);

            // Every way back lands on an element that cites this very entry.
            var backs = entry.Named("a").ToList();
            backs.ShouldNotBeEmpty();
            foreach (var back in backs)
            {
                var cited = page.ById(back.Attribute("href")!.Value.TrimStart('#'));
                cited.Named("a").ShouldContain(a => (string?)a.Attribute("href") == "#" + (string?)entry.Attribute("id"));
            }
        }

        // Sources are grouped by document, in the dossier's order, numbered as they are listed.
        page.ById("sources").Named("h3").Select(h => h.Value).ShouldBe(built.Input.Result.Documents.Select(d => d.FileName));
        sources.Select(s => (string?)s.Attribute("id")).ShouldBe(Enumerable.Range(1, sources.Count).Select(n => $"cite-{n}"));
        page.ById("field-er_status").Named("a").ShouldNotBeEmpty();
    }

    [Fact]
    public void A_quote_is_shown_within_its_own_page_and_cut_at_word_boundaries()
    {
        var filler = string.Join(' ', Enumerable.Repeat("mot", 200));
        var document = TestDocuments.Create(["Première page sans rapport.", $"{filler} Conclusion : carcinome canalaire infiltrant, grade II. {filler}"], "fr", "cr.pdf");
        var start = document.Text.IndexOf("carcinome", StringComparison.Ordinal);
        var citation = CitationFactory.Create(document, new TextSpan(start, start + "carcinome canalaire infiltrant".Length));
        var result = new DossierResult
        {
            Documents = [new DocumentInfo(document.Id, document.FileName, 2, "x", "fr")],
            Summary = [new SummarySentence("Carcinome canalaire infiltrant.", [citation])],
        };

        var page = ReportFixtures.Parse(HtmlReport.Write(new ReportInput(result, ReportFixtures.Schema, new Dictionary<string, SourceDocument> { [document.Id] = document })));

        var context = page.ById("cite-1").Named("span").Single(s => (string?)s.Attribute("class") == "ctx").Value;
        context.ShouldStartWith("…mot ");
        context.ShouldEndWith(" mot…");
        context.ShouldContain("Conclusion : carcinome canalaire infiltrant, grade II.");
        context.ShouldNotContain("Première page");
        context.Length.ShouldBeLessThan((2 * ReportModel.ContextChars) + 40);
        page.ById("cite-1").Shown().ShouldContain("p.\u00A02");
    }

    [Fact]
    public void A_citation_whose_document_text_is_missing_shows_its_quote_alone_and_says_so()
    {
        var built = ReportFixtures.Dossier("fr");
        var page = ReportFixtures.Parse(HtmlReport.Write(built.Input with { Documents = new Dictionary<string, SourceDocument>() }));

        var entries = page.ById("sources").Named("li").ToList();
        entries.Select(e => e.Named("mark").Single().Value).Order(StringComparer.Ordinal)
            .ShouldBe(built.Citations.Select(c => c.Quote).Distinct().Order(StringComparer.Ordinal));
        entries.ShouldAllBe(e => e.Shown().Contains("texte du document indisponible"));
    }

    private const string Hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)> & <a href=\"https://evil.example\">x</a>\u0001";

    [Fact]
    public void Hostile_text_in_documents_values_and_file_names_is_encoded_never_markup()
    {
        var document = TestDocuments.Create(
            [$"Compte rendu. Latéralité : droite {Hostile} fin.", $"Page deux {Hostile}."], "fr", $"evil{Hostile}.pdf");
        var quoteStart = document.Text.IndexOf("<script>", StringComparison.Ordinal);
        var citation = CitationFactory.Create(document, new TextSpan(quoteStart, quoteStart + Hostile.Length));
        var secondStart = document.Text.IndexOf("<script>", document.Map.PageSpan(2).Start, StringComparison.Ordinal);
        var second = CitationFactory.Create(document, new TextSpan(secondStart, secondStart + 8));
        var result = new DossierResult
        {
            Documents = [new DocumentInfo(document.Id, document.FileName, 2, "abc", "fr")],
            Form = new FormResult
            {
                Fields = new Dictionary<string, FieldResult>
                {
                    [ContractFields.Laterality] = new() { Value = Hostile, Status = FieldStatus.Found, Confidence = 0.9, Citations = [citation] },
                    ["comorbidities"] = new() { Value = Hostile, Normalized = Hostile, Status = FieldStatus.Found, Confidence = 0.9, Citations = [second] },
                },
            },
            Timeline = [new TimelineEvent("2023-01-02", null, TimelineKinds.Surgery, Hostile, [citation, second])],
            Summary = [new SummarySentence(Hostile, [second])],
            Alerts = [new ClinicalAlert("unknown_kind", Hostile, [citation]) { Severity = "critical" }],
            Errors = [new InputError(Hostile, "E_X", Hostile)],
            Patient = new PatientIdentity { Name = new IdentityPart(Hostile, Hostile, [citation]) },
        };
        var input = new ReportInput(result, ReportFixtures.Schema, new Dictionary<string, SourceDocument> { [document.Id] = document }) { Subtitle = Hostile };

        var page = ReportFixtures.Parse(HtmlReport.Write(input));

        page.Descendants().Where(e => e.Name.LocalName is "script" or "img" or "iframe" or "object" or "link").ShouldBeEmpty();
        page.Descendants().Attributes().Where(a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase)).ShouldBeEmpty();
        page.Descendants().Attributes().Where(a => a.Name.LocalName is "href" or "src").ShouldAllBe(a => a.Value.StartsWith('#'));
        var shown = Hostile.Replace('\u0001', '\uFFFD');
        page.Named("mark").Select(m => m.Value).ShouldBe([citation.Quote.Replace('\u0001', '\uFFFD'), second.Quote]);
        page.ById("field-comorbidities").Named("td").First().Value.ShouldBe(shown);
        page.ById("identity-name").Value.ShouldStartWith(shown);
        page.ById("sources").Named("h3").Single().Value.ShouldBe($"evil{shown}.pdf");

        var markdown = MarkdownReport.Write(input);
        markdown.ShouldNotContain("<script>");
        markdown.ShouldNotContain("<img");
        markdown.ShouldContain("&lt;script&gt;");
    }

    [Fact]
    public void The_markdown_report_has_the_same_order_labels_and_anchors()
    {
        var built = ReportFixtures.Dossier("fr");
        var markdown = MarkdownReport.Write(built.Input);

        var headings = markdown.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)).Select(l => l[(l.IndexOf("</a>", StringComparison.Ordinal) + 4)..].Trim()).ToList();
        headings.ShouldBe(["Patient", "Alertes", "Formulaire", "Chronologie", "Synthèse", "Sources"]);
        markdown.ShouldContain("- <a id=\"identity-name\"></a>Nom : **DUPONT Marie**");
        markdown.ShouldContain("| <a id=\"field-er_status\"></a>Récepteurs aux œstrogènes | positif | renseigné |");
        markdown.ShouldContain("non retrouvé dans les documents");
        markdown.ShouldContain("> Non recherchés");

        // Every [n](#cite-n) has its anchor, and each entry links back.
        var model = ReportModel.Build(built.Input);
        foreach (var source in model.Sources.SelectMany(d => d.Sources))
        {
            markdown.ShouldContain($"(#{source.Anchor})");
            var line = markdown.Split('\n').Single(l => l.Contains($"<a id=\"{source.Anchor}\"></a>", StringComparison.Ordinal));
            line.ShouldContain("**" + source.Citation.Quote + "**");
            foreach (var use in source.Uses)
            {
                line.ShouldContain($"(#{use.Anchor})");
                markdown.ShouldContain($"<a id=\"{use.Anchor}\"></a>");
            }
        }
    }

    [Theory]
    [InlineData(new[] { "fr", "fr", "en" }, "fr")]
    [InlineData(new[] { "en", "en", "fr" }, "en")]
    [InlineData(new[] { "en", "fr" }, "fr")]
    [InlineData(new string[0], "fr")]
    public void The_report_language_is_the_dossier_majority_and_french_on_a_tie(string[] languages, string expected)
    {
        var result = new DossierResult { Documents = [.. languages.Select((l, i) => new DocumentInfo($"d{i}", $"f{i}.pdf", 1, "x", l))] };
        ReportModel.LanguageOf(result).ShouldBe(expected);
    }

    [Fact]
    public void Every_report_string_exists_in_french_and_english()
    {
        foreach (var (key, texts) in ReportText.AllText)
        {
            foreach (var language in ReportText.Languages)
            {
                texts.GetValueOrDefault(language).ShouldNotBeNullOrWhiteSpace($"'{key}' has no {language} text");
            }
        }

        foreach (var kind in typeof(TimelineKinds).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!))
        {
            ReportText.French.Find("kind." + kind).ShouldNotBeNull(kind);
        }

        foreach (var kind in typeof(AlertKinds).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!))
        {
            ReportText.French.Find("alert." + kind).ShouldNotBeNull(kind);
        }

        // Every normalized vocabulary value of the form reads French in a French report.
        var untranslated = ReportFixtures.Schema.Fields.SelectMany(f => f.Vocabulary).Select(v => v.Value).Distinct()
            .Where(v => v.Any(char.IsLower) && ReportText.French.Value(v) == v && v is not ("prostate" or "rectum")).ToList();
        untranslated.ShouldBeEmpty();
    }
}
