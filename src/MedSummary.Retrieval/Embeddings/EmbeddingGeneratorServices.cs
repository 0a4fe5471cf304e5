using Microsoft.Extensions.AI;

namespace MedSummary.Retrieval.Embeddings;

/// <summary>
/// The <see cref="IEmbeddingGenerator{TInput, TEmbedding}.GetService"/> answer every embedder of ours gives: its
/// metadata, or itself for a type it is, and nothing for a keyed request (we register no keyed services).
/// </summary>
public static class EmbeddingGeneratorServices
{
    public static object? Resolve(object generator, EmbeddingGeneratorMetadata metadata, Type serviceType, object? serviceKey)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return metadata;
        }

        return serviceType.IsInstanceOfType(generator) ? generator : null;
    }
}
