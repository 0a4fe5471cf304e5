using System.Text.Json;
using System.Text.Json.Serialization;
using MedSummary.Core.Contract;
using MedSummary.Extraction.Grounding.Text;
using MedSummary.Extraction.Prompts;

namespace MedSummary.Extraction.Grounding.Forms;

/// <summary>
/// Reads and validates a form schema file. Every problem is reported at once, naming the file and the field, so a bad
/// schema fails at start rather than on the first dossier.
/// </summary>
public static class FormSchemaLoader
{
    /// <summary>The default form, under prompts/.</summary>
    public const string DefaultPath = "forms/rcp.form.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static FormSchema Load(IPromptProvider prompts, string path = DefaultPath)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        return Parse(prompts.ReadText(path), path);
    }

    /// <summary>Parses and validates; throws <see cref="FormatException"/> listing every problem.</summary>
    public static FormSchema Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        FileModel? model;
        try
        {
            model = JsonSerializer.Deserialize<FileModel>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Form schema '{source}': not valid JSON for a form ({ex.Message}).", ex);
        }

        if (model is null)
        {
            throw new FormatException($"Form schema '{source}': empty.");
        }

        var problems = Validate(model);
        if (problems.Count > 0)
        {
            throw new FormatException($"Form schema '{source}' is invalid: {string.Join(" ", problems)}");
        }

        // Surface forms are compared on folded text; fold them once here so the file can be written naturally.
        var fields = model.Fields.Select(f => f with
        {
            Vocabulary = [.. f.Vocabulary.Select(v => v with { Forms = [.. v.Forms.Select(TextFolding.FoldWords).Where(x => x.Length > 0).Distinct(StringComparer.Ordinal)] })],
            Anchors = [.. f.Anchors.Select(TextFolding.FoldWords).Distinct(StringComparer.Ordinal)],
            Context = [.. f.Context.Select(TextFolding.FoldWords).Distinct(StringComparer.Ordinal)],
            Exclude = [.. f.Exclude.Select(TextFolding.FoldWords).Distinct(StringComparer.Ordinal)],
        }).ToList();
        return new FormSchema(model.Form, model.Version, model.Groups, fields);
    }

    private static List<string> Validate(FileModel model)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(model.Form))
        {
            problems.Add("'form' (the form's name) is required.");
        }

        var groups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in model.Groups)
        {
            if (string.IsNullOrWhiteSpace(g.Key) || !groups.Add(g.Key))
            {
                problems.Add($"group '{g.Key}' is blank or declared twice.");
            }
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in model.Fields)
        {
            var at = $"field '{f.Key}':";
            if (string.IsNullOrWhiteSpace(f.Key) || !f.Key.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            {
                problems.Add($"{at} the key must be lowercase snake case.");
            }

            if (!keys.Add(f.Key))
            {
                problems.Add($"{at} declared twice.");
            }

            if (!groups.Contains(f.Group))
            {
                problems.Add($"{at} group '{f.Group}' is not declared.");
            }

            if (string.IsNullOrWhiteSpace(f.Label?.Fr) || string.IsNullOrWhiteSpace(f.Label?.En))
            {
                problems.Add($"{at} labels in French and English are required.");
            }

            if (f.Hints is null || f.Hints.Fr.Count == 0 || f.Hints.En.Count == 0 || f.Hints.All.Any(string.IsNullOrWhiteSpace))
            {
                problems.Add($"{at} retrieval hints in French and English are required.");
            }

            var needsVocabulary = f.Type is FormFieldType.Enum or FormFieldType.EnumSet or FormFieldType.Treatments or FormFieldType.Toxicities;
            if (needsVocabulary && f.Vocabulary.Count == 0)
            {
                problems.Add($"{at} a {f.Type} field needs a vocabulary.");
            }

            if (!needsVocabulary && f.Vocabulary.Count > 0)
            {
                problems.Add($"{at} a {f.Type} field takes no vocabulary.");
            }

            var values = new HashSet<string>(StringComparer.Ordinal);
            foreach (var v in f.Vocabulary)
            {
                if (string.IsNullOrWhiteSpace(v.Value) || !values.Add(v.Value))
                {
                    problems.Add($"{at} vocabulary value '{v.Value}' is blank or declared twice.");
                }

                if (v.Forms.Count == 0 || v.Forms.Any(x => TextFolding.FoldWords(x).Length == 0))
                {
                    problems.Add($"{at} vocabulary value '{v.Value}' needs non-blank surface forms.");
                }
            }

            if (f.Type == FormFieldType.Tnm && (f.Category is not ("T" or "N" or "M") || f.Prefix is not ("p" or "c")))
            {
                problems.Add($"{at} a tnm field needs category T, N or M and prefix p or c.");
            }

            if (f.Type == FormFieldType.Code && f.CodeFormat is not ("topography" or "morphology"))
            {
                problems.Add($"{at} a code field needs codeFormat topography or morphology.");
            }

            if (f.Min is { } min && f.Max is { } max && min > max)
            {
                problems.Add($"{at} min is above max.");
            }
        }

        foreach (var key in ContractFields.Required.Where(k => !keys.Contains(k)))
        {
            problems.Add($"contract field '{key}' is missing.");
        }

        foreach (var g in groups.Where(g => model.Fields.All(f => f.Group != g)))
        {
            problems.Add($"group '{g}' has no field.");
        }

        return problems;
    }

    private sealed record FileModel
    {
        [JsonPropertyName("$comment")]
        public string? Comment { get; init; }

        public string Form { get; init; } = "";

        public string Version { get; init; } = "1";

        public IReadOnlyList<FormGroup> Groups { get; init; } = [];

        public IReadOnlyList<FormField> Fields { get; init; } = [];
    }
}
