using System.Diagnostics;
using System.Globalization;
using MedSummary.Core.Gold;
using MedSummary.Samples;

// The sample generator's command line. See eval/README.md.
// An explicit Main rather than top-level statements: this project sees ASP.NET Core through the test support it
// scans with, whose generator would make a top-level Program public and clash with the API's in the test projects.
internal static class Program
{
    private static Task<int> Main(string[] args) => Cli.RunAsync(args);
}

internal static class Cli
{
    private const string Usage = """
        usage: dotnet run --project eval/MedSummary.Samples -- <command> [options]

          samples --out DIR                     write the bundled sample dossiers (samples/)
          goldset --out DIR [--count N] [--seed S] [--noisy-share X] [--conflict-share X]
                  [--lang fr|en|both] [--cancer breast,lung,prostate,colon,rectum] [--parallel P]
                                                write a generated gold set (default 200 dossiers, seed 42)
          dossier --out DIR --name NAME [--cancer C] [--lang fr|en] [--seed S] [--size small|medium|large]
                  [--metastatic true|false] [--conflicts key,key] [--noise X] [--two-columns true|false]
                  [--headers true|false] [--text-exports N]
                                                write one dossier
          verify DIR                            check a gold set: truth files valid, every quote found in its file
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            var options = ParseOptions(args.Skip(1).ToArray(), out var positional);
            return args[0] switch
            {
                "samples" => Samples(Require(options, "out")),
                "goldset" => GoldSetCommand(options),
                "dossier" => Dossier(options),
                "verify" => await VerifyAsync(positional.FirstOrDefault() ?? Require(options, "dir")),
                _ => Fail($"unknown command '{args[0]}'"),
            };
        }
        catch (ArgumentException ex)
        {
            return Fail(ex.Message);
        }
        catch (GoldFormatException ex)
        {
            Console.Error.WriteLine($"error [{ex.Code}]: {ex.Message}");
            return 1;
        }
    }

    private static int Samples(string output)
    {
        var watch = Stopwatch.StartNew();
        var summaries = GoldSetWriter.WriteSamples(output);
        Report(summaries, watch.Elapsed, output);
        return 0;
    }

    private static int GoldSetCommand(Dictionary<string, string> options)
    {
        var output = Require(options, "out");
        var gold = new GoldSetOptions
        {
            Count = Int(options, "count", 200),
            Seed = Int(options, "seed", 42),
            NoisyShare = Double(options, "noisy-share", 0.4),
            ConflictShare = Double(options, "conflict-share", 0.2),
            Parallelism = Int(options, "parallel", Environment.ProcessorCount),
            Languages = options.TryGetValue("lang", out var lang) && lang != "both" ? [Language(lang)] : [DossierLanguage.French, DossierLanguage.English],
            Cancers = options.TryGetValue("cancer", out var cancers) ? cancers.Split(',').Select(Cancer).ToList() : Enum.GetValues<CancerType>(),
        };
        var watch = Stopwatch.StartNew();
        var summaries = GoldSetWriter.WriteGoldSet(gold, output);
        Report(summaries, watch.Elapsed, output);
        return 0;
    }

    private static int Dossier(Dictionary<string, string> options)
    {
        var spec = new SampleSpec
        {
            Name = Require(options, "name"),
            Cancer = options.TryGetValue("cancer", out var cancer) ? Cancer(cancer) : CancerType.Breast,
            Language = options.TryGetValue("lang", out var lang) ? Language(lang) : DossierLanguage.French,
            Seed = Int(options, "seed", 1),
            Size = options.TryGetValue("size", out var size) ? Enum.Parse<DossierSize>(size, ignoreCase: true) : DossierSize.Medium,
            Metastatic = options.TryGetValue("metastatic", out var m) ? bool.Parse(m) : null,
            ConflictFields = options.TryGetValue("conflicts", out var conflicts) ? conflicts.Split(',', StringSplitOptions.RemoveEmptyEntries) : [],
            Noise = Double(options, "noise", 0),
            TwoColumns = options.TryGetValue("two-columns", out var two) ? bool.Parse(two) : null,
            RunningHeaders = options.TryGetValue("headers", out var headers) ? bool.Parse(headers) : null,
            TextExports = Int(options, "text-exports", 0),
        };
        var watch = Stopwatch.StartNew();
        var dossier = SampleDossierGenerator.Generate(spec);
        var output = Require(options, "out");
        Directory.CreateDirectory(output);
        dossier.WriteTo(output);
        Report([GeneratedDossierSummary.Of(spec, dossier)], watch.Elapsed, output);
        return 0;
    }

    private static async Task<int> VerifyAsync(string directory)
    {
        var watch = Stopwatch.StartNew();
        var dossiers = await GoldSet.LoadAsync(directory);
        var problems = await GoldSetVerifier.VerifyAsync(directory);
        foreach (var p in problems.Take(50))
        {
            Console.WriteLine($"{p.Dossier}: {p.Where}: '{p.Quote.Text}' in {p.Quote.File} p{p.Quote.Page?.ToString(CultureInfo.InvariantCulture) ?? "?"}: {p.Reason}");
        }

        var quotes = dossiers.Sum(d => GoldSetVerifier.AllQuotes(d.Truth).Count());
        Console.WriteLine($"{dossiers.Count} dossier(s), {quotes} quote(s), {problems.Count} problem(s) in {watch.Elapsed.TotalSeconds:F1} s");
        return problems.Count == 0 ? 0 : 1;
    }

    private static void Report(IReadOnlyList<GeneratedDossierSummary> summaries, TimeSpan elapsed, string output)
    {
        if (summaries.Count <= 20)
        {
            foreach (var s in summaries)
            {
                Console.WriteLine($"{s.Name,-24} {s.Cancer,-9} {s.Language} {s.Files,3} files {s.Pages,4} pages {s.Bytes / 1024.0,8:F1} KiB{(s.Conflicts.Count > 0 ? "  conflicts: " + string.Join(',', s.Conflicts) : "")}{(s.Noise > 0 ? $"  noise {s.Noise}" : "")}");
            }
        }

        Console.WriteLine(
            $"{summaries.Count} dossier(s), {summaries.Sum(s => s.Files)} files, {summaries.Sum(s => s.Pages)} pages, "
            + $"{summaries.Sum(s => s.Bytes) / 1048576.0:F2} MiB written to {output} in {elapsed.TotalSeconds:F1} s");
    }

    private static Dictionary<string, string> ParseOptions(string[] args, out List<string> positional)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        positional = [];
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= args.Length)
                {
                    throw new ArgumentException($"option {args[i]} needs a value");
                }

                options[args[i][2..]] = args[++i];
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        return options;
    }

    private static string Require(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

    private static int Int(Dictionary<string, string> options, string name, int fallback) =>
        !options.TryGetValue(name, out var text) ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw new ArgumentException($"--{name} must be an integer, not '{text}'");

    private static double Double(Dictionary<string, string> options, string name, double fallback) =>
        !options.TryGetValue(name, out var text) ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
        : throw new ArgumentException($"--{name} must be a number, not '{text}'");

    private static DossierLanguage Language(string text) => text switch
    {
        "fr" => DossierLanguage.French,
        "en" => DossierLanguage.English,
        _ => throw new ArgumentException($"--lang must be fr, en or both, not '{text}'"),
    };

    private static CancerType Cancer(string text) =>
        Enum.TryParse<CancerType>(text, ignoreCase: true, out var cancer)
            ? cancer
            : throw new ArgumentException($"unknown cancer type '{text}' (breast, lung, prostate, colon, rectum)");

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        Console.Error.WriteLine(Usage);
        return 2;
    }
}
