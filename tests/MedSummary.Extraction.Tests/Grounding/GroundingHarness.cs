using MedSummary.Core.Chunks;
using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;
using MedSummary.Extraction.Analysis;
using MedSummary.Extraction.Grounding;
using MedSummary.Extraction.Grounding.Forms;
using MedSummary.Extraction.Grounding.Passages;
using MedSummary.Extraction.Grounding.Support;
using MedSummary.Extraction.Narrative;
using MedSummary.Extraction.Prompts;
using MedSummary.Extraction.Rules;
using MedSummary.Retrieval.Embeddings;
using MedSummary.Retrieval.Search;
using MedSummary.Retrieval.Stores.Sqlite;
using MedSummary.Testing;
using MedSummary.Testing.Documents;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedSummary.Extraction.Tests.Grounding;

/// <summary>
/// The grounded analyses over real parts: a SQLite chunk store in a temp folder, the hashed n-gram embedder, the
/// rules, the embedded prompts and form; only the chat model is scripted. Two patients' dossiers live in the same
/// store and tenant, as they would in a hospital.
/// </summary>
internal sealed class GroundingHarness : IDisposable
{
    public const string Tenant = "hospital";

    public static readonly string[] PatientA =
    [
        """
        Compte rendu anatomopathologique
        Biopsie du sein gauche réalisée le 14/03/2023.
        Carcinome canalaire infiltrant, grade II de Nottingham.

        Profil immunohistochimique : RE : 90 % (positifs), RP : 0 % (négatifs), HER2 score 1+ : négatif. Ki-67 : 20 %.

        Conclusion : carcinome canalaire infiltrant du sein gauche, pT2 pN0.
        """,
        """
        Consultation d'oncologie médicale
        Patiente de 58 ans, performance status (ECOG) à 1. Antécédent de fracture du poignet droit.
        Recherche de mutation BRCA1/2 négative.

        Traitement par FEC100 x3 puis docetaxel x3 débuté le 02/05/2023.
        Neutropénie de grade 3 le 20/05/2023.
        Il est proposé une radiothérapie adjuvante.

        Bilan d'extension : pas de lésion secondaire à distance.
        """,
    ];

    public static readonly string[] PatientB =
    [
        """
        Compte rendu anatomopathologique pulmonaire
        Biopsie bronchique du 03/01/2023 : adénocarcinome du lobe supérieur droit.
        Biologie moléculaire : mutation EGFR exon 19 détectée. Profil : RE : 0 % (négatifs).
        Patient de 71 ans.
        """,
    ];

    private readonly TempDirectory _folder = new("medsummary-grounding");
    private readonly SqliteChunkStore _store;

    public GroundingHarness(GroundingOptions? options = null)
    {
        _store = new SqliteChunkStore(new SqliteChunkStoreOptions { DatabasePath = _folder.File("chunks.db") });
        Retriever = new Retriever(new HashedNGramEmbeddingGenerator(), _store);
        Options = options ?? new GroundingOptions();
        Prompts = new EmbeddedPromptProvider();
        Schema = FormSchemaLoader.Load(Prompts);
        Collector = new PassageCollector(Retriever, Schema, Options);
    }

    public Retriever Retriever { get; }

    public GroundingOptions Options { get; }

    public EmbeddedPromptProvider Prompts { get; }

    public FormSchema Schema { get; }

    public PassageCollector Collector { get; }

    /// <summary>Reads texts as documents (one per text), chunks them by paragraph and indexes them under a dossier id.</summary>
    public async Task<Dossier> IndexAsync(string dossierId, IReadOnlyList<string> texts, string language = "fr")
    {
        var documents = texts.Select((t, i) => TestDocuments.Create([t.Replace("\r\n", "\n", StringComparison.Ordinal)], language, $"{dossierId}-{i + 1}.txt")).ToList();
        var chunks = documents.SelectMany(Paragraphs).ToList();
        await Retriever.IndexAsync(chunks, Tenant, dossierId, documents.ToDictionary(d => d.Id, d => d.FileName));
        return new Dossier(Tenant, dossierId, documents, chunks);
    }

    public GroundedFormFiller Filler(ScriptedChatClient chat) => new(
        new ChatModelAccess(chat),
        RuleExtractionEngine.CreateDefault(),
        Schema,
        Collector,
        new ModelAnswerVerifier(new SupportChecker(Schema), Options),
        Prompts,
        Options,
        NullLogger<GroundedFormFiller>.Instance);

    public NarrativeSummaryBuilder Narrative(ScriptedChatClient chat, ISummaryBuilder? inner = null, NarrativeOptions? options = null) => new(
        inner ?? new NoSummaryBuilder(),
        new ChatModelAccess(chat),
        Collector,
        Prompts,
        options ?? new NarrativeOptions(),
        NullLogger<NarrativeSummaryBuilder>.Instance);

    /// <summary>Every citation of the form (fields, candidates, items), checked against the dossier's documents.</summary>
    public static IReadOnlyList<CitationProblem> Verify(FormResult form, Dossier dossier, IReadOnlyList<SummarySentence>? summary = null) =>
        CitationVerifier.VerifyAll(new DossierResult { Form = form, Summary = summary ?? [] }, dossier.DocumentsById);

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    private static IEnumerable<Chunk> Paragraphs(SourceDocument document)
    {
        var text = document.Text;
        var index = 0;
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf("\n\n", start, StringComparison.Ordinal);
            end = end < 0 ? text.Length : end;
            if (text[start..end].Trim().Length > 0)
            {
                yield return new Chunk(Chunk.MakeId(document.Id, index), document.Id, index, null, new TextSpan(start, end), 1, 1, text[start..end]);
                index++;
            }

            start = end + 2;
        }
    }
}
