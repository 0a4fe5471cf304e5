using System.Text.Json.Serialization;

namespace MedSummary.Extraction.Grounding.Forms;

/// <summary>A label or hint in the two languages of the dossiers.</summary>
public sealed record LocalizedText(string Fr, string En)
{
    public string For(string language) => language == "en" ? En : Fr;
}

/// <summary>Retrieval queries for a field, in both languages (both are always searched: dossiers mix them).</summary>
public sealed record LocalizedQueries(IReadOnlyList<string> Fr, IReadOnlyList<string> En)
{
    public IEnumerable<string> All => Fr.Concat(En);
}

/// <summary>What a field holds, which decides the answer's JSON schema and how a quote must support the value.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FormFieldType>))]
public enum FormFieldType
{
    /// <summary>One value of a closed vocabulary; the quote must contain a surface form of it.</summary>
    [JsonStringEnumMemberName("enum")]
    Enum,

    /// <summary>A set of vocabulary values (metastatic sites), each with its own quote.</summary>
    [JsonStringEnumMemberName("enum_set")]
    EnumSet,

    /// <summary>A TNM category ("T1c", "N0", "M1a"); the quote must write it (with a compatible prefix).</summary>
    [JsonStringEnumMemberName("tnm")]
    Tnm,

    /// <summary>An AJCC stage group ("IIIA").</summary>
    [JsonStringEnumMemberName("stage")]
    Stage,

    /// <summary>"3+4=7": the quote must write the pattern's numbers.</summary>
    [JsonStringEnumMemberName("gleason")]
    Gleason,

    /// <summary>A percentage ("20%"): the quote must write the number.</summary>
    [JsonStringEnumMemberName("percent")]
    Percent,

    /// <summary>A number (age, PSA, ECOG): the quote must write it.</summary>
    [JsonStringEnumMemberName("number")]
    Number,

    /// <summary>An ISO date: the quote must write that date, in any format.</summary>
    [JsonStringEnumMemberName("date")]
    Date,

    /// <summary>A code (ICD-O-3) written verbatim.</summary>
    [JsonStringEnumMemberName("code")]
    Code,

    /// <summary>Free text: its words must come from the quote.</summary>
    [JsonStringEnumMemberName("text")]
    Text,

    /// <summary>A list of treatments (kind, agent, start, end), each with its own quote.</summary>
    [JsonStringEnumMemberName("treatments")]
    Treatments,

    /// <summary>A list of toxicities (name from the vocabulary, CTCAE grade), each with its own quote.</summary>
    [JsonStringEnumMemberName("toxicities")]
    Toxicities,
}

/// <summary>
/// One normalized value and the ways documents write it (lowercase, without accents: matched on folded text at word
/// boundaries). <see cref="AssertsAbsence"/> marks values that are themselves negative statements ("wild-type",
/// "no metastasis"), whose forms are not subject to the negation check.
/// </summary>
public sealed record VocabularyValue
{
    public required string Value { get; init; }

    public IReadOnlyList<string> Forms { get; init; } = [];

    public bool AssertsAbsence { get; init; }
}

/// <summary>One group of fields asked in one prompt (grouping bounds the number of model calls).</summary>
public sealed record FormGroup
{
    public required string Key { get; init; }

    public required LocalizedText Label { get; init; }
}

/// <summary>A field of the tumor-board form, as declared in prompts/forms/*.form.json.</summary>
public sealed record FormField
{
    /// <summary>The key in the output contract (lowercase snake case).</summary>
    public required string Key { get; init; }

    public required LocalizedText Label { get; init; }

    public required FormFieldType Type { get; init; }

    /// <summary>The <see cref="FormGroup.Key"/> of the prompt that asks for this field.</summary>
    public required string Group { get; init; }

    /// <summary>True when the deterministic extractors also fill this field (their findings merge with the model's).</summary>
    public bool Rules { get; init; }

    /// <summary>Normalized values and their surface forms (enum, enum_set, treatments kinds, toxicities names).</summary>
    public IReadOnlyList<VocabularyValue> Vocabulary { get; init; } = [];

    /// <summary>
    /// Words that name the field ("RE", "estrogen"): when declared, the value's surface form must be governed by one of
    /// them (the nearest naming word before it, among every field's anchors, must be this field's).
    /// </summary>
    public IReadOnlyList<string> Anchors { get; init; } = [];

    /// <summary>Words of which at least one must appear anywhere in the quote ("biopsie" for a diagnosis date).</summary>
    public IReadOnlyList<string> Context { get; init; } = [];

    /// <summary>Words that disqualify a quote ("CTCAE" for a histological grade: that grade is a toxicity's).</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    public required LocalizedQueries Hints { get; init; }

    /// <summary>A short instruction for the model about the value's format.</summary>
    public string? Instruction { get; init; }

    /// <summary>tnm: "T", "N" or "M".</summary>
    public string? Category { get; init; }

    /// <summary>tnm: "p" (pathologic) or "c" (clinical).</summary>
    public string? Prefix { get; init; }

    /// <summary>code: "topography" (C50.9) or "morphology" (8500/3).</summary>
    public string? CodeFormat { get; init; }

    /// <summary>number: smallest and largest accepted values.</summary>
    public double? Min { get; init; }

    public double? Max { get; init; }

    public bool IsList => Type is FormFieldType.EnumSet or FormFieldType.Treatments or FormFieldType.Toxicities;

    public VocabularyValue? Find(string value) => Vocabulary.FirstOrDefault(v => string.Equals(v.Value, value, StringComparison.Ordinal));
}

/// <summary>The declared tumor-board form: its groups and fields, in display order.</summary>
public sealed class FormSchema
{
    private readonly Dictionary<string, FormField> _byKey;

    public FormSchema(string name, string version, IReadOnlyList<FormGroup> groups, IReadOnlyList<FormField> fields)
    {
        Name = name;
        Version = version;
        Groups = groups;
        Fields = fields;
        _byKey = fields.ToDictionary(f => f.Key, StringComparer.Ordinal);
    }

    public string Name { get; }

    public string Version { get; }

    public IReadOnlyList<FormGroup> Groups { get; }

    public IReadOnlyList<FormField> Fields { get; }

    public IReadOnlyList<string> Keys => [.. Fields.Select(f => f.Key)];

    public FormField? Field(string key) => _byKey.GetValueOrDefault(key);

    public IReadOnlyList<FormField> FieldsOf(string group) => [.. Fields.Where(f => f.Group == group)];
}
