using MedSummary.Core.Chunks;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;

namespace MedSummary.Ingestion.Chunking;

/// <summary>
/// Cuts a document into chunks that never cross a section heading (see <see cref="SectionHeadings"/>), are at most
/// <see cref="ChunkingOptions.MaxChars"/> long and overlap the previous chunk of their section by at most
/// <see cref="ChunkingOptions.OverlapChars"/>. Each chunk's span is exact: its text is the document's text over it,
/// trimmed of white space at both ends.
/// </summary>
/// <remarks>
/// A long section is cut at the best boundary in the last 40% of the allowed length: a blank line, else a line
/// break, else the end of a sentence, else a space; only a run of text without any white space is cut mid-word.
/// The overlap starts at a word boundary. A heading directly followed by another heading (nothing but white space
/// between them) is kept with the next section, whose title wins. Work is linear in the text length.
/// </remarks>
public sealed class SectionChunker : IChunker
{
    private readonly ChunkingOptions _options;

    public SectionChunker(ChunkingOptions? options = null)
    {
        _options = options ?? new ChunkingOptions();
        var errors = _options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }
    }

    public IReadOnlyList<Chunk> Chunk(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var chunks = new List<Chunk>();
        foreach (var section in FindSections(document.Text))
        {
            CutSection(document, section, chunks);
        }

        return chunks;
    }

    /// <summary>Sections in text order: their span (from the heading line to the next heading) and title.</summary>
    public static IReadOnlyList<(TextSpan Span, string? Title)> FindSections(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var headings = new List<(int Start, int ContentStart, string Title)>();
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            var newline = text.IndexOf('\n', lineStart);
            var lineEnd = newline < 0 ? text.Length : newline;
            if (lineEnd - lineStart >= 3 && SectionHeadings.TitleOf(text.AsSpan(lineStart, lineEnd - lineStart)) is { } title)
            {
                // A whole-line heading's content starts on the next line; an inline one ("Conclusion : ...") on its own.
                var isInline = !text.AsSpan(lineStart, lineEnd - lineStart).Trim().TrimEnd(':').Trim().SequenceEqual(title);
                headings.Add((lineStart, isInline ? lineStart : lineEnd, title));
            }

            lineStart = lineEnd + 1;
        }

        var sections = new List<(TextSpan, string?)>();
        var firstStart = headings.Count > 0 ? headings[0].Start : text.Length;
        if (!IsBlank(text, 0, firstStart))
        {
            sections.Add((new TextSpan(0, firstStart), null));
        }

        var pendingStart = -1;
        for (var i = 0; i < headings.Count; i++)
        {
            var start = pendingStart >= 0 ? pendingStart : headings[i].Start;
            var end = i + 1 < headings.Count ? headings[i + 1].Start : text.Length;
            if (i + 1 < headings.Count && IsBlank(text, headings[i].ContentStart, end))
            {
                // A heading with nothing under it goes with the next one ("COMPTE RENDU" then "Conclusion").
                pendingStart = start;
                continue;
            }

            pendingStart = -1;
            sections.Add((new TextSpan(start, end), headings[i].Title));
        }

        return sections;
    }

    private void CutSection(SourceDocument document, (TextSpan Span, string? Title) section, List<Chunk> chunks)
    {
        var text = document.Text;
        var (start, end) = Trim(text, section.Span.Start, section.Span.End);
        var max = _options.MaxChars;
        while (start < end)
        {
            var cut = end - start <= max ? end : BestBreak(text, start + (int)(max * 0.6), start + max);
            var (chunkStart, chunkEnd) = Trim(text, start, cut);
            if (chunkEnd > chunkStart)
            {
                var span = new TextSpan(chunkStart, chunkEnd);
                chunks.Add(new Chunk(
                    Core.Chunks.Chunk.MakeId(document.Id, chunks.Count),
                    document.Id,
                    chunks.Count,
                    section.Title,
                    span,
                    document.Map.PageAt(span.Start),
                    document.Map.PageAt(span.End - 1),
                    text.Substring(span.Start, span.Length)));
            }

            if (cut >= end)
            {
                break;
            }

            var next = WordStartAfter(text, Math.Max(chunkEnd - _options.OverlapChars, start + 1), chunkEnd);
            start = next > start && next < cut ? next : cut;
        }
    }

    /// <summary>The end of the best place to cut in [low, high]: a blank line, a line break, a sentence end, a space, else high.</summary>
    private static int BestBreak(string text, int low, int high)
    {
        var window = text.AsSpan(low, high - low);
        var paragraph = window.LastIndexOf("\n\n");
        if (paragraph >= 0)
        {
            return low + paragraph + 2;
        }

        var line = window.LastIndexOf('\n');
        if (line >= 0)
        {
            return low + line + 1;
        }

        for (var i = window.Length - 2; i >= 0; i--)
        {
            if (window[i] is '.' or '!' or '?' or ';' && char.IsWhiteSpace(window[i + 1]))
            {
                return low + i + 2;
            }
        }

        var space = window.LastIndexOfAny(' ', '\t');
        return space >= 0 ? low + space + 1 : high;
    }

    /// <summary>The first word start at or after <paramref name="from"/> (before <paramref name="limit"/>), else <paramref name="from"/>.</summary>
    private static int WordStartAfter(string text, int from, int limit)
    {
        if (from == 0 || char.IsWhiteSpace(text[from - 1]))
        {
            return from;
        }

        for (var i = from; i < limit; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                while (i < limit && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                return i;
            }
        }

        return from;
    }

    private static (int Start, int End) Trim(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    private static bool IsBlank(string text, int start, int end) =>
        text.AsSpan(start, Math.Max(0, end - start)).IsWhiteSpace();
}
