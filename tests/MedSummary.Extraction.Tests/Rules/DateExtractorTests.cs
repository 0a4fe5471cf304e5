using MedSummary.Core.Contract;
using MedSummary.Extraction.Rules;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class DateExtractorTests
{
    public static TheoryData<string, string, string, string, bool> Dates => new()
    {
        { "Reçu le 2023-03-12.", "fr", "2023-03-12", "2023-03-12", false },
        { "Le 12/03/2023.", "fr", "12/03/2023", "2023-03-12", true },
        { "On 12/03/2023.", "en", "12/03/2023", "2023-12-03", true },
        { "Le 12.03.2023.", "fr", "12.03.2023", "2023-03-12", true },
        { "Seen 03/12/23.", "en", "03/12/23", "2023-03-12", true },
        { "Le 12 mars 2023.", "fr", "12 mars 2023", "2023-03-12", false },
        { "Depuis le 1er mars 2023.", "fr", "1er mars 2023", "2023-03-01", false },
        { "On March 12, 2023.", "en", "March 12, 2023", "2023-03-12", false },
        { "On 12 March 2023.", "en", "12 March 2023", "2023-03-12", false },
        { "Since Mar 2023.", "en", "Mar 2023", "2023-03", false },
        { "Depuis mars 2023.", "fr", "mars 2023", "2023-03", false },
        { "Depuis 03/2023.", "fr", "03/2023", "2023-03", false },
        { "On 25/12/2022.", "en", "25/12/2022", "2022-12-25", false },
        { "Le 12/25/2022.", "fr", "12/25/2022", "2022-12-25", false },
        { "Dated 2023/03/12.", "en", "2023/03/12", "2023-03-12", false },
        { "Le 5 janvier 2021.", "fr", "5 janvier 2021", "2021-01-05", false },
        { "Le 15 févr. 2020.", "fr", "15 févr. 2020", "2020-02-15", false },
        { "En août 2019.", "fr", "août 2019", "2019-08", false },
        { "Le 3 décembre 2018.", "fr", "3 décembre 2018", "2018-12-03", false },
        { "On December 3rd, 2018.", "en", "December 3rd, 2018", "2018-12-03", false },
        { "Since Sept. 2017.", "en", "Sept. 2017", "2017-09", false },
        { "Le 1 juin 2022.", "fr", "1 juin 2022", "2022-06-01", false },
        { "En juillet 2022.", "fr", "juillet 2022", "2022-07", false },
        { "In June 2021.", "en", "June 2021", "2021-06", false },
        { "On May 5, 2020.", "en", "May 5, 2020", "2020-05-05", false },
        { "Le 14-03-2023.", "fr", "14-03-2023", "2023-03-14", false },
        { "On 3/4/2021.", "en", "3/4/2021", "2021-03-04", true },
        { "Le 3/4/2021.", "fr", "3/4/2021", "2021-04-03", true },
        { "Le 01/01/2024.", "und", "01/01/2024", "2024-01-01", false },
        { "Le 02/03/2024.", "und", "02/03/2024", "2024-03-02", true },
    };

    /// <summary>Formats of other hospitals' systems and of OCR.</summary>
    public static TheoryData<string, string, string, string, bool> OtherFormats => new()
    {
        { "Specimen accessioned 05JAN2010 at 08:40.", "en", "05JAN2010", "2010-01-05", false },
        { "Collected 7feb11, received the same day.", "en", "7feb11", "2011-02-07", false },
        { "Frozen section 12-MAY-2019, permanent to follow.", "en", "12-MAY-2019", "2019-05-12", false },
        { "Scanner du 12 / 03 / 2019 sans particularité.", "fr", "12 / 03 / 2019", "2019-03-12", true },
        { "Scan dated 25 - 11 - 2018.", "en", "25 - 11 - 2018", "2018-11-25", false },
        { "Biopsy 2019-O3-12, core needle.", "en", "2019-O3-12", "2019-03-12", false },
        { "Prélèvement du l4/O3/2019.", "fr", "l4/O3/2019", "2019-03-14", false },
        { "First seen 2019-03 by the GP.", "en", "2019-03", "2019-03", false },
        { "Premiers symptômes : 03-2019.", "fr", "03-2019", "2019-03", false },
    };

    public static TheoryData<string, string> NotDates => new()
    {
        { "Le 31/02/2023.", "fr" },
        { "Section 1.2.3 of the protocol.", "en" },
        { "Lymph nodes 0/12 and 3/15.", "en" },
        { "Patients may 2020 protocols differ.", "en" },
        { "Ratio 2.4, score 3+4=7.", "en" },
        { "Dimensions 12 x 03 x 20 mm.", "fr" },
        { "Adjuvant trials 2008-10 enrolled 400 women.", "en" },
        { "Stage I-II-III grouping.", "en" },
        { "Diagnosed in mid-2018.", "en" },
        { "Le 31 février 2023.", "fr" },
        { "Accessioned 30FEB2020.", "en" },
    };

    [Theory]
    [MemberData(nameof(Dates))]
    [MemberData(nameof(OtherFormats))]
    public void Finds_dates_with_spans_and_iso_values(string text, string language, string written, string iso, bool ambiguous)
    {
        var mention = DateExtractor.FindAll(text, language).ShouldHaveSingleItem();
        mention.Text.ShouldBe(written);
        mention.Iso.ShouldBe(iso);
        mention.DayMonthAmbiguous.ShouldBe(ambiguous);
        text.Substring(mention.Span.Start, mention.Span.Length).ShouldBe(written);
    }

    [Theory]
    [MemberData(nameof(NotDates))]
    public void Finds_no_date_in_numbers_that_are_not_dates(string text, string language) =>
        DateExtractor.FindAll(text, language).ShouldBeEmpty();

    [Fact]
    public void Returns_every_date_in_text_order()
    {
        var dates = DateExtractor.FindAll("Biopsie le 12/03/2023, chirurgie le 20 avril 2023, contrôle en juin 2023.", "fr");
        dates.Select(d => d.Iso).ShouldBe(["2023-03-12", "2023-04-20", "2023-06"]);
        dates.Select(d => d.Precision).ShouldBe([DatePrecision.Day, DatePrecision.Day, DatePrecision.Month]);
    }
}

public sealed class DiagnosisDateExtractorTests
{
    private const string Key = ContractFields.DateOfDiagnosis;
    private readonly DiagnosisDateExtractor _extractor = new();

    public static TheoryData<string, string, string, string> Stated => new()
    {
        { "Date du prélèvement : 12/03/2023", "fr", "12/03/2023", "2023-03-12" },
        { "Biopsy performed on 03/12/2023.", "en", "03/12/2023", "2023-03-12" },
        { "Diagnostiqué en mars 2023.", "fr", "mars 2023", "2023-03" },
        { "Date of procedure: 2023-03-12", "en", "2023-03-12", "2023-03-12" },
        { "Biopsie réalisée le 12 mars 2023.", "fr", "12 mars 2023", "2023-03-12" },
        { "Diagnosed in 2019 with breast cancer.", "en", "2019", "2019" },
        { "Date of diagnosis: March 2021", "en", "March 2021", "2021-03" },
        { "Prélevé le 05/06/2022.", "fr", "05/06/2022", "2022-06-05" },
        { "Specimen collected: 2022-11-30", "en", "2022-11-30", "2022-11-30" },
        { "Collection date: 11/30/2022", "en", "11/30/2022", "2022-11-30" },
        { "Date de diagnostic : 14/02/2021", "fr", "14/02/2021", "2021-02-14" },
        { "Découverte en janvier 2020 d'un nodule du sein.", "fr", "janvier 2020", "2020-01" },
        { "Date of biopsy: 1 June 2022", "en", "1 June 2022", "2022-06-01" },
        { "Opérée le 3 avril 2023.", "fr", "3 avril 2023", "2023-04-03" },
        { "Initially diagnosed on 02/05/2019.", "en", "02/05/2019", "2019-02-05" },
        { "Date of surgery: 15 January 2020", "en", "15 January 2020", "2020-01-15" },
        { "Carcinome diagnostiqué le 02/05/2019.", "fr", "02/05/2019", "2019-05-02" },
        { "Date des prélèvements : 07/09/2021", "fr", "07/09/2021", "2021-09-07" },
        { "Procedure date: Sept. 2020", "en", "Sept. 2020", "2020-09" },
        { "Diagnostic posé en 2018.", "fr", "2018", "2018" },
    };

    /// <summary>Month-year and approximate diagnosis dates keep their precision: a month stays a month, "mid-2018" a year.</summary>
    public static TheoryData<string, string, string, string> Approximate => new()
    {
        { "Diagnosed in mid-2018 after a screening mammogram.", "en", "2018", "2018" },
        { "Diagnosed in the spring of 2020 in another hospital.", "en", "2020", "2020" },
        { "Carcinome diagnostiqué fin 2019 par son gynécologue.", "fr", "2019", "2019" },
        { "Tumeur diagnostiquée au printemps 2017.", "fr", "2017", "2017" },
        { "Date of diagnosis: 2019-03", "en", "2019-03", "2019-03" },
        { "Date de diagnostic : 03-2019", "fr", "03-2019", "2019-03" },
        { "Date of diagnosis: 05JAN2010", "en", "05JAN2010", "2010-01-05" },
        { "Biopsy performed on 2019-O3-12.", "en", "2019-O3-12", "2019-03-12" },
    };

    public static TheoryData<string, string> NotStated => new()
    {
        { "Date of birth: 12/03/1960", "en" },
        { "Received: 12/03/2023", "en" },
        { "Report signed on 14/03/2023.", "en" },
        { "Her mother was diagnosed in 2010.", "en" },
        { "Biopsy planned for 20/04/2023.", "en" },
        { "Né le 12/03/1960.", "fr" },
        { "Date d'édition : 15/03/2023", "fr" },
        { "Next appointment on 12 May 2023.", "en" },
        { "Date du compte rendu : 15/03/2023", "fr" },
        { "Sa sœur a été diagnostiquée en 2015.", "fr" },
        { "Si diagnostiqué en 2024, le protocole changera.", "fr" },
        { "Diagnosed with hypertension, on treatment.", "en" },
    };

    [Theory]
    [MemberData(nameof(Stated))]
    [MemberData(nameof(Approximate))]
    public void Reads_diagnosis_and_sampling_dates(string text, string language, string value, string normalized) =>
        FindingAssert.Finds(_extractor, text, language, Key, value, normalized);

    [Theory]
    [MemberData(nameof(NotStated))]
    public void Reads_no_date_of_birth_receipt_report_or_other_person(string text, string language) =>
        FindingAssert.FindsNothing(_extractor, text, language, Key);

    [Fact]
    public void Stated_and_sampling_dates_are_told_apart_and_ambiguity_costs_confidence()
    {
        var (_, findings) = FindingAssert.Run(_extractor, "Diagnosed on 2023-03-12. Biopsy performed on 03/02/2023.", "en");
        findings.Single(f => f.Normalized == "2023-03-12").Note.ShouldBe(DiagnosisDateExtractor.StatedNote);
        var sampling = findings.Single(f => f.Normalized == "2023-03-02");
        sampling.Note.ShouldBe(DiagnosisDateExtractor.ProcedureNote);
        sampling.Confidence.ShouldBeLessThan(findings.Single(f => f.Normalized == "2023-03-12").Confidence);
    }

    [Theory]
    [InlineData("Typed 27/09/2023. Seen 03/08/2023.", "en", false)]
    [InlineData("Typed 09/27/2023. Seen 03/08/2023.", "en", true)]
    [InlineData("Seen 03/08/2023.", "en", true)]
    [InlineData("Vu le 03/08/2023.", "fr", false)]
    [InlineData("Vu le 09/27/2023 puis le 03/08/2023.", "fr", true)]
    [InlineData("Typed 27/09/2023, amended 09/28/2023.", "en", true)]
    [InlineData("Typed 27/09/2023, amended 09/28/2023.", "fr", false)]
    [InlineData("Seen 2023-09-27 and 3 August 2023.", "en", true)]
    public void The_numeric_order_of_a_document_is_the_one_its_unambiguous_dates_show(string text, string language, bool monthFirst) =>
        DateExtractor.MonthFirst(text, language).ShouldBe(monthFirst);
}
