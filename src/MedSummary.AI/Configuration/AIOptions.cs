namespace MedSummary.AI.Configuration;

/// <summary>
/// Which engine serves each AI role, bound from the "MedSummary:AI" configuration section. With no engine configured for chat,
/// MedSummary runs on its deterministic extractors only ("rules only").
/// </summary>
public sealed class AIOptions
{
    public const string SectionName = "MedSummary:AI";

    /// <summary>Folder of GGUF models; a relative ModelPath is looked up there. Default "models" (relative to the working directory).</summary>
    public string ModelsDirectory { get; set; } = "models";

    /// <summary>The chat / extraction model.</summary>
    public ChatEngineOptions Chat { get; set; } = new();

    /// <summary>The embedding model for retrieval.</summary>
    public EmbeddingEngineOptions Embeddings { get; set; } = new();

    /// <summary>Resolves a configured model path: absolute as given, otherwise under <see cref="ModelsDirectory"/>.</summary>
    public string ResolveModelPath(string modelPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        return Path.GetFullPath(Path.IsPathRooted(modelPath) ? modelPath : Path.Combine(ModelsDirectory, modelPath));
    }
}

/// <summary>Engine names accepted in configuration.</summary>
public static class AIEngines
{
    /// <summary>No model: the role is unavailable.</summary>
    public const string None = "none";

    /// <summary>In-process llama.cpp over a local GGUF file.</summary>
    public const string LlamaCpp = "llamacpp";

    /// <summary>Any server speaking the OpenAI API (llama-server, vLLM, Ollama...).</summary>
    public const string OpenAICompatible = "openai-compatible";

    public static readonly IReadOnlyList<string> All = [None, LlamaCpp, OpenAICompatible];

    /// <summary>Normalises a configured engine name ("LlamaCpp", "openai" ...) or returns null when unknown.</summary>
    public static string? Normalize(string? engine) => engine?.Trim().ToLowerInvariant() switch
    {
        null or "" or "none" => None,
        "llamacpp" or "llama.cpp" or "llama-cpp" => LlamaCpp,
        "openai-compatible" or "openaicompatible" or "openai" => OpenAICompatible,
        _ => null,
    };
}

/// <summary>Settings shared by both roles.</summary>
public abstract class EngineOptions
{
    /// <summary>"none", "llamacpp" or "openai-compatible". Default "none".</summary>
    public string Engine { get; set; } = AIEngines.None;

    /// <summary>llamacpp: GGUF file, absolute or relative to MedSummary:AI:ModelsDirectory.</summary>
    public string? ModelPath { get; set; }

    /// <summary>llamacpp: CPU threads, 0 = all cores. Default 0.</summary>
    public int Threads { get; set; }

    /// <summary>llamacpp: requests served at once, each with its own context. Default 1.</summary>
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>openai-compatible: base URL of the API, e.g. http://gpu-server:8080/v1.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>openai-compatible: model name sent to the server.</summary>
    public string? Model { get; set; }

    /// <summary>openai-compatible: API key, if the server wants one. Default none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>openai-compatible: time allowed for one attempt; CPU inference of a long answer is slow. Default 10 minutes.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>openai-compatible: retries on transient errors (5xx, 408, 429, connection failures). Default 2.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>openai-compatible: first pause before a retry (then doubled, with jitter). Default 2 seconds.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    internal string NormalizedEngine => AIEngines.Normalize(Engine) ?? Engine;
}

/// <summary>Chat / extraction model settings.</summary>
public sealed class ChatEngineOptions : EngineOptions
{
    /// <summary>llamacpp: context window in tokens (prompt + answer). Default 4096.</summary>
    public int ContextSize { get; set; } = 4096;

    /// <summary>Default answer length in tokens. Default 1024.</summary>
    public int MaxOutputTokens { get; set; } = 1024;

    /// <summary>Default temperature. Default 0 (reproducible extraction).</summary>
    public float Temperature { get; set; }

    /// <summary>llamacpp: built-in chat template name overriding the model's own. Default none.</summary>
    public string? ChatTemplate { get; set; }

    /// <summary>
    /// llamacpp: concurrent requests decoded together as parallel sequences of one context (the grounded form's field
    /// groups share their passages in the KV cache and one decode per step); they share <see cref="ContextSize"/>.
    /// 1 = one request at a time per context. Default 1; 1 to 64; above 1, MaxConcurrency must be 1.
    /// </summary>
    public int MaxParallelSequences { get; set; } = 1;

    /// <summary>llamacpp: flash attention, auto (llama.cpp decides; on CPU it enables it), enabled or disabled. Default auto.</summary>
    public MedSummary.LlamaCpp.Models.LlamaFlashAttention FlashAttention { get; set; } = MedSummary.LlamaCpp.Models.LlamaFlashAttention.Auto;
}

/// <summary>Embedding model settings.</summary>
public sealed class EmbeddingEngineOptions : EngineOptions
{
    /// <summary>llamacpp: tokens per batch and per input; 0 = the model's. Default 0.</summary>
    public int ContextSize { get; set; }

    /// <summary>Inputs sent per batch. Default 16.</summary>
    public int MaxInputsPerBatch { get; set; } = 16;

    /// <summary>openai-compatible: requested dimensions, when the model supports choosing. Default: the model's.</summary>
    public int? Dimensions { get; set; }
}
