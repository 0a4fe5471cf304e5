namespace MedSummary.AI.Status;

/// <summary>Where a model role stands.</summary>
public enum ModelState
{
    /// <summary>No engine configured: the role is off (for chat: rules only).</summary>
    NotConfigured,

    /// <summary>Configured; the model is loaded (or the server first called) on first use.</summary>
    Configured,

    /// <summary>Loaded and serving (in-process) or client created (server).</summary>
    Ready,

    /// <summary>Loading or creating the client failed; see <see cref="ModelRoleStatus.Detail"/>.</summary>
    Failed,
}

/// <summary>One role's status: engine, model and state, safe to show in health output.</summary>
public sealed record ModelRoleStatus(string Role, string Engine, ModelState State, string? Model, string? Detail)
{
    /// <summary>Whether requests can be attempted (configured and not failed).</summary>
    public bool IsAvailable => State is ModelState.Configured or ModelState.Ready;
}

/// <summary>Tells whether chat and embedding models are configured and loaded; used by health checks and by outputs that must say "rules only".</summary>
public interface IModelStatus
{
    ModelRoleStatus Chat { get; }

    ModelRoleStatus Embeddings { get; }

    /// <summary>True when a chat model can be used; false means deterministic extractors only.</summary>
    bool ChatAvailable => Chat.IsAvailable;

    /// <summary>One line per role for logs, health details and reports.</summary>
    string Describe() =>
        $"chat: {Line(Chat, "rules only")}; embeddings: {Line(Embeddings, "lexical search only")}";

    private static string Line(ModelRoleStatus s, string fallback) => s.State switch
    {
        ModelState.NotConfigured => $"not configured ({fallback})",
        ModelState.Failed => $"{s.Engine} {s.Model} failed: {s.Detail} ({fallback})",
        _ => $"{s.Engine} {s.Model} ({s.State.ToString().ToLowerInvariant()})",
    };
}
