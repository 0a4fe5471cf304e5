using MedSummary.Core.Provenance;
using MedSummary.Extraction.Grounding.Passages;
using MedSummary.Extraction.Grounding.Text;

namespace MedSummary.Extraction.Grounding.Alignment;

/// <summary>How a quote was found in the source: the weaker the match, the lower the confidence.</summary>
public enum AlignmentKind
{
    /// <summary>Character for character.</summary>
    Exact,

    /// <summary>Equal once case, accents, ligatures, whitespace, line breaks, hyphenation and punctuation are folded.</summary>
    Tolerant,

    /// <summary>Equal only once OCR confusions (0/O, 1/l/I, rn/m, cl/d) are also folded.</summary>
    Ocr,
}

/// <summary>Where a model's quote lies in the source: a passage, the exact span of the document, and how it matched.</summary>
public sealed record AlignedQuote(Passage Passage, TextSpan Span, AlignmentKind Kind);

/// <summary>
/// Finds a model's quote in the passages it was shown, and only there: exactly first, then tolerantly, then with OCR
/// confusions. The result is a span of the source; the model's own string is never what gets cited.
/// </summary>
public static class QuoteAligner
{
    /// <summary>Folded quotes shorter than this are not aligned tolerantly (too many accidental matches).</summary>
    public const int MinTolerantLength = 3;

    /// <summary>OCR folding merges letters and digits: only quotes at least this long are aligned that way.</summary>
    public const int MinOcrLength = 12;

    /// <summary>At most this many occurrences are returned (a short quote can occur in every passage).</summary>
    public const int MaxOccurrences = 16;

    /// <summary>Every occurrence at the strongest level that finds any, in passage order then text order.</summary>
    public static IReadOnlyList<AlignedQuote> Align(string? quote, IReadOnlyList<Passage> passages)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var trimmed = quote?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return [];
        }

        var found = new List<AlignedQuote>();
        foreach (var passage in passages)
        {
            var text = passage.Text;
            for (var at = text.IndexOf(trimmed, StringComparison.Ordinal); at >= 0 && found.Count < MaxOccurrences;
                 at = text.IndexOf(trimmed, at + 1, StringComparison.Ordinal))
            {
                found.Add(new AlignedQuote(passage, TextSpan.FromLength(passage.Span.Start + at, trimmed.Length), AlignmentKind.Exact));
            }
        }

        if (found.Count > 0)
        {
            return found;
        }

        foreach (var (level, kind, minimum) in new[] { (FoldLevel.Compact, AlignmentKind.Tolerant, MinTolerantLength), (FoldLevel.Ocr, AlignmentKind.Ocr, MinOcrLength) })
        {
            var needle = TextFolding.FoldString(trimmed, level);
            if (needle.Length < minimum)
            {
                return [];
            }

            foreach (var passage in passages)
            {
                var folded = TextFolding.Fold(passage.Document.Text, passage.Span.Start, passage.Span.End, level);
                for (var at = folded.Text.IndexOf(needle, StringComparison.Ordinal); at >= 0 && found.Count < MaxOccurrences;
                     at = folded.Text.IndexOf(needle, at + 1, StringComparison.Ordinal))
                {
                    var (start, end) = folded.SourceRange(at, needle.Length);
                    found.Add(new AlignedQuote(passage, new TextSpan(start, end), kind));
                }
            }

            if (found.Count > 0)
            {
                return found;
            }
        }

        return found;
    }
}
