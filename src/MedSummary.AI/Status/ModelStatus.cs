using MedSummary.AI.Configuration;

namespace MedSummary.AI.Status;

/// <summary>Default <see cref="IModelStatus"/>: starts from configuration, updated by the engine factories.</summary>
public sealed class ModelStatus : IModelStatus
{
    private ModelRoleStatus _chat;
    private ModelRoleStatus _embeddings;

    public ModelStatus(AIOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _chat = Initial(AIRoles.Chat, options.Chat, options);
        _embeddings = Initial(AIRoles.Embeddings, options.Embeddings, options);
    }

    public ModelRoleStatus Chat => Volatile.Read(ref _chat);

    public ModelRoleStatus Embeddings => Volatile.Read(ref _embeddings);

    internal void MarkReady(string role, string? detail = null) => Update(role, s => s with { State = ModelState.Ready, Detail = detail });

    internal void MarkFailed(string role, string reason) => Update(role, s => s with { State = ModelState.Failed, Detail = reason });

    private void Update(string role, Func<ModelRoleStatus, ModelRoleStatus> change)
    {
        if (role == AIRoles.Chat)
        {
            Volatile.Write(ref _chat, change(Chat));
        }
        else
        {
            Volatile.Write(ref _embeddings, change(Embeddings));
        }
    }

    private static ModelRoleStatus Initial(string role, EngineOptions engine, AIOptions options)
    {
        var name = engine.NormalizedEngine;
        return name switch
        {
            AIEngines.LlamaCpp when !string.IsNullOrWhiteSpace(engine.ModelPath) =>
                new ModelRoleStatus(role, name, ModelState.Configured, Path.GetFileName(options.ResolveModelPath(engine.ModelPath)), null),
            AIEngines.OpenAICompatible => new ModelRoleStatus(role, name, ModelState.Configured, engine.Model, engine.Endpoint?.GetLeftPart(UriPartial.Authority)),
            _ => new ModelRoleStatus(role, AIEngines.None, ModelState.NotConfigured, null, null),
        };
    }
}

/// <summary>Role names, also the DI keys of the keyed IChatClient / IEmbeddingGenerator registrations.</summary>
public static class AIRoles
{
    public const string Chat = "chat";
    public const string Embeddings = "embeddings";
}
