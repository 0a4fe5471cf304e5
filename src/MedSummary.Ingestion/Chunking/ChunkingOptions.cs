namespace MedSummary.Ingestion.Chunking;

/// <summary>How <see cref="SectionChunker"/> cuts a document.</summary>
public sealed class ChunkingOptions
{
    /// <summary>Longest chunk, in characters. Default 1200; 200 to 20 000.</summary>
    public int MaxChars { get; set; } = 1200;

    /// <summary>
    /// Characters a chunk repeats from the end of the previous chunk of the same section, so a fact cut by a chunk
    /// boundary is whole in one of them. Default 150; 0 to half of <see cref="MaxChars"/>.
    /// </summary>
    public int OverlapChars { get; set; } = 150;

    /// <summary>Every problem with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxChars is < 200 or > 20_000)
        {
            errors.Add($"{nameof(MaxChars)} must be between 200 and 20000 (was {MaxChars}).");
        }

        if (OverlapChars < 0 || OverlapChars > MaxChars / 2)
        {
            errors.Add($"{nameof(OverlapChars)} must be between 0 and half of {nameof(MaxChars)} (was {OverlapChars}).");
        }

        return errors;
    }
}
