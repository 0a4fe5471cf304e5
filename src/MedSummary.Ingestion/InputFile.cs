namespace MedSummary.Ingestion;

/// <summary>
/// A file handed to MedSummary: its display name and its bytes. Type is decided from the content, never the name.
/// </summary>
public sealed record InputFile(string FileName, ReadOnlyMemory<byte> Content)
{
    public static async Task<InputFile> FromPathAsync(string path, CancellationToken cancellationToken = default) =>
        new(Path.GetFileName(path), await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
}
