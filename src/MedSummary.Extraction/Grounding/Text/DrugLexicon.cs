namespace MedSummary.Extraction.Grounding.Text;

/// <summary>
/// Anticancer agents and regimens as documents write them (French and English spellings, folded), with the kind of
/// treatment each belongs to. Used to tell a treatment's kind from its agent and to find drug names in summary
/// sentences that must also be in their cited passages.
/// </summary>
public static class DrugLexicon
{
    private static readonly (string Kind, string[] Names)[] Entries =
    [
        ("chemotherapy", [
            "fec", "fec100", "fec 100", "docetaxel", "paclitaxel", "nab paclitaxel", "taxol", "taxotere", "carboplatine", "carboplatin",
            "cisplatine", "cisplatin", "oxaliplatine", "oxaliplatin", "vinorelbine", "navelbine", "gemcitabine", "pemetrexed", "etoposide",
            "irinotecan", "fluorouracile", "fluorouracil", "5 fu", "capecitabine", "xeloda", "folfox", "folfiri", "folfirinox", "capox", "xelox",
            "doxorubicine", "doxorubicin", "adriamycine", "epirubicine", "epirubicin", "cyclophosphamide", "methotrexate", "eribuline", "eribulin",
            "temozolomide", "cabazitaxel", "lv5fu2", "leucovorine", "leucovorin", "acide folinique"]),
        ("targeted_therapy", [
            "trastuzumab", "herceptin", "pertuzumab", "trastuzumab emtansine", "t dm1", "trastuzumab deruxtecan", "bevacizumab", "avastin",
            "cetuximab", "erbitux", "panitumumab", "osimertinib", "gefitinib", "erlotinib", "afatinib", "alectinib", "crizotinib", "brigatinib",
            "lorlatinib", "dabrafenib", "trametinib", "encorafenib", "palbociclib", "ribociclib", "abemaciclib", "olaparib", "niraparib",
            "alpelisib", "everolimus", "aflibercept", "regorafenib", "sotorasib", "lapatinib", "tucatinib", "neratinib", "sunitinib", "pazopanib",
            "cabozantinib", "lenvatinib", "sorafenib"]),
        ("immunotherapy", [
            "pembrolizumab", "keytruda", "nivolumab", "atezolizumab", "durvalumab", "ipilimumab", "cemiplimab", "avelumab", "dostarlimab"]),
        ("hormone_therapy", [
            "tamoxifene", "tamoxifen", "letrozole", "anastrozole", "exemestane", "fulvestrant", "goserelin", "gosereline", "leuprorelin",
            "leuproreline", "triptoreline", "triptorelin", "degarelix", "bicalutamide", "enzalutamide", "apalutamide", "darolutamide",
            "abiraterone", "agoniste de la lh rh", "lh rh agonist", "analogue de la lh rh"]),
    ];

    private static readonly Dictionary<string, string> KindByName = Entries
        .SelectMany(e => e.Names.Select(n => (Name: TextFolding.FoldWords(n), e.Kind)))
        .GroupBy(x => x.Name, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First().Kind, StringComparer.Ordinal);

    /// <summary>Every folded name.</summary>
    public static IReadOnlyCollection<string> Names => KindByName.Keys;

    /// <summary>The kinds of the agents written in <paramref name="text"/> (whole words, any spelling).</summary>
    public static IReadOnlySet<string> KindsIn(string text) =>
        Find(text).Select(n => KindByName[n]).ToHashSet(StringComparer.Ordinal);

    /// <summary>The folded names of the agents written in <paramref name="text"/> (long names first; no overlaps).</summary>
    public static IReadOnlyList<string> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = " " + TextFolding.FoldWords(text) + " ";
        var taken = new bool[folded.Length];
        var found = new List<string>();
        foreach (var name in KindByName.Keys.OrderByDescending(n => n.Length))
        {
            for (var at = folded.IndexOf(" " + name + " ", StringComparison.Ordinal); at >= 0;
                 at = folded.IndexOf(" " + name + " ", at + 1, StringComparison.Ordinal))
            {
                if (taken.AsSpan(at + 1, name.Length).Contains(true))
                {
                    continue;
                }

                taken.AsSpan(at + 1, name.Length).Fill(true);
                if (!found.Contains(name))
                {
                    found.Add(name);
                }
            }
        }

        return found;
    }
}
