using System.Globalization;
using MedSummary.Core.Contract;
using MedSummary.Core.Gold;
using MedSummary.Samples.Pdf;
using F = MedSummary.Core.Contract.ContractFields;
using G = MedSummary.Core.Gold.GoldFields;

namespace MedSummary.Samples.Generation;

/// <summary>
/// What a writer knows while writing one document: the case, the planned document, its own random stream,
/// and the values as this document states them (a contradicting document states the alternative value).
/// </summary>
internal sealed class DocContext
{
    private static readonly string[] StageInputs = [F.PathologicT, F.PathologicN, F.ClinicalT, F.ClinicalN];

    public DocContext(ClinicalCase c, PlannedDocument plan, Rng rng)
    {
        C = c;
        Plan = plan;
        R = rng;
    }

    public ClinicalCase C { get; }

    public PlannedDocument Plan { get; }

    public Rng R { get; }

    public bool Fr => C.IsFrench;

    public Tumor T => C.Tumor;

    public DateOnly Date => Plan.Date;

    public string Key => Plan.Key;

    public bool Contradicts(string field) =>
        C.Conflicts.TryGetValue(field, out var plan) && plan.AlternativeDocuments.Contains(Key);

    /// <summary>A document that contradicts the T or N category does not state a stage (it would contradict too).</summary>
    public bool StageSuppressed => StageInputs.Any(Contradicts);

    /// <summary>The normalized value this document states for <paramref name="field"/>; null when the case has none.</summary>
    public string? Value(string field)
    {
        if (C.Conflicts.TryGetValue(field, out var plan) && plan.AlternativeDocuments.Contains(Key))
        {
            return plan.AlternativeValue;
        }

        return TrueValue(C, field);
    }

    /// <summary>The case's own value of a field in the truth vocabulary.</summary>
    public static string? TrueValue(ClinicalCase c, string field)
    {
        var t = c.Tumor;
        return field switch
        {
            F.PrimarySite => t.PrimarySite,
            F.Laterality => t.Side switch { Side.Left => "left", Side.Right => "right", _ => null },
            F.Histology => t.Histology,
            F.Grade => t.Grade is { } g ? $"G{g}" : null,
            F.GleasonScore => t.GleasonNormalized,
            F.PathologicT => t.Pathologic?.T,
            F.PathologicN => t.Pathologic?.N,
            F.PathologicM => null,
            F.ClinicalT => t.Clinical.T,
            F.ClinicalN => t.Clinical.N,
            F.ClinicalM => t.Clinical.M,
            F.Stage => t.Stage,
            F.ErStatus => t.ErPercent is { } er ? (er > 0 ? "positive" : "negative") : null,
            F.PrStatus => t.PrPercent is { } pr ? (pr > 0 ? "positive" : "negative") : null,
            F.Her2Status => t.Her2?.Status,
            F.Ki67 => t.Ki67 is { } k ? $"{k}%" : null,
            F.DateOfDiagnosis => DateText.Iso(c.DiagnosisDate),
            G.AgeAtDiagnosis => c.AgeAt(c.DiagnosisDate).ToString(CultureInfo.InvariantCulture),
            G.Sex => c.Patient.IsFemale ? "female" : "male",
            G.Ecog => c.Ecog.ToString(CultureInfo.InvariantCulture),
            G.EgfrStatus => t.Egfr is null ? null : t.Egfr == "wild-type" ? "wild-type" : $"mutated ({t.Egfr})",
            G.AlkStatus => t.AlkPositive is { } alk ? (alk ? "positive" : "negative") : null,
            G.KrasStatus => t.Kras is null ? null : t.Kras == "wild-type" ? "wild-type" : $"mutated ({t.Kras})",
            G.BrafStatus => t.BrafMutated is { } braf ? (braf ? "mutated (V600E)" : "wild-type") : null,
            G.PdL1 => t.PdL1 is { } p ? $"{p}%" : null,
            G.MsiStatus => t.MsiHigh is { } msi ? (msi ? "msi-h" : "mss") : null,
            G.BrcaStatus => t.BrcaMutated is { } brca ? (brca ? "mutated (BRCA2, germline)" : "wild-type") : null,
            G.PsaAtDiagnosis => t.Psa is { } psa ? CaseBuilder.PsaText(psa) : null,
            G.DiseaseStatus => c.DiseaseStatus,
            _ => null,
        };
    }

    public string Day(DateOnly date) => DateText.Day(date, C.Dates, R);

    public string NumericDate(DateOnly date) => DateText.Numeric(date, C.Dates);

    public string Num(double value, int decimals) => Labs.Format(value, decimals, Fr);

    public static MarkedText Marked(string text, params string[] targets) =>
        new MarkedTextBuilder().AppendMarked(text, targets).Build();
}
