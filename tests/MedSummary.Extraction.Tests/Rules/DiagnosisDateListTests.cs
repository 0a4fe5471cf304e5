using MedSummary.Extraction.Rules;
using MedSummary.Testing.Documents;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class DiagnosisDateListTests
{
    [Fact]
    public void A_list_item_ending_with_a_diagnosis_word_does_not_take_the_next_items_date()
    {
        var document = TestDocuments.FromText(
            "Historique\n  - 25 octobre 2022 : prélèvement diagnostique\n  - 06/11/2022 : Scanner thoraco-abdomino-pelvien\n", "fr");

        new DiagnosisDateExtractor().Extract(document).Select(f => f.Normalized).ShouldNotContain("2022-11-06");
    }
}
