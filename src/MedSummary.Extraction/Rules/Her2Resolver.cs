using MedSummary.Core.Contract;

namespace MedSummary.Extraction.Rules;

/// <summary>
/// Resolves HER2 into one status over a set of findings (one document's or a whole dossier's): IHC 0/1+ negative,
/// 3+ positive, 2+ equivocal unless an in situ hybridization result is present, which then decides.
/// </summary>
/// <remarks>
/// ISH is ordered precisely to settle an equivocal IHC on the same tumour, and its report often comes days after the
/// IHC one, so the rule holds across the dossier: when any ISH-based status exists, every equivocal status (IHC 2+
/// or the word "equivocal") is withdrawn and the ISH result speaks. Statuses that disagree after that (IHC 3+ and
/// ISH not amplified) are left for assembly to show as a conflict; nothing is silently overruled.
/// </remarks>
public static class Her2Resolver
{
    public static IReadOnlyList<Finding> Resolve(IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var list = findings as IReadOnlyList<Finding> ?? [.. findings];
        var hasIsh = list.Any(f => f.FieldKey == ContractFields.Her2Status
            && f.Note is { } note && note.StartsWith(Her2Extractor.IshNote, StringComparison.Ordinal));
        if (!hasIsh)
        {
            return list;
        }

        return [.. list.Where(f => !(f.FieldKey == ContractFields.Her2Status && f.Normalized == "equivocal"))];
    }
}
