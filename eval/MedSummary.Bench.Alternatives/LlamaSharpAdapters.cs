using LLama;
using LLama.Abstractions;
using LLama.Common;
using LLama.Sampling;
using MedSummary.Bench.Checks;

namespace MedSummary.Bench.Alternatives;

/// <summary>LLamaSharp's Microsoft.Extensions.AI adapters put through <see cref="AdapterChecks"/>, plus its grammar sampler.</summary>
internal static class LlamaSharpAdapters
{
    private static ModelParams Parameters(string modelPath, bool embeddings = false) => new(modelPath)
    {
        GpuLayerCount = 0,
        Threads = 1,
        BatchThreads = 1,
        ContextSize = 1024,
        Embeddings = embeddings,
    };

    public static async Task<List<CheckResult>> EmbedderAsync(string modelPath, CancellationToken cancellationToken)
    {
        var parameters = Parameters(modelPath, embeddings: true);
        using var weights = LLamaWeights.LoadFromFile(parameters);
        using var embedder = new LLamaEmbedder(weights, parameters);

        // Its own API first: it shows the model embeds, so a failure of the adapter is the adapter's.
        var direct = await AdapterChecks.DescribeAsync(async () => (await embedder.GetEmbeddings("tumeur du sein gauche", cancellationToken))[0].Length + " dimensions");
        return [await AdapterChecks.EmbeddingGeneratorAsync(embedder, $"LLamaEmbedder.GetEmbeddings: {direct}; as IEmbeddingGenerator, ", cancellationToken)];
    }

    public static async Task<List<CheckResult>> ChatClientAsync(string modelPath, CancellationToken cancellationToken)
    {
        var parameters = Parameters(modelPath);
        using var weights = LLamaWeights.LoadFromFile(parameters);
        using var client = new StatelessExecutor(weights, parameters).AsChatClient();
        return await AdapterChecks.ChatClientAsync(client, cancellationToken);
    }

    /// <summary>Runs in a process of its own: when the native grammar parser brings the process down, the parent sees the exit instead of this result.</summary>
    public static async Task<List<CheckResult>> InvalidGrammarAsync(string modelPath)
    {
        var parameters = Parameters(modelPath);
        using var weights = LLamaWeights.LoadFromFile(parameters);
        var executor = new StatelessExecutor(weights, parameters);
        var inference = new InferenceParams
        {
            MaxTokens = 8,
            SamplingPipeline = new DefaultSamplingPipeline { Grammar = new Grammar("root ::= \"a\" | [", "root") },
        };
        var outcome = await AdapterChecks.DescribeAsync(async () =>
        {
            var text = new System.Text.StringBuilder();
            await foreach (var piece in executor.InferAsync("HER2", inference))
            {
                text.Append(piece);
            }

            return "generated " + AdapterChecks.Shorten(text.ToString());
        });
        return [new(AdapterChecks.InvalidGrammarCrashes, false, $"the process survived the invalid grammar: {outcome}")];
    }
}
