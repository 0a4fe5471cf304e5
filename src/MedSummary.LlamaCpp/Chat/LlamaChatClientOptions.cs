using MedSummary.LlamaCpp.Models;

namespace MedSummary.LlamaCpp.Chat;

/// <summary>Settings of the in-process llama.cpp chat engine. Validate with <see cref="Validate"/> (done by the client's constructor).</summary>
public sealed class LlamaChatClientOptions
{
    /// <summary>Path of the GGUF chat model. Required.</summary>
    public string ModelPath { get; set; } = string.Empty;

    /// <summary>Context window per llama_context in tokens (prompt + answer). Default 4096; capped at the model's training context.</summary>
    public int ContextSize { get; set; } = 4096;

    /// <summary>Tokens decoded per llama_decode call while reading the prompt. Default 512.</summary>
    public int BatchSize { get; set; } = 512;

    /// <summary>
    /// CPU threads per context; 0 = all cores. Default 0. On a machine shared with other CPU-heavy work use fewer:
    /// ggml's threads spin while waiting for each other, and generation speed collapses when they are descheduled.
    /// </summary>
    public int Threads { get; set; }

    /// <summary>
    /// Requests served at once, each on its own llama_context (memory grows with it); further requests wait. Default 1,
    /// right for CPU servers where one request already uses every core.
    /// </summary>
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>
    /// Concurrent requests decoded together from one context, each as its own sequence: a prompt prefix another
    /// sequence holds is copied in the KV cache instead of decoded, and each generation step decodes one token per
    /// live sequence in one batch (on a CPU, reading the weights once for all of them). 1 = one request at a time on
    /// each of <see cref="MaxConcurrency"/> contexts. The sequences share the one context's <see cref="ContextSize"/>
    /// cells; a request that does not fit beside the live ones waits. Default 1; 1 to 64; above 1,
    /// <see cref="MaxConcurrency"/> must be 1.
    /// </summary>
    public int MaxParallelSequences { get; set; } = 1;

    /// <summary>
    /// With <see cref="MaxParallelSequences"/> above 1: how long an idle engine waits, after a request arrives, for
    /// more to fill the batch before starting (requests arriving later join at the next generation step). Default 10 ms; 0 to 1000.
    /// </summary>
    public int BatchGatherMilliseconds { get; set; } = 10;

    /// <summary>Answer length when ChatOptions.MaxOutputTokens is not set. Default 1024.</summary>
    public int DefaultMaxOutputTokens { get; set; } = 1024;

    /// <summary>Temperature when ChatOptions.Temperature is not set. Default 0 (greedy: extraction wants reproducible answers).</summary>
    public float DefaultTemperature { get; set; }

    /// <summary>Top-k when ChatOptions.TopK is not set; 0 disables. Default 40.</summary>
    public int DefaultTopK { get; set; } = 40;

    /// <summary>Top-p when ChatOptions.TopP is not set; 1 disables. Default 0.95.</summary>
    public float DefaultTopP { get; set; } = 0.95f;

    /// <summary>
    /// Flash attention in each context. Default <see cref="LlamaFlashAttention.Auto"/> (llama.cpp's own default): it
    /// enables flash attention where the backend supports it, which its CPU backend does; llama-bench measured prompt
    /// speed at depth 2,048 going from 80 to 111 tok/s with it on this machine (issue 16). The llm benchmark prints the
    /// on/off ratio of our client to re-check; Disabled is there to measure against.
    /// </summary>
    public LlamaFlashAttention FlashAttention { get; set; } = LlamaFlashAttention.Auto;

    /// <summary>Chat template override: a llama.cpp built-in name ("chatml", "llama3", "mistral-v7"...). Null = the model's own.</summary>
    public string? ChatTemplate { get; set; }

    /// <summary>Model id reported in responses; defaults to the file name.</summary>
    public string? ModelId { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> with every problem found, naming the setting.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ModelPath))
        {
            problems.Add("ModelPath is required (path of a GGUF chat model)");
        }

        if (ContextSize < 64)
        {
            problems.Add($"ContextSize must be at least 64 (is {ContextSize})");
        }

        if (BatchSize < 1)
        {
            problems.Add($"BatchSize must be positive (is {BatchSize})");
        }

        if (Threads < 0)
        {
            problems.Add($"Threads must be 0 (all cores) or positive (is {Threads})");
        }

        if (MaxConcurrency < 1)
        {
            problems.Add($"MaxConcurrency must be at least 1 (is {MaxConcurrency})");
        }

        if (MaxParallelSequences is < 1 or > 64)
        {
            problems.Add($"MaxParallelSequences must be between 1 and 64 (is {MaxParallelSequences})");
        }
        else if (MaxParallelSequences > 1 && MaxConcurrency > 1)
        {
            problems.Add($"MaxConcurrency must be 1 when MaxParallelSequences is above 1 (one context serves the parallel sequences; is {MaxConcurrency})");
        }

        if (BatchGatherMilliseconds is < 0 or > 1000)
        {
            problems.Add($"BatchGatherMilliseconds must be between 0 and 1000 (is {BatchGatherMilliseconds})");
        }

        if (DefaultMaxOutputTokens < 1)
        {
            problems.Add($"DefaultMaxOutputTokens must be positive (is {DefaultMaxOutputTokens})");
        }

        if (DefaultTemperature < 0)
        {
            problems.Add($"DefaultTemperature must not be negative (is {DefaultTemperature})");
        }

        if (DefaultTopP is <= 0 or > 1)
        {
            problems.Add($"DefaultTopP must be in (0, 1] (is {DefaultTopP})");
        }

        if (!Enum.IsDefined(FlashAttention))
        {
            problems.Add($"FlashAttention must be Auto, Enabled or Disabled (is {(int)FlashAttention})");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid llama.cpp chat options: " + string.Join("; ", problems));
        }
    }
}
