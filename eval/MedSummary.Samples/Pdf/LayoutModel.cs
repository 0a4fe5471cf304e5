namespace MedSummary.Samples.Pdf;

public enum TextAlign
{
    Left,
    Center,
    Right,
}

/// <summary>A piece of document content, laid out top to bottom by <see cref="PdfLayoutEngine"/>.</summary>
public abstract record Block;

/// <summary>A section title; level 1 is the document title, 2 a section, 3 a sub-section.</summary>
public sealed record Heading(MarkedText Text, int Level = 2) : Block
{
    public TextAlign Align { get; init; } = TextAlign.Left;
}

/// <summary>A word-wrapped paragraph.</summary>
public sealed record Paragraph(MarkedText Text) : Block
{
    public TextAlign Align { get; init; } = TextAlign.Left;

    /// <summary>Left indent in points.</summary>
    public double Indent { get; init; }

    /// <summary>Font size relative to the document's body size.</summary>
    public double Scale { get; init; } = 1.0;

    public FontStyle Style { get; init; } = FontStyle.Regular;

    /// <summary>Extra space below, in lines of body text.</summary>
    public double SpaceAfter { get; init; } = 0.5;

    /// <summary>Keep the paragraph on one page/column when it is short enough; defaults to "when it carries marks".</summary>
    public bool? KeepTogether { get; init; }
}

public sealed record TableColumn(string Title, double Weight, TextAlign Align = TextAlign.Left);

/// <summary>A mark over whole cells of a row: its quote is the cells' text joined by single spaces.</summary>
public sealed record RowMark(string Target, int FirstCell, int LastCell);

public sealed record TableRow(IReadOnlyList<MarkedText> Cells)
{
    public IReadOnlyList<RowMark> Marks { get; init; } = [];

    public FontStyle Style { get; init; } = FontStyle.Regular;
}

/// <summary>Rows of cells; the header row repeats when the table continues on a new page.</summary>
public sealed record Table(IReadOnlyList<TableColumn> Columns, IReadOnlyList<TableRow> Rows) : Block
{
    public bool ShowHeader { get; init; } = true;

    /// <summary>Rule under every row (otherwise only under the header and at the end).</summary>
    public bool RowRules { get; init; }

    /// <summary>Grey band behind the header row.</summary>
    public bool ShadedHeader { get; init; } = true;

    public double Scale { get; init; } = 0.95;

    /// <summary>Overrides the document's family (lab systems print in Courier).</summary>
    public FontFamily? Family { get; init; }
}

/// <summary>Vertical space in points.</summary>
public sealed record Spacer(double Height) : Block;

/// <summary>A horizontal line across the frame.</summary>
public sealed record Rule : Block;

/// <summary>Starts a new page.</summary>
public sealed record PageBreak : Block;

/// <summary>The top of a letter: sender lines on the left (the first in bold), other lines on the right, a rule below.</summary>
public sealed record Letterhead(IReadOnlyList<MarkedText> Left, IReadOnlyList<MarkedText> Right) : Block;

/// <summary>Blocks flowed in newspaper columns: down the first column, then the next, then onto a new page.</summary>
public sealed record Columns(IReadOnlyList<Block> Blocks, int Count = 2) : Block
{
    public double Gutter { get; init; } = 18;
}

/// <summary>One line of running header or footer: "{page}" and "{pages}" are replaced on each page.</summary>
public sealed record RunningLine(string Left, string Center, string Right);

/// <summary>Everything the engine needs to produce one PDF.</summary>
public sealed record LayoutDocument
{
    public required PdfMetadata Metadata { get; init; }

    public required IReadOnlyList<Block> Blocks { get; init; }

    public FontFamily Family { get; init; } = FontFamily.Helvetica;

    /// <summary>Body font size in points.</summary>
    public double BodySize { get; init; } = 10;

    /// <summary>Line height as a multiple of the font size.</summary>
    public double Leading { get; init; } = 1.3;

    public double MarginLeft { get; init; } = 62;

    public double MarginRight { get; init; } = 56;

    public double MarginTop { get; init; } = 62;

    public double MarginBottom { get; init; } = 62;

    public RunningLine? Header { get; init; }

    public RunningLine? Footer { get; init; }

    /// <summary>False to leave the first page (with its letterhead) free of the running header.</summary>
    public bool HeaderOnFirstPage { get; init; } = true;
}

/// <summary>A mark as placed: the exact quote and the page its first character landed on.</summary>
public sealed record PlacedMark(string Target, string Quote, int Page, bool CrossesPage);

/// <summary>One page as drawn: the body text in reading order (lines joined by '\n') and the running lines apart.</summary>
public sealed record RenderedPage(int Number, string BodyText, IReadOnlyList<string> Furniture);

/// <summary>A produced file with what was drawn where.</summary>
public sealed record RenderedDocument(byte[] Bytes, IReadOnlyList<RenderedPage> Pages, IReadOnlyList<PlacedMark> Marks)
{
    public int PageCount => Pages.Count;
}
