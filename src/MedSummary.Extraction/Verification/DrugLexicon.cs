using System.Text.RegularExpressions;
using MedSummary.Core.Contract;
using MedSummary.Core.Provenance;
using MedSummary.Extraction.Grounding.Text;

namespace MedSummary.Extraction.Verification;

/// <summary>The treatment family a drug or regimen belongs to.</summary>
public enum DrugClass
{
    Chemotherapy,
    HormoneTherapy,
    TargetedTherapy,
    Immunotherapy,

    /// <summary>Supportive care (growth factors, bone agents): named so that sentences cannot invent them either.</summary>
    Supportive,
}

/// <summary>One drug or regimen named in a text: where, as written, and its canonical (English, lower-case) name.</summary>
public sealed record DrugMention(TextSpan Span, string Text, string Canonical, DrugClass Class);

/// <summary>
/// French and English names of common oncology drugs and regimens, with brand names, mapped to one canonical name
/// ("carboplatine", "Carboplatin" and "CARBOPLATINE" are all "carboplatin"; "Herceptin" is "trastuzumab";
/// "FEC100" names the regimen "fec"). Used to check that a sentence names no drug its sources do not, and to tell
/// chemotherapy from hormone, targeted or immune therapy in a timeline.
/// </summary>
/// <remarks>
/// Matching is accent- and case-insensitive on whole words (a number may follow: "FEC100", "FOLFOX4"). Short regimen
/// acronyms that are also common abbreviations ("EC", "AC", "TC", "CMF", "TCH") match only in upper case. A longer
/// name wins over a shorter one inside it ("trastuzumab emtansine" is T-DM1, not trastuzumab).
/// </remarks>
public static class DrugLexicon
{
    private sealed record Entry(string Canonical, DrugClass Class, string[] Names, string[] UpperCaseOnly);

    private static readonly Entry[] Entries =
    [
        // Regimens.
        new("fec", DrugClass.Chemotherapy, [], ["FEC"]),
        new("ec", DrugClass.Chemotherapy, [], ["EC"]),
        new("ac", DrugClass.Chemotherapy, [], ["AC"]),
        new("tc", DrugClass.Chemotherapy, [], ["TC"]),
        new("cmf", DrugClass.Chemotherapy, [], ["CMF"]),
        new("tch", DrugClass.Chemotherapy, [], ["TCH", "TCHP"]),
        new("folfox", DrugClass.Chemotherapy, ["folfox", "mfolfox", "mfolfox6"], []),
        new("folfiri", DrugClass.Chemotherapy, ["folfiri"], []),
        new("folfirinox", DrugClass.Chemotherapy, ["folfirinox", "folfoxiri"], []),
        new("capox", DrugClass.Chemotherapy, ["capox", "xelox"], []),
        new("lv5fu2", DrugClass.Chemotherapy, ["lv5fu2"], []),

        // Cytotoxics.
        new("doxorubicin", DrugClass.Chemotherapy, ["doxorubicin", "doxorubicine", "adriamycin", "adriamycine", "adriblastine"], []),
        new("epirubicin", DrugClass.Chemotherapy, ["epirubicin", "epirubicine", "farmorubicine"], []),
        new("cyclophosphamide", DrugClass.Chemotherapy, ["cyclophosphamide", "endoxan"], []),
        new("fluorouracil", DrugClass.Chemotherapy, ["fluorouracil", "fluorouracile", "5-fluorouracil", "5-fluorouracile", "5-fu", "5fu", "5 fu"], []),
        new("capecitabine", DrugClass.Chemotherapy, ["capecitabine", "xeloda"], []),
        new("docetaxel", DrugClass.Chemotherapy, ["docetaxel", "taxotere"], []),
        new("paclitaxel", DrugClass.Chemotherapy, ["paclitaxel", "taxol"], []),
        new("nab-paclitaxel", DrugClass.Chemotherapy, ["nab-paclitaxel", "nab paclitaxel", "abraxane"], []),
        new("carboplatin", DrugClass.Chemotherapy, ["carboplatin", "carboplatine", "paraplatin"], []),
        new("cisplatin", DrugClass.Chemotherapy, ["cisplatin", "cisplatine"], []),
        new("oxaliplatin", DrugClass.Chemotherapy, ["oxaliplatin", "oxaliplatine", "eloxatine"], []),
        new("irinotecan", DrugClass.Chemotherapy, ["irinotecan", "campto"], []),
        new("gemcitabine", DrugClass.Chemotherapy, ["gemcitabine", "gemzar"], []),
        new("pemetrexed", DrugClass.Chemotherapy, ["pemetrexed", "alimta"], []),
        new("vinorelbine", DrugClass.Chemotherapy, ["vinorelbine", "navelbine"], []),
        new("etoposide", DrugClass.Chemotherapy, ["etoposide", "vp16", "vp-16"], []),
        new("eribulin", DrugClass.Chemotherapy, ["eribulin", "eribuline", "halaven"], []),
        new("temozolomide", DrugClass.Chemotherapy, ["temozolomide", "temodal"], []),
        new("trifluridine-tipiracil", DrugClass.Chemotherapy, ["trifluridine-tipiracil", "trifluridine/tipiracil", "lonsurf"], []),
        new("leucovorin", DrugClass.Chemotherapy, ["leucovorin", "leucovorine", "folinic acid", "acide folinique", "levoleucovorin"], []),
        new("cabazitaxel", DrugClass.Chemotherapy, ["cabazitaxel", "jevtana"], []),

        // Hormone therapy.
        new("tamoxifen", DrugClass.HormoneTherapy, ["tamoxifen", "tamoxifene", "nolvadex"], []),
        new("letrozole", DrugClass.HormoneTherapy, ["letrozole", "femara"], []),
        new("anastrozole", DrugClass.HormoneTherapy, ["anastrozole", "arimidex"], []),
        new("exemestane", DrugClass.HormoneTherapy, ["exemestane", "aromasine", "aromasin"], []),
        new("fulvestrant", DrugClass.HormoneTherapy, ["fulvestrant", "faslodex"], []),
        new("goserelin", DrugClass.HormoneTherapy, ["goserelin", "goseréline", "zoladex"], []),
        new("leuprorelin", DrugClass.HormoneTherapy, ["leuprorelin", "leuproreline", "leuprolide", "eligard", "enantone", "lupron"], []),
        new("triptorelin", DrugClass.HormoneTherapy, ["triptorelin", "triptoreline", "decapeptyl"], []),
        new("degarelix", DrugClass.HormoneTherapy, ["degarelix", "firmagon"], []),
        new("abiraterone", DrugClass.HormoneTherapy, ["abiraterone", "zytiga"], []),
        new("enzalutamide", DrugClass.HormoneTherapy, ["enzalutamide", "xtandi"], []),
        new("apalutamide", DrugClass.HormoneTherapy, ["apalutamide", "erleada"], []),
        new("darolutamide", DrugClass.HormoneTherapy, ["darolutamide", "nubeqa"], []),
        new("bicalutamide", DrugClass.HormoneTherapy, ["bicalutamide", "casodex"], []),
        new("lhrh agonist", DrugClass.HormoneTherapy, ["agoniste de la lh-rh", "agoniste de la lhrh", "analogue de la lh-rh", "analogue de la lhrh", "lh-rh agonist", "lhrh agonist"], []),

        // Targeted therapy.
        new("trastuzumab", DrugClass.TargetedTherapy, ["trastuzumab", "herceptin"], []),
        new("pertuzumab", DrugClass.TargetedTherapy, ["pertuzumab", "perjeta"], []),
        new("t-dm1", DrugClass.TargetedTherapy, ["t-dm1", "tdm1", "t dm1", "trastuzumab emtansine", "trastuzumab-emtansine", "kadcyla"], []),
        new("t-dxd", DrugClass.TargetedTherapy, ["t-dxd", "trastuzumab deruxtecan", "trastuzumab-deruxtecan", "enhertu"], []),
        new("lapatinib", DrugClass.TargetedTherapy, ["lapatinib", "tyverb"], []),
        new("tucatinib", DrugClass.TargetedTherapy, ["tucatinib", "tukysa"], []),
        new("neratinib", DrugClass.TargetedTherapy, ["neratinib", "nerlynx"], []),
        new("alpelisib", DrugClass.TargetedTherapy, ["alpelisib", "piqray"], []),
        new("niraparib", DrugClass.TargetedTherapy, ["niraparib", "zejula"], []),
        new("sunitinib", DrugClass.TargetedTherapy, ["sunitinib", "sutent"], []),
        new("pazopanib", DrugClass.TargetedTherapy, ["pazopanib", "votrient"], []),
        new("cabozantinib", DrugClass.TargetedTherapy, ["cabozantinib", "cabometyx"], []),
        new("lenvatinib", DrugClass.TargetedTherapy, ["lenvatinib", "lenvima"], []),
        new("sorafenib", DrugClass.TargetedTherapy, ["sorafenib", "nexavar"], []),
        new("osimertinib", DrugClass.TargetedTherapy, ["osimertinib", "tagrisso"], []),
        new("gefitinib", DrugClass.TargetedTherapy, ["gefitinib", "iressa"], []),
        new("erlotinib", DrugClass.TargetedTherapy, ["erlotinib", "tarceva"], []),
        new("afatinib", DrugClass.TargetedTherapy, ["afatinib", "giotrif"], []),
        new("alectinib", DrugClass.TargetedTherapy, ["alectinib", "alecensa"], []),
        new("lorlatinib", DrugClass.TargetedTherapy, ["lorlatinib", "lorviqua"], []),
        new("crizotinib", DrugClass.TargetedTherapy, ["crizotinib", "xalkori"], []),
        new("brigatinib", DrugClass.TargetedTherapy, ["brigatinib", "alunbrig"], []),
        new("bevacizumab", DrugClass.TargetedTherapy, ["bevacizumab", "avastin"], []),
        new("cetuximab", DrugClass.TargetedTherapy, ["cetuximab", "erbitux"], []),
        new("panitumumab", DrugClass.TargetedTherapy, ["panitumumab", "vectibix"], []),
        new("palbociclib", DrugClass.TargetedTherapy, ["palbociclib", "ibrance"], []),
        new("ribociclib", DrugClass.TargetedTherapy, ["ribociclib", "kisqali"], []),
        new("abemaciclib", DrugClass.TargetedTherapy, ["abemaciclib", "verzenios"], []),
        new("olaparib", DrugClass.TargetedTherapy, ["olaparib", "lynparza"], []),
        new("everolimus", DrugClass.TargetedTherapy, ["everolimus", "afinitor"], []),
        new("regorafenib", DrugClass.TargetedTherapy, ["regorafenib", "stivarga"], []),
        new("dabrafenib", DrugClass.TargetedTherapy, ["dabrafenib", "tafinlar"], []),
        new("trametinib", DrugClass.TargetedTherapy, ["trametinib", "mekinist"], []),
        new("encorafenib", DrugClass.TargetedTherapy, ["encorafenib", "braftovi"], []),
        new("sotorasib", DrugClass.TargetedTherapy, ["sotorasib", "lumykras"], []),
        new("aflibercept", DrugClass.TargetedTherapy, ["aflibercept", "zaltrap"], []),

        // Immunotherapy.
        new("pembrolizumab", DrugClass.Immunotherapy, ["pembrolizumab", "keytruda"], []),
        new("nivolumab", DrugClass.Immunotherapy, ["nivolumab", "opdivo"], []),
        new("atezolizumab", DrugClass.Immunotherapy, ["atezolizumab", "tecentriq"], []),
        new("durvalumab", DrugClass.Immunotherapy, ["durvalumab", "imfinzi"], []),
        new("ipilimumab", DrugClass.Immunotherapy, ["ipilimumab", "yervoy"], []),
        new("cemiplimab", DrugClass.Immunotherapy, ["cemiplimab", "libtayo"], []),
        new("avelumab", DrugClass.Immunotherapy, ["avelumab", "bavencio"], []),
        new("dostarlimab", DrugClass.Immunotherapy, ["dostarlimab", "jemperli"], []),

        // Supportive care.
        new("g-csf", DrugClass.Supportive, ["g-csf", "filgrastim", "pegfilgrastim", "lenograstim", "neulasta", "granocyte"], []),
        new("denosumab", DrugClass.Supportive, ["denosumab", "xgeva", "prolia"], []),
        new("zoledronic acid", DrugClass.Supportive, ["zoledronic acid", "acide zoledronique", "zometa"], []),
    ];

    private static readonly Dictionary<string, Entry> ByName = BuildNames(fold: true);
    private static readonly Dictionary<string, Entry> ByUpper = BuildNames(fold: false);
    private static readonly Dictionary<string, Entry> ByCanonical = Entries.ToDictionary(e => e.Canonical, StringComparer.Ordinal);
    private static readonly Regex FoldedNames = Alternation(ByName.Keys);
    private static readonly Regex UpperNames = Alternation(ByUpper.Keys);

    /// <summary>Every canonical name the lexicon knows.</summary>
    public static IReadOnlyCollection<string> Canonicals => ByCanonical.Keys;

    /// <summary>Every drug or regimen named in <paramref name="text"/>, in text order, none overlapping.</summary>
    public static IReadOnlyList<DrugMention> FindAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<DrugMention>();
        var folded = TextFolding.FoldSameLength(text);
        foreach (Match m in FoldedNames.Matches(folded))
        {
            var entry = ByName[m.Value];
            found.Add(new DrugMention(new TextSpan(m.Index, m.Index + m.Length), text.Substring(m.Index, m.Length), entry.Canonical, entry.Class));
        }

        foreach (Match m in UpperNames.Matches(text))
        {
            var span = new TextSpan(m.Index, m.Index + m.Length);
            if (found.Any(f => f.Span.Overlaps(span)))
            {
                continue;
            }

            var entry = ByUpper[m.Value];
            found.Add(new DrugMention(span, m.Value, entry.Canonical, entry.Class));
        }

        found.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return found;
    }

    /// <summary>
    /// The treatment kinds (<see cref="TimelineKinds"/> words: "chemotherapy", "hormone_therapy", "targeted_therapy",
    /// "immunotherapy") of the agents named in <paramref name="text"/>; supportive care has no kind.
    /// </summary>
    public static IReadOnlySet<string> KindsIn(string text) =>
        FindAll(text).Select(d => KindOf(d.Class)).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>The <see cref="TimelineKinds"/> word of a class, or null for supportive care.</summary>
    public static string? KindOf(DrugClass drugClass) => drugClass switch
    {
        DrugClass.Chemotherapy => TimelineKinds.Chemotherapy,
        DrugClass.HormoneTherapy => TimelineKinds.HormoneTherapy,
        DrugClass.TargetedTherapy => TimelineKinds.TargetedTherapy,
        DrugClass.Immunotherapy => TimelineKinds.Immunotherapy,
        _ => null,
    };

    /// <summary>The class of a canonical name, or null when the lexicon does not know it.</summary>
    public static DrugClass? ClassOf(string canonical) =>
        ByCanonical.TryGetValue(canonical, out var e) ? e.Class : null;

    private static Dictionary<string, Entry> BuildNames(bool fold)
    {
        var map = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var entry in Entries)
        {
            foreach (var name in fold ? entry.Names : entry.UpperCaseOnly)
            {
                map.TryAdd(fold ? TextFolding.FoldSameLength(name) : name, entry);
            }
        }

        return map;
    }

    private static Regex Alternation(IEnumerable<string> names)
    {
        var alternatives = string.Join('|', names.OrderByDescending(n => n.Length).ThenBy(n => n, StringComparer.Ordinal).Select(Regex.Escape));
        return new Regex(@"(?<![\p{L}\d])(?:" + alternatives + @")(?![\p{L}])", RegexOptions.CultureInvariant);
    }
}
