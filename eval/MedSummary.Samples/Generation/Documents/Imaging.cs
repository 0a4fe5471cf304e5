using System.Globalization;
using MedSummary.Samples.Pdf;
using F = MedSummary.Core.Contract.ContractFields;

namespace MedSummary.Samples.Generation.Documents;

/// <summary>Imaging and endoscopy reports: indication, technique, findings organ by organ, conclusion.</summary>
internal static class Imaging
{
    private static void Header(DocWriter w, string titleFr, string titleEn)
    {
        var c = w.C;
        w.Add(new Letterhead(
            [c.Team.ImagingCentre, w.L("Radiologie - Imagerie médicale", "Diagnostic Imaging"), c.Team.Address],
            [w.L("Date de l'examen", "Date of examination") + (w.Fr ? " : " : ": ") + w.Ctx.NumericDate(w.Ctx.Date)]));
        w.DocTitle(titleFr, titleEn, TextAlign.Center);
        Common.PatientBlock(w);
    }

    private static void Technique(DocWriter w, string fr, string en, bool ct = false)
    {
        w.H("Technique", "Technique");
        w.P(w.L(fr, en));
        if (ct)
        {
            w.Filler(FillerTopic.ImagingTechnique, w.Amount(1, 3));
        }
    }

    private static void ExamDateLine(DocWriter w) =>
        w.Line("Examen réalisé le", "Examination performed on", ["{exam_date}"], ["{exam_date}"]);

    private static void Conclusion(DocWriter w, params (string[] Fr, string[] En)[] sentences)
    {
        w.H("Conclusion", w.R.Pick("Conclusion", "Impression"));
        w.Sentences(sentences);
        Common.ReportSignature(w, w.C.Team.Radiologist, "radiologue", "Consultant Radiologist");
    }

    public static void Diagnostic(DocWriter w)
    {
        switch (w.C.Cancer)
        {
            case CancerType.Breast:
                Mammography(w);
                break;
            case CancerType.Lung:
                ChestCt(w);
                break;
            case CancerType.Prostate:
                ProstateMri(w);
                break;
            default:
                Endoscopy(w);
                break;
        }
    }

    private static void Mammography(DocWriter w)
    {
        Header(w, "Mammographie bilatérale et échographie mammaire", "Bilateral mammography and breast ultrasound");
        ExamDateLine(w);
        w.H("Indication", "Clinical details");
        w.P(
            ["Masse palpable {site_in}. Bilan sénologique.", "Dépistage organisé, anomalie {site_in}.", "Nodule {site_in} découvert par {pat}."],
            ["Palpable lump {site_in}.", "Screening recall: abnormality {site_in}.", "Self-detected lump {site_in}."]);
        Technique(w, "Mammographie numérique bilatérale (incidences de face et oblique externe) complétée par une échographie bilatérale et axillaire.",
            "Bilateral digital mammography (CC and MLO views) with bilateral breast and axillary ultrasound.");
        w.H("Résultats", "Findings");
        var density = Density(w);
        w.P(w.Fr ? w.R.Pick($"Seins de densité de type {density}.", $"Densité mammaire de type {density}.") : w.R.Pick($"Breast density category {density}.", $"The breasts are of density type {density}."));
        w.P(
            ["Dans le {quadrant} du {site}, masse irrégulière à contours spiculés mesurant {size} en échographie, hypoéchogène avec atténuation postérieure.",
             "Au niveau du {quadrant} {site_in}, opacité spiculée de {size} correspondant en échographie à une masse hypoéchogène irrégulière."],
            ["In the {quadrant} of the {site} there is an irregular spiculated mass measuring {size} on ultrasound, hypoechoic with posterior shadowing.",
             "An irregular hypoechoic mass of {size} is seen in the {quadrant} {site_in}."]);
        if (w.Ctx.Value(F.ClinicalN) == "N0")
        {
            w.P("Pas d'adénopathie axillaire d'allure suspecte.", "No suspicious axillary lymph node.");
        }
        else
        {
            w.P(["Adénopathie axillaire homolatérale de 14 mm à cortex épaissi, suspecte."], ["Ipsilateral axillary lymph node of 14 mm with a thickened cortex, suspicious."]);
        }

        w.P(["Sein controlatéral sans anomalie suspecte.", "Pas d'anomalie dans le sein controlatéral."], ["No suspicious abnormality in the contralateral breast.", "The other breast is normal."]);
        Conclusion(w,
            (["Lésion du {site} classée ACR 5 (BI-RADS 5). Microbiopsie échoguidée recommandée.", "Masse suspecte {site_in}, ACR 5 ; biopsie programmée."],
             ["{Site} mass, BI-RADS 5. Ultrasound-guided core biopsy recommended.", "Suspicious mass {site_in}, BI-RADS 5; biopsy arranged."]));
    }

    private static string Density(DocWriter w) => w.R.Pick("B", "C");

    private static void ChestCt(DocWriter w)
    {
        Header(w, "Scanner thoracique avec injection", "CT chest with contrast");
        ExamDateLine(w);
        w.H("Indication", "Clinical details");
        w.P(w.Fr
            ? w.R.Pick(w.C.Patient.IsFemale ? "Toux persistante chez une ancienne fumeuse." : "Toux persistante chez un ancien fumeur.", "Altération de l'état général, recherche de lésion pulmonaire.")
            : w.R.Pick("Persistent cough in an ex-smoker.", "Weight loss; query lung lesion."));
        Technique(w, "Acquisition hélicoïdale thoracique après injection de produit de contraste iodé.", "Helical acquisition of the chest after intravenous contrast.", ct: true);
        w.H("Résultats", "Findings");
        w.P(
            ["Masse tissulaire spiculée {site_in} mesurant {size} dans son plus grand axe, au contact de la plèvre.", "Lésion {site_in} de {size}, à contours irréguliers."],
            ["Spiculated soft-tissue mass {site_in} measuring {size} in maximum dimension, abutting the pleura.", "Irregular lesion {site_in} measuring {size}."]);
        Nodes(w);
        ThoraxOthers(w);
        Conclusion(w,
            (["Masse {site_in} de {size}, hautement suspecte de néoplasie.", "Aspect évocateur d'un cancer bronchique {site_in}."],
             ["{Size} mass {site_in}, highly suspicious for malignancy.", "Appearances in keeping with a primary lung cancer {site_in}."]),
            (["Bilan complémentaire par TEP-TDM et preuve histologique recommandés."], ["Recommend PET-CT and tissue diagnosis."]));
    }

    private static void Nodes(DocWriter w)
    {
        var n = w.Ctx.Value(F.ClinicalN);
        w.P(n switch
        {
            "N0" => w.L("Pas d'adénopathie médiastinale ni hilaire significative.", "No significant hilar or mediastinal lymphadenopathy."),
            "N1" => w.L("Adénopathie hilaire homolatérale de 13 mm.", "Ipsilateral hilar lymph node measuring 13 mm."),
            "N2" => w.L("Adénopathies médiastinales homolatérales (loge de Barety) jusqu'à 18 mm.", "Ipsilateral mediastinal lymphadenopathy up to 18 mm."),
            _ => w.L("Adénopathies médiastinales controlatérales et sus-claviculaires.", "Contralateral mediastinal and supraclavicular lymphadenopathy."),
        });
    }

    private static void ThoraxOthers(DocWriter w)
    {
        var sites = w.T.MetastaticSites;
        w.P(sites.Contains("pleura")
            ? w.L("Épanchement pleural homolatéral de moyenne abondance.", "Moderate ipsilateral pleural effusion.")
            : w.L("Pas d'épanchement pleural ni péricardique.", "No pleural or pericardial effusion."));
        if (sites.Contains("contralateral lung") || (sites.Contains("lung") && w.C.Cancer != CancerType.Lung))
        {
            w.P("Plusieurs nodules pulmonaires bilatéraux infracentimétriques à 15 mm.", "Several bilateral pulmonary nodules measuring up to 15 mm.");
        }

        w.P(["Emphysème centrolobulaire modéré des apex.", "Parenchyme pulmonaire par ailleurs sans particularité."], ["Mild centrilobular emphysema at the apices.", "Lung parenchyma otherwise unremarkable."]);
    }

    private static void ProstateMri(DocWriter w)
    {
        Header(w, "IRM prostatique multiparamétrique", "Multiparametric MRI of the prostate");
        ExamDateLine(w);
        w.H("Indication", "Clinical details");
        w.P(["Élévation du PSA : {psa}.", "{Psa}, toucher rectal suspect."], ["Raised PSA: {psa}.", "{Psa}; abnormal digital rectal examination."]);
        Technique(w, "IRM 3 T, séquences T2 multiplanaires, diffusion (b 1400) et séquences dynamiques après injection de gadolinium.",
            "3T MRI with multiplanar T2, diffusion-weighted (b 1400) and dynamic contrast-enhanced sequences.");
        w.H("Résultats", "Findings");
        var volume = 30 + (w.R.Between(0, 30));
        w.P(w.L($"Volume prostatique estimé à {volume} mL.", $"Prostate volume {volume} mL."));
        var zone = w.T.Location switch
        {
            "transition" => w.L("la zone de transition", "the transition zone"),
            "apex" => w.L("la zone périphérique apicale", "the apical peripheral zone"),
            "base" => w.L("la zone périphérique basale", "the basal peripheral zone"),
            _ => w.L("la zone périphérique postéro-latérale", "the posterolateral peripheral zone"),
        };
        w.P(w.TryRender(w.Fr
            ? $"Lésion de {zone} de {{size}}, en hyposignal T2, restriction de diffusion marquée, rehaussement précoce : score PI-RADS {w.T.PiRads}."
            : $"{{Size}} lesion in {zone}, T2 hypointense with marked diffusion restriction and early enhancement: PI-RADS {w.T.PiRads}.")!);
        var extension = w.Ctx.Value(F.ClinicalT)!.StartsWith("T3", StringComparison.Ordinal);
        w.P(extension
            ? w.L("Bombement capsulaire avec franchissement capsulaire probable.", "Capsular bulge with probable extraprostatic extension.")
            : w.L("Capsule respectée, vésicules séminales libres.", "Capsule intact; seminal vesicles clear."));
        w.P("Pas d'adénopathie pelvienne suspecte. Pas de lésion osseuse suspecte sur le champ d'exploration.", "No suspicious pelvic lymph nodes. No suspicious bone lesion in the field of view.");
        Conclusion(w,
            ([$"Cible PI-RADS {w.T.PiRads} de {zone}. Stadification IRM : {{ct}}.", $"Lésion suspecte PI-RADS {w.T.PiRads}, classée {{ct}} en IRM. Biopsies ciblées recommandées."],
             [$"PI-RADS {w.T.PiRads} target in {zone}. MRI staging: {{ct}}.", $"Suspicious PI-RADS {w.T.PiRads} lesion, {{ct}} on MRI. Targeted biopsies recommended."]));
    }

    private static void Endoscopy(DocWriter w)
    {
        var c = w.C;
        w.Add(new Letterhead(
            [c.Team.Hospital, w.L("Unité d'endoscopie digestive", "Endoscopy Unit"), c.Team.Address],
            [w.Ctx.NumericDate(w.Ctx.Date)]));
        w.DocTitle("Compte rendu de coloscopie", "Colonoscopy report", TextAlign.Center);
        Common.PatientBlock(w);
        w.Line("Date de l'examen", "Date of procedure", ["{exam_date}"], ["{exam_date}"]);
        w.Line("Opérateur", "Endoscopist", c.Team.ReferringDoctor);
        w.Line("Anesthésie", "Sedation", w.L("anesthésie générale (propofol)", "conscious sedation (midazolam, fentanyl)"));
        w.H("Indication", "Indication");
        w.P(["Rectorragies et anémie ferriprive.", "Troubles du transit récents chez un{e} patient{e} sans antécédent de coloscopie."], ["Rectal bleeding and iron-deficiency anaemia.", "Recent change in bowel habit; no previous colonoscopy."]);
        w.H("Déroulement", "Findings");
        w.P(["Préparation satisfaisante (score de Boston 8/9). Intubation caecale confirmée par la visualisation de l'orifice appendiculaire.", "Bonne préparation colique. Exploration complète jusqu'au bas-fond caecal."],
            ["Bowel preparation adequate (Boston score 8/9). Caecal intubation confirmed by appendiceal orifice.", "Good preparation; complete examination to the caecum."]);
        var distance = w.T.PrimarySite == "rectum"
            ? w.T.Location switch { "low" => w.R.Between(3, 5), "mid" => w.R.Between(6, 10), _ => w.R.Between(11, 14) }
            : w.R.Between(18, 80);
        w.P(
            [$"À {distance} cm de la marge anale, au niveau {{site_in}}, lésion ulcéro-bourgeonnante semi-circonférentielle, saignant au contact, non franchissable. Biopsies multiples.",
             $"Tumeur bourgeonnante {{site_in}} (à {distance} cm de la marge anale), sténosante, biopsiée à plusieurs reprises."],
            [$"At {distance} cm from the anal verge, {{site_in}}, an ulcerated exophytic semi-circumferential tumour, friable, not traversable. Multiple biopsies taken.",
             $"Exophytic stenosing tumour {{site_in}} ({distance} cm from the anal verge); multiple biopsies."]);
        w.P(["Diverticulose sigmoïdienne non compliquée. Pas d'autre lésion.", "Deux polypes infracentimétriques réséqués à l'anse froide."], ["Uncomplicated sigmoid diverticulosis. No other lesion.", "Two sub-centimetre polyps removed by cold snare."]);
        w.H("Conclusion", "Conclusion");
        w.P(["Tumeur {site_in} d'allure maligne, biopsiée. Tatouage réalisé.", "Lésion tumorale {site_in}, biopsies en cours d'analyse."], ["Malignant-looking tumour {site_in}, biopsied and tattooed.", "Tumour {site_in}; biopsies sent for histology."]);
        Common.ReportSignature(w, c.Team.ReferringDoctor, "gastro-entérologue", "Consultant Gastroenterologist");
    }

    public static void BreastMri(DocWriter w)
    {
        Header(w, "IRM mammaire bilatérale", "Bilateral breast MRI");
        ExamDateLine(w);
        w.H("Indication", "Clinical details");
        w.P(["Bilan locorégional préthérapeutique d'un {histology} {site_in}."], ["Local staging of {histology} {site_in}."]);
        Technique(w, "IRM 1,5 T, séquences T1 avec injection dynamique de gadolinium, T2 et diffusion.", "1.5T MRI with dynamic gadolinium-enhanced T1, T2 and diffusion sequences.");
        w.H("Résultats", "Findings");
        w.P(["Lésion unifocale du {quadrant} {site_in} mesurant {size}, à rehaussement précoce avec lavage (courbe de type III).", "Masse du {quadrant} du {site} de {size}, rehaussement de type III."],
            ["Unifocal enhancing mass in the {quadrant} {site_in} measuring {size}, with type III washout kinetics.", "{Size} mass in the {quadrant} of the {site}, type III curve."]);
        w.P("Pas d'autre prise de contraste suspecte homolatérale ou controlatérale. Pas d'envahissement du muscle pectoral.", "No other suspicious enhancement in either breast. No pectoral muscle invasion.");
        Conclusion(w, (["Lésion unifocale de {size} du {site}, sans autre lésion.", "Lésion unique {site_in}. Chirurgie conservatrice envisageable."], ["Unifocal {size} lesion of the {site}.", "Single lesion {site_in}; suitable for breast-conserving surgery."]));
    }

    public static void StagingCt(DocWriter w)
    {
        var abdomenOnly = w.C.Cancer == CancerType.Prostate;
        Header(w, abdomenOnly ? "Scanner abdomino-pelvien" : "Scanner thoraco-abdomino-pelvien", abdomenOnly ? "CT abdomen and pelvis" : "CT chest, abdomen and pelvis");
        ExamDateLine(w);
        w.H("Indication", "Clinical details");
        w.P(["Bilan d'extension d'un {histology} {site_in}.", "Bilan initial d'un {histology} {site_in}."], ["Staging of {histology} {site_in}.", "Staging CT: {histology} {site_in}."]);
        Technique(w, "Acquisition hélicoïdale après injection de produit de contraste iodé, temps portal.", "Helical acquisition in the portal venous phase after intravenous contrast.", ct: true);
        w.H("Résultats", "Findings");
        var sites = w.T.MetastaticSites;
        if (!abdomenOnly)
        {
            w.H3("Thorax", "Chest");
            if (w.C.Cancer == CancerType.Lung)
            {
                w.P(["Masse {site_in} de {size}, déjà connue."], ["Known {size} mass {site_in}."]);
                Nodes(w);
            }
            else
            {
                w.P(sites.Contains("lung")
                    ? w.L("Multiples nodules pulmonaires bilatéraux, le plus volumineux de 12 mm au lobe inférieur droit.", "Multiple bilateral lung nodules, the largest 12 mm in the right lower lobe.")
                    : w.L("Pas de nodule pulmonaire suspect. Pas d'adénopathie médiastinale.", "No suspicious pulmonary nodule. No mediastinal lymphadenopathy."));
            }

            ThoraxOthers(w);
        }

        w.H3("Abdomen et pelvis", "Abdomen and pelvis");
        w.P(sites.Contains("liver")
            ? w.L("Foie de taille normale siège de plusieurs lésions hypodenses hétérogènes, la plus volumineuse mesurant 34 mm au segment VII.", "Several heterogeneous hypodense liver lesions, the largest 34 mm in segment VII.")
            : w.L("Foie de taille normale, de densité homogène, sans lésion focale.", "Liver normal in size with no focal lesion."));
        w.P(sites.Contains("adrenal")
            ? w.L("Nodule surrénalien gauche tissulaire de 22 mm, suspect.", "Left adrenal soft-tissue nodule of 22 mm, suspicious.")
            : w.L("Surrénales fines. Reins, rate et pancréas sans particularité.", "Adrenals, kidneys, spleen and pancreas unremarkable."));
        w.P(sites.Contains("peritoneum")
            ? w.L("Épaississement nodulaire du péritoine et de l'épiploon avec ascite de faible abondance.", "Nodular thickening of the peritoneum and omentum with a small volume of ascites.")
            : w.L("Pas d'ascite ni de nodule péritonéal.", "No ascites or peritoneal nodularity."));
        if (w.C.Cancer is CancerType.Colon or CancerType.Rectum)
        {
            w.P(["Épaississement pariétal tumoral {site_in}, avec infiltration de la graisse péri-colique.", "Épaississement circonférentiel {site_in}."], ["Tumoural wall thickening {site_in} with pericolic fat stranding.", "Circumferential thickening {site_in}."]);
        }

        w.P(sites.Contains("bone")
            ? w.L("Lésions osseuses mixtes du rachis dorso-lombaire et du bassin.", "Mixed lytic and sclerotic lesions of the thoracolumbar spine and pelvis.")
            : w.L("Pas de lésion osseuse suspecte.", "No suspicious bone lesion."));
        Conclusion(w,
            (["{Mets}.", "Au terme de ce bilan : {mets}."], ["{Mets}.", "Staging: {mets}."]),
            (["Classification scanographique : {ctnm}.", ""], ["CT staging {ctnm}.", ""]));
    }

    public static void PetCt(DocWriter w)
    {
        Header(w, "TEP-TDM au 18F-FDG", "18F-FDG PET-CT");
        ExamDateLine(w);
        w.H("Indication", "Clinical details");
        w.P(["Bilan d'extension d'une lésion {site_in}."], ["Staging of a lesion {site_in}."]);
        Technique(w, "Acquisition du vertex à mi-cuisses 60 minutes après injection de 250 MBq de 18F-FDG. Glycémie à jeun 0,98 g/L.",
            "Vertex to mid-thigh acquisition 60 minutes after injection of 250 MBq 18F-FDG. Fasting glucose 5.4 mmol/L.");
        w.H("Résultats", "Findings");
        var suv = (8 + w.R.Between(0, 14)).ToString(CultureInfo.InvariantCulture);
        w.P([$"Hypermétabolisme intense de la masse {{site_in}} (SUVmax {suv})."], [$"Intensely avid mass {{site_in}} (SUVmax {suv})."]);
        Nodes(w);
        foreach (var site in w.T.MetastaticSites)
        {
            w.P(new MarkedTextBuilder().Append(w.L("Foyers hypermétaboliques évocateurs de ", "FDG-avid foci consistent with ")).Append(w.Slots.Resolve("mets_only:" + site)!).Append(".").Build());
        }

        Conclusion(w,
            (["{Mets}.", "Bilan TEP : {mets}."], ["{Mets}.", "PET staging: {mets}."]),
            (["Stadification TEP : {ctnm}.", "Classification TNM : {ctnm}."], ["PET staging {ctnm}.", "TNM: {ctnm}."]));
    }

    public static void BoneScan(DocWriter w)
    {
        Header(w, "Scintigraphie osseuse aux diphosphonates", "Whole-body bone scintigraphy");
        ExamDateLine(w);
        w.H("Indication", "Clinical details");
        w.P(["Bilan d'extension d'un {histology} {site_in}."], ["Staging of {histology} {site_in}."]);
        Technique(w, "Balayage corps entier 3 heures après injection de 700 MBq de 99mTc-HMDP, complété par une tomoscintigraphie couplée au scanner.",
            "Whole-body imaging 3 hours after 700 MBq 99mTc-HDP, with SPECT-CT.");
        w.H("Résultats", "Findings");
        w.P(w.T.MetastaticSites.Contains("bone")
            ? w.L("Hyperfixations multiples et intenses du rachis dorsal, du bassin et de plusieurs arcs costaux, d'allure secondaire.", "Multiple intense foci of uptake in the thoracic spine, pelvis and several ribs, metastatic in appearance.")
            : w.L("Fixations dégénératives des genoux et du rachis lombaire. Pas de foyer d'hyperfixation suspect.", "Degenerative uptake in the knees and lumbar spine. No suspicious focus."));
        Conclusion(w, (["{Mets_only:bone}."], ["{Mets_only:bone}."]));
    }

    public static void BrainMri(DocWriter w)
    {
        Header(w, "IRM cérébrale", "MRI brain with contrast");
        ExamDateLine(w);
        w.H("Indication", "Clinical details");
        w.P(["Bilan d'extension d'un {histology} {site_in}."], ["Staging of {histology} {site_in}."]);
        Technique(w, "Séquences FLAIR, diffusion, T2* et T1 3D après injection de gadolinium.", "FLAIR, DWI, SWI and post-gadolinium 3D T1 sequences.");
        w.H("Résultats", "Findings");
        w.P(w.T.MetastaticSites.Contains("brain")
            ? w.L("Trois lésions nodulaires prenant le contraste en couronne, frontale droite (11 mm), pariétale gauche (7 mm) et cérébelleuse (5 mm), avec œdème périlésionnel modéré.",
                  "Three ring-enhancing lesions: right frontal (11 mm), left parietal (7 mm) and cerebellar (5 mm), with mild surrounding oedema.")
            : w.L("Quelques hypersignaux FLAIR punctiformes de la substance blanche, d'allure vasculaire. Pas de prise de contraste anormale.",
                  "A few punctate white-matter FLAIR hyperintensities of small-vessel type. No abnormal enhancement."));
        Conclusion(w, (["{Mets_only:brain}."], ["{Mets_only:brain}."]));
    }

    public static void PelvicMri(DocWriter w)
    {
        Header(w, "IRM pelvienne - bilan d'un cancer du rectum", "MRI pelvis - rectal cancer staging");
        ExamDateLine(w);
        w.H("Résultats", "Findings");
        var distance = w.T.Location switch { "low" => 4, "mid" => 8, _ => 12 };
        w.P([$"Tumeur {{site_in}} dont le pôle inférieur est situé à {distance} cm de la marge anale, d'étendue longitudinale {{size}}."],
            [$"Tumour {{site_in}}, lower edge {distance} cm from the anal verge, length {{size}}."]);
        w.P("Pas d'infiltration du mésorectum au-delà de la musculeuse. Fascia recti respecté, marge circonférentielle supérieure à 2 mm. Pas d'emboles veineux extra-muraux.",
            "No extension beyond the muscularis propria. Mesorectal fascia clear (CRM > 2 mm). No extramural venous invasion.");
        w.P("Pas d'adénopathie mésorectale ni latéro-pelvienne suspecte.", "No suspicious mesorectal or lateral pelvic lymph nodes.");
        Conclusion(w, (["Tumeur {site_in} classée {ct} {cn} en IRM, marge circonférentielle saine.", "Stadification IRM : {ct} {cn}."], ["MRI staging {ct} {cn}; CRM clear.", "Rectal tumour {site_in}: {ct} {cn}."]));
    }

    public static void Evaluation(DocWriter w)
    {
        var c = w.C;
        Header(w, c.Cancer == CancerType.Prostate ? "Scanner abdomino-pelvien d'évaluation" : "Scanner thoraco-abdomino-pelvien d'évaluation", c.Cancer == CancerType.Prostate ? "CT abdomen and pelvis - response assessment" : "CT chest, abdomen and pelvis - response assessment");
        ExamDateLine(w);
        w.H("Indication", "Clinical details");
        w.P(c.Tumor.IsMetastatic
            ? w.L("Évaluation sous traitement, comparaison avec l'examen initial.", "Response assessment on treatment; comparison with baseline.")
            : w.L("Surveillance après traitement.", "Post-treatment surveillance."));
        w.H("Résultats", "Findings");
        if (c.Tumor.IsMetastatic)
        {
            var baseline = new[] { w.R.Between(24, 41), w.R.Between(15, 30), w.R.Between(10, 22) };
            var factor = c.DiseaseStatus switch { "partial response" => w.R.Between(0.45, 0.65), "stable disease" => w.R.Between(0.85, 1.05), _ => w.R.Between(1.3, 1.5) };
            var now = baseline.Select(b => (int)Math.Round(b * factor)).ToArray();
            var names = c.Tumor.MetastaticSites.Select(s => Phrasebook.Metastasis(s, w.Fr, w.R)).Prepend(w.L("tumeur primitive", "primary tumour")).ToList();
            var rows = new List<TableRow>();
            for (var i = 0; i < 3; i++)
            {
                rows.Add(new TableRow([
                    MarkedText.Plain($"{w.L("Cible", "Target")} {i + 1} ({names[i % names.Count]})"),
                    MarkedText.Plain(baseline[i].ToString(CultureInfo.InvariantCulture)),
                    MarkedText.Plain(now[i].ToString(CultureInfo.InvariantCulture)),
                ]));
            }

            var sumBefore = baseline.Sum();
            var sumNow = now.Sum();
            rows.Add(new TableRow([
                MarkedText.Plain(w.L("Somme des diamètres", "Sum of diameters")),
                MarkedText.Plain(sumBefore.ToString(CultureInfo.InvariantCulture)),
                MarkedText.Plain(sumNow.ToString(CultureInfo.InvariantCulture)),
            ]) { Style = FontStyle.Bold });
            w.Add(new Table([new(w.L("Lésion", "Lesion"), 4), new(w.L("Initial (mm)", "Baseline (mm)"), 1.5, TextAlign.Right), new(w.L("Ce jour (mm)", "Today (mm)"), 1.5, TextAlign.Right)], rows) { RowRules = true });
            var change = (sumNow - sumBefore) * 100.0 / sumBefore;
            w.P(w.Fr
                ? $"Variation de la somme des cibles : {change.ToString("+0;-0", CultureInfo.InvariantCulture)} %."
                : $"Change in sum of target lesions: {change.ToString("+0;-0", CultureInfo.InvariantCulture)}%.");
            if (c.DiseaseStatus == "progressive disease")
            {
                w.P("Apparition de nouvelles lésions hépatiques infracentimétriques.", "New sub-centimetre liver lesions.");
            }
        }
        else
        {
            w.P("Status post-thérapeutique sans anomalie évolutive. Pas de nodule pulmonaire. Foie, surrénales et squelette sans lésion suspecte.",
                "Post-treatment appearances. No pulmonary nodule. Liver, adrenals and skeleton without suspicious lesion.");
        }

        var b = new MarkedTextBuilder();
        b.Append(c.Tumor.IsMetastatic
            ? w.Render(["{Status}", "Aspect en faveur d'une {status}", "Évaluation RECIST 1.1 : {status}"], ["{Status}", "Appearances in keeping with {status}", "RECIST 1.1: {status}"])
            : w.Render(["{Status}", "Surveillance : {status}"], ["{Status}", "Appearances in keeping with {status}"]));
        b.Append(".");
        w.H("Conclusion", "Conclusion");
        w.P(b.Build());
        Common.ReportSignature(w, c.Team.Radiologist, "radiologue", "Consultant Radiologist");
    }
}
