namespace MedSummary.Core.Provenance;

/// <summary>
/// A rectangle on a page in PDF user-space points (origin bottom-left, as PdfPig reports it).
/// Characters that do not come from a glyph (inserted spaces and line breaks, plain-text input) have no box.
/// </summary>
public readonly record struct BoundingBox(double Left, double Bottom, double Right, double Top)
{
    public double Width => Right - Left;

    public double Height => Top - Bottom;

    public BoundingBox Union(BoundingBox other) => new(
        Math.Min(Left, other.Left),
        Math.Min(Bottom, other.Bottom),
        Math.Max(Right, other.Right),
        Math.Max(Top, other.Top));
}
