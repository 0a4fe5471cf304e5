using System.Globalization;

namespace MedSummary.Bench;

/// <summary>The "--name value" arguments every benchmark reads.</summary>
internal static class BenchArgs
{
    /// <summary>The whole number after <paramref name="name"/>, or <paramref name="fallback"/> when absent, unreadable or below <paramref name="min"/>.</summary>
    public static int IntArg(string[] args, string name, int fallback, int min = 1) =>
        StringArg(args, name) is { } text && int.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= min ? value : fallback;

    /// <summary>The word after <paramref name="name"/>, or null.</summary>
    public static string? StringArg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
