using MedSummary.Core.Contract;
using MedSummary.Extraction.Rules;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class PrimarySiteExtractorTests
{
    private const string Key = ContractFields.PrimarySite;
    private readonly PrimarySiteExtractor _extractor = new();

    public static TheoryData<string, string, string, string> Stated => new()
    {
        { "Carcinome du sein gauche.", "fr", "sein", "breast" },
        { "Adenocarcinoma of the right upper lobe of the lung.", "en", "right upper lobe of the lung", "lung" },
        { "Prostate, radical prostatectomy:\nadenocarcinoma, Gleason 3+4=7.", "en", "Prostate", "prostate" },
        { "Breast cancer diagnosed in 2020.", "en", "Breast", "breast" },
        { "Lung adenocarcinoma, EGFR mutated.", "en", "Lung", "lung" },
        { "Prostatic adenocarcinoma.", "en", "Prostatic", "prostate" },
        { "Adénocarcinome prostatique.", "fr", "prostatique", "prostate" },
        { "Carcinome canalaire infiltrant du sein droit.", "fr", "sein", "breast" },
        { "Adénocarcinome du côlon sigmoïde.", "fr", "côlon", "colon" },
        { "Rectal adenocarcinoma after chemoradiation.", "en", "Rectal", "rectum" },
        { "Primary site: colon", "en", "colon", "colon" },
        { "Tumor site: Sigmoid colon", "en", "Sigmoid colon", "colon" },
        { "Localisation tumorale : sein gauche", "fr", "sein", "breast" },
        { "Hepatocellular carcinoma, 4 cm.", "en", "Hepatocellular carcinoma", "liver" },
        { "Clear cell renal cell carcinoma.", "en", "renal", "kidney" },
        { "Glioblastoma, IDH-wildtype.", "en", "Glioblastoma", "brain" },
        { "Cholangiocarcinoma, intrahepatic.", "en", "Cholangiocarcinoma", "bile duct" },
        { "Urothelial carcinoma of the bladder.", "en", "bladder", "bladder" },
        { "Carcinome urothélial de la vessie.", "fr", "vessie", "bladder" },
        { "Serous carcinoma of the ovary.", "en", "ovary", "ovary" },
        { "Cancer de l'ovaire.", "fr", "ovaire", "ovary" },
        { "Endometrial carcinoma, endometrioid type.", "en", "Endometrial", "endometrium" },
        { "Carcinome épidermoïde du col utérin.", "fr", "col utérin", "cervix" },
        { "Squamous cell carcinoma of the cervix.", "en", "cervix", "cervix" },
        { "Pancreatic ductal adenocarcinoma.", "en", "Pancreatic", "pancreas" },
        { "Adénocarcinome du pancréas.", "fr", "pancréas", "pancreas" },
        { "Gastric adenocarcinoma, intestinal type.", "en", "Gastric", "stomach" },
        { "Adénocarcinome de l'estomac.", "fr", "estomac", "stomach" },
        { "Squamous cell carcinoma of the esophagus.", "en", "esophagus", "esophagus" },
        { "Oropharyngeal squamous cell carcinoma, p16 positive.", "en", "Oropharyngeal", "oropharynx" },
        { "Squamous cell carcinoma of the left lateral tongue.", "en", "tongue", "tongue" },
        { "Laryngeal carcinoma.", "en", "Laryngeal", "larynx" },
        { "Kidney, left, radical nephrectomy:\nrenal cell carcinoma.", "en", "Kidney", "kidney" },
        { "Radical prostatectomy:\nacinar adenocarcinoma.", "en", "prostatectomy", "prostate" },
        { "Left lung mass.", "en", "lung", "lung" },
        { "Metastatic adenocarcinoma of colonic origin.", "en", "colonic", "colon" },
        { "Liver metastasis of colorectal adenocarcinoma.", "en", "colorectal", "colorectum" },
        { "Carcinome mammaire infiltrant.", "fr", "mammaire", "breast" },
        { "Cancer bronchique non à petites cellules.", "fr", "bronchique", "lung" },
        { "Thyroid papillary carcinoma.", "en", "Thyroid", "thyroid" },
        { "Cutaneous melanoma, Breslow 1.2 mm.", "en", "Cutaneous", "skin" },
        { "Tumeur de la vessie.", "fr", "vessie", "bladder" },
        { "Carcinoma arising in the left breast.", "en", "breast", "breast" },
        { "Métastase hépatique d'un adénocarcinome d'origine colique.", "fr", "colique", "colon" },
        { "Ovarian high-grade serous carcinoma.", "en", "Ovarian", "ovary" },
        { "Colon, sigmoid, resection:\nadenocarcinoma, moderately differentiated.", "en", "Colon", "colon" },
        { "Brain, left frontal lobe, resection:\nglioblastoma.", "en", "Brain", "brain" },
        { "Renal cell carcinoma, chromophobe type.", "en", "Renal", "kidney" },
        { "Cancer du rectum.", "fr", "rectum", "rectum" },
        { "Adenocarcinoma of the rectosigmoid junction.", "en", "rectosigmoid junction", "rectosigmoid junction" },
        // A quoted specimen label, or an organ followed by its biopsy without a comma, heading a malignant diagnosis.
        { "B. \"LEFT OVARY AND TUBE\" (SALPINGO-OOPHORECTOMY):\nTYPE: SEROUS CARCINOMA, HIGH GRADE.", "en", "OVARY", "ovary" },
        { "Specimen labeled \"right ovary\": papillary serous adenocarcinoma, 8 cm.", "en", "ovary", "ovary" },
        { "A. \"Right breast\" - invasive ductal carcinoma, grade 2.", "en", "breast", "breast" },
        { "C. Right ovary biopsy: invasive serous carcinoma, grade 3.", "en", "ovary", "ovary" },
        { "2. Left lung biopsy - adenocarcinoma, acinar predominant.", "en", "lung", "lung" },
        { "A. « Ovaire droit » : carcinome séreux de haut grade.", "fr", "Ovaire", "ovary" },
        { "Prélèvement intitulé « sein gauche » : carcinome canalaire infiltrant.", "fr", "sein", "breast" },
        { "2. Poumon gauche biopsie : adénocarcinome lépidique.", "fr", "Poumon", "lung" },
    };

    public static TheoryData<string, string> NotStated => new()
    {
        { "Mother had breast cancer.", "en" },
        { "Antécédent de cancer du sein en 2010.", "fr" },
        { "No evidence of malignancy in the lung.", "en" },
        { "Carcinoma invading the urinary bladder wall.", "en" },
        { "Adenocarcinoma metastatic to the liver.", "en" },
        { "Lymph nodes: metastatic carcinoma (2/12).", "en" },
        { "Suspicion de cancer du pancréas.", "fr" },
        { "Rule out lung cancer.", "en" },
        { "Breast: benign fibroadenoma.", "en" },
        { "Margins of the colon resection free of carcinoma.", "en" },
        { "Carcinome infiltrant la graisse péri-rénale.", "fr" },
        { "Métastases hépatiques d'un cancer.", "fr" },
        { "Family history:\nsister with ovarian cancer.", "en" },
        { "Possible lung primary.", "en" },
        { "Pleural effusion, negative for malignant cells.", "en" },
        { "Tumor deposits in pericolorectal soft tissue.", "en" },
        { "Cancers of the breast, ovary and colon are discussed in the guideline.", "en" },
        { "Differential diagnosis includes renal cell carcinoma.", "en" },
        { "History of prostate cancer treated with radiotherapy.", "en" },
        { "Tumour markers: CEA 5 ng/mL.", "en" },
        { "A. \"RIGHT OVARY\": benign serous cystadenoma.", "en" },
        { "B. \"Left breast\" (lumpectomy): no residual carcinoma.", "en" },
        { "C. Right ovary biopsy: no evidence of malignancy.", "en" },
        { "A. « Ovaire gauche » : kyste folliculaire bénin.", "fr" },
        { "Poumon droit biopsie : absence de cellule tumorale.", "fr" },
        { "Specimen labeled \"left ovary\": cystic follicle, no atypia.", "en" },
        // Only the whole quoted label heads the diagnosis, not the first of two organs joined in it.
        { "Final diagnosis: \"VAGINAL-CERVICAL BIOPSY\", biopsy: squamous cell carcinoma.", "en" },
    };

    [Theory]
    [MemberData(nameof(Stated))]
    public void Reads_the_primary_site(string text, string language, string value, string normalized) =>
        FindingAssert.Finds(_extractor, text, language, Key, value, normalized);

    [Theory]
    [MemberData(nameof(NotStated))]
    public void Reads_no_site_from_relatives_history_spread_or_denial(string text, string language) =>
        FindingAssert.FindsNothing(_extractor, text, language, Key);
}
