using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MedSummary.Evaluation.Results;

/// <summary>Reads and writes result files: UTF-8 JSON, camelCase, enums as snake_case strings, schema checked on read.</summary>
public static class EvaluationResultFile
{
    public const string DefaultFileName = "result.json";

    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(EvaluationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return JsonSerializer.Serialize(run, Options) + "\n";
    }

    /// <summary>Parses a result file; throws <see cref="EvaluationResultFormatException"/> naming the source and the reason.</summary>
    public static EvaluationRun Deserialize(string json, string sourceName = DefaultFileName)
    {
        ArgumentNullException.ThrowIfNull(json);
        string? version;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            version = document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("schemaVersion", out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString()
                : null;
        }
        catch (JsonException ex)
        {
            throw new EvaluationResultFormatException(sourceName, $"not valid JSON: {ex.Message}", ex);
        }

        if (version != EvaluationRun.CurrentSchemaVersion)
        {
            throw new EvaluationResultFormatException(
                sourceName,
                version is null
                    ? "no schemaVersion: not an evaluation result file"
                    : $"schemaVersion '{version}' is not supported (expected '{EvaluationRun.CurrentSchemaVersion}')");
        }

        try
        {
            return JsonSerializer.Deserialize<EvaluationRun>(json, Options)
                ?? throw new EvaluationResultFormatException(sourceName, "the file holds JSON null");
        }
        catch (JsonException ex)
        {
            throw new EvaluationResultFormatException(sourceName, $"not an evaluation result: {ex.Message}", ex);
        }
    }

    public static async Task WriteAsync(EvaluationRun run, string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await File.WriteAllTextAsync(path, Serialize(run), cancellationToken).ConfigureAwait(false);
    }

    public static async Task<EvaluationRun> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new EvaluationResultFormatException(path, "file not found");
        }

        return Deserialize(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), path);
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            AllowTrailingCommas = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>A result file that cannot be read: its path and the reason, in one line.</summary>
public sealed class EvaluationResultFormatException : Exception
{
    /// <summary>The stable code of every result-file error.</summary>
    public const string ErrorCode = "invalid_eval_result";

    public EvaluationResultFormatException(string path, string reason, Exception? inner = null)
        : base($"{path}: {reason}", inner)
    {
        Path = path;
        Reason = reason;
    }

    public EvaluationResultFormatException()
    {
        Path = "";
        Reason = "";
    }

    public EvaluationResultFormatException(string message)
        : base(message)
    {
        Path = "";
        Reason = message;
    }

    public EvaluationResultFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "";
        Reason = message;
    }

    public string Path { get; }

    public string Reason { get; }
}
