using System.Text;
using System.Text.RegularExpressions;

namespace MedSummary.Extraction.Prompts;

/// <summary>
/// A prompt file: a front matter declaring its inputs, then a body with <c>{{input}}</c> placeholders.
/// <code>
/// ---
/// description: what the prompt asks
/// inputs: passages, fields
/// ---
/// body text using {{passages}} and {{fields}}
/// </code>
/// The declared inputs and the placeholders must be the same set, checked when the file is parsed, so a prompt
/// that would render with a hole or ignore an input never loads.
/// </summary>
public sealed partial class PromptTemplate
{
    private PromptTemplate(string name, string description, IReadOnlyList<string> inputs, string body)
    {
        Name = name;
        Description = description;
        Inputs = inputs;
        Body = body;
    }

    /// <summary>The prompt's name: its path under prompts/ without the extension, e.g. "grounded/form-group".</summary>
    public string Name { get; }

    public string Description { get; }

    /// <summary>The declared inputs, in declaration order.</summary>
    public IReadOnlyList<string> Inputs { get; }

    public string Body { get; }

    /// <summary>Parses a prompt file; throws <see cref="FormatException"/> naming the prompt and the problem.</summary>
    public static PromptTemplate Parse(string name, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!normalized.StartsWith("---\n", StringComparison.Ordinal))
        {
            throw new FormatException($"Prompt '{name}': it must start with a '---' front matter line.");
        }

        var end = normalized.IndexOf("\n---\n", 3, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new FormatException($"Prompt '{name}': the front matter is not closed by a '---' line.");
        }

        string? description = null;
        List<string>? inputs = null;
        foreach (var raw in normalized[4..end].Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"Prompt '{name}': front matter line '{line}' is not 'key: value'.");
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "description":
                    description = value;
                    break;
                case "inputs":
                    inputs = value is "" or "none"
                        ? []
                        : [.. value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
                    break;
                default:
                    throw new FormatException($"Prompt '{name}': unknown front matter key '{key}' (description, inputs).");
            }
        }

        if (string.IsNullOrWhiteSpace(description))
        {
            throw new FormatException($"Prompt '{name}': the front matter needs a description.");
        }

        if (inputs is null)
        {
            throw new FormatException($"Prompt '{name}': the front matter must declare its inputs ('inputs: a, b' or 'inputs: none').");
        }

        foreach (var input in inputs)
        {
            if (!InputName().IsMatch(input))
            {
                throw new FormatException($"Prompt '{name}': input name '{input}' must be lowercase letters, digits and underscores.");
            }
        }

        if (inputs.Distinct(StringComparer.Ordinal).Count() != inputs.Count)
        {
            throw new FormatException($"Prompt '{name}': an input is declared twice.");
        }

        var body = normalized[(end + 5)..].TrimEnd('\n');
        var used = Placeholder().Matches(body).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var undeclared = used.Where(u => !inputs.Contains(u)).Order(StringComparer.Ordinal).ToList();
        if (undeclared.Count > 0)
        {
            throw new FormatException($"Prompt '{name}': placeholder(s) {string.Join(", ", undeclared)} are not declared inputs.");
        }

        var unused = inputs.Where(i => !used.Contains(i)).ToList();
        if (unused.Count > 0)
        {
            throw new FormatException($"Prompt '{name}': declared input(s) {string.Join(", ", unused)} are never used in the body.");
        }

        if (Placeholder().Replace(body, "").Contains("{{", StringComparison.Ordinal))
        {
            throw new FormatException($"Prompt '{name}': a '{{{{' does not open a well-formed placeholder.");
        }

        return new PromptTemplate(name, description, inputs, body);
    }

    /// <summary>
    /// The body with every placeholder replaced by its value, in one pass (a value containing "{{x}}" stays as it is:
    /// document text is never expanded). Every declared input must be given, and nothing else.
    /// </summary>
    public string Render(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var missing = Inputs.Where(i => !values.ContainsKey(i)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"Prompt '{Name}': no value for input(s) {string.Join(", ", missing)}.", nameof(values));
        }

        var extra = values.Keys.Where(k => !Inputs.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (extra.Count > 0)
        {
            throw new ArgumentException($"Prompt '{Name}': value(s) given for undeclared input(s) {string.Join(", ", extra)}.", nameof(values));
        }

        var sb = new StringBuilder(Body.Length + values.Values.Sum(v => v.Length));
        var last = 0;
        foreach (Match m in Placeholder().Matches(Body))
        {
            sb.Append(Body, last, m.Index - last).Append(values[m.Groups[1].Value]);
            last = m.Index + m.Length;
        }

        return sb.Append(Body, last, Body.Length - last).ToString();
    }

    [GeneratedRegex(@"\{\{\s*([a-z][a-z0-9_]*)\s*\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex InputName();
}
