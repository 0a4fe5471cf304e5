using MedSummary.Ingestion.Pdf;
using MedSummary.Testing.Pdf;
using Shouldly;
using Xunit;

namespace MedSummary.Ingestion.Tests.Pdf;

public sealed class HyphenationTests
{
    [Theory]
    [InlineData("carci-", "nome", HyphenDecision.Repair)]
    [InlineData("immunohisto-", "chimique", HyphenDecision.Repair)]
    [InlineData("anti-", "HER2", HyphenDecision.KeepHyphen)]
    [InlineData("Ki-", "67", HyphenDecision.KeepHyphen)]
    [InlineData("HER2-", "positive", HyphenDecision.KeepHyphen)]
    [InlineData("PD-", "L1", HyphenDecision.KeepHyphen)]
    [InlineData("c'est-à-", "dire", HyphenDecision.KeepHyphen)]
    [InlineData("non-", "fumeur", HyphenDecision.KeepHyphen)]
    [InlineData("peut-", "être", HyphenDecision.KeepHyphen)]
    [InlineData("follow-", "up", HyphenDecision.KeepHyphen)]
    [InlineData("T-", "cell", HyphenDecision.KeepHyphen)]
    [InlineData("2015-", "2018", HyphenDecision.KeepHyphen)]
    [InlineData("tumeur\u00AD", "ectomie", HyphenDecision.Repair)]
    [InlineData("-", "suite", HyphenDecision.NotHyphenated)]
    [InlineData("conclusion", "suite", HyphenDecision.NotHyphenated)]
    [InlineData("fin-", "(voir)", HyphenDecision.NotHyphenated)]
    public void Decides_by_the_parts_around_the_hyphen(string before, string after, HyphenDecision expected) =>
        Hyphenation.Decide(before, after).ShouldBe(expected);

    [Fact]
    public async Task Line_end_hyphens_are_repaired_or_kept_and_every_character_keeps_its_glyph()
    {
        string[] lines =
        [
            "Le prélèvement montre un carci-",
            "nome canalaire infiltrant, anti-",
            "HER2 et Ki-",
            "67 à 20 %, tumeur HER2-",
            "positive, c'est-à-",
            "dire non-",
            "fumeur. Conclusion -",
            "rien à signaler.",
        ];
        var pdf = new TestPdf().Page(p => p.Lines(72, 700, lines, 11, 15)).Build();

        var document = await PdfFacts.ReadAsync(pdf);

        document.Text.ShouldBe(
            "Le prélèvement montre un carcinome canalaire infiltrant, anti-HER2 et Ki-67 à 20 %, tumeur HER2-positive, " +
            "c'est-à-dire non-fumeur. Conclusion -\nrien à signaler.");

        // "carcinome": "carci" lies on the first line where the test wrote it, "nome" at the start of the second.
        var at = PdfFacts.SingleIndexOf(document.Text, "carcinome");
        var c = document.Map.BoxAt(at)!.Value;
        var expectedLeft = 72 + TestPdf.Measure("Le prélèvement montre un ", 11);
        c.Left.ShouldBe(expectedLeft, 1.0);
        c.Bottom.ShouldBeGreaterThan(700 - 3);
        c.Top.ShouldBeLessThan(700 + 11);
        var n = document.Map.BoxAt(at + 5)!.Value;
        n.Left.ShouldBe(72, 1.0);
        n.Bottom.ShouldBeGreaterThan(685 - 3);
        n.Top.ShouldBeLessThan(685 + 11);
        document.Map.PageAt(at).ShouldBe(1);

        // Exactly one repaired hyphen ("carci-") was dropped; every other glyph is one canonical character with its box.
        var raw = PdfFacts.RawLetters(pdf)[0];
        CharMapAssert.EveryBoxedCharacterIsItsGlyph(document, 1, raw, expectedDroppedGlyphs: ["-"]);
    }
}
