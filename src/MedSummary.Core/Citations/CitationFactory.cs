using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;

namespace MedSummary.Core.Citations;

/// <summary>Builds citations from source offsets: the quote is always cut from the document's own text.</summary>
public static class CitationFactory
{
    /// <summary>
    /// Citations for a span, one per page it covers (a citation lies on exactly one page).
    /// Leading and trailing whitespace of each piece is trimmed from the span so quotes start and end on text.
    /// </summary>
    public static IReadOnlyList<Citation> ForSpan(SourceDocument document, TextSpan span)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (span.End > document.Text.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(span), "The span ends past the document's text.");
        }

        var citations = new List<Citation>();
        var start = span.Start;
        while (start < span.End)
        {
            var page = document.Map.PageAt(start);
            var pageEnd = Math.Min(span.End, document.Map.PageSpan(page).End);
            if (pageEnd <= start)
            {
                // Zero-length page at this offset; move on to the page that actually holds the character.
                pageEnd = Math.Min(span.End, start + 1);
            }

            var piece = Trim(document.Text, new TextSpan(start, pageEnd));
            if (!piece.IsEmpty)
            {
                citations.Add(Create(document, piece));
            }

            start = pageEnd;
        }

        return citations;
    }

    /// <summary>One citation for a span that lies on one page; throws otherwise.</summary>
    public static Citation Create(SourceDocument document, TextSpan span)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!document.Map.IsOnSinglePage(span))
        {
            throw new ArgumentException("A citation must lie on one page; use ForSpan to split it.", nameof(span));
        }

        return new Citation(
            document.Id,
            document.FileName,
            document.Map.PageAt(span.Start),
            span.Start,
            span.End,
            document.Slice(span));
    }

    private static TextSpan Trim(string text, TextSpan span)
    {
        var start = span.Start;
        var end = span.End;
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return new TextSpan(start, end);
    }
}
