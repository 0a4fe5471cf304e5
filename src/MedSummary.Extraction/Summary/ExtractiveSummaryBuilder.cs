using System.Text;
using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;
using MedSummary.Extraction.Analysis;
using MedSummary.Extraction.Grounding.Text;
using MedSummary.Extraction.Timeline;
using MedSummary.Extraction.Verification;

namespace MedSummary.Extraction.Summary;

/// <summary>
/// The summary without a model: the dated timeline (<see cref="TimelineBuilder"/>) and a few sentences taken verbatim
/// from the dossier's conclusions (pathology, first and last imaging, the latest consultation's assessment), each cited
/// by its own source span and checked by <see cref="SentenceSupportVerifier"/>. When a chat model is configured the
/// narrative builder decorates this one and keeps its timeline.
/// </summary>
public sealed class ExtractiveSummaryBuilder : ISummaryBuilder
{
    /// <summary>At most this many sentences: a summary the board reads in seconds, not a second dossier.</summary>
    public const int MaxSentences = 6;

    public Task<SummaryPart> BuildAsync(Dossier dossier, FormResult form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Build(dossier.Documents));
    }

    /// <summary>The timeline and extractive sentences of <paramref name="documents"/> (in dossier order).</summary>
    public static SummaryPart Build(IReadOnlyList<SourceDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var timeline = TimelineBuilder.Build(documents);
        var picked = Pick(documents);

        var sentences = new List<SummarySentence>();
        var dropped = 0;
        foreach (var (document, span) in picked)
        {
            var citations = CitationFactory.ForSpan(document, span);
            var text = Collapse(document.Text[span.Start..span.End]);
            if (citations.Count == 0 || text.Length == 0
                || !SentenceSupportVerifier.Check(text, document.Language, [.. citations.Select(c => new CitedText(c.Quote, document.Language))]).IsSupported)
            {
                dropped++;
                continue;
            }

            sentences.Add(new SummarySentence(text, citations));
        }

        return new SummaryPart(sentences) { Timeline = timeline, SentencesDropped = dropped };
    }

    /// <summary>
    /// The passages to quote, in dossier order: every pathology conclusion, the first and the last imaging
    /// conclusions, and the conclusion or assessment of the last other report (usually the latest consultation).
    /// </summary>
    private static List<(SourceDocument Document, TextSpan Span)> Pick(IReadOnlyList<SourceDocument> documents)
    {
        var pathology = new List<int>();
        var imaging = new List<int>();
        var other = new List<int>();
        var spans = new Dictionary<int, TextSpan>();
        for (var i = 0; i < documents.Count; i++)
        {
            var text = documents[i].Text;
            var folded = TextFolding.FoldSameLength(text);
            var profile = DocumentProfile.Of(text, folded);
            var conclusion = profile.Conclusion
                ?? DocumentProfile.FirstSentenceUnder(text, folded, TimelineCues.AssessmentHeading(), sentences: 2, maxLength: 260);
            if (conclusion is not { IsEmpty: false } span)
            {
                continue;
            }

            spans[i] = span;
            (profile.IsPathologyReport ? pathology : profile.IsImagingReport ? imaging : other).Add(i);
        }

        var chosen = new SortedSet<int>(pathology);
        if (imaging.Count > 0)
        {
            chosen.Add(imaging[0]);
            chosen.Add(imaging[^1]);
        }

        if (other.Count > 0)
        {
            chosen.Add(other[^1]);
        }

        // Over the cap, the latest passages say most about where the patient stands now.
        return [.. chosen.Reverse().Take(MaxSentences).Reverse().Select(i => (documents[i], spans[i]))];
    }

    /// <summary>The passage as one line: line breaks and runs of spaces made single spaces, nothing else changed.</summary>
    private static string Collapse(string passage)
    {
        var sb = new StringBuilder(passage.Length);
        foreach (var part in passage.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(part);
        }

        return sb.ToString();
    }
}
