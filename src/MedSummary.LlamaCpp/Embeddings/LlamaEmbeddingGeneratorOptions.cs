using MedSummary.LlamaCpp.Native;

namespace MedSummary.LlamaCpp.Embeddings;

/// <summary>Settings of the in-process llama.cpp embedding engine.</summary>
public sealed class LlamaEmbeddingGeneratorOptions
{
    /// <summary>Path of the GGUF embedding model (BERT-family or decoder embedder). Required.</summary>
    public string ModelPath { get; set; } = string.Empty;

    /// <summary>Tokens per batch (and per input at most); 0 = the model's training context, capped at 8192. Default 0.</summary>
    public int ContextSize { get; set; }

    /// <summary>Inputs packed into one batch at most. Default 16.</summary>
    public int MaxInputsPerBatch { get; set; } = 16;

    /// <summary>CPU threads; 0 = all cores. Default 0.</summary>
    public int Threads { get; set; }

    /// <summary>Concurrent batches, each on its own context. Default 1.</summary>
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>Pooling override; null = as the model declares (mean when it declares none).</summary>
    public LlamaPoolingType? Pooling { get; set; }

    /// <summary>Cut inputs longer than the context instead of failing. Default true (chunks are sized upstream; this is a guard).</summary>
    public bool TruncateLongInputs { get; set; } = true;

    /// <summary>Model id reported in metadata; defaults to the file name.</summary>
    public string? ModelId { get; set; }

    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ModelPath))
        {
            problems.Add("ModelPath is required (path of a GGUF embedding model)");
        }

        if (ContextSize is < 0 or (> 0 and < 8))
        {
            problems.Add($"ContextSize must be 0 (model's) or at least 8 (is {ContextSize})");
        }

        if (MaxInputsPerBatch < 1)
        {
            problems.Add($"MaxInputsPerBatch must be positive (is {MaxInputsPerBatch})");
        }

        if (Threads < 0)
        {
            problems.Add($"Threads must be 0 (all cores) or positive (is {Threads})");
        }

        if (MaxConcurrency < 1)
        {
            problems.Add($"MaxConcurrency must be at least 1 (is {MaxConcurrency})");
        }

        if (Pooling is LlamaPoolingType.None or LlamaPoolingType.Rank)
        {
            problems.Add($"Pooling {Pooling} gives no sentence embedding; use Mean, Cls or Last");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid llama.cpp embedding options: " + string.Join("; ", problems));
        }
    }
}
