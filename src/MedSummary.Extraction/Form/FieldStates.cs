using MedSummary.Core.Contract;
using MedSummary.Extraction.Grounding.Forms;

namespace MedSummary.Extraction.Form;

/// <summary>
/// Gives every field of a form its <see cref="FieldResult.State"/> and makes sure every field of the schema and of the
/// contract is present, so that a field the documents do not state, a field nobody could look for (it needs a model
/// and none is configured) and a field the model failed on are told apart in every output.
/// </summary>
public static class FieldStates
{
    /// <summary>The reason given for a model-only field of a rules-only run.</summary>
    public const string NoModelReason = "needs a model; none is configured";

    /// <summary>The state a field's status implies when nothing more is known: found and conflict are stated, not_found not_stated.</summary>
    public static FieldResult WithState(FieldResult field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.State is not null ? field
            : field with { State = field.Status is FieldStatus.Found or FieldStatus.Conflict ? FieldState.Stated : FieldState.NotStated };
    }

    /// <summary>
    /// The form of a rules-only run: every field present, the rules' fields with the state their status implies, every
    /// other field of the schema not_attempted with <see cref="NoModelReason"/>.
    /// </summary>
    public static FormResult CompleteRulesOnly(FormResult rules, FormSchema schema)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(schema);
        var fields = rules.Fields.ToDictionary(kv => kv.Key, kv => WithState(kv.Value), StringComparer.Ordinal);
        foreach (var key in schema.Keys.Concat(ContractFields.Required))
        {
            fields.TryAdd(key, FieldResult.NotFound(NoModelReason) with { State = FieldState.NotAttempted });
        }

        return new FormResult { Fields = fields };
    }
}
