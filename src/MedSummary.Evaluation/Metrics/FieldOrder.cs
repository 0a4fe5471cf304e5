using MedSummary.Core.Contract;
using MedSummary.Core.Gold;

namespace MedSummary.Evaluation.Metrics;

/// <summary>The order fields are listed in: the contract's, then the gold extension fields, then the rest by name.</summary>
public static class FieldOrder
{
    private static readonly Dictionary<string, int> Rank = ContractFields.Required
        .Concat(GoldFields.All)
        .Select((key, index) => (key, index))
        .ToDictionary(x => x.key, x => x.index, StringComparer.Ordinal);

    public static IComparer<string> Comparer { get; } = Comparer<string>.Create(Compare);

    private static int Compare(string? a, string? b)
    {
        var ra = a is not null && Rank.TryGetValue(a, out var x) ? x : int.MaxValue;
        var rb = b is not null && Rank.TryGetValue(b, out var y) ? y : int.MaxValue;
        return ra != rb ? ra.CompareTo(rb) : string.CompareOrdinal(a, b);
    }
}
