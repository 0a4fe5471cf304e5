using System.Collections.Concurrent;
using System.Reflection;

namespace MedSummary.Extraction.Prompts;

/// <summary>
/// The one way prompt files and the form schema are read: every file under the repository's prompts/ folder, by its
/// path relative to that folder ("grounded/form-group.md", "forms/rcp.form.json").
/// </summary>
public interface IPromptProvider
{
    /// <summary>Every file the provider holds, as relative paths with '/' separators.</summary>
    IReadOnlyList<string> Files { get; }

    /// <summary>The text of a file; throws <see cref="FileNotFoundException"/> naming it when absent.</summary>
    string ReadText(string relativePath);

    /// <summary>A parsed prompt by name: "grounded/form-group" is the file "grounded/form-group.md".</summary>
    PromptTemplate GetPrompt(string name);
}

/// <summary>Shared parsing and caching; subclasses say where the bytes come from.</summary>
public abstract class PromptProviderBase : IPromptProvider
{
    /// <summary>Extension of prompt files.</summary>
    public const string PromptExtension = ".md";

    private readonly ConcurrentDictionary<string, PromptTemplate> _prompts = new(StringComparer.Ordinal);

    public abstract IReadOnlyList<string> Files { get; }

    public abstract string ReadText(string relativePath);

    public PromptTemplate GetPrompt(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _prompts.GetOrAdd(name, n => PromptTemplate.Parse(n, ReadText(n + PromptExtension)));
    }

    /// <summary>Every prompt file's name (files ending in <see cref="PromptExtension"/>), for validation and tests.</summary>
    public IReadOnlyList<string> PromptNames =>
        [.. Files.Where(f => f.EndsWith(PromptExtension, StringComparison.Ordinal) && !f.EndsWith("README.md", StringComparison.Ordinal))
            .Select(f => f[..^PromptExtension.Length])];
}

/// <summary>
/// The prompts/ folder compiled into this assembly (the default): the CLI and the API always find the prompts they
/// were built with, whatever the working directory.
/// </summary>
public sealed class EmbeddedPromptProvider : PromptProviderBase
{
    private const string Prefix = "prompts/";
    private readonly Assembly _assembly = typeof(EmbeddedPromptProvider).Assembly;
    private readonly IReadOnlyList<string> _files;

    public EmbeddedPromptProvider()
    {
        _files = [.. _assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..].Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];
    }

    public override IReadOnlyList<string> Files => _files;

    public override string ReadText(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        using var stream = _assembly.GetManifestResourceStream(Prefix + relativePath)
            ?? _assembly.GetManifestResourceStream(Prefix + relativePath.Replace('/', '\\'))
            ?? throw new FileNotFoundException($"Prompt file '{relativePath}' is not among the embedded prompts.", relativePath);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>A prompts folder on disk (MedSummary:Prompts:Directory), for editing prompts without rebuilding.</summary>
public sealed class FileSystemPromptProvider : PromptProviderBase
{
    private readonly string _root;

    public FileSystemPromptProvider(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _root = Path.GetFullPath(directory);
        if (!Directory.Exists(_root))
        {
            throw new DirectoryNotFoundException($"Prompts folder '{_root}' does not exist.");
        }

        Files = [.. Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];
    }

    public override IReadOnlyList<string> Files { get; }

    public override string ReadText(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        var full = Path.GetFullPath(Path.Combine(_root, relativePath));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            throw new FileNotFoundException($"Prompt file '{relativePath}' is not in '{_root}'.", relativePath);
        }

        return File.ReadAllText(full);
    }
}
