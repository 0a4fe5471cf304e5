using MedSummary.LlamaCpp.Chat;
using MedSummary.Testing.Gguf;

namespace MedSummary.LlamaCpp.Tests;

/// <summary>Tiny random-weight GGUF models written by the test code (cached in the temp folder across runs).</summary>
internal static class TestModels
{
    private static readonly Lazy<string> Chat = new(() => SyntheticGgufModels.GetOrCreateChatModel());
    private static readonly Lazy<string> Embedder = new(() => SyntheticGgufModels.GetOrCreateEmbedder());

    public static string ChatModelPath => Chat.Value;

    public static string EmbedderPath => Embedder.Value;

    public static LlamaChatClientOptions ChatOptions(int maxConcurrency = 1, int contextSize = 1024) => new()
    {
        ModelPath = ChatModelPath,
        ContextSize = contextSize,
        // One thread: the tiny model gains nothing from more, and ggml's spinning threads suffer on a busy 2-core CI.
        Threads = 1,
        MaxConcurrency = maxConcurrency,
    };
}
