using Microsoft.Extensions.Options;

namespace MedSummary.AI.Configuration;

/// <summary>Checks the AI section at start, with messages naming the key, the path and what to do.</summary>
public sealed class AIOptionsValidator : IValidateOptions<AIOptions>
{
    private readonly string _section;

    public AIOptionsValidator()
        : this(AIOptions.SectionName)
    {
    }

    public AIOptionsValidator(string section)
    {
        _section = section;
    }

    public ValidateOptionsResult Validate(string? name, AIOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ModelsDirectory))
        {
            errors.Add($"{_section}:ModelsDirectory must not be empty");
        }

        Check(options, options.Chat, "Chat", errors);
        Check(options, options.Embeddings, "Embeddings", errors);
        if (options.Chat.ContextSize < 64)
        {
            errors.Add($"{_section}:Chat:ContextSize must be at least 64 (is {options.Chat.ContextSize})");
        }

        if (options.Chat.MaxParallelSequences is < 1 or > 64)
        {
            errors.Add($"{_section}:Chat:MaxParallelSequences must be between 1 and 64 (is {options.Chat.MaxParallelSequences})");
        }
        else if (options.Chat.MaxParallelSequences > 1 && options.Chat.MaxConcurrency > 1)
        {
            errors.Add($"{_section}:Chat:MaxConcurrency must be 1 when MaxParallelSequences is above 1 (one context serves the parallel sequences; is {options.Chat.MaxConcurrency})");
        }

        if (options.Chat.MaxOutputTokens < 1)
        {
            errors.Add($"{_section}:Chat:MaxOutputTokens must be positive (is {options.Chat.MaxOutputTokens})");
        }

        if (options.Chat.Temperature < 0)
        {
            errors.Add($"{_section}:Chat:Temperature must not be negative (is {options.Chat.Temperature})");
        }

        if (!Enum.IsDefined(options.Chat.FlashAttention))
        {
            errors.Add($"{_section}:Chat:FlashAttention must be Auto, Enabled or Disabled (is {(int)options.Chat.FlashAttention})");
        }

        if (options.Embeddings.ContextSize < 0)
        {
            errors.Add($"{_section}:Embeddings:ContextSize must be 0 (the model's) or positive (is {options.Embeddings.ContextSize})");
        }

        if (options.Embeddings.MaxInputsPerBatch < 1)
        {
            errors.Add($"{_section}:Embeddings:MaxInputsPerBatch must be positive (is {options.Embeddings.MaxInputsPerBatch})");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void Check(AIOptions root, EngineOptions role, string roleName, List<string> errors)
    {
        var key = $"{_section}:{roleName}";
        var engine = AIEngines.Normalize(role.Engine);
        if (engine is null)
        {
            errors.Add($"{key}:Engine '{role.Engine}' is not one of: {string.Join(", ", AIEngines.All)}");
            return;
        }

        if (engine == AIEngines.LlamaCpp)
        {
            if (string.IsNullOrWhiteSpace(role.ModelPath))
            {
                errors.Add($"{key}:ModelPath is required for the llamacpp engine (a GGUF file; see models/README.md)");
            }
            else
            {
                var path = root.ResolveModelPath(role.ModelPath);
                if (!File.Exists(path))
                {
                    errors.Add($"{key}:ModelPath: model file '{path}' not found. Download a GGUF model (models/README.md lists recommended ones) with `medsummary models pull <url> --sha256 <hash>` into {Path.GetFullPath(root.ModelsDirectory)}, or set {key}:ModelPath to an existing file, or set {key}:Engine to none.");
                }
            }

            if (role.Threads < 0)
            {
                errors.Add($"{key}:Threads must be 0 (all cores) or positive (is {role.Threads})");
            }

            if (role.MaxConcurrency < 1)
            {
                errors.Add($"{key}:MaxConcurrency must be at least 1 (is {role.MaxConcurrency})");
            }
        }
        else if (engine == AIEngines.OpenAICompatible)
        {
            if (role.Endpoint is null || !role.Endpoint.IsAbsoluteUri || (role.Endpoint.Scheme != Uri.UriSchemeHttp && role.Endpoint.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"{key}:Endpoint is required for the openai-compatible engine: an absolute http(s) URL such as http://inference-server:8080/v1");
            }

            if (string.IsNullOrWhiteSpace(role.Model))
            {
                errors.Add($"{key}:Model is required for the openai-compatible engine (the model name the server serves)");
            }

            if (role.AttemptTimeout <= TimeSpan.Zero)
            {
                errors.Add($"{key}:AttemptTimeout must be positive (is {role.AttemptTimeout})");
            }

            if (role.MaxRetries is < 0 or > 10)
            {
                errors.Add($"{key}:MaxRetries must be between 0 and 10 (is {role.MaxRetries})");
            }
        }
    }
}
