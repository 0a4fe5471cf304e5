using System.Text.RegularExpressions;

namespace MedSummary.Extraction.Timeline;

/// <summary>
/// The words that say what happened on a date, French and English, matched on folded text (lower case, no accents;
/// see <see cref="Verification.TextFold"/>).
/// </summary>
internal static partial class TimelineCues
{
    [GeneratedRegex(@"(?<![\p{L}])(?:premiers?\s+symptomes?|first\s+symptoms?|symptoms?\s+(?:started|began|begun|since|first\s+appeared)|onset\s+of\s+symptoms|histoire\s+debutant|debut\s+des\s+symptomes|symptomatologie\s+debutant|autopalpation|self[- ]detected|decouverte?\s+(?:par\s+la\s+patiente|fortuite)|revele(?:e)?\s+par)(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex Symptom();

    // Complaints that date the start of the illness when written with a month ("chest pain since July 2023").
    [GeneratedRegex(@"(?<![\p{L}])(?:douleurs?|toux|hemoptysies?|dyspnee|amaigrissement|rectorragies?|troubles?\s+du\s+transit|anemie\s+ferriprive|elevation\s+du\s+psa|nodule|masse\s+palpable|pain|cough|haemoptysis|hemoptysis|dyspnoea|dyspnea|weight\s+loss|rectal\s+bleeding|change\s+in\s+bowel\s+habit|iron[- ]deficiency\s+anaemia|raised\s+psa|lump)(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex Complaint();

    [GeneratedRegex(@"(?<![\p{L}])(?:neutropenie\s+febrile|febrile\s+neutropenia|aplasie\s+febrile|neutropeni\w*|thrombopeni\w*|thrombocytopeni\w*|anemi\w*|anaemi\w*|leucopeni\w*|leukopeni\w*|lymphopeni\w*|neuropathie\s+peripherique|peripheral\s+neuropathy|neuropath\w*|diarrhe\w*|diarrhoea|mucite|mucositis|stomatite?|cystite|cystitis|rectite|proctite|proctitis|radiodermite|radiation\s+dermatitis|dermatite|dermatitis|pneumopathie\s+interstitielle|pneumonite|pneumonitis|hypothyroidie|hypothyroidism|colite|colitis|hepatite|hepatitis|insuffisance\s+renale\s+aigue|acute\s+kidney\s+injury|fatigue|asthenie|nausees?|nausea|vomissements?|vomiting|eruption\s+cutanee|skin\s+rash|rash|toxidermie|syndrome\s+main[- ]pied|hand[- ]foot\s+syndrome|alopecie|alopecia|cardiotoxicite|cardiotoxicity|ototoxicite)(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex ToxicityTerm();

    [GeneratedRegex(@"(?<![\p{L}])(?:grade\s*[1-5]|g[1-5](?![\d\p{L}])|ctcae\s*(?:grade\s*)?[1-5]?|febrile|fébrile)", RegexOptions.CultureInvariant)]
    public static partial Regex ToxicityGrade();

    [GeneratedRegex(@"(?<![\p{L}])(?:radiochimiotherapie|chimioradiotherapie|chemoradiotherapy|chemoradiation|radio-chimiotherapie)(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex ChemoRadiation();

    [GeneratedRegex(@"(?<![\p{L}])(?:radiotherap\w*|irradiation|radiation\s+therapy|curietherap\w*|brachytherap\w*|stereotax\w*|sbrt|\d+(?:[.,]\d+)?\s*gy(?![\p{L}]))", RegexOptions.CultureInvariant)]
    public static partial Regex Radiotherapy();

    [GeneratedRegex(@"(?<![\p{L}])(?:hormonotherap\w*|hormone\s+therapy|hormonal\s+therapy|endocrine\s+therapy|androgen\s+deprivation|deprivation\s+androgenique|suppression\s+androgenique|blocage\s+androgenique|agoniste\s+de\s+la\s+lh-?rh|analogue\s+de\s+la\s+lh-?rh|lh-?rh\s+agonist|castration\s+chimique|adt)(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex HormoneTherapy();

    [GeneratedRegex(@"(?<![\p{L}])(?:chimiotherap\w*|chemotherap\w*|chemo)(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex Chemotherapy();

    [GeneratedRegex(@"(?<![\p{L}])(?:immunotherap\w*|checkpoint\s+inhibitor|inhibiteur\s+de\s+checkpoint)(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex Immunotherapy();

    [GeneratedRegex(@"(?<![\p{L}])(?:therapie\s+ciblee|targeted\s+therapy|thérapie\s+ciblée)(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex TargetedTherapy();

    [GeneratedRegex(@"(?<![\p{L}])(?:debut|debute\w*|start\w*|commenc\w*|initi\w*|depuis|since|mise\s+en\s+route|introduction|introduit\w*|instaur\w*|first\s+cycle|premiere\s+cure|cycle\s+1|c1j1|began|begun|a\s+partir\s+du|from)(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex TreatmentStart();

    [GeneratedRegex(@"(?<![\p{L}])(?:fin|end\s+of|ended|completed?|completion|termine\w*|achev\w*|last\s+cycle|derniere\s+cure|arret\w*|stopped|discontinued|jusqu'?\s*(?:au|a)|until)(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex TreatmentEnd();

    [GeneratedRegex(@"(?<![\p{L}])(?:tumorectomie|zonectomie|quadrantectomie|mastectomie|lobectomie|bilobectomie|pneumonectomie|segmentectomie|prostatectomie|colectomie|hemicolectomie|sigmoidectomie|proctectomie|resection\s+anterieure|amputation\s+abdomino-?perineale|hysterectomie|annexectomie|cystectomie|nephrectomie|gastrectomie|duodenopancreatectomie|oesophagectomie|exerese|lumpectomy|wide\s+local\s+excision|mastectomy|lobectomy|bilobectomy|pneumonectomy|segmentectomy|prostatectomy|colectomy|hemicolectomy|sigmoidectomy|anterior\s+resection|abdominoperineal\s+resection|hysterectomy|cystectomy|nephrectomy|gastrectomy|oesophagectomy|esophagectomy|whipple|chirurgie|intervention\s+chirurgicale|operation|surgery|surgical\s+resection|operated|opere\w*|curage\s+axillaire|lymphadenectomy)(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex Surgery();

    [GeneratedRegex(@"(?<![\p{L}])(?:microbiopsies?|macrobiopsies?|biopsies?|biopsy|biopsie\w*|biopsied|prelevements?\s+diagnostiques?|diagnostic\s+biopsy|core\s+(?:needle\s+)?biops\w*|ponction[- ]biopsie|cytoponction|fibroscopie\s+bronchique|bronchoscop\w*|coloscopie|colonoscopy|colonoscopie|ebus|endoscopie)(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex Biopsy();

    [GeneratedRegex(@"(?<![\p{L}])(?:diagnostic\s+(?:histologique|anatomopathologique)|diagnostic\s+(?:a\s+ete\s+)?(?:porte|pose|etabli)|diagnostiquee?s?|diagnosed|diagnosis\s+(?:was\s+)?(?:made|established|confirmed)|histological\s+diagnosis|date\s+(?:of|du)\s+diagnos\w*)(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex Diagnosis();

    [GeneratedRegex(@"(?<![\p{L}])(?:rcp|reunion\s+de\s+concertation(?:\s+pluridisciplinaire)?|concertation\s+pluridisciplinaire|mdt|multidisciplinary|tumou?r\s+board|staff\s+(?:d'?oncologie|pluridisciplinaire))(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex TumorBoard();

    [GeneratedRegex(@"(?<![\p{L}])(?:reponse\s+(?:partielle|complete|metabolique\s+complete|metabolique\s+partielle|objective)|partial\s+(?:metabolic\s+)?response|complete\s+(?:metabolic\s+)?response|stable\s+disease|maladie\s+stable|stabilite\s+lesionnelle|no\s+evidence\s+of\s+(?:disease|recurrence|relapse|progression)|pas\s+de\s+signe\s+de\s+(?:recidive|rechute|progression)|absence\s+de\s+(?:signe\s+de\s+)?(?:recidive|rechute|progression)|remission\s+complete|complete\s+remission|recist)(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex Response();

    [GeneratedRegex(@"(?<![\p{L}])(?:progression|progressive\s+disease|maladie\s+progressive|evolution\s+(?:metastatique|tumorale|defavorable)|nouvelles?\s+lesions?|new\s+(?:metastatic\s+)?lesions?)(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex Progression();

    [GeneratedRegex(@"(?<![\p{L}])(?:recidive|rechute|relapse|recurrence|recurrent\s+disease)(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex Relapse();

    [GeneratedRegex(@"(?<![\p{L}])(?:scanner|scanographi\w*|tdm|tep(?:-tdm|-scanner)?|tep-?ct|pet(?:-ct|/ct)?|fdg|irm|mri|ct|tomodensitometri\w*|mammographi\w*|mammogra(?:m|phy)|echographi\w*|ultrasound|scintigraphie|scintigraphy|bone\s+scan|radiographi\w*|x-ray|bilan\s+senologique|breast\s+imaging|imagerie|imaging|restaging|scan)(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex Imaging();

    // Modalities only (no generic "imaging"): used to find an imaging report's title line.
    [GeneratedRegex(@"(?<![\p{L}])(?:scanner|tdm|tep|pet|irm|mri|ct|mammographi\w*|mammography|echographi\w*|ultrasound|scintigraphi\w*|scintigraphy|bone\s+scan|radiographi\w*|x-ray|tomodensitometri\w*)(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex Modality();

    // Report header labels whose date is the date of the report's own act.
    [GeneratedRegex(@"(?<![\p{L}])(?:date\s+(?:de\s+l'|d')?examen|examen\s+(?:realise|effectue|pratique)\s+le|date\s+of\s+(?:the\s+)?(?:examination|exam|scan|study)|examination\s+(?:performed|date)|(?:exam|study)\s+date|performed\s+on)(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex ExaminationHeader();

    [GeneratedRegex(@"(?<![\p{L}])(?:date\s+(?:de|du)\s+prelevement|prelevement\s+(?:realise|effectue)\s+le|date\s+of\s+(?:sampling|biopsy|collection)|specimen\s+(?:collected|taken)|sampling\s+date)(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex SamplingHeader();

    [GeneratedRegex(@"(?<![\p{L}])(?:date\s+(?:de\s+l'|d')?intervention|date\s+(?:de\s+la\s+)?(?:chirurgie|operation)|date\s+of\s+(?:operation|surgery|procedure)|operated\s+on)(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex OperationHeader();

    // Dates that are not events of the illness.
    [GeneratedRegex(@"(?<![\p{L}])(?:nee?\s+le|date\s+(?:of\s+)?birth|date\s+de\s+naissance|dob|ddn|edite|imprime|printed|issued|recu\s+le|date\s+(?:de\s+)?reception|date\s+received|received|valide|signe|signed|dictated|typed|frappe|sejour|hospitalisation\s+du|admission|admitted|discharged|sortie\s+le|rendez-vous|rdv|appointment|prochaine?|next|convocation|copie|edition)(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex NotAnEvent();

    // What has not happened yet.
    [GeneratedRegex(@"(?<![\p{L}])(?:prevue?s?|programmee?s?|planifiee?s?|envisagee?s?|proposee?s?|a\s+discuter|a\s+prevoir|a\s+programmer|planned|scheduled|proposed|to\s+be\s+(?:discussed|scheduled|arranged|performed)|will\s+(?:start|begin|be)|debutera|sera|seront|recommande\w*|recommended|plan\s*:|proposition\s*:)(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex Plan();

    // A range between two dates: "du D1 au D2", "de D1 à D2", "(D1 - D2)", "between D1 and D2", "from D1 to D2".
    [GeneratedRegex(@"^\s*(?:-|–|au|a|to|until|till|through|jusqu'?\s*(?:au|a)|and|et)\s*$", RegexOptions.CultureInvariant)]
    public static partial Regex RangeConnector();

    [GeneratedRegex(@"(?:\b(?:du|de|des|from|between|entre)|\()\s*$", RegexOptions.CultureInvariant)]
    public static partial Regex RangeOpener();

    [GeneratedRegex(@"(?:^|\n)[ \t]*(?:conclusions?|impression|au\s+total|synthese|summary|conclusion\s+et\s+avis)[ \t]*(?::[ \t]*\n?|\n)", RegexOptions.CultureInvariant)]
    public static partial Regex ConclusionHeading();

    /// <summary>A consultation's assessment heading, where its conclusion stands when it has no "Conclusion".</summary>
    [GeneratedRegex(@"(?:^|\n)[ \t]*(?:evaluation|assessment|avis|discussion|opinion|current\s+status|etat\s+actuel)[ \t]*:?[ \t]*\n", RegexOptions.CultureInvariant)]
    public static partial Regex AssessmentHeading();

    [GeneratedRegex(@"(?:^|\n)[ \t]*(?:nature\s+du\s+prelevement|specimen|intervention|procedure|type\s+d'intervention|operation)[ \t]*:[ \t]*(?<v>[^\n]{3,160})", RegexOptions.CultureInvariant)]
    public static partial Regex ProcedureLine();

    [GeneratedRegex(@"(?<![\p{L}])(?:piece\s+operatoire|piece\s+d'exerese|exerese|resection|excision|operative\s+specimen|surgical\s+specimen|mastectomy\s+specimen|excision\s+specimen|tumorectomie|mastectomie|lobectomie|colectomie|prostatectomie|lumpectomy|mastectomy|lobectomy|colectomy|prostatectomy)(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex ResectionSpecimen();

    [GeneratedRegex(@"(?<![\p{L}])(?:compte\s+rendu\s+operatoire|operation\s+note|operative\s+report|operating\s+report|cro)(?![\p{L}])", RegexOptions.CultureInvariant)]
    public static partial Regex OperativeReportTitle();
}
