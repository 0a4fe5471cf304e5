namespace MedSummary.LlamaCpp.Models;

/// <summary>When llama.cpp uses flash attention (its llama_flash_attn_type; values are the native ones).</summary>
public enum LlamaFlashAttention
{
    /// <summary>llama.cpp decides per device (on CPU it enables it).</summary>
    Auto = -1,

    /// <summary>Never.</summary>
    Disabled = 0,

    /// <summary>Always.</summary>
    Enabled = 1,
}
