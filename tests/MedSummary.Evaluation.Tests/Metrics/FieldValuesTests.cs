using MedSummary.Evaluation.Metrics;
using Shouldly;
using Xunit;

namespace MedSummary.Evaluation.Tests.Metrics;

public sealed class FieldValuesTests
{
    [Theory]
    [InlineData("T2", "t2")]
    [InlineData("invasive ductal carcinoma", "  Invasive   Ductal\ncarcinoma ")]
    [InlineData("3+4=7", "3 + 4 = 7")]
    [InlineData("20%", "20 %")]
    [InlineData("2023-03-14", "2023-03-14")]
    [InlineData("msi-h", "MSI-H")]
    public void Same_values_under_case_and_spacing(string expected, string actual) =>
        FieldValues.Same(expected, actual).ShouldBeTrue();

    [Theory]
    [InlineData("T2", "pT2")]
    [InlineData("T2", "T2a")]
    [InlineData("G2", "grade 2")]
    [InlineData("2023-03-14", "2023-03-15")]
    [InlineData("invasive ductal carcinoma", "invasiveductal carcinoma")]
    [InlineData("T2", "")]
    [InlineData("T2", null)]
    public void Different_values_stay_different(string expected, string? actual) =>
        FieldValues.Same(expected, actual).ShouldBeFalse();

    [Fact]
    public void Sets_compare_in_any_order_and_none_is_the_empty_set()
    {
        FieldValues.SameSet(["liver", "bone"], "Bone, liver").ShouldBeTrue();
        FieldValues.SameSet(["liver", "bone"], "bone; liver | bone").ShouldBeTrue();
        FieldValues.SameSet(["liver", "bone"], "bone").ShouldBeFalse();
        FieldValues.SameSet(["liver"], "liver, lung").ShouldBeFalse();
        FieldValues.SameSet([], "none").ShouldBeTrue();
        FieldValues.SameSet([], "").ShouldBeTrue();
        FieldValues.SameSet([], "bone").ShouldBeFalse();
    }

    [Fact]
    public void A_quote_contains_the_raw_value_ignoring_case_and_line_breaks()
    {
        FieldValues.QuoteContains("Grade histopronostique : grade\n2 (SBR)", "grade 2").ShouldBeTrue();
        FieldValues.QuoteContains("Nottingham grade II", "grade 2").ShouldBeFalse();
        FieldValues.QuoteContains("anything", null).ShouldBeFalse();
        FieldValues.QuoteContains("anything", "  ").ShouldBeFalse();
    }

    [Fact]
    public void Truncation_keeps_short_text_and_cuts_long_text_with_an_ellipsis()
    {
        FieldValues.Truncate("short\ntext", 20).ShouldBe("short text");
        var cut = FieldValues.Truncate(new string('a', 100), 10);
        cut.Length.ShouldBe(10);
        cut.ShouldEndWith("…");
        FieldValues.Truncate(null).ShouldBe("");
    }
}
