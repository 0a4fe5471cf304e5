namespace MedSummary.Core.Provenance;

/// <summary>Where a span of text lies on one page: the page number (1-based) and the boxes of its lines.</summary>
public sealed record PageRegion(int Page, IReadOnlyList<BoundingBox> Boxes);
