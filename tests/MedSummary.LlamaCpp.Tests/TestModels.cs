using MedSummary.LlamaCpp.Chat;
using MedSummary.LlamaCpp.Gguf;
using MedSummary.Testing.Gguf;

namespace MedSummary.LlamaCpp.Tests;

/// <summary>Tiny random-weight GGUF models written by the test code (cached in the temp folder across runs).</summary>
internal static class TestModels
{
    private static readonly Lazy<string> Chat = new(() => SyntheticGgufModels.GetOrCreateChatModel());
    private static readonly Lazy<string> Embedder = new(() => SyntheticGgufModels.GetOrCreateEmbedder());

    // cl100k_base written as a byte-level BPE (100k tokens): the real vocabulary shape the benchmarks use, on a tiny model.
    private static readonly Lazy<string> Cl100kChat = new(() => SyntheticGgufModels.GetOrCreateChatModel(new SyntheticChatModelSpec
    {
        Vocabulary = SyntheticVocabulary.Cl100kBase,
        VocabularySize = 100_288,
        EmbeddingLength = 64,
        TiedEmbeddings = true,
        WeightType = GgmlType.F16,
        Name = "medsummary-synthetic-chat-cl100k",
    }));

    public static string ChatModelPath => Chat.Value;

    public static string EmbedderPath => Embedder.Value;

    /// <summary>A tiny chat model whose vocabulary is cl100k_base (real BPE pieces, 100,288 tokens).</summary>
    public static string Cl100kChatModelPath => Cl100kChat.Value;

    public static LlamaChatClientOptions ChatOptions(int maxConcurrency = 1, int contextSize = 1024) => new()
    {
        ModelPath = ChatModelPath,
        ContextSize = contextSize,
        // One thread: the tiny model gains nothing from more, and ggml's spinning threads suffer on a busy 2-core CI.
        Threads = 1,
        MaxConcurrency = maxConcurrency,
    };
}
