namespace MedSummary.Retrieval.Text;

/// <summary>
/// What a clinical word means, where spelling alone misleads. Three families, each applied inside
/// <see cref="LexicalText"/> so that the index, the query and the hashed embedder agree:
/// <list type="bullet">
/// <item>Case-sensitive abbreviations with a meaning of their own: "eGFR"/"DFG" (renal filtration rate) are not
/// "EGFR" (the gene); "ACE" (French for CEA) is not the word "ace"; "RE"/"ER", "RP"/"PR"/"PgR", "RH"/"HR" are
/// hormone receptors only before a result ("RE : 80 %", "PR negative"; "PR" alone is also a partial response), and
/// "PS"/"OMS"/"WHO" are performance scores only before a grade ("OMS 1"; "classification OMS" is not). Each becomes
/// one concept word.</item>
/// <item>French and English forms of a few key oncology words ("récepteurs"/"receptors", "neutropénie"/
/// "neutropenia"), folded to one word.</item>
/// <item>Phrases a query may use for an abbreviated concept ("débit de filtration glomérulaire", "kidney
/// function", "performance status"): the query also searches the concept word.</item>
/// </list>
/// In a query the abbreviations need no context: whoever types "PS" or "RH" means the concept.
/// </summary>
internal static class ClinicalLexicon
{
    /// <summary>The concept word of the renal filtration rate (DFG, eGFR).</summary>
    public const string RenalFiltration = "dfg";

    /// <summary>The concept word of the EGFR gene.</summary>
    public const string EgfrGene = "egfr";

    public const string EstrogenReceptor = "oestrogene";
    public const string ProgesteroneReceptor = "progesterone";
    public const string HormoneReceptors = "rh";
    public const string PerformanceStatus = "ecog";
    public const string Cea = "cea";

    /// <summary>What must follow an abbreviation in a document for it to take its clinical meaning.</summary>
    internal enum Context
    {
        Always,

        /// <summary>A result: a percentage, a "+", or a word starting with posit/negat/nég.</summary>
        ReceptorResult,

        /// <summary>A score 0 to 5, possibly after ':' '=' '(' or "à".</summary>
        Score,

        /// <summary>Not followed by "inhibitor"/"inhibiteur" (an ACE inhibitor is a blood-pressure drug).</summary>
        NotInhibitor,

        /// <summary>The gene, unless a renal unit or equation follows (a lab line "EGFR (CKD-EPI) 58 mL/min").</summary>
        GeneUnlessRenalUnit,
    }

    private const int LookAhead = 24;

    /// <summary>Abbreviations, compared case-sensitively on the original token.</summary>
    private static readonly Dictionary<string, (string Concept, Context Context)> Abbreviations = new(StringComparer.Ordinal)
    {
        ["eGFR"] = (RenalFiltration, Context.Always),
        ["GFR"] = (RenalFiltration, Context.Always),
        ["DFG"] = (RenalFiltration, Context.Always),
        ["DFGe"] = (RenalFiltration, Context.Always),
        ["eDFG"] = (RenalFiltration, Context.Always),
        ["EGFR"] = (EgfrGene, Context.GeneUnlessRenalUnit),
        ["HER1"] = (EgfrGene, Context.Always),
        ["ERBB2"] = ("her2", Context.Always),
        ["RE"] = (EstrogenReceptor, Context.ReceptorResult),
        ["ER"] = (EstrogenReceptor, Context.ReceptorResult),
        ["RO"] = (EstrogenReceptor, Context.ReceptorResult),
        ["RP"] = (ProgesteroneReceptor, Context.ReceptorResult),
        ["PR"] = (ProgesteroneReceptor, Context.ReceptorResult),
        ["PgR"] = (ProgesteroneReceptor, Context.ReceptorResult),
        ["RH"] = (HormoneReceptors, Context.ReceptorResult),
        ["HR"] = (HormoneReceptors, Context.ReceptorResult),
        ["PS"] = (PerformanceStatus, Context.Score),
        ["OMS"] = (PerformanceStatus, Context.Score),
        ["WHO"] = (PerformanceStatus, Context.Score),
        ["ECOG"] = (PerformanceStatus, Context.Always),
        ["ACE"] = (Cea, Context.NotInhibitor),
    };

    /// <summary>Folded words (after plural folding) and the word they count as.</summary>
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["estrogen"] = EstrogenReceptor,
        ["oestrogen"] = EstrogenReceptor,
        ["estrogene"] = EstrogenReceptor,
        ["receptor"] = "recepteur",
        ["neutropenia"] = "neutropenie",
        ["metastasis"] = "metastase",
        ["metastatic"] = "metastatique",
        ["radiotherapy"] = "radiotherapie",
        ["chemotherapy"] = "chimiotherapie",
        ["biopsy"] = "biopsie",
        ["kidney"] = "renal",
        ["renale"] = "renal",
        ["renaux"] = "renal",
    };

    /// <summary>Query phrases (folded word sequences) that also search a concept word.</summary>
    private static readonly (string Phrase, string Concept)[] PhraseSources =
    [
        ("débit de filtration glomérulaire", RenalFiltration),
        ("filtration glomérulaire", RenalFiltration),
        ("glomerular filtration", RenalFiltration),
        ("fonction rénale", RenalFiltration),
        ("renal function", RenalFiltration),
        ("kidney function", RenalFiltration),
        ("clairance", RenalFiltration),
        ("creatinine clearance", RenalFiltration),
        ("récepteurs hormonaux", HormoneReceptors),
        ("hormone receptors", HormoneReceptors),
        ("hormonal receptors", HormoneReceptors),
        ("performance status", PerformanceStatus),
        ("indice de performance", PerformanceStatus),
        ("état général", PerformanceStatus),
        ("antigène carcino-embryonnaire", Cea),
        ("carcinoembryonic antigen", Cea),
    ];

    /// <summary>Concept words a query also searches when it names the concept.</summary>
    private static readonly Dictionary<string, string[]> ConceptExpansions = new(StringComparer.Ordinal)
    {
        [HormoneReceptors] = [EstrogenReceptor, ProgesteroneReceptor],
    };

    private static readonly Dictionary<string, (string Concept, Context Context)>.AlternateLookup<ReadOnlySpan<char>> AbbreviationLookup =
        Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> SynonymLookup =
        Synonyms.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly Lazy<(string[] Words, string Concept)[]> Phrases = new(() =>
        PhraseSources.Select(p => (LexicalText.Fold(p.Phrase).Split(' '), p.Concept)).ToArray());

    /// <summary>
    /// How many output characters one input character can become at most (concept words are longer than the
    /// abbreviations they replace), so callers can size buffers.
    /// </summary>
    public static int MaxExpansion { get; } = Math.Max(
        2,
        Math.Max(
            Abbreviations.Max(a => (a.Value.Concept.Length + a.Key.Length - 1) / a.Key.Length),
            Synonyms.Max(s => (s.Value.Length + s.Key.Length - 1) / s.Key.Length)));

    /// <summary>Shortest and longest abbreviation: tokens outside this range are not looked up.</summary>
    private static readonly int MinAbbreviation = Abbreviations.Keys.Min(k => k.Length);
    private static readonly int MaxAbbreviation = Abbreviations.Keys.Max(k => k.Length);

    /// <summary>
    /// The concept word of the token <paramref name="source"/>[<paramref name="start"/>..<paramref name="end"/>],
    /// or null when the token is no abbreviation we know in this context.
    /// </summary>
    public static string? Abbreviation(ReadOnlySpan<char> source, int start, int end, bool query)
    {
        var length = end - start;
        if (length < MinAbbreviation || length > MaxAbbreviation)
        {
            return null;
        }

        var token = source[start..end];
        if (!token.ContainsAnyInRange('A', 'Z') || !AbbreviationLookup.TryGetValue(token, out var entry))
        {
            return null;
        }

        var after = source[end..Math.Min(source.Length, end + LookAhead)];
        var line = after.IndexOfAny('\n', '\r');
        if (line >= 0)
        {
            after = after[..line];
        }

        return entry.Context switch
        {
            Context.GeneUnlessRenalUnit => IsRenalUnit(after) ? RenalFiltration : entry.Concept,
            Context.NotInhibitor => after.Contains("inhibit", StringComparison.OrdinalIgnoreCase) ? null : entry.Concept,
            _ when query => entry.Concept,
            Context.ReceptorResult => IsResult(after) ? entry.Concept : null,
            Context.Score => IsScore(after) ? entry.Concept : null,
            _ => entry.Concept,
        };
    }

    /// <summary>The word a folded word counts as, or null when it stands for itself.</summary>
    public static string? Synonym(ReadOnlySpan<char> folded) =>
        SynonymLookup.TryGetValue(folded, out var word) ? word : null;

    /// <summary>The concept words a folded query also searches: those its phrases name, and their expansions.</summary>
    public static IEnumerable<string> Expansions(IReadOnlyList<string> foldedWords)
    {
        var found = new List<string>();
        foreach (var (words, concept) in Phrases.Value)
        {
            if (ContainsSequence(foldedWords, words))
            {
                found.Add(concept);
            }
        }

        foreach (var word in foldedWords.Concat(found.ToList()))
        {
            if (ConceptExpansions.TryGetValue(word, out var more))
            {
                found.AddRange(more);
            }
        }

        return found;
    }

    private static bool ContainsSequence(IReadOnlyList<string> words, string[] sequence)
    {
        for (var i = 0; i + sequence.Length <= words.Count; i++)
        {
            var match = true;
            for (var j = 0; j < sequence.Length && match; j++)
            {
                match = string.Equals(words[i + j], sequence[j], StringComparison.Ordinal);
            }

            if (match)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsRenalUnit(ReadOnlySpan<char> after) =>
        after.Contains("ml/min", StringComparison.OrdinalIgnoreCase)
        || after.Contains("CKD", StringComparison.Ordinal)
        || after.Contains("MDRD", StringComparison.Ordinal);

    private static bool IsResult(ReadOnlySpan<char> after) =>
        after.IndexOfAny('%', '+') >= 0
        || after.Contains("posit", StringComparison.OrdinalIgnoreCase)
        || after.Contains("negat", StringComparison.OrdinalIgnoreCase)
        || after.Contains("négat", StringComparison.OrdinalIgnoreCase);

    private static bool IsScore(ReadOnlySpan<char> after)
    {
        // "OMS 1", "PS: 0", "PS = 2", "(ECOG) à 1": skip separators and the French "à", then a digit 0-5 alone.
        var i = 0;
        while (i < after.Length && (after[i] is ' ' or ':' or '=' or '(' or ')' or '\t' or 'à'))
        {
            i++;
        }

        return i < after.Length && after[i] is >= '0' and <= '5' && (i + 1 == after.Length || !char.IsDigit(after[i + 1]));
    }
}
