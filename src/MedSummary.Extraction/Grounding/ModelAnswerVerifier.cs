using System.Text.Json;
using System.Text.RegularExpressions;
using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Extraction.Grounding.Alignment;
using MedSummary.Extraction.Grounding.Forms;
using MedSummary.Extraction.Grounding.Passages;
using MedSummary.Extraction.Grounding.Support;
using MedSummary.Extraction.Grounding.Text;
using MedSummary.Extraction.Verification;

namespace MedSummary.Extraction.Grounding;

/// <summary>
/// What the model's answer for one field came to after verification: a field result built from source spans (never
/// from the model's strings), or the reason nothing is reported, and how many proposed values were refused.
/// </summary>
public sealed record ModelFieldOutcome(FieldResult? Found, string? Reason, int Rejected)
{
    /// <summary>The model could not answer for this field (not loaded, the call failed, the answer unreadable).</summary>
    public bool ModelFailed { get; init; }

    public static ModelFieldOutcome None(string reason) => new(null, reason, 0);

    public static ModelFieldOutcome Failure(string reason) => new(null, reason, 0) { ModelFailed = true };

    public static ModelFieldOutcome Refused(string reason, int count = 1) => new(null, reason, count);
}

/// <summary>
/// Verifies a model's answer field by field: the quote must align to a passage the model was shown, and the aligned
/// span must write the value (<see cref="SupportChecker"/>). Citations come from the aligned span.
/// </summary>
public sealed partial class ModelAnswerVerifier(SupportChecker checker, GroundingOptions options)
{
    public ModelFieldOutcome Verify(FormField field, JsonElement? answer, PassagePool pool)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(pool);
        if (answer is not { } a || a.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return ModelFieldOutcome.None("the model gave no answer for this field");
        }

        return field.Type switch
        {
            FormFieldType.EnumSet => VerifyList(field, a, pool, VerifySetItem),
            FormFieldType.Treatments => VerifyList(field, a, pool, VerifyTreatment),
            FormFieldType.Toxicities => VerifyList(field, a, pool, VerifyToxicity),
            _ => VerifySingle(field, a, pool),
        };
    }

    private ModelFieldOutcome VerifySingle(FormField field, JsonElement answer, PassagePool pool)
    {
        if (answer.ValueKind != JsonValueKind.Object)
        {
            return ModelFieldOutcome.Refused("the model's answer for this field is not an object");
        }

        var raw = Str(answer, "value");
        if (string.IsNullOrWhiteSpace(raw))
        {
            return ModelFieldOutcome.None("the model found no value in the passages");
        }

        var normalized = ValueNormalizer.Normalize(field, raw);
        if (normalized is null)
        {
            return ModelFieldOutcome.Refused($"the model's value '{Clip(raw)}' is not a valid {field.Type.ToString().ToLowerInvariant()} value");
        }

        var (aligned, problem) = AlignQuote(Str(answer, "quote"), pool);
        if (aligned.Count == 0)
        {
            return ModelFieldOutcome.Refused($"the model's value '{normalized}' was refused: {problem}");
        }

        string? reason = null;
        foreach (var q in aligned)
        {
            var support = checker.Check(field, normalized, q.Passage.Document, q.Span);
            if (support.Holds)
            {
                return new ModelFieldOutcome(new FieldResult
                {
                    Value = support.Written,
                    Normalized = normalized,
                    Status = FieldStatus.Found,
                    Confidence = GroundedConfidence.ForAlignment(q.Kind),
                    Source = FieldSource.Llm,
                    Citations = CitationFactory.ForSpan(q.Passage.Document, q.Span),
                }, null, 0);
            }

            reason ??= support.Reason;
        }

        return ModelFieldOutcome.Refused($"the model's value '{normalized}' was refused: its quote does not support it ({reason})");
    }

    private delegate (FieldItem? Item, double Confidence, string? Reason) ItemVerifier(FormField field, JsonElement item, PassagePool pool);

    private ModelFieldOutcome VerifyList(FormField field, JsonElement answer, PassagePool pool, ItemVerifier verify)
    {
        if (answer.ValueKind != JsonValueKind.Array)
        {
            return ModelFieldOutcome.Refused("the model's answer for this list field is not a list");
        }

        var items = new List<(FieldItem Item, double Confidence)>();
        var reasons = new List<string>();
        foreach (var element in answer.EnumerateArray().Take(options.MaxListItems))
        {
            var (item, confidence, reason) = verify(field, element, pool);
            if (item is null)
            {
                reasons.Add(reason ?? "refused");
            }
            else if (!items.Any(i => i.Item.Normalized == item.Normalized))
            {
                items.Add((item, confidence));
            }
        }

        if (field.Type == FormFieldType.EnumSet && items.Count > 1)
        {
            // A stated site outweighs a general "no metastasis" elsewhere (an earlier report, say).
            items.RemoveAll(i => field.Find(i.Item.Normalized)?.AssertsAbsence == true);
        }

        if (items.Count == 0)
        {
            return reasons.Count == 0
                ? ModelFieldOutcome.None("the model listed nothing")
                : ModelFieldOutcome.Refused("every item the model listed was refused: " + string.Join("; ", reasons.Take(3)), reasons.Count);
        }

        var citations = items.SelectMany(i => i.Item.Citations).Distinct().Take(Math.Max(options.MaxCitationsPerField, items.Count)).ToList();
        var result = new FieldResult
        {
            Value = string.Join("; ", items.Select(i => i.Item.Value)),
            Normalized = string.Join("; ", items.Select(i => i.Item.Normalized)),
            Status = FieldStatus.Found,
            Confidence = Math.Round(items.Average(i => i.Confidence), 3),
            Source = FieldSource.Llm,
            Citations = citations,
            Items = [.. items.Select(i => i.Item)],
            Reason = reasons.Count > 0 ? $"{reasons.Count} listed item(s) refused: " + string.Join("; ", reasons.Take(3)) : null,
        };
        return new ModelFieldOutcome(result, null, reasons.Count);
    }

    private (FieldItem?, double, string?) VerifySetItem(FormField field, JsonElement item, PassagePool pool)
    {
        var value = ValueNormalizer.Normalize(field, Str(item, "value"));
        if (value is null)
        {
            return (null, 0, "an item is not in the vocabulary");
        }

        var (aligned, problem) = AlignQuote(Str(item, "quote"), pool);
        string? reason = problem;
        foreach (var q in aligned)
        {
            var support = checker.Check(field, value, q.Passage.Document, q.Span);
            if (support.Holds)
            {
                return (new FieldItem(support.Written, value, CitationFactory.ForSpan(q.Passage.Document, q.Span)), GroundedConfidence.ForAlignment(q.Kind), null);
            }

            reason = support.Reason;
        }

        return (null, 0, $"'{value}': {reason}");
    }

    private (FieldItem?, double, string?) VerifyTreatment(FormField field, JsonElement item, PassagePool pool)
    {
        var kind = ValueNormalizer.Normalize(field, Str(item, "kind"));
        var agent = Str(item, "agent")?.Trim();
        if (kind is null || string.IsNullOrWhiteSpace(agent))
        {
            return (null, 0, "a treatment without a known kind or an agent");
        }

        var (aligned, problem) = AlignQuote(Str(item, "quote"), pool);
        string? reason = problem;
        foreach (var q in aligned)
        {
            var document = q.Passage.Document;
            var text = document.Slice(q.Span);
            var agentSupport = SupportChecker.TextValue(agent, document, q.Span);
            if (!agentSupport.Holds)
            {
                reason = agentSupport.Reason;
                continue;
            }

            var kindHolds = checker.VocabularyValue(field, kind, document, q.Span).Holds || DrugLexicon.KindsIn(agent).Contains(kind);
            if (!kindHolds)
            {
                reason = $"the quote does not show that '{Clip(agent)}' is {kind.Replace('_', ' ')}";
                continue;
            }

            var parts = new Dictionary<string, string>(StringComparer.Ordinal) { ["kind"] = kind, ["agent"] = agent };
            foreach (var key in new[] { "start", "end" })
            {
                if (Str(item, key) is { Length: > 0 } date && SupportChecker.Date(date.Trim(), document, q.Span).Holds)
                {
                    parts[key] = date.Trim();
                }
            }

            if (PlanCue().IsMatch(TextFolding.FoldWords(text)) && !parts.ContainsKey("start"))
            {
                reason = $"the quote proposes '{Clip(agent)}' rather than reports it given";
                continue;
            }

            var dates = parts.TryGetValue("start", out var s) ? $" ({s}{(parts.TryGetValue("end", out var e) ? " to " + e : "")})" : "";
            var normalized = $"{kind}: {agent}{dates}";
            return (new FieldItem(text, normalized, CitationFactory.ForSpan(document, q.Span)) { Parts = parts }, GroundedConfidence.ForAlignment(q.Kind), null);
        }

        return (null, 0, $"treatment '{Clip(agent)}': {reason}");
    }

    private (FieldItem?, double, string?) VerifyToxicity(FormField field, JsonElement item, PassagePool pool)
    {
        var name = ValueNormalizer.Normalize(field, Str(item, "name"));
        if (name is null)
        {
            return (null, 0, "a toxicity not in the vocabulary");
        }

        int? grade = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("grade", out var g) && g.ValueKind == JsonValueKind.Number && g.TryGetInt32(out var gi) ? gi : null;
        var (aligned, problem) = AlignQuote(Str(item, "quote"), pool);
        string? reason = problem;
        foreach (var q in aligned)
        {
            var support = checker.VocabularyValue(field, name, q.Passage.Document, q.Span);
            if (!support.Holds)
            {
                reason = support.Reason;
                continue;
            }

            var parts = new Dictionary<string, string>(StringComparer.Ordinal) { ["name"] = name };
            var text = q.Passage.Document.Slice(q.Span);
            if (grade is { } n && n is >= 1 and <= 5 && GradeWritten(text, n))
            {
                parts["grade"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            var normalized = parts.TryGetValue("grade", out var gr) ? $"{name} (grade {gr})" : name;
            return (new FieldItem(support.Written, normalized, CitationFactory.ForSpan(q.Passage.Document, q.Span)) { Parts = parts }, GroundedConfidence.ForAlignment(q.Kind), null);
        }

        return (null, 0, $"toxicity '{name}': {reason}");
    }

    private static bool GradeWritten(string text, int grade)
    {
        var roman = new[] { "", "I", "II", "III", "IV", "V" }[grade];
        return Regex.IsMatch(text, $@"(?i)(?:grade|G)\s*(?:{grade}|{roman})(?![0-9IVX])");
    }

    private static (IReadOnlyList<AlignedQuote> Aligned, string Problem) AlignQuote(string? quote, PassagePool pool)
    {
        if (string.IsNullOrWhiteSpace(quote))
        {
            return ([], "the model gave no quote");
        }

        var aligned = QuoteAligner.Align(quote, pool.Passages);
        return aligned.Count == 0 ? ([], "its quote is not in the passages shown to the model") : (aligned, "");
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            }
            : null;

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";

    [GeneratedRegex(@"\b(propos\w*|prevu\w*|envisag\w*|planned|proposed|recommend\w*|will receive|a discuter|to be discussed|indication)\b")]
    private static partial Regex PlanCue();
}
