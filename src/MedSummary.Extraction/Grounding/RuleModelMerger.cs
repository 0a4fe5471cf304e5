using MedSummary.Core.Contract;
using MedSummary.Extraction.Form;

namespace MedSummary.Extraction.Grounding;

/// <summary>
/// Merges one field's rule result with the model's verified outcome (see <see cref="GroundedConfidence"/> for the
/// numbers): agreement raises confidence and keeps both citations; disagreement is a conflict citing both; a value
/// only one side found is reported as that side's; a refused model value never comes out, its reason is kept.
/// </summary>
public sealed class RuleModelMerger(int maxCitations)
{
    public FieldResult Merge(string key, FieldResult rule, ModelFieldOutcome model)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(model);
        var llm = model.Found;
        if (llm is null)
        {
            if (rule.Status == FieldStatus.NotFound)
            {
                return FieldResult.NotFound(model.Reason ?? rule.Reason);
            }

            // The rules stand; a refused model value is kept for review only.
            return model.Rejected > 0 ? rule with { Reason = Join(rule.Reason, model.Reason) } : rule;
        }

        if (rule.Status == FieldStatus.NotFound || llm.Items is not null)
        {
            return llm;
        }

        if (rule.Status == FieldStatus.Found)
        {
            if (FieldRelations.AreCompatible(key, rule.Normalized!, llm.Normalized!))
            {
                var modelMoreSpecific = llm.Normalized != rule.Normalized && FieldRelations.IsSameOrBroader(key, rule.Normalized!, llm.Normalized!);
                var chosen = modelMoreSpecific ? llm : rule;
                return chosen with
                {
                    Confidence = GroundedConfidence.Agreement(rule.Confidence, llm.Confidence),
                    Citations = Cite(rule.Citations, llm.Citations),
                    Reason = null,
                };
            }

            var candidates = new List<FieldCandidate>
            {
                new(rule.Value, rule.Normalized, FieldSource.Rule, rule.Confidence, rule.Citations),
                new(llm.Value, llm.Normalized, FieldSource.Llm, llm.Confidence, llm.Citations),
            };
            return Conflict(candidates, $"rules found '{rule.Normalized}', the model '{llm.Normalized}' with a supporting quote.");
        }

        // The rules already disagree: the model's value joins the candidate it agrees with, or becomes a new one.
        var list = (rule.Candidates ?? []).ToList();
        var match = list.FindIndex(c => c.Normalized is not null && FieldRelations.AreCompatible(key, c.Normalized, llm.Normalized!));
        if (match >= 0)
        {
            var c = list[match];
            list[match] = c with { Confidence = GroundedConfidence.Agreement(c.Confidence, llm.Confidence), Citations = Cite(c.Citations, llm.Citations) };
        }
        else
        {
            list.Add(new FieldCandidate(llm.Value, llm.Normalized, FieldSource.Llm, llm.Confidence, llm.Citations));
        }

        return Conflict(list, rule.Reason ?? $"{list.Count} different values were found.");
    }

    private FieldResult Conflict(List<FieldCandidate> candidates, string reason) => new()
    {
        Status = FieldStatus.Conflict,
        Confidence = 0,
        Source = candidates[0].Source,
        Candidates = candidates,
        Citations = [.. candidates.SelectMany(c => c.Citations).Distinct()],
        Reason = reason,
    };

    private List<Citation> Cite(IReadOnlyList<Citation> first, IReadOnlyList<Citation> second)
    {
        var all = first.Take(Math.Max(1, maxCitations - 1)).Concat(second).Concat(first.Skip(maxCitations - 1)).Distinct().Take(maxCitations).ToList();
        return all;
    }

    private static string? Join(string? a, string? b) => a is null ? b : b is null ? a : a + " " + b;
}
