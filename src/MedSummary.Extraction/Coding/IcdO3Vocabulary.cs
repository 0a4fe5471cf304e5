using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using MedSummary.Extraction.Rules;

namespace MedSummary.Extraction.Coding;

/// <summary>One ICD-O-3 topography row: a code of a site of <see cref="SiteVocabulary"/>, or of one of its sub-sites.</summary>
/// <param name="Pattern">Null for the site's own code; otherwise the wording of the sub-site inside a report about the site.</param>
public sealed record TopographyCode(string Code, string Site, Regex? Pattern, string LabelEn, string LabelFr);

/// <summary>
/// One ICD-O-3 morphology row: the code of a term of <see cref="HistologyVocabulary"/>, optionally only at a site, or
/// only when a qualifier is written next to the term.
/// </summary>
public sealed record MorphologyCode(string Code, string Histology, string? Site, Regex? Pattern, string LabelEn, string LabelFr);

/// <summary>
/// The ICD-O-3 tables that ship with the project (Coding/icdo3-*.tsv, embedded): where each code comes from is said
/// in the files' headers. Loaded once; a malformed row fails loudly at first use, and a test checks every row.
/// </summary>
public sealed partial class IcdO3Vocabulary
{
    private static readonly Lazy<IcdO3Vocabulary> Shared = new(() => Load(typeof(IcdO3Vocabulary).Assembly));

    private readonly FrozenDictionary<string, (string En, string Fr)> _labels;

    private IcdO3Vocabulary(IReadOnlyList<TopographyCode> topography, IReadOnlyList<MorphologyCode> morphology)
    {
        Topography = topography;
        Morphology = morphology;
        var labels = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var t in topography)
        {
            labels.TryAdd(t.Code, (t.LabelEn, t.LabelFr));
        }

        foreach (var m in morphology)
        {
            labels.TryAdd(m.Code, (m.LabelEn, m.LabelFr));
        }

        _labels = labels.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static IcdO3Vocabulary Instance => Shared.Value;

    public IReadOnlyList<TopographyCode> Topography { get; }

    public IReadOnlyList<MorphologyCode> Morphology { get; }

    /// <summary>"C50.4": a letter C, two digits, a point, one digit.</summary>
    public static bool IsTopographyCode(string code) => code is not null && TopographyShape().IsMatch(code);

    /// <summary>"8500/3": four digits from 8000 to 9999, a slash, a behaviour digit 0-3 (and optionally a grade digit 1-9).</summary>
    public static bool IsMorphologyCode(string code) => code is not null && MorphologyShape().IsMatch(code);

    /// <summary>The code's label in French or English (any other language gets English); null for a code not in the tables.</summary>
    public string? Label(string code, string? language)
    {
        ArgumentNullException.ThrowIfNull(code);
        var key = code.Length == 8 && IsMorphologyCode(code) ? code[..6] : code;
        return _labels.TryGetValue(key, out var l)
            ? (string.Equals(language, "fr", StringComparison.OrdinalIgnoreCase) ? l.Fr : l.En)
            : null;
    }

    /// <summary>The code a site term has when nothing finer is written; null for a site the tables do not code (e.g. "colorectum").</summary>
    public TopographyCode? SiteCode(string site) => Topography.FirstOrDefault(t => t.Pattern is null && t.Site == site);

    /// <summary>The rows for finer parts of a site.</summary>
    public IEnumerable<TopographyCode> SubSites(string site) => Topography.Where(t => t.Pattern is not null && t.Site == site);

    /// <summary>The site term a topography code stands for (the first row with that code).</summary>
    public string? SiteOf(string code) => Topography.FirstOrDefault(t => t.Code == code)?.Site;

    /// <summary>The histology terms a morphology code stands for, each with whether its row is qualified (finer than the term).</summary>
    public IEnumerable<(string Histology, bool Qualified)> HistologiesOf(string code) =>
        Morphology.Where(m => m.Code == code).Select(m => (m.Histology, m.Pattern is not null));

    /// <summary>
    /// True when the morphology code <paramref name="general"/> is <paramref name="specific"/> or a broader statement of
    /// it, with the same behaviour: by ICD-O-3's own structure (8010 carcinoma NOS covers the carcinomas 8011-8589,
    /// 8140 adenocarcinoma NOS the glandular types 8141-8389 and 8440-8559, 8070 and 8120 their subtypes), or by the
    /// histology terms the two codes stand for.
    /// </summary>
    public bool IsSameOrBroaderMorphology(string general, string specific)
    {
        ArgumentNullException.ThrowIfNull(general);
        ArgumentNullException.ThrowIfNull(specific);
        if (general == specific)
        {
            return true;
        }

        if (!IsMorphologyCode(general) || !IsMorphologyCode(specific) || general[5] != specific[5])
        {
            return false;
        }

        var g = int.Parse(general.AsSpan(0, 4), CultureInfo.InvariantCulture);
        var s = int.Parse(specific.AsSpan(0, 4), CultureInfo.InvariantCulture);
        if ((g == 8010 && s is > 8010 and <= 8589)
            || (g == 8140 && s is (> 8140 and <= 8389) or (>= 8440 and <= 8559))
            || (g == 8070 && s is > 8070 and <= 8084)
            || (g == 8120 && s is > 8120 and <= 8131)
            // A Müllerian mixed tumour (8950) is the carcinosarcoma (8980) of the Müllerian tract: uterine reports use both names.
            || (g == 8980 && s == 8950))
        {
            return true;
        }

        var histology = HistologyVocabulary.Instance;
        return HistologiesOf(general).Any(a => HistologiesOf(specific).Any(b =>
            a.Histology == b.Histology ? !a.Qualified && b.Qualified : !a.Qualified && histology.IsSameOrBroader(a.Histology, b.Histology)));
    }

    internal static IcdO3Vocabulary Load(System.Reflection.Assembly assembly)
    {
        var topography = new List<TopographyCode>();
        foreach (var (line, cols) in Rows(assembly, "coding/icdo3-topography.tsv", 5))
        {
            if (!IsTopographyCode(cols[0]) || cols[1].Length == 0)
            {
                throw new InvalidDataException($"icdo3-topography.tsv line {line}: '{cols[0]}' is not a topography code with a site.");
            }

            topography.Add(new TopographyCode(cols[0], cols[1], Compile(cols[2]), cols[3], cols[4]));
        }

        var morphology = new List<MorphologyCode>();
        foreach (var (line, cols) in Rows(assembly, "coding/icdo3-morphology.tsv", 6))
        {
            if (!IsMorphologyCode(cols[0]) || cols[0].Length != 6 || cols[1].Length == 0)
            {
                throw new InvalidDataException($"icdo3-morphology.tsv line {line}: '{cols[0]}' is not a morphology code with a histology.");
            }

            morphology.Add(new MorphologyCode(cols[0], cols[1], cols[2].Length == 0 ? null : cols[2], Compile(cols[3]), cols[4], cols[5]));
        }

        return new IcdO3Vocabulary(topography, morphology);
    }

    private static IEnumerable<(int Line, string[] Columns)> Rows(System.Reflection.Assembly assembly, string name, int columns)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The coding table {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        var rows = new List<(int, string[])>();
        var number = 0;
        var header = true;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (header)
            {
                header = false;
                continue;
            }

            var cols = line.Split('\t');
            if (cols.Length != columns)
            {
                throw new InvalidDataException($"{name} line {number.ToString(CultureInfo.InvariantCulture)}: {cols.Length} columns where {columns} are expected.");
            }

            rows.Add((number, cols));
        }

        return rows;
    }

    // Qualifiers are whole words, like the vocabularies' written forms.
    private static Regex? Compile(string pattern) => pattern.Length == 0
        ? null
        : new Regex(@"(?<![\p{L}\p{N}])(?:" + pattern + @")(?![\p{L}\p{N}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    [GeneratedRegex(@"^C[0-8]\d\.\d$", RegexOptions.CultureInvariant)]
    private static partial Regex TopographyShape();

    [GeneratedRegex(@"^(?:8\d{3}|9\d{3})/[0-3]\d?$", RegexOptions.CultureInvariant)]
    private static partial Regex MorphologyShape();
}
