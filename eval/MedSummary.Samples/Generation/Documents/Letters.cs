using MedSummary.Core.Gold;
using MedSummary.Samples.Pdf;
using K = MedSummary.Core.Gold.GoldEventKinds;

namespace MedSummary.Samples.Generation.Documents;

/// <summary>Letters and consultation notes: the referral, the oncology consultations, the radiotherapy summary.</summary>
internal static class Letters
{
    private static (string Fr, string En) ReferrerRole(CancerType cancer) => cancer switch
    {
        CancerType.Breast => ("Gynécologue-obstétricien", "Consultant Breast Surgeon"),
        CancerType.Lung => ("Pneumologue", "Consultant Respiratory Physician"),
        CancerType.Prostate => ("Urologue", "Consultant Urologist"),
        _ => ("Gastro-entérologue", "Consultant Gastroenterologist"),
    };

    public static void Referral(DocWriter w)
    {
        var c = w.C;
        var (roleFr, roleEn) = ReferrerRole(c.Cancer);
        Common.PracticeLetterhead(w, c.Team.ReferringDoctor, w.L(roleFr, roleEn),
            w.Fr ? $"Cabinet médical, {c.Team.Address}" : $"Outpatient Clinic, {c.Team.Address}");
        w.Title = w.L("Courrier d'adressage", "Referral letter");
        w.Add(new Paragraph(MarkedText.Plain(w.Fr
            ? $"{c.Team.Oncologist}\nService d'oncologie médicale\n{c.Team.Hospital}"
            : $"{c.Team.Oncologist}\nDepartment of Medical Oncology\n{c.Team.Hospital}"))
        { Indent = 250, SpaceAfter = 1 });
        w.Line("Objet", "Re", w.Fr
            ? $"{w.Slots.PatientName(true)}, né{(c.Patient.IsFemale ? "e" : "")} le {w.Ctx.NumericDate(c.Patient.BirthDate)}"
            : $"{w.Slots.PatientName(true)}, DOB {w.Ctx.NumericDate(c.Patient.BirthDate)}");
        w.Spacer(6);
        w.P(w.Fr ? w.R.Pick("Cher confrère,", "Chère consœur,", "Cher ami,") : $"Dear {c.Team.Oncologist},");

        w.P(
            [
                "Je vous adresse {patient_short}, {age_sex}, pour la prise en charge d'un {histology} {site_in} récemment diagnostiqué.",
                "Je vous remercie de bien vouloir recevoir {patient_short}, {age_sex}, chez qui vient d'être diagnostiqué un {histology} {site_in}.",
                "Permettez-moi de vous adresser {patient_short}, {age_sex}, pour avis et prise en charge d'une néoplasie {site_in}.",
            ],
            [
                "Thank you for seeing {patient_short}, a {age_sex}, with a newly diagnosed {histology} {site_in}.",
                "I would be grateful if you could see {patient_short}, a {age_sex}, who has recently been diagnosed with {histology} {site_in}.",
                "I am referring {patient_short}, a {age_sex}, for management of a newly diagnosed cancer {site_in}.",
            ]);

        var history = new List<(string[], string[])>();
        if (Common.Known(w, K.Symptom))
        {
            history.Add((
                [SymptomFr(c) + " en {evkind:symptom}.", "Les premiers symptômes remontent à {evkind:symptom} : " + LowerFirst(SymptomFr(c)) + "."],
                [SymptomEn(c) + " since {evkind:symptom}.", "Symptoms began in {evkind:symptom} with " + LowerFirst(SymptomEn(c)) + "."]));
        }

        history.Add(DiagnosticSentences(c));
        w.Sentences([.. history]);
        PathologySummary(w);
        StagingSummaryIfKnown(w);

        w.H3("Antécédents", "Past medical history");
        w.Filler(FillerTopic.MedicalHistory, w.Amount(3, 5));
        w.Filler(FillerTopic.Medications, w.Amount(2, 3));
        if (w.R.Chance(0.7))
        {
            w.Filler(FillerTopic.Lifestyle, w.Amount(2, 3));
        }

        if (w.R.Chance(0.6))
        {
            w.Filler(FillerTopic.FamilyHistory, w.Amount(1, 2));
        }

        w.P(
            [
                "Je vous remercie de bien vouloir {la} recevoir en consultation et de présenter son dossier en réunion de concertation pluridisciplinaire.",
                "Je vous serais reconnaissant de {la} recevoir rapidement ; {il} est informé{e} du diagnostic et souhaite être pris{e} en charge dans votre établissement.",
            ],
            [
                "I would be grateful if you could see {him} and discuss the case at your multidisciplinary meeting.",
                "{She} is aware of the diagnosis and keen to be treated at your centre. Many thanks for your help.",
            ]);
        Common.Signature(w, c.Team.ReferringDoctor, roleFr, roleEn);
    }

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

    private static string SymptomFr(ClinicalCase c) => c.Events.First(e => e.Kind == K.Symptom).Description switch
    {
        var d when d.StartsWith("Palpable lump", StringComparison.Ordinal) => "Autopalpation d'un nodule mammaire",
        "Persistent cough" => "Toux persistante",
        "Haemoptysis" => "Hémoptysies",
        "Dyspnoea and weight loss" => "Dyspnée d'effort et amaigrissement",
        "Chest pain" => "Douleurs thoraciques",
        "Bone pain" => "Douleurs osseuses",
        "Raised PSA on routine testing" => "Élévation du PSA découverte lors d'un bilan systématique",
        "Rectal bleeding" => "Rectorragies",
        "Iron-deficiency anaemia" => "Anémie ferriprive",
        "Change in bowel habit" => "Troubles du transit",
        _ => "Douleurs abdominales",
    };

    private static string SymptomEn(ClinicalCase c)
    {
        var d = c.Events.First(e => e.Kind == K.Symptom).Description;
        return d.StartsWith("Palpable lump", StringComparison.Ordinal) ? "Self-detected breast lump" : d;
    }

    private static (string[], string[]) DiagnosticSentences(ClinicalCase c) => c.Cancer switch
    {
        CancerType.Breast => (
            ["La mammographie et l'échographie du {ev:" + FirstImaging(c) + "} ont montré une masse du {quadrant} du {site} de {size}, classée ACR 5.",
             "Le bilan sénologique ({ev:" + FirstImaging(c) + "}) retrouve une lésion suspecte de {size} du {site}."],
            ["Mammography and ultrasound on {ev:" + FirstImaging(c) + "} showed a {size} mass in the {quadrant} of the {site}, BI-RADS 5.",
             "Breast imaging ({ev:" + FirstImaging(c) + "}) found a suspicious {size} lesion of the {site}."]),
        CancerType.Lung => (
            ["Le scanner thoracique du {ev:" + FirstImaging(c) + "} a mis en évidence une masse {site_in} de {size}.",
             "Un scanner réalisé le {ev:" + FirstImaging(c) + "} retrouve une lésion tissulaire de {size} {site_in}."],
            ["A CT chest on {ev:" + FirstImaging(c) + "} showed a {size} mass {site_in}.",
             "CT of the chest ({ev:" + FirstImaging(c) + "}) demonstrated a {size} lesion {site_in}."]),
        CancerType.Prostate => (
            ["Le bilan a retrouvé un {psa}, et l'IRM prostatique du {ev:" + FirstImaging(c) + "} une lésion classée PI-RADS " + c.Tumor.PiRads + ".",
             "{Psa}. IRM du {ev:" + FirstImaging(c) + "} : cible PI-RADS " + c.Tumor.PiRads + "."],
            ["Investigations showed a {psa}, and MRI of the prostate on {ev:" + FirstImaging(c) + "} a PI-RADS " + c.Tumor.PiRads + " lesion.",
             "{Psa}; prostate MRI ({ev:" + FirstImaging(c) + "}): PI-RADS " + c.Tumor.PiRads + " target."]),
        _ => (
            ["La coloscopie du {dx_date} a retrouvé une lésion bourgeonnante {site_in}, biopsiée.",
             "Une coloscopie a été réalisée le {dx_date}, objectivant une tumeur {site_in}."],
            ["Colonoscopy on {dx_date} found an exophytic tumour {site_in}, which was biopsied.",
             "Colonoscopy performed on {dx_date} showed a tumour {site_in}."]),
    };

    private static string FirstImaging(ClinicalCase c) => c.Events.First(e => e.Kind == K.Imaging).Id;

    private static void PathologySummary(DocWriter w)
    {
        switch (w.C.Cancer)
        {
            case CancerType.Breast:
                w.Sentences(
                    (["La microbiopsie du {dx_date} conclut à un {histology}, {grade}.", "L'examen histologique de la biopsie réalisée le {dx_date} montre un {histology} de {grade}."],
                     ["Core biopsy on {dx_date} showed {histology}, {grade}.", "Histology of the biopsy taken on {dx_date} confirmed {histology}, {grade}."]),
                    (["Profil immunohistochimique : {er}, {pr}, {her2}, {ki67}.", "{Er} ; {pr} ; {her2}. {Ki67}."],
                     ["Receptor status: {er}, {pr}, {her2}, {ki67}.", "{Er}; {pr}; {her2}. {Ki67}."]),
                    (["{Brca}."], ["{Brca}."]));
                break;
            case CancerType.Lung:
                w.Sentences(
                    (["La biopsie du {dx_date} a confirmé un {histology}.", "L'analyse histologique des prélèvements du {dx_date} conclut à un {histology} {grade}."],
                     ["Biopsy on {dx_date} confirmed {histology}.", "Histology of the samples taken on {dx_date} showed {histology}, {grade}."]),
                    (["Biologie moléculaire : {egfr}, {alk}.", "{Egfr}, {alk}."], ["Molecular testing: {egfr}, {alk}.", "{Egfr}; {alk}."]),
                    (["{Pdl1}."], ["{Pdl1}."]));
                break;
            case CancerType.Prostate:
                w.Sentences(
                    (["Les biopsies du {dx_date} retrouvent un {histology}, {gleason}.", "Les biopsies prostatiques réalisées le {dx_date} sont positives : {histology} de {gleason}."],
                     ["Biopsies on {dx_date} showed {histology}, {gleason}.", "Prostate biopsies taken on {dx_date} were positive for {histology}, {gleason}."]));
                break;
            default:
                w.Sentences(
                    (["L'examen anatomopathologique des biopsies conclut à un {histology} {grade}.", "Les biopsies montrent un {histology}, {grade}."],
                     ["Histology of the biopsies showed {histology}, {grade}.", "The biopsies showed a {grade} {histology}."]),
                    (["{Msi}.", ""], ["{Msi}.", ""]));
                break;
        }
    }

    private static void StagingSummaryIfKnown(DocWriter w)
    {
        var staged = w.C.Events.Any(e => e.Kind == K.Imaging && e.Date <= w.Ctx.Date
            && (e.Description.StartsWith("Staging", StringComparison.Ordinal) || e.Description.Contains("PET", StringComparison.Ordinal)
                || e.Description.StartsWith("CT abdomen", StringComparison.Ordinal) || e.Description == "Bone scintigraphy"));
        if (!staged)
        {
            w.P(
                ["Le bilan d'extension est en cours.", "Le bilan d'extension reste à compléter selon vos habitudes."],
                ["Staging investigations are under way.", "I have not yet arranged staging; please complete it as you see fit."]);
            return;
        }

        w.TryP(
            ["Le bilan d'extension retrouve {mets}.", "Sur le plan de l'extension : {mets}."],
            ["Staging shows {mets}.", "Staging investigations: {mets}."]);
    }

    /// <summary>The first oncology consultation after diagnosis or surgery.</summary>
    public static void InitialConsultation(DocWriter w)
    {
        var c = w.C;
        Common.HospitalLetterhead(w, w.L("Service d'oncologie médicale", "Department of Medical Oncology"));
        w.DocTitle("Consultation d'oncologie médicale", "Oncology clinic letter");
        Common.PatientBlock(w, prescriber: false);
        w.Line("Médecin", "Consultant", c.Team.Oncologist);
        w.Line("Destinataires", "cc", $"{c.Team.GeneralPractitioner}, {c.Team.ReferringDoctor}");

        w.H("Motif de consultation", "Reason for consultation");
        w.P(
            ["Prise en charge d'un {histology} {site_in}.", "Première consultation d'oncologie pour un {histology} {site_in}.", "Avis thérapeutique concernant un {histology} {site_in}."],
            ["Management of {histology} {site_in}.", "New patient appointment: {histology} {site_in}.", "Treatment planning for {histology} {site_in}."]);

        w.H("Histoire de la maladie", "History");
        Story(w);

        w.H("Antécédents", "Past history");
        w.Filler(FillerTopic.MedicalHistory, w.Amount(2, 5));
        w.H3("Traitement habituel", "Medication");
        w.Filler(FillerTopic.Medications, w.Amount(2, 4));
        w.H3("Mode de vie", "Social history");
        w.Filler(FillerTopic.Lifestyle, w.Amount(2, 4));
        if (w.R.Chance(0.5))
        {
            w.Filler(FillerTopic.FamilyHistory, w.Amount(1, 2));
        }

        w.H("Examen clinique", "Examination");
        w.Sentences(
            (["Patient{e} en bon état général, {ecog}.", "État général : {ecog}.", "{Ecog}, autonome."],
             ["Good general condition, {ecog}.", "Performance status: {ecog}.", "{Ecog}; fully independent."]));
        w.Filler(FillerTopic.ClinicalExam, w.Amount(3, 5));

        w.H("Synthèse", "Summary");
        Synthesis(w);

        w.H("Proposition", "Plan");
        Plan(w);
        w.Filler(FillerTopic.PatientInformation, w.Amount(2, 4));
        if (w.R.Chance(0.5))
        {
            w.Filler(FillerTopic.SupportiveCare, w.Amount(1, 3));
        }

        w.Filler(FillerTopic.FollowUpOrganisation, w.Amount(1, 2));
        Common.Signature(w, c.Team.Oncologist, "Oncologue médical", "Consultant Medical Oncologist");
    }

    private static void Story(DocWriter w)
    {
        var c = w.C;
        var parts = new List<(string[], string[])>();
        if (Common.Known(w, K.Symptom))
        {
            parts.Add((["Histoire débutant en {evkind:symptom}."], ["Symptoms started in {evkind:symptom}."]));
        }

        parts.Add(DiagnosticSentences(c));
        parts.Add((
            ["Le diagnostic histologique a été porté le {dx_date}.", "Prélèvement diagnostique réalisé le {dx_date}."],
            ["Histological diagnosis was made on {dx_date}.", "Diagnostic biopsy performed on {dx_date}."]));
        w.Sentences([.. parts]);
        PathologySummary(w);
        Investigations(w);
        w.TryP(["Bilan d'extension : {mets}."], ["Staging: {mets}."]);
        if (Common.Known(w, K.TumorBoard))
        {
            w.Sentences((
                ["Le dossier a été discuté en réunion de concertation pluridisciplinaire le {evkind:tumor_board}.", "Présentation en RCP le {evkind:tumor_board}."],
                ["The case was discussed at the multidisciplinary team meeting on {evkind:tumor_board}.", "MDT discussion on {evkind:tumor_board}."]));
        }

        var surgery = c.Treatments.FirstOrDefault(t => t.Kind == GoldTreatmentKinds.Surgery && t.Start <= w.Ctx.Date);
        if (surgery is not null)
        {
            var b = new MarkedTextBuilder();
            b.Append(w.L(w.R.Pick("Intervention : ", "Prise en charge chirurgicale : "), w.R.Pick("Surgery: ", "Operation: ")));
            b.Append(Common.TreatmentPhrase(w, surgery)).Append(". ");
            b.Append(w.Render(
                ["Analyse de la pièce opératoire : {histology}, {grade}, {ptnm}.", "L'examen de la pièce conclut à un {histology} {ptnm}.", "Résultat histologique définitif : {ptnm}, {grade}."],
                ["Final histology: {histology}, {grade}, {ptnm}.", "The resection specimen showed {histology}, {ptnm}.", "Definitive pathology: {ptnm}, {grade}."]));
            w.P(b.Build());
        }
    }

    /// <summary>A dated recap of the history to date, one line per event, as letters carry it forward.</summary>
    private static void History(DocWriter w)
    {
        var events = w.C.Events.Where(e => e.Date <= w.Ctx.Date).OrderBy(e => e.Date).ToList();
        if (events.Count < 3)
        {
            return;
        }

        w.H(w.R.Pick("Historique", "Rappel chronologique"), w.R.Pick("Timeline", "History to date"));
        foreach (var e in events)
        {
            if (HistoryText(w, e) is not { } what)
            {
                continue;
            }

            var line = new MarkedTextBuilder().Append("- ").Append(w.Slots.EventDate(e)).Append(w.Fr ? " : " : ": ").Append(what).Build();
            w.Add(new Paragraph(line) { SpaceAfter = 0.1, Indent = 8 });
        }
    }

    private static MarkedText? HistoryText(DocWriter w, CaseEvent e)
    {
        var c = w.C;
        Treatment? TreatmentAt(Func<Treatment, DateOnly?> date) => c.Treatments.FirstOrDefault(t => date(t) == e.Date && t.Kind != GoldTreatmentKinds.Surgery);
        switch (e.Kind)
        {
            case K.Symptom:
                return MarkedText.Plain(w.Fr ? "premiers symptômes (" + LowerFirst(SymptomFr(c)) + ")" : "first symptoms (" + LowerFirst(SymptomEn(c)) + ")");
            case K.Imaging:
                return MarkedText.Plain(w.Fr ? ImagingNameFr(e) : ImagingNameEn(e));
            case K.Biopsy:
                return MarkedText.Plain(w.L("prélèvement diagnostique", "diagnostic biopsy"));
            case K.TumorBoard:
                return MarkedText.Plain(w.L("réunion de concertation pluridisciplinaire", "multidisciplinary team meeting"));
            case K.Surgery:
                return MarkedText.Plain(Common.TreatmentName(w, c.Treatments.First(t => t.Kind == GoldTreatmentKinds.Surgery)));
            case K.TreatmentStart when TreatmentAt(t => t.Start) is { } started:
                return MarkedText.Plain(w.L("début : ", "start of ") + Common.TreatmentName(w, started));
            case K.TreatmentEnd when TreatmentAt(t => t.End) is { } ended:
                return MarkedText.Plain(w.L("fin : ", "end of ") + Common.TreatmentName(w, ended));
            case K.Toxicity when c.Toxicities.FirstOrDefault(x => x.Date == e.Date) is { } tox:
                return DocContext.Marked(Phrasebook.Toxicity(tox.Name, tox.Grade, w.Fr, w.R), Targets.Toxicity(tox.Id));
            case K.Response or K.Progression:
                return MarkedText.Plain(w.L("scanner d'évaluation", "restaging CT"));
            default:
                return null;
        }
    }

    /// <summary>The list of investigations to date, each with its date, as consultation letters recap them.</summary>
    private static void Investigations(DocWriter w)
    {
        var imaging = Common.EventsBefore(w, K.Imaging).Skip(1).ToList();
        if (imaging.Count == 0)
        {
            return;
        }

        w.H3("Examens complémentaires", "Investigations");
        foreach (var e in imaging)
        {
            var line = new MarkedTextBuilder()
                .Append("- " + (w.Fr ? ImagingNameFr(e) + " du " : ImagingNameEn(e) + " on "))
                .Append(w.Slots.EventDate(e))
                .Append(w.Fr ? " : " : ": ")
                .Append(ImagingResult(w, e))
                .Build();
            w.Add(new Paragraph(line) { SpaceAfter = 0.15 });
        }
    }

    private static MarkedText ImagingResult(DocWriter w, CaseEvent e) => e.Description switch
    {
        "Bone scintigraphy" => w.Render(["{mets_only:bone}."], ["{mets_only:bone}."]),
        "Brain MRI" => w.Render(["{mets_only:brain}."], ["{mets_only:brain}."]),
        "Breast MRI" => w.Render(["lésion unifocale de {size}.", "pas d'autre lésion."], ["unifocal lesion of {size}.", "no additional lesion."]),
        _ => w.Render(["{mets}."], ["{mets}."]),
    };

    public static string ImagingNameFr(CaseEvent e) => e.Description switch
    {
        var d when d.StartsWith("Mammography", StringComparison.Ordinal) => "Mammographie et échographie mammaire",
        var d when d.StartsWith("CT chest:", StringComparison.Ordinal) => "Scanner thoracique",
        var d when d.StartsWith("Prostate MRI", StringComparison.Ordinal) => "IRM prostatique multiparamétrique",
        var d when d.StartsWith("Staging CT", StringComparison.Ordinal) => "Scanner thoraco-abdomino-pelvien",
        var d when d.StartsWith("CT abdomen", StringComparison.Ordinal) => "Scanner abdomino-pelvien",
        "Bone scintigraphy" => "Scintigraphie osseuse",
        "Breast MRI" => "IRM mammaire",
        "Brain MRI" => "IRM cérébrale",
        "FDG PET-CT" => "TEP-TDM au FDG",
        "Pelvic MRI" => "IRM pelvienne",
        _ => "Imagerie",
    };

    public static string ImagingNameEn(CaseEvent e) => e.Description switch
    {
        var d when d.StartsWith("Mammography", StringComparison.Ordinal) => "Mammography and breast ultrasound",
        var d when d.StartsWith("CT chest:", StringComparison.Ordinal) => "CT chest",
        var d when d.StartsWith("Prostate MRI", StringComparison.Ordinal) => "Multiparametric prostate MRI",
        var d when d.StartsWith("Staging CT", StringComparison.Ordinal) => "CT chest, abdomen and pelvis",
        var d when d.StartsWith("CT abdomen", StringComparison.Ordinal) => "CT abdomen and pelvis",
        "Bone scintigraphy" => "Bone scan",
        "Breast MRI" => "Breast MRI",
        "Brain MRI" => "MRI brain",
        "FDG PET-CT" => "FDG PET-CT",
        "Pelvic MRI" => "Pelvic MRI",
        _ => "Imaging",
    };

    private static void Synthesis(DocWriter w)
    {
        var c = w.C;
        var b = new MarkedTextBuilder();
        var first = w.Render(
            ["{Pat}, {age_sex}, présente un {histology} {site_in}, classé {ctnm}.", "Au total, {histology} {site_in}, {ctnm}.", "{Histology} {site_in} classé {ctnm} au bilan initial."],
            ["In summary, a {age_sex} with {histology} {site_in}, clinically {ctnm}.", "Summary: {histology} {site_in}, {ctnm}.", "{Histology} {site_in}, staged {ctnm} at presentation."]);
        b.Append(first);
        if (c.Tumor.Pathologic is not null && w.TryRender(["Classification pathologique {ptnm}.", "Stadification post-opératoire : {ptnm}."], ["Pathological staging {ptnm}.", "Post-operative staging: {ptnm}."]) is { } p)
        {
            b.Append(" ").Append(p);
        }

        if (w.TryRender(["Soit un {stage}.", "Il s'agit d'un {stage}.", "{Stage}."], ["This corresponds to {stage}.", "{Stage}.", "Overall {stage}."]) is { } s)
        {
            b.Append(" ").Append(s);
        }

        w.P(b.Build());
        switch (c.Cancer)
        {
            case CancerType.Breast:
                w.TryP(["Profil : {er}, {pr}, {her2}, {ki67}.", "{Er}, {pr}, {her2}."], ["Biology: {er}, {pr}, {her2}, {ki67}.", "{Er}, {pr}, {her2}."]);
                break;
            case CancerType.Lung:
                w.Sentences((["{Egfr}, {alk}.", "Biologie moléculaire : {egfr} ; {alk}."], ["{Egfr}; {alk}.", "Molecular profile: {egfr}; {alk}."]),
                            (["{Kras}.", ""], ["{Kras}.", ""]), (["{Braf}.", ""], ["{Braf}.", ""]), (["{Pdl1}."], ["{Pdl1}."]));
                break;
            case CancerType.Prostate:
                w.TryP(["{Gleason}, {isup}, {psa}.", "Rappel : {psa} au diagnostic, {gleason}."], ["{Gleason}, {isup}, {psa}.", "{Psa} at diagnosis; {gleason}."]);
                break;
            default:
                w.Sentences((["{Msi}."], ["{Msi}."]), (["{Kras}.", "Statut KRAS : {kras}."], ["{Kras}.", "KRAS status: {kras}."]), (["{Braf}."], ["{Braf}."]));
                break;
        }
    }

    private static void Plan(DocWriter w)
    {
        var c = w.C;
        var next = c.Treatments.Where(t => t.Start > w.Ctx.Date).OrderBy(t => t.Start).Take(2).ToList();
        if (next.Count == 0)
        {
            w.P(["Surveillance clinique et biologique.", "Surveillance simple, sans traitement complémentaire."], ["Clinical follow-up.", "Active surveillance; no further treatment for now."]);
            return;
        }

        foreach (var t in next)
        {
            // Plans are not delivered treatments: they are written without marks.
            var name = Common.TreatmentName(w, t);
            w.P(MarkedText.Plain(w.Fr
                ? w.R.Pick($"Nous proposons : {name}.", $"Il est proposé un traitement par {name}.", $"Proposition de la RCP : {name}.")
                : w.R.Pick($"We propose {name}.", $"Plan: {name}.", $"The MDT recommended {name}.")));
        }
    }

    /// <summary>A consultation during treatment: tolerance, toxicities, labs, decision.</summary>
    public static void FollowUp(DocWriter w)
    {
        var c = w.C;
        Common.HospitalLetterhead(w, w.L("Hôpital de jour d'oncologie", "Oncology Day Unit"));
        w.DocTitle(w.R.Pick("Consultation de suivi", "Compte rendu de consultation"), w.R.Pick("Review clinic letter", "Follow-up consultation"));
        Common.PatientBlock(w, prescriber: false);

        var current = c.Treatments.Where(t => t.Start <= w.Ctx.Date && (t.End is null || t.End >= w.Ctx.Date) && t.Kind != GoldTreatmentKinds.Surgery).ToList();
        var b = new MarkedTextBuilder();
        if (current.Count > 0)
        {
            b.Append(w.L("Patient{e} vu{e} en cours de traitement par ", "Seen during treatment with ").Replace("{e}", c.Patient.IsFemale ? "e" : ""));
            for (var i = 0; i < current.Count; i++)
            {
                if (i > 0)
                {
                    b.Append(w.L(" et ", " and "));
                }

                b.Append(Common.TreatmentPhrase(w, current[i]));
            }

            b.Append(".");
            w.H("Traitement en cours", "Current treatment");
            w.P(b.Build());
        }
        else
        {
            w.H("Contexte", "Background");
            w.P(["Suivi d'un {histology} {site_in}.", "Consultation de suivi d'un {histology} {site_in}."], ["Follow-up of {histology} {site_in}.", "Review of {histology} {site_in}."]);
        }

        if (c.Spec.Size != DossierSize.Small)
        {
            History(w);
        }

        w.H("Tolérance", "Tolerance");
        var toxicities = c.Toxicities.Where(x => x.Date <= w.Ctx.Date && x.Date >= w.Ctx.Date.AddDays(-30)).ToList();
        foreach (var tox in toxicities)
        {
            var e = c.Events.FirstOrDefault(x => x.Kind == K.Toxicity && x.Date == tox.Date);
            var tb = new MarkedTextBuilder();
            tb.Append(w.L(w.R.Pick("Survenue d'une ", "On note une ", "Épisode de "), w.R.Pick("Complicated by ", "Noted: ", "There was ")));
            tb.AppendMarked(Phrasebook.Toxicity(tox.Name, tox.Grade, w.Fr, w.R), [Targets.Toxicity(tox.Id)]);
            tb.Append(w.L(" le ", " on "));
            tb.AppendMarked(w.Ctx.Day(tox.Date), e is null ? [] : [Targets.Event(e.Id)]);
            tb.Append(tox.Name.Contains("neutropenia", StringComparison.Ordinal)
                ? w.L(", ayant motivé un report d'une semaine et l'introduction d'un G-CSF en prophylaxie secondaire.", ", leading to a one-week delay and secondary prophylaxis with G-CSF.")
                : w.L(", prise en charge symptomatique.", ", managed symptomatically."));
            w.P(tb.Build());
        }

        if (toxicities.Count == 0)
        {
            w.P(["Bonne tolérance globale, asthénie modérée.", "Tolérance correcte, pas d'événement notable depuis la dernière cure."], ["Treatment well tolerated apart from mild fatigue.", "No significant toxicity since the last cycle."]);
        }

        if (Common.LatestPanel(w) is { } panel)
        {
            var abnormal = panel.Results.Where(r => r.Abnormal).ToList();
            var lb = new MarkedTextBuilder();
            lb.Append(w.L($"Bilan biologique du {w.Ctx.NumericDate(panel.Date)} : ", $"Blood tests on {w.Ctx.NumericDate(panel.Date)}: "));
            if (abnormal.Count == 0)
            {
                lb.Append(w.L("sans anomalie notable.", "unremarkable."));
            }
            else
            {
                for (var i = 0; i < abnormal.Count; i++)
                {
                    if (i > 0)
                    {
                        lb.Append(", ");
                    }

                    lb.Append(Common.LabMention(w, panel, abnormal[i]));
                }

                lb.Append(".");
            }

            w.P(lb.Build());
        }

        w.H("Examen", "Examination");
        w.Sentences((["{Ecog}.", "État général conservé, {ecog}."], ["{Ecog}.", "Remains well, {ecog}."]));
        w.Filler(FillerTopic.ClinicalExam, w.Amount(2, 4));
        w.H("Conduite à tenir", "Plan");
        w.P(
            ["Poursuite du traitement selon le calendrier prévu, avec adaptation des doses si nécessaire.", "Poursuite du protocole. Contrôle de la NFS avant la prochaine cure."],
            ["Continue treatment as planned, with dose adjustment if required.", "Continue current protocol; full blood count before the next cycle."]);
        w.Filler(FillerTopic.SupportiveCare, w.Amount(1, 2));
        w.Filler(FillerTopic.FollowUpOrganisation, 1);
        Common.Signature(w, c.Team.Oncologist, "Oncologue médical", "Consultant Medical Oncologist");
    }

    /// <summary>The last consultation: everything delivered so far, and the disease status.</summary>
    public static void FinalConsultation(DocWriter w)
    {
        var c = w.C;
        Common.HospitalLetterhead(w, w.L("Service d'oncologie médicale", "Department of Medical Oncology"));
        w.DocTitle(w.R.Pick("Consultation de surveillance", "Compte rendu de consultation"), w.R.Pick("Follow-up clinic letter", "Oncology review"));
        Common.PatientBlock(w, prescriber: false);
        w.H("Rappel", "Summary of history");
        w.Sentences(
            (["{Pat}, {age_sex}, est suivi{e} pour un {histology} {site_in} diagnostiqué le {dx_date}.", "Suivi d'un {histology} {site_in} (diagnostic histologique le {dx_date})."],
             ["This {age_sex} is followed for {histology} {site_in} diagnosed on {dx_date}.", "Follow-up of {histology} {site_in}, diagnosed {dx_date}."]),
            (["Stadification initiale : {ctnm}.", "Classé {ctnm} au diagnostic."], ["Initial staging {ctnm}.", "Staged {ctnm} at diagnosis."]),
            (["Classification pathologique : {ptnm}.", ""], ["Pathology: {ptnm}.", ""]),
            (["{Stage}.", ""], ["{Stage}.", ""]));

        History(w);
        w.H("Traitements reçus", "Treatment to date");
        foreach (var t in c.Treatments.Where(t => t.Start <= w.Ctx.Date))
        {
            w.P(Slots.Capitalize(new MarkedTextBuilder().Append("- ").Append(Common.TreatmentPhrase(w, t)).Append(".").Build()));
        }

        var toxicities = c.Toxicities.Where(x => x.Date <= w.Ctx.Date).ToList();
        if (toxicities.Count > 0)
        {
            var tb = new MarkedTextBuilder();
            tb.Append(w.L("Principales toxicités : ", "Main toxicities: "));
            for (var i = 0; i < toxicities.Count; i++)
            {
                if (i > 0)
                {
                    tb.Append(", ");
                }

                tb.AppendMarked(Phrasebook.Toxicity(toxicities[i].Name, toxicities[i].Grade, w.Fr, w.R), [Targets.Toxicity(toxicities[i].Id)]);
            }

            tb.Append(".");
            w.P(tb.Build());
        }

        w.H("Évaluation", "Current status");
        w.Sentences(
            (["Ce jour, {ecog}.", "{Ecog}, état général satisfaisant."], ["Today {ecog}.", "{Ecog}, in good general condition."]),
            (c.Tumor.IsMetastatic
                ? ["Le dernier bilan d'imagerie montre une {status}.", "Évaluation : {status}."]
                : ["Sur le plan carcinologique : {status}.", "Bilan de surveillance : {status}.", "Conclusion : {status}."],
             c.Tumor.IsMetastatic
                ? ["Latest imaging shows {status}.", "Response assessment: {status}."]
                : ["Oncologically, {status}.", "Surveillance shows {status}.", "Conclusion: {status}."]));
        w.Filler(FillerTopic.ClinicalExam, w.Amount(2, 4));
        w.H("Conduite à tenir", "Plan");
        w.P(
            c.Tumor.IsMetastatic
                ? ["Poursuite du traitement en cours, prochaine évaluation dans trois mois.", "Discussion en RCP des options thérapeutiques."]
                : ["Surveillance clinique tous les six mois et imagerie annuelle.", "Surveillance selon le référentiel régional."],
            c.Tumor.IsMetastatic
                ? ["Continue current treatment; restage in three months.", "Treatment options to be discussed at the MDT."]
                : ["Clinical review every six months with annual imaging.", "Routine surveillance as per local protocol."]);
        w.Filler(FillerTopic.FollowUpOrganisation, w.Amount(1, 2));
        Common.Signature(w, c.Team.Oncologist, "Oncologue médical", "Consultant Medical Oncologist");
    }

    /// <summary>The discharge summary of the surgical stay.</summary>
    public static void Discharge(DocWriter w)
    {
        var c = w.C;
        var surgery = c.Treatments.Last(t => t.Kind == GoldTreatmentKinds.Surgery && t.Start <= w.Ctx.Date);
        Common.HospitalLetterhead(w, w.L("Service de chirurgie - hospitalisation complète", "Surgical Ward"));
        w.DocTitle("Compte rendu d'hospitalisation", "Discharge summary");
        Common.PatientBlock(w, prescriber: false);
        w.Line("Séjour", "Admission", w.Fr
            ? $"du {w.Ctx.NumericDate(surgery.Start.AddDays(-1))} au {w.Ctx.NumericDate(w.Ctx.Date)}"
            : $"{w.Ctx.NumericDate(surgery.Start.AddDays(-1))} to {w.Ctx.NumericDate(w.Ctx.Date)}");
        w.Line("Médecin traitant", "GP", c.Team.GeneralPractitioner);
        w.H("Motif d'hospitalisation", "Reason for admission");
        w.P(["Prise en charge chirurgicale d'un {histology} {site_in}.", "Chirurgie programmée pour un {histology} {site_in}."], ["Elective surgery for {histology} {site_in}.", "Planned operation for {histology} {site_in}."]);
        w.H("Antécédents", "Background");
        w.Filler(FillerTopic.MedicalHistory, w.Amount(2, 4));
        w.Filler(FillerTopic.Medications, w.Amount(1, 3));
        w.H("Intervention", "Procedure");
        w.P(Slots.Capitalize(new MarkedTextBuilder().Append(Common.TreatmentPhrase(w, surgery)).Append(w.L(", sans incident peropératoire.", ", without intraoperative complication.")).Build()));
        w.H("Évolution dans le service", "Hospital course");
        w.Filler(FillerTopic.HospitalCourse, w.Amount(3, 5));
        w.Filler(FillerTopic.Nursing, w.Amount(2, 4));
        w.H("Traitement de sortie", "Discharge medication");
        w.Filler(FillerTopic.Medications, w.Amount(2, 3));
        w.P(w.L("Paracétamol 1 g jusqu'à 4 fois par jour si douleur. Énoxaparine 4000 UI une injection par jour pendant 21 jours.", "Paracetamol 1 g up to four times daily as required. Enoxaparin 40 mg once daily for 21 days."));
        w.H("Suite de la prise en charge", "Follow-up");
        w.P(["Résultat anatomopathologique définitif à discuter en RCP. Consultation post-opératoire avec {surgeon} dans trois semaines."], ["Final histology to be discussed at the MDT. Post-operative review with {surgeon} in three weeks."]);
        w.Filler(FillerTopic.FollowUpOrganisation, w.Amount(1, 2));
        Common.Signature(w, c.Team.Surgeon, "Chirurgien", "Consultant Surgeon");
    }

    /// <summary>The nursing log of the surgical stay: a table of timed entries, mostly routine.</summary>
    public static void NursingNotes(DocWriter w)
    {
        var c = w.C;
        var surgery = c.Treatments.Last(t => t.Kind == GoldTreatmentKinds.Surgery && t.Start <= w.Ctx.Date);
        Common.HospitalLetterhead(w, w.L("Service de chirurgie - soins infirmiers", "Surgical Ward - Nursing"));
        w.DocTitle("Transmissions infirmières", "Nursing notes");
        Common.PatientBlock(w, prescriber: false);
        var rows = new List<TableRow>();
        for (var day = surgery.Start.AddDays(-1); day <= w.Ctx.Date; day = day.AddDays(1))
        {
            foreach (var time in new[] { "07:30", "14:00", "21:15" })
            {
                var note = Filler.Paragraph(w.Ctx, w, w.R.Chance(0.6) ? FillerTopic.Nursing : FillerTopic.HospitalCourse, w.R.Between(1, 2));
                rows.Add(new TableRow([MarkedText.Plain(w.Ctx.NumericDate(day)), MarkedText.Plain(time), note]));
            }
        }

        w.Add(new Table([new(w.L("Date", "Date"), 1.3), new(w.L("Heure", "Time"), 0.8), new(w.L("Transmission", "Entry"), 6)], rows) { RowRules = true, ShadedHeader = true });
    }

    public static void RadiotherapySummary(DocWriter w)
    {
        var c = w.C;
        var rt = c.Treatments.Last(t => t.Kind == GoldTreatmentKinds.Radiotherapy && t.Start <= w.Ctx.Date);
        Common.HospitalLetterhead(w, w.L("Département de radiothérapie", "Department of Clinical Oncology (Radiotherapy)"));
        w.DocTitle("Compte rendu de fin de radiothérapie", "End of radiotherapy summary");
        Common.PatientBlock(w, prescriber: false);
        w.H("Indication", "Indication");
        w.P(["{Histology} {site_in}.", "Radiothérapie d'un {histology} {site_in}."], ["{Histology} {site_in}.", "Radiotherapy for {histology} {site_in}."]);
        w.H("Traitement délivré", "Treatment delivered");
        w.P(Slots.Capitalize(new MarkedTextBuilder().Append(Common.TreatmentPhrase(w, rt)).Append(".").Build()));
        w.P(
            ["Technique : modulation d'intensité en arcthérapie (VMAT), contrôle de positionnement quotidien par imagerie embarquée.", "Irradiation conformationnelle tridimensionnelle, photons de 6 MV."],
            ["Technique: volumetric modulated arc therapy with daily image guidance.", "3D conformal radiotherapy with 6 MV photons."]);
        w.H("Tolérance", "Tolerance");
        var tox = c.Toxicities.FirstOrDefault(x => x.TreatmentId == rt.Id);
        if (tox is not null)
        {
            var tb = new MarkedTextBuilder().Append(w.L("Tolérance marquée par une ", "Treatment complicated by "));
            tb.AppendMarked(Phrasebook.Toxicity(tox.Name, tox.Grade, w.Fr, w.R), [Targets.Toxicity(tox.Id)]);
            tb.Append(w.L(", traitée symptomatiquement.", ", managed symptomatically."));
            w.P(tb.Build());
        }
        else
        {
            w.P(["Bonne tolérance, érythème cutané modéré en fin de traitement.", "Tolérance satisfaisante, asthénie modérée."], ["Well tolerated; mild skin erythema at the end of treatment.", "Tolerated well apart from mild fatigue."]);
        }

        w.Filler(FillerTopic.FollowUpOrganisation, w.Amount(1, 2));
        Common.Signature(w, w.R.Pick(c.Team.Oncologist, c.Team.Surgeon), "Oncologue radiothérapeute", "Consultant Clinical Oncologist");
    }
}
