using MedSummary.Core.Contract;
using MedSummary.Extraction.Rules;

namespace MedSummary.Extraction.Form;

/// <summary>
/// When two normalized values of one field are not a disagreement: the coarser one is a broader statement of the finer
/// one. "T2" and "T2a", stage "II" and "IIB", Gleason "7" and "3+4=7", "2023-03" and "2023-03-12", histology
/// "adenocarcinoma" and "acinar adenocarcinoma", site "uterus" and "endometrium", grade "high grade" and "G3",
/// laterality "left" and "bilateral".
/// </summary>
public static class FieldRelations
{
    /// <summary>True when <paramref name="general"/> equals <paramref name="specific"/> or is a broader statement of it.</summary>
    public static bool IsSameOrBroader(string fieldKey, string general, string specific)
    {
        ArgumentNullException.ThrowIfNull(general);
        ArgumentNullException.ThrowIfNull(specific);
        if (string.Equals(general, specific, StringComparison.Ordinal))
        {
            return true;
        }

        switch (fieldKey)
        {
            case ContractFields.PathologicT or ContractFields.PathologicN or ContractFields.PathologicM
                or ContractFields.ClinicalT or ContractFields.ClinicalN or ContractFields.ClinicalM:
                // "T2" < "T2a" < "T2a1"; "N1" < "N1mi"; "N0" < "N0(i+)". Never across "T1" and "Tis"/"TX".
                return specific.Length > general.Length
                    && specific.StartsWith(general, StringComparison.Ordinal)
                    && (char.IsDigit(general[^1]) || char.IsLower(general[^1]))
                    && specific[general.Length] is (>= 'a' and <= 'e') or (>= '1' and <= '3') or '(' or 'm'
                    && !(general.Length == 2 && specific[general.Length] is >= '1' and <= '3');
            case ContractFields.Stage:
                return specific.Length > general.Length
                    && specific.StartsWith(general, StringComparison.Ordinal)
                    && specific[general.Length] is (>= 'A' and <= 'C') or (>= '1' and <= '3') or 'a' or 'i';
            case ContractFields.GleasonScore:
                return !general.Contains('=', StringComparison.Ordinal)
                    && specific.EndsWith("=" + general, StringComparison.Ordinal);
            case ContractFields.Laterality:
                // A tumour on one side is part of bilateral disease; left against right stays a conflict.
                return specific == "bilateral" && general is "left" or "right";
            case ContractFields.Grade:
                return (general == "high grade" && specific is "G3" or "G4")
                    || (general == "low grade" && specific is "G1" or "G2");
            case ContractFields.Histology:
                return HistologyVocabulary.Instance.IsSameOrBroader(general, specific);
            case ContractFields.PrimarySite:
                return SiteVocabulary.Instance.IsSameOrBroader(general, specific);
            case ExtensionFields.IcdO3Topography:
            {
                // "C34.9" (lung) is broader than "C34.1" (upper lobe); "C55.9" (uterus) than "C54.1" (endometrium).
                // By ICD-O-3's structure, ".9" is the NOS of its three-character category: C16.9 covers the cardia C16.0.
                var vocabulary = Coding.IcdO3Vocabulary.Instance;
                if (general.Length == 5 && specific.Length == 5 && general[4] == '9' && general[..4] == specific[..4])
                {
                    return true;
                }

                return vocabulary.SiteOf(general) is { } g && vocabulary.SiteOf(specific) is { } s
                    && (g == s ? vocabulary.SiteCode(g)?.Code == general : SiteVocabulary.Instance.IsSameOrBroader(g, s));
            }

            case ExtensionFields.IcdO3Morphology:
                // "8140/3" (adenocarcinoma) is broader than "8255/3" (with mixed subtypes) and "8500/3" (ductal).
                return Coding.IcdO3Vocabulary.Instance.IsSameOrBroaderMorphology(general, specific);

            case ExtensionFields.MmrLostProteins:
                // A report naming the loss of MLH1 alone and one naming MLH1 and PMS2 agree: the second is more complete.
                return general.Split('/').All(specific.Split('/').Contains);

            case ContractFields.DateOfDiagnosis:
                return specific.Length > general.Length
                    && specific.StartsWith(general, StringComparison.Ordinal)
                    && specific[general.Length] == '-';
            default:
                // Driver genes: "mutated" is a broader statement of "mutated (L858R)".
                return GeneFields.IsGeneField(fieldKey) && GeneFields.IsSameOrBroader(general, specific);
        }
    }

    /// <summary>True when neither value contradicts the other.</summary>
    public static bool AreCompatible(string fieldKey, string a, string b) =>
        IsSameOrBroader(fieldKey, a, b) || IsSameOrBroader(fieldKey, b, a);
}
