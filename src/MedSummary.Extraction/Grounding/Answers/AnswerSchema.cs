using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedSummary.Extraction.Grounding.Forms;

namespace MedSummary.Extraction.Grounding.Answers;

/// <summary>
/// The JSON schema of the model's answer for one group of fields, built from the form: each field's quote first (so
/// the value is written after, and from, the evidence), vocabularies as enums, bounded strings and lists so that a
/// constrained generation stays short.
/// </summary>
public static class AnswerSchema
{
    public static JsonElement Build(IReadOnlyList<FormField> fields, GroundingOptions options)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(options);
        var properties = new JsonObject();
        foreach (var f in fields)
        {
            properties[f.Key] = FieldSchema(f, options);
        }

        var root = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray([.. fields.Select(f => (JsonNode)JsonValue.Create(f.Key)!)]),
            ["additionalProperties"] = false,
        };
        return JsonSerializer.SerializeToElement(root);
    }

    /// <summary>One line per field for the prompt: key, labels and the expected value.</summary>
    public static string Describe(IReadOnlyList<FormField> fields)
    {
        var sb = new StringBuilder();
        foreach (var f in fields)
        {
            sb.Append("- ").Append(f.Key).Append(" (").Append(f.Label.Fr).Append(" / ").Append(f.Label.En).Append("): ");
            sb.Append(f.Type switch
            {
                FormFieldType.Enum => "one of " + string.Join(", ", f.Vocabulary.Select(v => v.Value)),
                FormFieldType.EnumSet => "list of {quote, value}, value one of " + string.Join(", ", f.Vocabulary.Select(v => v.Value)),
                FormFieldType.Treatments => "list of {quote, kind, agent, start, end}; kind one of " + string.Join(", ", f.Vocabulary.Select(v => v.Value))
                    + "; agent: procedure, drug or regimen as written; start/end: YYYY-MM-DD or null",
                FormFieldType.Toxicities => "list of {quote, name, grade}; name one of " + string.Join(", ", f.Vocabulary.Select(v => v.Value)) + "; grade: CTCAE 1-5 or null",
                FormFieldType.Tnm => $"{f.Category} category",
                FormFieldType.Date => "date YYYY-MM-DD",
                _ => f.Type.ToString().ToLowerInvariant(),
            });
            if (f.Instruction is { } instruction)
            {
                sb.Append("; ").Append(instruction);
            }

            sb.Append('\n');
        }

        return sb.ToString().TrimEnd();
    }

    private static JsonObject FieldSchema(FormField f, GroundingOptions o)
    {
        JsonObject Quote() => new() { ["type"] = "string", ["maxLength"] = o.MaxQuoteChars };
        JsonObject NullableString(int max) => new() { ["type"] = new JsonArray("string", "null"), ["maxLength"] = max };
        JsonObject Enum(FormField field, bool nullable)
        {
            var values = new JsonArray([.. field.Vocabulary.Select(v => (JsonNode)JsonValue.Create(v.Value)!)]);
            if (nullable)
            {
                values.Add(null);
            }

            return new JsonObject { ["enum"] = values };
        }

        JsonObject Item(JsonObject props) => new()
        {
            ["type"] = "object",
            ["properties"] = props,
            ["required"] = new JsonArray([.. props.Select(p => (JsonNode)JsonValue.Create(p.Key)!)]),
            ["additionalProperties"] = false,
        };

        JsonObject List(JsonObject item) => new() { ["type"] = "array", ["items"] = item, ["maxItems"] = o.MaxListItems };

        return f.Type switch
        {
            FormFieldType.EnumSet => List(Item(new JsonObject { ["quote"] = Quote(), ["value"] = Enum(f, nullable: false) })),
            FormFieldType.Treatments => List(Item(new JsonObject
            {
                ["quote"] = Quote(),
                ["kind"] = Enum(f, nullable: false),
                ["agent"] = new JsonObject { ["type"] = "string", ["maxLength"] = 80 },
                ["start"] = NullableString(10),
                ["end"] = NullableString(10),
            })),
            FormFieldType.Toxicities => List(Item(new JsonObject
            {
                ["quote"] = Quote(),
                ["name"] = Enum(f, nullable: false),
                ["grade"] = new JsonObject { ["type"] = new JsonArray("integer", "null") },
            })),
            FormFieldType.Enum => Item(new JsonObject { ["quote"] = Quote(), ["value"] = Enum(f, nullable: true) }),
            _ => Item(new JsonObject { ["quote"] = Quote(), ["value"] = NullableString(MaxValueChars(f)) }),
        };
    }

    private static int MaxValueChars(FormField f) => f.Type switch
    {
        FormFieldType.Text => 120,
        FormFieldType.Date => 10,
        FormFieldType.Tnm or FormFieldType.Stage or FormFieldType.Percent or FormFieldType.Gleason => 12,
        FormFieldType.Number => 8,
        _ => 24,
    };

    /// <summary>Answer tokens for a group: per single field, per list field, capped.</summary>
    public static int OutputTokens(IReadOnlyList<FormField> fields, GroundingOptions options) =>
        Math.Min(options.MaxOutputTokensPerCall,
            16 + fields.Sum(f => f.IsList ? options.OutputTokensPerListField : options.OutputTokensPerField));

    internal static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
