using MedSummary.AI.Configuration;
using MedSummary.AI.Status;
using MedSummary.LlamaCpp.Gguf;

namespace MedSummary.AI.Models;

/// <summary>One model file as its GGUF header describes it.</summary>
public sealed record ModelEntry(
    string Path,
    string? Role,
    bool Exists,
    long SizeBytes,
    string? Architecture,
    string? Name,
    long? ContextLength,
    long? EmbeddingLength,
    string? Quantization,
    ulong ParameterCount,
    string? Error)
{
    public string FileName => System.IO.Path.GetFileName(Path);
}

/// <summary>The configured models and every GGUF file in the models folder, described from their headers (no weights loaded).</summary>
public sealed class ModelCatalog
{
    private readonly AIOptions _options;

    public ModelCatalog(AIOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Absolute path of the models folder.</summary>
    public string ModelsDirectory => System.IO.Path.GetFullPath(_options.ModelsDirectory);

    /// <summary>Configured llama.cpp models first (with their role, even when missing), then other GGUF files of the folder.</summary>
    public IReadOnlyList<ModelEntry> List()
    {
        var entries = new List<ModelEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (role, engine) in new (string, EngineOptions)[] { (AIRoles.Chat, _options.Chat), (AIRoles.Embeddings, _options.Embeddings) })
        {
            if (engine.NormalizedEngine == AIEngines.LlamaCpp && !string.IsNullOrWhiteSpace(engine.ModelPath))
            {
                var path = _options.ResolveModelPath(engine.ModelPath);
                entries.Add(Describe(path, role));
                seen.Add(path);
            }
        }

        if (Directory.Exists(ModelsDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(ModelsDirectory, "*.gguf").Order(StringComparer.Ordinal))
            {
                var path = System.IO.Path.GetFullPath(file);
                if (seen.Add(path))
                {
                    entries.Add(Describe(path, null));
                }
            }
        }

        return entries;
    }

    /// <summary>Reads one file's header; a missing or unreadable file gives an entry with <see cref="ModelEntry.Error"/>.</summary>
    public static ModelEntry Describe(string path, string? role)
    {
        if (!File.Exists(path))
        {
            return new ModelEntry(path, role, false, 0, null, null, null, null, null, 0, "file not found");
        }

        try
        {
            var info = GgufReader.Read(path);
            return new ModelEntry(path, role, true, info.FileSize, info.Architecture, info.Name, info.ContextLength, info.EmbeddingLength, info.Quantization, info.ParameterCount, null);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return new ModelEntry(path, role, true, new FileInfo(path).Length, null, null, null, null, null, 0, ex.Message);
        }
    }
}
