using MedSummary.Ingestion.Language;
using Shouldly;
using Xunit;

namespace MedSummary.Ingestion.Tests.Text;

public sealed class LanguageDetectorTests
{
    [Theory]
    [InlineData("La patiente a été opérée le 3 mars pour un carcinome du sein gauche. Les suites sont simples et le traitement est bien toléré.", "fr")]
    [InlineData("The patient was seen in clinic for a mass of the left breast. There is no history of cancer in the family and the biopsy was benign.", "en")]
    [InlineData("HER2 3+ ; Ki67 20 % ; pT2 N1a M0", "und")]
    [InlineData("", "und")]
    public void Detects_french_english_or_undetermined(string text, string expected) =>
        LanguageDetector.Detect(text).ShouldBe(expected);

    [Fact]
    public void An_even_mix_is_undetermined()
    {
        var text = "La patiente est suivie pour le sein gauche et le bilan. The patient is followed for the left breast and the work-up.";

        LanguageDetector.Detect(text).ShouldBe("und");
    }
}
