using System.Collections.Concurrent;
using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Extraction.Form;
using MedSummary.Extraction.Grounding.Forms;
using MedSummary.Extraction.Grounding.Text;
using MedSummary.Ingestion;
using MedSummary.Pipeline.Processing;
using MedSummary.Testing;
using MedSummary.Testing.Pdf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;
using Xunit;

namespace MedSummary.Pipeline.Tests;

/// <summary>
/// Through the real pipeline with PDFs the test writes: the patient's identity per document and per dossier, the
/// different-patients alert for a misfiled document, every form field with its state (rules only, and a configured
/// model that cannot be loaded), and no identity in any log line at Trace level.
/// </summary>
public sealed class IdentityAndFieldStateTests
{
    private const string Name = "QUINCAMPOIX";
    private const string Given = "Bérénice";
    private const string Ipp = "83726154";
    private const string OtherName = "VARANGEVILLE";
    private const string OtherIpp = "19283746";

    private static byte[] Pdf(params string[] lines) =>
        new TestPdf().Page(p =>
        {
            var y = 790.0;
            foreach (var line in lines)
            {
                p.Text(56, y, line);
                y -= 16;
            }
        }).Build();

    /// <summary>Three documents of one patient, written three ways, and one of another patient filed among them.</summary>
    private static List<InputFile> MisfiledDossier() =>
    [
        new("01-imagerie.pdf", Pdf(
            "Imagerie du Parc", "MAMMOGRAPHIE BILATÉRALE", $"Patient : Mme {Given} {Name}", "Née le : 14/07/1951", $"N° IPP : {Ipp}",
            "Médecin prescripteur : Dr R. Lefèvre", "Opacité spiculée du quadrant supéro-externe du sein droit, ACR 5.")),
        new("02-anapath.pdf", Pdf(
            "Anatomie pathologique", $"Nom : {Name}", $"Prénom : {Given}", "Date de naissance : 14.07.1951", $"IPP : {Ipp}",
            "Biopsie du sein droit : carcinome infiltrant de type non spécifique, grade 2.", "Récepteurs aux oestrogènes : positifs (90 %).")),
        new("03-courrier.pdf", Pdf(
            "Cher confrère,", $"Objet : Madame Berenice Quincampoix, née le 14/07/1951", "Je vous adresse cette patiente pour un carcinome du sein droit.")),
        new("04-autre-patient.pdf", Pdf(
            "Compte rendu de consultation", $"Patient : Mme Odile {OtherName}", "Née le : 02/02/1938", $"N° IPP : {OtherIpp}",
            "Suivi d'un adénocarcinome du côlon sigmoïde.")),
    ];

    [Fact]
    public async Task A_misfiled_document_raises_a_different_patients_alert_citing_both_documents_and_the_dossier_keeps_its_patient()
    {
        using var host = new PipelineHost();

        var outcome = await host.Get<IDossierProcessor>().ProcessAsync(new DossierRequest(MisfiledDossier()));

        var result = outcome.Result;
        result.Patient.ShouldNotBeNull();
        result.Patient.Name!.Normalized.ShouldBe("QUINCAMPOIX BERENICE");
        result.Patient.BirthDate!.Normalized.ShouldBe("1951-07-14");
        result.Patient.Sex!.Normalized.ShouldBe("female");
        result.Patient.Identifiers.ShouldHaveSingleItem().Normalized.ShouldBe(Ipp);
        result.Documents.Single(d => d.FileName == "04-autre-patient.pdf").Patient!.BirthDate!.Normalized.ShouldBe("1938-02-02");
        result.Documents.ShouldAllBe(d => d.Patient != null);

        var alert = result.Alerts.Where(a => a.Kind == AlertKinds.DifferentPatients).ShouldHaveSingleItem();
        alert.Severity.ShouldBe("critical");
        alert.Message.ShouldContain("04-autre-patient.pdf");
        alert.Citations.ShouldContain(c => c.FileName == "04-autre-patient.pdf");
        alert.Citations.ShouldContain(c => c.FileName != "04-autre-patient.pdf");
        result.Alerts[0].ShouldBe(alert);
        CitationVerifier.VerifyAll(result, outcome.Dossier!.DocumentsById).ShouldBeEmpty();
        foreach (var part in new[] { result.Patient.Name, result.Patient.BirthDate, result.Patient.Sex }.Concat(result.Patient.Identifiers))
        {
            part!.Citations.ShouldNotBeEmpty();
            part.Citations.ShouldAllBe(c => CitationVerifier.Check(c, outcome.Dossier.DocumentsById) == null);
        }
    }

    [Fact]
    public async Task The_same_patient_in_every_document_raises_no_identity_alert()
    {
        using var host = new PipelineHost();

        var outcome = await host.Get<IDossierProcessor>().ProcessAsync(new DossierRequest([.. MisfiledDossier().Take(3)]));

        outcome.Result.Alerts.ShouldNotContain(a => a.Kind == AlertKinds.DifferentPatients);
        outcome.Result.Patient!.Name!.Normalized.ShouldBe("QUINCAMPOIX BERENICE");
    }

    [Fact]
    public async Task Rules_only_every_field_of_the_form_is_present_with_a_state_that_says_why()
    {
        using var host = new PipelineHost();
        var schema = host.Get<FormSchema>();

        var result = (await host.Get<IDossierProcessor>().ProcessAsync(new DossierRequest(MisfiledDossier()))).Result;

        result.Processing!.Mode.ShouldBe(ProcessingMode.RulesOnly);
        result.Form.Fields.Keys.ShouldBe(schema.Keys.Union(ContractFields.Required), ignoreOrder: true);
        result.Form.Fields.Count.ShouldBeGreaterThanOrEqualTo(39);
        foreach (var field in schema.Fields)
        {
            var answer = result.Form.Fields[field.Key];
            if (!field.Rules)
            {
                answer.State.ShouldBe(FieldState.NotAttempted, field.Key);
                answer.Status.ShouldBe(FieldStatus.NotFound, field.Key);
                answer.Reason.ShouldBe(FieldStates.NoModelReason, field.Key);
            }
            else if (answer.Status == FieldStatus.NotFound)
            {
                answer.State.ShouldBe(FieldState.NotStated, field.Key);
            }
            else
            {
                answer.State.ShouldBe(FieldState.Stated, field.Key);
            }
        }

        result.Form.Fields[ContractFields.Histology].State.ShouldBe(FieldState.Stated);
        result.Form.Fields[ContractFields.GleasonScore].State.ShouldBe(FieldState.NotStated);
    }

    [Fact]
    public async Task A_configured_model_that_cannot_be_loaded_gives_mode_rules_with_a_note_and_model_failed_fields()
    {
        using var folder = new TempDirectory("medsummary-badmodel");
        var model = folder.File("broken.gguf");
        await File.WriteAllBytesAsync(model, [.. "GGUF"u8.ToArray(), 3, 0, 0, 0, .. Enumerable.Repeat((byte)0xAB, 4096)]);
        using var host = new PipelineHost(new Dictionary<string, string?>
        {
            ["MedSummary:AI:Chat:Engine"] = "llamacpp",
            ["MedSummary:AI:Chat:ModelPath"] = model,
        });
        var schema = host.Get<FormSchema>();

        var result = (await host.Get<IDossierProcessor>().ProcessAsync(new DossierRequest(MisfiledDossier()))).Result;

        result.Processing!.Mode.ShouldBe(ProcessingMode.RulesOnly);
        result.Processing.Note.ShouldNotBeNull().ShouldContain("could not be loaded");
        result.Processing.ChatModel.ShouldBeNull();
        foreach (var field in schema.Fields)
        {
            var answer = result.Form.Fields[field.Key];
            if (answer.Status == FieldStatus.NotFound)
            {
                answer.State.ShouldBe(FieldState.ModelFailed, field.Key);
                answer.Reason.ShouldNotBeNull().ShouldContain("could not be loaded", Case.Insensitive, field.Key);
            }
            else
            {
                answer.State.ShouldBe(FieldState.Stated, field.Key);
            }
        }

        result.Form.Fields["ecog"].State.ShouldBe(FieldState.ModelFailed);
        result.Form.Fields.Values.ShouldAllBe(f => f.State != null);
    }

    [Fact]
    public async Task No_name_birth_date_or_identifier_reaches_any_log_line_at_trace_level()
    {
        var lines = new ConcurrentQueue<string>();
        using var folder = new TempDirectory("medsummary-logs");
        var model = folder.File("broken.gguf");
        await File.WriteAllBytesAsync(model, [.. "GGUF"u8.ToArray(), .. Enumerable.Repeat((byte)0x11, 2048)]);
        using var host = new PipelineHost(
            new Dictionary<string, string?>
            {
                ["MedSummary:AI:Chat:Engine"] = "llamacpp",
                ["MedSummary:AI:Chat:ModelPath"] = model,
            },
            services => services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new CapturingProvider(lines))));

        var outcome = await host.Get<IDossierProcessor>().ProcessAsync(new DossierRequest(MisfiledDossier()));

        outcome.Result.Patient.ShouldNotBeNull();
        outcome.Result.Alerts.ShouldContain(a => a.Kind == AlertKinds.DifferentPatients);
        lines.ShouldNotBeEmpty();
        var secrets = new[] { Name, Given, OtherName, "Odile", Ipp, OtherIpp, "14/07/1951", "14.07.1951", "1951-07-14", "02/02/1938", "1938-02-02", "83 72", "1951" }
            .Select(s => TextFolding.FoldSameLength(s))
            .ToList();
        foreach (var line in lines)
        {
            var folded = TextFolding.FoldSameLength(line);
            foreach (var secret in secrets)
            {
                folded.ShouldNotContain(secret, Case.Insensitive, $"log line: {line}");
            }
        }
    }

    private sealed class CapturingProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Capturing(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                lines.Enqueue($"{category} scope: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                // The message, every structured value and the exception's message: all of what a sink could write.
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {values} {exception?.Message}");
            }
        }
    }
}
