using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using MedSummary.Api.Review;
using MedSummary.Api.Storage;
using MedSummary.Core.Contract;

namespace MedSummary.Api.Fhir;

/// <summary>What the FHIR export is made from: the dossier, its result, the reviews, and the uploaded files (for hashes).</summary>
public sealed record FhirExportInput(
    DossierRecord Record,
    DossierResult Result,
    IReadOnlyDictionary<string, FieldReview> Reviews,
    IReadOnlyList<UploadRecord> Uploads,
    string PatientIdentifierSystem);

/// <summary>
/// The dossier as a FHIR R4 document Bundle: a Composition (the summary, with sections pointing at the other
/// resources), a Patient carrying the external reference and the identity the documents state (name, birth date, gender, hospital identifiers), the Device that produced it, a Condition (diagnosis,
/// site, stage, onset), Observations (TNM, biomarkers, grade and other form fields, abnormal-lab alerts), a
/// DocumentReference per uploaded file, and a Provenance per clinical resource tying it to the cited spans of its
/// source documents. Values are the reviewed ones (a correction replaces the machine's value, a rejection removes
/// it). Resource ids are derived from the dossier, so two exports of the same state are identical.
/// </summary>
public static partial class FhirBundleBuilder
{
    private static readonly HashSet<string> ConditionFields = new(StringComparer.Ordinal)
    {
        ContractFields.PrimarySite, ContractFields.Laterality, ContractFields.Histology, ContractFields.Stage, ContractFields.DateOfDiagnosis,
    };

    public static Bundle Build(FhirExportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var record = input.Record;
        var result = input.Result;
        var when = record.FinishedAt ?? record.UpdatedAt;
        var final = record.ValidatedAt is not null;
        var context = new Context(record.Id);

        var patient = new Patient { Id = context.Id("patient") };
        if (record.ExternalRef is { } reference)
        {
            patient.Identifier.Add(new Identifier(input.PatientIdentifierSystem, reference));
        }

        AddIdentity(patient, result.Patient);

        var device = new Device
        {
            Id = context.Id("device"),
            DeviceName = [new Device.DeviceNameComponent { Name = "MedSummary", Type = DeviceNameType.ManufacturerName }],
            Version = [new Device.VersionComponent { Value = result.Processing?.Version ?? "unknown" }],
        };
        if (result.Processing?.Mode is { } mode)
        {
            device.Note.Add(new Annotation { Text = new Markdown($"Processing mode: {mode}{(result.Processing.ChatModel is { } m ? $", model {m}" : string.Empty)}") });
        }

        var documents = input.Uploads.ToDictionary(
            u => u.DocumentId,
            u => DocumentReference(context, u, record, patient),
            StringComparer.Ordinal);

        var fields = result.Form.Fields;
        var condition = Condition(context, fields, input.Reviews, patient, when);
        var observations = new List<(string Key, Observation Resource, IReadOnlyList<Citation> Citations, FieldReview? Review)>();
        foreach (var (key, field) in fields)
        {
            if (ConditionFields.Contains(key))
            {
                continue;
            }

            var review = input.Reviews.GetValueOrDefault(key);
            if (FieldObservation(context, key, field, review, patient, when, final, documents) is { } observation)
            {
                observations.Add((key, observation, Cited(field, review), review));
            }
        }

        for (var i = 0; i < result.Alerts.Count; i++)
        {
            var alert = result.Alerts[i];
            if (alert.Kind == FhirCodes.LabAbnormalAlert)
            {
                observations.Add(($"alert-{i}", LabObservation(context, i, alert, patient, when, final, documents), alert.Citations, null));
            }
        }

        var stageAssessments = observations
            .Where(o => o.Key is ContractFields.PathologicT or ContractFields.PathologicN or ContractFields.PathologicM
                or ContractFields.ClinicalT or ContractFields.ClinicalN or ContractFields.ClinicalM)
            .Select(o => context.Reference(o.Resource))
            .ToList();
        var stage = FinalOf(fields, input.Reviews, ContractFields.Stage);
        if (stage?.Value is not null || stageAssessments.Count > 0)
        {
            condition.Stage.Add(new Condition.StageComponent
            {
                Summary = stage?.Value is { } s ? new CodeableConcept { Text = s, Coding = NormalizedCoding(stage.Normalized) } : null,
                Type = new CodeableConcept { Text = "TNM stage", Coding = [new Coding(FhirCodes.FieldSystem, ContractFields.Stage)] },
                Assessment = stageAssessments,
            });
        }

        var composition = Composition(context, record, result, input.Reviews, patient, device, condition, observations.Select(o => o.Resource).ToList(), documents.Values.ToList(), when, final);

        var provenances = new List<Provenance>
        {
            Provenance(context, "composition", composition, result.Summary.SelectMany(s => s.Citations).ToList(), null, device, documents, when),
            Provenance(context, "condition", condition,
                ConditionFields.SelectMany(k => fields.TryGetValue(k, out var f) ? Cited(f, input.Reviews.GetValueOrDefault(k)) : []).ToList(),
                null, device, documents, when),
        };
        provenances.AddRange(observations.Select(o => Provenance(context, "obs-" + o.Key, o.Resource, o.Citations, o.Review, device, documents, when)));

        var bundle = new Bundle
        {
            Id = context.Id("bundle"),
            Type = Bundle.BundleType.Document,
            Identifier = new Identifier("urn:ietf:rfc:3986", "urn:uuid:" + context.Id("bundle-" + record.FormVersion)),
            Timestamp = record.ValidatedAt ?? when,
        };
        Resource[] all = [composition, patient, device, condition, .. observations.Select(o => o.Resource), .. documents.Values, .. provenances];
        foreach (var resource in all)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = context.FullUrl(resource), Resource = resource });
        }

        return bundle;
    }

    private static Composition Composition(
        Context context,
        DossierRecord record,
        DossierResult result,
        IReadOnlyDictionary<string, FieldReview> reviews,
        Patient patient,
        Device device,
        Condition condition,
        IReadOnlyList<Observation> observations,
        IReadOnlyList<DocumentReference> documents,
        DateTimeOffset when,
        bool final)
    {
        var composition = new Composition
        {
            Id = context.Id("composition"),
            Status = final ? CompositionStatus.Final : CompositionStatus.Preliminary,
            Type = new CodeableConcept(FhirCodes.DocumentTypeSystem, "tumor-board-summary", "Tumor board summary", "Tumor board summary"),
            Subject = context.Reference(patient),
            Date = when.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
            Author = [context.Reference(device)],
            Title = "Tumor board summary",
            Confidentiality = null,
        };

        var form = new StringBuilder("<table><tr><th>Field</th><th>Value</th><th>Status</th></tr>");
        foreach (var (key, field) in result.Form.Fields)
        {
            var value = ReviewedForms.Final(field, reviews.GetValueOrDefault(key));
            form.Append("<tr><td>").Append(X(FhirCodes.LabelOf(key))).Append("</td><td>").Append(X(value.Value ?? "—"))
                .Append("</td><td>").Append(X(value.Status.Replace('_', ' '))).Append("</td></tr>");
        }

        form.Append("</table>");
        composition.Section.Add(Section("diagnosis", "Diagnosis and staging", $"<p>{X(condition.Code?.Text ?? "Not stated")}</p>{form}",
            [context.Reference(condition), .. observations.Select(context.Reference)]));

        var summary = result.Summary.Count == 0
            ? "<p>No summary: values come from the deterministic extractors only.</p>"
            : "<p>" + string.Join(" ", result.Summary.Select(s => X(s.Text))) + "</p>";
        composition.Section.Add(Section("summary", "Summary", summary, []));

        var alerts = result.Alerts.Count == 0
            ? "<p>No alert.</p>"
            : "<ul>" + string.Concat(result.Alerts.Select(a => $"<li>{X(a.Severity ?? "info")}: {X(a.Message)}</li>")) + "</ul>";
        composition.Section.Add(Section("alerts", "Alerts", alerts, []));

        var sources = "<ul>" + string.Concat(documents.Select(d => $"<li>{X(d.Description ?? d.Id ?? "document")}</li>")) + "</ul>";
        composition.Section.Add(Section("sources", "Source documents", sources, [.. documents.Select(context.Reference)]));
        return composition;
    }

    private static Composition.SectionComponent Section(string code, string title, string xhtml, List<ResourceReference> entries) => new()
    {
        Title = title,
        Code = new CodeableConcept(FhirCodes.SectionSystem, code, title, title),
        Text = Narrative(xhtml),
        Entry = entries,
    };

    /// <summary>
    /// The dossier's identity as its documents state it: the name as written (its parts' order is not known for sure,
    /// so only the text), the birth date, the gender, and each hospital identifier with its kind as the type's text
    /// (the issuing system is not stated in the documents).
    /// </summary>
    private static void AddIdentity(Patient patient, PatientIdentity? identity)
    {
        if (identity is null)
        {
            return;
        }

        if (identity.Name is { } name)
        {
            patient.Name.Add(new HumanName { Text = name.Value, Use = HumanName.NameUse.Official });
        }

        if (identity.BirthDate is { } birth)
        {
            patient.BirthDate = birth.Normalized;
        }

        patient.Gender = identity.Sex?.Normalized switch
        {
            "female" => AdministrativeGender.Female,
            "male" => AdministrativeGender.Male,
            _ => null,
        };
        foreach (var id in identity.Identifiers)
        {
            patient.Identifier.Add(new Identifier { Type = new CodeableConcept { Text = id.Kind }, Value = id.Normalized });
        }
    }

    private static Condition Condition(Context context, IReadOnlyDictionary<string, FieldResult> fields, IReadOnlyDictionary<string, FieldReview> reviews, Patient patient, DateTimeOffset when)
    {
        var histology = FinalOf(fields, reviews, ContractFields.Histology);
        var site = FinalOf(fields, reviews, ContractFields.PrimarySite);
        var laterality = FinalOf(fields, reviews, ContractFields.Laterality);
        var siteText = site?.Value is { } s ? (laterality?.Value is { } l ? $"{s} ({l})" : s) : null;
        var text = (histology?.Value, siteText) switch
        {
            ({ } h, { } where) => $"{h}, {where}",
            ({ } h, null) => h,
            (null, { } where) => $"Cancer of {where}",
            _ => "Cancer (histology and site not stated in the sources)",
        };

        var condition = new Condition
        {
            Id = context.Id("condition"),
            Subject = context.Reference(patient),
            Code = new CodeableConcept { Text = text, Coding = NormalizedCoding(histology?.Normalized) },
            RecordedDate = when.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (siteText is not null)
        {
            condition.BodySite.Add(new CodeableConcept { Text = siteText, Coding = NormalizedCoding(site?.Normalized) });
        }

        var date = FinalOf(fields, reviews, ContractFields.DateOfDiagnosis);
        if ((date?.Normalized ?? date?.Value) is { } d && FhirDatePattern().IsMatch(d))
        {
            condition.Onset = new FhirDateTime(d);
        }

        return condition;
    }

    private static Observation? FieldObservation(
        Context context, string key, FieldResult field, FieldReview? review, Patient patient, DateTimeOffset when, bool final,
        Dictionary<string, DocumentReference> documents)
    {
        var value = ReviewedForms.Final(field, review);
        if (value.Status is FieldStatus.NotFound or ReviewedForms.RejectedStatus)
        {
            return null;
        }

        var code = new CodeableConcept { Text = FhirCodes.LabelOf(key), Coding = [new Coding(FhirCodes.FieldSystem, key)] };
        if (FhirCodes.LoincFor(key) is { } loinc)
        {
            code.Coding.Insert(0, new Coding(FhirCodes.Loinc, loinc));
        }

        var observation = new Observation
        {
            Id = context.Id("obs-" + key),
            Status = final ? ObservationStatus.Final : ObservationStatus.Preliminary,
            Code = code,
            Subject = context.Reference(patient),
            Issued = when,
            DerivedFrom = [.. Cited(field, review).Select(c => c.DocumentId).Distinct(StringComparer.Ordinal)
                .Where(documents.ContainsKey).Select(id => context.Reference(documents[id]))],
        };
        if (FhirCodes.IsBiomarker(key))
        {
            observation.Category.Add(new CodeableConcept(FhirCodes.ObservationCategory, "laboratory", "Laboratory", "Laboratory"));
        }

        if (value.Status == FieldStatus.Conflict)
        {
            // Sources disagree and no reviewer settled it: no value, each candidate in the note.
            observation.DataAbsentReason = new CodeableConcept(FhirCodes.DataAbsentReason, "unknown", "Unknown", "The sources disagree");
            var candidates = string.Join(" / ", field.Candidates?.Select(c => c.Value ?? c.Normalized ?? "?") ?? []);
            observation.Note.Add(new Annotation { Text = new Markdown($"Conflicting values in the sources: {candidates}") });
        }
        else
        {
            observation.Value = new CodeableConcept { Text = value.Value, Coding = NormalizedCoding(value.Normalized) };
        }

        if (review?.Comment is { } comment)
        {
            observation.Note.Add(new Annotation { Text = new Markdown($"Review ({review.Action}): {comment}") });
        }

        return observation;
    }

    private static Observation LabObservation(Context context, int index, ClinicalAlert alert, Patient patient, DateTimeOffset when, bool final, Dictionary<string, DocumentReference> documents) => new()
    {
        Id = context.Id("alert-" + index),
        Status = final ? ObservationStatus.Final : ObservationStatus.Preliminary,
        Category = [new CodeableConcept(FhirCodes.ObservationCategory, "laboratory", "Laboratory", "Laboratory")],
        Code = new CodeableConcept { Text = alert.Message, Coding = [new Coding(FhirCodes.AlertSystem, alert.Kind)] },
        Subject = context.Reference(patient),
        Issued = when,
        Value = alert.Citations.Count > 0 ? new FhirString(alert.Citations[0].Quote) : null,
        DataAbsentReason = alert.Citations.Count > 0 ? null : new CodeableConcept(FhirCodes.DataAbsentReason, "unknown", "Unknown", "Not quoted"),
        Interpretation = [new CodeableConcept(FhirCodes.ObservationInterpretation, "A", "Abnormal", alert.Severity ?? "Abnormal")],
        DerivedFrom = [.. alert.Citations.Select(c => c.DocumentId).Distinct(StringComparer.Ordinal)
            .Where(documents.ContainsKey).Select(id => context.Reference(documents[id]))],
    };

    private static DocumentReference DocumentReference(Context context, UploadRecord upload, DossierRecord record, Patient patient) => new()
    {
        Id = context.Id("doc-" + upload.DocumentId),
        Status = DocumentReferenceStatus.Current,
        Identifier = [new Identifier(FhirCodes.DocumentHashSystem, upload.DocumentId)],
        Type = new CodeableConcept { Text = "Referral dossier document" },
        Subject = context.Reference(patient),
        Date = record.CreatedAt,
        Description = upload.FileName,
        Content =
        [
            new DocumentReference.ContentComponent
            {
                Attachment = new Attachment
                {
                    ContentType = upload.MediaType,
                    Title = upload.FileName,
                    // R4's size is an unsignedInt (Size would write R5's integer64, a string in JSON).
                    SizeUnsignedInt = upload.ByteCount <= int.MaxValue ? (int)upload.ByteCount : null,
                    // FHIR R4 attachments carry a SHA-1; the document id (SHA-256) is the identifier.
                    Hash = upload.Content is { } bytes ? SHA1.HashData(bytes) : null,
                },
            },
        ],
    };

    private static Provenance Provenance(
        Context context, string key, Resource target, IReadOnlyList<Citation> citations, FieldReview? review, Device device,
        Dictionary<string, DocumentReference> documents, DateTimeOffset when)
    {
        var provenance = new Provenance
        {
            Id = context.Id("prov-" + key),
            Target = [context.Reference(target)],
            Recorded = review?.At ?? when,
            Activity = new CodeableConcept { Text = review is null ? "Extraction from the source documents" : $"Review: {review.Action}" },
            Agent =
            [
                new Provenance.AgentComponent
                {
                    Type = new CodeableConcept(FhirCodes.ProvenanceParticipantType, "assembler", "Assembler", "Assembler"),
                    Who = context.Reference(device),
                },
            ],
        };
        if (review is not null)
        {
            provenance.Agent.Add(new Provenance.AgentComponent
            {
                Type = review.Action == ReviewActions.Correct
                    ? new CodeableConcept(FhirCodes.ProvenanceParticipantType, "author", "Author", "Author")
                    : new CodeableConcept(FhirCodes.ProvenanceParticipantType, "verifier", "Verifier", "Verifier"),
                Who = new ResourceReference { Display = review.Reviewer is { } person ? $"{person} (via {review.Actor})" : review.Actor },
            });
        }

        foreach (var citation in citations.Where(c => documents.ContainsKey(c.DocumentId)))
        {
            var entity = new Provenance.EntityComponent
            {
                Role = Hl7.Fhir.Model.Provenance.ProvenanceEntityRole.Source,
                What = context.Reference(documents[citation.DocumentId]),
            };
            var span = new Extension { Url = FhirCodes.CitationExtension };
            span.Extension.Add(new Extension("page", new Integer(citation.Page)));
            span.Extension.Add(new Extension("start", new Integer(citation.Start)));
            span.Extension.Add(new Extension("end", new Integer(citation.End)));
            span.Extension.Add(new Extension("quote", new FhirString(citation.Quote)));
            entity.Extension.Add(span);
            provenance.Entity.Add(entity);
        }

        return provenance;
    }

    /// <summary>The citations that support what the export says of a field: none once a reviewer corrected or rejected it.</summary>
    private static IReadOnlyList<Citation> Cited(FieldResult field, FieldReview? review) =>
        review?.Action is ReviewActions.Correct or ReviewActions.Reject
            ? []
            : [.. field.Citations, .. field.Candidates?.SelectMany(c => c.Citations) ?? []];

    private static FinalValue? FinalOf(IReadOnlyDictionary<string, FieldResult> fields, IReadOnlyDictionary<string, FieldReview> reviews, string key)
    {
        if (!fields.TryGetValue(key, out var field))
        {
            return null;
        }

        var value = ReviewedForms.Final(field, reviews.GetValueOrDefault(key));
        return value.Status is FieldStatus.Found ? value : null;
    }

    private static List<Coding> NormalizedCoding(string? normalized)
    {
        var code = normalized is null ? null : Whitespace().Replace(normalized.Trim(), " ");
        return string.IsNullOrEmpty(code) ? [] : [new Coding(FhirCodes.NormalizedSystem, code)];
    }

    private static Narrative Narrative(string xhtml) => new()
    {
        Status = Hl7.Fhir.Model.Narrative.NarrativeStatus.Generated,
        Div = $"<div xmlns=\"http://www.w3.org/1999/xhtml\">{xhtml}</div>",
    };

    /// <summary>Text for XHTML: encoded, and without characters XML cannot hold.</summary>
    private static string X(string text) => WebUtility.HtmlEncode(new string([.. text.Where(c => c is '\t' or '\n' or '\r' || c >= ' ')]));

    [GeneratedRegex(@"^\d{4}(-\d{2}(-\d{2})?)?$")]
    private static partial Regex FhirDatePattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>Stable resource ids and urn:uuid full URLs derived from the dossier and the resource's role.</summary>
    private sealed class Context(string dossierId)
    {
        public string Id(string key)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(dossierId + "\n" + key));
            hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8: custom, name-based
            hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 9562 variant
            return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
        }

        public string FullUrl(Resource resource) => "urn:uuid:" + resource.Id;

        public ResourceReference Reference(Resource resource) => new(FullUrl(resource));
    }
}
