using MedSummary.Extraction.Rules;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Rules;

public sealed class MarginExtractorTests
{
    private readonly MarginExtractor _extractor = new();

    public static TheoryData<string, string, string> Status => new()
    {
        { "R0 resection.", "en", "R0" },
        { "Résection R1 (berge profonde).", "fr", "R1" },
        { "Residual tumour: R2.", "en", "R2" },
        { "Exérèse R0.", "fr", "R0" },
        { "Margins free.", "en", "R0" },
        { "Margins clear; closest margin 6 mm (inferior).", "en", "R0" },
        { "All margins are negative for carcinoma.", "en", "R0" },
        { "Surgical margins: uninvolved.", "en", "R0" },
        { "Clear margins.", "en", "R0" },
        { "Negative margins, widest clearance at the deep margin.", "en", "R0" },
        { "Berges saines.", "fr", "R0" },
        { "Berges d'exérèse saines ; marge minimale 6 mm.", "fr", "R0" },
        { "Limites d'exérèse in sano.", "fr", "R0" },
        { "Exérèse complète in sano.", "fr", "R0" },
        { "Limites de résection non atteintes.", "fr", "R0" },
        { "Margins not involved.", "en", "R0" },
        { "Les berges sont libres.", "fr", "R0" },
        { "Margin involved by invasive carcinoma.", "en", "R1" },
        { "Positive margin at the anterior surface.", "en", "R1" },
        { "Tumour at the inked deep margin.", "en", "R1" },
        { "Carcinoma extends to the posterior margin.", "en", "R1" },
        { "Berge profonde atteinte.", "fr", "R1" },
        { "Berges envahies.", "fr", "R1" },
        { "Atteinte de la berge latérale.", "fr", "R1" },
        { "Tumeur au contact de la berge postérieure.", "fr", "R1" },
        { "Exérèse non in sano.", "fr", "R1" },
        { "No tumour at the margins.", "en", "R0" },
        { "Pas d'atteinte des berges.", "fr", "R0" },
        { "Margins: [x] uninvolved [ ] involved", "en", "R0" },
        // French margins named with several adjectives.
        { "Limites de résection proximale, distale et radiaire saines.", "fr", "R0" },
        { "Recoupes urétérales et urétrale indemnes.", "fr", "R0" },
        { "Recoupes bronchique et vasculaires saines (R0).", "fr", "R0" },
        { "Berges latérales et profonde atteintes par le carcinome.", "fr", "R1" },
        { "Marges circonférentielle et distale libres.", "fr", "R0" },
        { "Limites chirurgicales vaginale et paramétriales saines.", "fr", "R0" },
    };

    public static TheoryData<string, string> NoStatus => new()
    {
        { "Margins: involved / uninvolved", "en" },
        { "Berges : saines / atteintes", "fr" },
        { "R0 / R1 / R2", "en" },
        { "Classification R : R0, R1 ou R2", "fr" },
        { "If the margin is involved, re-excision is advised.", "en" },
        { "Margins: to follow in the addendum.", "en" },
        { "Her sister's margins were involved.", "en" },
        { "L1 vertebral lesion; R1 segment of the liver.", "en" },
        { "Margins: [ ] involved [ ] uninvolved", "en" },
        { "Skin edges approximated with sutures.", "en" },
        // A circumferential margin predicted by imaging is no resection margin.
        { "Tumeur du moyen rectum classée cT3 cN1 en IRM, marge circonférentielle saine.", "fr" },
        { "On MRI the tumour is staged T3b N0, circumferential margin clear.", "en" },
        { "Au scanner, marges de la lésion libres de tout contact vasculaire.", "fr" },
        // The anal margin is a landmark.
        { "Tumeur située à 6 cm de la marge anale, marge anale saine.", "fr" },
    };

    public static TheoryData<string, string, string> Distances => new()
    {
        { "Closest margin 6 mm (inferior).", "en", "6" },
        { "Nearest margin: 2 mm (deep).", "en", "2" },
        { "The closest margin is the deep margin at 3 mm.", "en", "3" },
        { "Distance to the closest margin: 4 mm.", "en", "4" },
        { "Tumour 5 mm from the nearest margin.", "en", "5" },
        { "Clear of the deep margin by 1.5 mm.", "en", "1.5" },
        { "Margin clearance 1.2 cm.", "en", "12" },
        { "Marge minimale 6 mm (berge inférieure).", "fr", "6" },
        { "Marge la plus proche : 3 mm.", "fr", "3" },
        { "Berge la plus proche à 2 mm.", "fr", "2" },
        { "Tumeur située à 3 mm de la berge la plus proche.", "fr", "3" },
        { "Distance minimale à la berge : 0,5 mm.", "fr", "0.5" },
        { "Marge de sécurité de 8 mm.", "fr", "8" },
        { "Closest margin less than 1 mm.", "en", "<1" },
        { "Tumour 5 mm from the deep margin and 9 mm from the lateral margin.", "en", "5" },
        { "Lung lobe containing a 22 mm tumour, 31 mm from the bronchial margin.", "en", "31" },
        { "Tumeur de 18 mm, à 1,5 cm de la recoupe bronchique.", "fr", "15" },
    };

    public static TheoryData<string, string> NoDistance => new()
    {
        { "Specimen of 68 x 50 x 30 mm.", "en" },
        { "Invasive carcinoma measuring 7 mm, clear of the margins.", "en" },
        { "If the closest margin is under 2 mm, re-excision is discussed.", "en" },
        { "Margins: ___ mm", "en" },
        // Distances to the anal verge place a rectal tumour; they are no margin.
        { "Tumeur du bas rectum à 4 cm de la marge anale.", "fr" },
        { "Lower edge of the tumour 7 cm from the anal verge.", "en" },
        { "Tumour 5 cm above the anal margin.", "en" },
        { "Pôle inférieur situé à 3 cm des marges anales.", "fr" },
    };

    [Theory]
    [MemberData(nameof(Status))]
    public void Reads_the_margin_status(string text, string language, string normalized)
    {
        var (document, findings) = FindingAssert.Run(_extractor, text, language);
        var status = findings.Where(f => f.FieldKey == ExtensionFields.Margins).ToList();
        status.Select(f => f.Normalized).Distinct().ShouldBe([normalized], $"in \"{text}\"");
        status.ShouldAllBe(f => document.Slice(f.Span).Contains(f.Value));
    }

    [Theory]
    [MemberData(nameof(NoStatus))]
    public void Reads_no_status_from_choices_conditions_relatives_or_other_codes(string text, string language) =>
        FindingAssert.FindsNothing(_extractor, text, language, ExtensionFields.Margins);

    [Theory]
    [MemberData(nameof(Distances))]
    public void Reads_the_closest_distance_in_millimetres(string text, string language, string normalized)
    {
        var (document, findings) = FindingAssert.Run(_extractor, text, language);
        var distance = findings.Where(f => f.FieldKey == ExtensionFields.MarginDistance).ToList();
        distance.Select(f => f.Normalized).Distinct().ShouldBe([normalized], $"in \"{text}\"");
        distance.ShouldAllBe(f => document.Slice(f.Span).Contains(f.Value));
    }

    [Theory]
    [MemberData(nameof(NoDistance))]
    public void Reads_no_distance_from_sizes_or_conditions(string text, string language) =>
        FindingAssert.FindsNothing(_extractor, text, language, ExtensionFields.MarginDistance);
}
