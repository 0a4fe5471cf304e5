using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Gold;
using MedSummary.Extraction.Coding;
using MedSummary.Extraction.Form;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// The single entry point of the deterministic extraction: runs every <see cref="IFieldExtractor"/> on a document, and
/// assembles a dossier's findings into form fields.
/// </summary>
public sealed partial class RuleExtractionEngine
{
    private readonly IReadOnlyList<IFieldExtractor> _extractors;
    private readonly FormAssembler _assembler;
    private readonly ILogger _logger;

    public RuleExtractionEngine(
        IEnumerable<IFieldExtractor> extractors,
        IOptions<RuleExtractionOptions>? options = null,
        ILogger<RuleExtractionEngine>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(extractors);
        _extractors = [.. extractors];
        _assembler = new FormAssembler(options?.Value);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>An engine with every built-in extractor and default options.</summary>
    public static RuleExtractionEngine CreateDefault(RuleExtractionOptions? options = null) =>
        new(CreateExtractors(), Options.Create(options ?? new RuleExtractionOptions()));

    /// <summary>A fresh instance of every built-in extractor.</summary>
    public static IReadOnlyList<IFieldExtractor> CreateExtractors() =>
    [
        new TnmExtractor(),
        new StageExtractor(),
        new GradeExtractor(),
        new GleasonExtractor(),
        new HormoneReceptorExtractor(),
        new Her2Extractor(),
        new Ki67Extractor(),
        new LateralityExtractor(),
        new PrimarySiteExtractor(),
        new HistologyExtractor(),
        new DiagnosisDateExtractor(),
        new PerformanceStatusExtractor(),
        new Pdl1Extractor(),
        new MsiExtractor(),
        new HpvExtractor(),
        new GeneStatusExtractor(),
        new AgeExtractor(),
        new SexExtractor(),
        new TumorSizeExtractor(),
        new LymphNodeExtractor(),
        new MarginExtractor(),
        new InvasionExtractor(),
        new MetastaticSiteExtractor(),
        new MenopausalStatusExtractor(),
    ];

    public IReadOnlyList<IFieldExtractor> Extractors => _extractors;

    /// <summary>
    /// Patient and pathology fields read by rules beyond the contract (age, sex, size, nodes, margins, invasion, sites,
    /// menopause). Declared before <see cref="FormKeys"/>, which static initialization reads it into.
    /// </summary>
    public static IReadOnlyList<string> PathologyKeys { get; } =
    [
        ExtensionFields.AgeAtDiagnosis, ExtensionFields.Sex, ExtensionFields.TumorSize, ExtensionFields.NodesPositive,
        ExtensionFields.NodesExamined, ExtensionFields.Margins, ExtensionFields.MarginDistance, ExtensionFields.Lvi,
        ExtensionFields.Pni, ExtensionFields.MetastaticSites, ExtensionFields.MenopausalStatus,
    ];

    /// <summary>The keys of the form the rules alone fill: the contract's seventeen, the ICD-O-3 codes, the biomarkers, the driver genes and the pathology fields.</summary>
    public static IReadOnlyList<string> FormKeys { get; } =
    [
        .. ContractFields.Required, ExtensionFields.IcdO3Topography, ExtensionFields.IcdO3Morphology,
        GoldFields.Ecog, ExtensionFields.Karnofsky,
        GoldFields.PdL1, ExtensionFields.Pdl1Cps, ExtensionFields.Pdl1Ic, ExtensionFields.Pdl1Clone,
        GoldFields.MsiStatus, ExtensionFields.MmrLostProteins, ExtensionFields.HpvStatus, ExtensionFields.P16Status,
        .. GeneFields.Keys,
        .. PathologyKeys,
    ];

    /// <summary>Every finding of every extractor in one document, in text order, each checked against the text.</summary>
    public IReadOnlyList<Finding> Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var findings = new List<Finding>();
        var seen = new HashSet<(string, string, int, int)>();
        foreach (var extractor in _extractors)
        {
            foreach (var f in Contained(extractor, document))
            {
                if (!Holds(document, f))
                {
                    // A finding that does not read back from its span is an extractor bug; it is never reported.
                    LogDroppedFinding(_logger, f.FieldKey, document.Id);
                    continue;
                }

                if (seen.Add((f.FieldKey, f.Normalized, f.Span.Start, f.Span.End)))
                {
                    findings.Add(f);
                }
            }
        }

        // Codes are read from the findings above and the words they cite, so they come last.
        foreach (var f in Contained("IcdO3Coder", () => IcdO3Coder.Code(document, findings), document))
        {
            if (Holds(document, f) && seen.Add((f.FieldKey, f.Normalized, f.Span.Start, f.Span.End)))
            {
                findings.Add(f);
            }
        }

        // Which staging is the primary's needs the coded primary site, so it is decided last.
        findings = StagingScope.Apply(document, findings);
        findings.Sort((a, b) => a.Span.Start != b.Span.Start
            ? a.Span.Start.CompareTo(b.Span.Start)
            : string.CompareOrdinal(a.FieldKey, b.FieldKey));
        LogExtracted(_logger, findings.Count, document.Id);
        return findings;
    }

    /// <summary>
    /// The extractor's findings, all of them or, when it fails on this document's text, none: a defect of one rule is
    /// that rule's loss (its fields read "not found" for this document, and the failure is logged with the rule's name
    /// and the document's id, never its text), not the loss of every other field, document and dossier of the run.
    /// </summary>
    private List<Finding> Contained(IFieldExtractor extractor, SourceDocument document) =>
        Contained(extractor.GetType().Name, () => extractor.Extract(document), document);

    private List<Finding> Contained(string rule, Func<IEnumerable<Finding>> extract, SourceDocument document)
    {
        try
        {
            return [.. extract()];
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            LogExtractorFailed(_logger, rule, document.Id);
            return [];
        }
    }

    /// <summary>
    /// The form for <paramref name="fieldKeys"/> (all seventeen contract keys when null) from findings of
    /// <paramref name="documents"/>: every key present, not_found when nothing was found.
    /// </summary>
    public FormResult Assemble(IEnumerable<Finding> findings, IEnumerable<SourceDocument> documents, IReadOnlyList<string>? fieldKeys = null) =>
        _assembler.Assemble(findings, documents, fieldKeys ?? ContractFields.Required);

    /// <summary>Extracts every document and assembles the form in one call.</summary>
    public FormResult ExtractForm(IReadOnlyList<SourceDocument> documents, IReadOnlyList<string>? fieldKeys = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var findings = documents.SelectMany(Extract).ToList();
        return Assemble(findings, documents, fieldKeys);
    }

    private static bool Holds(SourceDocument document, Finding f) =>
        f.DocumentId == document.Id
        && f.Span.End <= document.Text.Length
        && !f.Span.IsEmpty
        && f.Value.Length > 0
        && document.Slice(f.Span).Contains(f.Value, StringComparison.Ordinal)
        && !string.IsNullOrWhiteSpace(f.Normalized)
        && f.Confidence is > 0 and <= 1;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rules read {Count} findings from document {DocumentId}")]
    private static partial void LogExtracted(ILogger logger, int count, string documentId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The rule {Extractor} failed on document {DocumentId}; its fields were not read there")]
    private static partial void LogExtractorFailed(ILogger logger, string extractor, string documentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A finding for {FieldKey} did not read back from its span in document {DocumentId} and was dropped")]
    private static partial void LogDroppedFinding(ILogger logger, string fieldKey, string documentId);
}
