using MedSummary.Core.Contract;
using MedSummary.Extraction.Rules;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class Ki67ExtractorTests
{
    private const string Key = ContractFields.Ki67;
    private readonly Ki67Extractor _extractor = new();

    public static TheoryData<string, string, string, string> Stated => new()
    {
        { "Ki-67: 20%", "en", "20%", "20%" },
        { "Ki67 à 15 %.", "fr", "15 %", "15%" },
        { "Index de prolifération (Ki-67) : 30 %", "fr", "30 %", "30%" },
        { "MIB-1 10%", "en", "10%", "10%" },
        { "Ki-67 labeling index approximately 25%.", "en", "approximately 25%", "25%" },
        { "Ki67 10-15%.", "en", "10-15%", "10-15%" },
        { "Ki-67 <5%.", "en", "<5%", "<5%" },
        { "Ki-67 (MIB-1) proliferation index: 40%", "en", "40%", "40%" },
        { "Ki 67 : 2,5 %", "fr", "2,5 %", "2.5%" },
        { "Ki-67 estimated at 35%.", "en", "35%", "35%" },
        { "Taux de prolifération Ki67 évalué à 20 %.", "fr", "20 %", "20%" },
        { "MIB-1: ABOUT 12%", "en", "ABOUT 12%", "12%" },
        { "Ki-67 labelling index of 13.6%.", "en", "13.6%", "13.6%" },
        { "Ki67 : 80 % (élevé).", "fr", "80 %", "80%" },
        { "Index Ki-67 : 5 %.", "fr", "5 %", "5%" },
        { "Ki-67 proliferation rate 60%.", "en", "60%", "60%" },
        { "Ki-67: ~30%", "en", "~30%", "30%" },
        { "Ki-67 > 90%", "en", "> 90%", ">90%" },
        { "Ki-67 : 10 à 20 %.", "fr", "10 à 20 %", "10-20%" },
        { "Ki67 index: 1%", "en", "1%", "1%" },
        { "Ki-67 staining in 45% of tumour nuclei.", "en", "45%", "45%" },
        { "MIB1 index 3%.", "en", "3%", "3%" },
        { "Ki-67 (clone MIB-1): 15%", "en", "15%", "15%" },
        { "Proliferation index (Ki-67) 70%.", "en", "70%", "70%" },
        { "Indice de prolifération Ki67 : 8 %.", "fr", "8 %", "8%" },
        { "Ki-67 estimated at <1%.", "en", "<1%", "<1%" },
        { "Ki-67 approximately 20-30%.", "en", "approximately 20-30%", "20-30%" },
        { "Ki-67=50%", "en", "50%", "50%" },
        { "MIB-1 labeling: 5-10%.", "en", "5-10%", "5-10%" },
        { "Ki-67 30% (hot spot).", "en", "30%", "30%" },
        { "Ki67 positive in 40% of cells.", "en", "40%", "40%" },
        { "Ki-67 proliferative index 15%.", "en", "15%", "15%" },
        { "Ki-67 : 35 % des noyaux.", "fr", "35 %", "35%" },
        { "Ki-67 environ 25 %.", "fr", "environ 25 %", "25%" },
        { "Ki-67 : moins de 5 %.", "fr", "moins de 5 %", "<5%" },
        { "Ki-67 (SP6) 22 %", "fr", "22 %", "22%" },
        { "Ki-67 labeling index (hot spot): 18%", "en", "18%", "18%" },
        { "Ki-67:  3%", "en", "3%", "3%" },
        { "Ki67 : 60%, mitoses : 12/10 HPF", "fr", "60%", "60%" },
        { "Ki-67\n25%", "en", "25%", "25%" },
    };

    public static TheoryData<string, string> NotStated => new()
    {
        { "Ki-67 high.", "en" },
        { "Ki-67 pending.", "en" },
        { "Ki-67 not performed.", "en" },
        { "If Ki-67 > 20%, chemotherapy is advised.", "en" },
        { "Ki-67: see addendum.", "en" },
        { "MIB-1 staining is low.", "en" },
        { "Ki67 : en cours.", "fr" },
        { "Ki-67 non réalisé.", "fr" },
        { "Her mother's tumour had a Ki-67 of 40%.", "en" },
        { "Tumour cellularity 60%.", "en" },
        { "ER 90%", "en" },
        { "Ki-67 : non évaluable.", "fr" },
        { "Ki-67 index will be reported separately.", "en" },
        { "Ki-67 (MIB-1)", "en" },
        { "Ki67 élevé.", "fr" },
        { "Ki-67 120%", "en" },
        { "CD20 40%", "en" },
        { "p53 30%", "en" },
        { "Si Ki67 > 20 %, chimiothérapie.", "fr" },
        { "Ki-67 : voir compte rendu complémentaire.", "fr" },
    };

    [Theory]
    [MemberData(nameof(Stated))]
    public void Reads_proliferation_index(string text, string language, string value, string normalized) =>
        FindingAssert.Finds(_extractor, text, language, Key, value, normalized);

    [Theory]
    [MemberData(nameof(NotStated))]
    public void Reads_nothing_without_a_percentage_of_ki67(string text, string language) =>
        FindingAssert.FindsNothing(_extractor, text, language, Key);
}
