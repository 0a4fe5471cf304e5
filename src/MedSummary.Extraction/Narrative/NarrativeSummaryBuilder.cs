using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Provenance;
using MedSummary.Extraction.Analysis;
using MedSummary.Extraction.Grounding;
using MedSummary.Extraction.Grounding.Answers;
using MedSummary.Extraction.Grounding.Passages;
using MedSummary.Extraction.Prompts;
using MedSummary.Extraction.Verification;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace MedSummary.Extraction.Narrative;

/// <summary>
/// Decorates the deterministic summary builder (its timeline and extractive sentences) with a short narrative written
/// by the chat model. The prompt starts with the dossier's shared passages (their KV cache is reused from the form
/// prompts), then adds passages for timeline events and form values they miss, numbered on; each sentence names the
/// passages it relies on, and its citations are built from those passages' spans. A sentence whose dates, numbers or
/// drug names are not all written in its cited passages is dropped and counted. When no sentence survives (or the
/// model fails), the inner builder's sentences are kept.
/// </summary>
public sealed partial class NarrativeSummaryBuilder(
    ISummaryBuilder inner,
    ChatModelAccess chat,
    PassageCollector collector,
    IPromptProvider prompts,
    NarrativeOptions options,
    ILogger<NarrativeSummaryBuilder> logger) : ISummaryBuilder
{
    /// <summary>The builder this one decorates.</summary>
    public ISummaryBuilder Inner => inner;

    public async Task<SummaryPart> BuildAsync(Dossier dossier, FormResult form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        ArgumentNullException.ThrowIfNull(form);
        var basePart = await inner.BuildAsync(dossier, form, cancellationToken).ConfigureAwait(false);
        if (!chat.TryGet(out var client, out _))
        {
            return basePart;
        }

        var pool = await collector.GetAsync(dossier, cancellationToken).ConfigureAwait(false);
        var extras = ExtraPassages(pool, dossier, basePart.Timeline ?? [], form);
        var all = pool.Passages.Concat(extras).ToList();
        if (all.Count == 0)
        {
            return basePart;
        }

        var language = dossier.Documents.GroupBy(d => d.Language).OrderByDescending(g => g.Sum(d => d.Text.Length)).First().Key;
        var task = prompts.GetPrompt("grounded/narrative").Render(new Dictionary<string, string>
        {
            ["extra_passages"] = extras.Count == 0 ? "" : "More passages:\n\n" + PassagePool.RenderPassages(extras) + "\n",
            ["timeline"] = Timeline(basePart.Timeline ?? [], all),
            ["form_values"] = FormValues(form, all),
            ["max_sentences"] = options.MaxSentences.ToString(CultureInfo.InvariantCulture),
            ["language"] = language == "en" ? "English" : "French",
        });
        var chatOptions = new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema([.. all.Select(p => p.Label)]), "narrative"),
            MaxOutputTokens = options.MaxOutputTokens,
            Temperature = 0,
        };

        ModelCallProgress.Plan(1);
        var reply = await ModelCall.RunAsync(client, GroundedFormFiller.Messages(prompts, pool, task), chatOptions, cancellationToken).ConfigureAwait(false);
        if (reply.Error is { } error && reply.Text.Length == 0)
        {
            LogModelFailed(logger, error, error.GetType().Name);
            return basePart;
        }

        var (kept, dropped) = Verify(AnswerJson.TryParse(reply.Text, out _), all, language);
        LogNarrative(logger, kept.Count, dropped);
        return kept.Count > 0
            ? new SummaryPart(kept) { Timeline = basePart.Timeline, SentencesDropped = basePart.SentencesDropped + dropped }
            : basePart with { SentencesDropped = basePart.SentencesDropped + dropped };
    }

    /// <summary>Keeps the sentences whose facts their cited passages write; counts the others.</summary>
    public static (List<SummarySentence> Kept, int Dropped) Verify(JsonElement? answer, IReadOnlyList<Passage> passages, string language)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var kept = new List<SummarySentence>();
        var dropped = 0;
        if (answer is not { } root || !root.TryGetProperty("sentences", out var sentences) || sentences.ValueKind != JsonValueKind.Array)
        {
            return (kept, 0);
        }

        foreach (var s in sentences.EnumerateArray())
        {
            var text = s.ValueKind == JsonValueKind.Object && s.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()?.Trim() : null;
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            var cited = new List<Passage>();
            var unknown = false;
            if (s.TryGetProperty("cites", out var cites) && cites.ValueKind == JsonValueKind.Array)
            {
                foreach (var c in cites.EnumerateArray())
                {
                    var label = c.ValueKind == JsonValueKind.String ? c.GetString()?.Trim().Trim('[', ']') : null;
                    var passage = passages.FirstOrDefault(p => string.Equals(p.Label, label, StringComparison.OrdinalIgnoreCase));
                    if (passage is null)
                    {
                        unknown = true;
                    }
                    else if (!cited.Contains(passage))
                    {
                        cited.Add(passage);
                    }
                }
            }

            if (unknown || cited.Count == 0
                || !SentenceSupportVerifier.Check(text, language, [.. cited.Select(p => new CitedText(p.Text, p.Document.Language))]).IsSupported)
            {
                dropped++;
                continue;
            }

            kept.Add(new SummarySentence(text, [.. cited.SelectMany(p => CitationFactory.ForSpan(p.Document, p.Span))]));
        }

        return (kept, dropped);
    }

    private JsonElement Schema(IReadOnlyList<string> labels)
    {
        var sentence = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["text"] = new JsonObject { ["type"] = "string", ["maxLength"] = options.MaxSentenceChars },
                ["cites"] = new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = new JsonObject { ["enum"] = new JsonArray([.. labels.Select(l => (JsonNode)JsonValue.Create(l)!)]) },
                    ["minItems"] = 1,
                    ["maxItems"] = 3,
                },
            },
            ["required"] = new JsonArray("text", "cites"),
            ["additionalProperties"] = false,
        };
        var root = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["sentences"] = new JsonObject { ["type"] = "array", ["items"] = sentence, ["maxItems"] = options.MaxSentences } },
            ["required"] = new JsonArray("sentences"),
            ["additionalProperties"] = false,
        };
        return JsonSerializer.SerializeToElement(root);
    }

    /// <summary>Passages around the citations of timeline events and found fields that the shared passages do not cover.</summary>
    private List<Passage> ExtraPassages(PassagePool pool, Dossier dossier, IReadOnlyList<TimelineEvent> timeline, FormResult form)
    {
        var extras = new List<Passage>();
        var citations = timeline.SelectMany(e => e.Citations.Take(1))
            .Concat(form.Fields.Values.Where(f => f.Status == FieldStatus.Found).SelectMany(f => f.Citations.Take(1)));
        foreach (var c in citations)
        {
            if (extras.Count >= options.MaxExtraPassages)
            {
                break;
            }

            if (!dossier.DocumentsById.TryGetValue(c.DocumentId, out var document))
            {
                continue;
            }

            var span = new TextSpan(c.Start, c.End);
            if (pool.Passages.Concat(extras).Any(p => p.Document.Id == c.DocumentId && p.Span.Contains(span)))
            {
                continue;
            }

            var around = Around(document, span);
            extras.Add(new Passage($"P{pool.Passages.Count + extras.Count + 1}", document, around));
        }

        return extras;
    }

    /// <summary>The lines holding a span, widened to at most MaxExtraPassageChars on its page.</summary>
    private TextSpan Around(SourceDocument document, TextSpan span)
    {
        var page = document.Map.PageSpan(document.Map.PageAt(span.Start));
        var budget = Math.Max(0, options.MaxExtraPassageChars - span.Length);
        var start = span.Start;
        var end = span.End;
        var text = document.Text;
        while (start > page.Start && span.Start - start < budget / 2 && text[start - 1] != '\n')
        {
            start--;
        }

        while (end < page.End && end - span.End < budget / 2 && text[end] != '\n')
        {
            end++;
        }

        return new TextSpan(start, Math.Max(end, span.End));
    }

    private static string Timeline(IReadOnlyList<TimelineEvent> events, IReadOnlyList<Passage> passages)
    {
        if (events.Count == 0)
        {
            return "(none)";
        }

        var sb = new StringBuilder();
        foreach (var e in events)
        {
            sb.Append("- ").Append(e.Date).Append(e.EndDate is null ? "" : " to " + e.EndDate).Append(' ').Append(e.Kind)
              .Append(": ").Append(e.Description).Append(Labels(e.Citations, passages)).Append('\n');
        }

        return sb.ToString().TrimEnd();
    }

    private static string FormValues(FormResult form, IReadOnlyList<Passage> passages)
    {
        var sb = new StringBuilder();
        foreach (var (key, field) in form.Fields.Where(f => f.Value.Status == FieldStatus.Found))
        {
            sb.Append("- ").Append(key).Append(": ").Append(field.Normalized).Append(Labels(field.Citations, passages)).Append('\n');
        }

        return sb.Length == 0 ? "(none)" : sb.ToString().TrimEnd();
    }

    private static string Labels(IEnumerable<Citation> citations, IReadOnlyList<Passage> passages)
    {
        var labels = citations
            .Select(c => passages.FirstOrDefault(p => p.Document.Id == c.DocumentId && p.Span.Contains(new TextSpan(c.Start, c.End)))?.Label)
            .Where(l => l is not null).Distinct().ToList();
        return labels.Count == 0 ? "" : " [" + string.Join(", ", labels) + "]";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Narrative summary: the model call failed ({Error}); the deterministic summary is kept")]
    private static partial void LogModelFailed(ILogger logger, Exception exception, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Narrative summary: {Kept} sentence(s) verified, {Dropped} dropped")]
    private static partial void LogNarrative(ILogger logger, int kept, int dropped);
}
