using System.Text.Json;
using System.Text.RegularExpressions;
using MedSummary.Core.Contract;
using MedSummary.Core.Gold;

namespace MedSummary.Evaluation.Metrics;

/// <summary>
/// Decides whether a reported alert is the one a truth expects: same kind, about the same analyte or field.
/// </summary>
/// <remarks>
/// The contract's <see cref="ClinicalAlert"/> carries a kind, a message and citations; what it is about is read
/// from a structured member when the alert has one (<c>about</c>, <c>analyte</c>, <c>field</c>, <c>fieldKey</c> in
/// its JSON, so a later contract extension is picked up without a change here), otherwise from its message: the
/// analyte's names in English and French (hemoglobin: "hemoglobin", "hémoglobine", "Hb"...) or the field's key and
/// label, as whole words, case-insensitive. Kinds are compared canonically with a few aliases ("lab" for
/// "lab_abnormal", "conflict" for "contradiction").
/// </remarks>
public static partial class AlertMatcher
{
    private static readonly string[] AboutMembers = ["about", "analyte", "field", "fieldKey", "subject"];

    private static readonly Dictionary<string, string> KindAliases = new(StringComparer.Ordinal)
    {
        ["lab_abnormal"] = GoldAlertKinds.LabAbnormal,
        ["lab"] = GoldAlertKinds.LabAbnormal,
        ["abnormal_lab"] = GoldAlertKinds.LabAbnormal,
        ["laboratory"] = GoldAlertKinds.LabAbnormal,
        ["lab_result"] = GoldAlertKinds.LabAbnormal,
        ["contradiction"] = GoldAlertKinds.Contradiction,
        ["conflict"] = GoldAlertKinds.Contradiction,
        ["inconsistency"] = GoldAlertKinds.Contradiction,
        ["misfiled_document"] = GoldAlertKinds.DifferentPatients,
        ["other_patient"] = GoldAlertKinds.DifferentPatients,
    };

    private static readonly Dictionary<string, string[]> Names = new(StringComparer.Ordinal)
    {
        [GoldLabs.Hemoglobin] = ["hemoglobin", "haemoglobin", "hémoglobine", "hemoglobine", "hb", "hgb"],
        [GoldLabs.Neutrophils] = ["neutrophils", "neutrophil", "neutrophiles", "polynucléaires neutrophiles", "pnn", "anc"],
        [GoldLabs.Leukocytes] = ["leukocytes", "leukocyte", "leucocytes", "white blood cells", "white blood cell", "wbc", "globules blancs"],
        [GoldLabs.Platelets] = ["platelets", "platelet", "plaquettes", "plt"],
        [GoldLabs.Creatinine] = ["creatinine", "créatinine", "créatininémie"],
        [GoldLabs.Gfr] = ["gfr", "egfr", "dfg", "dfge", "glomerular filtration", "filtration glomérulaire", "clairance"],
        [GoldLabs.Bilirubin] = ["bilirubin", "bilirubine", "bilirubinémie"],
        [GoldLabs.Alt] = ["alt", "alat", "sgpt", "alanine aminotransferase"],
        [GoldLabs.Ast] = ["ast", "asat", "sgot", "aspartate aminotransferase"],
        [GoldLabs.Calcium] = ["calcium", "calcémie", "calcemia"],
        [GoldLabs.Potassium] = ["potassium", "kaliémie", "kaliemia", "k+"],
        [GoldLabs.Sodium] = ["sodium", "natrémie", "natremia", "na+"],
        [ContractFields.PrimarySite] = ["primary site", "primary tumour site", "primary tumor site", "localisation primitive"],
        [ContractFields.Laterality] = ["laterality", "latéralité"],
        [ContractFields.Histology] = ["histology", "histologie", "histological type"],
        [ContractFields.Grade] = ["grade"],
        [ContractFields.GleasonScore] = ["gleason"],
        [ContractFields.PathologicT] = ["pathologic t", "pt category", "pathological t"],
        [ContractFields.PathologicN] = ["pathologic n", "pn category", "pathological n"],
        [ContractFields.PathologicM] = ["pathologic m", "pm category", "pathological m"],
        [ContractFields.ClinicalT] = ["clinical t", "ct category"],
        [ContractFields.ClinicalN] = ["clinical n", "cn category"],
        [ContractFields.ClinicalM] = ["clinical m", "cm category"],
        [ContractFields.Stage] = ["stage", "stade"],
        [ContractFields.ErStatus] = ["er", "estrogen receptor", "oestrogen receptor", "estrogen receptors", "oestrogen receptors", "récepteurs aux œstrogènes", "récepteurs œstrogéniques"],
        [ContractFields.PrStatus] = ["pr", "progesterone receptor", "progesterone receptors", "récepteurs à la progestérone", "récepteurs progestéroniques"],
        [ContractFields.Her2Status] = ["her2", "her-2", "erbb2"],
        [ContractFields.Ki67] = ["ki67", "ki-67"],
        [ContractFields.DateOfDiagnosis] = ["date of diagnosis", "diagnosis date", "date du diagnostic"],
        [GoldFields.EgfrStatus] = ["egfr"],
        [GoldFields.KrasStatus] = ["kras"],
        [GoldFields.BrafStatus] = ["braf"],
        [GoldFields.AlkStatus] = ["alk"],
        [GoldFields.PsaAtDiagnosis] = ["psa"],
        [GoldFields.MsiStatus] = ["msi", "mmr"],
    };

    /// <summary>The gold kind a reported kind stands for, or its canonical form when it is none of the known ones.</summary>
    public static string CanonicalKind(string? kind)
    {
        var canonical = FieldValues.Canonical(kind).Replace(' ', '_').Replace('-', '_');
        return KindAliases.TryGetValue(canonical, out var known) ? known : canonical;
    }

    /// <summary>True when the kind is one a gold set annotates (so a reported alert of that kind can be judged).</summary>
    public static bool IsEvaluatedKind(string? kind) =>
        CanonicalKind(kind) is GoldAlertKinds.LabAbnormal or GoldAlertKinds.Contradiction or GoldAlertKinds.DifferentPatients;

    /// <summary>The structured "about" member of the alert, when its JSON has one.</summary>
    public static string? StructuredAbout(ClinicalAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var element = JsonSerializer.SerializeToElement(alert, ContractJson.Options);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String
                && AboutMembers.Contains(property.Name, StringComparer.OrdinalIgnoreCase)
                && property.Value.GetString() is { Length: > 0 } about)
            {
                return about;
            }
        }

        return null;
    }

    public static bool Matches(GoldAlert expected, ClinicalAlert reported)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(reported);
        if (CanonicalKind(reported.Kind) != CanonicalKind(expected.Kind))
        {
            return false;
        }

        // A misfiled document is what a different-patients truth is about: the reported alert must cite it (what
        // differs, a birth date or an identifier, is the alert's own "about" and is not annotated).
        if (CanonicalKind(expected.Kind) == GoldAlertKinds.DifferentPatients)
        {
            return reported.Citations.Any(c => string.Equals(c.FileName, expected.About, StringComparison.OrdinalIgnoreCase));
        }

        var about = FieldValues.Canonical(expected.About);
        if (StructuredAbout(reported) is { } structured)
        {
            var s = FieldValues.Canonical(structured).Replace(' ', '_');
            return s == about || (Names.TryGetValue(about, out var aliases) && aliases.Contains(FieldValues.Canonical(structured)));
        }

        var message = " " + FieldValues.Canonical(reported.Message) + " ";
        IEnumerable<string> names = Names.TryGetValue(about, out var known) ? known : [];
        return names.Append(about).Append(about.Replace('_', ' ')).Any(name => ContainsWord(message, name));
    }

    private static bool ContainsWord(string text, string word)
    {
        var index = text.IndexOf(word, StringComparison.Ordinal);
        while (index >= 0)
        {
            var before = index == 0 ? ' ' : text[index - 1];
            var afterIndex = index + word.Length;
            var after = afterIndex < text.Length ? text[afterIndex] : ' ';
            if (!char.IsLetterOrDigit(before) && (!char.IsLetterOrDigit(after) || !char.IsLetterOrDigit(word[^1])))
            {
                return true;
            }

            index = text.IndexOf(word, index + 1, StringComparison.Ordinal);
        }

        return false;
    }
}
