namespace MedSummary.Extraction.Rules;

/// <summary>
/// Primary sites, written in French or English (nouns and adjectives), normalized to English lowercase organ names
/// close to ICD-O-3 topography: breast, lung, prostate, colon, rectum, rectosigmoid junction, anus, appendix, small
/// intestine, stomach, esophagus, pancreas, liver, bile duct, gallbladder, kidney, renal pelvis, ureter, bladder,
/// ovary, fallopian tube, peritoneum, uterus, endometrium, cervix, vulva, vagina, testis, penis, prostate, adrenal
/// gland, thyroid, brain, head and neck sub-sites (oral cavity, tongue, lip, oropharynx, hypopharynx, nasopharynx,
/// larynx, salivary gland, sinonasal tract), skin, soft tissue, bone, pleura, thymus. Broader terms: colon and
/// rectum -> colorectum; endometrium and cervix -> uterus; brain -> central nervous system; head and neck sub-sites ->
/// head and neck.
/// </summary>
public static class SiteVocabulary
{
    /// <summary>Nouns and adjectives that name a site; used after "of / du / de la" and before a cancer word.</summary>
    public static Vocabulary Instance { get; } = new(
    [
        new("breast", null, @"breasts?|mammary|sein|seins|mammaires?|glande\s+mammaire"),
        new("lung", null, @"lungs?|pulmonary|bronch(?:us|i|ial|ogenic)|(?:right|left)\s+(?:upper|middle|lower)\s+lobe\s+of\s+(?:the\s+)?lung|(?:(?:right|left)\s+)?(?:upper|middle|lower)\s+lobes?|lobe\s+(?:sup[ée]rieur|moyen|inf[ée]rieur)(?:\s+(?:droit|gauche))?|poumons?|pulmonaires?|bronch(?:e|es|ique|iques)|broncho-?pulmonaires?"),
        new("prostate", null, @"prostate|prostatic|prostatique"),
        new("rectosigmoid junction", "colon", OtherParent: "rectum", Pattern: @"recto-?sigmoid(?:\s+junction|\s+colon)?|charni[èe]re\s+recto-?sigmo[ïi]dienne|jonction\s+recto-?sigmo[ïi]dienne"),
        new("colon", "colorectum",
            @"(?:sigmoid|ascending|descending|transverse|right|left)\s+colon|hepatic\s+flexure|splenic\s+flexure|c(?:a|æ|ae)?ecum|c[ée]cum|colon|colonic|sigmoid|c[ôo]lon|coliques?|sigmo[ïi]de|sigmo[ïi]dien(?:ne)?|caecal|cecal"),
        new("rectum", "colorectum", @"rectum|rectal|rectale?s?|bas\s+rectum|moyen\s+rectum|haut\s+rectum"),
        new("colorectum", null, @"colorectal|colorectale?s?|colo-?rectal"),
        new("anus", null, @"anal\s+canal|anus|canal\s+anal|anal"),
        new("appendix", null, @"appendix|appendiceal|appendice|appendiculaire"),
        new("small intestine", null, @"small\s+(?:bowel|intestine)|duodenum|duodenal|jejunum|jejunal|ileum|ileal|intestin\s+gr[êe]le|duod[ée]num|duod[ée]nal(?:e)?"),
        new("esophagogastric junction", null, @"(?:gastro-?o?esophageal|o?esophago-?gastric)\s+junction|cardia|jonction\s+(?:o|œ|oe)?so-?gastrique|cardia"),
        new("stomach", null, @"stomach|gastric|estomac|gastriques?"),
        new("esophagus", null, @"o?esophag(?:us|eal)|(?:œ|oe)?sophage|(?:œ|oe)?sophagien(?:ne)?"),
        new("pancreas", null, @"pancreas|pancreatic|pancr[ée]as|pancr[ée]atiques?"),
        new("ampulla of vater", null, @"ampulla(?:\s+of\s+vater)?|ampullary|ampoule\s+de\s+vater|ampullaire"),
        new("gallbladder", null, @"gall\s?bladder|v[ée]sicule\s+biliaire"),
        new("bile duct", null, @"(?:intrahepatic\s+|extrahepatic\s+|common\s+)?bile\s+ducts?|biliary|voies?\s+biliaires?|biliaires?|cholangio"),
        new("liver", null, @"liver|hepatic|foie|h[ée]patiques?"),
        new("renal pelvis", null, @"renal\s+pelvis|bassinet|pyelocaliceal|py[ée]lo-?calicielle?s?"),
        new("kidney", null, @"kidneys?|renal|reins?|r[ée]nale?s?"),
        new("ureter", null, @"ureters?|ureteral|uret[èe]res?|ur[ée]t[ée]ral(?:e)?"),
        new("bladder", null, @"(?:urinary\s+)?bladder|vesical|vessie|v[ée]sicale?s?"),
        new("ovary", null, @"ovar(?:y|ies|ian)|ovaires?|ovariens?|ovariennes?|adnexa[el]?|annexes?|annexiel(?:le)?s?"),
        new("fallopian tube", null, @"fallopian\s+tubes?|tubal|trompes?(?:\s+de\s+fallope)?|tubaires?"),
        new("peritoneum", null, @"primary\s+peritoneal|p[ée]riton[ée]al(?:e)?\s+primitif|peritoneum"),
        new("endometrium", "uterus", @"endometrium|endometrial|endom[èe]tre|endom[ée]triale?s?"),
        new("cervix", "uterus", @"uterine\s+cervix|cervix(?:\s+uteri)?|col\s+(?:de\s+l['’]\s?)?ut[ée]rin|col\s+de\s+l['’]\s?ut[ée]rus|col\s+ut[ée]rin|endocervi(?:x|cal)|exocervi(?:x|cal)|cervical(?=\s+(?:cancer|carcinoma|adenocarcinoma|squamous|neoplasia|tumou?r|malignancy))"),
        new("uterus", null, @"uterus|uterine|corpus\s+uteri|ut[ée]rus|ut[ée]rin(?:e)?s?|corps\s+ut[ée]rin"),
        new("vulva", null, @"vulva|vulvar|vulve|vulvaire"),
        new("vagina", null, @"vagina|vaginal|vagin"),
        new("testis", null, @"testis|testes|testicular|testicule|testiculaire"),
        new("penis", null, @"penis|penile|p[ée]nis|p[ée]nien(?:ne)?"),
        new("adrenal gland", null, @"adrenal(?:\s+gland)?|surr[ée]nale?s?|cortico-?surr[ée]nal(?:e)?"),
        new("thyroid", null, @"thyroid(?:\s+gland)?|thyro[ïi]de|thyro[ïi]dien(?:ne)?"),
        new("brain", "central nervous system",
            @"brain|cerebral|cerebrum|cerebellum|cerebellar|(?:frontal|temporal|parietal|occipital)\s+lobe|cerveau|c[ée]r[ée]bral(?:e)?|enc[ée]phale|cervelet|lobe\s+(?:frontal|temporal|pari[ée]tal|occipital)"),
        new("central nervous system", null, @"central\s+nervous\s+system|(?-i:CNS|SNC)|syst[èe]me\s+nerveux\s+central"),
        new("oropharynx", "head and neck",
            @"oropharynx|oropharyngeal|tonsils?|tonsillar|base\s+of\s+(?:the\s+)?tongue|tongue\s+base|oropharyng[ée]e?|amygdales?|amygdalien(?:ne)?|base\s+de\s+(?:la\s+)?langue"),
        new("hypopharynx", "head and neck", @"hypopharynx|hypopharyngeal|pyriform\s+sinus|piriform\s+sinus|hypopharyng[ée]e?|sinus\s+piriforme"),
        new("nasopharynx", "head and neck", @"nasopharynx|nasopharyngeal|cavum|nasopharyng[ée]e?"),
        new("larynx", "head and neck", @"larynx|laryngeal|glottis|glottic|supraglottic|subglottic|vocal\s+(?:cords?|folds?)|laryng[ée]e?|cordes?\s+vocales?"),
        new("tongue", "oral cavity", @"tongue|oral\s+tongue|langue|lingual"),
        new("lip", "oral cavity", @"lips?|l[èe]vres?"),
        new("oral cavity", "head and neck",
            @"oral\s+cavity|floor\s+of\s+(?:the\s+)?mouth|buccal\s+mucosa|gingiva|gum|hard\s+palate|retromolar\s+trigone|mouth|cavit[ée]\s+buccale|plancher\s+(?:buccal|de\s+la\s+bouche)|gencive|muqueuse\s+jugale|trigone\s+r[ée]tromolaire"),
        new("salivary gland", "head and neck", @"parotid(?:\s+gland)?|submandibular\s+gland|salivary\s+gland|parotide|glande\s+(?:salivaire|sous-mandibulaire)"),
        new("sinonasal tract", "head and neck", @"nasal\s+cavity|paranasal\s+sinus(?:es)?|maxillary\s+sinus|fosses?\s+nasales?|sinus\s+maxillaire"),
        new("head and neck", null, @"head\s+and\s+neck|t[êe]te\s+et\s+(?:du\s+)?cou|(?-i:ORL|VADS)|voies\s+a[ée]ro-?digestives\s+sup[ée]rieures"),
        new("skin", null, @"skin|cutaneous|peau|cutan[ée]e?s?"),
        new("soft tissue", null, @"soft\s+tissues?|tissus?\s+mous"),
        new("bone", null, @"bones?|osseous"),
        new("pleura", null, @"pleura|pleural|pl[èe]vre|pleurale?s?"),
        new("thymus", null, @"thymus|thymic|thymique"),
    ]);
}
