namespace MedSummary.LlamaCpp.Models;

/// <summary>
/// The <c>GetService</c> answer shared by the chat client and the embedding generator: their metadata, the
/// <see cref="LlamaModel"/> they run (so callers can read its header without loading it twice), or themselves.
/// </summary>
internal static class LlamaServiceLookup
{
    public static object? Find<TMetadata>(object self, LlamaModel model, TMetadata metadata, Type serviceType, object? serviceKey)
        where TMetadata : class
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(TMetadata))
        {
            return metadata;
        }

        if (serviceType == typeof(LlamaModel))
        {
            return model;
        }

        return serviceType.IsInstanceOfType(self) ? self : null;
    }
}
