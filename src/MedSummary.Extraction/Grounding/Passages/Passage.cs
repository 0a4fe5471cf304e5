using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Grounding.Passages;

/// <summary>
/// A stretch of one document shown to the model under a label ("P3"): what the model may quote, and the only text a
/// quote is aligned against. Its text is always the document's own text over <see cref="Span"/>.
/// </summary>
public sealed record Passage(string Label, SourceDocument Document, TextSpan Span)
{
    public string Text => Document.Slice(Span);
}
