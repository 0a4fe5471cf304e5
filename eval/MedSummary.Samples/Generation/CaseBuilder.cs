using MedSummary.Core.Contract;
using MedSummary.Core.Gold;
using K = MedSummary.Core.Gold.GoldEventKinds;
using TK = MedSummary.Core.Gold.GoldTreatmentKinds;

namespace MedSummary.Samples.Generation;

/// <summary>Document writer keys: what a planned document is.</summary>
internal static class DocKeys
{
    public const string Referral = "referral";
    public const string DiagnosticImaging = "imaging-diagnostic";
    public const string BreastMri = "imaging-breast-mri";
    public const string StagingCt = "imaging-staging-ct";
    public const string PetCt = "imaging-pet";
    public const string BoneScan = "imaging-bone";
    public const string BrainMri = "imaging-brain";
    public const string PelvicMri = "imaging-pelvic-mri";
    public const string Evaluation = "imaging-evaluation";
    public const string Endoscopy = "endoscopy";
    public const string BiopsyPathology = "pathology-biopsy";
    public const string ResectionPathology = "pathology-resection";
    public const string Operative = "operative";
    public const string InitialConsultation = "consult-initial";
    public const string FollowUp = "consult-followup";
    public const string FinalConsultation = "consult-final";
    public const string Labs = "labs";
    public const string RadiotherapySummary = "radiotherapy-summary";
    public const string Discharge = "discharge";
    public const string Nursing = "nursing";
}

/// <summary>Draws a plausible, internally consistent history for a spec (see <see cref="ClinicalCase"/>).</summary>
internal static class CaseBuilder
{
    public static ClinicalCase Build(SampleSpec spec)
    {
        // The name is left out of the seed so that renaming a dossier does not change its content.
        var rng = new Rng(Rng.Derive(spec.Seed, $"case:{spec.Cancer}:{spec.Language}"));
        var french = spec.Language == DossierLanguage.French;
        var needsSurgery = spec.ConflictFields.Any(f => f is ContractFields.PathologicT or ContractFields.PathologicN);
        var metastatic = !needsSurgery && (spec.Metastatic ?? rng.Chance(spec.Cancer switch
        {
            CancerType.Breast => 0.15,
            CancerType.Lung => 0.55,
            CancerType.Prostate => 0.2,
            _ => 0.25,
        }));

        var sex = spec.Cancer switch
        {
            CancerType.Breast => Sex.Female,
            CancerType.Prostate => Sex.Male,
            CancerType.Lung => rng.Chance(0.6) ? Sex.Male : Sex.Female,
            _ => rng.Chance(0.55) ? Sex.Male : Sex.Female,
        };
        var age = spec.Cancer switch
        {
            CancerType.Breast => rng.Between(38, 79),
            CancerType.Prostate => rng.Between(54, 79),
            CancerType.Lung => rng.Between(46, 81),
            _ => rng.Between(45, 84),
        };
        var diagnosis = new DateOnly(2021, 2, 1).AddDays(rng.Between(0, 1330));
        var birth = diagnosis.AddYears(-age).AddDays(-rng.Between(1, 360));
        var patient = People.NewPatient(rng, french, sex, birth);
        var team = People.NewTeam(rng, french);
        var dates = french ? DateStyle.French : rng.Chance(0.35) ? DateStyle.American : DateStyle.British;

        var tumor = spec.Cancer switch
        {
            CancerType.Breast => BreastTumor(rng, metastatic),
            CancerType.Lung => LungTumor(rng, metastatic),
            CancerType.Prostate => ProstateTumor(rng, metastatic),
            _ => ColorectalTumor(rng, metastatic, spec.Cancer == CancerType.Rectum),
        };

        var c = new ClinicalCase { Spec = spec, Patient = patient, Team = team, Tumor = tumor, Dates = dates, DiagnosisDate = diagnosis };
        c.Ecog = metastatic ? rng.Weighted((0, 0.25), (1, 0.55), (2, 0.2)) : rng.Weighted((0, 0.6), (1, 0.4));
        switch (spec.Cancer)
        {
            case CancerType.Breast:
                PlanBreast(c, rng);
                break;
            case CancerType.Lung:
                PlanLung(c, rng);
                break;
            case CancerType.Prostate:
                PlanProstate(c, rng);
                break;
            default:
                PlanColorectal(c, rng);
                break;
        }

        if (spec.Size == DossierSize.Large)
        {
            // Large dossiers carry a blood count before every later review, as treatment units print them.
            var reviews = c.Documents.Where(d => d.Key == DocKeys.FollowUp && d.Sequence >= 2).ToList();
            foreach (var review in reviews)
            {
                var panel = Panel(c, rng, review.Date.AddDays(-1), "cycle", []);
                Doc(c, DocKeys.Labs, GoldDocumentKinds.LabResults, panel.Date, panels: [panel], sequence: review.Sequence + 10);
            }
        }

        PlanConflicts(c, rng);
        var ordered = c.Documents.Select((d, i) => (d, i)).OrderBy(p => p.d.Date).ThenBy(p => p.i).Select(p => p.d).ToList();
        c.Documents.Clear();
        c.Documents.AddRange(ordered);
        return c;
    }

    // ---------------------------------------------------------------- tumours

    private static Tumor BreastTumor(Rng rng, bool metastatic)
    {
        var lobular = rng.Chance(0.2);
        var size = metastatic ? rng.Between(24, 62) : rng.Weighted((rng.Between(7, 12), 0.25), (rng.Between(13, 20), 0.4), (rng.Between(21, 45), 0.35));
        var grade = lobular ? rng.Weighted((1, 0.25), (2, 0.65), (3, 0.1)) : rng.Weighted((1, 0.2), (2, 0.45), (3, 0.35));
        var subtype = rng.Weighted(("luminal", 0.72), ("her2", 0.15), ("triple", lobular ? 0.02 : 0.13));
        int er = subtype == "triple" ? 0 : subtype == "her2" && rng.Chance(0.45) ? 0 : rng.Between(4, 10) * 10;
        int pr = er == 0 ? 0 : rng.Chance(0.7) ? rng.Between(1, 9) * 10 : 0;
        var her2 = subtype == "her2"
            ? (rng.Chance(0.7) ? new Her2(3, null) : new Her2(2, true))
            : rng.Weighted((new Her2(0, null), 0.38), (new Her2(1, null), 0.38), (new Her2(2, false), 0.2), (new Her2(2, null), 0.04));
        var ki67 = grade switch
        {
            1 => rng.Between(2, 3) * 5,
            2 => rng.Between(2, 6) * 5,
            _ => rng.Between(5, 14) * 5,
        };
        var cn = metastatic ? rng.Pick("N1", "N2") : rng.Chance(0.72) ? "N0" : "N1";
        var ct = Staging.BreastT(size);
        var tumor = new Tumor
        {
            PrimarySite = "breast",
            Side = rng.Chance(0.5) ? Side.Left : Side.Right,
            Location = rng.Weighted(("uoq", 0.5), ("uiq", 0.14), ("loq", 0.12), ("liq", 0.08), ("central", 0.08), ("outer-junction", 0.08)),
            Histology = lobular ? "invasive lobular carcinoma" : "invasive ductal carcinoma",
            Grade = grade,
            NottinghamScores = Nottingham(rng, grade),
            SizeMm = size,
            Clinical = new Tnm(ct, cn, metastatic ? "M1" : "M0"),
            Stage = "",
            ErPercent = er,
            PrPercent = pr,
            Her2 = her2,
            Ki67 = ki67,
        };
        if (metastatic)
        {
            tumor.MetastaticSites.AddRange(Sites(rng, ("bone", 0.6), ("liver", 0.35), ("lung", 0.25), ("distant lymph nodes", 0.1)));
        }

        if (subtype == "triple" || rng.Chance(0.2))
        {
            tumor.BrcaMutated = rng.Chance(0.18);
        }

        tumor.Stage = Staging.BreastStage(ct, cn, tumor.Clinical.M);
        return tumor;
    }

    private static (int, int, int) Nottingham(Rng rng, int grade)
    {
        while (true)
        {
            var t = rng.Between(1, 3);
            var p = rng.Between(1, 3);
            var m = rng.Between(1, 3);
            var sum = t + p + m;
            var g = sum <= 5 ? 1 : sum <= 7 ? 2 : 3;
            if (g == grade)
            {
                return (t, p, m);
            }
        }
    }

    private static Tumor LungTumor(Rng rng, bool metastatic)
    {
        var squamous = rng.Chance(0.3);
        var size = metastatic ? rng.Between(26, 82) : rng.Between(14, 48);
        var cn = metastatic ? rng.Pick("N1", "N2", "N3") : rng.Chance(0.7) ? "N0" : "N1";
        var tumor = new Tumor
        {
            PrimarySite = "lung",
            Location = rng.Weighted(("rul", 0.3), ("rml", 0.08), ("rll", 0.17), ("lul", 0.27), ("lll", 0.18)),
            Histology = squamous ? "squamous cell carcinoma" : "adenocarcinoma",
            Grade = rng.Chance(0.45) ? rng.Weighted((1, 0.15), (2, 0.55), (3, 0.3)) : null,
            SizeMm = size,
            Clinical = new Tnm(Staging.LungT(size), cn, "M0"),
            Stage = "",
            PdL1 = rng.Weighted((0, 0.3), (rng.Between(1, 49), 0.35), (rng.Between(50, 95), 0.35)),
        };
        tumor.Side = tumor.Location.StartsWith('r') ? Side.Right : Side.Left;
        if (!squamous)
        {
            var driver = rng.Weighted(("egfr", 0.16), ("alk", 0.05), ("kras", 0.14), ("braf", 0.02), ("none", 0.63));
            tumor.Egfr = driver == "egfr" ? rng.Pick("exon 19 deletion", "L858R") : "wild-type";
            tumor.AlkPositive = driver == "alk";
            if (metastatic || rng.Chance(0.5))
            {
                tumor.Kras = driver == "kras" ? rng.Pick("G12C", "G12V", "G12D") : "wild-type";
                tumor.BrafMutated = driver == "braf";
            }
        }
        else if (metastatic)
        {
            // Metastatic squamous carcinomas are tested for EGFR and ALK too (never-smokers, small biopsies where the
            // subtype is uncertain); they are almost always negative. Decided without drawing, so the rest of the case
            // stays as it was.
            tumor.Egfr = "wild-type";
            tumor.AlkPositive = false;
        }

        if (metastatic)
        {
            tumor.MetastaticSites.AddRange(Sites(rng, ("bone", 0.4), ("liver", 0.2), ("adrenal", 0.2), ("brain", 0.2), ("pleura", 0.15), ("contralateral lung", 0.15)));
            var extrathoracic = tumor.MetastaticSites.Count(s => s is not ("pleura" or "contralateral lung"));
            var m = extrathoracic == 0 ? "M1a" : extrathoracic == 1 ? "M1b" : "M1c";
            tumor.Clinical = tumor.Clinical with { M = m };
        }

        tumor.Stage = Staging.LungStage(tumor.Clinical.T, tumor.Clinical.N, tumor.Clinical.M);
        return tumor;
    }

    private static Tumor ProstateTumor(Rng rng, bool metastatic)
    {
        var gleason = metastatic
            ? rng.Weighted(((4, 3), 0.3), ((4, 4), 0.35), ((4, 5), 0.35))
            : rng.Weighted(((3, 3), 0.2), ((3, 4), 0.4), ((4, 3), 0.25), ((4, 4), 0.1), ((4, 5), 0.05));
        var psa = metastatic ? Math.Round(rng.Between(48.0, 480.0), 1) : Math.Round(rng.Between(4.6, 24.0), 1);
        var ct = metastatic ? rng.Pick("T3a", "T3b") : rng.Weighted(("T1c", 0.35), ("T2a", 0.2), ("T2b", 0.15), ("T2c", 0.15), ("T3a", 0.15));
        var tumor = new Tumor
        {
            PrimarySite = "prostate",
            Location = rng.Pick("peripheral", "transition", "apex", "base"),
            Histology = "adenocarcinoma",
            Gleason = gleason,
            SizeMm = rng.Between(8, 24),
            Clinical = new Tnm(ct, metastatic && rng.Chance(0.5) ? "N1" : "N0", "M0"),
            Stage = "",
            Psa = psa,
            PiRads = rng.Weighted((4, 0.55), (5, 0.45)),
        };
        if (metastatic)
        {
            tumor.MetastaticSites.Add("bone");
            if (rng.Chance(0.25))
            {
                tumor.MetastaticSites.Add("distant lymph nodes");
            }

            tumor.Clinical = tumor.Clinical with { M = tumor.MetastaticSites.Count > 1 ? "M1b" : rng.Pick("M1b", "M1b", "M1c") };
            if (tumor.Clinical.M == "M1c")
            {
                tumor.MetastaticSites.Add("liver");
            }
        }

        tumor.Stage = Staging.ProstateStage(ct, tumor.Clinical.N, tumor.Clinical.M, psa, tumor.IsupGroup!.Value);
        return tumor;
    }

    private static Tumor ColorectalTumor(Rng rng, bool metastatic, bool rectum)
    {
        var mucinous = rng.Chance(0.14);
        var ct = rectum && !metastatic ? rng.Pick("T1", "T2", "T2") : rng.Weighted(("T2", 0.12), ("T3", 0.6), ("T4a", 0.28));
        var cn = rectum && !metastatic ? "N0" : rng.Chance(0.5) ? "N0" : rng.Pick("N1", "N2");
        var tumor = new Tumor
        {
            PrimarySite = rectum ? "rectum" : "colon",
            Location = rectum
                ? rng.Pick("low", "mid", "upper")
                : rng.Weighted(("caecum", 0.15), ("ascending", 0.15), ("hepatic-flexure", 0.06), ("transverse", 0.08), ("splenic-flexure", 0.04), ("descending", 0.1), ("sigmoid", 0.42)),
            Histology = mucinous ? "mucinous adenocarcinoma" : "adenocarcinoma",
            Grade = mucinous ? rng.Weighted((2, 0.4), (3, 0.6)) : rng.Weighted((1, 0.2), (2, 0.62), (3, 0.18)),
            SizeMm = rng.Between(18, 62),
            Clinical = new Tnm(ct, cn, "M0"),
            Stage = "",
            MsiHigh = rng.Chance(mucinous ? 0.3 : 0.12),
        };
        if (metastatic)
        {
            tumor.MetastaticSites.AddRange(Sites(rng, ("liver", 0.8), ("lung", 0.3), ("peritoneum", 0.15)));
            var m = tumor.MetastaticSites.Contains("peritoneum") ? "M1c" : tumor.MetastaticSites.Count > 1 ? "M1b" : "M1a";
            tumor.Clinical = tumor.Clinical with { M = m };
            tumor.Kras = rng.Chance(0.45) ? rng.Pick("G12D", "G12V", "G13D") : "wild-type";
            tumor.BrafMutated = tumor.Kras == "wild-type" && rng.Chance(0.12);
        }
        else if (rng.Chance(0.3))
        {
            tumor.Kras = rng.Chance(0.42) ? rng.Pick("G12D", "G12V", "G13D") : "wild-type";
        }

        tumor.Stage = Staging.ColorectalStage(ct, cn, tumor.Clinical.M);
        return tumor;
    }

    private static List<string> Sites(Rng rng, params (string Site, double P)[] candidates)
    {
        var chosen = candidates.Where(c => rng.Chance(c.P)).Select(c => c.Site).ToList();
        if (chosen.Count == 0)
        {
            chosen.Add(candidates[0].Site);
        }

        return chosen;
    }

    // ---------------------------------------------------------------- plans

    private static int FollowUps(ClinicalCase c) => c.Spec.Size switch
    {
        DossierSize.Small => 0,
        DossierSize.Medium => 2,
        _ => 6,
    };

    private static void Doc(ClinicalCase c, string key, string kind, DateOnly date, CaseEvent? e = null, IReadOnlyList<LabPanel>? panels = null, int sequence = 0) =>
        c.Documents.Add(new PlannedDocument(key, kind, date) { Event = e, Panels = panels ?? [], Sequence = sequence });

    /// <summary>Medium and large dossiers hold the discharge summary of the surgical stay.</summary>
    private static void Discharge(ClinicalCase c, Rng rng, DateOnly surgeryDate)
    {
        if (c.Spec.Size != DossierSize.Small)
        {
            var discharge = surgeryDate.AddDays(rng.Between(2, 6));
            Doc(c, DocKeys.Discharge, GoldDocumentKinds.DischargeSummary, discharge);
            if (c.Spec.Size == DossierSize.Large)
            {
                Doc(c, DocKeys.Nursing, GoldDocumentKinds.NursingNotes, discharge);
            }
        }
    }

    private static string SideWord(ClinicalCase c) => c.Tumor.Side == Side.Left ? "left" : "right";

    private static void PlanBreast(ClinicalCase c, Rng rng)
    {
        var t = c.Tumor;
        var dx = c.DiagnosisDate;
        var imagingDate = dx.AddDays(-rng.Between(4, 15));
        if (rng.Chance(0.6))
        {
            c.AddEvent(imagingDate.AddDays(-rng.Between(10, 50)), K.Symptom, $"Palpable lump in the {SideWord(c)} breast", monthOnly: true);
        }

        var mammo = c.AddEvent(imagingDate, K.Imaging, $"Mammography and ultrasound: suspicious {SideWord(c)} breast mass, BI-RADS 5");
        Doc(c, DocKeys.DiagnosticImaging, GoldDocumentKinds.Imaging, imagingDate, mammo);
        c.AddEvent(dx, K.Biopsy, $"Ultrasound-guided core needle biopsy of the {SideWord(c)} breast");
        var pathDate = dx.AddDays(rng.Between(4, 8));
        Doc(c, DocKeys.BiopsyPathology, GoldDocumentKinds.Pathology, pathDate);
        Doc(c, DocKeys.Referral, GoldDocumentKinds.ReferralLetter, pathDate.AddDays(rng.Between(2, 9)));

        var stagingDate = dx.AddDays(rng.Between(9, 16));
        if (t.IsMetastatic || t.Clinical.N != "N0" || t.SizeMm > 30 || c.Spec.Size == DossierSize.Large)
        {
            var ct = c.AddEvent(stagingDate, K.Imaging, "Staging CT chest, abdomen and pelvis");
            Doc(c, DocKeys.StagingCt, GoldDocumentKinds.Imaging, stagingDate, ct);
            if (t.IsMetastatic || rng.Chance(0.5))
            {
                var boneDate = stagingDate.AddDays(rng.Between(1, 5));
                var bone = c.AddEvent(boneDate, K.Imaging, "Bone scintigraphy");
                Doc(c, DocKeys.BoneScan, GoldDocumentKinds.Imaging, boneDate, bone);
            }
        }

        if (!t.IsMetastatic && (rng.Chance(0.35) || c.Spec.Size == DossierSize.Large))
        {
            var mriDate = dx.AddDays(rng.Between(5, 12));
            var mri = c.AddEvent(mriDate, K.Imaging, "Breast MRI");
            Doc(c, DocKeys.BreastMri, GoldDocumentKinds.Imaging, mriDate, mri);
        }

        var board = c.AddEvent(dx.AddDays(rng.Between(17, 24)), K.TumorBoard, "Multidisciplinary tumour board");
        var labs = new List<LabPanel>();

        if (t.IsMetastatic)
        {
            c.Tumor.Stage = "IV";
            var firstConsult = board.Date.AddDays(rng.Between(3, 8));
            var baselineAbnormal = new List<(Analyte, string)>();
            if (t.MetastaticSites.Contains("bone") && rng.Chance(0.5))
            {
                baselineAbnormal.Add((Labs.Calcium, "high"));
            }

            if (t.MetastaticSites.Contains("liver") && rng.Chance(0.7))
            {
                baselineAbnormal.Add((rng.Pick(Labs.Ast, Labs.Alt, Labs.Bilirubin), "high"));
            }

            labs.Add(Panel(c, rng, firstConsult.AddDays(-rng.Between(1, 4)), "baseline", baselineAbnormal, liver: true));
            Doc(c, DocKeys.InitialConsultation, GoldDocumentKinds.Consultation, firstConsult);
            var start = firstConsult.AddDays(rng.Between(5, 12));
            Treatment first;
            if (t.Her2!.Status == "positive")
            {
                first = c.AddTreatment(TK.Chemotherapy, "paclitaxel + trastuzumab + pertuzumab", start, null, "palliative", "taxol-hp");
            }
            else if (t.ErPercent > 0)
            {
                first = c.AddTreatment(TK.HormoneTherapy, "letrozole + palbociclib", start, null, "palliative", "letrozole-palbo");
            }
            else
            {
                first = c.AddTreatment(TK.Chemotherapy, "weekly paclitaxel", start, null, "palliative", "paclitaxel");
            }
            c.AddEvent(start, K.TreatmentStart, $"First-line {first.Name} started");
            var toxDate = start.AddDays(rng.Between(12, 20));
            c.Toxicities.Add(new Toxicity("x1", "neutropenia", 3, toxDate, first.Id));
            c.AddEvent(toxDate, K.Toxicity, "Grade 3 neutropenia");
            labs.Add(Panel(c, rng, toxDate, "nadir", [(Labs.Neutrophils, "low")]));
            Doc(c, DocKeys.Labs, GoldDocumentKinds.LabResults, toxDate.AddDays(1), panels: labs.ToList());
            Doc(c, DocKeys.FollowUp, GoldDocumentKinds.Consultation, toxDate.AddDays(rng.Between(2, 6)));
            EvaluationAndStatus(c, rng, start, labs);
            return;
        }

        // Early disease: surgery, then adjuvant treatment as the tumour board decides.
        var surgeryDate = board.Date.AddDays(rng.Between(8, 20));
        var mastectomy = t.SizeMm > 35 || rng.Chance(0.15);
        var axillary = t.Clinical.N != "N0";
        var procedure = $"{SideWord(c)} {(mastectomy ? "mastectomy" : "lumpectomy")} with {(axillary ? "axillary lymph node dissection" : "sentinel lymph node biopsy")}";
        var surgery = c.AddTreatment(TK.Surgery, procedure, surgeryDate, null, "curative", mastectomy ? "mastectomy" : "lumpectomy");
        var surgeryEvent = c.AddEvent(surgeryDate, K.Surgery, char.ToUpperInvariant(procedure[0]) + procedure[1..]);
        Doc(c, DocKeys.Operative, GoldDocumentKinds.OperativeReport, surgeryDate, surgeryEvent);
        Discharge(c, rng, surgeryDate);

        var pathSize = Math.Max(4, Math.Round(t.SizeMm * rng.Between(0.8, 1.15)));
        var examined = axillary ? rng.Between(10, 18) : rng.Between(1, 4);
        var involved = axillary ? rng.Between(1, 7) : rng.Weighted((0, 0.8), (rng.Between(1, 2), 0.15), (0, 0.05));
        var micro = !axillary && involved == 0 && rng.Chance(0.06);
        t.SentinelOnly = !axillary;
        t.Nodes = (examined, involved);
        t.SizeMm = pathSize;
        t.Pathologic = new Tnm(Staging.BreastT(pathSize), Staging.BreastPathologicN(involved, micro), "");
        t.Stage = Staging.BreastStage(t.Pathologic.T, t.Pathologic.N, "M0");
        var resectionDate = surgeryDate.AddDays(rng.Between(7, 12));
        Doc(c, DocKeys.ResectionPathology, GoldDocumentKinds.Pathology, resectionDate);
        var consult = resectionDate.AddDays(rng.Between(5, 12));
        Doc(c, DocKeys.InitialConsultation, GoldDocumentKinds.Consultation, consult);

        var chemo = t.Pathologic.N != "N0" || t.ErPercent == 0 || t.Her2!.Status == "positive" || (t.Grade == 3 && pathSize > 10) || t.Ki67 >= 30;
        var nextStart = consult.AddDays(rng.Between(8, 18));
        DateOnly lastDate;
        if (chemo)
        {
            var start = nextStart;
            var delayed = rng.Chance(0.5);
            var end = start.AddDays((5 * 21) + (delayed ? 7 : 0));
            var regimen = c.AddTreatment(TK.Chemotherapy, "FEC100 x3 then docetaxel x3", start, end, "adjuvant", "fec-doce", 6);
            c.AddEvent(start, K.TreatmentStart, "Start of adjuvant chemotherapy FEC100 then docetaxel");
            c.AddEvent(end, K.TreatmentEnd, "End of adjuvant chemotherapy");
            labs.Add(Panel(c, rng, start.AddDays(-rng.Between(2, 5)), "baseline", []));
            var toxDate = start.AddDays(21 + rng.Between(9, 13));
            var toxName = rng.Weighted(("neutropenia", 0.6), ("febrile neutropenia", 0.2), ("anemia", 0.2));
            c.Toxicities.Add(new Toxicity("x1", toxName, 3, toxDate, regimen.Id));
            c.AddEvent(toxDate, K.Toxicity, $"Grade 3 {toxName}");
            var abnormal = toxName == "anemia" ? new List<(Analyte, string)> { (Labs.Hemoglobin, "low") } : [(Labs.Neutrophils, "low")];
            if (rng.Chance(0.35))
            {
                abnormal.Add((Labs.Platelets, "low"));
            }

            labs.Add(Panel(c, rng, toxDate, "nadir", abnormal));
            if (rng.Chance(0.5))
            {
                var neuroDate = start.AddDays((4 * 21) + rng.Between(5, 15));
                c.Toxicities.Add(new Toxicity("x2", "peripheral neuropathy", 2, neuroDate, regimen.Id));
                c.AddEvent(neuroDate, K.Toxicity, "Grade 2 peripheral neuropathy");
            }

            Doc(c, DocKeys.Labs, GoldDocumentKinds.LabResults, toxDate.AddDays(1), panels: labs.ToList());
            Doc(c, DocKeys.FollowUp, GoldDocumentKinds.Consultation, toxDate.AddDays(rng.Between(3, 7)), sequence: 1);
            if (t.Her2!.Status == "positive")
            {
                var trastuzumab = start.AddDays(63);
                c.AddTreatment(TK.TargetedTherapy, "trastuzumab", trastuzumab, null, "adjuvant");
                c.AddEvent(trastuzumab, K.TreatmentStart, "Start of adjuvant trastuzumab");
            }

            for (var i = 0; i < FollowUps(c) - 1; i++)
            {
                var d = start.AddDays(70 + (i * 14) + rng.Between(0, 5));
                labs.Add(Panel(c, rng, d, "cycle", []));
                Doc(c, DocKeys.FollowUp, GoldDocumentKinds.Consultation, d.AddDays(1), sequence: i + 2);
            }

            nextStart = end.AddDays(rng.Between(21, 35));
        }

        var boost = !mastectomy && rng.Chance(0.5);
        var rtEnd = nextStart.AddDays(boost ? 46 : 34);
        var rtName = mastectomy
            ? $"adjuvant chest wall radiotherapy, 50 Gy in 25 fractions"
            : $"adjuvant radiotherapy to the {SideWord(c)} breast, 50 Gy in 25 fractions{(boost ? " plus 16 Gy boost" : "")}";
        c.AddTreatment(TK.Radiotherapy, rtName, nextStart, rtEnd, "adjuvant");
        c.AddEvent(nextStart, K.TreatmentStart, "Start of adjuvant radiotherapy");
        c.AddEvent(rtEnd, K.TreatmentEnd, "End of adjuvant radiotherapy");
        if (rng.Chance(0.6) || c.Spec.Size != DossierSize.Small)
        {
            Doc(c, DocKeys.RadiotherapySummary, GoldDocumentKinds.Consultation, rtEnd.AddDays(rng.Between(0, 5)));
        }

        lastDate = rtEnd;
        if (t.ErPercent > 0)
        {
            var htStart = rtEnd.AddDays(rng.Between(10, 24));
            var drug = c.AgeAt(htStart) >= 55 ? "letrozole" : "tamoxifen";
            c.AddTreatment(TK.HormoneTherapy, drug, htStart, null, "adjuvant");
            c.AddEvent(htStart, K.TreatmentStart, $"Start of adjuvant {drug}");
            lastDate = htStart;
        }

        if (!chemo)
        {
            labs.Add(Panel(c, rng, consult.AddDays(-rng.Between(1, 3)), "baseline", rng.Chance(0.5) ? [(Labs.Potassium, "low")] : [(Labs.Hemoglobin, "low")]));
            Doc(c, DocKeys.Labs, GoldDocumentKinds.LabResults, labs[^1].Date.AddDays(1), panels: labs.ToList());
        }

        c.DiseaseStatus = "no evidence of disease";
        Doc(c, DocKeys.FinalConsultation, GoldDocumentKinds.Consultation, lastDate.AddDays(rng.Between(30, 75)));
    }

    private static void PlanLung(ClinicalCase c, Rng rng)
    {
        var t = c.Tumor;
        var dx = c.DiagnosisDate;
        c.AddEvent(dx.AddDays(-rng.Between(30, 70)), K.Symptom, rng.Pick("Persistent cough", "Haemoptysis", "Dyspnoea and weight loss", "Chest pain"), monthOnly: true);
        var ctDate = dx.AddDays(-rng.Between(12, 25));
        var ct = c.AddEvent(ctDate, K.Imaging, $"CT chest: {SideWord(c)} lung mass");
        Doc(c, DocKeys.DiagnosticImaging, GoldDocumentKinds.Imaging, ctDate, ct);
        var petDate = ctDate.AddDays(rng.Between(5, 10));
        var pet = c.AddEvent(petDate, K.Imaging, "FDG PET-CT");
        Doc(c, DocKeys.PetCt, GoldDocumentKinds.Imaging, petDate, pet);
        c.AddEvent(dx, K.Biopsy, t.IsMetastatic ? "CT-guided biopsy" : rng.Pick("Bronchoscopy with biopsy", "CT-guided transthoracic biopsy"));
        var pathDate = dx.AddDays(rng.Between(5, 9));
        Doc(c, DocKeys.BiopsyPathology, GoldDocumentKinds.Pathology, pathDate);
        Doc(c, DocKeys.Referral, GoldDocumentKinds.ReferralLetter, pathDate.AddDays(rng.Between(2, 8)));
        if (t.IsMetastatic || t.Clinical.N != "N0" || c.Spec.Size == DossierSize.Large)
        {
            var mriDate = dx.AddDays(rng.Between(3, 10));
            var mri = c.AddEvent(mriDate, K.Imaging, "Brain MRI");
            Doc(c, DocKeys.BrainMri, GoldDocumentKinds.Imaging, mriDate, mri);
        }

        var board = c.AddEvent(dx.AddDays(rng.Between(14, 21)), K.TumorBoard, "Multidisciplinary tumour board");
        var labs = new List<LabPanel>();
        if (t.IsMetastatic)
        {
            var consult = board.Date.AddDays(rng.Between(2, 7));
            var baseline = new List<(Analyte, string)>();
            if (t.MetastaticSites.Contains("bone") && rng.Chance(0.45))
            {
                baseline.Add((Labs.Calcium, "high"));
            }

            if (rng.Chance(0.2))
            {
                baseline.Add((Labs.Sodium, "low"));
            }

            if (t.MetastaticSites.Contains("liver") && rng.Chance(0.6))
            {
                baseline.Add((rng.Pick(Labs.Ast, Labs.Alt), "high"));
            }

            labs.Add(Panel(c, rng, consult.AddDays(-rng.Between(1, 3)), "baseline", baseline, liver: true));
            Doc(c, DocKeys.InitialConsultation, GoldDocumentKinds.Consultation, consult);
            var start = consult.AddDays(rng.Between(4, 10));
            Treatment first;
            if (t.Egfr is "exon 19 deletion" or "L858R")
            {
                first = c.AddTreatment(TK.TargetedTherapy, "osimertinib", start, null, "palliative", "osimertinib");
                var toxDate = start.AddDays(rng.Between(20, 40));
                var tox = rng.Pick("diarrhea", "skin rash");
                c.Toxicities.Add(new Toxicity("x1", tox, 2, toxDate, first.Id));
                c.AddEvent(toxDate, K.Toxicity, $"Grade 2 {tox}");
                labs.Add(Panel(c, rng, toxDate, "control", tox == "diarrhea" ? [(Labs.Potassium, "low")] : []));
            }
            else if (t.AlkPositive == true)
            {
                first = c.AddTreatment(TK.TargetedTherapy, "alectinib", start, null, "palliative", "alectinib");
                var toxDate = start.AddDays(rng.Between(20, 40));
                c.Toxicities.Add(new Toxicity("x1", "anemia", 2, toxDate, first.Id));
                c.AddEvent(toxDate, K.Toxicity, "Grade 2 anemia");
                labs.Add(Panel(c, rng, toxDate, "control", [(Labs.Hemoglobin, "low")]));
            }
            else if (t.PdL1 >= 50)
            {
                first = c.AddTreatment(TK.Immunotherapy, "pembrolizumab", start, null, "palliative", "pembrolizumab");
                var toxDate = start.AddDays(rng.Between(40, 70));
                var tox = rng.Pick("hypothyroidism", "pneumonitis");
                c.Toxicities.Add(new Toxicity("x1", tox, 2, toxDate, first.Id));
                c.AddEvent(toxDate, K.Toxicity, $"Grade 2 {tox}");
                labs.Add(Panel(c, rng, toxDate, "control", rng.Chance(0.5) ? [(Labs.Creatinine, "high")] : []));
            }
            else
            {
                var doublet = t.Histology == "adenocarcinoma" ? "carboplatin-pemetrexed" : "carboplatin-paclitaxel";
                first = c.AddTreatment(TK.Chemotherapy, doublet + " x4", start, start.AddDays(63 + 21), "palliative", doublet, 4);
                c.AddTreatment(TK.Immunotherapy, "pembrolizumab", start, null, "palliative");
                var toxDate = start.AddDays(rng.Between(10, 14));
                c.Toxicities.Add(new Toxicity("x1", "neutropenia", 3, toxDate, first.Id));
                c.AddEvent(toxDate, K.Toxicity, "Grade 3 neutropenia");
                labs.Add(Panel(c, rng, toxDate, "nadir", rng.Chance(0.5) ? [(Labs.Neutrophils, "low"), (Labs.Hemoglobin, "low")] : [(Labs.Neutrophils, "low"), (Labs.Platelets, "low")]));
            }

            c.AddEvent(start, K.TreatmentStart, $"First-line {first.Name} started");
            Doc(c, DocKeys.Labs, GoldDocumentKinds.LabResults, labs[^1].Date.AddDays(1), panels: labs.ToList());
            Doc(c, DocKeys.FollowUp, GoldDocumentKinds.Consultation, labs[^1].Date.AddDays(rng.Between(2, 6)), sequence: 1);
            EvaluationAndStatus(c, rng, start, labs);
            return;
        }

        var surgeryDate = board.Date.AddDays(rng.Between(10, 25));
        var lobe = LobeName(t.Location);
        var surgery = c.AddTreatment(TK.Surgery, $"{lobe} lobectomy with mediastinal lymph node dissection", surgeryDate, null, "curative", "lobectomy");
        var surgeryEvent = c.AddEvent(surgeryDate, K.Surgery, $"Video-assisted {lobe} lobectomy");
        Doc(c, DocKeys.Operative, GoldDocumentKinds.OperativeReport, surgeryDate, surgeryEvent);
        Discharge(c, rng, surgeryDate);
        var pathSize = Math.Round(t.SizeMm * rng.Between(0.85, 1.15));
        var involved = t.Clinical.N == "N0" ? rng.Weighted((0, 0.8), (rng.Between(1, 2), 0.2)) : rng.Between(1, 4);
        t.Nodes = (rng.Between(8, 22), involved);
        t.SizeMm = pathSize;
        t.Pathologic = new Tnm(Staging.LungT(pathSize), involved == 0 ? "N0" : "N1", "");
        t.Stage = Staging.LungStage(t.Pathologic.T, t.Pathologic.N, "M0");
        var resectionDate = surgeryDate.AddDays(rng.Between(7, 12));
        Doc(c, DocKeys.ResectionPathology, GoldDocumentKinds.Pathology, resectionDate);
        var consultDate = resectionDate.AddDays(rng.Between(6, 14));
        Doc(c, DocKeys.InitialConsultation, GoldDocumentKinds.Consultation, consultDate);
        DateOnly last = consultDate;
        if (involved > 0 || pathSize > 40)
        {
            var start = consultDate.AddDays(rng.Between(8, 16));
            var end = start.AddDays(63 + 21);
            var chemo = c.AddTreatment(TK.Chemotherapy, "cisplatin-vinorelbine x4", start, end, "adjuvant", "cis-vino", 4);
            c.AddEvent(start, K.TreatmentStart, "Start of adjuvant cisplatin-vinorelbine");
            c.AddEvent(end, K.TreatmentEnd, "End of adjuvant chemotherapy");
            labs.Add(Panel(c, rng, start.AddDays(-2), "baseline", []));
            var toxDate = start.AddDays(21 + rng.Between(8, 12));
            c.Toxicities.Add(new Toxicity("x1", "acute kidney injury", 2, toxDate, chemo.Id));
            c.AddEvent(toxDate, K.Toxicity, "Grade 2 acute kidney injury");
            var abnormal = new List<(Analyte, string)> { (Labs.Creatinine, "high") };
            if (rng.Chance(0.6))
            {
                abnormal.Add((Labs.Neutrophils, "low"));
                c.Toxicities.Add(new Toxicity("x2", "neutropenia", 3, toxDate, chemo.Id));
            }

            labs.Add(Panel(c, rng, toxDate, "nadir", abnormal));
            Doc(c, DocKeys.Labs, GoldDocumentKinds.LabResults, toxDate.AddDays(1), panels: labs.ToList());
            Doc(c, DocKeys.FollowUp, GoldDocumentKinds.Consultation, toxDate.AddDays(rng.Between(2, 6)), sequence: 1);
            last = end;
            if (t.Egfr is "exon 19 deletion" or "L858R")
            {
                var osi = end.AddDays(rng.Between(20, 35));
                c.AddTreatment(TK.TargetedTherapy, "osimertinib", osi, null, "adjuvant");
                c.AddEvent(osi, K.TreatmentStart, "Start of adjuvant osimertinib");
                last = osi;
            }
        }
        else
        {
            labs.Add(Panel(c, rng, consultDate.AddDays(-2), "control", [(rng.Pick(Labs.Hemoglobin, Labs.Sodium), "low")]));
            Doc(c, DocKeys.Labs, GoldDocumentKinds.LabResults, consultDate.AddDays(-1), panels: labs.ToList());
        }

        for (var i = 0; i < FollowUps(c) - 1; i++)
        {
            var d = last.AddDays(30 + (i * 40));
            Doc(c, DocKeys.FollowUp, GoldDocumentKinds.Consultation, d, sequence: i + 2);
        }

        c.DiseaseStatus = "no evidence of disease";
        var evalDate = last.AddDays(rng.Between(60, 100));
        var evalEvent = c.AddEvent(evalDate, K.Response, "Follow-up CT: no evidence of recurrence");
        Doc(c, DocKeys.Evaluation, GoldDocumentKinds.Imaging, evalDate, evalEvent);
        Doc(c, DocKeys.FinalConsultation, GoldDocumentKinds.Consultation, evalDate.AddDays(rng.Between(3, 10)));
    }

    internal static string LobeName(string location) => location switch
    {
        "rul" => "right upper",
        "rml" => "right middle",
        "rll" => "right lower",
        "lul" => "left upper",
        _ => "left lower",
    };

    private static void PlanProstate(ClinicalCase c, Rng rng)
    {
        var t = c.Tumor;
        var dx = c.DiagnosisDate;
        c.AddEvent(dx.AddDays(-rng.Between(50, 90)), K.Symptom, t.IsMetastatic ? "Bone pain" : "Raised PSA on routine testing", monthOnly: true);
        var mriDate = dx.AddDays(-rng.Between(12, 30));
        var mri = c.AddEvent(mriDate, K.Imaging, $"Prostate MRI: PI-RADS {t.PiRads} lesion");
        Doc(c, DocKeys.DiagnosticImaging, GoldDocumentKinds.Imaging, mriDate, mri);
        c.AddEvent(dx, K.Biopsy, "Transperineal prostate biopsies");
        var pathDate = dx.AddDays(rng.Between(5, 10));
        Doc(c, DocKeys.BiopsyPathology, GoldDocumentKinds.Pathology, pathDate);
        Doc(c, DocKeys.Referral, GoldDocumentKinds.ReferralLetter, pathDate.AddDays(rng.Between(3, 10)));
        var high = t.IsMetastatic || t.IsupGroup >= 3 || t.Psa > 20;
        if (high || c.Spec.Size == DossierSize.Large)
        {
            var boneDate = dx.AddDays(rng.Between(6, 14));
            var bone = c.AddEvent(boneDate, K.Imaging, "Bone scintigraphy");
            Doc(c, DocKeys.BoneScan, GoldDocumentKinds.Imaging, boneDate, bone);
            var ctDate = boneDate.AddDays(rng.Between(1, 6));
            var ct = c.AddEvent(ctDate, K.Imaging, "CT abdomen and pelvis");
            Doc(c, DocKeys.StagingCt, GoldDocumentKinds.Imaging, ctDate, ct);
        }

        var board = c.AddEvent(dx.AddDays(rng.Between(18, 30)), K.TumorBoard, "Multidisciplinary tumour board");
        var labs = new List<LabPanel>();
        if (t.IsMetastatic)
        {
            var consult = board.Date.AddDays(rng.Between(3, 8));
            labs.Add(Panel(c, rng, consult.AddDays(-2), "baseline", rng.Chance(0.5) ? [(Labs.Hemoglobin, "low"), (Labs.Calcium, "high")] : [(Labs.Hemoglobin, "low")]));
            Doc(c, DocKeys.InitialConsultation, GoldDocumentKinds.Consultation, consult);
            var start = consult.AddDays(rng.Between(3, 10));
            c.AddTreatment(TK.HormoneTherapy, "androgen deprivation therapy (degarelix)", start, null, "palliative");
            Treatment second;
            if (rng.Chance(0.5))
            {
                second = c.AddTreatment(TK.Chemotherapy, "docetaxel x6", start.AddDays(21), start.AddDays(21 + 105), "palliative", "docetaxel", 6);
                var toxDate = second.Start.AddDays(rng.Between(8, 12));
                c.Toxicities.Add(new Toxicity("x1", "neutropenia", 3, toxDate, second.Id));
                c.AddEvent(toxDate, K.Toxicity, "Grade 3 neutropenia");
                labs.Add(Panel(c, rng, toxDate, "nadir", [(Labs.Neutrophils, "low")]));
            }
            else
            {
                second = c.AddTreatment(TK.HormoneTherapy, "enzalutamide", start.AddDays(14), null, "palliative");
                var toxDate = second.Start.AddDays(rng.Between(25, 45));
                c.Toxicities.Add(new Toxicity("x1", "fatigue", 2, toxDate, second.Id));
                c.AddEvent(toxDate, K.Toxicity, "Grade 2 fatigue");
                labs.Add(Panel(c, rng, toxDate, "control", [(Labs.Potassium, "high")]));
            }

            c.AddEvent(start, K.TreatmentStart, "Start of androgen deprivation therapy");
            c.AddEvent(second.Start, K.TreatmentStart, $"Start of {second.Name}");
            Doc(c, DocKeys.Labs, GoldDocumentKinds.LabResults, labs[^1].Date.AddDays(1), panels: labs.ToList());
            Doc(c, DocKeys.FollowUp, GoldDocumentKinds.Consultation, labs[^1].Date.AddDays(rng.Between(2, 6)), sequence: 1);
            EvaluationAndStatus(c, rng, start, labs);
            return;
        }

        DateOnly last;
        if (rng.Chance(0.6))
        {
            var surgeryDate = board.Date.AddDays(rng.Between(20, 45));
            var surgery = c.AddTreatment(TK.Surgery, "robot-assisted radical prostatectomy with pelvic lymph node dissection", surgeryDate, null, "curative", "prostatectomy");
            var e = c.AddEvent(surgeryDate, K.Surgery, "Robot-assisted radical prostatectomy");
            Doc(c, DocKeys.Operative, GoldDocumentKinds.OperativeReport, surgeryDate, e);
            Discharge(c, rng, surgeryDate);
            var pt = t.Clinical.T.StartsWith("T3", StringComparison.Ordinal) ? rng.Pick("T3a", "T3b") : rng.Weighted(("T2", 0.75), ("T3a", 0.25));
            var involved = rng.Weighted((0, 0.9), (1, 0.1));
            t.Nodes = (rng.Between(6, 18), involved);
            t.Pathologic = new Tnm(pt, involved > 0 ? "N1" : "N0", "");
            t.Stage = Staging.ProstateStage(pt, t.Pathologic.N, "M0", t.Psa!.Value, t.IsupGroup!.Value);
            var resection = surgeryDate.AddDays(rng.Between(8, 14));
            Doc(c, DocKeys.ResectionPathology, GoldDocumentKinds.Pathology, resection);
            var postOp = surgeryDate.AddDays(rng.Between(2, 4));
            labs.Add(Panel(c, rng, postOp, "post-operative", [(Labs.Hemoglobin, "low")]));
            Doc(c, DocKeys.Labs, GoldDocumentKinds.LabResults, postOp.AddDays(1), panels: labs.ToList());
            Doc(c, DocKeys.InitialConsultation, GoldDocumentKinds.Consultation, resection.AddDays(rng.Between(7, 15)));
            last = resection.AddDays(20);
        }
        else
        {
            var consult = board.Date.AddDays(rng.Between(5, 12));
            var analyte = rng.Pick(Labs.Creatinine, Labs.Hemoglobin);
            labs.Add(Panel(c, rng, consult.AddDays(-3), "baseline", [(analyte, analyte == Labs.Creatinine ? "high" : "low")]));
            Doc(c, DocKeys.Labs, GoldDocumentKinds.LabResults, consult.AddDays(-2), panels: labs.ToList());
            Doc(c, DocKeys.InitialConsultation, GoldDocumentKinds.Consultation, consult);
            var adt = consult.AddDays(rng.Between(5, 12));
            var months = t.IsupGroup >= 4 ? 18 : 6;
            c.AddTreatment(TK.HormoneTherapy, $"androgen deprivation therapy (leuprorelin), {months} months", adt, adt.AddMonths(months), "curative");
            c.AddEvent(adt, K.TreatmentStart, "Start of androgen deprivation therapy");
            var rtStart = adt.AddDays(rng.Between(60, 90));
            var rtEnd = rtStart.AddDays(rng.Chance(0.5) ? 54 : 27);
            var rt = rtEnd.DayNumber - rtStart.DayNumber > 40 ? "external beam radiotherapy to the prostate, 78 Gy in 39 fractions" : "external beam radiotherapy to the prostate, 60 Gy in 20 fractions";
            var rtTreatment = c.AddTreatment(TK.Radiotherapy, rt, rtStart, rtEnd, "curative");
            c.AddEvent(rtStart, K.TreatmentStart, "Start of prostate radiotherapy");
            c.AddEvent(rtEnd, K.TreatmentEnd, "End of prostate radiotherapy");
            var toxDate = rtStart.AddDays(rng.Between(15, 25));
            c.Toxicities.Add(new Toxicity("x1", rng.Pick("cystitis", "proctitis"), 2, toxDate, rtTreatment.Id));
            c.AddEvent(toxDate, K.Toxicity, $"Grade 2 radiation {c.Toxicities[^1].Name}");
            Doc(c, DocKeys.RadiotherapySummary, GoldDocumentKinds.Consultation, rtEnd.AddDays(rng.Between(0, 6)));
            last = rtEnd;
        }

        for (var i = 0; i < FollowUps(c) - 1; i++)
        {
            Doc(c, DocKeys.FollowUp, GoldDocumentKinds.Consultation, last.AddDays(30 + (i * 60)), sequence: i + 2);
        }

        c.DiseaseStatus = "no evidence of disease";
        Doc(c, DocKeys.FinalConsultation, GoldDocumentKinds.Consultation, last.AddDays(rng.Between(75, 110)));
    }

    private static void PlanColorectal(ClinicalCase c, Rng rng)
    {
        var t = c.Tumor;
        var dx = c.DiagnosisDate;
        var rectum = t.PrimarySite == "rectum";
        c.AddEvent(dx.AddDays(-rng.Between(30, 80)), K.Symptom, rng.Pick(rectum ? "Rectal bleeding" : "Iron-deficiency anaemia", "Change in bowel habit", "Abdominal pain"), monthOnly: true);
        var scope = c.AddEvent(dx, K.Biopsy, "Colonoscopy with biopsies");
        Doc(c, DocKeys.Endoscopy, GoldDocumentKinds.Imaging, dx, scope);
        var pathDate = dx.AddDays(rng.Between(4, 8));
        Doc(c, DocKeys.BiopsyPathology, GoldDocumentKinds.Pathology, pathDate);
        var labs = new List<LabPanel>
        {
            Panel(c, rng, dx.AddDays(-rng.Between(3, 10)), "diagnosis", rng.Chance(0.65) ? [(Labs.Hemoglobin, "low")] : [(Labs.Potassium, "low")], liver: true),
        };
        var ctDate = dx.AddDays(rng.Between(5, 12));
        var ct = c.AddEvent(ctDate, K.Imaging, "Staging CT chest, abdomen and pelvis");
        Doc(c, DocKeys.StagingCt, GoldDocumentKinds.Imaging, ctDate, ct);
        if (rectum)
        {
            var mriDate = ctDate.AddDays(rng.Between(1, 6));
            var mri = c.AddEvent(mriDate, K.Imaging, "Pelvic MRI");
            Doc(c, DocKeys.PelvicMri, GoldDocumentKinds.Imaging, mriDate, mri);
        }

        Doc(c, DocKeys.Referral, GoldDocumentKinds.ReferralLetter, pathDate.AddDays(rng.Between(2, 8)));
        var board = c.AddEvent(dx.AddDays(rng.Between(16, 26)), K.TumorBoard, "Multidisciplinary tumour board");

        if (t.IsMetastatic)
        {
            var consult = board.Date.AddDays(rng.Between(3, 8));
            var baseline = new List<(Analyte, string)>();
            if (t.MetastaticSites.Contains("liver"))
            {
                baseline.Add((rng.Pick(Labs.Bilirubin, Labs.Ast, Labs.Alt), "high"));
            }

            labs.Add(Panel(c, rng, consult.AddDays(-2), "baseline", baseline, liver: true));
            Doc(c, DocKeys.InitialConsultation, GoldDocumentKinds.Consultation, consult);
            var start = consult.AddDays(rng.Between(5, 12));
            var rasWild = t.Kras == "wild-type" && t.BrafMutated != true;
            var leftSided = rectum || t.Location is "sigmoid" or "descending" or "splenic-flexure";
            var (name, regimen) = rasWild && leftSided ? ("FOLFOX + panitumumab", "folfox-pani") : rng.Chance(0.5) ? ("FOLFIRI + bevacizumab", "folfiri-bev") : ("FOLFOX + bevacizumab", "folfox-bev");
            var first = c.AddTreatment(TK.Chemotherapy, name, start, null, "palliative", regimen);
            c.AddEvent(start, K.TreatmentStart, $"First-line {name} started");
            var toxDate = start.AddDays(rng.Between(18, 30));
            var tox = regimen == "folfox-pani" ? rng.Pick("skin rash", "diarrhea") : rng.Pick("diarrhea", "neutropenia");
            c.Toxicities.Add(new Toxicity("x1", tox, 3, toxDate, first.Id));
            c.AddEvent(toxDate, K.Toxicity, $"Grade 3 {tox}");
            labs.Add(Panel(c, rng, toxDate, "control", tox switch
            {
                "diarrhea" => [(Labs.Potassium, "low")],
                "neutropenia" => [(Labs.Neutrophils, "low")],
                _ => [],
            }));
            Doc(c, DocKeys.Labs, GoldDocumentKinds.LabResults, toxDate.AddDays(1), panels: labs.ToList());
            Doc(c, DocKeys.FollowUp, GoldDocumentKinds.Consultation, toxDate.AddDays(rng.Between(2, 6)), sequence: 1);
            EvaluationAndStatus(c, rng, start, labs);
            return;
        }

        var surgeryDate = board.Date.AddDays(rng.Between(7, 21));
        var procedure = rectum
            ? "low anterior resection with total mesorectal excision"
            : t.Location switch
            {
                "caecum" or "ascending" or "hepatic-flexure" => "laparoscopic right hemicolectomy",
                "transverse" => "transverse colectomy",
                "sigmoid" => "laparoscopic sigmoid colectomy",
                _ => "laparoscopic left hemicolectomy",
            };
        var surgery = c.AddTreatment(TK.Surgery, procedure, surgeryDate, null, "curative", "colectomy");
        var se = c.AddEvent(surgeryDate, K.Surgery, char.ToUpperInvariant(procedure[0]) + procedure[1..]);
        Doc(c, DocKeys.Operative, GoldDocumentKinds.OperativeReport, surgeryDate, se);
        Discharge(c, rng, surgeryDate);
        var pt = rectum ? t.Clinical.T : rng.Weighted(("T2", 0.12), ("T3", 0.6), ("T4a", 0.28));
        var involved = rectum ? 0 : rng.Weighted((0, 0.5), (rng.Between(1, 3), 0.32), (rng.Between(4, 8), 0.18));
        t.Nodes = (rng.Between(12, 31), involved);
        t.Pathologic = new Tnm(pt, Staging.ColorectalN(involved), "");
        t.Stage = Staging.ColorectalStage(pt, t.Pathologic.N, "M0");
        var resection = surgeryDate.AddDays(rng.Between(7, 13));
        Doc(c, DocKeys.ResectionPathology, GoldDocumentKinds.Pathology, resection);
        var consultDate = resection.AddDays(rng.Between(6, 14));
        Doc(c, DocKeys.InitialConsultation, GoldDocumentKinds.Consultation, consultDate);
        var last = consultDate;
        if (involved > 0 || pt == "T4a")
        {
            var start = consultDate.AddDays(rng.Between(10, 20));
            var folfox = rng.Chance(0.5);
            var end = start.AddDays(folfox ? 11 * 14 : 3 * 21);
            var regimen = c.AddTreatment(TK.Chemotherapy, folfox ? "FOLFOX x12" : "CAPOX x4", start, end, "adjuvant", folfox ? "folfox" : "capox", folfox ? 12 : 4);
            c.AddEvent(start, K.TreatmentStart, "Start of adjuvant chemotherapy");
            c.AddEvent(end, K.TreatmentEnd, "End of adjuvant chemotherapy");
            var toxDate = start.AddDays(rng.Between(40, 60));
            c.Toxicities.Add(new Toxicity("x1", "peripheral neuropathy", rng.Pick(2, 3), toxDate, regimen.Id));
            c.AddEvent(toxDate, K.Toxicity, $"Grade {c.Toxicities[^1].Grade} peripheral neuropathy");
            if (rng.Chance(0.6))
            {
                c.Toxicities.Add(new Toxicity("x2", folfox ? "neutropenia" : "thrombocytopenia", 3, toxDate, regimen.Id));
                labs.Add(Panel(c, rng, toxDate, "cycle", [(folfox ? Labs.Neutrophils : Labs.Platelets, "low")]));
            }
            else
            {
                labs.Add(Panel(c, rng, toxDate, "cycle", []));
            }

            Doc(c, DocKeys.FollowUp, GoldDocumentKinds.Consultation, toxDate.AddDays(rng.Between(1, 5)), sequence: 1);
            last = end;
        }

        Doc(c, DocKeys.Labs, GoldDocumentKinds.LabResults, labs[^1].Date.AddDays(1), panels: labs.ToList());
        for (var i = 0; i < FollowUps(c) - 1; i++)
        {
            Doc(c, DocKeys.FollowUp, GoldDocumentKinds.Consultation, last.AddDays(30 + (i * 45)), sequence: i + 2);
        }

        c.DiseaseStatus = "no evidence of disease";
        var evalDate = last.AddDays(rng.Between(60, 100));
        var evalEvent = c.AddEvent(evalDate, K.Response, "Follow-up CT: no evidence of recurrence");
        Doc(c, DocKeys.Evaluation, GoldDocumentKinds.Imaging, evalDate, evalEvent);
        Doc(c, DocKeys.FinalConsultation, GoldDocumentKinds.Consultation, evalDate.AddDays(rng.Between(3, 10)));
    }

    /// <summary>Metastatic plans end with response imaging after about three months and a consultation.</summary>
    private static void EvaluationAndStatus(ClinicalCase c, Rng rng, DateOnly start, List<LabPanel> labs)
    {
        var status = rng.Weighted(("partial response", 0.55), ("stable disease", 0.3), ("progressive disease", 0.15));
        c.DiseaseStatus = status;
        var evalDate = start.AddDays(rng.Between(80, 95));
        var kind = status == "progressive disease" ? K.Progression : K.Response;
        var e = c.AddEvent(evalDate, kind, $"Evaluation CT: {status}");
        Doc(c, DocKeys.Evaluation, GoldDocumentKinds.Imaging, evalDate, e);
        for (var i = 0; i < FollowUps(c); i++)
        {
            var d = start.AddDays(40 + (i * 12));
            labs.Add(Panel(c, rng, d, "cycle", []));
            Doc(c, DocKeys.FollowUp, GoldDocumentKinds.Consultation, d.AddDays(1), sequence: i + 2);
        }

        if (FollowUps(c) > 0)
        {
            Doc(c, DocKeys.Labs, GoldDocumentKinds.LabResults, labs[^1].Date.AddDays(1), panels: labs.Skip(labs.Count - FollowUps(c)).ToList(), sequence: 2);
        }

        Doc(c, DocKeys.FinalConsultation, GoldDocumentKinds.Consultation, evalDate.AddDays(rng.Between(2, 8)));
    }

    private static LabPanel Panel(ClinicalCase c, Rng rng, DateOnly date, string context, IReadOnlyList<(Analyte Analyte, string Direction)> abnormal, bool liver = false)
    {
        var abnormalKeys = abnormal.ToDictionary(a => a.Analyte.Key, a => a.Direction);
        // Renal failure shows in both creatinine and eGFR.
        if (abnormalKeys.ContainsKey(GoldLabs.Creatinine))
        {
            abnormalKeys[GoldLabs.Gfr] = "low";
        }

        var analytes = new List<Analyte>(Labs.BloodCount);
        analytes.AddRange(Labs.Chemistry);
        if (liver || abnormalKeys.Keys.Any(k => k is GoldLabs.Bilirubin or GoldLabs.Ast or GoldLabs.Alt) || rng.Chance(0.5))
        {
            analytes.AddRange(Labs.Liver);
        }

        analytes.Add(Labs.Crp);
        analytes.Add(c.Cancer switch
        {
            CancerType.Breast => Labs.Ca153,
            CancerType.Lung => Labs.Cyfra,
            CancerType.Prostate => Labs.Psa,
            _ => Labs.Cea,
        });

        var results = new List<LabResult>();
        foreach (var a in analytes)
        {
            if (abnormalKeys.TryGetValue(a.Key, out var direction))
            {
                results.Add(new LabResult(a.Key, Labs.Abnormal(rng, a, direction), true, direction));
            }
            else if (a == Labs.Psa)
            {
                results.Add(new LabResult(a.Key, c.Tumor.Pathologic is null ? c.Tumor.Psa ?? 1 : 0.02, false, ""));
            }
            else if (a == Labs.Leukocytes && abnormalKeys.ContainsKey(GoldLabs.Neutrophils))
            {
                // Low neutrophils drag the white count down, but keep it unflagged (it is not a separate alert).
                results.Add(new LabResult(a.Key, Math.Round(rng.Between(4.0, 4.6), 1), false, ""));
            }
            else
            {
                results.Add(new LabResult(a.Key, Labs.Normal(rng, a, c.Patient.Sex), false, ""));
            }
        }

        var panel = new LabPanel(date, results, context);
        c.Labs.Add(panel);
        return panel;
    }

    // ---------------------------------------------------------------- conflicts

    private static void PlanConflicts(ClinicalCase c, Rng rng)
    {
        var t = c.Tumor;
        var present = c.Documents.Select(d => d.Key).ToHashSet();
        foreach (var field in c.Spec.ConflictFields)
        {
            string trueValue;
            string alternative;
            string[] candidates;
            switch (field)
            {
                case ContractFields.Laterality:
                    trueValue = SideWord(c);
                    alternative = trueValue == "left" ? "right" : "left";
                    candidates = [DocKeys.DiagnosticImaging, DocKeys.Operative, DocKeys.Referral];
                    break;
                case ContractFields.PathologicT:
                    trueValue = t.Pathologic!.T;
                    alternative = Staging.T(trueValue) >= 3 ? "T2" : trueValue.StartsWith("T2", StringComparison.Ordinal) ? "T3" : "T2";
                    candidates = [DocKeys.InitialConsultation, DocKeys.FinalConsultation];
                    break;
                case ContractFields.PathologicN:
                    trueValue = t.Pathologic!.N;
                    alternative = trueValue == "N0" ? "N1b" : "N0";
                    candidates = [DocKeys.InitialConsultation, DocKeys.FinalConsultation];
                    break;
                case ContractFields.ErStatus:
                    trueValue = t.ErPercent > 0 ? "positive" : "negative";
                    alternative = trueValue == "positive" ? "negative" : "positive";
                    candidates = [DocKeys.Referral, DocKeys.InitialConsultation];
                    break;
                case ContractFields.Her2Status:
                    trueValue = t.Her2!.Status;
                    alternative = trueValue == "positive" ? "negative" : "positive";
                    candidates = [DocKeys.Referral, DocKeys.InitialConsultation];
                    break;
                case ContractFields.Grade:
                    trueValue = $"G{t.Grade}";
                    alternative = t.Grade == 3 ? "G2" : $"G{t.Grade + 1}";
                    candidates = [DocKeys.ResectionPathology, DocKeys.Referral];
                    break;
                case ContractFields.Histology:
                    trueValue = t.Histology;
                    alternative = trueValue == "adenocarcinoma" ? "squamous cell carcinoma" : "adenocarcinoma";
                    candidates = [DocKeys.Referral];
                    break;
                case ContractFields.ClinicalN:
                    trueValue = t.Clinical.N;
                    alternative = trueValue == "N0" ? "N1" : "N0";
                    candidates = [DocKeys.PetCt];
                    break;
                case ContractFields.ClinicalT:
                    trueValue = t.Clinical.T;
                    alternative = trueValue == "T2c" ? "T2a" : "T2c";
                    candidates = [DocKeys.DiagnosticImaging, DocKeys.InitialConsultation];
                    break;
                case ContractFields.GleasonScore:
                    trueValue = t.GleasonNormalized!;
                    var (p, s) = t.Gleason!.Value;
                    alternative = p == s ? $"{p}+{s + 1}={p + s + 1}" : $"{s}+{p}={p + s}";
                    candidates = [DocKeys.Referral, DocKeys.InitialConsultation];
                    break;
                case GoldFields.EgfrStatus:
                    t.Egfr ??= "wild-type";
                    trueValue = t.Egfr == "wild-type" ? "wild-type" : $"mutated ({t.Egfr})";
                    alternative = trueValue == "wild-type" ? "mutated (exon 19 deletion)" : "wild-type";
                    candidates = [DocKeys.Referral, DocKeys.InitialConsultation];
                    break;
                case GoldFields.KrasStatus:
                    t.Kras ??= "wild-type";
                    trueValue = t.Kras == "wild-type" ? "wild-type" : $"mutated ({t.Kras})";
                    alternative = trueValue == "wild-type" ? "mutated (G12D)" : "wild-type";
                    candidates = [DocKeys.InitialConsultation, DocKeys.Referral];
                    break;
                case GoldFields.PsaAtDiagnosis:
                    trueValue = PsaText(t.Psa!.Value);
                    alternative = PsaText(Math.Round(t.Psa.Value * 1.6, 1));
                    candidates = [DocKeys.Referral];
                    break;
                default:
                    throw new NotSupportedException($"No conflict plan for {field}.");
            }

            var available = candidates.Where(present.Contains).ToList();
            if (available.Count == 0)
            {
                continue;
            }

            c.Conflicts[field] = new ConflictPlan(field, trueValue, alternative, new HashSet<string> { rng.Pick(available) });
        }
    }

    internal static string PsaText(double psa) => psa.ToString("0.0##", System.Globalization.CultureInfo.InvariantCulture);
}
