using System.Text;
using MedSummary.Core.Documents;

namespace MedSummary.Ingestion.Pdf.Layout;

/// <summary>A page between geometry and text assembly: its glyphs, its rows and where its text came from.</summary>
internal sealed class PageModel(int number, double width, double height, IReadOnlyList<Glyph> glyphs, List<LayoutRow> rows, PageTextSource source)
{
    public int Number { get; } = number;

    public double Width { get; } = width;

    public double Height { get; } = height;

    public IReadOnlyList<Glyph> Glyphs { get; } = glyphs;

    public List<LayoutRow> Rows { get; } = rows;

    public PageTextSource Source { get; } = source;

    /// <summary>
    /// The upright frame the glyphs are laid out in; for text running rotated on the page (an OCR'd page scanned
    /// sideways) glyph boxes are in this frame and are mapped back to the page's frame when text is assembled.
    /// </summary>
    public TextFrame Frame { get; init; } = TextFrame.Upright(width, height);

    /// <summary>Lines of text that are not laid out horizontally (rotated stamps, vertical margin notes), in drawing order.</summary>
    public List<List<Glyph>> OtherLines { get; init; } = [];

    public string TextOf(LayoutSegment segment)
    {
        var sb = new StringBuilder();
        foreach (var word in segment.Words)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            foreach (var g in word.Glyphs)
            {
                sb.Append(Glyphs[g].Text);
            }
        }

        return sb.ToString();
    }
}
