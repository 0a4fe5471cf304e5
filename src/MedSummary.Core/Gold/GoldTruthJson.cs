using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MedSummary.Core.Gold;

/// <summary>
/// The JSON shape of <c>truth.json</c>: camelCase members, field keys as written, UTF-8 unescaped. Unknown
/// members are refused so that a typo in a hand-written file fails loudly instead of silently expecting not_found.
/// </summary>
public static class GoldTruthJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(GoldTruth truth)
    {
        ArgumentNullException.ThrowIfNull(truth);
        return JsonSerializer.Serialize(truth, Options) + "\n";
    }

    /// <summary>Parses and validates; throws <see cref="GoldFormatException"/> naming <paramref name="sourceName"/> and the reason.</summary>
    public static GoldTruth Deserialize(string json, string sourceName = "truth.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        GoldTruth? truth;
        try
        {
            truth = JsonSerializer.Deserialize<GoldTruth>(json, Options);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1})" : "";
            throw new GoldFormatException(sourceName, $"not valid gold truth JSON{where}: {FirstLine(ex.Message)}", ex);
        }

        if (truth is null)
        {
            throw new GoldFormatException(sourceName, "the file holds JSON null instead of a truth object");
        }

        var problems = GoldTruthValidator.Validate(truth);
        if (problems.Count > 0)
        {
            throw new GoldFormatException(sourceName, problems[0] + (problems.Count > 1 ? $" (and {problems.Count - 1} more problem(s))" : ""));
        }

        return truth;
    }

    public static async Task<GoldTruth> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new GoldFormatException(path, $"cannot be read: {ex.GetType().Name}", ex);
        }

        return Deserialize(json, path);
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>A gold truth file that cannot be used; the message names the file and the reason in one line.</summary>
public sealed class GoldFormatException : Exception
{
    /// <summary>The stable code of every gold-format error.</summary>
    public const string ErrorCode = "invalid_gold_truth";

    public GoldFormatException(string path, string reason, Exception? inner = null)
        : base($"{path}: {reason}", inner)
    {
        Path = path;
        Reason = reason;
    }

    public GoldFormatException()
        : this("truth.json", "invalid gold truth")
    {
    }

    public GoldFormatException(string message)
        : this("truth.json", message)
    {
    }

    public GoldFormatException(string message, Exception innerException)
        : this("truth.json", message, innerException)
    {
    }

    public string Code => ErrorCode;

    public string Path { get; }

    public string Reason { get; }
}

/// <summary>Reads a field as null, a string or an object; writes the shortest of those forms that loses nothing.</summary>
internal sealed class GoldFieldJsonConverter : JsonConverter<GoldField>
{
    public override bool HandleNull => true;

    public override GoldField Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return GoldField.NotStated;
            case JsonTokenType.String:
                return new GoldField { Value = reader.GetString() };
            case JsonTokenType.StartObject:
                var form = JsonSerializer.Deserialize<ObjectForm>(ref reader, options)
                    ?? throw new JsonException("A field object cannot be null.");
                return new GoldField
                {
                    Value = form.Value,
                    Values = form.Values,
                    Conflict = form.Conflict,
                    Quotes = form.Quotes ?? [],
                    Note = form.Note,
                };
            default:
                throw new JsonException("A field must be null (not stated anywhere), a string (the expected value) or an object.");
        }
    }

    public override void Write(Utf8JsonWriter writer, GoldField? value, JsonSerializerOptions options)
    {
        if (value is null || (value.Expectation == GoldExpectation.NotFound && value.Quotes.Count == 0 && value.Note is null))
        {
            writer.WriteNullValue();
            return;
        }

        if (value is { Value: { } single, Values: null, Conflict: null, Note: null, Quotes.Count: 0 })
        {
            writer.WriteStringValue(single);
            return;
        }

        JsonSerializer.Serialize(
            writer,
            new ObjectForm(value.Value, value.Values, value.Conflict, value.Quotes.Count == 0 ? null : value.Quotes, value.Note),
            options);
    }

    private sealed record ObjectForm(
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Value,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Values,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Conflict,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<GoldQuote>? Quotes,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note);
}
