namespace MedSummary.Core.Documents;

/// <summary>File names as they may be stored and shown: the last path segment, without characters that hide or reorder text.</summary>
public static class FileNames
{
    /// <summary>Longest name kept; longer ones are cut (a name is a label, not a path to write to).</summary>
    public const int MaxLength = 200;

    /// <summary>
    /// The name without any folder a client sent, control characters and the bidirectional embedding, override and
    /// isolate marks (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C): "report\u202Efdp.exe" shows as "reportexe.pdf" in a
    /// list, so a name that reorders itself is one that lies about its type. Empty names become <paramref name="fallback"/>.
    /// </summary>
    public static string Clean(string? raw, string fallback)
    {
        var name = (raw ?? string.Empty).Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string([.. name.Where(c => !IsHidden(c))]).Trim();
        if (name.Length > MaxLength)
        {
            name = name[..MaxLength];
        }

        return name.Length == 0 ? fallback : name;
    }

    /// <summary>Whether <paramref name="c"/> is a control character or a bidirectional formatting mark.</summary>
    public static bool IsHidden(char c) =>
        char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';
}
