using MedSummary.Extraction.Rules;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class InvasionExtractorTests
{
    private readonly InvasionExtractor _extractor = new();

    public static TheoryData<string, string, string, string, string> Stated => new()
    {
        { "Emboles vasculaires présents.", "fr", ExtensionFields.Lvi, "Emboles vasculaires présents", "present" },
        { "LVI: not identified.", "en", ExtensionFields.Lvi, "LVI: not identified", "absent" },
        { "Invasion lymphovasculaire absente.", "fr", ExtensionFields.Lvi, "Invasion lymphovasculaire absente", "absent" },
        { "No lymphovascular invasion.", "en", ExtensionFields.Lvi, "No lymphovascular invasion", "absent" },
        { "Absence d'embole vasculaire.", "fr", ExtensionFields.Lvi, "Absence d'embole vasculaire", "absent" },
        { "Pas d'embole vasculaire visible.", "fr", ExtensionFields.Lvi, "Pas d'embole vasculaire", "absent" },
        { "Lymphovascular invasion: present (focal).", "en", ExtensionFields.Lvi, "Lymphovascular invasion: present", "present" },
        { "LVI: No", "en", ExtensionFields.Lvi, "LVI: No", "absent" },
        { "LVI: yes", "en", ExtensionFields.Lvi, "LVI: yes", "present" },
        { "Emboles : oui", "fr", ExtensionFields.Lvi, "Emboles : oui", "present" },
        { "Emboles : non", "fr", ExtensionFields.Lvi, "Emboles : non", "absent" },
        { "Présence d'emboles tumoraux lymphatiques.", "fr", ExtensionFields.Lvi, "Présence d'emboles tumoraux lymphatiques", "present" },
        { "Nombreux emboles vasculaires.", "fr", ExtensionFields.Lvi, "Nombreux emboles vasculaires", "present" },
        { "Extensive lymphovascular invasion is identified.", "en", ExtensionFields.Lvi, "lymphovascular invasion is identified", "present" },
        { "Vascular invasion is not seen.", "en", ExtensionFields.Lvi, "Vascular invasion is not seen", "absent" },
        { "Without lymphovascular invasion.", "en", ExtensionFields.Lvi, "Without lymphovascular invasion", "absent" },
        { "Lymphatic invasion: absent.", "en", ExtensionFields.Lvi, "Lymphatic invasion: absent", "absent" },
        { "pT3 pN1b L1 V0 Pn1 R0", "en", ExtensionFields.Lvi, "L1 V0", "present" },
        { "pT2 pN0 L0 V0 Pn0", "en", ExtensionFields.Lvi, "L0 V0", "absent" },
        { "LVSI: present.", "en", ExtensionFields.Lvi, "LVSI: present", "present" },
        { "Engainements périnerveux présents.", "fr", ExtensionFields.Pni, "Engainements périnerveux présents", "present" },
        { "Pas d'engainement périnerveux.", "fr", ExtensionFields.Pni, "Pas d'engainement périnerveux", "absent" },
        { "PNI: not identified.", "en", ExtensionFields.Pni, "PNI: not identified", "absent" },
        { "Perineural invasion (PN0).", "en", ExtensionFields.Pni, "Perineural invasion (PN0)", "absent" },
        { "Perineural invasion (Pn1).", "en", ExtensionFields.Pni, "Perineural invasion (Pn1)", "present" },
        { "Perineural invasion is present.", "en", ExtensionFields.Pni, "Perineural invasion is present", "present" },
        { "No perineural invasion.", "en", ExtensionFields.Pni, "No perineural invasion", "absent" },
        { "PNI: yes", "en", ExtensionFields.Pni, "PNI: yes", "present" },
        { "PNI: No", "en", ExtensionFields.Pni, "PNI: No", "absent" },
        { "Invasion périnerveuse : absente.", "fr", ExtensionFields.Pni, "Invasion périnerveuse : absente", "absent" },
        { "Présence d'engainements périnerveux.", "fr", ExtensionFields.Pni, "Présence d'engainements périnerveux", "present" },
        { "pT3 pN1b L1 V0 Pn1 R0", "en", ExtensionFields.Pni, "Pn1", "present" },
        { "Engainements : non", "fr", ExtensionFields.Pni, "Engainements : non", "absent" },
        { "With focal perineural invasion.", "en", ExtensionFields.Pni, "With focal perineural invasion", "present" },
        // A single class of vessel involved is lymphovascular invasion present.
        { "Extramural venous invasion: present.", "en", ExtensionFields.Lvi, "venous invasion: present", "present" },
        { "Emboles veineux extra-muraux présents.", "fr", ExtensionFields.Lvi, "Emboles veineux extra-muraux présents", "present" },
        { "Venous invasion is identified.", "en", ExtensionFields.Lvi, "Venous invasion is identified", "present" },
    };

    // One class of vessel found free says nothing of the others: lymphovascular invasion stays unstated.
    public static TheoryData<string, string> OneVesselClassFree => new()
    {
        { "No extramural venous invasion.", "en" },
        { "Extramural venous invasion: not identified.", "en" },
        { "Extra-mural vascular invasion: absent.", "en" },
        { "Large vessel invasion: none.", "en" },
        { "Venous invasion: no.", "en" },
        { "Venous invasion (V0).", "en" },
        { "Emboles veineux extra-muraux absents.", "fr" },
        { "Pas d'emboles veineux extra-muraux.", "fr" },
        { "Absence d'invasion veineuse.", "fr" },
        { "Pas d'envahissement vasculaire extra-mural.", "fr" },
    };

    public static TheoryData<string, string> Nothing => new()
    {
        { "LVI: present / absent", "en" },
        { "Emboles vasculaires : présents / absents", "fr" },
        { "Perineural invasion: [ ] present [ ] absent", "en" },
        { "Lymphovascular invasion cannot be excluded.", "en" },
        { "Suspicion d'emboles vasculaires.", "fr" },
        { "Lymphovascular invasion:", "en" },
        { "Engainements périnerveux :", "fr" },
        { "If lymphovascular invasion is present, adjuvant therapy is discussed.", "en" },
        { "Her sister's tumour showed perineural invasion.", "en" },
        { "Embolie pulmonaire en 2019.", "fr" },
        { "Lymphovascular invasion: see comment.", "en" },
        { "L1 vertebral body.", "en" },
        { "Perineural invasion: indeterminate.", "en" },
    };

    [Theory]
    [MemberData(nameof(Stated))]
    public void Reads_presence_or_absence_cited_with_the_words_that_state_it(string text, string language, string key, string value, string normalized) =>
        FindingAssert.Finds(_extractor, text, language, key, value, normalized);

    [Theory]
    [MemberData(nameof(Nothing))]
    public void Reads_nothing_from_choices_doubts_headings_relatives_or_other_words(string text, string language) =>
        FindingAssert.FindsNothingAtAll(_extractor, text, language);

    [Theory]
    [MemberData(nameof(OneVesselClassFree))]
    public void One_class_of_vessel_found_free_is_not_lymphovascular_invasion_absent(string text, string language) =>
        FindingAssert.FindsNothingAtAll(_extractor, text, language);
}
