using System.Globalization;

namespace MedSummary.Samples.Generation;

/// <summary>
/// How each normalized value is written, in French and English, with several phrasings each. Every phrasing
/// states the value unambiguously on its own, so that it can serve as the value's quote.
/// </summary>
internal static class Phrasebook
{
    private static string Pct(int value, bool fr, Rng rng) =>
        fr && rng.Chance(0.7) ? $"{value} %" : $"{value}%";

    private static string Roman(int n) => n switch
    {
        1 => "I",
        2 => "II",
        3 => "III",
        _ => "IV",
    };

    public static string Histology(string value, CancerType cancer, bool fr, Rng rng) => (value, fr) switch
    {
        ("invasive ductal carcinoma", true) => rng.Pick("carcinome canalaire infiltrant", "carcinome infiltrant de type non spécifique (canalaire)", "carcinome mammaire infiltrant de type canalaire"),
        ("invasive ductal carcinoma", false) => rng.Pick("invasive ductal carcinoma", "invasive carcinoma of no special type (ductal)", "infiltrating ductal carcinoma"),
        ("invasive lobular carcinoma", true) => rng.Pick("carcinome lobulaire infiltrant", "carcinome infiltrant de type lobulaire"),
        ("invasive lobular carcinoma", false) => rng.Pick("invasive lobular carcinoma", "infiltrating lobular carcinoma"),
        ("squamous cell carcinoma", true) => rng.Pick("carcinome épidermoïde", "carcinome épidermoïde kératinisant", "carcinome malpighien infiltrant"),
        ("squamous cell carcinoma", false) => rng.Pick("squamous cell carcinoma", "keratinising squamous cell carcinoma", "invasive squamous cell carcinoma"),
        ("mucinous adenocarcinoma", true) => rng.Pick("adénocarcinome mucineux", "adénocarcinome colloïde muqueux"),
        ("mucinous adenocarcinoma", false) => rng.Pick("mucinous adenocarcinoma", "mucinous (colloid) adenocarcinoma"),
        ("adenocarcinoma", true) => cancer switch
        {
            CancerType.Prostate => rng.Pick("adénocarcinome de type acinaire", "adénocarcinome acinaire", "adénocarcinome acinaire conventionnel"),
            CancerType.Lung => rng.Pick("adénocarcinome", "adénocarcinome infiltrant", "adénocarcinome d'architecture acineuse prédominante"),
            _ => rng.Pick("adénocarcinome lieberkühnien", "adénocarcinome", "adénocarcinome infiltrant de type lieberkühnien"),
        },
        _ => cancer switch
        {
            CancerType.Prostate => rng.Pick("acinar adenocarcinoma", "adenocarcinoma of acinar type", "conventional acinar adenocarcinoma"),
            CancerType.Lung => rng.Pick("adenocarcinoma", "invasive adenocarcinoma", "adenocarcinoma, acinar predominant"),
            _ => rng.Pick("adenocarcinoma", "invasive adenocarcinoma", "adenocarcinoma of intestinal type"),
        },
    };

    /// <summary>Grade as the organ's pathologists write it; <paramref name="scores"/> only for breast.</summary>
    public static string Grade(int grade, CancerType cancer, (int T, int P, int M)? scores, bool fr, Rng rng)
    {
        if (cancer == CancerType.Breast)
        {
            var (t, p, m) = scores ?? (grade, grade, grade);
            if (t + p + m is var sum && (sum <= 5 ? 1 : sum <= 7 ? 2 : 3) != grade)
            {
                // A contradicting grade: its components would not add up, so leave them out.
                return fr ? rng.Pick($"grade {Roman(grade)} de Nottingham", $"SBR {Roman(grade)}", $"grade histopronostique {Roman(grade)} (Elston-Ellis)")
                          : rng.Pick($"Nottingham grade {grade}", $"histological grade {Roman(grade)}", $"Elston-Ellis grade {grade}");
            }

            return fr
                ? rng.Pick(
                    $"grade {Roman(grade)} de Nottingham",
                    $"grade histopronostique {Roman(grade)} (Elston-Ellis)",
                    $"SBR {Roman(grade)}",
                    $"grade {grade} selon Elston et Ellis ({t}+{p}+{m})",
                    $"grade SBR modifié {Roman(grade)} (score {sum})")
                : rng.Pick(
                    $"Nottingham grade {grade}",
                    $"histological grade {Roman(grade)}",
                    $"grade {grade} (tubules {t}, pleomorphism {p}, mitoses {m})",
                    $"Elston-Ellis grade {grade}");
        }

        var differentiation = fr
            ? grade switch { 1 => "bien différencié", 2 => "moyennement différencié", _ => "peu différencié" }
            : grade switch { 1 => "well differentiated", 2 => "moderately differentiated", _ => "poorly differentiated" };
        return rng.Weighted(
            (differentiation, 0.6),
            (fr ? $"{differentiation} (grade {grade})" : $"{differentiation} (grade {grade})", 0.25),
            ($"G{grade}", 0.15));
    }

    public static string Gleason(string normalized, bool fr, Rng rng)
    {
        var (p, s) = ParseGleason(normalized);
        var sum = p + s;
        var isup = IsupOf(p, s);
        return fr
            ? rng.Pick(
                $"score de Gleason {p}+{s}={sum}",
                $"score de Gleason {sum} ({p}+{s})",
                $"Gleason {p} + {s} = {sum}",
                $"score de Gleason {sum} ({p} + {s}), groupe ISUP {isup}")
            : rng.Pick(
                $"Gleason score {p}+{s}={sum}",
                $"Gleason {sum} ({p}+{s})",
                $"Gleason score {p} + {s} = {sum} (Grade Group {isup})");
    }

    public static (int Primary, int Secondary) ParseGleason(string normalized)
    {
        var plus = normalized.IndexOf('+', StringComparison.Ordinal);
        var eq = normalized.IndexOf('=', StringComparison.Ordinal);
        return (int.Parse(normalized[..plus], CultureInfo.InvariantCulture), int.Parse(normalized[(plus + 1)..eq], CultureInfo.InvariantCulture));
    }

    public static int IsupOf(int p, int s) => (p + s) switch
    {
        <= 6 => 1,
        7 => p == 3 ? 2 : 3,
        8 => 4,
        _ => 5,
    };

    public static string Stage(string stage, bool fr, Rng rng) => fr
        ? rng.Pick($"stade {stage}", $"stade {stage} (AJCC 8e édition)", $"stade anatomique {stage}")
        : rng.Pick($"stage {stage}", $"AJCC stage {stage}", $"stage {stage} (AJCC 8th edition)");

    public static string Er(string status, int percent, bool fr, Rng rng)
    {
        var pct = Pct(percent, fr, rng);
        return (status, fr) switch
        {
            ("positive", true) => rng.Pick(
                $"récepteurs aux œstrogènes (RE) positifs à {pct}",
                $"RE : {pct} (positifs)",
                $"RE positifs ({pct}, intensité forte)",
                $"récepteurs aux œstrogènes : positifs, {pct} des cellules"),
            ("positive", false) => rng.Pick(
                $"ER positive ({pct})",
                $"oestrogen receptor: positive, {pct} of nuclei",
                $"ER: {pct}, strong staining (positive)",
                $"estrogen receptor positive ({pct})"),
            (_, true) => rng.Pick("récepteurs aux œstrogènes négatifs (0 %)", "RE : négatifs", "absence d'expression des récepteurs aux œstrogènes (RE 0 %)"),
            _ => rng.Pick("ER negative (0%)", "oestrogen receptor: negative", "ER: 0% (negative)"),
        };
    }

    public static string Pr(string status, int percent, bool fr, Rng rng)
    {
        var pct = Pct(percent, fr, rng);
        return (status, fr) switch
        {
            ("positive", true) => rng.Pick(
                $"récepteurs à la progestérone (RP) positifs à {pct}",
                $"RP : {pct} (positifs)",
                $"RP positifs ({pct})"),
            ("positive", false) => rng.Pick($"PR positive ({pct})", $"progesterone receptor: positive, {pct}", $"PgR: {pct} (positive)"),
            (_, true) => rng.Pick("récepteurs à la progestérone négatifs (0 %)", "RP : négatifs", "RP négatifs (< 1 %)"),
            _ => rng.Pick("PR negative (0%)", "progesterone receptor: negative", "PgR: negative (<1%)"),
        };
    }

    public static string Her2(Her2 her2, bool fr, Rng rng) => (her2.Ihc, her2.Amplified, fr) switch
    {
        (3, _, true) => rng.Pick("HER2 : score 3+ (positif)", "surexpression de HER2 score 3+ : positif", "HER2 3+ (positif)"),
        (3, _, false) => rng.Pick("HER2 IHC 3+ (positive)", "HER2: score 3+, positive", "HER2 positive (IHC 3+)"),
        (2, true, true) => rng.Pick("HER2 score 2+, amplification confirmée en hybridation in situ (SISH) : HER2 positif", "HER2 2+ avec amplification en FISH (ratio 2,8) : positif"),
        (2, true, false) => rng.Pick("HER2 IHC 2+, amplified by ISH (HER2/CEP17 ratio 2.6): HER2 positive", "HER2 2+ with gene amplification on FISH: positive"),
        (2, false, true) => rng.Pick("HER2 score 2+, non amplifié en hybridation in situ : HER2 négatif", "HER2 2+, absence d'amplification (SISH, ratio 1,3) : négatif"),
        (2, false, false) => rng.Pick("HER2 IHC 2+, not amplified by ISH (ratio 1.3): HER2 negative", "HER2 2+ without amplification (FISH): negative"),
        (2, null, true) => rng.Pick("HER2 score 2+ (équivoque), hybridation in situ en cours", "HER2 : 2+, statut équivoque (ISH à venir)"),
        (2, null, false) => rng.Pick("HER2 IHC 2+ (equivocal), ISH pending", "HER2: 2+, equivocal; reflex ISH requested"),
        (1, _, true) => rng.Pick("HER2 : score 1+ (négatif, HER2-low)", "HER2 1+ : négatif"),
        (1, _, false) => rng.Pick("HER2 IHC 1+ (negative, HER2-low)", "HER2: 1+, negative"),
        (_, _, true) => rng.Pick("HER2 : score 0 (négatif)", "absence de surexpression de HER2 (score 0)"),
        _ => rng.Pick("HER2 IHC 0 (negative)", "HER2: score 0, negative"),
    };

    /// <summary>A HER2 result that states <paramref name="status"/> (used when a document contradicts the truth).</summary>
    public static Her2 Her2For(string status, Her2 actual) => status == actual.Status
        ? actual
        : status switch
        {
            "positive" => new Her2(3, null),
            "negative" => new Her2(1, null),
            _ => new Her2(2, null),
        };

    public static string Ki67(int value, bool fr, Rng rng)
    {
        var pct = Pct(value, fr, rng);
        return fr
            ? rng.Pick($"Ki67 : {pct}", $"index de prolifération Ki-67 estimé à {pct}", $"Ki-67 à {pct}")
            : rng.Pick($"Ki-67: {pct}", $"Ki-67 proliferation index {pct}", $"Ki67 index of {pct}");
    }

    public static string Ecog(int value, bool fr, Rng rng) => fr
        ? rng.Pick($"PS {value}", $"ECOG {value}", $"état général OMS {value}", $"performance status (ECOG) à {value}", $"indice de performance OMS {value}")
        : rng.Pick($"ECOG {value}", $"ECOG performance status {value}", $"WHO performance status {value}", $"PS {value}");

    public static string DiseaseStatus(string status, bool fr, Rng rng) => (status, fr) switch
    {
        ("no evidence of disease", true) => rng.Pick("absence de signe d'évolutivité", "absence de récidive clinique et radiologique", "pas de signe de récidive"),
        ("no evidence of disease", false) => rng.Pick("no evidence of disease", "no evidence of recurrence", "no clinical or radiological evidence of disease"),
        ("partial response", true) => rng.Pick("réponse partielle", "réponse partielle selon RECIST 1.1"),
        ("partial response", false) => rng.Pick("partial response", "partial response (RECIST 1.1)"),
        ("stable disease", true) => rng.Pick("maladie stable", "stabilité de la maladie (RECIST 1.1)"),
        ("stable disease", false) => rng.Pick("stable disease", "stable disease by RECIST 1.1"),
        ("complete response", true) => "réponse complète",
        ("complete response", false) => "complete response",
        (_, true) => rng.Pick("progression de la maladie", "progression selon RECIST 1.1"),
        _ => rng.Pick("progressive disease", "disease progression (RECIST 1.1)"),
    };

    /// <summary>The normalized site a metastatic location counts as.</summary>
    public static string SiteValue(string site) => site == "contralateral lung" ? "lung" : site;

    public static string Metastasis(string site, bool fr, Rng rng) => (site, fr) switch
    {
        ("bone", true) => rng.Pick("métastases osseuses", "lésions osseuses secondaires", "localisations secondaires osseuses"),
        ("bone", false) => rng.Pick("bone metastases", "osseous metastatic disease", "skeletal metastases"),
        ("liver", true) => rng.Pick("métastases hépatiques", "lésions secondaires hépatiques", "localisations hépatiques secondaires"),
        ("liver", false) => rng.Pick("liver metastases", "hepatic metastases", "metastatic liver lesions"),
        ("lung", true) => rng.Pick("nodules pulmonaires secondaires", "métastases pulmonaires"),
        ("lung", false) => rng.Pick("pulmonary metastases", "lung metastases"),
        ("contralateral lung", true) => rng.Pick("nodules pulmonaires controlatéraux secondaires", "métastases pulmonaires controlatérales"),
        ("contralateral lung", false) => rng.Pick("contralateral lung metastases", "metastatic nodules in the contralateral lung"),
        ("brain", true) => rng.Pick("métastases cérébrales", "lésions secondaires encéphaliques"),
        ("brain", false) => rng.Pick("brain metastases", "cerebral metastases"),
        ("adrenal", true) => rng.Pick("métastase surrénalienne", "nodule surrénalien secondaire"),
        ("adrenal", false) => rng.Pick("adrenal metastasis", "metastatic adrenal nodule"),
        ("pleura", true) => rng.Pick("épanchement pleural métastatique", "carcinose pleurale"),
        ("pleura", false) => rng.Pick("malignant pleural effusion", "pleural metastatic disease"),
        ("peritoneum", true) => rng.Pick("carcinose péritonéale", "nodules de carcinose péritonéale"),
        ("peritoneum", false) => rng.Pick("peritoneal carcinomatosis", "peritoneal metastases"),
        (_, true) => rng.Pick("adénopathies métastatiques à distance", "adénopathies sus-claviculaires controlatérales secondaires"),
        _ => rng.Pick("distant nodal metastases", "metastatic distant lymphadenopathy"),
    };

    public static string NoMetastasis(bool fr, Rng rng) => fr
        ? rng.Pick("pas de lésion secondaire à distance", "absence de localisation secondaire", "pas d'argument pour une extension métastatique")
        : rng.Pick("no distant metastases", "no evidence of metastatic disease", "no distant metastatic disease");

    /// <summary>The variant of a gold value "mutated (L858R)" ("L858R"); the value itself otherwise ("wild-type", "mutated").</summary>
    public static string Variant(string value) =>
        value.StartsWith("mutated (", StringComparison.Ordinal) && value.EndsWith(')') ? value[9..^1] : value;

    public static string Egfr(string value, bool fr, Rng rng)
    {
        if (value == "wild-type")
        {
            return fr ? rng.Pick("absence de mutation de l'EGFR", "EGFR : non muté (sauvage)", "EGFR sauvage")
                      : rng.Pick("EGFR: no mutation detected", "EGFR wild-type", "no EGFR mutation");
        }

        var detail = value == "mutated" ? "exon 19 deletion" : value;
        return fr
            ? rng.Pick(
                detail == "L858R" ? "mutation EGFR exon 21 L858R" : "mutation de l'EGFR (délétion de l'exon 19)",
                $"présence d'une mutation activatrice de l'EGFR ({(detail == "L858R" ? "L858R" : "délétion exon 19")})")
            : rng.Pick(
                detail == "L858R" ? "EGFR exon 21 L858R mutation detected" : "EGFR exon 19 deletion detected",
                $"activating EGFR mutation ({detail})");
    }

    public static string Alk(bool positive, bool fr, Rng rng) => (positive, fr) switch
    {
        (true, true) => rng.Pick("réarrangement ALK (IHC D5F3 positive, confirmé en FISH)", "ALK positif"),
        (true, false) => rng.Pick("ALK rearrangement detected (D5F3 IHC positive)", "ALK positive"),
        (false, true) => rng.Pick("ALK : négatif (IHC D5F3)", "absence de réarrangement ALK"),
        _ => rng.Pick("ALK negative (D5F3)", "no ALK rearrangement"),
    };

    public static string Kras(string value, bool fr, Rng rng)
    {
        if (value == "wild-type")
        {
            return fr ? rng.Pick("KRAS : absence de mutation", "KRAS sauvage", "KRAS non muté")
                      : rng.Pick("KRAS: no mutation detected", "KRAS wild-type", "KRAS not mutated");
        }

        var detail = value == "mutated" ? "G12D" : value;
        return fr
            ? rng.Pick($"mutation KRAS {detail}", $"KRAS muté ({detail})", $"présence d'une mutation du gène KRAS (exon 2, {detail})")
            : rng.Pick($"KRAS {detail} mutation", $"KRAS mutated ({detail})", $"KRAS exon 2 mutation ({detail}) detected");
    }

    public static string Braf(bool mutated, bool fr, Rng rng) => (mutated, fr) switch
    {
        (true, true) => rng.Pick("mutation BRAF V600E", "BRAF muté (V600E)"),
        (true, false) => rng.Pick("BRAF V600E mutation", "BRAF mutated (V600E)"),
        (false, true) => rng.Pick("BRAF V600E : non muté", "absence de mutation BRAF"),
        _ => rng.Pick("BRAF V600E: not detected", "BRAF wild-type"),
    };

    public static string PdL1(int value, bool fr, Rng rng)
    {
        var pct = Pct(value, fr, rng);
        return fr
            ? rng.Pick($"PD-L1 (clone 22C3) : {pct} des cellules tumorales (TPS)", $"expression de PD-L1 à {pct}", $"TPS PD-L1 {pct}")
            : rng.Pick($"PD-L1 (22C3) tumour proportion score {pct}", $"PD-L1 TPS {pct}", $"PD-L1 expression in {pct} of tumour cells");
    }

    public static string Msi(bool high, bool fr, Rng rng) => (high, fr) switch
    {
        (true, true) => rng.Pick("instabilité microsatellitaire (MSI-H)", "phénotype dMMR (perte d'expression MLH1/PMS2)", "statut MSI : instable (MSI-H)"),
        (true, false) => rng.Pick("microsatellite instability-high (MSI-H)", "deficient mismatch repair (dMMR, loss of MLH1/PMS2)"),
        (false, true) => rng.Pick("stabilité microsatellitaire (MSS)", "phénotype pMMR (expression conservée des protéines MMR)", "statut MSS/pMMR"),
        _ => rng.Pick("microsatellite stable (MSS)", "proficient mismatch repair (pMMR)", "MMR proteins retained (pMMR)"),
    };

    public static string Brca(bool mutated, bool fr, Rng rng) => (mutated, fr) switch
    {
        (true, true) => rng.Pick("mutation constitutionnelle pathogène de BRCA2", "porteuse d'une mutation constitutionnelle BRCA2 pathogène"),
        (true, false) => rng.Pick("pathogenic germline BRCA2 mutation", "germline BRCA2 pathogenic variant"),
        (false, true) => rng.Pick("absence de mutation constitutionnelle BRCA1/2", "recherche de mutation BRCA1/2 négative"),
        _ => rng.Pick("no germline BRCA1/2 mutation", "BRCA1/2 germline testing negative"),
    };

    public static string Psa(string value, bool fr, Rng rng)
    {
        var text = fr ? value.Replace('.', ',') : value;
        return fr ? rng.Pick($"PSA à {text} ng/mL", $"PSA total à {text} ng/mL", $"PSA de {text} ng/ml")
                  : rng.Pick($"PSA {text} ng/mL", $"PSA of {text} ng/mL", $"PSA level {text} ng/mL");
    }

    public static string Toxicity(string name, int grade, bool fr, Rng rng)
    {
        var label = fr
            ? name switch
            {
                "neutropenia" => "neutropénie",
                "febrile neutropenia" => "neutropénie fébrile",
                "anemia" => "anémie",
                "thrombocytopenia" => "thrombopénie",
                "peripheral neuropathy" => "neuropathie périphérique",
                "diarrhea" => "diarrhée",
                "skin rash" => "éruption cutanée acnéiforme",
                "hypothyroidism" => "hypothyroïdie",
                "pneumonitis" => "pneumopathie interstitielle",
                "acute kidney injury" => "insuffisance rénale aiguë",
                "fatigue" => "asthénie",
                "cystitis" => "cystite radique",
                "proctitis" => "rectite radique",
                _ => name,
            }
            : name switch
            {
                "anemia" => rng.Pick("anaemia", "anemia"),
                "diarrhea" => rng.Pick("diarrhoea", "diarrhea"),
                "skin rash" => "acneiform rash",
                "cystitis" => "radiation cystitis",
                "proctitis" => "radiation proctitis",
                _ => name,
            };
        return fr
            ? rng.Pick($"{label} de grade {grade}", $"{label} grade {grade}", $"{label} (grade {grade} CTCAE)")
            : rng.Pick($"grade {grade} {label}", $"{label}, grade {grade}", $"{label} (CTCAE grade {grade})");
    }
}
