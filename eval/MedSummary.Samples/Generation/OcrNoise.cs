using System.Text;
using MedSummary.Samples.Pdf;

namespace MedSummary.Samples.Generation;

/// <summary>
/// Imitates what OCR does to a scanned page: character confusions (0/O, 1/l, rn/m, cl/d), dropped accents,
/// lines broken mid-sentence, words hyphenated across lines, doubled spaces. Marked spans are left intact so
/// that every quote of the truth stays verbatim; only the text around them degrades.
/// </summary>
internal sealed class OcrNoise
{
    private static readonly Dictionary<char, char> Unaccented = new()
    {
        ['é'] = 'e', ['è'] = 'e', ['ê'] = 'e', ['ë'] = 'e', ['à'] = 'a', ['â'] = 'a', ['ù'] = 'u', ['û'] = 'u',
        ['ç'] = 'c', ['ô'] = 'o', ['î'] = 'i', ['ï'] = 'i', ['É'] = 'E', ['È'] = 'E', ['À'] = 'A', ['Ç'] = 'C',
    };

    private readonly Rng _rng;
    private readonly double _level;
    private readonly bool _dropAllAccents;

    public OcrNoise(Rng rng, double level)
    {
        _rng = rng;
        _level = Math.Clamp(level, 0, 1);
        // Some OCR engines lose every accent of a page; others only some.
        _dropAllAccents = rng.Chance(_level * 0.4);
    }

    public MarkedText Apply(MarkedText text)
    {
        if (_level <= 0 || text.Text.Length == 0)
        {
            return text;
        }

        var source = text.Text;
        var protectedChars = new bool[source.Length];
        foreach (var mark in text.Marks)
        {
            for (var i = mark.Start; i < mark.End; i++)
            {
                protectedChars[i] = true;
            }
        }

        var output = new StringBuilder(source.Length + 16);
        var map = new int[source.Length + 1];
        var sinceBreak = 0;
        for (var i = 0; i < source.Length; i++)
        {
            map[i] = output.Length;
            var c = source[i];
            if (protectedChars[i])
            {
                output.Append(c);
                sinceBreak++;
                continue;
            }

            var next = i + 1 < source.Length ? source[i + 1] : '\0';
            var nextFree = i + 1 < source.Length && !protectedChars[i + 1];
            if (c == ' ' && sinceBreak > 40 && _rng.Chance(0.02 * _level))
            {
                // A line broken where the scanned line ended.
                output.Append('\n');
                sinceBreak = 0;
                continue;
            }

            if (c == ' ' && _rng.Chance(0.01 * _level))
            {
                output.Append("  ");
                continue;
            }

            if (char.IsLetter(c) && char.IsLetter(next) && nextFree && sinceBreak > 50 && _rng.Chance(0.004 * _level))
            {
                output.Append(c).Append("-\n");
                sinceBreak = 0;
                continue;
            }

            if (c == 'r' && next == 'n' && nextFree && _rng.Chance(0.3 * _level))
            {
                output.Append('m');
                map[i + 1] = output.Length - 1;
                i++;
                continue;
            }

            if (c == 'c' && next == 'l' && nextFree && _rng.Chance(0.15 * _level))
            {
                output.Append('d');
                map[i + 1] = output.Length - 1;
                i++;
                continue;
            }

            output.Append(Confuse(c, source, i));
            sinceBreak = c == '\n' ? 0 : sinceBreak + 1;
        }

        map[source.Length] = output.Length;
        var marks = text.Marks.Select(m => new TextMark(map[m.Start], map[m.End] - map[m.Start], m.Target)).ToList();
        var styles = text.Styles.Select(s => new StyleRun(map[s.Start], map[s.Start + s.Length] - map[s.Start], s.Style)).ToList();
        return new MarkedText(output.ToString(), marks, styles);
    }

    private string Confuse(char c, string source, int i)
    {
        if (Unaccented.TryGetValue(c, out var plain) && (_dropAllAccents || _rng.Chance(0.15 * _level)))
        {
            return plain.ToString();
        }

        var inNumber = (i > 0 && char.IsDigit(source[i - 1])) || (i + 1 < source.Length && char.IsDigit(source[i + 1]));
        return c switch
        {
            '0' when _rng.Chance(0.05 * _level) => "O",
            'O' when inNumber && _rng.Chance(0.3 * _level) => "0",
            'o' when _rng.Chance(0.004 * _level) => "0",
            '1' when _rng.Chance(0.05 * _level) => "l",
            'l' when _rng.Chance(0.01 * _level) => "1",
            'I' when _rng.Chance(0.02 * _level) => "l",
            'm' when _rng.Chance(0.006 * _level) => "rn",
            'e' when _rng.Chance(0.004 * _level) => "c",
            ',' when _rng.Chance(0.02 * _level) => ".",
            _ => c.ToString(),
        };
    }

    /// <summary>Applies the noise to every text of a block list (paragraphs, headings, cells, letterheads).</summary>
    public List<Block> Apply(IEnumerable<Block> blocks) => blocks.Select(Apply).ToList();

    private Block Apply(Block block) => block switch
    {
        Paragraph p => p with { Text = Apply(p.Text) },
        Heading h => h with { Text = Apply(h.Text) },
        Table t => t with { Rows = t.Rows.Select(r => r with { Cells = r.Cells.Select(c => r.Marks.Count > 0 ? c : Apply(c)).ToList() }).ToList() },
        Letterhead l => new Letterhead(l.Left.Select(Apply).ToList(), l.Right.Select(Apply).ToList()),
        Columns c => c with { Blocks = Apply(c.Blocks) },
        _ => block,
    };
}
