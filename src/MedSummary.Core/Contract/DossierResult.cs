using System.Text.Json.Serialization;

namespace MedSummary.Core.Contract;

/// <summary>
/// The output contract, schema version 1: what the CLI writes, the API serves and the evaluation reads.
/// It may be extended with new optional members; existing members never change meaning or shape.
/// </summary>
public sealed record DossierResult
{
    public const string CurrentSchemaVersion = "1";

    public string SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Extension: the dossier id (derived from its documents' ids).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DossierId { get; init; }

    public IReadOnlyList<DocumentInfo> Documents { get; init; } = [];

    public FormResult Form { get; init; } = new();

    public IReadOnlyList<SummarySentence> Summary { get; init; } = [];

    public IReadOnlyList<ClinicalAlert> Alerts { get; init; } = [];

    /// <summary>Extension: the patient's journey as dated events, oldest first, each cited.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TimelineEvent>? Timeline { get; init; }

    /// <summary>Extension: inputs that could not be read, each with a stable code and a one-line reason.</summary>
    public IReadOnlyList<InputError> Errors { get; init; } = [];

    /// <summary>Extension: how the result was produced (engines, model, counts), for the reader and for audits.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ProcessingInfo? Processing { get; init; }

    /// <summary>
    /// Extension: the patient the dossier is about, as its documents state it (each part cited). Null when no
    /// document states an identity. When documents disagree, this holds the identity most documents state and an
    /// alert of kind <see cref="AlertKinds.DifferentPatients"/> cites both sides.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PatientIdentity? Patient { get; init; }
}

public sealed record DocumentInfo(string Id, string FileName, int PageCount, string Sha256, string Language)
{
    /// <summary>Extension: the patient identity this document states (null when it states none).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PatientIdentity? Patient { get; init; }
}

/// <summary>
/// A patient's identity as documents state it. Every part is cited; a part no document states is null (or an empty
/// list). Identity is patient data: it is shown in reports and FHIR, never written to logs or metrics.
/// </summary>
public sealed record PatientIdentity
{
    /// <summary>The name as written ("DUPONT Marie"); normalized: upper case, accents folded, family name first when known.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IdentityPart? Name { get; init; }

    /// <summary>The birth date as written; normalized: ISO 8601 (yyyy-MM-dd).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IdentityPart? BirthDate { get; init; }

    /// <summary>The sex as written; normalized: "female" or "male".</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IdentityPart? Sex { get; init; }

    /// <summary>Hospital identifiers (IPP, NIP, MRN, NHS number...); <see cref="IdentityPart.Kind"/> names each.</summary>
    public IReadOnlyList<IdentityPart> Identifiers { get; init; } = [];
}

/// <summary>One part of an identity: the value as written, its normalized form and the passages that state it.</summary>
public sealed record IdentityPart(string Value, string Normalized, IReadOnlyList<Citation> Citations)
{
    /// <summary>For an identifier, its kind as the document names it, upper case ("IPP", "NIP", "MRN").</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Kind { get; init; }
}

public sealed record FormResult
{
    /// <summary>Every declared field key is present; absent values have status not_found.</summary>
    public IReadOnlyDictionary<string, FieldResult> Fields { get; init; } = new Dictionary<string, FieldResult>();
}

/// <summary>Field statuses of the contract.</summary>
public static class FieldStatus
{
    public const string Found = "found";
    public const string NotFound = "not_found";
    public const string Conflict = "conflict";
}

/// <summary>
/// Why a field holds what it holds (<see cref="FieldResult.State"/>), so a reader tells "the documents do not say"
/// apart from "nobody looked".
/// </summary>
public static class FieldState
{
    /// <summary>The documents state it (status found or conflict); the value is cited.</summary>
    public const string Stated = "stated";

    /// <summary>The field was looked for (by rules, or by a model that answered) and the documents do not state it.</summary>
    public const string NotStated = "not_stated";

    /// <summary>Not attempted: the field needs a model and none is configured (rules-only run).</summary>
    public const string NotAttempted = "not_attempted";

    /// <summary>The field needed the model and the model failed; <see cref="FieldResult.Reason"/> says why, in words.</summary>
    public const string ModelFailed = "model_failed";
}

/// <summary>Where a field value came from.</summary>
public static class FieldSource
{
    public const string Rule = "rule";
    public const string Llm = "llm";
}

public sealed record FieldResult
{
    /// <summary>The value as written in the source (for a conflict: null; see <see cref="Candidates"/>).</summary>
    public string? Value { get; init; }

    /// <summary>The value in the field's normalized vocabulary.</summary>
    public string? Normalized { get; init; }

    public string Status { get; init; } = FieldStatus.NotFound;

    /// <summary>0..1; derivation documented where the field is assembled.</summary>
    public double Confidence { get; init; }

    /// <summary>"rule" or "llm"; null when not found.</summary>
    public string? Source { get; init; }

    public IReadOnlyList<Citation> Citations { get; init; } = [];

    /// <summary>Extension: for a conflict, each distinct value with its own citations.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FieldCandidate>? Candidates { get; init; }

    /// <summary>
    /// Extension: for a coded field (ICD-O-3 topography or morphology), the code's label, in the language of the
    /// document the code was read from ("Quadrant supéro-externe du sein" beside C50.4).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Label { get; init; }

    /// <summary>Extension: why a value was not reported (e.g. its quote did not support it), kept for review.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    /// <summary>
    /// Extension: for a list field (prior treatments, toxicities, metastatic sites), each item with its own parts and
    /// citations. <see cref="Value"/> and <see cref="Normalized"/> then join the items with "; ".
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FieldItem>? Items { get; init; }

    /// <summary>
    /// Extension: one of <see cref="FieldState"/>. <see cref="Status"/> keeps its meaning (found / not_found /
    /// conflict); this tells a not_found field's cause. Null only in results written before the property existed.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? State { get; init; }

    public static FieldResult NotFound(string? reason = null) => new() { Reason = reason };
}

/// <summary>
/// One item of a list field: its value as written, its normalized form, optional named parts (a treatment's
/// "kind", "agent", "start", "end"; a toxicity's "grade") and the citations that support it.
/// </summary>
public sealed record FieldItem(string? Value, string Normalized, IReadOnlyList<Citation> Citations)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Parts { get; init; }
}

public sealed record FieldCandidate(string? Value, string? Normalized, string Source, double Confidence, IReadOnlyList<Citation> Citations);

/// <summary>
/// A pointer to the exact passage supporting a claim: <see cref="Quote"/> is the document's canonical text from
/// <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive), 0-based, on 1-based <see cref="Page"/>.
/// Built by code from source offsets, never taken from model output.
/// </summary>
public sealed record Citation(string DocumentId, string FileName, int Page, int Start, int End, string Quote);

public sealed record SummarySentence(string Text, IReadOnlyList<Citation> Citations);

/// <summary>Kinds of timeline events (extension of schema 1).</summary>
public static class TimelineKinds
{
    public const string Diagnosis = "diagnosis";
    public const string Biopsy = "biopsy";
    public const string Surgery = "surgery";
    public const string Chemotherapy = "chemotherapy";
    public const string Radiotherapy = "radiotherapy";
    public const string HormoneTherapy = "hormone_therapy";
    public const string TargetedTherapy = "targeted_therapy";
    public const string Immunotherapy = "immunotherapy";
    public const string Imaging = "imaging";
    public const string Relapse = "relapse";
    public const string Progression = "progression";
    public const string Toxicity = "toxicity";

    /// <summary>First symptoms (usually month precision).</summary>
    public const string Symptom = "symptom";

    /// <summary>Multidisciplinary tumour board (RCP, MDT).</summary>
    public const string TumorBoard = "tumor_board";

    /// <summary>A response assessment: partial or complete response, stable disease, no evidence of disease.</summary>
    public const string Response = "response";

    public const string Other = "other";

    /// <summary>Kinds whose events are treatment lines, with a start <see cref="TimelineEvent.Date"/> and an optional <see cref="TimelineEvent.EndDate"/>.</summary>
    public static IReadOnlyList<string> Treatments { get; } = [Chemotherapy, Radiotherapy, HormoneTherapy, TargetedTherapy, Immunotherapy];
}

/// <summary>
/// One dated step of the patient's journey: <see cref="Date"/> (ISO 8601, day or month precision), an optional
/// <see cref="EndDate"/> for treatment lines, a kind from <see cref="TimelineKinds"/>, a short description built
/// from the cited text, and its citations.
/// </summary>
public sealed record TimelineEvent(string Date, string? EndDate, string Kind, string Description, IReadOnlyList<Citation> Citations);

/// <summary>Kinds of clinical alerts (the same words as the gold format's alert kinds).</summary>
public static class AlertKinds
{
    /// <summary>A laboratory value outside its reference range; <see cref="ClinicalAlert.About"/> names the analyte.</summary>
    public const string LabAbnormal = "lab_abnormal";

    /// <summary>Documents disagree on a form field; <see cref="ClinicalAlert.About"/> is the field key.</summary>
    public const string Contradiction = "contradiction";

    /// <summary>
    /// Documents of different patients in one dossier (different birth date or identifier, or a name differing
    /// beyond accents, case and order); the citations show both identities.
    /// </summary>
    public const string DifferentPatients = "different_patients";
}

public sealed record ClinicalAlert(string Kind, string Message, IReadOnlyList<Citation> Citations)
{
    /// <summary>Extension: "info", "warning" or "critical".</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Severity { get; init; }

    /// <summary>Extension: what the alert is about: an analyte ("hemoglobin") for a lab alert, a field key for a contradiction.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? About { get; init; }

    /// <summary>Extension: for a lab alert, the value with its unit as written, decimal point ("8.2 g/dL").</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Value { get; init; }

    /// <summary>Extension: for a lab alert, "low" or "high".</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Direction { get; init; }

    /// <summary>Extension: for a lab alert, the ISO 8601 date of the sample, when stated.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Date { get; init; }
}

/// <summary>An input that could not be read: the file name, a stable code from <see cref="Errors.InputErrorCodes"/> and a reason.</summary>
public sealed record InputError(string FileName, string Code, string Message);

public sealed record ProcessingInfo
{
    /// <summary>"rules" when no chat model is configured, "rules+llm" otherwise.</summary>
    public string Mode { get; init; } = "rules";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ChatModel { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EmbeddingModel { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Note { get; init; }

    public string Version { get; init; } = "";

    /// <summary>Prompt tokens sent to the chat model for this dossier (null: no model call).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? PromptTokens { get; init; }

    /// <summary>Tokens generated by the chat model for this dossier (null: no model call).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? GeneratedTokens { get; init; }

    /// <summary>Chat model calls made for this dossier.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ModelCalls { get; init; }

    /// <summary>Summary sentences the verifier dropped because their cited spans did not support them.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? SentencesDropped { get; init; }

    /// <summary>Model-proposed field values that were not reported because their quotes did not support them.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ValuesRejected { get; init; }

    /// <summary>Wall-clock seconds spent on the dossier.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Seconds { get; init; }
}
