using MedSummary.Core.Provenance;
using MedSummary.Extraction.Rules;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class ClinicalScopeTests
{
    public static TheoryData<string, string, ScopeKind> Governed => new()
    {
        { "No evidence of carcinoma in the specimen.", "carcinoma", ScopeKind.Negated },
        { "Negative for malignancy.", "malignancy", ScopeKind.Negated },
        { "Invasive carcinoma: not identified.", "carcinoma", ScopeKind.Negated },
        { "Pas de carcinome résiduel.", "carcinome", ScopeKind.Negated },
        { "Absence de carcinome infiltrant.", "carcinome", ScopeKind.Negated },
        { "Lymph nodes free of metastatic carcinoma.", "carcinoma", ScopeKind.Negated },
        { "Carcinome non retrouvé sur les recoupes.", "Carcinome", ScopeKind.Negated },
        { "Biopsy to rule out carcinoma.", "carcinoma", ScopeKind.Hypothetical },
        { "Suspicion de carcinome hépatocellulaire.", "carcinome", ScopeKind.Hypothetical },
        { "Carcinoma cannot be excluded.", "Carcinoma", ScopeKind.Hypothetical },
        { "ER: pending.", "ER", ScopeKind.Hypothetical },
        { "If positive, trastuzumab will be given.", "positive", ScopeKind.Hypothetical },
        { "Should the tumour prove HER2 amplified, trastuzumab is added.", "amplified", ScopeKind.Hypothetical },
        { "Were she premenopausal, ovarian suppression would follow.", "premenopausal", ScopeKind.Hypothetical },
        { "Adénocarcinome à confirmer.", "Adénocarcinome", ScopeKind.Hypothetical },
        { "Possible adenocarcinoma.", "adenocarcinoma", ScopeKind.Hypothetical },
        { "HER2 non testé.", "HER2", ScopeKind.Hypothetical },
        { "Stage group IIB, assuming a cM0 status.", "cM0", ScopeKind.Hypothetical },
        { "Stade IIB en supposant un statut cM0.", "cM0", ScopeKind.Hypothetical },
        { "Her mother had breast cancer at 50.", "breast cancer", ScopeKind.Family },
        { "Antécédents familiaux : cancer du sein chez la mère.", "cancer du sein", ScopeKind.Family },
        { "Family history:\n- breast cancer (aunt)", "breast cancer", ScopeKind.Family },
        { "Cancer de l'ovaire chez sa sœur.", "Cancer de l'ovaire", ScopeKind.Family },
        { "History of colon cancer treated in 2010.", "colon cancer", ScopeKind.History },
        { "Antécédent de cancer du sein.", "cancer du sein", ScopeKind.History },
        { "Past medical history:\nprostate cancer, hypertension", "prostate cancer", ScopeKind.History },
        { "EGFR : mutation non détectée.", "mutation", ScopeKind.Negated },
        { "KRAS mutation not detected.", "mutation", ScopeKind.Negated },
        { "Recherche de mutation EGFR en cours.", "EGFR", ScopeKind.Hypothetical },
        { "Recherche de réarrangement ALK, si positive discuter un traitement ciblé.", "ALK", ScopeKind.Hypothetical },
        { "I would be grateful if you could tell us whether HER2 is amplified.", "amplified", ScopeKind.Hypothetical },
        { "If you could confirm the HER2 is positive, we would start trastuzumab.", "positive", ScopeKind.Hypothetical },
        { "We would appreciate your opinion: possible adenocarcinoma.", "adenocarcinoma", ScopeKind.Hypothetical },
        { "Je vous serais reconnaissant si vous pouviez préciser si le HER2 est amplifié.", "amplifié", ScopeKind.Hypothetical },
    };

    public static TheoryData<string, string> Affirmed => new()
    {
        { "No fever, but carcinoma is present.", "carcinoma" },
        { "No lymphovascular invasion. Adenocarcinoma is present.", "Adenocarcinoma" },
        { "Margins: negative\nHistologic type: adenocarcinoma", "adenocarcinoma" },
        { "Clinical history: rectal carcinoma.", "carcinoma" },
        { "Non-small cell carcinoma of the lung.", "carcinoma" },
        { "Adenocarcinoma, not otherwise specified.", "Adenocarcinoma" },
        { "Patiente sans antécédent particulier, présentant un carcinome du sein.", "carcinome" },
        { "No change in the size of the carcinoma since the last scan.", "carcinoma" },
        { "No one of the many reviewing pathologists doubted that this carcinoma", "carcinoma" },
        { "Carcinome infiltrant de type non spécifique.", "Carcinome" },
        { "Triple negative breast carcinoma.", "carcinoma" },
        { "Adenocarcinoma consistent with a colorectal primary.", "Adenocarcinoma" },
        { "Not specified\nTumor site: colon", "colon" },
        { "I would be grateful if you could see this 63-year-old woman with breast cancer.", "63-year-old" },
        { "We would greatly appreciate it if you would review her HER2-positive carcinoma.", "HER2-positive" },
        { "I'd be most grateful if you could kindly assess Mr Smith, aged 71.", "aged 71" },
        { "It would be appreciated if you could see her; biopsy showed ER-positive disease.", "ER-positive" },
        { "Would you kindly see this 58-year-old man with a rectal adenocarcinoma.", "adenocarcinoma" },
        { "Je vous serais reconnaissant si vous pouviez voir Mme X, 71 ans, pour un adénocarcinome.", "adénocarcinome" },
        { "Je vous serais gré si vous acceptiez de revoir cette patiente, RE positifs.", "positifs" },
        { "Si vous le souhaitez, je vous adresse le compte rendu : carcinome canalaire infiltrant.", "carcinome" },
    };

    [Theory]
    [MemberData(nameof(Governed))]
    public void Detects_the_governing_scope(string text, string target, ScopeKind expected)
    {
        var start = text.IndexOf(target, StringComparison.Ordinal);
        var found = ClinicalScope.Detect(text, new TextSpan(start, start + target.Length));
        found.HasFlag(expected).ShouldBeTrue($"{found} in \"{text}\"");
    }

    [Theory]
    [MemberData(nameof(Affirmed))]
    public void Leaves_affirmed_mentions_alone(string text, string target)
    {
        var start = text.IndexOf(target, StringComparison.Ordinal);
        ClinicalScope.Detect(text, new TextSpan(start, start + target.Length)).ShouldBe(ScopeKind.None, $"in \"{text}\"");
    }

    [Fact]
    public void Only_the_requested_kinds_are_checked()
    {
        const string text = "No evidence of carcinoma.";
        var span = new TextSpan(15, 24);
        ClinicalScope.Detect(text, span, ScopeKind.Family | ScopeKind.History).ShouldBe(ScopeKind.None);
        ClinicalScope.IsAffirmed(text, span, ScopeKind.Negated).ShouldBeFalse();
    }

    [Theory]
    [InlineData("Absence de mutation de l'EGFR.", "mutation", "Absence")]
    [InlineData("No EGFR mutation was found.", "mutation", "No")]
    [InlineData("ALK : absence de réarrangement.", "réarrangement", "absence")]
    [InlineData("Pas de mutation KRAS ni de réarrangement ALK.", "réarrangement", "ni ")]
    public void Tells_where_the_denial_of_a_mention_starts(string text, string target, string trigger)
    {
        var start = text.IndexOf(target, StringComparison.Ordinal);
        ClinicalScope.NegationStart(text, new TextSpan(start, start + target.Length)).ShouldBe(text.IndexOf(trigger, StringComparison.Ordinal));
    }

    [Fact]
    public void An_affirmed_mention_has_no_denial_to_cite() =>
        ClinicalScope.NegationStart("EGFR mutation detected.", new TextSpan(5, 13)).ShouldBeNull();

    [Theory]
    [InlineData("Recherche de mutation BRCA1/2 négative.", "BRCA1/2", true)]
    [InlineData("Recherche de réarrangement ALK : positive en FISH.", "ALK", true)]
    [InlineData("Recherche de mutation EGFR en cours.", "EGFR", false)]
    [InlineData("Recherche de réarrangement ALK, si positive discuter un traitement ciblé.", "ALK", false)]
    [InlineData("Suspicion de mutation BRAF, recherche négative à confirmer.", "BRAF", false)]
    [InlineData("EGFR muté.", "EGFR", false)]
    public void Tells_a_search_with_its_result_from_a_hypothesis(string text, string target, bool answered)
    {
        var start = text.IndexOf(target, StringComparison.Ordinal);
        var span = new TextSpan(start, start + target.Length);
        ClinicalScope.IsAnsweredSearch(text, span).ShouldBe(answered, $"in \"{text}\"");
        ClinicalScope.Detect(text, span, ScopeKind.Hypothetical).ShouldBe(text.StartsWith("EGFR muté", StringComparison.Ordinal) ? ScopeKind.None : ScopeKind.Hypothetical);
    }
}

public sealed class DenialCueTests
{
    public static TheoryData<string, string, string> Denials => new()
    {
        { "No lymphovascular invasion.", "lymphovascular invasion", "No" },
        { "Absence d'embole vasculaire.", "embole", "Absence d'" },
        { "LVI: not identified.", "LVI", "not identified" },
        { "Invasion lymphovasculaire absente.", "Invasion lymphovasculaire", "absente" },
        { "LVI: No", "LVI", "No" },
        { "Engainements périnerveux : non", "Engainements périnerveux", "non" },
    };

    [Theory]
    [MemberData(nameof(Denials))]
    public void Gives_the_words_that_deny_a_mention(string text, string target, string cue)
    {
        var start = text.IndexOf(target, StringComparison.Ordinal);
        var span = ClinicalScope.DenialCue(text, new TextSpan(start, start + target.Length));

        span.ShouldNotBeNull();
        text[span.Value.Start..span.Value.End].ShouldBe(cue);
    }

    [Theory]
    [InlineData("Lymphovascular invasion present.", "Lymphovascular invasion")]
    [InlineData("Emboles vasculaires présents.", "Emboles vasculaires")]
    [InlineData("If no lymphovascular invasion is seen; PNI present.", "PNI")]
    public void Gives_nothing_for_an_affirmed_mention(string text, string target)
    {
        var start = text.IndexOf(target, StringComparison.Ordinal);
        ClinicalScope.DenialCue(text, new TextSpan(start, start + target.Length)).ShouldBeNull();
    }
}
