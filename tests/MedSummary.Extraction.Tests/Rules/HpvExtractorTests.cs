using MedSummary.Extraction.Rules;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class HpvExtractorTests
{
    private const string Hpv = ExtensionFields.HpvStatus;
    private const string P16 = ExtensionFields.P16Status;
    private readonly HpvExtractor _extractor = new();

    /// <summary>text, language, value as written, normalized HPV status.</summary>
    public static TheoryData<string, string, string, string> HpvStated => new()
    {
        { "HPV: positive.", "en", "positive", "positive" },
        { "HPV 16 DNA detected by PCR.", "en", "detected", "positive" },
        { "High-risk HPV ISH: negative.", "en", "negative", "negative" },
        { "HPV-associated squamous cell carcinoma of the oropharynx.", "en", "associated", "positive" },
        { "HPV-negative oropharyngeal carcinoma.", "en", "negative", "negative" },
        { "Tumour positive for HPV by in situ hybridisation.", "en", "positive", "positive" },
        { "Negative for high-risk HPV.", "en", "Negative", "negative" },
        { "No HPV DNA detected.", "en", "detected", "negative" },
        { "HPV-independent squamous carcinoma of the vulva.", "en", "independent", "negative" },
        { "HPV status: not detected.", "en", "not detected", "negative" },
        { "HPV+ tonsil carcinoma.", "en", "+", "positive" },
        { "HPV testing (PCR) was positive for type 16.", "en", "positive", "positive" },
        { "Test HPV HR par PCR : négatif.", "fr", "négatif", "negative" },
        { "Carcinome épidermoïde HPV-induit de l'amygdale.", "fr", "induit", "positive" },
        { "HPV 16 détecté.", "fr", "détecté", "positive" },
        { "Papillomavirus humain à haut risque : positif.", "fr", "positif", "positive" },
        { "Carcinome lié à l'HPV.", "fr", "lié", "positive" },
        { "Carcinome indépendant de l'HPV.", "fr", "indépendant", "negative" },
        { "ADN d'HPV : non détecté.", "fr", "non détecté", "negative" },
        { "Statut HPV : négatif.", "fr", "négatif", "negative" },
        { "Pas d'HPV détecté par génotypage.", "fr", "détecté", "negative" },
        { "Génotypage HPV : HPV 16 positif.", "fr", "positif", "positive" },
    };

    /// <summary>text, language, value as written, normalized p16 status.</summary>
    public static TheoryData<string, string, string, string> P16Stated => new()
    {
        { "p16 positive (block staining).", "en", "positive", "positive" },
        { "p16 IHC: negative.", "en", "negative", "negative" },
        { "p16-positive squamous cell carcinoma.", "en", "positive", "positive" },
        { "Strong and diffuse p16 expression.", "en", "Strong and diffuse", "positive" },
        { "Diffuse and strong staining for p16.", "en", "Diffuse and strong staining", "positive" },
        { "p16 immunostaining shows block-type positivity.", "en", "block-type", "positive" },
        { "p16INK4a: overexpressed.", "en", "overexpressed", "positive" },
        { "Positive for p16.", "en", "Positive", "positive" },
        { "p16 is negative.", "en", "negative", "negative" },
        { "Surexpression de p16.", "fr", "Surexpression", "positive" },
        { "p16 : positif en bloc.", "fr", "positif", "positive" },
        { "Immunomarquage p16 négatif.", "fr", "négatif", "negative" },
        { "Expression en bloc de la protéine p16.", "fr", "Expression en bloc", "positive" },
        { "Absence de surexpression de p16.", "fr", "surexpression", "negative" },
        { "p16 : marquage diffus et intense.", "fr", "diffus et intense", "positive" },
        { "Positivité pour p16.", "fr", "Positivité", "positive" },
        { "p16 négatif, HPV non recherché.", "fr", "négatif", "negative" },
    };

    public static TheoryData<string, string> NothingStated => new()
    {
        { "HPV vaccination completed in 2015.", "en" },
        { "Vaccin anti-HPV à jour (HPV 9-valent, positif pour l'adhésion).", "fr" },
        { "HPV testing requested.", "en" },
        { "Recherche d'HPV en attente.", "fr" },
        { "If HPV-positive, de-escalation may be considered.", "en" },
        { "Si p16 positif, rechercher HPV par PCR.", "fr" },
        { "Her mother had HPV-positive cervical cancer.", "en" },
        { "p16: positive / negative", "en" },
        { "p16 patchy staining.", "en" },
        { "CDKN2A (p16) homozygous deletion.", "en" },
        { "History of HPV-positive cervical dysplasia treated in 2010.", "en" },
        { "Antécédent de condylomes à HPV.", "fr" },
    };

    [Theory]
    [MemberData(nameof(HpvStated))]
    public void Reads_the_hpv_status(string text, string language, string value, string normalized) =>
        FindingAssert.Finds(_extractor, text, language, Hpv, value, normalized);

    [Theory]
    [MemberData(nameof(P16Stated))]
    public void Reads_the_p16_status_apart_from_hpv(string text, string language, string value, string normalized)
    {
        FindingAssert.Finds(_extractor, text, language, P16, value, normalized);
        FindingAssert.FindsNothing(_extractor, text, language, Hpv);
    }

    [Theory]
    [MemberData(nameof(NothingStated))]
    public void Reads_nothing_from_vaccination_a_request_a_rule_a_relative_options_or_history(string text, string language) =>
        FindingAssert.FindsNothingAtAll(_extractor, text, language);
}
