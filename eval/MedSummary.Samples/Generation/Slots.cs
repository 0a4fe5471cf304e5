using System.Globalization;
using MedSummary.Core.Gold;
using MedSummary.Samples.Pdf;
using F = MedSummary.Core.Contract.ContractFields;
using G = MedSummary.Core.Gold.GoldFields;

namespace MedSummary.Samples.Generation;

/// <summary>
/// Resolves the "{name}" slots of templates into marked text for one document. A slot that has nothing to say
/// (a receptor for a lung cancer, a stage in a contradicting document) resolves to null, and the template using
/// it is passed over. A name starting with a capital letter yields the same text capitalized.
/// </summary>
internal sealed class Slots(DocContext ctx)
{
    private bool Fr => ctx.Fr;

    private Rng R => ctx.R;

    private Tumor T => ctx.T;

    private ClinicalCase C => ctx.C;

    public MarkedText? Resolve(string name)
    {
        if (name.Length > 0 && char.IsUpper(name[0]))
        {
            var inner = Resolve(char.ToLowerInvariant(name[0]) + name[1..]);
            return inner is null ? null : Capitalize(inner);
        }

        var colon = name.IndexOf(':', StringComparison.Ordinal);
        var argument = colon < 0 ? "" : name[(colon + 1)..];
        var key = colon < 0 ? name : name[..colon];
        return key switch
        {
            "patient" => Plain(PatientName(full: true)),
            "patient_short" => Plain(PatientName(full: false)),
            "a_pat" => Plain(Fr ? (C.Patient.IsFemale ? "à la patiente" : "au patient") : "to the patient"),
            "pat" => Plain(Fr ? (C.Patient.IsFemale ? "la patiente" : "le patient") : "the patient"),
            "il" => Plain(Fr ? (C.Patient.IsFemale ? "elle" : "il") : C.Patient.IsFemale ? "she" : "he"),
            "she" => Plain(C.Patient.IsFemale ? "she" : "he"),
            "la" => Plain(C.Patient.IsFemale ? "la" : "le"),
            "his" => Plain(C.Patient.IsFemale ? "her" : "his"),
            "him" => Plain(C.Patient.IsFemale ? "her" : "him"),
            "e" => Plain(C.Patient.IsFemale ? "e" : ""),
            "dob" => Plain(ctx.NumericDate(C.Patient.BirthDate)),
            "age_sex" => AgeSex(),
            "ipp" => Plain(PatientNumber()),
            "oncologist" => Plain(C.Team.Oncologist),
            "surgeon" => Plain(C.Team.Surgeon),
            "pathologist" => Plain(C.Team.Pathologist),
            "radiologist" => Plain(C.Team.Radiologist),
            "gp" => Plain(C.Team.GeneralPractitioner),
            "referrer" => Plain(C.Team.ReferringDoctor),
            "hospital" => Plain(C.Team.Hospital),
            "hospital_short" => Plain(C.Team.HospitalShort),
            "date" => Plain(ctx.Day(ctx.Date)),
            "histology" => Histology(),
            "site" => Site(preposition: false),
            "site_in" => Site(preposition: true),
            "quadrant" => Quadrant(),
            "side_m" => Side(feminine: false),
            "side_f" => Side(feminine: true),
            "depth" => ctx.Value(F.PathologicT) is { } depth ? Plain(Depth(depth)) : null,
            "size" => Size($"{T.SizeMm.ToString("0", CultureInfo.InvariantCulture)} mm"),
            "size_cm" => Size($"{ctx.Num(T.SizeMm / 10.0, 1)} cm"),
            "grade" => Field(F.Grade, v => Phrasebook.Grade(v[1] - '0', C.Cancer, T.NottinghamScores, Fr, R)),
            "gleason" => Field(F.GleasonScore, v => Phrasebook.Gleason(v, Fr, R)),
            "isup" => T.Gleason is null ? null : Plain(Fr ? $"groupe ISUP {IsupOfValue()}" : $"ISUP Grade Group {IsupOfValue()}"),
            "ptnm" => PathologicTnm(),
            "pt" => Field(F.PathologicT, v => "p" + v),
            "pn" => Field(F.PathologicN, v => "p" + v + (T.SentinelOnly && v is "N0" or "N1mi" && R.Chance(0.6) ? "(sn)" : "")),
            "ctnm" => ClinicalTnm(),
            "ct" => Field(F.ClinicalT, v => R.Chance(0.7) ? "c" + v : v),
            "cn" => Field(F.ClinicalN, v => R.Chance(0.7) ? "c" + v : v),
            "cm" => Field(F.ClinicalM, v => R.Chance(0.7) ? "c" + v : v),
            "stage" => ctx.StageSuppressed ? null : Field(F.Stage, v => Phrasebook.Stage(v, Fr, R)),
            "er" => Field(F.ErStatus, v => Phrasebook.Er(v, v == "positive" ? (T.ErPercent > 0 ? T.ErPercent!.Value : 60) : 0, Fr, R)),
            "pr" => Field(F.PrStatus, v => Phrasebook.Pr(v, v == "positive" ? T.PrPercent!.Value : 0, Fr, R)),
            "her2" => Field(F.Her2Status, v => Phrasebook.Her2(Phrasebook.Her2For(v, T.Her2!), Fr, R)),
            "ki67" => Field(F.Ki67, _ => Phrasebook.Ki67(T.Ki67!.Value, Fr, R)),
            "egfr" => Field(G.EgfrStatus, v => Phrasebook.Egfr(Phrasebook.Variant(v), Fr, R)),
            "alk" => Field(G.AlkStatus, v => Phrasebook.Alk(v == "positive", Fr, R)),
            "kras" => Field(G.KrasStatus, v => Phrasebook.Kras(Phrasebook.Variant(v), Fr, R)),
            "braf" => Field(G.BrafStatus, v => Phrasebook.Braf(v != "wild-type", Fr, R)),
            "pdl1" => Field(G.PdL1, _ => Phrasebook.PdL1(T.PdL1!.Value, Fr, R)),
            "msi" => Field(G.MsiStatus, v => Phrasebook.Msi(v == "msi-h", Fr, R)),
            "brca" => Field(G.BrcaStatus, v => Phrasebook.Brca(v != "wild-type", Fr, R)),
            "psa" => Field(G.PsaAtDiagnosis, v => Phrasebook.Psa(v, Fr, R)),
            "ecog" => Field(G.Ecog, v => Phrasebook.Ecog(int.Parse(v, CultureInfo.InvariantCulture), Fr, R)),
            "status" => Field(G.DiseaseStatus, v => Phrasebook.DiseaseStatus(v, Fr, R)),
            "mets" => Metastases(),
            "mets_only" => MetastasisOf(argument),
            "dx_date" => DiagnosisDate(),
            "exam_date" => ctx.Plan.Event is { } e ? EventDate(e) : Plain(ctx.Day(ctx.Date)),
            "ev" => C.Events.FirstOrDefault(e => e.Id == argument) is { } ev ? EventDate(ev) : null,
            "evkind" => C.Events.FirstOrDefault(e => e.Kind == argument) is { } first ? EventDate(first) : null,
            "mark" => Stated(argument),
            _ => throw new ArgumentException($"Unknown slot '{name}'.", nameof(name)),
        };
    }

    public static MarkedText Capitalize(MarkedText text)
    {
        if (text.Text.Length == 0 || char.IsUpper(text.Text[0]))
        {
            return text;
        }

        return new MarkedText(char.ToUpperInvariant(text.Text[0]) + text.Text[1..], text.Marks, text.Styles);
    }

    private static MarkedText Plain(string text) => MarkedText.Plain(text);

    /// <summary>
    /// The tumour's size: the case keeps one size in whole millimetres (the pathologist's, once there is a resection),
    /// so every document, in mm or cm, states the same value.
    /// </summary>
    private MarkedText Size(string text) =>
        DocContext.Marked(text, Targets.Field(G.TumorSize, T.SizeMm.ToString("0", CultureInfo.InvariantCulture)));

    /// <summary>
    /// "{mark:key=value|words}": words of a fixed sentence that state a field, marked without changing them, for
    /// facts a template writes in one wording ("{mark:margins=R0|R0}", "{mark:margin_distance=80|8 cm}").
    /// </summary>
    private static MarkedText Stated(string argument)
    {
        var bar = argument.IndexOf('|', StringComparison.Ordinal);
        var eq = argument.IndexOf('=', StringComparison.Ordinal);
        return DocContext.Marked(argument[(bar + 1)..], Targets.Field(argument[..eq], argument[(eq + 1)..bar]));
    }

    /// <summary>The histologic type; marks the histology and the morphology code of these very words.</summary>
    private MarkedText? Histology()
    {
        var value = ctx.Value(F.Histology);
        if (value is null)
        {
            return null;
        }

        var text = Phrasebook.Histology(value, C.Cancer, Fr, R);
        // Every prostate phrasing names the acinar type, the WHO name of the usual prostate adenocarcinoma: the truth
        // is that finer type, as the words state it.
        var stated = C.Cancer == CancerType.Prostate && value == "adenocarcinoma" ? "acinar adenocarcinoma" : value;
        return DocContext.Marked(text, Targets.Field(F.Histology, stated), Targets.Field(G.IcdO3Morphology, IcdO3Truth.Morphology(value, C.Cancer, text)));
    }

    private MarkedText? Field(string key, Func<string, string> render)
    {
        var value = ctx.Value(key);
        return value is null ? null : DocContext.Marked(render(value), Targets.Field(key, value));
    }

    public string PatientName(bool full)
    {
        var p = C.Patient;
        var last = R.Chance(0.6) ? p.LastName.ToUpper(CultureInfo.InvariantCulture) : p.LastName;
        if (Fr)
        {
            var title = p.IsFemale ? R.Pick("Mme", "Madame") : R.Pick("M.", "Monsieur");
            return full ? $"{title} {p.FirstName} {last}" : $"{title} {last}";
        }

        var en = p.IsFemale ? R.Pick("Mrs", "Ms") : "Mr";
        return full ? $"{en} {p.FirstName} {last}" : $"{en} {last}";
    }

    public string PatientNumber() => C.PatientNumber;

    private MarkedText AgeSex()
    {
        var age = C.AgeAt(ctx.Date);
        var female = C.Patient.IsFemale;
        string text = Fr
            ? R.Pick(female ? $"patiente de {age} ans" : $"patient de {age} ans", female ? $"femme de {age} ans" : $"homme de {age} ans")
            : R.Pick(female ? $"{age}-year-old woman" : $"{age}-year-old man", female ? $"{age}-year-old female" : $"{age}-year-old male");
        var targets = new List<string> { Targets.Field(G.Sex, female ? "female" : "male") };
        if (age == C.AgeAt(C.DiagnosisDate))
        {
            targets.Add(Targets.Field(G.AgeAtDiagnosis, age.ToString(CultureInfo.InvariantCulture)));
        }

        return new MarkedTextBuilder().AppendMarked(text, targets).Build();
    }

    private string Depth(string t) => (t, Fr) switch
    {
        ("T1", true) => "la sous-muqueuse",
        ("T1", false) => "into the submucosa",
        ("T2", true) => "la musculeuse",
        ("T2", false) => "into the muscularis propria",
        ("T3", true) => "la sous-séreuse et la graisse péri-colique",
        ("T3", false) => "through the muscularis propria into pericolic fat",
        (_, true) => "la séreuse (péritoine viscéral)",
        _ => "through the visceral peritoneum",
    };

    private int IsupOfValue()
    {
        var (p, s) = Phrasebook.ParseGleason(ctx.Value(F.GleasonScore)!);
        return Phrasebook.IsupOf(p, s);
    }

    /// <summary>
    /// The organ (with side where it has one): marks the primary site, for paired organs the laterality, and the
    /// topography code of these words (the lobe's or segment's when they name one).
    /// </summary>
    private MarkedText Site(bool preposition)
    {
        var side = ctx.Value(F.Laterality);
        var targets = new List<string> { Targets.Field(F.PrimarySite, ctx.Value(F.PrimarySite)!) };
        if (side is not null)
        {
            targets.Add(Targets.Field(F.Laterality, side));
        }

        var left = side == "left";
        var (prep, text) = (C.Cancer, Fr) switch
        {
            (CancerType.Breast, true) => ("du ", left ? "sein gauche" : "sein droit"),
            (CancerType.Breast, false) => ("of the ", left ? "left breast" : "right breast"),
            (CancerType.Lung, true) => R.Chance(0.6) ? ("du ", LobeFr(left)) : ("du ", left ? "poumon gauche" : "poumon droit"),
            (CancerType.Lung, false) => R.Chance(0.6) ? ("in the ", LobeEn(left)) : ("of the ", left ? "left lung" : "right lung"),
            (CancerType.Prostate, true) => ("de la ", "prostate"),
            (CancerType.Prostate, false) => ("of the ", "prostate"),
            (CancerType.Rectum, true) => ("du ", T.Location switch { "low" => "bas rectum", "mid" => "moyen rectum", _ => "haut rectum" }),
            (CancerType.Rectum, false) => ("of the ", T.Location switch { "low" => "low rectum", "mid" => "mid rectum", _ => "upper rectum" }),
            (_, true) => T.Location switch
            {
                "caecum" => ("du ", "caecum"),
                "ascending" => ("du ", R.Pick("côlon droit", "côlon ascendant")),
                "hepatic-flexure" => ("de l'", "angle colique droit"),
                "transverse" => ("du ", "côlon transverse"),
                "splenic-flexure" => ("de l'", "angle colique gauche"),
                "descending" => ("du ", R.Pick("côlon gauche", "côlon descendant")),
                _ => ("du ", "côlon sigmoïde"),
            },
            _ => T.Location switch
            {
                "caecum" => ("of the ", R.Pick("caecum", "cecum")),
                "ascending" => ("of the ", "ascending colon"),
                "hepatic-flexure" => ("at the ", "hepatic flexure of the colon"),
                "transverse" => ("of the ", "transverse colon"),
                "splenic-flexure" => ("at the ", "splenic flexure of the colon"),
                "descending" => ("of the ", "descending colon"),
                _ => ("of the ", "sigmoid colon"),
            },
        };
        targets.Add(Targets.Field(G.IcdO3Topography, C.Cancer switch
        {
            CancerType.Lung when text.Contains("lobe", StringComparison.Ordinal) => IcdO3Truth.Lobe(text),
            CancerType.Colon => IcdO3Truth.ColonSegment(T.Location),
            _ => IcdO3Truth.Organ(C.Cancer),
        }));
        var builder = new MarkedTextBuilder();
        if (preposition)
        {
            builder.Append(prep);
        }

        return builder.AppendMarked(text, targets).Build();
    }

    private string LobeFr(bool left) => (T.Location, left) switch
    {
        ("rml", false) => "lobe moyen",
        ("rll" or "lll", _) => left ? "lobe inférieur gauche" : "lobe inférieur droit",
        _ => left ? "lobe supérieur gauche" : "lobe supérieur droit",
    };

    private string LobeEn(bool left) => (T.Location, left) switch
    {
        ("rml", false) => "right middle lobe",
        ("rll" or "lll", _) => left ? "left lower lobe" : "right lower lobe",
        _ => left ? "left upper lobe" : "right upper lobe",
    };

    private MarkedText? Quadrant()
    {
        if (C.Cancer != CancerType.Breast)
        {
            return null;
        }

        return DocContext.Marked(Fr
            ? T.Location switch
            {
                "uoq" => "quadrant supéro-externe",
                "uiq" => "quadrant supéro-interne",
                "loq" => "quadrant inféro-externe",
                "liq" => "quadrant inféro-interne",
                "central" => "région rétro-aréolaire",
                _ => "union des quadrants externes",
            }
            : T.Location switch
            {
                "uoq" => "upper outer quadrant",
                "uiq" => "upper inner quadrant",
                "loq" => "lower outer quadrant",
                "liq" => "lower inner quadrant",
                "central" => "retroareolar region",
                _ => "junction of the outer quadrants",
            },
            Targets.Field(G.IcdO3Topography, IcdO3Truth.Quadrant(T.Location)));
    }

    private MarkedText? Side(bool feminine)
    {
        var side = ctx.Value(F.Laterality);
        if (side is null)
        {
            return null;
        }

        var text = Fr ? (side == "left" ? "gauche" : feminine ? "droite" : "droit") : side;
        return DocContext.Marked(text, Targets.Field(F.Laterality, side));
    }

    private MarkedText? PathologicTnm()
    {
        var t = ctx.Value(F.PathologicT);
        var n = ctx.Value(F.PathologicN);
        if (t is null || n is null)
        {
            return null;
        }

        var b = new MarkedTextBuilder();
        b.AppendMarked("p" + t, [Targets.Field(F.PathologicT, t)]);
        b.Append(R.Pick(" ", " ", "", ", "));
        var sentinel = T.SentinelOnly && n is "N0" or "N1mi" && R.Chance(0.6) ? R.Pick("(sn)", " (sn)") : "";
        b.AppendMarked("p" + n + sentinel, [Targets.Field(F.PathologicN, n)]);
        if (T.Nodes is var (examined, involved) && n != "N1mi" && R.Chance(0.5))
        {
            b.Append(Fr ? $" ({involved}/{examined})" : $" ({involved}/{examined} nodes)");
        }

        return b.Build();
    }

    private MarkedText ClinicalTnm()
    {
        var t = ctx.Value(F.ClinicalT)!;
        var n = ctx.Value(F.ClinicalN)!;
        var m = ctx.Value(F.ClinicalM)!;
        var b = new MarkedTextBuilder();
        var prefix = R.Chance(0.65) ? "c" : "";
        var gap = prefix.Length > 0 ? R.Pick(" ", "") : "";
        b.AppendMarked(prefix + t, [Targets.Field(F.ClinicalT, t)]).Append(gap);
        b.AppendMarked(prefix + n, [Targets.Field(F.ClinicalN, n)]).Append(gap);
        b.AppendMarked(prefix + m, [Targets.Field(F.ClinicalM, m)]);
        return b.Build();
    }

    /// <summary>Every metastatic site, each marked on its own; "none" marked as an empty set when M0.</summary>
    private MarkedText Metastases()
    {
        var sites = T.MetastaticSites;
        if (sites.Count == 0)
        {
            return DocContext.Marked(Phrasebook.NoMetastasis(Fr, R), Targets.Field(G.MetastaticSites, ""));
        }

        var b = new MarkedTextBuilder();
        for (var i = 0; i < sites.Count; i++)
        {
            if (i > 0)
            {
                b.Append(i == sites.Count - 1 ? (Fr ? " et " : " and ") : ", ");
            }

            b.AppendMarked(Phrasebook.Metastasis(sites[i], Fr, R), [Targets.Field(G.MetastaticSites, Phrasebook.SiteValue(sites[i]))]);
        }

        return b.Build();
    }

    /// <summary>
    /// One organ's finding: marked when metastatic; a negative finding is marked "none" only when the whole case
    /// is free of metastases (otherwise it says nothing about the set).
    /// </summary>
    private MarkedText MetastasisOf(string site)
    {
        if (T.MetastaticSites.Contains(site))
        {
            return DocContext.Marked(Phrasebook.Metastasis(site, Fr, R), Targets.Field(G.MetastaticSites, Phrasebook.SiteValue(site)));
        }

        var text = (site, Fr) switch
        {
            ("bone", true) => R.Pick("absence de lésion osseuse suspecte", "pas de foyer osseux suspect"),
            ("bone", false) => R.Pick("no suspicious bone lesion", "no scintigraphic evidence of bone metastases"),
            ("brain", true) => R.Pick("absence de lésion encéphalique suspecte", "pas de métastase cérébrale"),
            ("brain", false) => R.Pick("no intracranial metastases", "no suspicious brain lesion"),
            ("liver", true) => "pas de lésion hépatique suspecte",
            ("liver", false) => "no suspicious liver lesion",
            (_, true) => "pas de lésion suspecte",
            _ => "no suspicious lesion",
        };
        return T.MetastaticSites.Count == 0 ? DocContext.Marked(text, Targets.Field(G.MetastaticSites, "")) : Plain(text);
    }

    private MarkedText DiagnosisDate()
    {
        var biopsy = C.Events.First(e => e.Kind == GoldEventKinds.Biopsy);
        return DocContext.Marked(
            ctx.Day(C.DiagnosisDate),
            Targets.Field(F.DateOfDiagnosis, DateText.Iso(C.DiagnosisDate)),
            Targets.Event(biopsy.Id));
    }

    public MarkedText EventDate(CaseEvent e) =>
        DocContext.Marked(e.MonthOnly ? DateText.Month(e.Date, C.Dates, R) : ctx.Day(e.Date), Targets.Event(e.Id));
}
