using System.Text.Json.Serialization;

namespace MedSummary.Core.Gold;

/// <summary>
/// The expected answer for one dossier of a gold set (the dossier's <c>truth.json</c>), schema version 1.
/// Written by the sample generator or by hand; read by the evaluation. The format is documented in eval/README.md.
/// </summary>
public sealed record GoldTruth
{
    public const string CurrentSchemaVersion = "1";

    public string SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The dossier's name: the name of its folder.</summary>
    public string Dossier { get; init; } = "";

    /// <summary>ISO 639-1 code of the dossier's dominant language ("fr", "en").</summary>
    public string Language { get; init; } = "und";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }

    /// <summary>
    /// Who the dossier is about, as its documents identify the patient; null when not stated (older gold files). A
    /// document naming someone else is a misfiled one, expected as a <see cref="GoldAlertKinds.DifferentPatients"/> alert.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GoldPatient? Patient { get; init; }

    /// <summary>Optional description of the dossier's files; the folder's content is what counts.</summary>
    public IReadOnlyList<GoldFile> Files { get; init; } = [];

    /// <summary>
    /// Per field key (contract keys and <see cref="GoldFields"/> extensions), what the form must say.
    /// A key that is absent is not evaluated; a key mapped to a not-found expectation must come out not_found.
    /// </summary>
    public IReadOnlyDictionary<string, GoldField> Fields { get; init; } = new Dictionary<string, GoldField>();

    public IReadOnlyList<GoldTreatment> Treatments { get; init; } = [];

    public IReadOnlyList<GoldToxicity> Toxicities { get; init; } = [];

    public IReadOnlyList<GoldAlert> Alerts { get; init; } = [];

    public IReadOnlyList<GoldEvent> Timeline { get; init; } = [];
}

/// <summary>One file of the dossier: its name in the folder and, optionally, its kind, page count and date.</summary>
public sealed record GoldFile
{
    public string Name { get; init; } = "";

    /// <summary>Document kind (see <see cref="GoldDocumentKinds"/>); free text is accepted.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Kind { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Pages { get; init; }

    /// <summary>The document's own date, ISO 8601.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Date { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Language { get; init; }

    /// <summary>
    /// True when every page of the file is an image with no text layer (a scan): its text, and so its quotes, are
    /// what OCR should read. Null (omitted) for files with a text layer.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Scanned { get; init; }
}

/// <summary>The patient's identity as the dossier's own documents state it.</summary>
public sealed record GoldPatient
{
    /// <summary>First name and surname, as written (accents kept, no title): "Sylvie Lemaître".</summary>
    public string Name { get; init; } = "";

    /// <summary>ISO 8601 date of birth.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BirthDate { get; init; }

    /// <summary>"female" or "male".</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Sex { get; init; }

    /// <summary>The hospital's patient number (French IPP, English MRN or hospital number), as written.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Identifier { get; init; }
}

/// <summary>What the evaluation expects of a field.</summary>
public enum GoldExpectation
{
    /// <summary>The value is stated nowhere in the dossier: the field must be not_found.</summary>
    NotFound,

    /// <summary>One value (or, for multi-valued fields, one set of values) must be found.</summary>
    Found,

    /// <summary>The documents disagree: the field must be a conflict whose candidates include every listed value.</summary>
    Conflict,
}

/// <summary>
/// The expectation for one field. In JSON it is either <c>null</c> (not stated anywhere), a string (the
/// normalized value) or an object with one of <c>value</c>, <c>values</c> or <c>conflict</c>, plus optional quotes.
/// </summary>
[JsonConverter(typeof(GoldFieldJsonConverter))]
public sealed record GoldField
{
    /// <summary>The expected normalized value of a single-valued field.</summary>
    public string? Value { get; init; }

    /// <summary>The expected set of normalized values of a multi-valued field (order does not matter; empty means "stated: none").</summary>
    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>The distinct normalized values the documents disagree on (at least two).</summary>
    public IReadOnlyList<string>? Conflict { get; init; }

    /// <summary>Passages that support the value; a good answer cites one of them.</summary>
    public IReadOnlyList<GoldQuote> Quotes { get; init; } = [];

    /// <summary>Free text for the reader of the gold set; never evaluated.</summary>
    public string? Note { get; init; }

    public GoldExpectation Expectation =>
        Conflict is not null ? GoldExpectation.Conflict
        : Value is not null || Values is not null ? GoldExpectation.Found
        : GoldExpectation.NotFound;

    public static GoldField NotStated { get; } = new();

    public static GoldField Of(string value, params IReadOnlyList<GoldQuote> quotes) => new() { Value = value, Quotes = quotes };

    public static GoldField OfSet(IReadOnlyList<string> values, params IReadOnlyList<GoldQuote> quotes) => new() { Values = values, Quotes = quotes };

    public static GoldField InConflict(IReadOnlyList<string> values, params IReadOnlyList<GoldQuote> quotes) => new() { Conflict = values, Quotes = quotes };
}

/// <summary>
/// A verbatim snippet of a file's text. It matches when, after <see cref="GoldText.NormalizeWhitespace"/> on both
/// sides, it occurs in the text of <see cref="File"/> (on <see cref="Page"/> when given).
/// </summary>
public sealed record GoldQuote
{
    public string File { get; init; } = "";

    /// <summary>1-based page where the snippet starts; null when not stated.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Page { get; init; }

    public string Text { get; init; } = "";

    /// <summary>For a conflict: the normalized value this passage supports.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Value { get; init; }
}

/// <summary>A treatment the dossier describes (kinds in <see cref="GoldTreatmentKinds"/>).</summary>
public sealed record GoldTreatment
{
    public string Kind { get; init; } = "";

    /// <summary>Regimen or procedure, in English (e.g. "FEC100 x3 then docetaxel x3", "left lumpectomy").</summary>
    public string Name { get; init; } = "";

    /// <summary>ISO 8601 start date (or the date of a one-day treatment such as surgery).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Start { get; init; }

    /// <summary>ISO 8601 end date; null while ongoing or for one-day treatments.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? End { get; init; }

    /// <summary>"curative", "neoadjuvant", "adjuvant", "palliative" (first line...) when stated.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Intent { get; init; }

    public IReadOnlyList<GoldQuote> Quotes { get; init; } = [];
}

/// <summary>An adverse event of treatment: an English lowercase name and its CTCAE grade.</summary>
public sealed record GoldToxicity
{
    public string Name { get; init; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Grade { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Date { get; init; }

    /// <summary>The treatment held responsible, when stated (same wording as <see cref="GoldTreatment.Name"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Treatment { get; init; }

    public IReadOnlyList<GoldQuote> Quotes { get; init; } = [];
}

/// <summary>
/// An alert the dossier must raise: its kind (<see cref="GoldAlertKinds"/>) and what it is about: a lab analyte
/// (<see cref="GoldLabs"/>) for an abnormal lab, a field key for a contradiction.
/// </summary>
public sealed record GoldAlert
{
    public string Kind { get; init; } = "";

    public string About { get; init; } = "";

    /// <summary>For a lab: the most recent abnormal value with its unit, as written but with a decimal point (e.g. "8.2 g/dL").</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Value { get; init; }

    /// <summary>For a lab: "low" or "high".</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Direction { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Date { get; init; }

    public IReadOnlyList<GoldQuote> Quotes { get; init; } = [];
}

/// <summary>A dated event of the patient's history, for the timeline (kinds in <see cref="GoldEventKinds"/>).</summary>
public sealed record GoldEvent
{
    /// <summary>ISO 8601: a day ("2023-03-14"), or a month ("2023-03") when only that is stated.</summary>
    public string Date { get; init; } = "";

    public string Kind { get; init; } = "";

    /// <summary>A short English description for the reader; not compared word for word.</summary>
    public string Description { get; init; } = "";

    public IReadOnlyList<GoldQuote> Quotes { get; init; } = [];
}
