using MedSummary.Extraction.Rules;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Verification;

public sealed class DocumentDatesTests
{
    [Fact]
    public void A_british_letter_is_read_day_first_from_its_own_unambiguous_dates()
    {
        const string text = "Sample collected 20/09/2023. Grade 3 neutropenia on 12/10/2023.";

        DocumentDates.Infer(text).ShouldBe(NumericDateOrder.DayFirst);
        DocumentDates.Find(text, "en").Select(d => d.Iso).ShouldBe(["2023-09-20", "2023-10-12"]);
        DateExtractor.FindAll(text, "en")[1].Iso.ShouldBe("2023-12-10");
    }

    [Fact]
    public void A_us_report_is_read_month_first_even_when_labelled_french()
    {
        const string text = "CT on 02/15/2022; review 03/04/2022.";

        DocumentDates.Find(text, "fr").Select(d => d.Iso).ShouldBe(["2022-02-15", "2022-03-04"]);
    }

    [Fact]
    public void Without_evidence_the_fallback_order_then_the_language_decides()
    {
        const string text = "Seen on 03/04/2022.";

        DocumentDates.Find(text, "en").Single().Iso.ShouldBe("2022-03-04");
        DocumentDates.Find(text, "en", NumericDateOrder.DayFirst).Single().Iso.ShouldBe("2022-04-03");
        DocumentDates.Find(text, "en", NumericDateOrder.DayFirst).Single().DayMonthAmbiguous.ShouldBeFalse();
        DocumentDates.Find(text, "fr").Single().Iso.ShouldBe("2022-04-03");
    }

    [Theory]
    [InlineData("since 29-Sep-2023", "2023-09-29")]
    [InlineData("on 12-Oct-23", "2023-10-12")]
    public void Hyphenated_month_names_are_dates(string text, string iso)
    {
        DateExtractor.FindAll(text, "en").Single().Iso.ShouldBe(iso);
    }

    [Theory]
    [InlineData("Date of sampling: 2023-03-12", "2023-03-12")]
    [InlineData("Surgery on 2022-11-27.", "2022-11-27")]
    [InlineData("le 2021-02-31 puis 2021-02-28", "2021-02-28")]
    public void Iso_dates_keep_their_two_digit_days(string text, string iso)
    {
        DateExtractor.FindAll(text, "en").Last().Iso.ShouldBe(iso);
    }
}
