using MedSummary.Core.Gold;
using MedSummary.Samples.Pdf;
using F = MedSummary.Core.Contract.ContractFields;

namespace MedSummary.Samples.Generation.Documents;

/// <summary>Pieces every document type uses: letterheads, patient identification, signatures, treatment phrases.</summary>
internal static class Common
{
    public static void HospitalLetterhead(DocWriter w, string department)
    {
        var c = w.C;
        w.Add(new Letterhead(
            [c.Team.Hospital, department, c.Team.Address, (w.Fr ? "Tél. " : "Tel. ") + c.Team.Phone],
            [DateText.LetterDate(w.Ctx.Date, c.Dates, Town(c.Team.Address))]));
    }

    public static void PracticeLetterhead(DocWriter w, string name, string role, string address)
    {
        w.Add(new Letterhead([name, role, address], [DateText.LetterDate(w.Ctx.Date, w.C.Dates, Town(address))]));
    }

    private static string Town(string address)
    {
        var comma = address.LastIndexOf(',');
        var tail = comma < 0 ? address : address[(comma + 1)..].Trim();
        // French addresses end with a postcode before the town.
        var space = tail.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && char.IsDigit(tail[0]) ? tail[(space + 1)..] : tail;
    }

    /// <summary>The identification lines at the top of reports.</summary>
    public static void PatientBlock(DocWriter w, bool prescriber = true)
    {
        var c = w.C;
        w.Line("Patient", "Patient", w.Slots.PatientName(full: true));
        w.Line(c.Patient.IsFemale ? "Née le" : "Né le", "Date of birth", w.Ctx.NumericDate(c.Patient.BirthDate));
        w.Line("N° IPP", w.R.Pick("Hospital number", "MRN"), w.Slots.PatientNumber());
        if (prescriber)
        {
            // Before the referral the specialist who found the tumour orders the tests; afterwards the oncologist.
            var referral = c.Documents.FirstOrDefault(d => d.Key == DocKeys.Referral)?.Date ?? c.DiagnosisDate;
            w.Line("Médecin prescripteur", "Requested by", w.Ctx.Date <= referral ? c.Team.ReferringDoctor : c.Team.Oncologist);
        }

        w.Spacer(6);
    }

    public static void Signature(DocWriter w, string doctor, string roleFr, string roleEn)
    {
        w.Spacer(10);
        w.Add(new Paragraph(MarkedText.Plain(w.Fr
            ? w.R.Pick("Bien confraternellement,", "Cordialement,", "Avec mes salutations confraternelles,")
            : w.R.Pick("Yours sincerely,", "Kind regards,", "With best wishes,"))) { SpaceAfter = 1.2 });
        w.Add(new Paragraph(new MarkedTextBuilder().Append(doctor, FontStyle.Bold).Append("\n" + w.L(roleFr, roleEn)).Build()) { Align = TextAlign.Right });
    }

    public static void ReportSignature(DocWriter w, string doctor, string roleFr, string roleEn)
    {
        w.Spacer(8);
        w.Add(new Paragraph(MarkedText.Plain(w.Fr
            ? $"Compte rendu validé électroniquement par {doctor}, {roleFr}."
            : $"Electronically signed by {doctor}, {roleEn}.")) { Style = FontStyle.Italic, Scale = 0.9 });
    }

    public static bool Known(DocWriter w, string eventKind) =>
        w.C.Events.Any(e => e.Kind == eventKind && e.Date <= w.Ctx.Date);

    public static IEnumerable<CaseEvent> EventsBefore(DocWriter w, string kind) =>
        w.C.Events.Where(e => e.Kind == kind && e.Date <= w.Ctx.Date);

    /// <summary>A treatment as delivered: name, dates; the phrase marks the treatment, each date its event.</summary>
    public static MarkedText TreatmentPhrase(DocWriter w, Treatment t, bool withDates = true)
    {
        var b = new MarkedTextBuilder();
        var name = TreatmentName(w, t);
        var start = w.C.Events.FirstOrDefault(e => e.Date == t.Start && e.Kind is GoldEventKinds.TreatmentStart or GoldEventKinds.Surgery);
        var endEvent = t.End is { } e ? w.C.Events.FirstOrDefault(x => x.Date == e && x.Kind == GoldEventKinds.TreatmentEnd) : null;
        var ended = t.End is { } end && end <= w.Ctx.Date;
        var inner = new MarkedTextBuilder();
        inner.Append(name);
        if (withDates)
        {
            var startText = w.Ctx.Day(t.Start);
            if (t.Kind == GoldTreatmentKinds.Surgery)
            {
                inner.Append(w.L(" le ", " on ")).AppendMarked(startText, start is null ? [] : [Targets.Event(start.Id)]);
            }
            else if (ended)
            {
                var endText = w.Ctx.Day(t.End!.Value);
                var form = w.R.Between(0, 2);
                inner.Append(form switch
                {
                    0 => w.L(" du ", " from "),
                    1 => w.L(" de ", " between "),
                    _ => " (",
                });
                inner.AppendMarked(startText, start is null ? [] : [Targets.Event(start.Id)]);
                inner.Append(form switch
                {
                    0 => w.L(" au ", " to "),
                    1 => w.L(" à ", " and "),
                    _ => " - ",
                });
                inner.AppendMarked(endText, endEvent is null ? [] : [Targets.Event(endEvent.Id)]);
                if (form == 2)
                {
                    inner.Append(")");
                }
            }
            else
            {
                inner.Append(w.L(w.R.Pick(", débuté le ", " depuis le ", ", initié le "), w.R.Pick(", started on ", " since ", ", commenced on ")));
                inner.AppendMarked(startText, start is null ? [] : [Targets.Event(start.Id)]);
            }
        }

        var text = inner.Build();
        var marks = text.Marks.ToList();
        marks.Add(new TextMark(0, text.Text.Length, Targets.Treatment(t.Id)));
        b.Append(new MarkedText(text.Text, marks, text.Styles));
        return b.Build();
    }

    /// <summary>The treatment's name in the document's language; surgery and radiotherapy name the side as this document states it.</summary>
    public static string TreatmentName(DocWriter w, Treatment t)
    {
        var fr = w.Fr;
        var side = w.Ctx.Value(F.Laterality);
        string SideFr(bool feminine) => side == "left" ? "gauche" : feminine ? "droite" : "droit";
        var lung = w.C.Cancer == CancerType.Lung;
        return t.Regimen switch
        {
            "lumpectomy" => fr
                ? $"tumorectomie {SideFr(true)} avec {(t.Name.Contains("sentinel", StringComparison.Ordinal) ? "biopsie du ganglion sentinelle" : "curage axillaire")}"
                : $"{side} lumpectomy with {(t.Name.Contains("sentinel", StringComparison.Ordinal) ? "sentinel lymph node biopsy" : "axillary lymph node dissection")}",
            "mastectomy" => fr
                ? $"mastectomie {SideFr(true)} avec {(t.Name.Contains("sentinel", StringComparison.Ordinal) ? "biopsie du ganglion sentinelle" : "curage axillaire")}"
                : $"{side} mastectomy with {(t.Name.Contains("sentinel", StringComparison.Ordinal) ? "sentinel lymph node biopsy" : "axillary clearance")}",
            "lobectomy" => fr
                ? $"lobectomie {LobeAdjFr(w, side)} par vidéo-thoracoscopie avec curage ganglionnaire médiastinal"
                : $"VATS {CaseBuilder.LobeName(w.T.Location).Replace(w.T.Side == Side.Left ? "left" : "right", side ?? "", StringComparison.Ordinal)} lobectomy with mediastinal lymph node dissection",
            "prostatectomy" => fr ? "prostatectomie totale robot-assistée avec curage ilio-obturateur" : "robot-assisted radical prostatectomy with pelvic lymph node dissection",
            "colectomy" => ColectomyName(w),
            "fec-doce" => fr ? "FEC100 x3 puis docetaxel x3" : w.R.Pick("FEC100 x3 followed by docetaxel x3", "3 cycles of FEC100 then 3 cycles of docetaxel"),
            "cis-vino" => fr ? "cisplatine-vinorelbine (4 cycles)" : "cisplatin-vinorelbine (4 cycles)",
            "folfox" => fr ? "FOLFOX (12 cures)" : "FOLFOX (12 cycles)",
            "capox" => fr ? "CAPOX x4" : "CAPOX x4",
            "carboplatin-pemetrexed" => fr ? "carboplatine-pémétrexed (4 cycles)" : "carboplatin-pemetrexed (4 cycles)",
            "carboplatin-paclitaxel" => fr ? "carboplatine-paclitaxel (4 cycles)" : "carboplatin-paclitaxel (4 cycles)",
            "docetaxel" => fr ? "docetaxel (6 cycles)" : "docetaxel (6 cycles)",
            "paclitaxel" => fr ? "paclitaxel hebdomadaire" : "weekly paclitaxel",
            "taxol-hp" => fr ? "paclitaxel, trastuzumab et pertuzumab" : "paclitaxel, trastuzumab and pertuzumab",
            "letrozole-palbo" => fr ? "létrozole et palbociclib" : "letrozole plus palbociclib",
            "folfox-pani" => fr ? "FOLFOX-panitumumab" : "FOLFOX plus panitumumab",
            "folfiri-bev" => fr ? "FOLFIRI-bévacizumab" : "FOLFIRI plus bevacizumab",
            "folfox-bev" => fr ? "FOLFOX-bévacizumab" : "FOLFOX plus bevacizumab",
            "osimertinib" => "osimertinib",
            "alectinib" => "alectinib",
            "pembrolizumab" => fr ? "pembrolizumab en monothérapie" : "single-agent pembrolizumab",
            _ => TranslateName(w, t, side, lung),
        };
    }

    private static string LobeAdjFr(DocWriter w, string? side) => (w.T.Location, side) switch
    {
        ("rml", "right") => "moyenne",
        ("rll" or "lll", _) => side == "left" ? "inférieure gauche" : "inférieure droite",
        _ => side == "left" ? "supérieure gauche" : "supérieure droite",
    };

    private static string ColectomyName(DocWriter w)
    {
        var t = w.T;
        if (t.PrimarySite == "rectum")
        {
            return w.L("résection antérieure du rectum avec exérèse totale du mésorectum", "low anterior resection with total mesorectal excision");
        }

        return t.Location switch
        {
            "caecum" or "ascending" or "hepatic-flexure" => w.L("hémicolectomie droite par cœlioscopie", "laparoscopic right hemicolectomy"),
            "transverse" => w.L("colectomie transverse", "transverse colectomy"),
            "sigmoid" => w.L("sigmoïdectomie par cœlioscopie", "laparoscopic sigmoid colectomy"),
            _ => w.L("colectomie gauche par cœlioscopie", "laparoscopic left hemicolectomy"),
        };
    }

    private static string TranslateName(DocWriter w, Treatment t, string? side, bool lung)
    {
        if (!w.Fr)
        {
            return t.Name;
        }

        var name = t.Name;
        if (name.StartsWith("adjuvant radiotherapy to the", StringComparison.Ordinal))
        {
            return $"radiothérapie adjuvante du sein {(side == "left" ? "gauche" : "droit")} (50 Gy en 25 fractions{(name.Contains("boost", StringComparison.Ordinal) ? " avec complément de 16 Gy sur le lit tumoral" : "")})";
        }

        if (name.StartsWith("adjuvant chest wall", StringComparison.Ordinal))
        {
            return "radiothérapie adjuvante de la paroi thoracique (50 Gy en 25 fractions)";
        }

        if (name.Contains("78 Gy", StringComparison.Ordinal))
        {
            return "radiothérapie externe prostatique (78 Gy en 39 fractions)";
        }

        if (name.Contains("60 Gy", StringComparison.Ordinal))
        {
            return "radiothérapie externe prostatique hypofractionnée (60 Gy en 20 fractions)";
        }

        return name switch
        {
            "letrozole" => "hormonothérapie par létrozole",
            "tamoxifen" => "hormonothérapie par tamoxifène",
            "trastuzumab" => "trastuzumab adjuvant",
            "enzalutamide" => "enzalutamide",
            "androgen deprivation therapy (degarelix)" => "suppression androgénique par dégarélix",
            _ when name.StartsWith("androgen deprivation therapy (leuprorelin)", StringComparison.Ordinal) =>
                $"hormonothérapie par agoniste de la LH-RH (leuproréline) pour une durée de {name[(name.LastIndexOf(',') + 2)..].Replace("months", "mois", StringComparison.Ordinal)}",
            _ => name,
        };
    }

    /// <summary>An abnormal lab value as written in prose ("Hb 8,2 g/dL"), marked for its alert.</summary>
    public static MarkedText LabMention(DocWriter w, LabPanel panel, LabResult result)
    {
        var analyte = Labs.ByKey(result.Analyte);
        var system = UnitsOf(w.C);
        var name = w.Fr
            ? result.Analyte switch
            {
                GoldLabs.Hemoglobin => w.R.Pick("Hb", "hémoglobine"),
                GoldLabs.Neutrophils => w.R.Pick("PNN", "polynucléaires neutrophiles"),
                GoldLabs.Platelets => "plaquettes",
                GoldLabs.Creatinine => w.R.Pick("créatinine", "créatininémie"),
                GoldLabs.Gfr => "DFG",
                GoldLabs.Calcium => "calcémie corrigée",
                GoldLabs.Potassium => "kaliémie",
                GoldLabs.Sodium => "natrémie",
                GoldLabs.Bilirubin => "bilirubine totale",
                GoldLabs.Ast => "ASAT",
                GoldLabs.Alt => "ALAT",
                _ => analyte.French[0],
            }
            : result.Analyte switch
            {
                GoldLabs.Hemoglobin => w.R.Pick("Hb", w.C.Dates == DateStyle.American ? "hemoglobin" : "haemoglobin"),
                GoldLabs.Neutrophils => w.R.Pick("neutrophils", "ANC"),
                GoldLabs.Gfr => "eGFR",
                _ => analyte.English[0],
            };
        var text = $"{name} {Labs.Display(analyte, result.Value, system)} {analyte.Unit(system)}";
        return DocContext.Marked(text, Targets.Lab(result.Analyte, panel.Date));
    }

    public static UnitSystem UnitsOf(ClinicalCase c) => c.Dates switch
    {
        DateStyle.French => UnitSystem.French,
        DateStyle.British => UnitSystem.British,
        _ => UnitSystem.American,
    };

    /// <summary>The latest panel dated on or before the document, if any.</summary>
    public static LabPanel? LatestPanel(DocWriter w) =>
        w.C.Labs.Where(p => p.Date <= w.Ctx.Date && p.Date >= w.Ctx.Date.AddDays(-10)).OrderBy(p => p.Date).LastOrDefault();
}
