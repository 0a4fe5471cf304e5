using MedSummary.Extraction.Rules;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class GeneStatusExtractorTests
{
    private const string Egfr = GeneFields.Egfr;
    private const string Alk = GeneFields.Alk;
    private const string Ros1 = GeneFields.Ros1;
    private const string Kras = GeneFields.Kras;
    private const string Braf = GeneFields.Braf;
    private const string Ntrk = GeneFields.Ntrk;
    private const string Met = GeneFields.Met;
    private const string Ret = GeneFields.Ret;
    private const string Her2m = GeneFields.Her2Mutation;
    private const string Idh = GeneFields.Idh;
    private const string Brca = GeneFields.Brca;

    private readonly GeneStatusExtractor _extractor = new();

    /// <summary>Mutations: text, language, field, normalized value, a word the citation must hold.</summary>
    public static TheoryData<string, string, string, string, string> Mutations => new()
    {
        { "EGFR: exon 19 deletion detected.", "en", Egfr, "mutated (exon 19 deletion)", "EGFR" },
        { "Mutation de l'EGFR (délétion de l'exon 19).", "fr", Egfr, "mutated (exon 19 deletion)", "délétion" },
        { "Présence d'une mutation activatrice de l'EGFR (L858R).", "fr", Egfr, "mutated (L858R)", "L858R" },
        { "EGFR exon 21 L858R mutation detected.", "en", Egfr, "mutated (L858R)", "L858R" },
        { "Activating EGFR mutation (p.Leu858Arg).", "en", Egfr, "mutated (L858R)", "p.Leu858Arg" },
        { "EGFR ex19del identified by NGS.", "en", Egfr, "mutated (exon 19 deletion)", "ex19del" },
        { "EGFR-mutant adenocarcinoma of the lung.", "en", Egfr, "mutated", "mutant" },
        { "EGFR : muté.", "fr", Egfr, "mutated", "muté" },
        { "EGFR : non muté (sauvage).", "fr", Egfr, "wild-type", "non muté" },
        { "EGFR wild-type.", "en", Egfr, "wild-type", "wild-type" },
        { "EGFR sauvage.", "fr", Egfr, "wild-type", "sauvage" },
        { "Absence de mutation de l'EGFR.", "fr", Egfr, "wild-type", "Absence de mutation" },
        { "No EGFR mutation.", "en", Egfr, "wild-type", "mutation" },
        { "EGFR: no mutation detected.", "en", Egfr, "wild-type", "no mutation detected" },
        { "EGFR mutation not detected.", "en", Egfr, "wild-type", "not detected" },
        { "EGFR mutation status: negative.", "en", Egfr, "wild-type", "negative" },
        { "Statut mutationnel EGFR : sauvage.", "fr", Egfr, "wild-type", "sauvage" },
        { "EGFR insertion de l'exon 20.", "fr", Egfr, "mutated (exon 20 insertion)", "exon 20" },
        { "EGFR T790M mutation identified at progression.", "en", Egfr, "mutated (T790M)", "T790M" },
        { "KRAS G12C.", "en", Kras, "mutated (G12C)", "G12C" },
        { "Mutation KRAS G12D.", "fr", Kras, "mutated (G12D)", "G12D" },
        { "KRAS muté (G12V).", "fr", Kras, "mutated (G12V)", "G12V" },
        { "Présence d'une mutation du gène KRAS (exon 2, G13D).", "fr", Kras, "mutated (G13D)", "G13D" },
        { "KRAS: no mutation detected.", "en", Kras, "wild-type", "mutation" },
        { "KRAS non muté.", "fr", Kras, "wild-type", "non muté" },
        { "K-ras wild type.", "en", Kras, "wild-type", "wild type" },
        { "BRAF V600E mutated.", "en", Braf, "mutated (V600E)", "V600E" },
        { "Mutation BRAF V600E présente.", "fr", Braf, "mutated (V600E)", "V600E" },
        { "BRAF V600 mutation.", "en", Braf, "mutated (V600)", "V600" },
        { "BRAF : absence de mutation.", "fr", Braf, "wild-type", "absence de mutation" },
        { "BRAF V600E : non muté.", "fr", Braf, "wild-type", "non muté" },
        { "BRAF V600E: not detected.", "en", Braf, "wild-type", "not detected" },
        { "Mutation constitutionnelle pathogène de BRCA2.", "fr", Brca, "mutated (BRCA2, germline)", "BRCA2" },
        { "Porteuse d'une mutation constitutionnelle BRCA2 pathogène.", "fr", Brca, "mutated (BRCA2, germline)", "BRCA2" },
        { "KRAS exon 2 mutation (G12V) detected.", "en", Kras, "mutated (G12V)", "G12V" },
        { "MET exon 14 skipping mutation.", "en", Met, "mutated (exon 14 skipping)", "skipping" },
        { "Saut de l'exon 14 de MET.", "fr", Met, "mutated (exon 14 skipping)", "exon 14" },
        { "METex14 detected.", "en", Met, "mutated (exon 14 skipping)", "METex14" },
        { "Amplification de MET.", "fr", Met, "amplified", "Amplification" },
        { "MET non amplifié.", "fr", Met, "not amplified", "non amplifié" },
        { "HER2 (ERBB2) exon 20 insertion.", "en", Her2m, "mutated (exon 20 insertion)", "exon 20" },
        { "Mutation de ERBB2 (p.Tyr772_Ala775dup).", "fr", Her2m, "mutated", "ERBB2" },
        { "ERBB2 non muté.", "fr", Her2m, "wild-type", "non muté" },
        { "IDH1 R132H mutant.", "en", Idh, "mutated (IDH1 R132H)", "R132H" },
        { "Glioblastome, IDH-wildtype.", "fr", Idh, "wild-type", "wildtype" },
        { "Mutation IDH2 R172K.", "fr", Idh, "mutated (IDH2 R172K)", "R172K" },
        { "IDH1/2 non mutés.", "fr", Idh, "wild-type", "non mutés" },
        { "Recherche de mutation BRCA1/2 négative.", "fr", Brca, "wild-type", "négative" },
        { "Mutation BRCA1/2 négative.", "fr", Brca, "wild-type", "négative" },
        { "Mutation constitutionnelle BRCA2 identifiée.", "fr", Brca, "mutated (BRCA2, germline)", "BRCA2" },
        { "Germline BRCA1 pathogenic variant (c.68_69delAG).", "en", Brca, "mutated (BRCA1 c.68_69delAG, germline)", "c.68_69delAG" },
        { "Somatic BRCA2 mutation in the tumour.", "en", Brca, "mutated (BRCA2, somatic)", "BRCA2" },
        { "La patiente est porteuse d'une mutation BRCA1.", "fr", Brca, "mutated (BRCA1)", "BRCA1" },
        { "No germline BRCA1/2 pathogenic variant identified.", "en", Brca, "wild-type", "pathogenic variant" },
    };

    /// <summary>Fusions: text, language, field, normalized value, a word the citation must hold.</summary>
    public static TheoryData<string, string, string, string, string> Fusions => new()
    {
        { "ALK rearrangement detected (D5F3 IHC positive).", "en", Alk, "positive", "rearrangement" },
        { "Réarrangement ALK (IHC D5F3 positive, confirmé en FISH).", "fr", Alk, "positive", "Réarrangement" },
        { "ALK positif.", "fr", Alk, "positive", "positif" },
        { "ALK positive.", "en", Alk, "positive", "positive" },
        { "ALK : négatif (IHC D5F3).", "fr", Alk, "negative", "négatif" },
        { "Absence de réarrangement ALK.", "fr", Alk, "negative", "réarrangement" },
        { "No ALK rearrangement.", "en", Alk, "negative", "rearrangement" },
        { "ALK negative (D5F3).", "en", Alk, "negative", "negative" },
        { "EML4-ALK fusion identified.", "en", Alk, "positive", "fusion" },
        { "ALK non réarrangé en FISH.", "fr", Alk, "negative", "non réarrangé" },
        { "ALK: not rearranged.", "en", Alk, "negative", "not rearranged" },
        { "Translocation ALK mise en évidence en FISH.", "fr", Alk, "positive", "Translocation" },
        { "ROS1 fusion (CD74-ROS1) detected.", "en", Ros1, "positive", "fusion" },
        { "Fusion CD74-ROS1.", "fr", Ros1, "positive", "Fusion" },
        { "ROS1 négatif.", "fr", Ros1, "negative", "négatif" },
        { "ROS1 rearrangement: not detected.", "en", Ros1, "negative", "not detected" },
        { "Pas de réarrangement de ROS1.", "fr", Ros1, "negative", "réarrangement" },
        { "ROS-1 positive by FISH.", "en", Ros1, "positive", "positive" },
        { "RET fusion (KIF5B-RET).", "en", Ret, "positive", "fusion" },
        { "Réarrangement de RET.", "fr", Ret, "positive", "Réarrangement" },
        { "RET : absence de fusion.", "fr", Ret, "negative", "fusion" },
        { "RET M918T mutation.", "en", Ret, "mutated (M918T)", "M918T" },
        { "NTRK1 fusion detected.", "en", Ntrk, "positive (NTRK1)", "NTRK1" },
        { "Fusion NTRK3 (ETV6-NTRK3).", "fr", Ntrk, "positive (NTRK3)", "NTRK3" },
        { "Absence de fusion NTRK1-3.", "fr", Ntrk, "negative", "fusion" },
        { "NTRK fusion negative.", "en", Ntrk, "negative", "negative" },
    };

    /// <summary>Lists of genes with one result: text, language, and the value each named field must get.</summary>
    public static TheoryData<string, string, string[], string> Lists => new()
    {
        { "Absence de mutation des gènes EGFR, KRAS et BRAF.", "fr", [Egfr, Kras, Braf], "wild-type" },
        { "No mutations in EGFR, KRAS or BRAF.", "en", [Egfr, Kras, Braf], "wild-type" },
        { "EGFR, KRAS et BRAF : non mutés.", "fr", [Egfr, Kras, Braf], "wild-type" },
        { "ALK et ROS1 : négatifs.", "fr", [Alk, Ros1], "negative" },
        { "Pas de réarrangement ALK ni ROS1.", "fr", [Alk, Ros1], "negative" },
        { "ALK/ROS1/RET: no rearrangement detected.", "en", [Alk, Ros1, Ret], "negative" },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    [MemberData(nameof(Fusions))]
    public void Reads_the_gene_status_and_cites_the_statement(string text, string language, string key, string normalized, string cited)
    {
        var (document, findings) = FindingAssert.Run(_extractor, text, language);
        var match = findings.FirstOrDefault(f => f.FieldKey == key && f.Normalized == normalized);
        match.ShouldNotBeNull($"expected {key}={normalized} in \"{text}\"; found: {Describe(findings)}");
        document.Slice(match.Span).ShouldBe(match.Value);
        match.Value.ShouldContain(cited);
        findings.Where(f => f.FieldKey == key).Select(f => f.Normalized).Distinct().ShouldBe([normalized], $"in \"{text}\"");
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public void A_result_after_or_before_a_list_holds_for_every_gene_of_it(string text, string language, string[] keys, string normalized)
    {
        var (_, findings) = FindingAssert.Run(_extractor, text, language);
        foreach (var key in keys)
        {
            findings.Where(f => f.FieldKey == key).Select(f => f.Normalized).Distinct().ShouldBe([normalized], $"{key} in \"{text}\": {Describe(findings)}");
        }
    }

    [Fact]
    public void Each_gene_of_a_sentence_gets_its_own_result()
    {
        var (_, findings) = FindingAssert.Run(_extractor, "EGFR muté (L858R), ALK négatif, pas de mutation KRAS ni de réarrangement ROS1, BRAF V600E.", "fr");
        Value(findings, Egfr).ShouldBe("mutated (L858R)");
        Value(findings, Alk).ShouldBe("negative");
        Value(findings, Kras).ShouldBe("wild-type");
        Value(findings, Ros1).ShouldBe("negative");
        Value(findings, Braf).ShouldBe("mutated (V600E)");
    }

    [Fact]
    public void Egfr_and_alk_in_an_english_molecular_profile()
    {
        var (_, findings) = FindingAssert.Run(_extractor, "Molecular profile: EGFR wild-type; ALK rearrangement detected (D5F3 IHC positive).", "en");
        Value(findings, Egfr).ShouldBe("wild-type");
        Value(findings, Alk).ShouldBe("positive");
    }

    /// <summary>Statements that must give nothing for the field: panels, requests, hypotheses, relatives, treatments, look-alikes.</summary>
    public static TheoryData<string, string, string> NotStated => new()
    {
        { "EGFR, ALK, ROS1, KRAS, BRAF analysés par NGS.", "fr", Egfr },
        { "EGFR, ALK, ROS1, KRAS, BRAF analysés par NGS.", "fr", Alk },
        { "Panel tested: EGFR, ALK, ROS1, BRAF, MET, RET, NTRK.", "en", Ret },
        { "EGFR testing pending.", "en", Egfr },
        { "Recherche de mutation EGFR en cours.", "fr", Egfr },
        { "Mutation EGFR à demander sur la biopsie.", "fr", Egfr },
        { "Recherche de réarrangement ALK à faire.", "fr", Alk },
        { "EGFR mutation analysis requested.", "en", Egfr },
        { "If EGFR mutated, osimertinib will be started.", "en", Egfr },
        { "Si ALK positif, discuter alectinib.", "fr", Alk },
        { "KRAS wild-type required for cetuximab.", "en", Kras },
        { "Statut RAS sauvage nécessaire avant panitumumab : KRAS à rechercher.", "fr", Kras },
        { "Sa mère est porteuse d'une mutation BRCA1.", "fr", Brca },
        { "Her sister carries a BRCA2 mutation.", "en", Brca },
        { "Antécédents familiaux : mutation BRCA2 chez la tante maternelle.", "fr", Brca },
        { "Started on a BRAF inhibitor (dabrafenib) and trametinib.", "en", Braf },
        { "Traitement par inhibiteur de BRAF.", "fr", Braf },
        { "Anti-EGFR therapy with cetuximab.", "en", Egfr },
        { "EGFR TKI osimertinib 80 mg daily.", "en", Egfr },
        { "eGFR (CKD-EPI) 97 mL/min/1.73m2, normal.", "en", Egfr },
        { "eGFR 54 mL/min, mildly reduced.", "en", Egfr },
        { "ALK PHOS 140 U/L (high).", "en", Alk },
        { "Alkaline phosphatase (ALK) elevated.", "en", Alk },
        { "HER2 négatif (score 1+).", "fr", Her2m },
        { "HER2 positive, amplified by FISH.", "en", Her2m },
        { "HER2: 3+.", "en", Her2m },
        { "EGFR positive by immunohistochemistry.", "en", Egfr },
        { "EGFR : négatif.", "fr", Egfr },
        { "EGFR : ☐ muté ☐ sauvage", "fr", Egfr },
        { "ALK : [ ] positif [ ] négatif", "fr", Alk },
        { "EGFR T790M non détectée.", "fr", Egfr },
        { "Mutation T790M de l'EGFR non retrouvée.", "fr", Egfr },
        { "Suspicion de mutation BRAF.", "fr", Braf },
        { "Possible ROS1 rearrangement, to be confirmed by FISH.", "en", Ros1 },
        { "ALK immunohistochemistry was performed on block A2.", "en", Alk },
        { "Targeted next-generation sequencing panel and ALK immunohistochemistry.", "en", Alk },
        { "Mutation EGFR non contributive (ADN insuffisant).", "fr", Egfr },
        { "EGFR result inconclusive, repeat biopsy advised.", "en", Egfr },
        { "La recherche de mutation BRAF sera réalisée.", "fr", Braf },
        { "Oncogenetic consultation for BRCA testing.", "en", Brca },
        { "Consultation d'oncogénétique pour recherche BRCA1/2.", "fr", Brca },
        { "EGFR mutation analysis was performed by NGS.", "en", Egfr },
        { "MET 1 000 mg twice daily.", "en", Met },
        { "The patient met the criteria. RET to clinic in 3 months.", "en", Ret },
        { "IDH clinic review arranged.", "en", Idh },
    };

    [Theory]
    [MemberData(nameof(NotStated))]
    public void States_nothing_where_no_result_is_given(string text, string language, string key) =>
        FindingAssert.FindsNothing(_extractor, text, language, key);

    [Fact]
    public void A_broader_value_agrees_with_a_more_specific_one()
    {
        GeneFields.IsSameOrBroader("mutated", "mutated (L858R)").ShouldBeTrue();
        GeneFields.IsSameOrBroader("mutated (BRCA1)", "mutated (BRCA1, germline)").ShouldBeTrue();
        GeneFields.IsSameOrBroader("positive", "positive (NTRK1)").ShouldBeTrue();
        GeneFields.IsSameOrBroader("mutated (L858R)", "mutated (exon 19 deletion)").ShouldBeFalse();
        GeneFields.IsSameOrBroader("mutated (L858R)", "mutated").ShouldBeFalse();
        GeneFields.IsSameOrBroader("wild-type", "mutated (L858R)").ShouldBeFalse();
    }

    private static string? Value(List<Finding> findings, string key) =>
        findings.Where(f => f.FieldKey == key).Select(f => f.Normalized).Distinct().SingleOrDefault();

    private static string Describe(IEnumerable<Finding> findings) =>
        string.Join("; ", findings.Select(f => $"{f.FieldKey}={f.Normalized} '{f.Value}'")) is { Length: > 0 } s ? s : "nothing";
}
