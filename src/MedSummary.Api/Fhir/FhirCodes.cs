using MedSummary.Core.Contract;

namespace MedSummary.Api.Fhir;

/// <summary>
/// The code systems of the FHIR export. LOINC only where the code is well established for the concept (TNM
/// categories, ER/PR/HER2 interpretation in tissue, Gleason score); every field also carries our own code (the
/// contract's field key) so nothing depends on a LOINC mapping. Ki-67, grade and extension fields have our code
/// only, with the field's label as text.
/// </summary>
public static class FhirCodes
{
    public const string Loinc = "http://loinc.org";

    /// <summary>Our field keys as codes.</summary>
    public const string FieldSystem = "urn:medsummary:fhir:CodeSystem:form-field";

    /// <summary>The normalized values of our vocabulary (e.g. "positive", "T2").</summary>
    public const string NormalizedSystem = "urn:medsummary:fhir:CodeSystem:normalized-value";

    public const string AlertSystem = "urn:medsummary:fhir:CodeSystem:alert-kind";

    public const string DocumentTypeSystem = "urn:medsummary:fhir:CodeSystem:document-type";

    public const string SectionSystem = "urn:medsummary:fhir:CodeSystem:section";

    public const string DocumentHashSystem = "urn:medsummary:document-sha256";

    /// <summary>
    /// The extension on a Provenance entity giving the cited span in the source document: sub-extensions
    /// "page" (1-based), "start" and "end" (0-based character offsets in the document's canonical text, end
    /// exclusive) and "quote" (the text of the span, exactly).
    /// </summary>
    public const string CitationExtension = "urn:medsummary:fhir:StructureDefinition:citation-span";

    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string ObservationInterpretation = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    public const string ProvenanceParticipantType = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
    public const string DataAbsentReason = "http://terminology.hl7.org/CodeSystem/data-absent-reason";

    /// <summary>The kind of alert for an abnormal laboratory value.</summary>
    public const string LabAbnormalAlert = "lab_abnormal";

    private static readonly Dictionary<string, string> LoincByField = new(StringComparer.Ordinal)
    {
        [ContractFields.PathologicT] = "21899-0",
        [ContractFields.PathologicN] = "21900-6",
        [ContractFields.PathologicM] = "21901-4",
        [ContractFields.ClinicalT] = "21905-5",
        [ContractFields.ClinicalN] = "21906-3",
        [ContractFields.ClinicalM] = "21907-1",
        [ContractFields.ErStatus] = "16112-5",
        [ContractFields.PrStatus] = "16113-3",
        [ContractFields.Her2Status] = "48676-1",
        [ContractFields.GleasonScore] = "35266-6",
    };

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [ContractFields.PrimarySite] = "Primary site",
        [ContractFields.Laterality] = "Laterality",
        [ContractFields.Histology] = "Histology",
        [ContractFields.Grade] = "Histologic grade",
        [ContractFields.GleasonScore] = "Gleason score",
        [ContractFields.PathologicT] = "Pathologic primary tumor (pT)",
        [ContractFields.PathologicN] = "Pathologic regional lymph nodes (pN)",
        [ContractFields.PathologicM] = "Pathologic distant metastases (pM)",
        [ContractFields.ClinicalT] = "Clinical primary tumor (cT)",
        [ContractFields.ClinicalN] = "Clinical regional lymph nodes (cN)",
        [ContractFields.ClinicalM] = "Clinical distant metastases (cM)",
        [ContractFields.Stage] = "Stage group",
        [ContractFields.ErStatus] = "Estrogen receptor status",
        [ContractFields.PrStatus] = "Progesterone receptor status",
        [ContractFields.Her2Status] = "HER2 status",
        [ContractFields.Ki67] = "Ki-67 proliferation index",
        [ContractFields.DateOfDiagnosis] = "Date of diagnosis",
    };

    private static readonly HashSet<string> Biomarkers = new(StringComparer.Ordinal)
    {
        ContractFields.ErStatus, ContractFields.PrStatus, ContractFields.Her2Status, ContractFields.Ki67,
    };

    public static string? LoincFor(string fieldKey) => LoincByField.GetValueOrDefault(fieldKey);

    public static string LabelOf(string fieldKey) => Labels.GetValueOrDefault(fieldKey) ?? fieldKey.Replace('_', ' ');

    public static bool IsBiomarker(string fieldKey) => Biomarkers.Contains(fieldKey) || fieldKey.EndsWith("_status", StringComparison.Ordinal);
}
