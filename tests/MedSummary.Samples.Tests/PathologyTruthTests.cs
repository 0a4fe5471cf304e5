using System.Globalization;
using System.Text.RegularExpressions;
using MedSummary.Core.Contract;
using MedSummary.Core.Gold;
using Shouldly;
using Xunit;

namespace MedSummary.Samples.Tests;

/// <summary>
/// The truths' pathology fields and ICD-O-3 codes: present in every truth, stated only with quotes that the
/// generated PDFs contain, and consistent with the words quoted.
/// </summary>
public sealed partial class PathologyTruthTests
{
    private static readonly string[] NewKeys =
    [
        GoldFields.TumorSize, GoldFields.NodesPositive, GoldFields.NodesExamined, GoldFields.Margins, GoldFields.MarginDistance,
        GoldFields.Lvi, GoldFields.Pni, GoldFields.MenopausalStatus, GoldFields.IcdO3Topography, GoldFields.IcdO3Morphology,
    ];

    /// <summary>One resected and one metastatic dossier per cancer and language, a fixed seed each: 20 dossiers.</summary>
    private static readonly Lazy<IReadOnlyList<GeneratedDossier>> Dossiers = new(() =>
        (from cancer in Enum.GetValues<CancerType>()
         from language in new[] { DossierLanguage.French, DossierLanguage.English }
         from metastatic in new[] { false, true }
         select SampleDossierGenerator.Generate(new SampleSpec
         {
             Name = $"{cancer}-{language}-{(metastatic ? "m" : "r")}".ToLowerInvariant(),
             Cancer = cancer,
             Language = language,
             Metastatic = metastatic,
             Seed = 20261207 + (int)cancer * 10 + (int)language * 2 + (metastatic ? 1 : 0),
         })).ToList());

    [Fact]
    public void Every_truth_carries_every_new_key_and_each_stated_one_is_quoted_where_the_pdf_says_it()
    {
        foreach (var dossier in Dossiers.Value)
        {
            foreach (var key in NewKeys)
            {
                dossier.Truth.Fields.ContainsKey(key).ShouldBeTrue($"{dossier.Name} {key}");
                var field = dossier.Truth.Fields[key];
                if (field.Expectation != GoldExpectation.NotFound)
                {
                    field.Quotes.ShouldNotBeEmpty($"{dossier.Name} {key}");
                }
            }

            var files = dossier.Files.ToDictionary(f => f.FileName, f => f.Content);
            var problems = GoldSetVerifier.VerifyDossier(dossier.Name, dossier.Truth, name => files[name]);
            problems.ShouldBeEmpty(string.Join("\n", problems.Take(5).Select(p => $"{p.Dossier} {p.Where} '{p.Quote.Text}': {p.Reason}")));
        }
    }

    [Fact]
    public void Each_new_field_is_stated_somewhere_and_menopausal_status_never_without_words_for_it()
    {
        var stated = NewKeys.ToDictionary(k => k, k => Dossiers.Value.Count(d => d.Truth.Fields[k].Expectation != GoldExpectation.NotFound));

        foreach (var key in NewKeys.Where(k => k != GoldFields.MenopausalStatus))
        {
            stated[key].ShouldBeGreaterThan(0, key);
        }

        // No generated document states the patient's menopausal status (a relative's "after the menopause" is a distractor).
        stated[GoldFields.MenopausalStatus].ShouldBe(0);
        Dossiers.Value.Where(d => d.Truth.Fields[GoldFields.IcdO3Topography].Expectation == GoldExpectation.Found).Count().ShouldBe(Dossiers.Value.Count);
    }

    [Fact]
    public void Node_counts_and_size_are_the_numbers_their_quotes_write()
    {
        foreach (var dossier in Dossiers.Value)
        {
            var fields = dossier.Truth.Fields;
            if (fields[GoldFields.NodesPositive].Value is { } positive)
            {
                fields[GoldFields.NodesPositive].Quotes.ShouldAllBe(q => LeadingNumber().Match(q.Text).Value == positive, dossier.Name);
            }

            if (fields[GoldFields.NodesExamined].Value is { } examined)
            {
                fields[GoldFields.NodesExamined].Quotes.ShouldAllBe(q => Numbers().Matches(q.Text).Any(m => m.Value == examined), dossier.Name);
            }

            if (fields[GoldFields.TumorSize].Value is { } size)
            {
                foreach (var quote in fields[GoldFields.TumorSize].Quotes)
                {
                    var m = Measure().Match(quote.Text);
                    m.Success.ShouldBeTrue(quote.Text);
                    var mm = double.Parse(m.Groups[1].Value.Replace(',', '.'), CultureInfo.InvariantCulture) * (m.Groups[2].Value == "cm" ? 10 : 1);
                    mm.ToString("0", CultureInfo.InvariantCulture).ShouldBe(size, $"{dossier.Name}: {quote.Text}");
                }
            }

            if (fields[GoldFields.Margins].Value is { } margins)
            {
                margins.ShouldBe("R0");
            }
        }
    }

    [Fact]
    public void Codes_agree_with_the_site_and_type_and_are_quoted_by_their_words_not_by_a_code()
    {
        var organPrefix = new Dictionary<string, string>
        {
            ["breast"] = "C50.", ["lung"] = "C34.", ["prostate"] = "C61.", ["colon"] = "C18.", ["rectum"] = "C20.",
        };
        foreach (var dossier in Dossiers.Value)
        {
            var fields = dossier.Truth.Fields;
            var site = fields[ContractFields.PrimarySite].Value!;
            var topography = fields[GoldFields.IcdO3Topography];
            topography.Value!.ShouldStartWith(organPrefix[site], Case.Sensitive, dossier.Name);
            topography.Quotes.ShouldAllBe(q => !CodeLike().IsMatch(q.Text), dossier.Name);

            var morphology = fields[GoldFields.IcdO3Morphology];
            if (fields[ContractFields.Histology].Value is { } histology)
            {
                var expected = histology switch
                {
                    "invasive ductal carcinoma" => ["8500/3"],
                    "invasive lobular carcinoma" => ["8520/3"],
                    "squamous cell carcinoma" => ["8070/3", "8071/3"],
                    "mucinous adenocarcinoma" => ["8480/3"],
                    _ => site == "lung" ? new[] { "8140/3", "8550/3" } : ["8140/3"],
                };
                expected.ShouldContain(morphology.Value!, dossier.Name);
                morphology.Quotes.ShouldAllBe(q => !CodeLike().IsMatch(q.Text), dossier.Name);
            }

            // A sub-site code is quoted by the sub-site's words only, never by the organ's.
            if (!topography.Value!.EndsWith(".9", StringComparison.Ordinal))
            {
                topography.Quotes.ShouldAllBe(q => SubSiteWords().IsMatch(q.Text), dossier.Name);
            }
        }
    }

    [Fact]
    public void The_breast_quadrant_and_the_lung_lobe_give_the_sub_site_code()
    {
        var breast = Dossiers.Value.Where(d => d.Truth.Fields[ContractFields.PrimarySite].Value == "breast").ToList();
        breast.ShouldNotBeEmpty();
        foreach (var dossier in breast)
        {
            var topography = dossier.Truth.Fields[GoldFields.IcdO3Topography];
            var words = topography.Quotes[0].Text.ToLowerInvariant();
            var expected = words switch
            {
                _ when words.Contains("supéro-externe") || words.Contains("upper outer") => "C50.4",
                _ when words.Contains("supéro-interne") || words.Contains("upper inner") => "C50.2",
                _ when words.Contains("inféro-externe") || words.Contains("lower outer") => "C50.5",
                _ when words.Contains("inféro-interne") || words.Contains("lower inner") => "C50.3",
                _ when words.Contains("aréolaire") || words.Contains("retroareolar") => "C50.1",
                _ when words.Contains("quadrants") => "C50.8",
                _ => "C50.9",
            };
            topography.Value.ShouldBe(expected, $"{dossier.Name}: {words}");
        }
    }

    [GeneratedRegex(@"^\d+")]
    private static partial Regex LeadingNumber();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Numbers();

    [GeneratedRegex(@"^(\d+(?:,\d)?) (mm|cm)$")]
    private static partial Regex Measure();

    [GeneratedRegex(@"\bC\d\d\.\d\b|\b\d{4}/\d\b")]
    private static partial Regex CodeLike();

    [GeneratedRegex(@"lobe|quadrant|aréolaire|retroareolar|colon|côlon|caecum|cecum|angle|flexure|sigmo", RegexOptions.IgnoreCase)]
    private static partial Regex SubSiteWords();
}
