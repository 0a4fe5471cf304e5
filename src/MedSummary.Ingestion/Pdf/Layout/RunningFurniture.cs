using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MedSummary.Ingestion.Pdf.Layout;

/// <summary>
/// Finds running headers and footers: segments near the top or bottom edge of pages that repeat across pages once
/// digits are ignored (page numbers, dates and times change from page to page), and bare page numbers.
/// </summary>
/// <remarks>
/// Only the first and last <see cref="EdgeRows"/> rows of a page that lie within <see cref="BandShare"/> of its height
/// from the edge are candidates, so body text is never considered, wherever it repeats. A candidate is furniture when
/// its normalized text appears in the same band at about the same height (within <see cref="HeightTolerance"/>
/// points) on at least 3 pages that are either half of the document or consecutive (4 pages, or 3 when the text
/// holds a number such as a page number or date: the running header of one report inside a merged dossier); in a
/// 2-page document, on both pages at the same place (within 2 points). Body text that merely repeats, or a
/// template title found at the same place on a few scattered pages, is kept: losing content is worse than keeping
/// a header. Numbers may differ between occurrences only when they move with the page number (page numbers,
/// per-page stamps); a title whose date changes from page to page ("Consultation du 12/03/2024") is content. A bare page number ("3", "Page 3/12", "- 3 -", "3 of 12") at an edge is
/// furniture on any page.
/// </remarks>
internal static partial class RunningFurniture
{
    private const int EdgeRows = 3;
    private const double BandShare = 0.10;
    private const double HeightTolerance = 12;
    private const int MinPagesForRepeat = 3;

    /// <summary>Marks furniture segments, removes them from their rows and returns their distinct texts.</summary>
    public static IReadOnlyList<string> Remove(IReadOnlyList<PageModel> pages)
    {
        var candidates = new Dictionary<string, List<Candidate>>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            foreach (var (segment, zone) in EdgeSegments(page))
            {
                var text = page.TextOf(segment);
                var key = Normalize(text);
                if (key.Length == 0)
                {
                    continue;
                }

                if (IsPageNumber(key))
                {
                    segment.IsFurniture = true;
                }

                var fullKey = zone + key;
                if (!candidates.TryGetValue(fullKey, out var list))
                {
                    candidates[fullKey] = list = [];
                }

                list.Add(new Candidate(page.Number, segment, text));
            }
        }

        foreach (var list in candidates.Values)
        {
            if (IsRepeated(list, pages.Count))
            {
                foreach (var c in list)
                {
                    c.Segment.IsFurniture = true;
                }
            }
        }

        var removed = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var list in candidates.Values)
        {
            foreach (var c in list.Where(c => c.Segment.IsFurniture))
            {
                if (seen.Add(c.Text))
                {
                    removed.Add(c.Text);
                }
            }
        }

        foreach (var page in pages)
        {
            foreach (var row in page.Rows)
            {
                row.Segments.RemoveAll(s => s.IsFurniture);
            }

            page.Rows.RemoveAll(r => r.Segments.Count == 0);
        }

        return removed;
    }

    private static IEnumerable<(LayoutSegment Segment, char Zone)> EdgeSegments(PageModel page)
    {
        var rows = page.Rows;
        var height = page.Frame.Height;
        var band = BandShare * height;
        var topCount = 0;
        for (var i = 0; i < rows.Count && topCount < EdgeRows; i++, topCount++)
        {
            if (rows[i].Bottom < height - band)
            {
                break;
            }

            foreach (var s in rows[i].Segments)
            {
                yield return (s, 'T');
            }
        }

        var bottomCount = 0;
        for (var i = rows.Count - 1; i >= topCount && bottomCount < EdgeRows; i--, bottomCount++)
        {
            if (rows[i].Top > band)
            {
                break;
            }

            foreach (var s in rows[i].Segments)
            {
                yield return (s, 'B');
            }
        }
    }

    private static bool IsRepeated(List<Candidate> list, int pageCount)
    {
        if (pageCount == 2)
        {
            if (list.Count != 2 || list[0].Page == list[1].Page)
            {
                return false;
            }

            var (a, b) = (list[0].Segment, list[1].Segment);
            return Math.Abs(a.BaselineY - b.BaselineY) <= 2
                && (Math.Abs(a.Left - b.Left) <= 2 || Math.Abs(a.Right - b.Right) <= 2)
                && NumbersFollowPages(list);
        }

        if (pageCount < MinPagesForRepeat)
        {
            return false;
        }

        // The largest set of distinct pages whose occurrences lie within the height tolerance of each other.
        var sorted = list.OrderBy(c => c.Segment.BaselineY).ToList();
        var inWindow = new Dictionary<int, int>();
        var bestCount = 0;
        HashSet<int> bestPages = [];
        var start = 0;
        for (var end = 0; end < sorted.Count; end++)
        {
            inWindow[sorted[end].Page] = inWindow.GetValueOrDefault(sorted[end].Page) + 1;
            while (sorted[end].Segment.BaselineY - sorted[start].Segment.BaselineY > HeightTolerance)
            {
                var page = sorted[start++].Page;
                if (--inWindow[page] == 0)
                {
                    inWindow.Remove(page);
                }
            }

            if (inWindow.Count > bestCount)
            {
                bestCount = inWindow.Count;
                bestPages = [.. inWindow.Keys];
            }
        }

        if (bestCount < MinPagesForRepeat)
        {
            return false;
        }

        // Common to half the pages: a running header of the whole document. Otherwise only a run of consecutive
        // pages counts (a report inside a merged dossier), so that a template title that happens to sit at the
        // same place on a few scattered pages ("CONCLUSION", a table header) stays in the text.
        var inBest = list.Where(c => bestPages.Contains(c.Page)).ToList();
        if (!NumbersFollowPages(inBest))
        {
            return false;
        }

        if (2 * bestCount >= pageCount)
        {
            return true;
        }

        var longestRun = LongestConsecutiveRun(bestPages);
        return longestRun >= 4 || (longestRun >= MinPagesForRepeat && list[0].Text.Any(char.IsDigit));
    }

    /// <summary>
    /// Numbers that differ between occurrences must move with the page number (a page number, "feuillet 2/3", a
    /// printing time stamped per page): a title whose date changes from page to page ("Consultation du 12/03")
    /// is content, not furniture. Numbers that are the same everywhere (a print date) are fine.
    /// </summary>
    private static bool NumbersFollowPages(List<Candidate> occurrences)
    {
        var numbers = occurrences.Select(c => NumberRuns(c.Text)).ToList();
        var count = numbers[0].Count;
        if (numbers.Any(n => n.Count != count))
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            var first = numbers[0][i];
            if (numbers.All(n => n[i] == first))
            {
                continue;
            }

            var offset = first - occurrences[0].Page;
            for (var k = 1; k < occurrences.Count; k++)
            {
                if (numbers[k][i] - occurrences[k].Page != offset)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static List<long> NumberRuns(string text)
    {
        var runs = new List<long>();
        long value = 0;
        var digits = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                // Long digit runs (identifiers) are compared on their last digits only; they rarely change anyway.
                value = ((value * 10) + (c - '0')) % 1_000_000_000;
                digits++;
            }
            else if (digits > 0)
            {
                runs.Add(value);
                value = 0;
                digits = 0;
            }
        }

        if (digits > 0)
        {
            runs.Add(value);
        }

        return runs;
    }

    private static int LongestConsecutiveRun(HashSet<int> pages)
    {
        var longest = 0;
        foreach (var page in pages)
        {
            if (pages.Contains(page - 1))
            {
                continue;
            }

            var length = 1;
            while (pages.Contains(page + length))
            {
                length++;
            }

            longest = Math.Max(longest, length);
        }

        return longest;
    }

    /// <summary>Lowercase, digits runs as '#', month names as '@', whitespace collapsed: what stays the same from page to page.</summary>
    internal static string Normalize(string text)
    {
        var lower = text.ToLower(CultureInfo.InvariantCulture);
        lower = MonthPattern().Replace(lower, "@");
        var sb = new StringBuilder(lower.Length);
        var lastWasSpace = true;
        var lastWasDigit = false;
        foreach (var c in lower)
        {
            if (char.IsDigit(c))
            {
                if (!lastWasDigit)
                {
                    sb.Append('#');
                }

                lastWasDigit = true;
                lastWasSpace = false;
                continue;
            }

            lastWasDigit = false;
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                {
                    sb.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            sb.Append(c);
            lastWasSpace = false;
        }

        return sb.ToString().Trim();
    }

    internal static bool IsPageNumber(string normalized) => PageNumberPattern().IsMatch(normalized);

    [GeneratedRegex(@"^(?:(?:page|p\.?|pg\.?)\s*#(?:\s*(?:/|sur|of|de|on)\s*#)?|#\s*(?:/|sur|of|de|on)\s*#|[-–—]\s*#\s*[-–—]|#)$", RegexOptions.CultureInvariant)]
    private static partial Regex PageNumberPattern();

    [GeneratedRegex(@"\b(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december)\b", RegexOptions.CultureInvariant)]
    private static partial Regex MonthPattern();

    private sealed record Candidate(int Page, LayoutSegment Segment, string Text);
}
