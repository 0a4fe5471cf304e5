using MedSummary.Core.Contract;
using MedSummary.Extraction.Rules;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class Her2ExtractorTests
{
    private const string Key = ContractFields.Her2Status;
    private const string Ihc = ExtensionFields.Her2Ihc;
    private const string Ish = ExtensionFields.Her2Ish;
    private readonly Her2Extractor _extractor = new();

    public static TheoryData<string, string, string, string, string> Stated => new()
    {
        { "HER2 (IHC): 2+", "en", Key, "2+", "equivocal" },
        { "HER2 (IHC): 2+", "en", Ihc, "2+", "2+" },
        { "HER2 score 3+", "en", Key, "3+", "positive" },
        { "HER2: 0", "en", Key, "0", "negative" },
        { "HER2: 0", "en", Ihc, "0", "0" },
        { "HER2 1+ (negative)", "en", Key, "negative", "negative" },
        { "HER2 1+ (negative)", "en", Ihc, "1+", "1+" },
        { "Tumour is HER2 negative.", "en", Key, "negative", "negative" },
        { "Invasive carcinoma, ER+ PR+ HER2+", "en", Key, "HER2+", "positive" },
        { "HER2-low breast cancer.", "en", Key, "HER2-low", "negative" },
        { "HER2 équivoque (score 2+).", "fr", Key, "équivoque", "equivocal" },
        { "FISH: amplified", "en", Key, "amplified", "positive" },
        { "FISH: amplified", "en", Ish, "amplified", "amplified" },
        { "SISH : non amplifié.", "fr", Key, "non amplifié", "negative" },
        { "SISH : non amplifié.", "fr", Ish, "non amplifié", "not amplified" },
        { "HER2/CEP17 ratio 2.4", "en", Key, "ratio 2.4", "positive" },
        { "HER2/CEP17 ratio 1.3", "en", Ish, "ratio 1.3", "not amplified" },
        { "Ratio HER2/CEP17 : 1,2 (non amplifié).", "fr", Key, "non amplifié", "negative" },
        { "HER2 gene amplification: not detected.", "en", Key, "amplification: not detected", "negative" },
        { "c-erbB-2: 3+", "en", Key, "3+", "positive" },
        { "HER2 : négatif (score 1+).", "fr", Key, "négatif", "negative" },
        { "HER2 positif (3+).", "fr", Key, "positif", "positive" },
        { "HER2 3+ (positive).", "en", Key, "positive", "positive" },
        { "Her-2/neu: negative (0).", "en", Key, "negative", "negative" },
        { "HER2 +++", "en", Key, "+++", "positive" },
        { "HER2 ++", "en", Key, "++", "equivocal" },
        { "HER2 : score 0", "fr", Key, "0", "negative" },
        { "HER2 non surexprimé.", "fr", Key, "non surexprimé", "negative" },
        { "HER2 overexpressed (3+).", "en", Key, "overexpressed", "positive" },
        { "HER2: equivocal (2+); FISH pending.", "en", Key, "equivocal", "equivocal" },
        { "Triple-negative tumour.", "en", Key, "Triple-negative", "negative" },
        { "HER2 status: positive", "en", Key, "positive", "positive" },
        { "HER2 by IHC: 1+", "en", Key, "1+", "negative" },
        { "ERBB2 amplification detected by FISH.", "en", Key, "amplification detected", "positive" },
        { "Absence d'amplification du gène HER2 (FISH).", "fr", Key, "Absence d'amplification du gène HER2", "negative" },
        { "Statut HER2 : négatif.", "fr", Key, "négatif", "negative" },
        { "HER2 (4B5): 2+", "en", Key, "2+", "equivocal" },
        { "HER2 (clone 4B5) : score 3+.", "fr", Ihc, "3+", "3+" },
        { "HER2: negative (score 0, no membrane staining).", "en", Key, "negative", "negative" },
        { "CISH: HER2 gene amplified.", "en", Key, "amplified", "positive" },
        { "HER2 : faible (HER2-low).", "fr", Key, "HER2 : faible", "negative" },
        // An ISH result written as a finding not found, and an image-analysis 0% (no stained cell: negative).
        { "ERBB2 by FISH: gene amplification was not found.", "en", Key, "amplification was not found", "negative" },
        { "Image analysis results: HER2 0%.", "en", Key, "0%", "negative" },
        { "HER2/CEP17 ratio 1.1; a ratio from 2.0 upwards means amplification.", "en", Key, "ratio 1.1", "negative" },
    };

    public static TheoryData<string, string> NotStated => new()
    {
        { "Interpretation key: a HER2/CEP17 ratio below 1.8 indicates no amplification.", "en" },
        { "A HER2/CEP17 ratio from 1.8 to 2.2 is equivocal.", "en" },
        { "Un ratio HER2/CEP17 entre 1,8 et 2,2 est équivoque.", "fr" },
        { "HER2: 0-10% of cells stained is the threshold for a score.", "en" },
        { "HER2 non testé.", "fr" },
        { "HER2 testing pending.", "en" },
        { "If HER2 positive, trastuzumab will be added.", "en" },
        { "HER2 : à confirmer.", "fr" },
        { "HER2 will be assessed on the surgical specimen.", "en" },
        { "FISH not performed.", "en" },
        { "Her sister's tumour was HER2 positive.", "en" },
        { "Anti-HER2 therapy was discussed.", "en" },
        { "HER2-directed treatment is not indicated.", "en" },
        { "HER2: not assessable.", "en" },
        { "HER2 status unknown.", "en" },
        { "FISH for ALK rearrangement: negative.", "en" },
        { "HER2 IHC: insufficient tumour.", "en" },
        { "HER2 : en cours.", "fr" },
        { "HER2 (en attente).", "fr" },
        { "Recherche d'amplification HER2 en cours.", "fr" },
        { "Ratio 2.4 on the blood test.", "en" },
        { "FISH: pending.", "en" },
        { "Sa mère était HER2 positive.", "fr" },
        { "HER2 testing was not requested.", "en" },
    };

    [Theory]
    [MemberData(nameof(Stated))]
    public void Reads_her2_statements(string text, string language, string key, string value, string normalized) =>
        FindingAssert.Finds(_extractor, text, language, key, value, normalized);

    [Theory]
    [MemberData(nameof(NotStated))]
    public void Reads_no_status_when_untested_pending_or_hypothetical(string text, string language) =>
        FindingAssert.FindsNothing(_extractor, text, language, Key);

    [Fact]
    public void An_equivocal_ihc_gives_way_to_ish_in_the_same_report()
    {
        var (_, findings) = FindingAssert.Run(_extractor, "HER2 (IHC): 2+. FISH: HER2/CEP17 ratio 3.1, amplified.", "en");
        findings.Where(f => f.FieldKey == Key).Select(f => f.Normalized).ShouldBe(["equivocal", "positive"], ignoreOrder: true);
        Her2Resolver.Resolve(findings).Where(f => f.FieldKey == Key).Select(f => f.Normalized).Distinct().ShouldBe(["positive"]);
    }

    [Fact]
    public void Without_ish_an_equivocal_ihc_stays_equivocal()
    {
        var (_, findings) = FindingAssert.Run(_extractor, "HER2 (IHC): 2+", "en");
        Her2Resolver.Resolve(findings).Single(f => f.FieldKey == Key).Normalized.ShouldBe("equivocal");
    }

    [Fact]
    public void Ihc_3_plus_and_a_negative_ish_are_both_kept_for_the_reader()
    {
        var (_, findings) = FindingAssert.Run(_extractor, "HER2 IHC 3+. FISH: not amplified.", "en");
        Her2Resolver.Resolve(findings).Where(f => f.FieldKey == Key).Select(f => f.Normalized).ShouldBe(["positive", "negative"], ignoreOrder: true);
    }
}
