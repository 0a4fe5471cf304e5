using MedSummary.Core.Contract;
using MedSummary.Extraction.Rules;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class GleasonExtractorTests
{
    private const string Key = ContractFields.GleasonScore;
    private const string Group = ExtensionFields.IsupGradeGroup;
    private readonly GleasonExtractor _extractor = new();

    public static TheoryData<string, string, string, string, string> Stated => new()
    {
        { "Acinar adenocarcinoma, Gleason score 3+4=7.", "en", Key, "Gleason score 3+4=7", "3+4=7" },
        { "Gleason 4 + 3 = 7 in 6 of 12 cores.", "en", Key, "Gleason 4 + 3 = 7", "4+3=7" },
        { "Adénocarcinome, score de Gleason 7 (3+4).", "fr", Key, "score de Gleason 7 (3+4)", "3+4=7" },
        { "Gleason grading: primary pattern 3, secondary pattern 4, total 7.", "en", Key, "primary pattern 3, secondary pattern 4, total 7", "3+4=7" },
        { "Gleason score 6 (3+3), low volume.", "en", Key, "Gleason score 6 (3+3)", "3+3=6" },
        { "Small focus, Gleason 3+3.", "en", Key, "Gleason 3+3", "3+3=6" },
        { "Gleason's score = 6/10.", "en", Key, "Gleason's score = 6/10", "6" },
        { "GLEASON SCORE 4+4 = 8", "en", Key, "GLEASON SCORE 4+4 = 8", "4+4=8" },
        { "Gleason sum score: 9 (4+5)", "en", Key, "Gleason sum score: 9 (4+5)", "4+5=9" },
        { "Tumor grade (Gleason system): Gleason combined score 7 (4+3)", "en", Key, "Gleason combined score 7 (4+3)", "4+3=7" },
        { "Primary Gleason grade: 3\nSecondary Gleason grade: 4\nTotal Gleason score: 7", "en", Key, "Primary Gleason grade: 3\nSecondary Gleason grade: 4\nTotal Gleason score: 7", "3+4=7" },
        { "score de Gleason : 3 + 4 = 7", "fr", Key, "score de Gleason : 3 + 4 = 7", "3+4=7" },
        { "Gleason 3+4=7 (grade group 2).", "en", Key, "Gleason 3+4=7", "3+4=7" },
        { "Gleason 3+4=7 (grade group 2).", "en", Group, "grade group 2", "2" },
        { "Prostatic adenocarcinoma, Gleason 4+3=7, ISUP grade group 3.", "en", Group, "ISUP grade group 3", "3" },
        { "Score de Gleason 3+4, groupe de grade ISUP 2.", "fr", Group, "groupe de grade ISUP 2", "2" },
        { "Gleason 7 (3+4) in the right base.", "en", Key, "Gleason 7 (3+4)", "3+4=7" },
        { "Gleason score 8 (4+4) in all cores.", "en", Key, "Gleason score 8 (4+4)", "4+4=8" },
        { "Gleason 5+4=9 with perineural invasion.", "en", Key, "Gleason 5+4=9", "5+4=9" },
        { "Gleason: 4+5", "en", Key, "Gleason: 4+5", "4+5=9" },
        { "Gleason score: 7", "en", Key, "Gleason score: 7", "7" },
        { "Gleason score of 3 + 3 = 6.", "en", Key, "Gleason score of 3 + 3 = 6", "3+3=6" },
        { "Gleason grade 3+4 adenocarcinoma.", "en", Key, "Gleason grade 3+4", "3+4=7" },
        { "Gleeson score 3+4=7 (scan).", "en", Key, "Gleeson score 3+4=7", "3+4=7" },
        { "Gleason score 4 + 3 = 7 with tertiary pattern 5.", "en", Key, "Gleason score 4 + 3 = 7", "4+3=7" },
        { "Adénocarcinome prostatique, score de Gleason 6 (3+3).", "fr", Key, "score de Gleason 6 (3+3)", "3+3=6" },
        { "Gleason 4+3=7, ISUP 3.", "en", Group, "ISUP 3", "3" },
        { "Gleason score 10 (5+5).", "en", Key, "Gleason score 10 (5+5)", "5+5=10" },
        { "Gleason 3+4 = 7/10 at the apex.", "en", Key, "Gleason 3+4 = 7/10", "3+4=7" },
        { "Adenocarcinoma (Gleason 4+3).", "en", Key, "Gleason 4+3", "4+3=7" },
        { "GLEASON SUM SCORE: 8", "en", Key, "GLEASON SUM SCORE: 8", "8" },
        { "Gleason score: 3+4 (7)", "en", Key, "Gleason score: 3+4", "3+4=7" },
        { "Motif de Gleason : grade primaire 3, grade secondaire 4.", "fr", Key, "grade primaire 3, grade secondaire 4", "3+4=7" },
        { "HISTOLOGIC GRADE (PRIMARY PATTERN+SECONDARY PATTERN = GLEASON SCORE):\n4+5=9", "en", Key, "GLEASON SCORE):\n4+5=9", "4+5=9" },
        { "Gleason score 9 (5+4), grade group 5.", "en", Group, "grade group 5", "5" },
    };

    public static TheoryData<string, string> NoScore => new()
    {
        { "Gleason score 3+4=8 (as typed).", "en" },
        { "Gleason pattern 4 is present in 20% of the tumour.", "en" },
        { "Approx. 60% Gleason 4.", "en" },
        { "Gleason score pending.", "en" },
        { "If Gleason 4+3 on rebiopsy, surveillance is not advised.", "en" },
        { "His father had a Gleason 3+4=7 prostate cancer.", "en" },
        { "Gleason 6+4=10", "en" },
        { "Gleason 3+4=17", "en" },
        { "Gleason grading not applicable after hormone therapy.", "en" },
        { "No Gleason score assigned to this focus.", "en" },
        { "Gleason 2", "en" },
        { "Tertiary Gleason pattern 5 (<5%).", "en" },
        { "Ratio 3+4=7 in the table.", "en" },
        { "Gleason score to be determined on the resection.", "en" },
        { "Gleason score 12", "en" },
        { "Score de Gleason non évaluable (traitement hormonal).", "fr" },
        { "Score de Gleason en attente.", "fr" },
        { "Gleason 4 + 5 = 8", "en" },
        { "Suspicion de Gleason 4+3 à confirmer.", "fr" },
        { "Gleason grade 5 pattern at the margin.", "en" },
        { "Gleason 3+7=10", "en" },
        { "Gleason 0+3", "en" },
        { "Primary tumor 3 cm, secondary deposits 4.", "en" },
        { "Clear cell renal cell carcinoma, WHO/ISUP grade 2.", "en" },
        { "ISUP 2 (kidney tumour).", "en" },
    };

    [Theory]
    [MemberData(nameof(Stated))]
    public void Reads_gleason_scores_and_grade_groups(string text, string language, string key, string value, string normalized) =>
        FindingAssert.Finds(_extractor, text, language, key, value, normalized);

    [Theory]
    [MemberData(nameof(NoScore))]
    public void Reads_nothing_from_patterns_inconsistent_sums_or_hypotheses(string text, string language) =>
        FindingAssert.FindsNothingAtAll(_extractor, text, language);
}
