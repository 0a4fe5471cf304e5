using MedSummary.Core.Contract;
using MedSummary.Extraction.Rules;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class GradeExtractorTests
{
    private const string Key = ContractFields.Grade;
    private readonly GradeExtractor _extractor = new();

    public static TheoryData<string, string, string, string> Stated => new()
    {
        { "Invasive ductal carcinoma, grade 2.", "en", "grade 2", "G2" },
        { "Grade histopronostique de Elston-Ellis : II", "fr", "Grade histopronostique de Elston-Ellis : II", "G2" },
        { "Carcinome canalaire infiltrant SBR III.", "fr", "SBR III", "G3" },
        { "Nottingham grade 3 (tubules 3, pleomorphism 3, mitoses 2).", "en", "Nottingham grade 3", "G3" },
        { "Well differentiated (G1) adenocarcinoma of the colon.", "en", "Well differentiated (G1)", "G1" },
        { "Moderately differentiated adenocarcinoma.", "en", "Moderately differentiated", "G2" },
        { "Adénocarcinome peu différencié du rectum.", "fr", "peu différencié", "G3" },
        { "Histologic grade: high grade", "en", "Histologic grade: high grade", "high grade" },
        { "High-grade urothelial carcinoma, muscle invasive.", "en", "High-grade", "high grade" },
        { "Clear cell renal cell carcinoma, Fuhrman nuclear grade 3.", "en", "Fuhrman nuclear grade 3", "G3" },
        { "Glioblastoma, WHO grade IV.", "en", "WHO grade IV", "G4" },
        { "Adenocarcinoma, Grade 3 (of 3).", "en", "Grade 3 (of 3)", "G3" },
        { "Endometrioid adenocarcinoma, FIGO grade 1.", "en", "FIGO grade 1", "G1" },
        { "Invasive carcinoma grade 2/3.", "en", "grade 2/3", "G2" },
        { "Nottingham histologic grade: 2", "en", "Nottingham histologic grade: 2", "G2" },
        { "Grade SBR : 2", "fr", "Grade SBR : 2", "G2" },
        { "Grade de Elston et Ellis modifié : 3", "fr", "Grade de Elston et Ellis modifié : 3", "G3" },
        { "Poorly differentiated squamous cell carcinoma.", "en", "Poorly differentiated", "G3" },
        { "Undifferentiated carcinoma of the thyroid.", "en", "Undifferentiated", "G4" },
        { "Carcinome indifférencié.", "fr", "indifférencié", "G4" },
        { "Adénocarcinome bien différencié.", "fr", "bien différencié", "G1" },
        { "Adénocarcinome moyennement différencié.", "fr", "moyennement différencié", "G2" },
        { "Histologic grade: G2", "en", "Histologic grade: G2", "G2" },
        { "Histologic type: adenocarcinoma\nGrade: 3\nSize: 2 cm", "en", "Grade: 3", "G3" },
        { "Differentiation: moderate", "en", "Differentiation: moderate", "G2" },
        { "Tumour grade 1, margins clear.", "en", "Tumour grade 1", "G1" },
        { "Diffuse astrocytoma, WHO grade II.", "en", "WHO grade II", "G2" },
        { "Anaplastic astrocytoma (WHO grade III).", "en", "WHO grade III", "G3" },
        { "Clear cell renal cell carcinoma, WHO/ISUP grade 2.", "en", "WHO/ISUP grade 2", "G2" },
        { "Grade nucléaire de Fuhrman : 3", "fr", "Grade nucléaire de Fuhrman : 3", "G3" },
        { "High grade papillary urothelial carcinoma.", "en", "High grade", "high grade" },
        { "Carcinome urothélial de haut grade.", "fr", "Carcinome urothélial de haut grade", "high grade" },
        { "Low-grade serous carcinoma of the ovary.", "en", "Low-grade", "low grade" },
        { "Renal cell carcinoma, Fuhrman grade 2 of 4.", "en", "Fuhrman grade 2 of 4", "G2" },
        { "Histologic grade G3 (poorly differentiated).", "en", "Histologic grade G3", "G3" },
        { "Score de Nottingham 6, grade 2.", "fr", "grade 2", "G2" },
        { "Moderately-differentiated adenocarcinoma.", "en", "Moderately-differentiated", "G2" },
        { "Adenocarcinoma, poorly - differentiated.", "en", "poorly - differentiated", "G3" },
        { "Histologic grade (Nottingham): 3", "en", "Histologic grade (Nottingham): 3", "G3" },
        { "Grade II (Elston-Ellis).", "fr", "Grade II", "G2" },
        { "Moderately differentiated adenocarcinoma with focal poorly differentiated component.", "en", "Moderately differentiated", "G2" },
        { "Carcinoma, high grade, invading the muscularis propria.", "en", "Carcinoma, high grade", "high grade" },
        { "HISTOLOGIC GRADE: G1", "en", "HISTOLOGIC GRADE: G1", "G1" },
        { "Overall (FIGO) Grade: 3.", "en", "Overall (FIGO) Grade: 3", "G3" },
        { "Endometrioid type\nGrade 3\n7.5 cm", "en", "Grade 3", "G3" },

        // G notation inside a TNM line.
        { "Classification: pT2 N0 G2 L0 V0 R0", "en", "G2", "G2" },
        { "pT3 pN1a (2/14) G3 L1 V0 Pn0 R0", "en", "G3", "G3" },
        { "Stade : pT1c pN0 G1 R0", "fr", "G1", "G1" },
        { "ypT2 ypN0 GX L0", "en", "GX", "GX" },

        // Named systems with a total, components or both.
        { "Nottingham score 7/9 (grade 2).", "en", "Nottingham score 7/9", "G2" },
        { "SBR II (3+2+2).", "fr", "SBR II (3+2+2)", "G2" },
        { "Score SBR 8 (3+3+2).", "fr", "Score SBR 8 (3+3+2)", "G3" },
        { "Tubules 3, nuclei 2, mitoses 2 = 7 → grade 2", "en", "Tubules 3, nuclei 2, mitoses 2 = 7", "G2" },
        { "Modified Bloom-Richardson score: 5/9", "en", "Bloom-Richardson score: 5/9", "G1" },
        { "Score de Scarff-Bloom-Richardson : 9", "fr", "Score de Scarff-Bloom-Richardson : 9", "G3" },
        { "Formation tubulaire 3, pléomorphisme nucléaire 3, mitoses 1, soit un score de 7", "fr", "Formation tubulaire 3, pléomorphisme nucléaire 3, mitoses 1, soit un score de 7", "G2" },
    };

    public static TheoryData<string, string> NotGrade => new()
    {
        { "Grade 3 neutropenia after cycle 2.", "en" },
        { "CTCAE grade 2 diarrhea.", "en" },
        { "Gleason grade 4 pattern predominates.", "en" },
        { "Ductal carcinoma in situ, nuclear grade 3.", "en" },
        { "High-grade dysplasia in Barrett's esophagus.", "en" },
        { "High-grade PIN in the left lobe.", "en" },
        { "Grade 2 esophagitis on endoscopy.", "en" },
        { "Moderately to poorly differentiated adenocarcinoma.", "en" },
        { "Invasive carcinoma, grade 2-3.", "en" },
        { "Adenocarcinoma G2/G3.", "en" },
        { "Well-to-moderately differentiated adenocarcinoma.", "en" },
        { "Grade I hepatic encephalopathy.", "en" },
        { "G2P1, last menstrual period unknown.", "en" },
        { "Peripheral neuropathy grade 2.", "en" },
        { "On note une neutropénie grade 3 le 28/01/2023.", "fr" },
        { "Complicated by grade 3 neutropenia on 12/10/2023.", "en" },
        { "Thrombopénie de grade 2 sous chimiothérapie.", "fr" },
        { "Grade 2 radiation cystitis.", "en" },
        { "Carcinome infiltrant SBR III (3+2+2).", "fr" },
        { "Invasive carcinoma, Elston-Ellis 2 (2+3+3).", "en" },
        { "Tumour budding: low grade (Bd1).", "en" },
        { "Chronic hepatitis B grade 2, stage 2.", "en" },
        { "Prostatic adenocarcinoma, ISUP grade group 2.", "en" },
        { "Grade de régression tumorale de Dworak 3.", "fr" },
        { "If high grade, consider adjuvant chemotherapy.", "en" },
        { "Her mother had a grade 3 breast cancer.", "en" },
        { "Grade: pending", "en" },
        { "Fatty liver, grade 2 steatosis.", "en" },
        { "Mucositis grade 3 during radiotherapy.", "en" },
        { "Architectural grade 2 (6-50% solid growth).", "en" },
        { "Grade 1 pain in the left shoulder.", "en" },
        { "Carcinome de grade II-III.", "fr" },
        { "Toxicité de grade 3.", "fr" },
        { "Mucite grade 2.", "fr" },
        { "Dysplasie de haut grade.", "fr" },
        { "12.Undifferentiated carcinoma\n13.Small cell carcinoma\n14.Mature teratoma", "en" },
    };

    [Theory]
    [MemberData(nameof(Stated))]
    public void Reads_histologic_grades(string text, string language, string value, string normalized) =>
        FindingAssert.Finds(_extractor, text, language, Key, value, normalized);

    [Theory]
    [MemberData(nameof(NotGrade))]
    public void Ignores_other_grades_ranges_and_hypotheses(string text, string language) =>
        FindingAssert.FindsNothing(_extractor, text, language, Key);
}
