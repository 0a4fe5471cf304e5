using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// One value found in one place: the field it fills, the text as written, its normalized form, and the exact
/// span of the document's canonical text it was read from. <see cref="Value"/> is always a substring of that span.
/// </summary>
public sealed record Finding(
    string FieldKey,
    string Value,
    string Normalized,
    string DocumentId,
    TextSpan Span,
    double Confidence,
    string Source = "rule")
{
    /// <summary>
    /// Optional qualifier kept for review and used by assembly: how the value was read ("ypT: post-therapy",
    /// "IHC 2+", "stated diagnosis date"). Never patient text beyond the value itself.
    /// </summary>
    public string? Note { get; init; }
}

/// <summary>A deterministic extractor for one family of fields (TNM, receptors, grade...).</summary>
public interface IFieldExtractor
{
    /// <summary>The field keys this extractor can fill.</summary>
    IReadOnlyList<string> Fields { get; }

    IEnumerable<Finding> Extract(Core.Documents.SourceDocument document);
}
