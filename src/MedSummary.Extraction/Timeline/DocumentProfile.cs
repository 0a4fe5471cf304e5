using System.Text.RegularExpressions;
using MedSummary.Core.Provenance;
using MedSummary.Extraction.Rules;

namespace MedSummary.Extraction.Timeline;

/// <summary>What kind of report a document is, read from its first lines, and the passages that describe its own act.</summary>
internal sealed partial record DocumentProfile(
    bool IsImagingReport,
    bool IsPathologyReport,
    bool IsResectionPathology,
    bool IsOperativeReport,
    TextSpan? Title,
    TextSpan? Conclusion,
    TextSpan? Procedure)
{
    // The title of a report stands in its first lines, under the letterhead.
    private const int HeadLength = 1200;

    public static DocumentProfile Of(string text, string folded)
    {
        var head = Math.Min(HeadLength, text.Length);
        TextSpan? modalityTitle = null;
        TextSpan? operativeTitle = null;
        var lineStart = 0;
        while (lineStart < head)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = text.Length;
            }

            var line = folded[lineStart..lineEnd];
            if (modalityTitle is null && line.Trim().Length is > 3 and < 90 && TimelineCues.Modality().IsMatch(line) && !line.Contains(':', StringComparison.Ordinal))
            {
                modalityTitle = Trim(text, lineStart, lineEnd);
            }

            if (operativeTitle is null && TimelineCues.OperativeReportTitle().IsMatch(line))
            {
                operativeTitle = Trim(text, lineStart, lineEnd);
            }

            lineStart = lineEnd + 1;
        }

        var pathology = ReportContext.IsPathologyReport(text);
        var procedure = TimelineCues.ProcedureLine().Match(folded) is { Success: true } p
            ? Trim(text, p.Groups["v"].Index, p.Groups["v"].Index + p.Groups["v"].Length)
            : (TextSpan?)null;
        var resection = pathology && TimelineCues.ResectionSpecimen().IsMatch(folded[..head]);
        var imaging = modalityTitle is not null && !pathology && operativeTitle is null;
        return new DocumentProfile(imaging, pathology, resection, operativeTitle is not null, imaging ? modalityTitle : operativeTitle, ConclusionOf(text, folded), procedure);
    }

    /// <summary>The first sentence under a "Conclusion" / "Impression" heading, if any.</summary>
    private static TextSpan? ConclusionOf(string text, string folded) => FirstSentenceUnder(text, folded, TimelineCues.ConclusionHeading());

    /// <summary>
    /// The first <paramref name="sentences"/> sentence(s) under the last heading <paramref name="headings"/> matches,
    /// within <paramref name="maxLength"/> characters (a blank line ends the passage), if any.
    /// </summary>
    public static TextSpan? FirstSentenceUnder(string text, string folded, Regex headings, int sentences = 1, int maxLength = 220)
    {
        var heading = headings.Matches(folded).LastOrDefault();
        if (heading is null)
        {
            return null;
        }

        var start = heading.Index + heading.Length;
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        if (start >= text.Length)
        {
            return null;
        }

        var end = start;
        for (var n = 0; n < sentences && end < text.Length; n++)
        {
            var m = SentenceEnd().Match(text, end);
            if (!m.Success)
            {
                end = text.Length;
                break;
            }

            var blankLine = m.Value[0] != '.' && m.Value[0] != ';';
            var next = blankLine ? m.Index : m.Index + 1;
            if (n > 0 && next - start > maxLength)
            {
                break;
            }

            end = next;
            if (blankLine)
            {
                break;
            }
        }

        end = Math.Min(end, start + maxLength);
        var span = Trim(text, start, end);
        return span.IsEmpty ? null : span;
    }

    private static TextSpan Trim(string text, int start, int end)
    {
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

    [GeneratedRegex(@"[.;](?=\s|$)|\n\s*\n", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();
}
