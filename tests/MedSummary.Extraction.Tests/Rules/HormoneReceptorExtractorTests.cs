using MedSummary.Core.Contract;
using MedSummary.Extraction.Rules;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class HormoneReceptorExtractorTests
{
    private const string Er = ContractFields.ErStatus;
    private const string Pr = ContractFields.PrStatus;
    private const string ErPct = ExtensionFields.ErPercent;
    private const string PrPct = ExtensionFields.PrPercent;
    private readonly HormoneReceptorExtractor _extractor = new();

    public static TheoryData<string, string, string, string, string> Stated => new()
    {
        { "ER: positive (90%)", "en", Er, "positive", "positive" },
        { "ER: positive (90%)", "en", ErPct, "90%", "90%" },
        { "RE : 80 % de cellules marquées, intensité forte", "fr", Er, "80 %", "positive" },
        { "RE : 80 % de cellules marquées, intensité forte", "fr", ErPct, "80 %", "80%" },
        { "Récepteurs aux œstrogènes positifs à 95%.", "fr", Er, "positifs", "positive" },
        { "Estrogen receptor negative (<1%).", "en", Er, "negative", "negative" },
        { "Estrogen receptor negative (<1%).", "en", ErPct, "<1%", "<1%" },
        { "Estrogen receptor: Allred score 7/8", "en", Er, "Allred score 7/8", "positive" },
        { "RP négatifs.", "fr", Pr, "négatifs", "negative" },
        { "PgR 0%", "en", Pr, "0%", "negative" },
        { "PgR 0%", "en", PrPct, "0%", "0%" },
        { "Invasive carcinoma, ER+/PR-", "en", Er, "+", "positive" },
        { "Invasive carcinoma, ER+/PR-", "en", Pr, "-", "negative" },
        { "ER/PR: positive", "en", Er, "positive", "positive" },
        { "ER/PR: positive", "en", Pr, "positive", "positive" },
        { "RE et RP positifs.", "fr", Er, "positifs", "positive" },
        { "RE et RP positifs.", "fr", Pr, "positifs", "positive" },
        { "ER/PR: 90%/80%", "en", Er, "90%", "positive" },
        { "ER/PR: 90%/80%", "en", PrPct, "80%", "80%" },
        { "Estrogen receptor (SP1): positive, 95% of tumour cells, strong intensity.", "en", Er, "positive", "positive" },
        { "Progesterone receptor: negative (0%).", "en", Pr, "negative", "negative" },
        { "ER 1-10% (low positive).", "en", Er, "low positive", "positive" },
        { "ER 1-10% (low positive).", "en", ErPct, "1-10%", "1-10%" },
        { "ER: weakly positive (5%).", "en", Er, "weakly positive", "positive" },
        { "Récepteurs à la progestérone : 30 %.", "fr", Pr, "30 %", "positive" },
        { "RO : positifs (100 %).", "fr", Er, "positifs", "positive" },
        { "Tumour is hormone receptor negative.", "en", Er, "hormone receptor negative", "negative" },
        { "Tumour is hormone receptor negative.", "en", Pr, "hormone receptor negative", "negative" },
        { "Triple negative breast cancer.", "en", Pr, "Triple negative", "negative" },
        { "ER: <1%", "en", Er, "<1%", "negative" },
        { "ER (clone 6F11): 70%", "en", Er, "70%", "positive" },
        { "Estrogen receptor status: Positive", "en", Er, "Positive", "positive" },
        { "ER positive in 90% of nuclei.", "en", Er, "positive", "positive" },
        { "PR: Allred 2/8", "en", Pr, "Allred 2/8", "negative" },
        { "RP : 0 %", "fr", Pr, "0 %", "negative" },
        { "ER negative, PR negative, HER2 positive.", "en", Er, "negative", "negative" },
        { "ER negative, PR negative, HER2 positive.", "en", Pr, "negative", "negative" },
        { "Récepteurs hormonaux : RE 90 %, RP 60 %.", "fr", Er, "90 %", "positive" },
        { "Récepteurs hormonaux : RE 90 %, RP 60 %.", "fr", Pr, "60 %", "positive" },
        { "ER (+), PR (-)", "en", Er, "(+)", "positive" },
        { "ER (+), PR (-)", "en", Pr, "(-)", "negative" },
        { "ERα: positive", "en", Er, "positive", "positive" },
        { "Oestrogen receptor positive.", "en", Er, "positive", "positive" },
        { "Récepteurs des œstrogènes : négatifs.", "fr", Er, "négatifs", "negative" },
        { "RE : 95 %, RP : 5 %", "fr", Pr, "5 %", "positive" },
        { "Estrogen receptor: Positive (Allred score 8)", "en", Er, "Positive", "positive" },
        { "ER: >90%", "en", ErPct, ">90%", ">90%" },
        { "PR: 10-20%", "en", Pr, "10-20%", "positive" },
        { "Progesterone receptors are negative.", "en", Pr, "negative", "negative" },
        { "ER: Negative (0%); PR: Negative (0%)", "en", Pr, "Negative", "negative" },
        { "ER positive (95%), PR positive (40%).", "en", PrPct, "40%", "40%" },
        { "ER/PR/HER2: +/+/-", "en", Pr, "+", "positive" },
        { "Récepteurs aux œstrogènes (RE) : 100 %", "fr", Er, "100 %", "positive" },
        { "PR 2,5 %", "fr", PrPct, "2,5 %", "2.5%" },
        // A receptor stated present in an open range under 10% is a low positive; its absence stays negative.
        { "Oestrogen receptors: detected in less than 10% of the invasive cells.", "en", Er, "less than 10%", "positive" },
        { "Progesterone receptors are expressed in less than 5% of tumour nuclei; no oestrogen receptors were detected.", "en", Pr, "less than 5%", "positive" },

        // A status written for the metastasis is not the primary tumour's.
        { "Breast primary: ER positive. Known ER negative nodal metastases.", "en", Er, "positive", "positive" },
    };

    public static TheoryData<string, string> NotStated => new()
    {
        { "ER: less than 10% of nuclei.", "en" },
        { "ER: pending.", "en" },
        { "ER and PR will be reported in an addendum.", "en" },
        { "If ER positive, endocrine therapy is recommended.", "en" },
        { "Her mother had ER-positive breast cancer.", "en" },
        { "ER: positive control adequate, tumour not assessable.", "en" },
        { "Seen in the ER yesterday with chest pain, CT negative.", "en" },
        { "Récepteurs hormonaux non faits.", "fr" },
        { "RE : non évaluable.", "fr" },
        { "PR interval 160 ms.", "en" },
        { "Best response: PR (partial response) at 3 months.", "en" },
        { "Hormone receptor positive disease.", "en" },
        { "ER status to follow.", "en" },
        { "RE : en cours.", "fr" },
        { "ER: equivocal.", "en" },
        { "PR 12 mg/day.", "en" },
        { "RP : à compléter.", "fr" },
        { "ER: not performed (negative control).", "en" },
        { "Estrogen receptor testing was not done.", "en" },
        { "Si RE positifs, hormonothérapie.", "fr" },
        { "Sa mère avait un cancer du sein RE positif.", "fr" },
        { "ER: <5%", "en" },
    };

    [Theory]
    [MemberData(nameof(Stated))]
    public void Reads_receptor_status_and_percentage(string text, string language, string key, string value, string normalized) =>
        FindingAssert.Finds(_extractor, text, language, key, value, normalized);

    [Theory]
    [MemberData(nameof(NotStated))]
    public void Reads_no_status_when_pending_hypothetical_or_ambiguous(string text, string language)
    {
        FindingAssert.FindsNothing(_extractor, text, language, Er);
        FindingAssert.FindsNothing(_extractor, text, language, Pr);
    }

    [Fact]
    public void A_percentage_that_contradicts_the_word_lowers_confidence_and_says_why()
    {
        var (_, consistent) = FindingAssert.Run(_extractor, "ER: positive (60%)", "en");
        var (_, contradictory) = FindingAssert.Run(_extractor, "ER: negative (5%)", "en");
        var kept = contradictory.Single(f => f.FieldKey == Er);
        kept.Normalized.ShouldBe("negative");
        kept.Note!.ShouldContain("1%");
        kept.Confidence.ShouldBeLessThan(consistent.Single(f => f.FieldKey == Er).Confidence);
    }

    [Fact]
    public void Low_positive_is_positive_with_a_note()
    {
        var (_, findings) = FindingAssert.Run(_extractor, "ER: 5%", "en");
        var er = findings.Single(f => f.FieldKey == Er);
        er.Normalized.ShouldBe("positive");
        er.Note!.ShouldContain("low positive");
    }
}
