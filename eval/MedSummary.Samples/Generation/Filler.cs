using MedSummary.Samples.Pdf;

namespace MedSummary.Samples.Generation;

internal enum FillerTopic
{
    MedicalHistory,
    Medications,
    Lifestyle,
    FamilyHistory,
    ClinicalExam,
    PatientInformation,
    SupportiveCare,
    FollowUpOrganisation,
    Nursing,
    ImagingTechnique,
    PathologyTechnique,
    HospitalCourse,
}

/// <summary>
/// Prose that makes documents the length real ones are, without stating any value of the truth: histories of
/// unrelated conditions, medications, social context, normal examinations, organisational remarks. Some
/// sentences are deliberate distractors (a relative's cancer, a "right" hip) as real dossiers have them.
/// </summary>
internal static class Filler
{
    private static readonly Dictionary<FillerTopic, (string[] Fr, string[] En)> Pools = new()
    {
        [FillerTopic.MedicalHistory] = (
        [
            "Hypertension artérielle traitée depuis une dizaine d'années, bien équilibrée.",
            "Diabète de type 2 sous antidiabétiques oraux, dernière HbA1c satisfaisante selon le médecin traitant.",
            "Appendicectomie dans l'enfance.",
            "Cholécystectomie par cœlioscopie pour lithiase vésiculaire symptomatique.",
            "Prothèse totale de hanche gauche pour coxarthrose, sans complication.",
            "Cataracte opérée de l'œil droit.",
            "Hypothyroïdie substituée.",
            "[lipid]Dyslipidémie sous statine.",
            "Syndrome anxio-dépressif ancien, suivi en ville.",
            "[cardio]Épisode de fibrillation atriale paroxystique, actuellement en rythme sinusal.",
            "Hernie inguinale droite opérée.",
            "Asthme dans l'enfance, sans traitement de fond depuis l'âge adulte.",
            "Ulcère gastrique traité par inhibiteur de la pompe à protons, sans récidive.",
            "Syndrome d'apnées obstructives du sommeil appareillé.",
            "Pas d'antécédent thromboembolique connu.",
            "Fracture du poignet droit après une chute, consolidée sans séquelle.",
            "[allergy]Allergie à la pénicilline (éruption cutanée).",
            "[allergy]Pas d'allergie médicamenteuse connue.",
            "Migraines anciennes, sans traitement de fond.",
            "Lombalgies chroniques sur discopathie, suivies en rhumatologie.",
            "Glaucome chronique à angle ouvert sous collyre.",
            "Vaccinations à jour selon le carnet de santé.",
            "[cardio]Pas d'antécédent cardiovasculaire en dehors de l'hypertension.",
            "Insuffisance veineuse des membres inférieurs, port de contention.",
            "[lipid]Hypercholestérolémie découverte lors d'un bilan de routine.",
            "Notion de reflux gastro-œsophagien ancien.",
        ],
        [
            "Hypertension, treated for about ten years and well controlled.",
            "Type 2 diabetes on oral agents; last HbA1c satisfactory according to the GP.",
            "Appendicectomy in childhood.",
            "Laparoscopic cholecystectomy for symptomatic gallstones.",
            "Left total hip replacement for osteoarthritis, uncomplicated.",
            "Right cataract surgery.",
            "Hypothyroidism on replacement therapy.",
            "[lipid]Hypercholesterolaemia on a statin.",
            "Past history of anxiety and depression, managed in primary care.",
            "[cardio]Paroxysmal atrial fibrillation, currently in sinus rhythm.",
            "Repair of a right inguinal hernia.",
            "Childhood asthma, no maintenance treatment in adult life.",
            "Gastric ulcer treated with a proton pump inhibitor, no recurrence.",
            "Obstructive sleep apnoea on CPAP.",
            "No known history of venous thromboembolism.",
            "Fracture of the right wrist after a fall, healed without sequelae.",
            "[allergy]Penicillin allergy (rash).",
            "[allergy]No known drug allergies.",
            "Long-standing migraine, no prophylaxis.",
            "Chronic low back pain from degenerative disc disease, followed by rheumatology.",
            "Open-angle glaucoma on eye drops.",
            "Vaccinations up to date.",
            "[cardio]No cardiovascular history apart from hypertension.",
            "Varicose veins, wears compression stockings.",
            "[lipid]Raised cholesterol found on routine screening.",
            "Longstanding gastro-oesophageal reflux.",
        ]),
        [FillerTopic.Medications] = (
        [
            "Traitement habituel : amlodipine 5 mg le matin, atorvastatine 20 mg le soir.",
            "Metformine 1000 mg matin et soir.",
            "Lévothyroxine 75 µg à jeun.",
            "Ramipril 5 mg par jour.",
            "Oméprazole 20 mg par jour.",
            "Paracétamol 1 g si besoin, sans dépasser 3 g par jour.",
            "[anticoag]Apixaban 5 mg deux fois par jour.",
            "Zolpidem 10 mg au coucher, en cours de sevrage.",
            "Cholécalciférol 100 000 UI une ampoule par mois.",
            "Pas d'automédication ni de phytothérapie déclarée.",
            "Le traitement habituel est poursuivi sans modification.",
        ],
        [
            "Regular medication: amlodipine 5 mg in the morning, atorvastatin 20 mg at night.",
            "Metformin 1 g twice daily.",
            "Levothyroxine 75 micrograms once daily.",
            "Ramipril 5 mg once daily.",
            "Omeprazole 20 mg once daily.",
            "Paracetamol 1 g as required, maximum 3 g per day.",
            "[anticoag]Apixaban 5 mg twice daily.",
            "Zopiclone 7.5 mg at night, being tapered.",
            "Colecalciferol 800 units daily.",
            "No over-the-counter or herbal remedies reported.",
            "Usual medication continued unchanged.",
        ]),
        [FillerTopic.Lifestyle] = (
        [
            "[living]Vit en couple, deux enfants autonomes.",
            "[work]Retraité{e} de l'enseignement.",
            "[work]Exerce comme comptable, actuellement en arrêt de travail.",
            "Tabagisme sevré depuis plus de quinze ans, estimé à 20 paquets-années.",
            "[alcohol]Pas de consommation d'alcool déclarée.",
            "[alcohol]Consommation d'alcool occasionnelle, festive.",
            "Activité physique régulière : marche quotidienne et natation une fois par semaine.",
            "[living]Vit seul{e} à domicile, au premier étage sans ascenseur ; une aide-ménagère passe deux fois par semaine.",
            "Bon entourage familial, sa fille l'accompagne aux consultations.",
            "Autonome pour les actes de la vie quotidienne.",
            "Conduit, jardine et s'occupe de ses petits-enfants.",
            "[work]Ex-employé{e} de banque, à la retraite depuis plusieurs années.",
            "Pratique la randonnée en club le week-end.",
            "Pas de difficulté financière signalée.",
            "Entourage présent, enfants domiciliés à proximité.",
            "Chien à domicile, aime les promenades quotidiennes.",
        ],
        [
            "[living]Lives with partner; two adult children.",
            "[work]Retired schoolteacher.",
            "[work]Works as an accountant, currently on sick leave.",
            "Ex-smoker, stopped more than fifteen years ago, about 20 pack-years.",
            "[alcohol]Does not drink alcohol.",
            "[alcohol]Drinks alcohol occasionally, at social events.",
            "Physically active: walks daily and swims once a week.",
            "[living]Lives alone in a first-floor flat without a lift; a home help visits twice a week.",
            "Good family support; {his} daughter attends appointments with {him}.",
            "Independent in activities of daily living.",
            "Still drives, gardens and looks after the grandchildren.",
            "[work]Retired bank clerk.",
            "Walks with a rambling club at weekends.",
            "No financial difficulties reported.",
            "Supportive family living nearby.",
            "Has a dog and walks daily.",
        ]),
        [FillerTopic.FamilyHistory] = (
        [
            "Antécédents familiaux : mère décédée à 81 ans d'un accident vasculaire cérébral.",
            "[family]Père traité pour un cancer de la prostate à un âge avancé.",
            "Une tante maternelle aurait présenté un cancer du sein après la ménopause.",
            "[family]Pas d'antécédent familial de cancer connu au premier degré.",
            "Frère suivi pour un diabète de type 2.",
            "Une sœur opérée d'un polype colique bénin.",
            "Grand-père paternel décédé d'un cancer du poumon, grand fumeur.",
        ],
        [
            "Family history: mother died aged 81 of a stroke.",
            "[family]Father treated for prostate cancer in old age.",
            "A maternal aunt reportedly had post-menopausal breast cancer.",
            "[family]No known cancer in first-degree relatives.",
            "Brother has type 2 diabetes.",
            "A sister had a benign colonic polyp removed.",
            "Paternal grandfather died of lung cancer; he was a heavy smoker.",
        ]),
        [FillerTopic.ClinicalExam] = (
        [
            "Poids stable à {weight} kg pour {height} m.",
            "Tension artérielle 132/78 mmHg, fréquence cardiaque 76/min, apyrétique.",
            "Auscultation cardio-pulmonaire sans particularité.",
            "Abdomen souple, dépressible et indolore, pas d'hépatomégalie palpable.",
            "Pas d'œdème des membres inférieurs, mollets souples.",
            "Pas d'adénopathie sus-claviculaire palpable.",
            "Examen neurologique sans déficit focal.",
            "Cicatrices propres, sans signe inflammatoire.",
            "Muqueuses bien colorées, pas de lésion buccale.",
            "Examen cutané sans particularité.",
            "Bon état nutritionnel, appétit conservé.",
            "Pas de lymphœdème du membre supérieur.",
            "Pas de douleur à la palpation du rachis.",
            "Conjonctives normocolorées, pas d'ictère.",
            "Examen des aires ganglionnaires cervicales et axillaires sans particularité.",
            "Saturation en oxygène à 97 % en air ambiant.",
            "Température 36,8 °C.",
        ],
        [
            "Weight stable at {weight} kg, height {height} m.",
            "Blood pressure 132/78 mmHg, pulse 76/min, afebrile.",
            "Heart sounds normal, chest clear.",
            "Abdomen soft and non-tender, no palpable hepatomegaly.",
            "No peripheral oedema; calves soft.",
            "No palpable supraclavicular lymphadenopathy.",
            "No focal neurological deficit.",
            "Scars clean, no sign of inflammation.",
            "Mucous membranes well perfused, no oral lesions.",
            "Skin examination unremarkable.",
            "Good nutritional status, appetite preserved.",
            "No upper limb lymphoedema.",
            "No spinal tenderness.",
            "Not jaundiced, not pale.",
            "Cervical and axillary nodal areas clear.",
            "Oxygen saturation 97% on room air.",
            "Temperature 36.8 °C.",
        ]),
        [FillerTopic.PatientInformation] = (
        [
            "Les modalités du traitement, ses bénéfices attendus et ses effets indésirables possibles ont été expliqués {a_pat}.",
            "Un document d'information écrit a été remis et les questions ont trouvé réponse.",
            "{Pat} a donné son accord oral pour la prise en charge proposée.",
            "Une consultation d'annonce paramédicale est programmée avec l'infirmière de coordination.",
            "Le dossier sera présenté en réunion de concertation pluridisciplinaire si un élément nouveau survient.",
            "Un accompagnement par la psychologue du service a été proposé.",
            "{Pat} souhaite être accompagné{e} de sa famille lors des prochaines consultations.",
            "{Pat} se dit « rassuré{e} » par les explications données.",
        ],
        [
            "The treatment, its expected benefits and its possible side effects were explained to the patient.",
            "Written information was provided and questions were answered.",
            "The patient gave verbal consent to the proposed plan.",
            "An appointment with the clinical nurse specialist has been arranged.",
            "The case will be re-discussed at the multidisciplinary meeting should anything new arise.",
            "Referral to the department psychologist was offered.",
            "The patient would like family members to attend future appointments.",
            "The patient said {she} felt “reassured” by the discussion.",
        ]),
        [FillerTopic.SupportiveCare] = (
        [
            "Une prise en charge diététique est proposée.",
            "Prescription d'un bain de bouche au bicarbonate en prévention des mucites.",
            "Antiémétiques prescrits selon le protocole du service.",
            "Une évaluation par l'assistante sociale est demandée pour les démarches administratives.",
            "Programme d'activité physique adaptée proposé, à débuter progressivement.",
            "Soins de support : socio-esthéticienne et sophrologie disponibles au sein de l'établissement.",
            "Une demande de prise en charge à 100 % au titre de l'affection de longue durée a été faite.",
        ],
        [
            "Dietetic review offered.",
            "Bicarbonate mouthwash prescribed to prevent mucositis.",
            "Antiemetics prescribed according to the unit protocol.",
            "Referral to the social worker for benefits and paperwork.",
            "An adapted physical activity programme was offered, to start gradually.",
            "Supportive care: complementary therapies are available on site.",
            "A Macmillan information pack was given.",
        ]),
        [FillerTopic.FollowUpOrganisation] = (
        [
            "Prochain rendez-vous de consultation dans trois mois avec un bilan biologique préalable.",
            "Une copie de ce courrier est adressée au médecin traitant.",
            "Un compte rendu sera adressé au médecin traitant et au chirurgien.",
            "En cas de fièvre supérieure à 38,5 °C, contacter le service ou les urgences.",
            "Les ordonnances ont été remises en main propre.",
            "Le calendrier des prochains examens a été transmis {a_pat}.",
        ],
        [
            "Next clinic appointment in three months with blood tests beforehand.",
            "A copy of this letter goes to the GP.",
            "A report will be sent to the GP and the surgeon.",
            "If temperature rises above 38.5 °C, contact the acute oncology hotline.",
            "Prescriptions were handed over in person.",
            "The schedule of forthcoming investigations was given to the patient.",
        ]),
        [FillerTopic.Nursing] = (
        [
            "Patient{e} installé{e} en chambre double, orienté{e} et coopérant{e}.",
            "Douleur évaluée à 2/10 sur l'échelle numérique, soulagée par le paracétamol.",
            "Reprise de l'alimentation légère bien tolérée.",
            "Lever au fauteuil réalisé avec aide.",
            "Pansement refait, cicatrice propre.",
            "Nuit calme, sommeil correct.",
            "Diurèse conservée, transit repris.",
        ],
        [
            "Settled in a shared bay, orientated and cooperative.",
            "Pain scored 2/10, relieved by paracetamol.",
            "Light diet restarted and tolerated.",
            "Sat out in the chair with assistance.",
            "Dressing changed, wound clean.",
            "Settled night, slept well.",
            "Passing urine, bowels opened.",
        ]),
    };

    private static readonly Dictionary<FillerTopic, (string[] Fr, string[] En)> MorePools = new()
    {
        [FillerTopic.ImagingTechnique] = (
        [
            "Injection de 90 mL de produit de contraste iodé, bonne tolérance immédiate.",
            "Fonction rénale vérifiée avant l'injection.",
            "Produit dose-longueur : 612 mGy.cm.",
            "Qualité d'examen satisfaisante, artefacts respiratoires minimes.",
            "Examen réalisé en décubitus dorsal, bras au-dessus de la tête.",
            "Comparaison avec les examens antérieurs disponibles sur le PACS.",
            "Reconstructions multiplanaires en coupes de 1,25 mm.",
            "Pas d'incident durant l'examen.",
        ],
        [
            "90 mL of iodinated contrast given intravenously; no immediate reaction.",
            "Renal function checked before contrast.",
            "Dose-length product 612 mGy.cm.",
            "Good quality study with minimal respiratory artefact.",
            "Supine position, arms above the head.",
            "Compared with previous imaging available on PACS.",
            "Multiplanar reconstructions at 1.25 mm.",
            "No adverse event during the examination.",
        ]),
        [FillerTopic.PathologyTechnique] = (
        [
            "Fixation en formol tamponné à 4 % pendant 24 heures.",
            "Délai d'ischémie froide inférieur à une heure.",
            "Coupes colorées à l'hématéine-éosine-safran.",
            "Techniques immunohistochimiques réalisées sur automate avec témoins externes positifs et négatifs.",
            "Examen réalisé dans un laboratoire accrédité selon la norme NF EN ISO 15189.",
            "Double lecture effectuée par un second pathologiste.",
            "Blocs conservés au laboratoire, disponibles pour des analyses complémentaires.",
            "Prise en charge de l'échantillon conforme aux recommandations en vigueur.",
        ],
        [
            "Fixed in 10% neutral buffered formalin for 24 hours.",
            "Cold ischaemia time under one hour.",
            "Sections stained with haematoxylin and eosin.",
            "Immunohistochemistry performed on an automated platform with external positive and negative controls.",
            "The laboratory is UKAS accredited to ISO 15189 for the tests reported.",
            "Second reporter review performed.",
            "Blocks retained in the department and available for further testing.",
            "Specimen handling in line with current dataset recommendations.",
        ]),
        [FillerTopic.HospitalCourse] = (
        [
            "Suites opératoires simples.",
            "Reprise du transit à J2, alimentation reprise progressivement.",
            "Ablation du drain à J3, écoulement séreux modéré.",
            "Mobilisation précoce avec le kinésithérapeute.",
            "Douleurs bien contrôlées par les antalgiques de palier 1.",
            "Pas de fièvre durant le séjour.",
            "Pansements réalisés quotidiennement, cicatrice propre.",
            "Éducation réalisée pour la surveillance de la cicatrice et les signes d'alerte.",
            "Retour à domicile avec passage infirmier quotidien.",
            "Prévention thromboembolique poursuivie à domicile.",
        ],
        [
            "Uneventful post-operative recovery.",
            "Bowels opened on day 2 and diet reintroduced.",
            "Drain removed on day 3 with modest serous output.",
            "Early mobilisation with physiotherapy.",
            "Pain well controlled with simple analgesia.",
            "Afebrile throughout the admission.",
            "Daily dressings; wound clean.",
            "Advice given on wound care and warning signs.",
            "Discharged home with district nurse follow-up.",
            "Thromboprophylaxis continued at home.",
        ]),
    };

    /// <summary>Facts about the patient: every document of a dossier draws them from the same list, so they agree.</summary>
    private static readonly HashSet<FillerTopic> PatientFacts =
        [FillerTopic.MedicalHistory, FillerTopic.Medications, FillerTopic.Lifestyle, FillerTopic.FamilyHistory];

    public static MarkedText Paragraph(DocContext ctx, DocWriter writer, FillerTopic topic, int sentences)
    {
        var (fr, en) = Pools.TryGetValue(topic, out var texts) ? texts : MorePools[topic];
        var order = PatientFacts.Contains(topic) ? new Rng(Rng.Derive(ctx.C.Spec.Seed, "filler:" + topic)) : ctx.R;
        // A "[tag]" prefix marks sentences that exclude each other (lives alone / with partner): keep the first.
        var seenTags = new HashSet<string>();
        var pool = order.Shuffle(ctx.Fr ? fr : en)
            .Where(t => !t.StartsWith('[') || seenTags.Add(t[1..t.IndexOf(']', StringComparison.Ordinal)]))
            .Select(t => t.StartsWith('[') ? t[(t.IndexOf(']', StringComparison.Ordinal) + 1)..] : t)
            .Take(Math.Max(1, sentences))
            .ToList();
        var builder = new MarkedTextBuilder();
        foreach (var template in PatientFacts.Contains(topic) ? ctx.R.Shuffle(pool) : pool)
        {
            var rendered = writer.TryRender(Expand(ctx, template));
            if (rendered is null)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(" ");
            }

            builder.Append(rendered);
        }

        return builder.Build();
    }

    private static string Expand(DocContext ctx, string template)
    {
        // Weight and height are derived from the seed so that they stay the same across a dossier's documents.
        var weight = 52 + (Rng.Derive(ctx.C.Spec.Seed, "weight") % 40);
        var height = 1.55 + ((Rng.Derive(ctx.C.Spec.Seed, "height") % 30) / 100.0) + (ctx.C.Patient.IsFemale ? 0 : 0.1);
        return template
            .Replace("{weight}", weight.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{height}", ctx.Num(height, 2), StringComparison.Ordinal);
    }
}
