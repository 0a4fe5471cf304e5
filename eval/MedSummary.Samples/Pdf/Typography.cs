namespace MedSummary.Samples.Pdf;

/// <summary>Character-for-character substitutions over blocks; lengths never change, so marks and styles hold.</summary>
public static class Typography
{
    public static List<Block> Apply(IEnumerable<Block> blocks, char from, char to) =>
        blocks.Select(b => Apply(b, from, to)).ToList();

    private static Block Apply(Block block, char from, char to) => block switch
    {
        Paragraph p => p with { Text = Replace(p.Text, from, to) },
        Heading h => h with { Text = Replace(h.Text, from, to) },
        Table t => t with { Rows = t.Rows.Select(r => r with { Cells = r.Cells.Select(c => Replace(c, from, to)).ToList() }).ToList() },
        Letterhead l => new Letterhead(l.Left.Select(x => Replace(x, from, to)).ToList(), l.Right.Select(x => Replace(x, from, to)).ToList()),
        Columns c => c with { Blocks = Apply(c.Blocks, from, to) },
        _ => block,
    };

    private static MarkedText Replace(MarkedText text, char from, char to) =>
        text.Text.Contains(from, StringComparison.Ordinal) ? new MarkedText(text.Text.Replace(from, to), text.Marks, text.Styles) : text;
}
