namespace MedSummary.Core.Provenance;

/// <summary>A half-open range [Start, End) of character offsets in a document's canonical text.</summary>
public readonly record struct TextSpan
{
    public TextSpan(int start, int end)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        Start = start;
        End = end;
    }

    public int Start { get; }

    public int End { get; }

    public int Length => End - Start;

    public bool IsEmpty => End == Start;

    public bool Contains(TextSpan other) => other.Start >= Start && other.End <= End;

    public bool Overlaps(TextSpan other) => other.Start < End && Start < other.End;

    public static TextSpan FromLength(int start, int length) => new(start, start + length);

    public override string ToString() => $"[{Start},{End})";
}
