using System.Text;

namespace MedSummary.Samples.Pdf;

/// <summary>
/// A span of <see cref="MarkedText.Text"/> that stands for something in the truth (a field value, an alert, an
/// event). <see cref="Target"/> is an opaque key chosen by the generator, e.g. "field:histology".
/// </summary>
public readonly record struct TextMark(int Start, int Length, string Target)
{
    public int End => Start + Length;
}

/// <summary>A span drawn in a style other than the block's own (a bold label, an italic remark).</summary>
public readonly record struct StyleRun(int Start, int Length, FontStyle Style);

/// <summary>
/// Text as it will be drawn, with its marks and style runs. The text is already WinAnsi-safe
/// (see <see cref="WinAnsi.Sanitize"/>); '\n' forces a line break.
/// </summary>
public sealed class MarkedText
{
    public MarkedText(string text, IReadOnlyList<TextMark>? marks = null, IReadOnlyList<StyleRun>? styles = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        Marks = marks ?? [];
        Styles = styles ?? [];
        foreach (var mark in Marks)
        {
            if (mark.Start < 0 || mark.End > text.Length || mark.Length <= 0)
            {
                throw new ArgumentException($"Mark {mark.Target} [{mark.Start},{mark.End}) lies outside the text.", nameof(marks));
            }
        }
    }

    public string Text { get; }

    public IReadOnlyList<TextMark> Marks { get; }

    public IReadOnlyList<StyleRun> Styles { get; }

    public static MarkedText Empty { get; } = new("");

    public static MarkedText Plain(string text) => new(WinAnsi.Sanitize(text));

    public static implicit operator MarkedText(string text) => Plain(text);

    public string Slice(TextMark mark) => Text.Substring(mark.Start, mark.Length);

    public FontStyle StyleAt(int index)
    {
        for (var i = Styles.Count - 1; i >= 0; i--)
        {
            var run = Styles[i];
            if (index >= run.Start && index < run.Start + run.Length)
            {
                return run.Style;
            }
        }

        return FontStyle.Regular;
    }

    public override string ToString() => Text;
}

/// <summary>Builds a <see cref="MarkedText"/> piece by piece, sanitizing as it goes so that mark offsets hold.</summary>
public sealed class MarkedTextBuilder
{
    private readonly StringBuilder _text = new();
    private readonly List<TextMark> _marks = [];
    private readonly List<StyleRun> _styles = [];

    public int Length => _text.Length;

    public MarkedTextBuilder Append(string text, FontStyle style = FontStyle.Regular)
    {
        var clean = WinAnsi.Sanitize(text);
        if (style != FontStyle.Regular && clean.Length > 0)
        {
            _styles.Add(new StyleRun(_text.Length, clean.Length, style));
        }

        _text.Append(clean);
        return this;
    }

    /// <summary>Appends text and marks it for every target given (a quote may support several truth entries).</summary>
    public MarkedTextBuilder AppendMarked(string text, IEnumerable<string> targets, FontStyle style = FontStyle.Regular)
    {
        var start = _text.Length;
        Append(text, style);
        var length = _text.Length - start;
        if (length > 0)
        {
            foreach (var target in targets)
            {
                _marks.Add(new TextMark(start, length, target));
            }
        }

        return this;
    }

    /// <summary>Appends another marked text, shifting its marks and styles.</summary>
    public MarkedTextBuilder Append(MarkedText other)
    {
        var offset = _text.Length;
        _text.Append(other.Text);
        _marks.AddRange(other.Marks.Select(m => m with { Start = m.Start + offset }));
        _styles.AddRange(other.Styles.Select(s => s with { Start = s.Start + offset }));
        return this;
    }

    public MarkedText Build() => new(_text.ToString(), [.. _marks], [.. _styles]);
}
