using MedSummary.Extraction.Rules;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class MenopausalStatusExtractorTests
{
    private const string Key = ExtensionFields.MenopausalStatus;
    private readonly MenopausalStatusExtractor _extractor = new();

    public static TheoryData<string, string, string, string> Stated => new()
    {
        { "Patiente ménopausée depuis 2015.", "fr", "ménopausée depuis 2015", "postmenopausal" },
        { "Patiente non ménopausée, G2P2.", "fr", "non ménopausée", "premenopausal" },
        { "A 62-year-old postmenopausal woman.", "en", "postmenopausal", "postmenopausal" },
        { "She is premenopausal with regular cycles.", "en", "premenopausal", "premenopausal" },
        { "Statut ménopausique : ménopausée.", "fr", "ménopausée", "postmenopausal" },
        { "Menopausal status: post", "en", "Menopausal status: post", "postmenopausal" },
        { "Menopausal status: pre", "en", "Menopausal status: pre", "premenopausal" },
        { "Patiente en préménopause.", "fr", "en préménopause", "premenopausal" },
        { "Ménopause à 52 ans.", "fr", "Ménopause à 52 ans", "postmenopausal" },
        { "Menopause at age 50.", "en", "Menopause at age 50", "postmenopausal" },
        { "Perimenopausal, irregular cycles.", "en", "Perimenopausal", "perimenopausal" },
        { "Patiente périménopausée.", "fr", "périménopausée", "perimenopausal" },
        { "Post-menopausal since 2012.", "en", "Post-menopausal", "postmenopausal" },
        { "Not yet menopausal.", "en", "Not yet menopausal", "premenopausal" },
        { "Pas encore ménopausée.", "fr", "Pas encore ménopausée", "premenopausal" },
        { "Femme post-ménopausique de 70 ans.", "fr", "post-ménopausique", "postmenopausal" },
        { "Antécédents : ménopause à 49 ans, HTA.", "fr", "ménopause à 49 ans", "postmenopausal" },
        { "Pre-menopausal patient.", "en", "Pre-menopausal", "premenopausal" },
        { "She is menopausal.", "en", "She is menopausal", "postmenopausal" },
        { "Statut hormonal : pré", "fr", "Statut hormonal : pré", "premenopausal" },
        { "Mme L., 47 ans, non ménopausée, consulte pour un nodule.", "fr", "non ménopausée", "premenopausal" },
        { "This postmenopausal lady presented with a palpable lump.", "en", "postmenopausal", "postmenopausal" },
        { "Patiente ménopausée, sans traitement hormonal substitutif.", "fr", "ménopausée", "postmenopausal" },
        { "Premenopausal woman, last menstrual period two weeks ago.", "en", "Premenopausal", "premenopausal" },
        { "Menopausal status: postmenopausal", "en", "postmenopausal", "postmenopausal" },
        { "Statut ménopausique : non ménopausée", "fr", "non ménopausée", "premenopausal" },
        { "Woman of 39, pre-menopausal.", "en", "pre-menopausal", "premenopausal" },
        { "Patiente de 58 ans, ménopausée depuis l'âge de 51 ans.", "fr", "ménopausée depuis l'âge de 51 ans", "postmenopausal" },
    };

    public static TheoryData<string, string> Nothing => new()
    {
        { "A maternal aunt reportedly had post-menopausal breast cancer.", "en" },
        { "If premenopausal, ovarian suppression is added.", "en" },
        { "Statut ménopausique : pré / péri / post-ménopause", "fr" },
        { "Menopausal status: premenopausal / postmenopausal", "en" },
        { "Sa sœur, ménopausée, a été traitée.", "fr" },
        { "En cas de patiente non ménopausée, discuter la suppression ovarienne.", "fr" },
        { "Menopausal status:", "en" },
        { "Menopausal status: unknown", "en" },
        { "She is not postmenopausal? To be checked.", "en" },
        { "Hormone therapy for menopause symptoms.", "en" },
        { "Her mother, postmenopausal at the time, had a mastectomy.", "en" },
        { "Should she be premenopausal, an LHRH agonist will be discussed.", "en" },
        { "Statut ménopausique : à préciser", "fr" },
        { "Menopausal status: pre / peri / post", "en" },
    };

    [Theory]
    [MemberData(nameof(Stated))]
    public void Reads_the_menopausal_status(string text, string language, string value, string normalized) =>
        FindingAssert.Finds(_extractor, text, language, Key, value, normalized);

    [Theory]
    [MemberData(nameof(Nothing))]
    public void Reads_nothing_from_relatives_conditions_choices_or_blanks(string text, string language) =>
        FindingAssert.FindsNothing(_extractor, text, language, Key);
}
