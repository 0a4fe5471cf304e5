using System.Xml;
using System.Xml.Linq;
using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;
using MedSummary.Extraction.Grounding.Forms;
using MedSummary.Pipeline.Reports;
using MedSummary.Testing;
using MedSummary.Testing.Documents;

namespace MedSummary.Pipeline.Tests.Reports;

/// <summary>A small dossier built from contract objects, in French or English, and helpers to read a rendered report.</summary>
internal static class ReportFixtures
{
    public static FormSchema Schema { get; } =
        FormSchemaLoader.Parse(File.ReadAllText(Path.Combine(RepoPaths.Prompts, FormSchemaLoader.DefaultPath)), FormSchemaLoader.DefaultPath);

    public sealed record Built(ReportInput Input, IReadOnlyList<Citation> Citations);

    /// <summary>
    /// A pathology report and a letter; ER positive and a diagnosis date stated, HER2 in conflict, PD-L1 not attempted,
    /// Ki-67 model failed, a lab alert, a timeline event, a summary sentence and (unless <paramref name="withPatient"/>
    /// is false) the patient's name, birth date, sex and IPP.
    /// </summary>
    public static Built Dossier(string language, bool withPatient = true)
    {
        var french = language == "fr";
        var pathology = TestDocuments.Create(
            [
                french
                    ? "Compte rendu d'anatomopathologie.\nPatiente : DUPONT Marie, née le 05/06/1961, IPP 123456.\nPrélèvement du 12/03/2023."
                    : "Pathology report.\nPatient: SMITH Jane, born 05/06/1961, MRN 123456.\nSample of 12/03/2023.",
                french
                    ? "Conclusion : récepteurs aux oestrogènes positifs (90 %). HER2 négatif (score 0). Sur la relecture HER2 positif."
                    : "Conclusion: estrogen receptors positive (90%). HER2 negative (score 0). On review HER2 positive.",
            ],
            language,
            french ? "02-anapath-biopsie.pdf" : "02-pathology-biopsy.pdf");
        var letter = TestDocuments.Create(
            [french ? "Bilan biologique : hémoglobine 8,2 g/dL (basse)." : "Laboratory: hemoglobin 8.2 g/dL (low)."],
            language,
            french ? "09-bilan-biologique.pdf" : "09-laboratory-results.pdf");

        Citation Cite(SourceDocument d, string quote)
        {
            var start = d.Text.IndexOf(quote, StringComparison.Ordinal);
            if (start < 0)
            {
                throw new InvalidOperationException($"'{quote}' is not in {d.FileName}.");
            }

            return CitationFactory.Create(d, new TextSpan(start, start + quote.Length));
        }

        var name = Cite(pathology, french ? "DUPONT Marie" : "SMITH Jane");
        var birth = Cite(pathology, "05/06/1961");
        var sex = Cite(pathology, french ? "Patiente" : "Patient:");
        var ipp = Cite(pathology, "123456");
        var er = Cite(pathology, french ? "récepteurs aux oestrogènes positifs" : "estrogen receptors positive");
        var herNegative = Cite(pathology, french ? "HER2 négatif" : "HER2 negative");
        var herPositive = Cite(pathology, french ? "HER2 positif" : "HER2 positive");
        var date = Cite(pathology, "12/03/2023");
        var hb = Cite(letter, french ? "hémoglobine 8,2 g/dL" : "hemoglobin 8.2 g/dL");

        var fields = Schema.Keys.ToDictionary(k => k, _ => new FieldResult { State = FieldState.NotStated }, StringComparer.Ordinal);
        fields[ContractFields.ErStatus] = new FieldResult
        {
            Value = er.Quote, Normalized = "positive", Status = FieldStatus.Found, State = FieldState.Stated, Confidence = 0.9, Source = FieldSource.Rule, Citations = [er],
        };
        fields["date_of_diagnosis"] = new FieldResult
        {
            Value = "12/03/2023", Normalized = "2023-03-12", Status = FieldStatus.Found, State = FieldState.Stated, Confidence = 0.9, Source = FieldSource.Rule, Citations = [date],
        };
        fields[ContractFields.Her2Status] = new FieldResult
        {
            Status = FieldStatus.Conflict,
            State = FieldState.Stated,
            Candidates =
            [
                new FieldCandidate(herNegative.Quote, "negative", FieldSource.Rule, 0.8, [herNegative]),
                new FieldCandidate(herPositive.Quote, "positive", FieldSource.Rule, 0.8, [herPositive]),
            ],
        };
        fields["pdl1_tps"] = new FieldResult { State = FieldState.NotAttempted };
        fields["ki67"] = new FieldResult { State = FieldState.ModelFailed, Reason = "the model's answer was not valid JSON" };

        var result = new DossierResult
        {
            DossierId = "d-123",
            Documents =
            [
                new DocumentInfo(pathology.Id, pathology.FileName, pathology.PageCount, "aa", language),
                new DocumentInfo(letter.Id, letter.FileName, letter.PageCount, "bb", language),
            ],
            Form = new FormResult { Fields = fields },
            Alerts =
            [
                new ClinicalAlert(AlertKinds.Contradiction, "Documents disagree on HER2 status: negative vs positive.", [herNegative, herPositive])
                    { Severity = "critical", About = ContractFields.Her2Status },
                new ClinicalAlert(AlertKinds.LabAbnormal, "Hemoglobin 8.2 g/dL is low.", [hb])
                    { Severity = "warning", About = "hemoglobin", Value = "8.2 g/dL", Direction = "low", Date = "2023-03-20" },
            ],
            Timeline = [new TimelineEvent("2023-03-12", null, TimelineKinds.Biopsy, french ? "Prélèvement du 12/03/2023" : "Sample of 12/03/2023", [date])],
            Summary = [new SummarySentence(french ? "Récepteurs aux oestrogènes positifs." : "Estrogen receptors positive.", [er])],
            Processing = new ProcessingInfo { Mode = "rules", Version = "test" },
            Patient = withPatient
                ? new PatientIdentity
                {
                    Name = new IdentityPart(name.Quote, name.Quote.ToUpperInvariant(), [name]),
                    BirthDate = new IdentityPart("05/06/1961", "1961-06-05", [birth]),
                    Sex = new IdentityPart(sex.Quote, "female", [sex]),
                    Identifiers = [new IdentityPart("123456", "123456", [ipp]) { Kind = french ? "IPP" : "MRN" }],
                }
                : null,
        };
        var documents = new Dictionary<string, SourceDocument>(StringComparer.Ordinal) { [pathology.Id] = pathology, [letter.Id] = letter };
        return new Built(new ReportInput(result, Schema, documents), [name, birth, sex, ipp, er, herNegative, herPositive, date, hb]);
    }

    public static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    public static XElement ById(this XContainer page, string id) =>
        page.Descendants().SingleOrDefault(e => (string?)e.Attribute("id") == id) ?? throw new InvalidOperationException($"No element has id '{id}'.");

    public static IEnumerable<XElement> Named(this XContainer root, string name) => root.Descendants().Where(e => e.Name.LocalName == name);

    /// <summary>Text as a reader sees it: whitespace runs folded to one space.</summary>
    public static string Shown(this XElement element) => string.Join(' ', element.Value.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
