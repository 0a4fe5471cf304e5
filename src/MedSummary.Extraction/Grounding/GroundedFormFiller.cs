using System.Diagnostics;
using System.Text.Json;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Extraction.Analysis;
using MedSummary.Extraction.Form;
using MedSummary.Extraction.Grounding.Answers;
using MedSummary.Extraction.Grounding.Forms;
using MedSummary.Extraction.Grounding.Passages;
using MedSummary.Extraction.Prompts;
using MedSummary.Extraction.Rules;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace MedSummary.Extraction.Grounding;

/// <summary>
/// The form from rules and a chat model together. Per field group, one prompt: the dossier's shared numbered passages
/// (retrieved, never the whole dossier) then the group's question; the model answers JSON constrained by a schema
/// built from the form; every value is verified against the span its quote aligns to, then merged with the rules.
/// A model failure leaves the rules' form, never an unverified value.
/// </summary>
public sealed partial class GroundedFormFiller(
    ChatModelAccess chat,
    RuleExtractionEngine rules,
    FormSchema schema,
    PassageCollector collector,
    ModelAnswerVerifier verifier,
    IPromptProvider prompts,
    GroundingOptions options,
    ILogger<GroundedFormFiller> logger) : IFormFiller
{
    private readonly RuleModelMerger _merger = new(options.MaxCitationsPerField);

    public async Task<FormResult> FillAsync(Dossier dossier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        var ruleKeys = schema.Fields.Where(f => f.Rules).Select(f => f.Key).ToList();
        var ruleForm = rules.ExtractForm(dossier.Documents, ruleKeys);
        var pool = await collector.GetAsync(dossier, cancellationToken).ConfigureAwait(false);

        var outcomes = new Dictionary<string, ModelFieldOutcome>(StringComparer.Ordinal);
        var unavailable = !chat.TryGet(out var client, out var error) ? ModelFieldOutcome.Failure(error!)
            : pool.Passages.Count == 0 ? ModelFieldOutcome.None("no passage of the dossier was retrieved for the model")
            : null;
        if (unavailable is not null)
        {
            foreach (var f in schema.Fields)
            {
                outcomes[f.Key] = unavailable;
            }
        }
        else
        {
            ModelCallProgress.Plan(schema.Groups.Count);

            // Concurrent, in the schema's order: the groups share the passage prefix, which a batching engine decodes
            // once before generating every answer in the same steps. Each group's outcome is its own, whatever the order.
            using var slots = new SemaphoreSlim(options.MaxParallelGroups);
            var asked = schema.Groups.Select(async group =>
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return await AskGroupAsync(client, group, schema.FieldsOf(group.Key), pool, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    slots.Release();
                }
            }).ToList();
            foreach (var (key, outcome) in (await Task.WhenAll(asked).ConfigureAwait(false)).SelectMany(x => x))
            {
                outcomes[key] = outcome;
            }
        }

        var result = new Dictionary<string, FieldResult>(StringComparer.Ordinal);
        foreach (var f in schema.Fields)
        {
            var rule = ruleForm.Fields.TryGetValue(f.Key, out var r) ? r : FieldResult.NotFound();
            var model = outcomes.GetValueOrDefault(f.Key) ?? ModelFieldOutcome.None("the field was not asked");
            for (var i = 0; i < model.Rejected; i++)
            {
                ModelUsageScope.RecordRejectedValue();
            }

            var merged = _merger.Merge(f.Key, rule, model);

            // Nothing reported and the model could not answer: the documents may state it, nobody could tell.
            result[f.Key] = merged.Status == FieldStatus.NotFound && model.ModelFailed
                ? merged with { State = FieldState.ModelFailed }
                : FieldStates.WithState(merged);
        }

        foreach (var key in ContractFields.Required.Where(k => !result.ContainsKey(k)))
        {
            result[key] = FieldStates.WithState(ruleForm.Fields.GetValueOrDefault(key) ?? FieldResult.NotFound());
        }

        return new FormResult { Fields = result };
    }

    /// <summary>The chat messages for a task: shared system text, then the shared passages, then the task (last, for prefix reuse).</summary>
    public static List<ChatMessage> Messages(IPromptProvider prompts, PassagePool pool, string task)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(pool);
        var system = prompts.GetPrompt("grounded/system").Render(new Dictionary<string, string>());
        var context = prompts.GetPrompt("grounded/context").Render(new Dictionary<string, string> { ["passages"] = pool.Render() });
        return [new(ChatRole.System, system), new(ChatRole.User, context + "\n\n" + task)];
    }

    private async Task<IReadOnlyList<(string Key, ModelFieldOutcome Outcome)>> AskGroupAsync(
        IChatClient chat,
        FormGroup group, IReadOnlyList<FormField> fields, PassagePool pool, CancellationToken cancellationToken)
    {
        var task = prompts.GetPrompt("grounded/form-group").Render(new Dictionary<string, string>
        {
            ["group"] = group.Label.En,
            ["fields"] = AnswerSchema.Describe(fields),
        });
        var chatOptions = new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(AnswerSchema.Build(fields, options), "form_" + group.Key),
            MaxOutputTokens = AnswerSchema.OutputTokens(fields, options),
            Temperature = 0,
        };

        var watch = Stopwatch.StartNew();
        var reply = await ModelCall.RunAsync(chat, Messages(prompts, pool, task), chatOptions, cancellationToken).ConfigureAwait(false);
        if (reply.Error is { } error && reply.Text.Length == 0)
        {
            LogModelFailed(logger, error, group.Key, error.GetType().Name);
            return [.. fields.Select(f => (f.Key, ModelFieldOutcome.Failure($"the model call failed: {ModelFailure.Describe(error)}; rules only")))];
        }

        var root = AnswerJson.TryParse(reply.Text, out var problem);
        if (!reply.Completed && problem is null)
        {
            problem = "the answer was cut short";
        }

        var results = new List<(string, ModelFieldOutcome)>();
        foreach (var f in fields)
        {
            if (root is not { } r)
            {
                results.Add((f.Key, ModelFieldOutcome.Failure($"the model's answer could not be read ({problem})")));
                continue;
            }

            JsonElement? answer = r.TryGetProperty(f.Key, out var a) ? a : null;
            results.Add((f.Key, answer is null && problem is not null
                ? ModelFieldOutcome.Failure($"the model's answer was cut before this field ({problem})")
                : verifier.Verify(f, answer, pool)));
        }

        LogGroup(logger, group.Key, results.Count(x => x.Item2.Found is not null), results.Sum(x => x.Item2.Rejected), reply.Completed, watch.Elapsed.TotalSeconds);
        return results;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grounded form: the model call for group {Group} failed ({Error}); that group keeps the rules' values")]
    private static partial void LogModelFailed(ILogger logger, Exception exception, string group, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Grounded form group {Group}: {Found} value(s) verified, {Rejected} refused; answer complete {Completed}; {Seconds:0.00} s")]
    private static partial void LogGroup(ILogger logger, string group, int found, int rejected, bool completed, double seconds);
}
