using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;
using MedSummary.Extraction.Form;
using MedSummary.Extraction.Rules;

namespace MedSummary.Bench;

/// <summary>
/// Generalization of the deterministic extractors on real OCR'd pathology reports (TCGA development data, read from
/// ../shared/devdata, never copied into the repository). Scores only the labels a report actually states.
/// </summary>
/// <remarks>
/// A label is "stated" when the report's own text contains it in a recognizable form, judged by rules written here,
/// independently of the extractors (never "what we extracted"):
/// <list type="bullet">
/// <item>pT/pN/pM: a token of the label's category and value (OCR forms accepted: O for 0, l/I for 1; a label without
/// subcategory, "T3", is also stated by "pT3a") that either carries a p/yp prefix or stands within 15 characters of
/// another TNM token or 40 characters after a TNM cue ("TNM", "stage", "Primary tumor", "Regional lymph nodes").</item>
/// <item>Laterality: the label's side ("left", "right"; "bilateral"/"both" for Bilateral) within 40 characters of an
/// organ word (kidney, renal, lobe, brain region, tongue, tonsil, prostate...).</item>
/// <item>Grade: "grade N", "GN", or the matching differentiation phrase, not a range ("moderately to poorly") and not a
/// Gleason or nuclear grade; "high grade" for High Grade.</item>
/// <item>Stage: "stage" or "FIGO" followed by the label's group in Roman numerals.</item>
/// <item>Gleason: "Gleason" followed within 60 characters by the label's total or by two patterns summing to it.</item>
/// <item>Primary site and histology: a key word of the label's site or type appears in the text.</item>
/// </list>
/// A stated label is correct when the assembled field (the report as a one-document dossier) holds the same value or
/// a finer one (label T3, found T3a; for grade also a two-tier "low/high grade" the report wrote, agreeing with the
/// label's G1-G2 / G3-G4); a conflict counts apart; a value in another field (clinical instead of
/// pathologic) is a miss. ER, PR, HER2 and Ki-67 have no labels in this set and are not scored. Every citation of
/// every assembled field is verified with <see cref="CitationVerifier"/>.
/// usage: devdata-extractors [path] [--failures FIELD] [--extras FIELD]
/// </remarks>
public sealed partial class DevDataExtractorsBenchmark : IBenchmark
{
    public string Name => "devdata-extractors";

    public string Description => "rule extractors on real OCR'd TCGA reports: accuracy on stated labels";

    private static readonly string[] Scored =
    [
        ContractFields.PathologicT, ContractFields.PathologicN, ContractFields.PathologicM, ContractFields.Laterality,
        ContractFields.Grade, ContractFields.Stage, ContractFields.GleasonScore, ContractFields.PrimarySite, ContractFields.Histology,
    ];

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        string? path = null;
        string? failures = null;
        string? extras = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--failures" when i + 1 < args.Length:
                    failures = args[++i];
                    break;
                case "--extras" when i + 1 < args.Length:
                    extras = args[++i];
                    break;
                default:
                    path = args[i];
                    break;
            }
        }

        path ??= DefaultPath();
        if (path is null || !File.Exists(Path.Combine(path, "labels.jsonl")))
        {
            Console.Error.WriteLine("devdata not found: pass the path of tcga-pathology-ocr (with labels.jsonl and docs/)");
            return 2;
        }

        var engine = RuleExtractionEngine.CreateDefault();
        var stats = Scored.ToDictionary(k => k, _ => new FieldStats(), StringComparer.Ordinal);
        var citations = 0;
        var badCitations = 0;
        var documents = 0;
        var characters = 0L;
        var started = Stopwatch.GetTimestamp();

        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(path, "labels.jsonl"), cancellationToken))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var id = json.RootElement.GetProperty("doc_id").GetString()!;
            var labels = json.RootElement.GetProperty("labels").EnumerateObject()
                .ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
            var file = Path.Combine(path, "docs", id + ".txt");
            if (!File.Exists(file))
            {
                continue;
            }

            var raw = await File.ReadAllTextAsync(file, cancellationToken);
            var document = PlainText(id + ".txt", raw.Replace("\r\n", "\n", StringComparison.Ordinal));
            documents++;
            characters += document.Text.Length;

            var findings = engine.Extract(document);
            var form = engine.Assemble(findings, [document], Scored);
            var byId = new Dictionary<string, SourceDocument>(StringComparer.Ordinal) { [document.Id] = document };
            foreach (var field in form.Fields.Values)
            {
                foreach (var c in field.Citations.Concat(field.Candidates?.SelectMany(x => x.Citations) ?? []))
                {
                    citations++;
                    if (CitationVerifier.Check(c, byId) is not null)
                    {
                        badCitations++;
                    }
                }
            }

            foreach (var key in Scored)
            {
                var label = LabelFor(key, labels);
                var stated = label is not null && IsStated(key, label, labels, document.Text);
                var field = form.Fields[key];
                var s = stats[key];
                if (!stated)
                {
                    if (field.Status != FieldStatus.NotFound)
                    {
                        s.Unscored++;
                        if (key == extras)
                        {
                            Console.WriteLine($"EXTRA {key} {id} label={label ?? "-"} ours={Describe(field)}");
                        }
                    }

                    continue;
                }

                s.Stated++;
                var outcome = Judge(key, label!, field);
                switch (outcome)
                {
                    case Outcome.Correct:
                        s.Correct++;
                        break;
                    case Outcome.Conflict:
                        s.Conflict++;
                        break;
                    case Outcome.Missed:
                        s.Missed++;
                        break;
                    default:
                        s.Wrong++;
                        break;
                }

                if (outcome != Outcome.Correct && key == failures)
                {
                    Console.WriteLine($"FAIL {key} {id} label={label} ours={Describe(field)} ({outcome})");
                }
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        Console.WriteLine($"devdata-extractors: {documents} reports, {characters / 1024} KiB, {elapsed.TotalMilliseconds / Math.Max(1, documents):0.0} ms/report (extract + assemble)");
        Console.WriteLine($"{"field",-16}{"stated",8}{"correct",9}{"wrong",7}{"conflict",10}{"missed",8}{"accuracy",10}{"unscored",10}");
        foreach (var key in Scored)
        {
            var s = stats[key];
            var accuracy = s.Stated == 0 ? "-" : (100.0 * s.Correct / s.Stated).ToString("0.0", CultureInfo.InvariantCulture) + "%";
            Console.WriteLine($"{key,-16}{s.Stated,8}{s.Correct,9}{s.Wrong,7}{s.Conflict,10}{s.Missed,8}{accuracy,10}{s.Unscored,10}");
        }

        Console.WriteLine("er_status, pr_status, her2_status, ki67: no labels in this data set, not scored.");
        Console.WriteLine($"citations: {citations} checked, {badCitations} failed verification");
        return badCitations == 0 ? 0 : 1;
    }

    private sealed class FieldStats
    {
        public int Stated { get; set; }

        public int Correct { get; set; }

        public int Wrong { get; set; }

        public int Conflict { get; set; }

        public int Missed { get; set; }

        /// <summary>Values found where the label is absent or not stated: cannot be judged.</summary>
        public int Unscored { get; set; }
    }

    private enum Outcome
    {
        Correct,
        Wrong,
        Conflict,
        Missed,
    }

    private static string Describe(FieldResult field) => field.Status switch
    {
        FieldStatus.Found => field.Normalized ?? "",
        FieldStatus.Conflict => "conflict[" + string.Join("|", field.Candidates?.Select(c => c.Normalized) ?? []) + "]",
        _ => "not_found",
    };

    private static string? DefaultPath()
    {
        var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MedSummary.sln")))
        {
            dir = dir.Parent;
        }

        var candidates = new List<string>();
        if (dir is not null)
        {
            candidates.Add(Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "devdata", "tcga-pathology-ocr")));
            candidates.Add(Path.GetFullPath(Path.Combine(dir.FullName, "..", "..", "shared", "devdata", "tcga-pathology-ocr")));
        }

        candidates.Add("/work/shared/devdata/tcga-pathology-ocr");
        return candidates.FirstOrDefault(Directory.Exists);
    }

    private static SourceDocument PlainText(string fileName, string text)
    {
        var map = new TextMap(text.Length, [0]);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return new SourceDocument(sha, fileName, "text/plain", text, map, [new PageInfo(1, map.PageSpan(1), 0, 0, PageTextSource.PlainText)], "en");
    }

    private static string? LabelFor(string key, Dictionary<string, string> labels)
    {
        switch (key)
        {
            case ContractFields.Stage:
                return labels.GetValueOrDefault("stage") ?? labels.GetValueOrDefault("clinical_stage");
            case ContractFields.GleasonScore:
                return labels.GetValueOrDefault("gleason_score");
            case ContractFields.Laterality:
                return labels.GetValueOrDefault("laterality") is { } l && l != "Midline" ? l : null;
            case ContractFields.Grade:
                return labels.GetValueOrDefault("grade") is { } g && g != "GX" ? g : null;
            default:
                return labels.GetValueOrDefault(key);
        }
    }

    private static bool IsStated(string key, string label, Dictionary<string, string> labels, string text)
    {
        switch (key)
        {
            case ContractFields.PathologicT or ContractFields.PathologicN or ContractFields.PathologicM:
                return TnmStated(label, text);
            case ContractFields.Laterality:
                return LateralityStated(label, text);
            case ContractFields.Grade:
                return GradeStated(label, text);
            case ContractFields.Stage:
                return StageStated(label, text);
            case ContractFields.GleasonScore:
                return GleasonStated(label, text);
            case ContractFields.PrimarySite:
                return SiteTargets(label) is { } site && Regex.IsMatch(text, site.Evidence, RegexOptions.IgnoreCase);
            case ContractFields.Histology:
                return HistologyTarget(label) is { } h && Regex.IsMatch(text, h.Evidence, RegexOptions.IgnoreCase);
            default:
                return false;
        }
    }

    private static Outcome Judge(string key, string label, FieldResult field)
    {
        if (field.Status == FieldStatus.NotFound)
        {
            return Outcome.Missed;
        }

        if (field.Status == FieldStatus.Conflict)
        {
            return Outcome.Conflict;
        }

        var ours = field.Normalized ?? "";
        var ok = key switch
        {
            ContractFields.PathologicT or ContractFields.PathologicN or ContractFields.PathologicM =>
                FieldRelations.IsSameOrBroader(key, label, ours),
            ContractFields.Laterality => string.Equals(ours, label, StringComparison.OrdinalIgnoreCase),
            ContractFields.Grade => label switch
            {
                "High Grade" => ours is "high grade" or "G3" or "G4",
                "Low Grade" => ours is "low grade" or "G1" or "G2",

                // A two-tier grade written in the report ("low grade") agrees with the label's G1 or G2.
                _ => ours == label || FieldRelations.IsSameOrBroader(key, ours, label),
            },
            ContractFields.Stage => FieldRelations.IsSameOrBroader(key, label.Replace("Stage ", "", StringComparison.Ordinal), ours),
            ContractFields.GleasonScore => ours == label || ours.EndsWith("=" + label, StringComparison.Ordinal),
            ContractFields.PrimarySite => SiteTargets(label)?.Accepted.Contains(ours) == true,
            ContractFields.Histology => HistologyTarget(label) is { } h
                && (HistologyVocabulary.Instance.IsSameOrBroader(h.Target, ours)
                    || (ours != "carcinoma" && HistologyVocabulary.Instance.IsSameOrBroader(ours, h.Target))),
            _ => false,
        };
        return ok ? Outcome.Correct : Outcome.Wrong;
    }

    private static bool TnmStated(string label, string text)
    {
        if (label.Length < 2)
        {
            return false;
        }

        var category = label[0];
        var value = label[1..];
        var pattern = new StringBuilder();
        foreach (var c in value)
        {
            pattern.Append(c switch
            {
                '0' => "[0Oo]",
                '1' => "[1lI]",
                'X' => "[Xx]",
                _ => Regex.Escape(c.ToString()),
            });
        }

        // A coarse label ("T3") is stated by a finer category ("pT3a").
        var refine = value.Length == 1 && char.IsDigit(value[0]) ? "(?:[a-d][1-3]?|mi)?" : "";
        var token = new Regex(
            @"(?<![A-Za-z0-9])(?<pre>y?[pP]|c)?\s?" + category + @"\s?" + pattern + refine + @"(?![a-z0-9]|[A-LO-Z])",
            RegexOptions.CultureInvariant);
        foreach (Match m in token.Matches(text))
        {
            // "No metastases", "No.1": an English word or a number sign, not a category.
            var next = m.Index + m.Length;
            while (next < text.Length && text[next] is ' ' or '\t')
            {
                next++;
            }

            if (m.Value.AsSpan().IndexOfAny('o', 'O') >= 0 && m.Groups["pre"].Length == 0
                && next < text.Length && (char.IsLetter(text[next]) || text[next] == '.'))
            {
                continue;
            }

            if (m.Groups["pre"].Value is "p" or "yp" or "P" or "yP")
            {
                return true;
            }

            var around = text.Substring(Math.Max(0, m.Index - 15), Math.Min(text.Length, m.Index + m.Length + 15) - Math.Max(0, m.Index - 15));
            var before = text.Substring(Math.Max(0, m.Index - 40), Math.Min(40, m.Index));
            if (OtherTnmToken().Matches(around).Count >= 2 || TnmCue().IsMatch(before))
            {
                return true;
            }
        }

        return false;
    }

    private static bool LateralityStated(string label, string text)
    {
        var side = label switch
        {
            "Left" => "left",
            "Right" => "right",
            _ => "bilateral|both",
        };
        var near = new Regex(
            @"(?:\b(?:" + side + @")\b[\s\S]{0,40}?" + Organ + "|" + Organ + @"[\s\S]{0,40}?\b(?:" + side + @")\b)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        // The label is the tumour's side: the side and organ must stand near a tumour word.
        foreach (Match m in near.Matches(text))
        {
            var from = Math.Max(0, m.Index - 100);
            var to = Math.Min(text.Length, m.Index + m.Length + 100);
            if (Regex.IsMatch(text[from..to], @"carcinom|cancer|tumou?r|neoplas|malignan|mass\b|glioma|astrocytoma|oligodendroglioma|glioblastoma|lesion", RegexOptions.IgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private const string Organ =
        @"(?:kidney|renal|nephrectomy|lobe|lung|frontal|temporal|parietal|occipital|brain|hemisphere|cerebral|tongue|tonsil|larynx|laryngeal|vocal|pharyn|mandib|maxill|buccal|palate|floor of mouth|retromolar|neck|prostat|base|apex|breast|ovar|adnexa|testis|adrenal)";

    private static bool GradeStated(string label, string text)
    {
        var pattern = label switch
        {
            "G1" => @"grade\s*:?\s*(?:1|I)\b|\bG1\b|\bwell[- ]?differentiated",
            "G2" => @"grade\s*:?\s*(?:2|II)\b|\bG2\b|\bmoderately[- ]?differentiated",
            "G3" => @"grade\s*:?\s*(?:3|III)\b|\bG3\b|\bpoorly[- ]?differentiated",
            "G4" => @"grade\s*:?\s*(?:4|IV)\b|\bG4\b|\bundifferentiated",
            "High Grade" => @"high[- ]grade",
            "Low Grade" => @"low[- ]grade",
            _ => null,
        };
        if (pattern is null)
        {
            return false;
        }

        foreach (Match m in Regex.Matches(text, pattern, RegexOptions.IgnoreCase))
        {
            var before = text.Substring(Math.Max(0, m.Index - 25), Math.Min(25, m.Index));
            var after = text.Substring(m.Index + m.Length, Math.Min(15, text.Length - m.Index - m.Length));
            if (Regex.IsMatch(before, @"(?:gleason|nuclear|to|-|/)\s*$|\bto\s+\w*\s*$", RegexOptions.IgnoreCase)
                || Regex.IsMatch(after, @"^\s*(?:to|-|/)\s*\w", RegexOptions.IgnoreCase))
            {
                continue;
            }

            return true;
        }

        return false;
    }

    private static bool StageStated(string label, string text)
    {
        var group = label.Replace("Stage ", "", StringComparison.Ordinal);
        return Regex.IsMatch(text, @"(?i:stage|figo)[\s:]*(?i:figo\s*)?" + Regex.Escape(group) + @"(?![A-Za-z0-9])");
    }

    private static bool GleasonStated(string label, string text)
    {
        if (!int.TryParse(label, NumberStyles.None, CultureInfo.InvariantCulture, out var total))
        {
            return false;
        }

        foreach (Match m in Regex.Matches(text, @"gl[ea]{1,2}son[\s\S]{0,60}", RegexOptions.IgnoreCase))
        {
            foreach (Match sum in Regex.Matches(m.Value, @"(?<p>[1-5])\s*\+\s*(?<s>[1-5])"))
            {
                if (int.Parse(sum.Groups["p"].Value, CultureInfo.InvariantCulture) + int.Parse(sum.Groups["s"].Value, CultureInfo.InvariantCulture) == total)
                {
                    return true;
                }
            }

            if (Regex.IsMatch(m.Value, @"(?:score|sum|=|:)\s*" + total + @"(?![0-9])", RegexOptions.IgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private sealed record SiteTarget(string Evidence, HashSet<string> Accepted);

    private static SiteTarget? SiteTargets(string label)
    {
        static HashSet<string> Set(params string[] values) => new(values, StringComparer.Ordinal);
        return label switch
        {
            "Lung" => new(@"\blung|pulmonary|bronch", Set("lung")),
            "Ovary" => new(@"ovar", Set("ovary")),
            "Prostate" => new(@"prostat", Set("prostate")),
            "Endometrial" or "Uterus" => new(@"endometri|uter", Set("endometrium", "uterus")),
            "Pancreas" => new(@"pancrea", Set("pancreas")),
            "Bladder" => new(@"bladder|vesical", Set("bladder")),
            "Kidney" => new(@"kidney|renal", Set("kidney")),
            "Head and Neck" => new(@"tongue|tonsil|laryn|pharyn|oral|mouth|buccal|gingiv|palate|glott|lip\b|mandib|retromolar|head and neck",
                Set("head and neck", "oral cavity", "tongue", "lip", "oropharynx", "hypopharynx", "nasopharynx", "larynx", "salivary gland", "sinonasal tract")),
            "Cervical" => new(@"cervix|cervical", Set("cervix")),
            "Liver" => new(@"liver|hepat", Set("liver")),
            "Colon" => new(@"colon|cecum|caecum|sigmoid", Set("colon", "colorectum", "rectosigmoid junction")),
            "Rectum" => new(@"rect", Set("rectum", "colorectum", "rectosigmoid junction")),
            "Brain" or "Central nervous system" => new(@"brain|cerebr|frontal|temporal|parietal|occipital", Set("brain", "central nervous system")),
            "Bile duct" => new(@"bile|biliary|cholangio", Set("bile duct")),
            _ => null,
        };
    }

    private sealed record HistologyTargetInfo(string Evidence, string Target);

    private static HistologyTargetInfo? HistologyTarget(string label)
    {
        var l = label.ToLowerInvariant();
        return l switch
        {
            _ when l.Contains("mixed serous and endometrioid", StringComparison.Ordinal) => null,
            _ when l.Contains("carcinosarcoma", StringComparison.Ordinal) => new(@"carcinosarcoma|mixed m[uü]ll?erian|MMMT", "carcinosarcoma"),
            _ when l.Contains("hepatocholangio", StringComparison.Ordinal) => new(@"cholangio", "combined hepatocellular-cholangiocarcinoma"),
            _ when l.Contains("cholangiocarcinoma", StringComparison.Ordinal) => new(@"cholangio", "cholangiocarcinoma"),
            _ when l.Contains("hepatocellular", StringComparison.Ordinal) => new(@"hepatocellular|HCC", "hepatocellular carcinoma"),
            _ when l.Contains("clear cell renal", StringComparison.Ordinal) => new(@"clear[- ]cell|renal cell", "clear cell renal cell carcinoma"),
            _ when l.Contains("papillary renal", StringComparison.Ordinal) => new(@"papillary", "papillary renal cell carcinoma"),
            _ when l.Contains("chromophobe", StringComparison.Ordinal) => new(@"chromophobe", "chromophobe renal cell carcinoma"),
            _ when l.Contains("urothelial", StringComparison.Ordinal) => new(@"urothelial|transitional", "urothelial carcinoma"),
            _ when l.Contains("serous", StringComparison.Ordinal) => new(@"serous", "serous carcinoma"),
            _ when l.Contains("endometrioid", StringComparison.Ordinal) => new(@"endometrioid", "endometrioid carcinoma"),
            _ when l.Contains("squamous", StringComparison.Ordinal) => new(@"squamous|epidermoid", "squamous cell carcinoma"),
            _ when l.Contains("gbm", StringComparison.Ordinal) => new(@"glioblastoma|GBM", "glioblastoma"),
            _ when l.Contains("oligoastrocytoma", StringComparison.Ordinal) => new(@"oligoastrocytoma|mixed glioma", "oligoastrocytoma"),
            _ when l.Contains("oligodendroglioma", StringComparison.Ordinal) => new(@"oligodendroglioma", "oligodendroglioma"),
            _ when l.Contains("astrocytoma", StringComparison.Ordinal) => new(@"astrocytoma", "astrocytoma"),
            _ when l.Contains("bronchioloalveolar", StringComparison.Ordinal) => new(@"bronchiolo", "bronchioloalveolar carcinoma"),
            _ when l.Contains("mucinous", StringComparison.Ordinal) => new(@"mucinous|colloid", "mucinous adenocarcinoma"),
            _ when l.Contains("ductal type", StringComparison.Ordinal) => new(@"adenocarcinoma", "ductal adenocarcinoma"),
            _ when l.Contains("acinar", StringComparison.Ordinal) => new(@"adenocarcinoma", "acinar adenocarcinoma"),
            _ when l.Contains("dlbcl", StringComparison.Ordinal) => new(@"lymphoma", "diffuse large b-cell lymphoma"),
            _ when l.Contains("adenocarcinoma", StringComparison.Ordinal) => new(@"adenocarcinoma", "adenocarcinoma"),
            _ => null,
        };
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:y?p|c)?[TNM]\s?[0-4OoXxIl](?:[a-d][1-3]?)?(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex OtherTnmToken();

    [GeneratedRegex(@"TNM|stag|primary\s+tumou?r|regional\s+lymph|distant\s+metasta|\(p[TNM]\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TnmCue();
}
