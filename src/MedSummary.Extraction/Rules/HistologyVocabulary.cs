namespace MedSummary.Extraction.Rules;

/// <summary>
/// Histologic types, written in French or English, normalized to English lowercase WHO-style names. Broader terms:
/// subtypes point to their family ("clear cell renal cell carcinoma" -> "renal cell carcinoma" -> "carcinoma",
/// "glioblastoma" -> "glioma"). Breast "invasive carcinoma of no special type (NST)" and "carcinome canalaire
/// infiltrant" are one term, "invasive ductal carcinoma", the name most reports still use. In situ forms are flagged:
/// they describe a component, not the main type, once an invasive type is present. "Papillary" is matched as
/// <c>papil+i?ary</c>: OCR of typed reports often reads it "papiliary" or "papilary".
/// </summary>
public static class HistologyVocabulary
{
    public static Vocabulary Instance { get; } = new(
    [
        // In situ forms first: at one position the first listed form wins, so "carcinoma in situ" must beat "carcinoma".
        new("adenocarcinoma in situ", "carcinoma in situ", @"adenocarcinoma\s+in\s+situ|ad[ée]nocarcinome\s+in\s+situ", InSitu: true),
        new("squamous cell carcinoma in situ", "carcinoma in situ",
            @"squamous\s+cell\s+carcinoma\s+in\s+situ|carcinome\s+(?:[ée]pidermo[ïi]de|malpighien)\s+in\s+situ", InSitu: true),
        new("urothelial carcinoma in situ", "carcinoma in situ",
            @"urothelial\s+carcinoma\s+in\s+situ|carcinome\s+urot?h[ée]lial\s+in\s+situ", InSitu: true),
        new("carcinoma in situ", null, @"carcinoma\s+in\s+situ|carcinome\s+in\s+situ|(?-i:CIS)", InSitu: true),

        // Kidney.
        new("clear cell renal cell carcinoma", "renal cell carcinoma", OtherParent: "clear cell carcinoma", Pattern:
            @"clear(?:-\s*|\s+)cell\s+renal\s+(?:cell\s+)?carcinoma|renal\s+cell\s+carcinoma[,\s]+(?:of\s+)?(?:conventional\s+)?\(?(?:clear(?:-\s*|\s+)cell|conventional)(?:\s+type)?|conventional\s+\(?clear(?:-\s*|\s+)cell\)?\s+(?:renal\s+cell\s+)?carcinoma|carcinome\s+(?:r[ée]nal\s+)?(?:à\s+cellules\s+claires\s+du\s+rein|à\s+cellules\s+r[ée]nales\s+(?:de\s+type\s+)?à\s+cellules\s+claires)|carcinome\s+r[ée]nal\s+à\s+cellules\s+claires"),
        new("papillary renal cell carcinoma", "renal cell carcinoma",
            @"papil+i?ary\s+renal\s+(?:cell\s+)?carcinoma|renal\s+cell\s+carcinoma[,\s]+(?:of\s+)?\(?papil+i?ary(?:\s+type)?|carcinome\s+(?:r[ée]nal\s+papillaire|papillaire\s+du\s+rein|à\s+cellules\s+r[ée]nales\s+(?:de\s+type\s+)?papillaire)"),
        new("chromophobe renal cell carcinoma", "renal cell carcinoma",
            @"chromophobe\s+(?:renal\s+(?:cell\s+)?)?carcinoma|renal\s+cell\s+carcinoma[,\s]+(?:of\s+)?\(?chromophobe(?:\s+type)?|carcinome\s+(?:r[ée]nal\s+)?chromophobe"),
        new("renal cell carcinoma", "adenocarcinoma",
            @"renal\s+(?:cell\s+)?carcinoma|(?-i:RCC)|carcinome\s+(?:à\s+cellules\s+)?r[ée]nales?|hypernephroma"),

        // Liver and bile ducts.
        new("combined hepatocellular-cholangiocarcinoma", "carcinoma",
            @"(?:combined|mixed)\s+hepatocellular(?:-\s*|\s+)(?:and\s+)?cholangio\w*|hepatocholangiocarcinoma|carcinome\s+h[ée]patocholangiocellulaire"),
        new("hepatocellular carcinoma", "carcinoma",
            @"hepatocellular\s+carcinoma|hepatocarcinoma|(?-i:HCC|CHC)|carcinome\s+h[ée]patocellulaire|h[ée]patocarcinome"),
        new("cholangiocarcinoma", "adenocarcinoma",
            @"(?:intrahepatic\s+|hilar\s+|perihilar\s+|extrahepatic\s+)?cholangiocarcinom[ae]|bile\s+duct\s+(?:adeno)?carcinoma"),

        // Urinary tract.
        new("urothelial carcinoma", "carcinoma",
            @"(?:(?:high|low)(?:-\s*|\s+)grade\s+)?(?:(?:invasive|infiltrating|papil+i?ary|non-?invasive)\s+){0,2}urothelial\s+(?:cell\s+)?carcinoma|transitional(?:-\s*|\s+)cell\s+carcinoma|carcinome\s+(?:urot?h[ée]lial|(?:à\s+cellules\s+)?transitionnel(?:les)?)"),

        // Breast.
        new("invasive lobular carcinoma", "carcinoma", OtherParent: "adenocarcinoma",
            Pattern: @"(?:invasive|infiltrating)\s+lobular\s+carcinoma|lobular\s+carcinoma,?\s+(?:invasive|infiltrating)|carcinome\s+lobulaire\s+(?:infiltrant|invasif)|(?-i:ILC|CLI)"),
        new("invasive ductal carcinoma", "carcinoma", OtherParent: "adenocarcinoma",
            Pattern: @"(?:invasive|infiltrating)\s+duct(?:al)?\s+(?:breast\s+|mammary\s+)?carcinoma|ductal\s+carcinoma,?\s+(?:invasive|infiltrating)|(?:invasive|infiltrating)\s+(?:breast\s+|mammary\s+)?carcinoma,?\s+(?:of\s+)?(?:no\s+special\s+type|(?-i:NST))|invasive\s+carcinoma\s+of\s+no\s+special\s+type|carcinome\s+canalaire\s+(?:infiltrant|invasif)|carcinome\s+(?:mammaire\s+)?(?:infiltrant|invasif)\s+(?:de\s+type\s+)?(?:non\s+sp[ée]cifique|(?-i:NST)|canalaire)(?:\s*\((?-i:NST)\))?|(?-i:IDC)"),
        new("ductal carcinoma in situ", "carcinoma in situ",
            @"ductal\s+carcinoma\s+in\s+situ|intraductal\s+carcinoma|(?-i:DCIS|CCIS)|carcinome\s+(?:canalaire\s+in\s+situ|intracanalaire)", InSitu: true),
        new("lobular carcinoma in situ", "carcinoma in situ",
            @"lobular\s+carcinoma\s+in\s+situ|(?-i:LCIS|CLIS)|carcinome\s+lobulaire\s+in\s+situ", InSitu: true),
        new("mucinous carcinoma", "carcinoma",
            @"mucinous\s+carcinoma|colloid\s+carcinoma|carcinome\s+(?:mucineux|collo[ïi]de)"),
        new("tubular carcinoma", "carcinoma", @"tubular\s+carcinoma|carcinome\s+tubuleux"),
        new("medullary carcinoma", "carcinoma", @"medullary\s+carcinoma|carcinome\s+m[ée]dullaire"),
        new("metaplastic carcinoma", "carcinoma", @"metaplastic\s+carcinoma|carcinome\s+m[ée]taplasique"),

        // Gynaecologic.
        new("high-grade serous carcinoma", "serous carcinoma",
            @"high(?:-\s*|\s+)grade\s+(?:papil+i?ary\s+)?serous\s+(?:papil+i?ary\s+)?(?:cyst)?(?:adeno)?carcinoma|(?:cyst)?(?:ad[ée]no)?carcinome\s+s[ée]reux\s+(?:papillaire\s+)?de\s+haut\s+grade|(?-i:HGSC)"),
        new("low-grade serous carcinoma", "serous carcinoma",
            @"low(?:-\s*|\s+)grade\s+(?:papil+i?ary\s+)?serous\s+(?:papil+i?ary\s+)?(?:cyst)?(?:adeno)?carcinoma|(?:cyst)?(?:ad[ée]no)?carcinome\s+s[ée]reux\s+(?:papillaire\s+)?de\s+bas\s+grade"),
        new("serous carcinoma", "adenocarcinoma",
            @"(?:papil+i?ary\s+)?serous\s+(?:surface\s+)?(?:papil+i?ary\s+)?(?:cyst)?(?:adeno)?carcinoma|(?:adeno)?carcinoma,?\s+serous\s+type|(?:cyst)?(?:ad[ée]no)?carcinome\s+(?:papillaire\s+)?s[ée]reux"),
        new("endometrioid carcinoma", "adenocarcinoma",
            @"endometri?oid\s+(?:type\s+)?(?:adeno)?carcinoma|(?:adeno)?carcinoma,?\s+(?:(?:predominantly|mainly|mostly|of)\s+)?endometri?oid(?:-\s*|\s+)-?\s*type|(?:ad[ée]no)?carcinome\s+endom[ée]tri?o[ïi]de"),
        new("clear cell carcinoma", "adenocarcinoma",
            @"clear(?:-\s*|\s+)cell\s+(?:adeno)?carcinoma|(?:ad[ée]no)?carcinome\s+à\s+cellules\s+claires"),
        new("carcinosarcoma", "carcinoma",
            @"carcinosarcoma|malignant\s+mixed\s+m[üu]ll?erian\s+tumou?r|(?-i:MMMT)|carcinosarcome|tumeur\s+mixte\s+m[üu]ll[ée]rienne\s+maligne"),

        // Squamous.
        new("basaloid squamous cell carcinoma", "squamous cell carcinoma",
            @"basaloid\s+squamous\s+(?:cell\s+)?carcinoma|squamous\s+cell\s+carcinoma,?\s+basaloid\s+(?:type|variant)|carcinome\s+[ée]pidermo[ïi]de\s+basalo[ïi]de"),
        new("squamous cell carcinoma", "carcinoma", OtherParent: "non-small cell carcinoma", Pattern:
            @"(?:(?:non-?)?keratini[sz]ing\s+)?squamous(?:-\s*|\s+)cell\s+carcinoma|squamous\s+carcinoma|epidermoid\s+carcinoma|carcinome\s+(?:[ée]pidermo[ïi]de|malpighien|spinocellulaire)|(?-i:SCC)"),
        new("adenosquamous carcinoma", "non-small cell carcinoma", @"adeno-?squamous\s+carcinoma|carcinome\s+ad[ée]nosquameux"),

        // Lung and neuroendocrine.
        new("non-small cell carcinoma", "carcinoma",
            @"non[-\s]{0,3}small(?:-\s*|\s+)cell\s+(?:lung\s+)?(?:carcinoma|cancer)|(?-i:NSCLC|CBNPC)|carcinome\s+(?:bronchique\s+|pulmonaire\s+)?non\s+à\s+petites\s+cellules"),
        new("small cell carcinoma", "neuroendocrine carcinoma",
            @"(?<!non[-\s]{0,3})small(?:-\s*|\s+)cell\s+(?:lung\s+)?(?:carcinoma|cancer)|(?-i:SCLC|CBPC)|carcinome\s+(?:bronchique\s+|pulmonaire\s+|neuroendocrine\s+)?à\s+petites\s+cellules"),
        new("oat cell carcinoma", "small cell carcinoma",
            @"oat(?:-\s*|\s+)cell\s+carcinoma|carcinome\s+(?:bronchique\s+|pulmonaire\s+)?à\s+cellules\s+d['’]\s?avoine"),
        new("large cell neuroendocrine carcinoma", "neuroendocrine carcinoma",
            @"large(?:-\s*|\s+)cell\s+neuroendocrine\s+carcinoma|carcinome\s+neuroendocrine\s+à\s+grandes\s+cellules"),
        new("large cell carcinoma", "non-small cell carcinoma", @"large(?:-\s*|\s+)cell\s+(?:undifferentiated\s+)?carcinoma|carcinome\s+à\s+grandes\s+cellules"),
        new("neuroendocrine carcinoma", "carcinoma", @"neuroendocrine\s+carcinoma|carcinome\s+neuroendocrine"),
        new("neuroendocrine tumor", null, @"(?:well(?:-\s*|\s+)differentiated\s+)?neuroendocrine\s+tumou?r|carcinoid(?:\s+tumou?r)?|tumeur\s+(?:neuroendocrine|carcino[ïi]de)"),
        new("bronchioloalveolar carcinoma", "adenocarcinoma",
            @"bronchiolo-?alveolar\s+(?:cell\s+)?carcinoma|(?-i:BAC)|carcinome\s+bronchiolo-?alv[ée]olaire"),

        // Glandular.
        new("acinar adenocarcinoma", "adenocarcinoma",
            @"acinar\s+(?:type\s+)?adenocarcinoma|adenocarcinoma,?\s+(?:of\s+)?(?:usual\s+)?acinar\s+type|ad[ée]nocarcinome\s+(?:de\s+type\s+)?acin(?:eux|aire)|adenocarcinoma\s*\(\s*acinar"),
        new("ductal adenocarcinoma", "adenocarcinoma",
            @"(?:(?:infiltrating|invasive)\s+)?(?:pancreatic\s+)?ductal\s+adenocarcinoma|adenocarcinoma,?\s+ductal\s+type|ad[ée]nocarcinome\s+canalaire|(?-i:PDAC)"),
        new("mucinous adenocarcinoma", "adenocarcinoma",
            @"mucinous\s+(?:cyst)?adenocarcinoma|(?:cyst)?adenocarcinoma,?\s+(?:with\s+)?mucinous\s+(?:type|features)|colloid\s+adenocarcinoma|ad[ée]nocarcinome\s+(?:mucineux|collo[ïi]de(?:\s+muqueux)?)"),
        new("signet ring cell carcinoma", "adenocarcinoma",
            @"signet(?:-\s*|\s+)ring(?:\s+cell)?\s+(?:adeno)?carcinoma|carcinome\s+à\s+cellules\s+en\s+bague\s+à\s+chaton"),
        new("acinar cell carcinoma", "carcinoma", @"acinar\s+cell\s+carcinoma|carcinome\s+à\s+cellules\s+acineuses"),

        // Central nervous system.
        new("glioblastoma", "astrocytoma", @"glioblastoma(?:\s+multiforme)?|(?-i:GBM)|glioblastome"),
        new("anaplastic astrocytoma", "astrocytoma", @"anaplastic\s+astrocytoma|astrocytome\s+anaplasique"),
        new("anaplastic oligodendroglioma", "oligodendroglioma", @"anaplastic\s+oligodendroglioma|oligodendrogliome\s+anaplasique"),
        new("oligoastrocytoma", "glioma", @"(?:anaplastic\s+)?oligo-?astrocytoma|oligo-?astrocytome(?:\s+anaplasique)?|mixed\s+glioma"),
        new("oligodendroglioma", "glioma", @"oligodendroglioma|oligodendrogliome"),
        new("astrocytoma", "glioma", @"(?:diffuse\s+|gemistocytic\s+|fibrillary\s+|pilocytic\s+)?astrocytoma|astrocytome"),
        new("glioma", null, @"glioma|gliome"),
        new("meningioma", null, @"meningioma|m[ée]ningiome"),

        // Other families.
        new("mesothelioma", null, @"(?:malignant\s+)?mesothelioma|m[ée]soth[ée]liome"),
        new("melanoma", null, @"(?:malignant\s+)?melanoma|m[ée]lanome"),
        new("basal cell carcinoma", "carcinoma", @"basal\s+cell\s+carcinoma|carcinome\s+basocellulaire|(?-i:BCC)"),
        new("papillary thyroid carcinoma", "papillary carcinoma",
            @"papil+i?ary\s+thyroid\s+carcinoma|papil+i?ary\s+carcinoma\s+of\s+(?:the\s+)?thyroid|carcinome\s+papillaire\s+(?:de\s+la\s+)?thyro[ïi]d\w*"),
        new("medullary thyroid carcinoma", "medullary carcinoma",
            @"medullary\s+thyroid\s+carcinoma|medullary\s+carcinoma\s+of\s+(?:the\s+)?thyroid|carcinome\s+m[ée]dullaire\s+(?:de\s+la\s+)?thyro[ïi]d\w*|(?-i:MTC|CMT)"),
        new("follicular carcinoma", "carcinoma",
            @"follicular\s+(?:thyroid\s+)?carcinoma|follicular\s+carcinoma\s+of\s+(?:the\s+)?thyroid|carcinome\s+(?:folliculaire|v[ée]siculaire)(?:\s+de\s+la\s+thyro[ïi]de)?"),
        new("oncocytic carcinoma", "follicular carcinoma",
            @"(?:oncocytic|oxyphilic|h[üu]rthle(?:\s+cell)?)\s+(?:cell\s+)?carcinoma|carcinome\s+(?:oncocytaire|oxyphile|à\s+cellules\s+(?:oncocytaires|de\s+h[üu]rthle))"),
        new("papillary carcinoma", "carcinoma", @"papil+i?ary\s+carcinoma|carcinome\s+papillaire"),
        new("diffuse large b-cell lymphoma", "lymphoma",
            @"diffuse\s+large\s+B(?:-\s*|\s+)cell\s+lymphoma|(?-i:DLBCL|LBDGC)|lymphome\s+(?:B\s+)?diffus\s+à\s+grandes\s+cellules(?:\s+B)?"),
        new("hodgkin lymphoma", "lymphoma", @"(?<!non[-\s])hodgkin(?:['’]s)?\s+(?:lymphoma|disease)|lymphome\s+de\s+hodgkin|maladie\s+de\s+hodgkin"),
        new("follicular lymphoma", "lymphoma", @"follicular\s+lymphoma|lymphome\s+folliculaire"),
        new("mantle cell lymphoma", "lymphoma", @"mantle(?:\s+cell)?\s+lymphoma|lymphome\s+(?:à\s+cellules\s+)?du\s+manteau"),
        new("burkitt lymphoma", "lymphoma", @"burkitt(?:['’]s)?\s+lymphoma|lymphome\s+de\s+burkitt"),
        new("multiple myeloma", null, @"(?:multiple\s+|plasma\s+cell\s+)myeloma|my[ée]lome(?:\s+multiple)?|maladie\s+de\s+kahler"),
        new("lymphoma", null, @"(?:malignant\s+)?lymphoma|lymphome"),
        new("gastrointestinal stromal tumor", null,
            @"gastrointestinal\s+stromal\s+tumou?r|(?-i:GIST)|tumeur\s+stromale\s+gastro-?intestinale"),
        new("leiomyosarcoma", "sarcoma", @"leiomyosarcoma|l[ée]iomyosarcome"),
        new("liposarcoma", "sarcoma", @"(?:dedifferentiated\s+|well(?:-\s*|\s+)differentiated\s+|myxoid\s+)?liposarcoma|liposarcome"),
        new("kaposi sarcoma", "sarcoma", @"kaposi(?:['’]s)?\s+sarcoma|sarcome\s+de\s+kaposi|maladie\s+de\s+kaposi"),
        new("angiosarcoma", "sarcoma", @"(?:h[ae]m)?angiosarcoma|(?:h[ée]m)?angiosarcome"),
        new("rhabdomyosarcoma", "sarcoma", @"(?:embryonal\s+|alveolar\s+)?rhabdomyosarcoma|rhabdomyosarcome(?:\s+(?:embryonnaire|alv[ée]olaire))?"),
        new("synovial sarcoma", "sarcoma", @"synovial\s+sarcoma|synovialosarcome|sarcome\s+synovial"),
        new("osteosarcoma", "sarcoma", @"osteosarcoma|osteogenic\s+sarcoma|ost[ée]osarcome"),
        new("chondrosarcoma", "sarcoma", @"chondrosarcoma|chondrosarcome"),
        new("ewing sarcoma", "sarcoma", @"ewing(?:['’]s)?\s+sarcoma|sarcome\s+d['’]\s?ewing"),
        new("clear cell sarcoma", "sarcoma", @"clear(?:-\s*|\s+)cell\s+sarcoma|sarcome\s+à\s+cellules\s+claires"),
        new("dermatofibrosarcoma", "sarcoma", @"dermatofibrosarcoma(?:\s+protuberans)?|dermatofibrosarcome(?:\s+de\s+darier-?ferrand)?"),
        new("fibrosarcoma", "sarcoma", @"fibrosarcoma|fibrosarcome"),
        new("undifferentiated pleomorphic sarcoma", "sarcoma",
            @"undifferentiated\s+pleomorphic\s+sarcoma|malignant\s+fibrous\s+histiocytoma|sarcome\s+pl[ée]omorphe\s+indiff[ée]renci[ée]|histiocytofibrome\s+malin"),
        new("sarcoma", null, @"sarcoma|sarcome"),
        new("seminoma", null, @"seminoma|s[ée]minome"),

        // Generic families last, so that any specific form wins the match.
        new("adenocarcinoma", "carcinoma", @"ad[ée]nocarcinom[ae]", OtherParent: "non-small cell carcinoma"),
        new("carcinoma", null, @"carcinoma|carcinome"),
    ]);
}
