// The FHIR model marks nearly every member nullable; these tests assert presence themselves, so null-state warnings are noise here.
#nullable disable warnings

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MedSummary.Api.Fhir;
using MedSummary.Api.Tests.Infrastructure;
using MedSummary.Core.Contract;
using Shouldly;
using Xunit;
using Task = System.Threading.Tasks.Task;

namespace MedSummary.Api.Tests;

public sealed class FhirExportTests
{
    // Strict: any element the R4 model does not know, any invalid value or narrative, fails the test.
    private static readonly FhirJsonDeserializer Fhir = new(new DeserializerSettings());

    [Fact]
    public async Task The_bundle_parses_back_and_every_provenance_span_is_the_text_of_its_source_page()
    {
        using var host = new ApiHost();
        using var client = host.Client();
        var files = TestDossiers.Small(20);
        var id = (await client.UploadAsync(files, patientRef: "IPP-42"))["id"]!.GetValue<string>();
        await client.WaitFinishedAsync(id);
        (await client.PatchAsJsonAsync($"/v1/dossiers/{id}/form/fields/her2_status", new { action = "correct", value = "HER2 low", normalized = "low", reviewer = "Dr Roux" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        using var response = await client.GetAsync($"/v1/dossiers/{id}/fhir");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/fhir+json");
        var json = await response.Content.ReadAsStringAsync();
        var bundle = Fhir.Deserialize<Bundle>(json)!;

        bundle.Type.ShouldBe(Bundle.BundleType.Document);
        bundle.Entry[0].Resource.ShouldBeOfType<Composition>();
        var resources = bundle.Entry.Select(e => e.Resource!).ToList();
        var byUrl = bundle.Entry.ToDictionary(e => e.FullUrl!, e => e.Resource!);

        var composition = (Composition)resources[0];
        composition.Status.ShouldBe(CompositionStatus.Preliminary);
        composition.Section.Select(s => s.Code.Coding[0].Code).ShouldBe(["diagnosis", "summary", "alerts", "sources"]);
        composition.Section.ShouldAllBe(s => s.Text.Div.Contains("http://www.w3.org/1999/xhtml"));
        foreach (var reference in composition.Section.SelectMany(s => s.Entry))
        {
            byUrl.ShouldContainKey(reference.Reference);
        }

        var patient = resources.OfType<Patient>().ShouldHaveSingleItem();
        patient.Identifier.Where(i => i.System != null).ShouldHaveSingleItem().Value.ShouldBe("IPP-42");

        var condition = resources.OfType<Condition>().ShouldHaveSingleItem();
        condition.Code.Text.ShouldContain("arcinome canalaire infiltrant");
        condition.BodySite.ShouldHaveSingleItem().Text.ShouldContain("sein");
        var stage = condition.Stage.ShouldHaveSingleItem();
        stage.Assessment.Count.ShouldBe(3, "pT, pN and pM");
        stage.Assessment.ShouldAllBe(a => byUrl[a.Reference] is Observation);

        var observations = resources.OfType<Observation>().ToList();
        Observation ByLoinc(string code) => observations.Single(o => o.Code.Coding.Any(c => c.System == FhirCodes.Loinc && c.Code == code));
        ((CodeableConcept)ByLoinc("16112-5").Value).Coding.ShouldContain(c => c.Code == "positive"); // ER
        ((CodeableConcept)ByLoinc("21899-0").Value).Text.ShouldContain("T2"); // pT
        var her2 = ByLoinc("48676-1");
        ((CodeableConcept)her2.Value).Text.ShouldBe("HER2 low", "the reviewer's correction is what the export says");
        observations.ShouldAllBe(o => o.Status == ObservationStatus.Preliminary);
        observations.ShouldContain(o => o.Code.Coding.Any(c => c.System == FhirCodes.FieldSystem && c.Code == ContractFields.Ki67));

        var documents = resources.OfType<DocumentReference>().ToList();
        documents.Select(d => d.Content[0].Attachment.Title).ShouldBe(files.Select(f => f.Name), ignoreOrder: true);
        documents.ShouldAllBe(d => d.Content[0].Attachment.Hash.Length == 20);

        // Each clinical resource has its Provenance; each span quoted there is exactly its page's text.
        var provenances = resources.OfType<Provenance>().ToList();
        foreach (var resource in resources.Where(r => r is Condition or Observation or Composition))
        {
            provenances.ShouldContain(p => p.Target.Any(t => byUrl[t.Reference] == resource), resource.TypeName);
        }

        var spans = 0;
        foreach (var entity in provenances.SelectMany(p => p.Entity))
        {
            var document = (DocumentReference)byUrl[entity.What.Reference];
            var span = entity.GetExtension(FhirCodes.CitationExtension).ShouldNotBeNull();
            var page = ((Integer)span.GetExtension("page")!.Value).Value!.Value;
            var start = ((Integer)span.GetExtension("start")!.Value).Value!.Value;
            var end = ((Integer)span.GetExtension("end")!.Value).Value!.Value;
            var quote = ((FhirString)span.GetExtension("quote")!.Value).Value;
            var view = await client.GetJsonAsync($"/v1/dossiers/{id}/documents/{document.Identifier[0].Value}/pages/{page}");
            var offset = view["start"]!.GetValue<int>();
            view["text"]!.GetValue<string>()[(start - offset)..(end - offset)].ShouldBe(quote);
            spans++;
        }

        spans.ShouldBeGreaterThan(5);
        var her2Provenance = provenances.Single(p => p.Target.Any(t => byUrl[t.Reference] == her2));
        her2Provenance.Agent.ShouldContain(a => a.Who.Display != null && a.Who.Display.Contains("Dr Roux"));
        her2Provenance.Entity.ShouldBeEmpty("a corrected value is the reviewer's, not a source's");

        // Validated: the export becomes final.
        (await client.PostAsJsonAsync($"/v1/dossiers/{id}/form/validate", new { reviewer = "Dr Roux" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var final = Fhir.Deserialize<Bundle>(await client.GetStringAsync($"/v1/dossiers/{id}/fhir"));
        ((Composition)final!.Entry[0].Resource!).Status.ShouldBe(CompositionStatus.Final);
        final.Entry.Select(e => e.Resource!).OfType<Observation>().ShouldAllBe(o => o.Status == ObservationStatus.Final);
    }

    [Fact]
    public void Abnormal_lab_alerts_become_abnormal_observations_tied_to_their_span()
    {
        var text = "Bilan biologique du 02/05/2023\nHémoglobine : 8,2 g/dL (N : 12-16)\n";
        var document = Testing.Documents.TestDocuments.FromText(text, "fr", "bilan.txt");
        var start = text.IndexOf("Hémoglobine", StringComparison.Ordinal);
        var citation = Core.Citations.CitationFactory.Create(document, new Core.Provenance.TextSpan(start, text.IndexOf(')', start) + 1));
        var result = new DossierResult
        {
            DossierId = "0123456789abcdef0123456789abcdef",
            Documents = [new DocumentInfo(document.Id, document.FileName, 1, document.Sha256, "fr")],
            Form = new FormResult { Fields = ContractFields.Required.ToDictionary(k => k, _ => FieldResult.NotFound()) },
            Alerts = [new ClinicalAlert(FhirCodes.LabAbnormalAlert, "Anémie : hémoglobine 8,2 g/dL", [citation]) { Severity = "warning" }],
        };
        var at = DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture);
        var record = new Storage.DossierRecord("t", result.DossierId, Storage.DossierStatus.Completed, null, null, at, at, at, at, 1, null, null, "done", 1, 17, 1, null, null);
        var uploads = new[] { new Storage.UploadRecord(0, document.FileName, document.Id, "text/plain", text.Length, 1, System.Text.Encoding.UTF8.GetBytes(text)) };

        var bundle = FhirBundleBuilder.Build(new FhirExportInput(record, result, new Dictionary<string, Storage.FieldReview>(), uploads, "urn:test:ipp"));
        var parsed = Fhir.Deserialize<Bundle>(bundle.ToJson());

        var resources = parsed!.Entry.Select(e => e.Resource!).ToList();
        var lab = resources.OfType<Observation>().ShouldHaveSingleItem();
        lab.Interpretation.ShouldHaveSingleItem().Coding.ShouldContain(c => c.Code == "A");
        ((FhirString)lab.Value).Value.ShouldBe(citation.Quote);
        var provenance = resources.OfType<Provenance>().Single(p => p.Target.Any(t => t.Reference == parsed.Entry.Single(e => e.Resource == lab).FullUrl));
        var span = provenance.Entity.ShouldHaveSingleItem().GetExtension(FhirCodes.CitationExtension)!;
        ((Integer)span.GetExtension("start")!.Value).Value.ShouldBe(citation.Start);
        resources.OfType<Condition>().ShouldHaveSingleItem().Code.Text!.ShouldContain("not stated");

        // The same state exports to the same bundle.
        FhirBundleBuilder.Build(new FhirExportInput(record, result, new Dictionary<string, Storage.FieldReview>(), uploads, "urn:test:ipp")).ToJson()
            .ShouldBe(bundle.ToJson());
    }

    [Fact]
    public void The_dossier_identity_becomes_the_patient_name_birth_date_gender_and_identifiers()
    {
        var text = "Patient : Mme Sylvie LEMAÎTRE\nNée le : 25/03/1943\nN° IPP : 63741484\nCompte rendu de consultation.\n";
        var document = Testing.Documents.TestDocuments.FromText(text, "fr", "consultation.txt");
        var identity = Extraction.Identity.DossierIdentity.Reconcile([document]).Patient.ShouldNotBeNull();
        var result = new DossierResult
        {
            DossierId = "0123456789abcdef0123456789abcdef",
            Documents = [new DocumentInfo(document.Id, document.FileName, 1, document.Sha256, "fr") { Patient = identity }],
            Patient = identity,
            Form = new FormResult { Fields = ContractFields.Required.ToDictionary(k => k, _ => FieldResult.NotFound()) },
        };
        var at = DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture);
        var record = new Storage.DossierRecord("t", result.DossierId, Storage.DossierStatus.Completed, null, null, at, at, at, at, 1, null, null, "done", 1, 17, 1, null, null);
        var uploads = new[] { new Storage.UploadRecord(0, document.FileName, document.Id, "text/plain", text.Length, 1, System.Text.Encoding.UTF8.GetBytes(text)) };

        var bundle = Fhir.Deserialize<Bundle>(FhirBundleBuilder.Build(new FhirExportInput(record, result, new Dictionary<string, Storage.FieldReview>(), uploads, "urn:test:ipp")).ToJson());

        var patient = bundle!.Entry.Select(e => e.Resource).OfType<Patient>().ShouldHaveSingleItem();
        patient.Name.ShouldHaveSingleItem().Text.ShouldBe("Sylvie LEMAÎTRE");
        patient.BirthDate.ShouldBe("1943-03-25");
        patient.Gender.ShouldBe(AdministrativeGender.Female);
        var ipp = patient.Identifier.ShouldHaveSingleItem();
        ipp.Type.Text.ShouldBe("IPP");
        ipp.Value.ShouldBe("63741484");
        var patientUrl = bundle.Entry.Single(e => e.Resource is Patient).FullUrl;
        bundle.Entry.Select(e => e.Resource).OfType<Condition>().ShouldHaveSingleItem().Subject.Reference.ShouldBe(patientUrl);
    }
}
