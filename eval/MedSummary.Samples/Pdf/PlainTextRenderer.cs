using System.Text;

namespace MedSummary.Samples.Pdf;

/// <summary>
/// Writes the same blocks as a plain-text export (what a hospital system's "export as text" gives): UTF-8,
/// hard-wrapped at <see cref="WrapColumn"/> characters, tables padded with spaces. One page.
/// </summary>
public static class PlainTextRenderer
{
    public const int WrapColumn = 92;

    public static RenderedDocument Render(LayoutDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var output = new StringBuilder();
        var marks = new List<PlacedMark>();
        foreach (var block in document.Blocks)
        {
            Write(block, output, marks);
        }

        var text = output.ToString().TrimEnd('\n') + "\n";
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
        return new RenderedDocument(bytes, [new RenderedPage(1, text, [])], marks);
    }

    private static void Write(Block block, StringBuilder output, List<PlacedMark> marks)
    {
        switch (block)
        {
            case Heading h:
                output.Append('\n');
                WriteWrapped(h.Text, output, marks, 0);
                var underline = h.Level <= 1 ? '=' : '-';
                output.Append(new string(underline, Math.Min(WrapColumn, h.Text.Text.Length))).Append('\n');
                break;
            case Paragraph p:
                WriteWrapped(p.Text, output, marks, p.Indent > 0 ? 4 : 0);
                if (p.SpaceAfter >= 0.3)
                {
                    output.Append('\n');
                }

                break;
            case Table t:
                WriteTable(t, output, marks);
                output.Append('\n');
                break;
            case Spacer or PageBreak:
                break;
            case Rule:
                output.Append(new string('-', 40)).Append('\n');
                break;
            case Letterhead l:
                foreach (var line in l.Left.Concat(l.Right))
                {
                    WriteWrapped(line, output, marks, 0);
                }

                output.Append(new string('_', 60)).Append("\n\n");
                break;
            case Columns c:
                foreach (var inner in c.Blocks)
                {
                    Write(inner, output, marks);
                }

                break;
            default:
                throw new NotSupportedException($"Unknown block {block.GetType().Name}.");
        }
    }

    private static void WriteWrapped(MarkedText text, StringBuilder output, List<PlacedMark> marks, int indent)
    {
        foreach (var mark in text.Marks)
        {
            marks.Add(new PlacedMark(mark.Target, text.Slice(mark), 1, false));
        }

        foreach (var hardLine in text.Text.Split('\n'))
        {
            var column = 0;
            var words = hardLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            output.Append(' ', indent);
            foreach (var word in words)
            {
                if (column > 0 && column + 1 + word.Length + indent > WrapColumn)
                {
                    output.Append('\n').Append(' ', indent);
                    column = 0;
                }

                if (column > 0)
                {
                    output.Append(' ');
                    column++;
                }

                output.Append(word);
                column += word.Length;
            }

            output.Append('\n');
        }
    }

    private static void WriteTable(Table table, StringBuilder output, List<PlacedMark> marks)
    {
        var widths = table.Columns.Select(c => c.Title.Length).ToArray();
        foreach (var row in table.Rows)
        {
            for (var c = 0; c < row.Cells.Count && c < widths.Length; c++)
            {
                widths[c] = Math.Max(widths[c], row.Cells[c].Text.Length);
            }
        }

        if (table.ShowHeader)
        {
            AppendRow(table.Columns.Select(c => c.Title).ToList());
            output.Append(new string('-', Math.Min(WrapColumn, widths.Sum() + (2 * widths.Length)))).Append('\n');
        }

        foreach (var row in table.Rows)
        {
            AppendRow(row.Cells.Select(c => c.Text.Replace('\n', ' ')).ToList());
            foreach (var cell in row.Cells)
            {
                foreach (var mark in cell.Marks)
                {
                    marks.Add(new PlacedMark(mark.Target, cell.Slice(mark), 1, false));
                }
            }

            foreach (var mark in row.Marks)
            {
                var quote = string.Join(' ', row.Cells.Skip(mark.FirstCell).Take(mark.LastCell - mark.FirstCell + 1).Select(c => c.Text));
                marks.Add(new PlacedMark(mark.Target, quote, 1, false));
            }
        }

        void AppendRow(IReadOnlyList<string> cells)
        {
            var line = new StringBuilder();
            for (var c = 0; c < cells.Count && c < widths.Length; c++)
            {
                var cell = cells[c];
                line.Append(table.Columns[c].Align == TextAlign.Right ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
                if (c < cells.Count - 1)
                {
                    line.Append("  ");
                }
            }

            output.Append(line.ToString().TrimEnd()).Append('\n');
        }
    }
}
