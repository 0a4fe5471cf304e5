using System.Text;
using MedSummary.Core.Chunks;
using MedSummary.Core.Documents;
using MedSummary.Ingestion.Chunking;
using MedSummary.Ingestion.Text;
using MedSummary.Testing.Pdf;
using Shouldly;
using Xunit;

namespace MedSummary.Ingestion.Tests.Chunking;

public sealed class SectionChunkerTests
{
    private static readonly string[] Headings =
    [
        "DIAGNOSIS", "CONCLUSION", "Antécédents", "Examen anatomopathologique :", "Histoire de la maladie",
        "Comptes rendus", "IMPRESSION", "FINAL DIAGNOSIS", "Microscopic description", "2. Examen clinique",
        "BILAN BIOLOGIQUE", "Traitement en cours :",
    ];

    private static readonly string[] Sentences =
    [
        "La patiente présente une masse du quadrant supéro-externe du sein gauche.",
        "Le carcinome canalaire infiltrant mesure vingt-deux millimètres sur la pièce.",
        "Les récepteurs aux œstrogènes sont positifs à 90 % et la progestérone à 40 %.",
        "HER2 est négatif avec un score de 1+ en immunohistochimie.",
        "The sentinel lymph node shows a micrometastasis of 1.5 mm without extracapsular extension.",
        "Aucune complication n'a été notée dans les suites opératoires immédiates.",
        "Ki-67 est évalué à 25 % dans les zones les plus prolifératives.",
        "A multidisciplinary discussion is planned next week.",
    ];

    private static (string Text, List<string> Titles) Generate(int seed, int sections)
    {
        var random = new Random(seed);
        var sb = new StringBuilder("Dossier de synthèse du patient, document généré pour les tests.\n\n");
        var titles = new List<string>();
        for (var s = 0; s < sections; s++)
        {
            var heading = Headings[random.Next(Headings.Length)];
            titles.Add(heading.TrimEnd(':', ' '));
            sb.Append(heading).Append('\n');
            var paragraphs = random.Next(1, 6);
            for (var p = 0; p < paragraphs; p++)
            {
                var count = random.Next(1, 12);
                for (var i = 0; i < count; i++)
                {
                    sb.Append(Sentences[random.Next(Sentences.Length)]).Append(random.Next(4) == 0 ? '\n' : ' ');
                }

                sb.Append("\n\n");
                if (random.Next(5) == 0)
                {
                    sb.Append('\f');
                }
            }
        }

        return (sb.ToString(), titles);
    }

    private static async Task<SourceDocument> TextDocument(string text) =>
        await new PlainTextReader().ReadAsync(new InputFile("dossier.txt", Encoding.UTF8.GetBytes(text)), CancellationToken.None);

    public static TheoryData<int, int, int> Sizes() => new()
    {
        { 1, 1200, 150 },
        { 2, 1200, 150 },
        { 3, 400, 100 },
        { 4, 200, 0 },
        { 5, 800, 400 },
        { 6, 1500, 200 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Chunks_are_exact_bounded_overlapping_and_cover_the_text(int seed, int maxChars, int overlap)
    {
        var (text, _) = Generate(seed, sections: 12);
        var document = await TextDocument(text);
        var options = new ChunkingOptions { MaxChars = maxChars, OverlapChars = overlap };

        var chunks = new SectionChunker(options).Chunk(document);

        AssertInvariants(document, chunks, options);
    }

    [Fact]
    public async Task Chunks_of_a_generated_pdf_keep_pages_and_spans()
    {
        var pdf = new TestPdf();
        for (var page = 1; page <= 4; page++)
        {
            var (text, _) = Generate(page, sections: 2);
            var lines = text.Split('\n').SelectMany(l => l.Length == 0 ? [""] : TestPdf.Wrap(l.Replace("\f", "", StringComparison.Ordinal), 460, 10)).Take(50).ToList();
            pdf.Page(p =>
            {
                var y = 780.0;
                foreach (var line in lines)
                {
                    if (line.Length > 0)
                    {
                        p.Text(60, y, line, 10);
                    }

                    y -= 13;
                }
            });
        }

        var document = await PdfFacts.ReadAsync(pdf.Build());
        var options = new ChunkingOptions { MaxChars = 500, OverlapChars = 80 };

        var chunks = new SectionChunker(options).Chunk(document);

        AssertInvariants(document, chunks, options);
        chunks.Select(c => c.PageStart).Distinct().Count().ShouldBe(4);
    }

    [Fact]
    public async Task Headings_start_sections_and_chunks_never_cross_them()
    {
        var (text, titles) = Generate(seed: 11, sections: 12);
        var document = await TextDocument(text);

        var chunks = new SectionChunker().Chunk(document);

        chunks[0].Section.ShouldBeNull();
        chunks.Where(c => c.Section is not null).Select(c => c.Section).Distinct().Order()
            .ShouldBe(titles.Distinct().Order());
        foreach (var title in titles.Distinct())
        {
            chunks.First(c => c.Section == title).Text.ShouldStartWith(title);
        }
    }

    [Theory]
    [InlineData("DIAGNOSIS", "DIAGNOSIS")]
    [InlineData("Final diagnosis:", "Final diagnosis")]
    [InlineData("Antécédents", "Antécédents")]
    [InlineData("Examen anatomopathologique", "Examen anatomopathologique")]
    [InlineData("Histoire de la maladie :", "Histoire de la maladie")]
    [InlineData("Microscopic description", "Microscopic description")]
    [InlineData("CONCLUSION : carcinome canalaire infiltrant", "CONCLUSION")]
    [InlineData("II) Discussion des options", "II) Discussion des options")]
    [InlineData("3.2 Bilan d'extension", "3.2 Bilan d'extension")]
    [InlineData("TRAITEMENT ADJUVANT PROPOSÉ", "TRAITEMENT ADJUVANT PROPOSÉ")]
    [InlineData("Allergies médicamenteuses :", "Allergies médicamenteuses")]
    [InlineData("La patiente va bien.", null)]
    [InlineData("ER POSITIVE: 90 %", null)]
    [InlineData("1. Prendre le traitement tous les jours, le matin.", null)]
    [InlineData("RE\tpositif\t90 %", null)]
    public void Recognises_headings(string line, string? title) =>
        SectionHeadings.TitleOf(line).ShouldBe(title);

    [Fact]
    public async Task A_heading_with_nothing_under_it_joins_the_next_section()
    {
        var document = await TextDocument("COMPTE RENDU\n\nCONCLUSION\nCarcinome canalaire infiltrant de grade II.");

        var chunk = new SectionChunker().Chunk(document).ShouldHaveSingleItem();

        chunk.Section.ShouldBe("CONCLUSION");
        chunk.Text.ShouldBe(document.Text);
    }

    [Theory]
    [InlineData(100, 10)]
    [InlineData(1000, 600)]
    [InlineData(1000, -1)]
    public void Invalid_options_are_refused(int maxChars, int overlap) =>
        Should.Throw<ArgumentException>(() => new SectionChunker(new ChunkingOptions { MaxChars = maxChars, OverlapChars = overlap }));

    private static void AssertInvariants(SourceDocument document, IReadOnlyList<Chunk> chunks, ChunkingOptions options)
    {
        chunks.ShouldNotBeEmpty();
        var covered = new bool[document.Text.Length];
        var sections = SectionChunker.FindSections(document.Text);
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            chunk.Index.ShouldBe(i);
            chunk.DocumentId.ShouldBe(document.Id);
            chunk.Id.ShouldBe(Chunk.MakeId(document.Id, i));
            chunk.Text.ShouldBe(document.Slice(chunk.Span));
            chunk.Text.Length.ShouldBeLessThanOrEqualTo(options.MaxChars);
            chunk.Text.Length.ShouldBeGreaterThan(0);
            char.IsWhiteSpace(chunk.Text[0]).ShouldBeFalse();
            char.IsWhiteSpace(chunk.Text[^1]).ShouldBeFalse();
            chunk.PageStart.ShouldBe(document.Map.PageAt(chunk.Span.Start));
            chunk.PageEnd.ShouldBe(document.Map.PageAt(chunk.Span.End - 1));
            sections.Count(s => s.Span.Contains(chunk.Span) && s.Title == chunk.Section).ShouldBe(1, "a chunk lies inside one section");

            for (var k = chunk.Span.Start; k < chunk.Span.End; k++)
            {
                covered[k] = true;
            }

            if (i > 0 && chunks[i - 1].Section == chunk.Section && chunks[i - 1].Span.End > chunk.Span.Start)
            {
                (chunks[i - 1].Span.End - chunk.Span.Start).ShouldBeLessThanOrEqualTo(options.OverlapChars);
            }

            if (i > 0)
            {
                chunk.Span.Start.ShouldBeGreaterThan(chunks[i - 1].Span.Start);
            }
        }

        for (var k = 0; k < covered.Length; k++)
        {
            if (!covered[k])
            {
                char.IsWhiteSpace(document.Text[k]).ShouldBeTrue($"character {k} ('{document.Text[k]}') is in no chunk");
            }
        }

        if (options.OverlapChars > 0)
        {
            var cutsInsideSections = chunks.Zip(chunks.Skip(1)).Where(p => p.First.Section == p.Second.Section
                && sections.Any(s => s.Span.Contains(p.First.Span) && s.Span.Contains(p.Second.Span))).ToList();
            cutsInsideSections.ShouldNotBeEmpty("the generated text must force cuts inside sections");
            cutsInsideSections.ShouldAllBe(p => p.Second.Span.Start < p.First.Span.End);
        }
    }
}
