using MedSummary.Core.Citations;
using MedSummary.Core.Provenance;
using MedSummary.Extraction.Verification;
using MedSummary.Testing.Documents;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Verification;

public sealed class SentenceSupportVerifierTests
{
    public static TheoryData<string, string> SupportedPairs => new()
    {
        // Dates in any spelling.
        { "Biopsy on 12 March 2023.", "biopsie du 12/03/2023" },
        { "Biopsy on March 12, 2023.", "Date of sampling: 2023-03-12" },
        { "Biopsie le 12 mars 2023.", "prélevé le 12.03.2023" },
        { "Started on 29 September 2023.", "since 29-Sep-2023" },
        { "Surgery on 2022-11-27.", "tumorectomie droite le 27 novembre 2022" },
        { "Symptoms since October 2022.", "premiers symptômes : 10/2022" },
        { "Symptoms since October 2022.", "Échographie du 19/10/2022" },
        { "Diagnosed in 2022.", "diagnostic histologique le 25 octobre 2022" },
        { "Seen on 1 March 2023.", "vue le 1er mars 2023" },

        // An ambiguous numeric date is read both ways.
        { "Imaging on 3 December 2023.", "scan 12/03/2023" },

        // Numbers as values.
        { "Haemoglobin 8.2 g/dL.", "Hémoglobine 8,2 g/dL" },
        { "Haemoglobin 8.20 g/dL.", "Hb 8,2 g/dL" },
        { "Neutrophils 0.81 G/L and platelets 53 G/L.", "PNN 0,81 G/L ; plaquettes 53 G/L" },
        { "Three courses: 3 cycles of docetaxel.", "docetaxel x3" },
        { "Radiotherapy 50 Gy in 25 fractions.", "50 Gy en 25 fractions" },

        // Codes and stage numerals.
        { "Tumour T1c N2a.", "Classification pathologique pT1cpN2a." },
        { "HER2 negative, Ki-67 10%.", "HER2 : négatif, Ki67 : 10 %" },
        { "Stage IIIA.", "Stade anatomique IIIA" },
        { "ECOG 1.", "performance status (ECOG) à 1" },

        // Drugs by canonical name.
        { "Carboplatin and pemetrexed.", "carboplatine-pémétrexed (4 cycles)" },
        { "Adjuvant trastuzumab.", "Herceptin adjuvant" },
        { "T-DM1 was started.", "trastuzumab emtansine débuté" },
        { "Letrozole since 2023.", "hormonothérapie par létrozole, initié le 23/07/2023" },
        { "Tamoxifen.", "tamoxifène 20 mg" },
        { "FEC100 x3 then docetaxel x3.", "FEC100 x3 puis docetaxel x3" },
        { "FOLFOX with bevacizumab.", "FOLFOX-bévacizumab" },

        // Names written in the quote (case and accents aside); words that start a sentence are not names.
        { "Seen at the Institut Curie for a second opinion.", "avis demandé à l'institut Curie" },
        { "Lumpectomy by Dr Martin.", "opérée par le Dr MARTIN" },
    };

    public static TheoryData<string, string, string> UnsupportedPairs => new()
    {
        { "Biopsy on 13 March 2023.", "biopsie du 12/03/2023", "13 March 2023" },
        { "Biopsy on 12 March 2023.", "biopsie en mars 2023", "12 March 2023" },
        { "Diagnosed in 2021.", "diagnostic en octobre 2022", "2021" },
        { "Haemoglobin 8.3 g/dL.", "Hémoglobine 8,2 g/dL", "8.3" },
        { "Platelets 530 G/L.", "plaquettes 53 G/L", "530" },
        { "Tumour pT2.", "Stage: pT1b, pN1mi.", "pT2" },
        { "Tumour T1.", "taille T12", "T1" },
        { "Stage IIB.", "Stade anatomique IIIA", "IIB" },
        { "Pembrolizumab was started.", "nivolumab débuté", "Pembrolizumab" },
        { "Trastuzumab emtansine.", "trastuzumab adjuvant", "Trastuzumab emtansine" },
        { "FOLFOX was given.", "FOLFIRI (12 cures)", "FOLFOX" },
        { "Cisplatin and vinorelbine.", "carboplatine-vinorelbine", "Cisplatin" },
        { "Treated at Clinique Pasteur.", "Traitement par FEC100", "Pasteur" },
        { "Referred by Dr Durand.", "adressée par le Dr Martin", "Durand" },
    };

    [Theory]
    [MemberData(nameof(SupportedPairs))]
    public void A_sentence_whose_facts_are_in_its_quote_is_supported(string sentence, string quote)
    {
        var support = SentenceSupportVerifier.Check(sentence, [quote]);

        support.IsSupported.ShouldBeTrue(support.Describe());
    }

    [Theory]
    [MemberData(nameof(UnsupportedPairs))]
    public void A_fact_absent_from_every_quote_is_reported_as_written(string sentence, string quote, string missing)
    {
        var support = SentenceSupportVerifier.Check(sentence, [quote]);

        support.IsSupported.ShouldBeFalse();
        support.MissingDates.Concat(support.MissingNumbers).Concat(support.MissingDrugs).Concat(support.MissingNames).ShouldContain(missing);
    }

    [Theory]
    [InlineData("The patient is doing well.")]
    [InlineData("Biopsy on 12 March 2023.")]
    public void A_sentence_with_nothing_cited_is_never_supported(string sentence)
    {
        SentenceSupportVerifier.Check(sentence, [""]).IsSupported.ShouldBeFalse();
        SentenceSupportVerifier.Check(sentence, "en", []).Describe().ShouldBe("no citation");
    }

    [Fact]
    public void Facts_may_come_from_different_quotes()
    {
        var support = SentenceSupportVerifier.Check(
            "Right lumpectomy on 27 November 2022, then FEC100 x3 from 29/12/2022 to 13/04/2023.",
            ["tumorectomie droite avec curage axillaire le 27 novembre 2022", "FEC100 x3 puis docetaxel x3 de 29/12/2022 à 13/04/2023"]);

        support.IsSupported.ShouldBeTrue(support.Describe());
    }

    [Fact]
    public void Each_kind_of_missing_fact_is_listed_in_its_own_place()
    {
        var support = SentenceSupportVerifier.Check("On 5 May 2023, paclitaxel 80 mg/m2 weekly.", ["docetaxel 75 mg/m2 le 04/05/2023"]);

        support.MissingDates.ShouldBe(["5 May 2023"]);
        support.MissingNumbers.ShouldBe(["80"]);
        support.MissingDrugs.ShouldBe(["paclitaxel"]);
        support.Describe().ShouldContain("drug(s): paclitaxel");
    }

    [Fact]
    public void Numbers_inside_dates_are_not_checked_as_numbers()
    {
        var support = SentenceSupportVerifier.Check("Seen on 12/03/2023.", ["consultation du 12 mars 2023"]);

        support.MissingNumbers.ShouldBeEmpty();
        support.IsSupported.ShouldBeTrue();
    }

    [Fact]
    public void A_sentence_is_checked_against_the_quotes_of_its_citations()
    {
        var document = TestDocuments.FromText("Bilan du 28/01/2023 : polynucléaires neutrophiles 0,81 G/L.", "fr");
        var citation = CitationFactory.Create(document, new TextSpan(0, document.Text.Length));

        SentenceSupportVerifier.Check("Neutrophils 0.81 G/L on 28 January 2023.", [citation]).IsSupported.ShouldBeTrue();
        SentenceSupportVerifier.Check("Neutrophils 0.18 G/L on 28 January 2023.", [citation]).MissingNumbers.ShouldBe(["0.18"]);
    }
}
