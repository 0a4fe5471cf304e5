using System.Globalization;
using System.Text.Json;

namespace MedSummary.LlamaCpp.StructuredOutput;

/// <summary>
/// Checks a JSON document against the schema subset <see cref="JsonSchemaGrammar"/> compiles (plus minimum/maximum),
/// returning one message per violation with its JSON pointer. Used to verify answers from engines that do not
/// enforce a grammar (OpenAI-compatible servers) and in tests.
/// </summary>
public static class JsonSchemaValidator
{
    public static IReadOnlyList<string> Validate(JsonElement schema, JsonElement instance)
    {
        var errors = new List<string>();
        Check(schema, schema, instance, "$", errors, depth: 0);
        return errors;
    }

    private static void Check(JsonElement root, JsonElement schema, JsonElement value, string path, List<string> errors, int depth)
    {
        if (depth > 64)
        {
            errors.Add($"{path}: schema nesting too deep");
            return;
        }

        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add($"{path}: no value is allowed here");
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(root, Resolve(root, reference.GetString() ?? string.Empty), value, path, errors, depth + 1);
            return;
        }

        if (value.ValueKind == JsonValueKind.Null && schema.TryGetProperty("nullable", out var n) && n.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.TryGetProperty("anyOf", out var anyOf) || schema.TryGetProperty("oneOf", out anyOf))
        {
            if (!anyOf.EnumerateArray().Any(s => Passes(root, s, value, path, depth)))
            {
                errors.Add($"{path}: matches none of the alternatives");
            }

            return;
        }

        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var s in allOf.EnumerateArray())
            {
                Check(root, s, value, path, errors, depth + 1);
            }
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            errors.Add($"{path}: must equal {constant.GetRawText()}");
        }

        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => JsonElement.DeepEquals(v, value)))
        {
            errors.Add($"{path}: {Short(value)} is not one of the allowed values");
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToList() : [type.GetString()];
            if (!types.Any(t => HasType(value, t)))
            {
                errors.Add($"{path}: expected {string.Join(" or ", types)}, got {value.ValueKind.ToString().ToLowerInvariant()}");
                return;
            }
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var codepoints = value.GetString()!.EnumerateRunes().Count();
                if (Count(schema, "maxLength") is { } maxLength && codepoints > maxLength)
                {
                    errors.Add($"{path}: {codepoints} characters exceed maxLength {maxLength}");
                }

                if (Count(schema, "minLength") is { } minLength && codepoints < minLength)
                {
                    errors.Add($"{path}: {codepoints} characters are below minLength {minLength}");
                }

                break;
            case JsonValueKind.Number:
                var number = value.GetDouble();
                if (schema.TryGetProperty("minimum", out var min) && number < min.GetDouble())
                {
                    errors.Add($"{path}: {number} is below minimum {min.GetRawText()}");
                }

                if (schema.TryGetProperty("maximum", out var max) && number > max.GetDouble())
                {
                    errors.Add($"{path}: {number} is above maximum {max.GetRawText()}");
                }

                break;
            case JsonValueKind.Array:
                var count = value.GetArrayLength();
                if (Count(schema, "maxItems") is { } maxItems && count > maxItems)
                {
                    errors.Add($"{path}: {count} items exceed maxItems {maxItems}");
                }

                if (Count(schema, "minItems") is { } minItems && count < minItems)
                {
                    errors.Add($"{path}: {count} items are below minItems {minItems}");
                }

                if (schema.TryGetProperty("items", out var items))
                {
                    var i = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        Check(root, items, item, $"{path}[{i++}]", errors, depth + 1);
                    }
                }

                break;
            case JsonValueKind.Object:
                var hasProperties = schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object;
                if (schema.TryGetProperty("required", out var required))
                {
                    foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                    {
                        if (!value.TryGetProperty(name, out _))
                        {
                            errors.Add($"{path}: required property '{name}' is missing");
                        }
                    }
                }

                schema.TryGetProperty("additionalProperties", out var additional);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in value.EnumerateObject())
                {
                    if (!seen.Add(property.Name))
                    {
                        errors.Add($"{path}: property '{property.Name}' appears twice");
                    }

                    var childPath = $"{path}.{property.Name}";
                    if (hasProperties && properties.TryGetProperty(property.Name, out var propertySchema))
                    {
                        Check(root, propertySchema, property.Value, childPath, errors, depth + 1);
                    }
                    else if (additional.ValueKind == JsonValueKind.False)
                    {
                        errors.Add($"{path}: property '{property.Name}' is not allowed");
                    }
                    else if (additional.ValueKind == JsonValueKind.Object)
                    {
                        Check(root, additional, property.Value, childPath, errors, depth + 1);
                    }
                }

                break;
        }
    }

    private static bool Passes(JsonElement root, JsonElement schema, JsonElement value, string path, int depth)
    {
        var errors = new List<string>();
        Check(root, schema, value, path, errors, depth + 1);
        return errors.Count == 0;
    }

    private static bool HasType(JsonElement value, string? type) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) && decimal.Truncate(d) == d,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        _ => false,
    };

    private static int? Count(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var v) && v.TryGetInt32(out var n) ? n : null;

    private static string Short(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length > 40 ? text[..40] + "..." : text;
    }

    private static JsonElement Resolve(JsonElement root, string reference)
    {
        var target = root;
        foreach (var raw in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            target = target.ValueKind == JsonValueKind.Array ? target[int.Parse(segment, CultureInfo.InvariantCulture)] : target.GetProperty(segment);
        }

        return target;
    }
}
