using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MedSummary.LlamaCpp.StructuredOutput;

/// <summary>
/// Compiles a JSON Schema (the subset structured extraction needs) into a GBNF grammar for llama.cpp's grammar
/// sampler, so that every generated answer parses and matches the schema.
/// Supported: type (string, number, integer, boolean, null, object, array, and arrays of types), enum, const,
/// properties / required / additionalProperties, items / minItems / maxItems, minLength / maxLength, anyOf / oneOf,
/// single-element allOf, nullable, $ref to "#/..." (recursion included). Annotations (title, description, format,
/// default, examples, minimum, maximum...) are accepted but not enforced by the grammar. Keywords that would change
/// which documents are valid and cannot be enforced (pattern, not, if/then/else, prefixItems...) are refused.
/// Generation is kept finite where the schema allows: numbers have bounded digits and whitespace is bounded; strings
/// and arrays are bounded by maxLength / maxItems when given (otherwise the max-tokens guard ends generation).
/// </summary>
public sealed class JsonSchemaGrammar
{
    private static readonly string[] Refused =
    [
        "pattern", "patternProperties", "not", "if", "then", "else", "prefixItems", "contains", "dependentSchemas",
        "dependentRequired", "propertyNames", "unevaluatedProperties", "unevaluatedItems",
    ];

    private const string Primitives = """
        ws ::= ( " " | "\n" [ \t]{0,16} )?
        char ::= [^"\\\x00-\x1F] | "\\" ( ["\\/bfnrt] | "u" [0-9a-fA-F]{4} )
        string ::= "\"" char* "\""
        number ::= "-"? ( "0" | [1-9] [0-9]{0,15} ) ( "." [0-9]{1,16} )? ( [eE] [-+]? [0-9]{1,3} )?
        integer ::= "-"? ( "0" | [1-9] [0-9]{0,15} )
        boolean ::= "true" | "false"
        null ::= "null"
        value ::= object | array | string | number | boolean | null
        object ::= "{" ws ( string ws ":" ws value ( ws "," ws string ws ":" ws value )* )? ws "}"
        array ::= "[" ws ( value ( ws "," ws value )* )? ws "]"
        """;

    private readonly JsonElement _root;
    private readonly Dictionary<string, string> _rules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _bodyToRule = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _refRules = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    private JsonSchemaGrammar(JsonElement root)
    {
        _root = root;
    }

    /// <summary>A grammar accepting any JSON object (for a JSON response format without a schema).</summary>
    public static string AnyJsonObject { get; } = Primitives + "\nroot ::= object\n";

    /// <summary>Compiles <paramref name="schema"/>; the start rule is "root". Throws <see cref="NotSupportedException"/> naming the keyword and its JSON pointer.</summary>
    public static string Compile(JsonElement schema)
    {
        var compiler = new JsonSchemaGrammar(schema);
        var body = compiler.Visit(schema, "#");
        var sb = new StringBuilder(Primitives).Append('\n');
        sb.Append("root ::= ").Append(body).Append('\n');
        foreach (var name in compiler._order)
        {
            sb.Append(name).Append(" ::= ").Append(compiler._rules[name]).Append('\n');
        }

        return sb.ToString();
    }

    private string Visit(JsonElement schema, string pointer)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return "value";
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new NotSupportedException($"JSON schema at {pointer}: a schema must be an object or true (got {schema.ValueKind})");
        }

        foreach (var keyword in Refused)
        {
            if (schema.TryGetProperty(keyword, out _))
            {
                throw new NotSupportedException($"JSON schema at {pointer}: keyword '{keyword}' cannot be enforced by the grammar");
            }
        }

        if (schema.TryGetProperty("uniqueItems", out var unique) && unique.ValueKind == JsonValueKind.True)
        {
            throw new NotSupportedException($"JSON schema at {pointer}: 'uniqueItems' cannot be enforced by the grammar");
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            return VisitRef(reference.GetString() ?? string.Empty, pointer);
        }

        var nullable = schema.TryGetProperty("nullable", out var n) && n.ValueKind == JsonValueKind.True;
        string body;
        if (schema.TryGetProperty("const", out var constant))
        {
            body = Literal(constant);
        }
        else if (schema.TryGetProperty("enum", out var values))
        {
            if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
            {
                throw new NotSupportedException($"JSON schema at {pointer}: 'enum' must be a non-empty array");
            }

            body = string.Join(" | ", values.EnumerateArray().Select(Literal).Distinct(StringComparer.Ordinal));
        }
        else if (schema.TryGetProperty("anyOf", out var anyOf) || schema.TryGetProperty("oneOf", out anyOf))
        {
            // oneOf is treated as anyOf: exclusivity cannot be expressed in a grammar, and extraction schemas use it for nullable.
            body = string.Join(" | ", anyOf.EnumerateArray().Select((s, i) => Name(Visit(s, $"{pointer}/anyOf/{i}"), pointer + "-alt")));
        }
        else if (schema.TryGetProperty("allOf", out var allOf))
        {
            if (allOf.GetArrayLength() != 1)
            {
                throw new NotSupportedException($"JSON schema at {pointer}: 'allOf' with more than one schema is not supported");
            }

            body = Visit(allOf[0], pointer + "/allOf/0");
        }
        else if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.Array)
            {
                body = string.Join(" | ", type.EnumerateArray().Select(t => Name(VisitType(t.GetString() ?? string.Empty, schema, pointer), pointer)));
            }
            else
            {
                body = VisitType(type.GetString() ?? string.Empty, schema, pointer);
            }
        }
        else if (schema.TryGetProperty("properties", out _))
        {
            body = VisitType("object", schema, pointer);
        }
        else if (schema.TryGetProperty("items", out _))
        {
            body = VisitType("array", schema, pointer);
        }
        else
        {
            body = "value";
        }

        return nullable ? $"{Name(body, pointer)} | null" : body;
    }

    private string VisitType(string type, JsonElement schema, string pointer) => type switch
    {
        "string" => StringRule(schema, pointer),
        "number" => "number",
        "integer" => IntegerRule(schema),
        "boolean" => "boolean",
        "null" => "null",
        "object" => ObjectRule(schema, pointer),
        "array" => ArrayRule(schema, pointer),
        _ => throw new NotSupportedException($"JSON schema at {pointer}: type '{type}' is not supported"),
    };

    // Integers get at most 9 digits (they fit an Int32) unless the schema's bounds need more.
    private static string IntegerRule(JsonElement schema)
    {
        var digits = 9;
        foreach (var bound in new[] { "minimum", "maximum" })
        {
            if (schema.TryGetProperty(bound, out var b) && b.ValueKind == JsonValueKind.Number)
            {
                var magnitude = Math.Abs(b.GetDouble());
                digits = Math.Max(digits, magnitude < 1 ? 1 : (int)Math.Floor(Math.Log10(magnitude)) + 1);
            }
        }

        digits = Math.Min(digits, 19);
        return digits == 16 ? "integer" : $"\"-\"? ( \"0\" | [1-9] [0-9]{{0,{digits - 1}}} )";
    }

    private string StringRule(JsonElement schema, string pointer)
    {
        var min = GetCount(schema, "minLength", pointer) ?? 0;
        var max = GetCount(schema, "maxLength", pointer);
        if (max < min)
        {
            throw new NotSupportedException($"JSON schema at {pointer}: maxLength {max} is below minLength {min}");
        }

        if (min == 0 && max is null)
        {
            return "string";
        }

        return $"\"\\\"\" char{Repeat(min, max)} \"\\\"\"";
    }

    private string ArrayRule(JsonElement schema, string pointer)
    {
        var item = schema.TryGetProperty("items", out var items) ? Name(Visit(items, pointer + "/items"), pointer + "-item") : "value";
        var min = GetCount(schema, "minItems", pointer) ?? 0;
        var max = GetCount(schema, "maxItems", pointer);
        if (max < min)
        {
            throw new NotSupportedException($"JSON schema at {pointer}: maxItems {max} is below minItems {min}");
        }

        if (max == 0)
        {
            return "\"[\" ws \"]\"";
        }

        var more = $"( ws \",\" ws {item} ){Repeat(Math.Max(0, min - 1), max - 1)}";
        var list = $"{item} {more}";
        return min == 0 ? $"\"[\" ws ( {list} )? ws \"]\"" : $"\"[\" ws {list} ws \"]\"";
    }

    private string ObjectRule(JsonElement schema, string pointer)
    {
        var hasProperties = schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object;
        if (!hasProperties || !properties.EnumerateObject().Any())
        {
            if (schema.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.False)
            {
                return "\"{\" ws \"}\"";
            }

            var valueRule = schema.TryGetProperty("additionalProperties", out var extraSchema) && extraSchema.ValueKind == JsonValueKind.Object
                ? Name(Visit(extraSchema, pointer + "/additionalProperties"), pointer + "-value")
                : "value";
            return $"\"{{\" ws ( string ws \":\" ws {valueRule} ( ws \",\" ws string ws \":\" ws {valueRule} )* )? ws \"}}\"";
        }

        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("required", out var req) && req.ValueKind == JsonValueKind.Array)
        {
            foreach (var r in req.EnumerateArray())
            {
                required.Add(r.GetString() ?? string.Empty);
            }
        }

        var pairs = new List<(string Rule, bool Required)>();
        foreach (var property in properties.EnumerateObject())
        {
            var valueRule = Name(Visit(property.Value, $"{pointer}/properties/{property.Name}"), $"{pointer}-{property.Name}");
            var pair = $"{GbnfLiteral(JsonString(property.Name))} ws \":\" ws {valueRule}";
            pairs.Add((Name(pair, $"{pointer}-{property.Name}-kv"), required.Contains(property.Name)));
        }

        var missing = required.Where(r => !properties.TryGetProperty(r, out _)).ToList();
        if (missing.Count > 0)
        {
            throw new NotSupportedException($"JSON schema at {pointer}: required properties {string.Join(", ", missing)} are not declared in 'properties'");
        }

        // Required properties come first in declared order; each optional one may follow. JSON objects are unordered,
        // so this ordering accepts no invalid document and keeps the grammar linear in size.
        var requiredPairs = pairs.Where(p => p.Required).Select(p => p.Rule).ToList();
        var optionalPairs = pairs.Where(p => !p.Required).Select(p => p.Rule).ToList();
        string inner;
        if (requiredPairs.Count > 0)
        {
            var sb = new StringBuilder(string.Join(" ws \",\" ws ", requiredPairs));
            foreach (var opt in optionalPairs)
            {
                sb.Append(" ( ws \",\" ws ").Append(opt).Append(" )?");
            }

            inner = sb.ToString();
        }
        else
        {
            // Only optional properties: whichever comes first opens the list, the later ones each may follow.
            var tails = new string[optionalPairs.Count + 1];
            tails[optionalPairs.Count] = string.Empty;
            for (var i = optionalPairs.Count - 1; i >= 0; i--)
            {
                var next = tails[i + 1];
                var body = $"( ws \",\" ws {optionalPairs[i]} )? {next}".Trim();
                tails[i] = Name(body, $"{pointer}-tail{i}");
            }

            var starts = optionalPairs.Select((p, i) => $"{p} {tails[i + 1]}".Trim());
            inner = $"( {string.Join(" | ", starts)} )?";
        }

        return $"\"{{\" ws {inner} ws \"}}\"";
    }

    private string VisitRef(string reference, string pointer)
    {
        if (_refRules.TryGetValue(reference, out var existing))
        {
            return existing;
        }

        if (!reference.StartsWith('#'))
        {
            throw new NotSupportedException($"JSON schema at {pointer}: only local references ('#/...') are supported, not '{reference}'");
        }

        var target = _root;
        foreach (var raw in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (target.ValueKind == JsonValueKind.Object && target.TryGetProperty(segment, out var next))
            {
                target = next;
            }
            else if (target.ValueKind == JsonValueKind.Array && int.TryParse(segment, CultureInfo.InvariantCulture, out var index) && index < target.GetArrayLength())
            {
                target = target[index];
            }
            else
            {
                throw new NotSupportedException($"JSON schema at {pointer}: reference '{reference}' does not resolve");
            }
        }

        // Reserve the rule name before visiting so recursive references terminate.
        var name = UniqueName("ref-" + reference);
        _refRules[reference] = name;
        _rules[name] = string.Empty;
        _order.Add(name);
        _rules[name] = Visit(target, reference);
        return name;
    }

    /// <summary>Gives an expression its own rule (deduplicated), returning the rule name.</summary>
    private string Name(string body, string hint)
    {
        if (IsSimpleName(body))
        {
            return body;
        }

        if (_bodyToRule.TryGetValue(body, out var existing))
        {
            return existing;
        }

        var name = UniqueName(hint);
        _rules[name] = body;
        _bodyToRule[body] = name;
        _order.Add(name);
        return name;
    }

    private string UniqueName(string hint)
    {
        var sb = new StringBuilder();
        foreach (var c in hint)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }

        var baseName = "r-" + string.Join('-', sb.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        if (baseName.Length > 60)
        {
            baseName = baseName[..60].TrimEnd('-');
        }

        var name = baseName;
        for (var i = 2; _rules.ContainsKey(name); i++)
        {
            name = $"{baseName}-{i}";
        }

        return name;
    }

    private static bool IsSimpleName(string body) => body.Length > 0 && body.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static int? GetCount(JsonElement schema, string keyword, string pointer)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var count) || count < 0)
        {
            throw new NotSupportedException($"JSON schema at {pointer}: '{keyword}' must be a non-negative integer");
        }

        return count;
    }

    private static string Repeat(int min, int? max) => (min, max) switch
    {
        (0, null) => "*",
        (1, null) => "+",
        (_, null) => $"{{{min},}}",
        (_, { } m) when m == min => $"{{{min}}}",
        (_, { } m) => $"{{{min},{m}}}",
    };

    private static string Literal(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => GbnfLiteral(JsonString(value.GetString()!)),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => GbnfLiteral(value.GetRawText()),
        _ => GbnfLiteral(JsonSerializer.Serialize(value)),
    };

    /// <summary>Minimal JSON string encoding: only what JSON requires is escaped, so accents stay as they are.</summary>
    internal static string JsonString(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case < ' ': sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"); break;
                default: sb.Append(c); break;
            }
        }

        return sb.Append('"').ToString();
    }

    private static string GbnfLiteral(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case < ' ': sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}"); break;
                default: sb.Append(c); break;
            }
        }

        return sb.Append('"').ToString();
    }
}
