using System.Text.Json;

namespace MedSummary.Extraction.Grounding.Answers;

/// <summary>
/// Reads a model's JSON answer. An answer cut by the token limit is closed at its last complete object so the
/// fields already answered are kept; anything that still does not parse is no answer at all.
/// </summary>
public static class AnswerJson
{
    /// <summary>The answer's root object, or null (with the reason) when none can be read.</summary>
    public static JsonElement? TryParse(string? text, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "empty answer";
            return null;
        }

        var start = text.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            problem = "the answer is not JSON";
            return null;
        }

        var body = text[start..];
        if (Parse(body) is { } whole)
        {
            return whole;
        }

        // Truncated: cut after each complete '}' from the end and close what is still open.
        var tries = 0;
        for (var cut = body.Length - 1; cut > 0 && tries < 64; cut--)
        {
            if (body[cut] != '}' || Close(body[..(cut + 1)]) is not { } closed)
            {
                continue;
            }

            tries++;
            if (Parse(closed) is { } repaired)
            {
                problem = "the answer was cut short; its complete part was read";
                return repaired;
            }
        }

        problem = "the answer is not valid JSON";
        return null;
    }

    private static JsonElement? Parse(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Appends the closing brackets a prefix needs, or null when the prefix ends inside a string.</summary>
    private static string? Close(string prefix)
    {
        var stack = new Stack<char>();
        var inString = false;
        for (var i = 0; i < prefix.Length; i++)
        {
            var c = prefix[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{':
                    stack.Push('}');
                    break;
                case '[':
                    stack.Push(']');
                    break;
                case '}' or ']':
                    if (stack.Count == 0 || stack.Pop() != c)
                    {
                        return null;
                    }

                    break;
            }
        }

        return inString ? null : prefix + string.Concat(stack);
    }
}
