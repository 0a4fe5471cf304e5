using MedSummary.Core.Provenance;

namespace MedSummary.Extraction.Grounding.Support;

/// <summary>
/// Whether a cited span supports a value: when it does, where in the span the value is written (<see cref="Written"/>,
/// the contract's "value as written in the source"); when it does not, why (kept for review).
/// </summary>
public sealed record Support(bool Holds, string? Reason, TextSpan? ValueSpan, string? Written)
{
    public static Support No(string reason) => new(false, reason, null, null);

    public static Support Yes(TextSpan valueSpan, string written) => new(true, null, valueSpan, written);
}
