using System.Globalization;
using MedSummary.Samples.Pdf;

namespace MedSummary.Samples.Generation.Documents;

/// <summary>Pathology reports: the diagnostic biopsy and the resection specimen (optionally in two columns).</summary>
internal static class Pathology
{
    private static void Header(DocWriter w, string titleFr, string titleEn, bool biopsy)
    {
        var c = w.C;
        w.Add(new Letterhead(
            [c.Team.PathologyLab, w.L("Anatomie et cytologie pathologiques", "Cellular Pathology"), c.Team.Address],
            [w.L("Compte rendu n° ", "Report no. ") + $"{(biopsy ? "B" : "P")}{w.Ctx.Date.Year % 100}-{Rng.Derive(c.Spec.Seed, w.Ctx.Key) % 90000 + 10000}",
             w.L("Édité le ", "Issued ") + w.Ctx.NumericDate(w.Ctx.Date)]));
        w.DocTitle(titleFr, titleEn, TextAlign.Center);
        Common.PatientBlock(w);
    }

    public static void Biopsy(DocWriter w)
    {
        var c = w.C;
        var (titleFr, titleEn, specimenFr, specimenEn) = c.Cancer switch
        {
            CancerType.Breast => ("Compte rendu d'anatomie pathologique - microbiopsies mammaires", "Pathology report - breast core biopsy", "Microbiopsies échoguidées {site_in} (3 carottes, 14G)", "Ultrasound-guided core biopsies {site_in} (3 cores, 14G)"),
            CancerType.Lung => ("Compte rendu d'anatomie pathologique - biopsies pulmonaires", "Pathology report - lung biopsy", "Biopsies {site_in}", "Biopsies {site_in}"),
            CancerType.Prostate => ("Compte rendu d'anatomie pathologique - biopsies prostatiques", "Pathology report - prostate biopsies", "Biopsies prostatiques transpérinéales (12 systématiques et 2 ciblées)", "Transperineal prostate biopsies (12 systematic, 2 targeted)"),
            _ => ("Compte rendu d'anatomie pathologique - biopsies coliques", "Pathology report - colonic biopsies", "Biopsies endoscopiques {site_in}", "Endoscopic biopsies {site_in}"),
        };
        Header(w, titleFr, titleEn, biopsy: true);
        w.Line("Date de prélèvement", "Date of sampling", ["{dx_date}"], ["{dx_date}"]);
        w.Line("Date de réception", "Date received", w.Ctx.NumericDate(c.DiagnosisDate.AddDays(1)));
        w.Line("Nature du prélèvement", "Specimen", [specimenFr], [specimenEn]);
        w.H("Renseignements cliniques", "Clinical details");
        w.P(c.Cancer switch
        {
            CancerType.Breast => w.L("Masse suspecte ACR 5.", "Suspicious mass, BI-RADS 5."),
            CancerType.Lung => w.L("Masse pulmonaire suspecte au scanner.", "Suspicious lung mass on CT."),
            CancerType.Prostate => w.L($"PSA élevé, cible IRM PI-RADS {c.Tumor.PiRads}.", $"Raised PSA, PI-RADS {c.Tumor.PiRads} MRI target."),
            // The requester names the organ the endoscopist saw: a rectal tumour is not called colonic.
            CancerType.Rectum => w.L("Tumeur rectale à la coloscopie.", "Rectal tumour at colonoscopy."),
            _ => w.L("Tumeur colique à la coloscopie.", "Colonic tumour at colonoscopy."),
        });

        if (c.Cancer == CancerType.Prostate)
        {
            ProstateCores(w);
        }
        else
        {
            w.H("Macroscopie", "Macroscopy");
            w.P(c.Cancer == CancerType.Breast
                ? w.L("Trois fragments biopsiques filiformes mesurant de 9 à 16 mm de long, inclus en totalité en deux blocs.", "Three cores measuring 9 to 16 mm, entirely embedded in two blocks.")
                : w.L("Cinq fragments tissulaires de 1 à 4 mm, inclus en totalité.", "Five tissue fragments of 1 to 4 mm, entirely embedded."));
            w.H("Microscopie", "Microscopy");
            w.P(Microscopy(w));
        }

        if (c.Cancer == CancerType.Breast)
        {
            w.H("Immunohistochimie", "Immunohistochemistry");
            w.P(w.L("Technique automatisée (Ventana BenchMark), témoins positifs satisfaisants.", "Automated staining (Ventana BenchMark) with appropriate controls."));
            w.P(["{Er}."], ["{Er}."]);
            w.P(["{Pr}."], ["{Pr}."]);
            w.P(["{Her2}."], ["{Her2}."]);
            w.P(["{Ki67}."], ["{Ki67}."]);
        }
        else if (c.Cancer == CancerType.Lung)
        {
            w.H("Immunohistochimie", "Immunohistochemistry");
            w.P(c.Tumor.Histology == "adenocarcinoma"
                ? w.L("TTF1 positif, napsine A positive, p40 négatif.", "TTF1 positive, napsin A positive, p40 negative.")
                : w.L("p40 positif, CK5/6 positif, TTF1 négatif.", "p40 positive, CK5/6 positive, TTF1 negative."));
            w.TryP(["{Pdl1}."], ["{Pdl1}."]);
            if (c.Tumor.Egfr is not null)
            {
                w.H("Biologie moléculaire", "Molecular pathology");
                w.P(w.L("Analyse par séquençage de nouvelle génération (panel ciblé) et immunohistochimie ALK.", "Targeted next-generation sequencing panel and ALK immunohistochemistry."));
                w.TryP(["{Egfr}."], ["{Egfr}."]);
                w.TryP(["{Alk}."], ["{Alk}."]);
                w.TryP(["{Kras}."], ["{Kras}."]);
                w.TryP(["{Braf}."], ["{Braf}."]);
            }
        }
        else if (c.Cancer is CancerType.Colon or CancerType.Rectum)
        {
            w.H("Immunohistochimie", "Immunohistochemistry");
            w.TryP(["Protéines MMR (MLH1, MSH2, MSH6, PMS2) : {msi}."], ["Mismatch repair proteins (MLH1, MSH2, MSH6, PMS2): {msi}."]);
            if (c.Tumor.IsMetastatic)
            {
                w.TryP(["{Kras}."], ["{Kras}."]);
                w.TryP(["{Braf}."], ["{Braf}."]);
            }
        }

        w.H("Technique", "Technical notes");
        w.Filler(FillerTopic.PathologyTechnique, w.Amount(2, 3));
        w.H("Conclusion", "Conclusion");
        w.P(c.Cancer switch
        {
            CancerType.Breast => w.Render(
                ["{Histology} {site_in}, {grade}. {Er}, {pr}, {her2}, {ki67}.", "Microbiopsies {site_in} : {histology}, {grade}. Profil : {er} ; {pr} ; {her2} ; {ki67}."],
                ["{Histology} {site_in}, {grade}. {Er}, {pr}, {her2}, {ki67}.", "{Site}: {histology}, {grade}. {Er}; {pr}; {her2}; {ki67}."]),
            CancerType.Lung => w.TryRender(["{Histology} {site_in}, {grade}.", "Biopsies {site_in} : {histology}."], ["{Histology} {site_in}, {grade}.", "Biopsies {site_in}: {histology}."])
                ?? w.Render(["Biopsies {site_in} : {histology}."], ["Biopsies {site_in}: {histology}."]),
            CancerType.Prostate => w.Render(
                ["{Histology}, {gleason}, {isup}.", "Biopsies prostatiques positives : {histology} de {gleason} ({isup})."],
                ["{Histology}, {gleason}, {isup}.", "Prostate biopsies positive for {histology}, {gleason} ({isup})."]),
            _ => w.Render(["{Histology} {grade} {site_in}.", "Biopsies {site_in} : {histology}, {grade}."], ["{Histology}, {grade}, {site_in}.", "Biopsies {site_in}: {histology}, {grade}."]),
        });
        Common.ReportSignature(w, c.Team.Pathologist, "pathologiste", "Consultant Histopathologist");
    }

    private static MarkedText Microscopy(DocWriter w) => w.C.Cancer switch
    {
        CancerType.Breast => w.Render(
            ["Prolifération carcinomateuse infiltrante agencée en travées et massifs, cellules de taille moyenne à noyaux modérément atypiques. Pas de composante intracanalaire identifiée sur ces prélèvements. {mark:lvi=absent|Pas d'embole vasculaire visible}.",
             "Les carottes sont le siège d'une infiltration par une prolifération carcinomateuse d'architecture tubulo-trabéculaire. Stroma desmoplastique. Pas de carcinome in situ associé."],
            ["The cores contain an invasive carcinoma arranged in trabeculae and nests of moderately atypical cells. No in situ component is seen in these samples. {mark:lvi=absent|No lymphovascular invasion identified}.",
             "Infiltrating carcinoma with tubulo-trabecular architecture in a desmoplastic stroma. No associated in situ carcinoma."]),
        CancerType.Lung => w.Render(
            ["Fragments de parenchyme pulmonaire et de muqueuse bronchique infiltrés par une prolifération tumorale maligne d'architecture glandulaire et solide, avec nécrose focale.",
             "Infiltration du chorion bronchique par une prolifération carcinomateuse peu cohésive, avec remaniements inflammatoires."],
            ["Fragments of lung parenchyma and bronchial mucosa infiltrated by a malignant tumour with glandular and solid architecture and focal necrosis.",
             "Bronchial stroma infiltrated by a poorly cohesive carcinoma with inflammatory changes."]),
        _ => w.Render(
            ["Muqueuse colique infiltrée par une prolifération glandulaire maligne, à cellules cylindriques atypiques, avec nécrose intraluminale. Le chorion et la musculaire muqueuse sont envahis.",
             "Prolifération adénocarcinomateuse infiltrant le chorion, glandes irrégulières et confluentes, mitoses nombreuses."],
            ["Colonic mucosa infiltrated by malignant glands lined by atypical columnar cells with luminal necrosis. Invasion of the lamina propria and muscularis mucosae.",
             "Infiltrating adenocarcinoma with irregular, confluent glands and frequent mitoses."]),
    };

    /// <summary>The 12-core table. Some positive cores carry a lower score than the overall one, as real reports do.</summary>
    private static void ProstateCores(DocWriter w)
    {
        var sites = w.Fr
            ? new[] { "Base droite", "Milieu droit", "Apex droit", "Base latérale droite", "Milieu latéral droit", "Apex latéral droit", "Base gauche", "Milieu gauche", "Apex gauche", "Base latérale gauche", "Milieu latéral gauche", "Apex latéral gauche", "Cible IRM n°1", "Cible IRM n°2" }
            : new[] { "Right base", "Right mid", "Right apex", "Right lateral base", "Right lateral mid", "Right lateral apex", "Left base", "Left mid", "Left apex", "Left lateral base", "Left lateral mid", "Left lateral apex", "MRI target 1", "MRI target 2" };
        var overall = w.Ctx.Value(Core.Contract.ContractFields.GleasonScore)!;
        var positive = w.R.Shuffle(Enumerable.Range(0, 12)).Take(w.R.Between(2, 6)).Append(12).Append(13).ToHashSet();
        var rows = new List<TableRow>();
        for (var i = 0; i < sites.Length; i++)
        {
            var length = w.R.Between(10, 18);
            string tumour;
            string score;
            if (positive.Contains(i))
            {
                tumour = w.R.Between(2, Math.Min(length, 12)).ToString(CultureInfo.InvariantCulture);
                score = i >= 12 || w.R.Chance(0.5) ? overall : "3+3=6";
                if (string.CompareOrdinal(score, overall) > 0)
                {
                    score = overall;
                }
            }
            else
            {
                tumour = "0";
                score = "-";
            }

            rows.Add(new TableRow([MarkedText.Plain(sites[i]), MarkedText.Plain(length.ToString(CultureInfo.InvariantCulture)), MarkedText.Plain(tumour), MarkedText.Plain(score)]));
        }

        w.H("Résultats par site", "Results by site");
        w.Add(new Table(
            [new(w.L("Site", "Site"), 3), new(w.L("Longueur (mm)", "Length (mm)"), 1.4, TextAlign.Right), new(w.L("Tumeur (mm)", "Tumour (mm)"), 1.4, TextAlign.Right), new("Gleason", 1.4, TextAlign.Center)],
            rows) { RowRules = w.R.Chance(0.5) });
        w.P(w.TryRender(w.Fr
            ? $"{positive.Count} prélèvements positifs sur {sites.Length}. {{mark:pni=present|Engainements périnerveux présents}}. Pas d'infiltration de tissu adipeux péri-prostatique sur les biopsies."
            : $"{positive.Count} of {sites.Length} cores positive. {{mark:pni=present|Perineural invasion present}}. No periprostatic fat involvement in the cores.")!);
    }

    public static void Resection(DocWriter w, bool twoColumns)
    {
        var c = w.C;
        var (titleFr, titleEn) = c.Cancer switch
        {
            CancerType.Breast => ("Compte rendu d'anatomie pathologique - pièce opératoire mammaire", "Pathology report - breast excision specimen"),
            CancerType.Lung => ("Compte rendu d'anatomie pathologique - pièce de lobectomie", "Pathology report - lobectomy specimen"),
            CancerType.Prostate => ("Compte rendu d'anatomie pathologique - pièce de prostatectomie", "Pathology report - radical prostatectomy"),
            _ => ("Compte rendu d'anatomie pathologique - pièce de résection colorectale", "Pathology report - colorectal resection"),
        };
        Header(w, titleFr, titleEn, biopsy: false);
        var surgery = c.Treatments.First(t => t.Kind == Core.Gold.GoldTreatmentKinds.Surgery);
        w.Line("Intervention", "Procedure", Common.TreatmentPhrase(w, surgery));
        w.Line("Chirurgien", "Surgeon", c.Team.Surgeon);

        var body = new DocWriter(w.Ctx);
        Sections(body);
        if (twoColumns)
        {
            w.Spacer(6);
            w.Add(new Columns(body.Blocks));
        }
        else
        {
            w.Blocks.AddRange(body.Blocks);
        }

        w.H("Technique", "Technical notes");
        w.Filler(FillerTopic.PathologyTechnique, w.Amount(2, 4));
        w.H("Conclusion", "Conclusion");
        w.P(Conclusion(w));
        w.P(w.L("Classification TNM selon l'UICC, 8e édition (2017).", "TNM staging according to UICC/AJCC, 8th edition."));
        Common.ReportSignature(w, c.Team.Pathologist, "pathologiste", "Consultant Histopathologist");
    }

    private static void Sections(DocWriter w)
    {
        var c = w.C;
        var t = c.Tumor;
        var (examined, involved) = t.Nodes ?? (0, 0);
        w.H("Macroscopie", "Macroscopy");
        switch (c.Cancer)
        {
            case CancerType.Breast:
                w.P(["Pièce opératoire orientée (fil court en supérieur, fil long en externe) mesurant 72 x 55 x 34 mm. À la coupe, lésion blanchâtre stellaire, dure, de {size} de grand axe, située à {mark:margin_distance=6|6 mm} de la berge la plus proche (inférieure).",
                     "Exérèse orientée de 68 x 50 x 30 mm. Tumeur ferme, mal limitée, de {size}, à distance des berges."],
                    ["Orientated specimen (short suture superior, long suture lateral) measuring 72 x 55 x 34 mm. Cut surface shows a hard stellate lesion of {size}, {mark:margin_distance=6|6 mm} from the nearest (inferior) margin.",
                     "Orientated excision of 68 x 50 x 30 mm containing a firm ill-defined tumour of {size}, clear of the margins."]);
                w.P(Nodes(w.Fr ? "Prélèvement ganglionnaire : {0}, inclus en totalité." : "Lymph nodes: {0} and embedded entirely.",
                    w.Fr ? $"{examined} ganglion(s) identifié(s)" : $"{examined} node(s) identified", examined, null));
                break;
            case CancerType.Lung:
                w.P(["Pièce de lobectomie pesant 185 g. Masse blanchâtre sous-pleurale de {size}, sans rétraction pleurale visible. Tranche bronchique macroscopiquement saine.",
                     "Lobe pulmonaire de 17 x 11 x 5 cm contenant une tumeur de {size}, {mark:margin_distance=25|à 2,5 cm de la recoupe bronchique}."],
                    ["Lobectomy specimen weighing 185 g. Subpleural white mass measuring {size}, no visible pleural puckering. Bronchial margin macroscopically clear.",
                     "Lung lobe of 17 x 11 x 5 cm containing a {size} tumour, {mark:margin_distance=25|25 mm from the bronchial margin}."]);
                w.P(Nodes(w.Fr ? "Curage ganglionnaire : stations 4R, 7, 10 et 11 adressées séparément ({0} au total)." : "Lymph node dissection: stations 4R, 7, 10 and 11 submitted separately ({0} in total).",
                    w.Fr ? $"{examined} ganglions" : $"{examined} nodes", examined, null));
                break;
            case CancerType.Prostate:
                w.P("Pièce de prostatectomie radicale de 48 g avec vésicules séminales, encrée selon le protocole du service, incluse en totalité.",
                    "Radical prostatectomy specimen of 48 g with seminal vesicles, inked according to protocol and embedded entirely.");
                w.P(Nodes(w.Fr ? "Curages ilio-obturateurs droit et gauche : {0}." : "Right and left pelvic lymph node dissections: {0}.",
                    w.Fr ? $"{examined} ganglions" : $"{examined} nodes", examined, null));
                break;
            default:
                w.P(["Segment colique de 24 cm avec méso. Tumeur ulcéro-bourgeonnante de {size}, située à {mark:margin_distance=80|8 cm} de la recoupe la plus proche.",
                     "Pièce de résection de 21 cm comportant une tumeur de {size}, circonférentielle, infiltrant la graisse."],
                    ["Colonic segment of 24 cm with mesentery. Ulcerated tumour of {size}, {mark:margin_distance=80|8 cm} from the nearest margin.",
                     "Resection specimen 21 cm long containing a circumferential {size} tumour infiltrating the fat."]);
                w.P(Nodes(w.Fr ? "{0} dans le méso." : "{0} from the mesentery.",
                    w.Fr ? $"{examined} ganglions isolés" : $"{examined} lymph nodes retrieved", examined, null));
                break;
        }

        w.H("Microscopie", "Microscopy");
        switch (c.Cancer)
        {
            case CancerType.Breast:
                w.P(["{Histology} mesurant {size}, {grade}. {mark:lvi=absent|Absence d'embole vasculaire}. Composante intracanalaire minoritaire de grade intermédiaire (< 10 %).",
                     "Il s'agit d'un {histology}, {grade}, de {size}. {mark:lvi=absent|Pas d'emboles lymphovasculaires}."],
                    ["{Histology} measuring {size}, {grade}. {mark:lvi=absent|No lymphovascular invasion}. Minor intermediate-grade DCIS component (< 10%).",
                     "{Histology}, {grade}, {size} in size. {mark:lvi=absent|No lymphovascular invasion}."]);
                w.P(w.TryRender(w.L(
                    "{mark:margins=R0|Berges d'exérèse saines} ; marge minimale {mark:margin_distance=6|6 mm} (berge inférieure).",
                    "{mark:margins=R0|Margins clear}; closest margin {mark:margin_distance=6|6 mm} (inferior)."))!);
                if (t.Pathologic?.N == "N1mi")
                {
                    w.P(w.Fr
                        ? Nodes("Ganglions : une micrométastase (< 2 mm) dans {0} examiné(s).", $"1 ganglion sur {examined}", examined, 1)
                        : Nodes("Lymph nodes: micrometastasis (< 2 mm) in {0} nodes.", $"1 of {examined}", examined, 1));
                }
                else
                {
                    w.P(w.Fr
                        ? Nodes($"Ganglions : {{0}}{(involved > 0 ? ", avec rupture capsulaire focale" : "")}.", $"{involved} ganglion(s) métastatique(s) sur {examined} examiné(s)", examined, involved)
                        : Nodes($"Lymph nodes: {{0}}{(involved > 0 ? ", with focal extranodal extension" : "")}.", $"{involved} of {examined} involved", examined, involved));
                }
                break;
            case CancerType.Lung:
                w.P(["{Histology} de {size}, {grade}. Pas d'invasion de la plèvre viscérale (PL0). {mark:lvi=absent|Pas d'embole vasculaire}.",
                     "Tumeur de {size} correspondant à un {histology}. Plèvre viscérale respectée."],
                    ["{Histology} measuring {size}, {grade}. No visceral pleural invasion (PL0). {mark:lvi=absent|No vascular invasion}.",
                     "{Size} {histology}. Visceral pleura not involved."]);
                w.P(w.TryRender(w.L("{mark:margins=R0|Recoupes bronchique et vasculaires saines (R0)}.", "{mark:margins=R0|Bronchial and vascular margins clear (R0)}."))!);
                w.P(w.Fr
                    ? Nodes($"Ganglions : {{0}} envahi(s){(involved > 0 ? " (station 10, hilaire homolatérale)" : "")}.", $"{involved}/{examined}", examined, involved)
                    : Nodes($"Lymph nodes: {{0}} involved{(involved > 0 ? " (station 10, ipsilateral hilar)" : "")}.", $"{involved}/{examined}", examined, involved));
                w.TryP(["{Pdl1}."], ["{Pdl1}."]);
                if (c.Tumor.Egfr is not null)
                {
                    w.TryP(["Biologie moléculaire : {egfr} ; {alk}."], ["Molecular pathology: {egfr}; {alk}."]);
                }

                break;
            case CancerType.Prostate:
                w.P(["{Histology}, {gleason} ({isup}), multifocal, prédominant dans la zone périphérique.", "Adénocarcinome de {gleason}, {isup}."],
                    ["{Histology}, {gleason} ({isup}), multifocal, predominantly peripheral zone.", "Adenocarcinoma, {gleason}, {isup}."]);
                var pt = w.Ctx.Value(Core.Contract.ContractFields.PathologicT) ?? "T2";
                w.P(pt switch
                {
                    "T3a" => w.L("Extension extra-prostatique focale postéro-latérale. Vésicules séminales indemnes.", "Focal posterolateral extraprostatic extension. Seminal vesicles not involved."),
                    "T3b" => w.L("Extension extra-prostatique et envahissement de la vésicule séminale droite.", "Extraprostatic extension with invasion of the right seminal vesicle."),
                    _ => w.L("Tumeur intra-prostatique, sans extension extra-prostatique.", "Organ-confined tumour, no extraprostatic extension."),
                });
                w.P(w.TryRender(w.L("{mark:margins=R0|Limites chirurgicales saines}.", "{mark:margins=R0|Surgical margins negative}."))!);
                w.P(Nodes(w.Fr ? "Ganglions : {0} métastatique(s)." : "Lymph nodes: {0} involved.", $"{involved}/{examined}", examined, involved));
                break;
            default:
                w.P(["{Histology} {grade}, infiltrant {depth}. Emboles veineux extra-muraux absents. {mark:pni=absent|Engainements périnerveux absents}.",
                     "Tumeur correspondant à un {histology}, {grade}, envahissant {depth}."],
                    ["{Histology}, {grade}, invading {depth}. No extramural venous invasion. {mark:pni=absent|No perineural invasion}.",
                     "{Histology}, {grade}, extending {depth}."]);
                w.P(w.TryRender(w.L("{mark:margins=R0|Limites de résection proximale, distale et radiaire saines (R0)}.", "{mark:margins=R0|Proximal, distal and radial margins clear (R0)}."))!);
                w.P(w.Fr
                    ? Nodes("Ganglions : {0}. Pas de dépôt tumoral.", $"{involved} ganglion(s) métastatique(s) sur {examined}", examined, involved)
                    : Nodes("Lymph nodes: {0}. No tumour deposits.", $"{involved} of {examined} involved", examined, involved));
                w.TryP(["Immunohistochimie MMR : {msi}."], ["MMR immunohistochemistry: {msi}."]);
                w.TryP(["{Kras}."], ["{Kras}."]);
                break;
        }
    }

    /// <summary>
    /// A node count sentence: <paramref name="format"/> with "{0}" where <paramref name="words"/> stand, the words
    /// marked as stating the nodes examined and, when given, the nodes involved.
    /// </summary>
    private static MarkedText Nodes(string format, string words, int examined, int? involved)
    {
        var at = format.IndexOf("{0}", StringComparison.Ordinal);
        var targets = new List<string> { Targets.Field(Core.Gold.GoldFields.NodesExamined, examined.ToString(CultureInfo.InvariantCulture)) };
        if (involved is { } n)
        {
            targets.Add(Targets.Field(Core.Gold.GoldFields.NodesPositive, n.ToString(CultureInfo.InvariantCulture)));
        }

        return new MarkedTextBuilder().Append(format[..at]).AppendMarked(words, targets).Append(format[(at + 3)..]).Build();
    }

    private static MarkedText Conclusion(DocWriter w) => w.C.Cancer switch
    {
        CancerType.Breast => w.Render(
            ["{Histology} {site_in} de {size}, {grade}. Exérèse complète. Classification : {ptnm}.", "{Histology}, {grade}, {size}. Classification : {ptnm}."],
            ["{Histology} {site_in}, {size}, {grade}. Completely excised. Stage: {ptnm}.", "{Histology}, {grade}, {size}. Stage: {ptnm}."]),
        CancerType.Lung => w.Render(
            ["{Histology} {site_in} de {size}, {mark:margins=R0|résection R0}, {ptnm}.", "Lobectomie : {histology}, {ptnm}."],
            ["{Histology} {site_in}, {size}, {mark:margins=R0|R0 resection}, {ptnm}.", "Lobectomy: {histology}, {ptnm}."]),
        CancerType.Prostate => w.Render(
            ["{Histology}, {gleason}, {isup}, {ptnm}. {mark:margins=R0|Marges saines}.", "Prostatectomie : {histology} de {gleason}, {ptnm}."],
            ["{Histology}, {gleason}, {isup}, {ptnm}. {mark:margins=R0|Margins negative}.", "Radical prostatectomy: {histology}, {gleason}, {ptnm}."]),
        _ => w.Render(
            ["{Histology} {site_in}, {grade}, {ptnm}, {mark:margins=R0|R0}.", "Résection : {histology}, {grade}, {ptnm}."],
            ["{Histology} {site_in}, {grade}, {ptnm}, {mark:margins=R0|R0}.", "Resection: {histology}, {grade}, {ptnm}."]),
    };
}
