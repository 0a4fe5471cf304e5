using MedSummary.Core.Gold;
using MedSummary.Samples.Pdf;

namespace MedSummary.Samples.Generation.Documents;

/// <summary>The operative report: team, indication, a step-by-step description and the immediate outcome.</summary>
internal static class Operative
{
    public static void Report(DocWriter w)
    {
        var c = w.C;
        var surgery = c.Treatments.First(t => t.Kind == GoldTreatmentKinds.Surgery);
        Common.HospitalLetterhead(w, w.L("Service de chirurgie", "Department of Surgery"));
        w.DocTitle("Compte rendu opératoire", "Operation note");
        Common.PatientBlock(w, prescriber: false);
        w.Line("Date de l'intervention", "Date of operation", ["{exam_date}"], ["{exam_date}"]);
        w.Line("Opérateur", "Surgeon", c.Team.Surgeon);
        w.Line("Aide opératoire", "Assistant", w.L("Dr interne de garde", "Specialty registrar"));
        w.Line("Anesthésie", "Anaesthetic", w.L("anesthésie générale, intubation orotrachéale", "general anaesthetic, endotracheal intubation"));
        w.Line("Intervention", "Procedure", Common.TreatmentPhrase(w, surgery, withDates: false));

        w.H("Indication", "Indication");
        w.P(
            ["{Histology} {site_in}, diagnostiqué le {dx_date}. Indication chirurgicale retenue en RCP.", "Prise en charge chirurgicale d'un {histology} {site_in} après validation en réunion de concertation pluridisciplinaire."],
            ["{Histology} {site_in}, diagnosed on {dx_date}. Surgery recommended by the MDT.", "Surgical management of {histology} {site_in} following MDT discussion."]);

        w.H("Description", "Operative findings and procedure");
        foreach (var step in Steps(w, surgery.Regimen))
        {
            w.P(step);
        }

        w.H("Suites et consignes", "Post-operative instructions");
        w.P(w.L(
            "Lever précoce dès ce soir. Anticoagulation préventive par énoxaparine 4000 UI/j pendant 10 jours. Antalgiques de palier 1 et 2. Ablation des fils ou agrafes à J10 par l'infirmière à domicile.",
            "Early mobilisation. Enoxaparin 40 mg daily for 10 days. Simple analgesia. Removal of clips at day 10 by the district nurse."));
        w.Filler(FillerTopic.Nursing, w.Amount(2, 4));
        w.P(w.L("Le résultat de l'analyse anatomopathologique définitive sera discuté en RCP.", "Final histology will be discussed at the MDT."));
        Common.Signature(w, c.Team.Surgeon, "Chirurgien", "Consultant Surgeon");
    }

    private static IEnumerable<string> Steps(DocWriter w, string regimen)
    {
        var fr = w.Fr;
        switch (regimen)
        {
            case "lumpectomy":
            case "mastectomy":
                yield return fr
                    ? "Patiente en décubitus dorsal, bras en abduction à 90°. Repérage préopératoire de la lésion par harpon sous contrôle échographique. Injection péri-aréolaire de 2 mL de bleu patenté et de radio-isotope la veille."
                    : "Supine position with the arm abducted to 90 degrees. Wire localisation of the lesion under ultrasound guidance. Periareolar injection of 2 mL patent blue, and radioisotope the day before.";
                yield return regimen == "lumpectomy"
                    ? (fr ? "Incision curviligne en regard de la lésion. Exérèse glandulaire monobloc emportant le harpon, de la peau au plan du muscle grand pectoral. Orientation de la pièce par fils. Radiographie de pièce confirmant la présence de la lésion et du clip. Clips de repérage du lit tumoral."
                          : "Curvilinear incision over the lesion. Wide local excision including the wire, from skin to pectoral fascia. Specimen orientated with sutures; specimen radiograph confirms the lesion and clip. Tumour bed marked with clips.")
                    : (fr ? "Incision elliptique transversale emportant la plaque aréolo-mamelonnaire. Dissection des lambeaux cutanés au bistouri électrique. Exérèse de la glande mammaire en emportant le fascia du grand pectoral."
                          : "Transverse elliptical incision including the nipple-areola complex. Skin flaps raised with diathermy. Mastectomy including the pectoral fascia.");
                yield return fr
                    ? "Incision axillaire distincte. Repérage du ou des ganglions bleus et radioactifs, exérèse et envoi en anatomopathologie. Vérification de l'absence d'activité résiduelle au-delà de 10 % du ganglion le plus chaud."
                    : "Separate axillary incision. Blue and hot node(s) identified and excised; no residual activity above 10% of the hottest node.";
                yield return fr
                    ? "Hémostase soigneuse. Fermeture plan par plan, surjet intradermique au monofilament résorbable. Pansement compressif."
                    : "Careful haemostasis. Closure in layers with subcuticular absorbable monofilament. Pressure dressing.";
                break;
            case "lobectomy":
                yield return fr
                    ? "Décubitus latéral, intubation sélective. Trois trocarts de vidéo-thoracoscopie. Exploration : pas d'épanchement, pas de nodule pleural, scissures complètes."
                    : "Lateral decubitus, double-lumen intubation. Three-port VATS. No effusion, no pleural nodules, complete fissures.";
                yield return fr
                    ? "Contrôle et section de la veine lobaire, des artères segmentaires puis de la bronche lobaire à l'agrafeuse. Test d'étanchéité bronchique satisfaisant."
                    : "Lobar vein, segmental arteries and lobar bronchus divided with staplers. Satisfactory air-leak test.";
                yield return fr
                    ? "Curage ganglionnaire médiastinal systématique (stations 2R, 4R, 7, 8, 9, 10 et 11). Extraction de la pièce dans un sac."
                    : "Systematic mediastinal lymph node dissection (stations 2R, 4R, 7, 8, 9, 10, 11). Specimen retrieved in a bag.";
                yield return fr ? "Drain thoracique 24 Ch. Fermeture." : "24 Fr chest drain. Closure.";
                break;
            case "prostatectomy":
                yield return fr
                    ? "Installation en Trendelenburg. Six trocarts, docking du robot. Ouverture de l'espace de Retzius."
                    : "Steep Trendelenburg position. Six ports, robot docked. Retzius space developed.";
                yield return fr
                    ? "Curage ilio-obturateur bilatéral. Section du col vésical, dissection des vésicules séminales et des déférents. Préservation nerveuse unilatérale intrafasciale."
                    : "Bilateral pelvic lymph node dissection. Bladder neck divided; seminal vesicles and vasa dissected. Unilateral intrafascial nerve sparing.";
                yield return fr
                    ? "Section de l'urètre à l'apex. Anastomose vésico-urétrale par surjet bidirectionnel. Sonde vésicale 18 Ch. Drain de Redon."
                    : "Urethra divided at the apex. Vesico-urethral anastomosis with a bidirectional running suture. 18 Fr catheter. Drain left.";
                break;
            default:
                yield return fr
                    ? "Open cœlioscopie, pneumopéritoine à 12 mmHg, quatre trocarts. Exploration : pas de carcinose péritonéale, foie macroscopiquement normal."
                    : "Open laparoscopy, pneumoperitoneum at 12 mmHg, four ports. No peritoneal disease; liver macroscopically normal.";
                yield return fr
                    ? "Ligature des vaisseaux à leur origine. Mobilisation médiale vers latérale. Section digestive à l'agrafeuse à distance de la tumeur."
                    : "High vascular ligation. Medial-to-lateral mobilisation. Bowel divided with staplers well clear of the tumour.";
                yield return fr
                    ? "Extraction par mini-laparotomie protégée. Rétablissement de la continuité par anastomose mécanique. Test d'étanchéité négatif."
                    : "Extraction through a protected mini-laparotomy. Stapled anastomosis; negative leak test.";
                yield return fr ? "Fermeture pariétale plan par plan." : "Abdominal wall closed in layers.";
                break;
        }
    }
}
