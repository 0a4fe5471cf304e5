using MedSummary.Extraction.Alerts;
using MedSummary.Extraction.Grounding.Text;
using MedSummary.Extraction.Rules;
using MedSummary.Testing.Documents;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class DemographicsExtractorTests
{
    private readonly AgeExtractor _age = new();
    private readonly SexExtractor _sex = new();

    public static TheoryData<string, string, string, string> Ages => new()
    {
        { "I saw this 58-year-old man in clinic today.", "en", "58-year-old man", "58" },
        { "A 71 year old woman with a breast lump.", "en", "71 year old woman", "71" },
        { "Mrs Dale, 64 yo, referred by her GP.", "en", "64 yo", "64" },
        { "The patient, aged 49 years, is a non-smoker.", "en", "aged 49 years", "49" },
        { "Age: 83", "en", "Age: 83", "83" },
        { "Age at diagnosis: 55 years", "en", "Age at diagnosis: 55 years", "55" },
        { "67-yr-old male smoker", "en", "67-yr-old male", "67" },
        { "a 45-year-old female", "en", "45-year-old female", "45" },
        { "This 39 y/o patient presented with haemoptysis.", "en", "39 y/o", "39" },
        { "Patiente de 62 ans adressée pour une masse du sein gauche.", "fr", "Patiente de 62 ans", "62" },
        { "Patient âgé de 71 ans, ancien fumeur.", "fr", "Patient âgé de 71 ans", "71" },
        { "Mme R., âgée de 58 ans, sans antécédent notable.", "fr", "âgée de 58 ans", "58" },
        { "Âge : 74 ans", "fr", "Âge : 74 ans", "74" },
        { "Homme de 66 ans, OMS 1.", "fr", "Homme de 66 ans", "66" },
        { "Femme de 50 ans, G2P2.", "fr", "Femme de 50 ans", "50" },
        { "Il s'agit d'un patient de 80 ans.", "fr", "patient de 80 ans", "80" },
        { "Âge au diagnostic : 61", "fr", "Âge au diagnostic : 61", "61" },
        { "Monsieur L., âgé de 77 ans, est suivi pour un adénocarcinome.", "fr", "âgé de 77 ans", "77" },
        { "AGE: 90 YEARS", "en", "AGE: 90 YEARS", "90" },
        { "patiente de 35 ans, non ménopausée", "fr", "patiente de 35 ans", "35" },
    };

    public static TheoryData<string, string> NoAge => new()
    {
        { "Her mother, aged 70, had ovarian cancer.", "en" },
        { "Sa mère, âgée de 81 ans, est diabétique.", "fr" },
        { "Appendicectomie à l'âge de 12 ans.", "fr" },
        { "Smoker for 30 years.", "en" },
        { "Tabagisme sevré depuis 10 ans.", "fr" },
        { "Follow-up at 5 years.", "en" },
        { "Mammographie il y a 2 ans.", "fr" },
        { "Her sister, a 52-year-old woman, was treated for breast cancer.", "en" },
        { "Age: 130", "en" },
        { "Diagnosed with diabetes at 45 years.", "en" },
    };

    public static TheoryData<string, string, string, string> Sexes => new()
    {
        { "Patient : Mme Durand", "fr", "patient : mme", "female" },
        { "Patient: Mr Hollis", "en", "patient: mr", "male" },
        { "Sexe : F", "fr", "sexe : f", "female" },
        { "Sex: male", "en", "sex: male", "male" },
        { "Gender: female", "en", "gender: female", "female" },
        { "A 63-year-old woman presented with a lump.", "en", "63-year-old woman", "female" },
        { "a 70-year-old man with haemoptysis", "en", "70-year-old man", "male" },
        { "Née le 12/03/1950", "fr", "nee le 1", "female" },
        { "Né le 02/04/1948", "fr", "ne le 0", "male" },
        { "Permettez-moi de vous adresser cette patiente.", "fr", "patiente", "female" },
        { "Il s'agit d'un patient de 79 ans.", "fr", "patient de 79 ans", "male" },
        { "Une femme de 44 ans consulte pour une masse.", "fr", "une femme de 44 ans", "female" },
        { "Un homme de 61 ans, fumeur.", "fr", "un homme de 61 ans", "male" },
        { "Sexe : masculin", "fr", "sexe : masculin", "male" },
    };

    public static TheoryData<string, string> NoSex => new()
    {
        { "Her mother, a 70-year-old woman, had breast cancer.", "en" },
        { "Son frère, un homme de 60 ans, a été opéré.", "fr" },
        { "The patient was seen in clinic.", "en" },
        { "Dr Martin, médecin traitant.", "fr" },
    };

    [Theory]
    [MemberData(nameof(Ages))]
    public void Reads_the_patients_age(string text, string language, string value, string normalized) =>
        FindingAssert.Finds(_age, text, language, ExtensionFields.AgeAtDiagnosis, value, normalized);

    [Theory]
    [MemberData(nameof(NoAge))]
    public void Reads_no_age_of_a_relative_an_event_or_a_duration(string text, string language) =>
        FindingAssert.FindsNothing(_age, text, language, ExtensionFields.AgeAtDiagnosis);

    [Theory]
    [MemberData(nameof(Sexes))]
    public void Reads_the_patients_sex_cited_to_its_cue(string text, string language, string foldedCue, string normalized)
    {
        var (document, findings) = FindingAssert.Run(_sex, text, language);
        var finding = findings.ShouldHaveSingleItem($"in \"{text}\"");
        finding.Normalized.ShouldBe(normalized);
        document.Slice(finding.Span).ShouldBe(finding.Value);
        TextFolding.FoldSameLength(finding.Value).ShouldBe(foldedCue);
    }

    [Theory]
    [MemberData(nameof(NoSex))]
    public void Reads_no_sex_from_a_relative_or_a_neutral_word(string text, string language) =>
        FindingAssert.FindsNothing(_sex, text, language, ExtensionFields.Sex);

    [Fact]
    public void The_alerts_and_the_form_read_sex_from_the_same_cues()
    {
        var documents = new[]
        {
            TestDocuments.FromText("Patient : Mme Durand. Patiente de 62 ans.", "fr"),
            TestDocuments.FromText("Sexe : F", "fr"),
        };

        PatientSexDetector.Detect(documents).ShouldBe(PatientSex.Female);
        documents.SelectMany(_sex.Extract).Select(f => f.Normalized).Distinct().ShouldBe(["female"]);
        documents.SelectMany(_sex.Extract).Count().ShouldBe(documents.Sum(d => PatientSexDetector.Mentions(d).Count()));
    }
}
