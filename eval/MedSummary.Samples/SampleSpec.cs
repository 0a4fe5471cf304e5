using MedSummary.Core.Contract;
using MedSummary.Core.Gold;

namespace MedSummary.Samples;

public enum CancerType
{
    Breast,
    Lung,
    Prostate,
    Colon,
    Rectum,
}

public enum DossierLanguage
{
    French,
    English,
}

/// <summary>How much material a dossier holds: follow-up consultations, lab panels, filler.</summary>
public enum DossierSize
{
    /// <summary>About 5 to 15 pages.</summary>
    Small,

    /// <summary>About 12 to 30 pages.</summary>
    Medium,

    /// <summary>About 25 to 60 pages.</summary>
    Large,
}

/// <summary>A PDF of the dossier delivered as a scan.</summary>
/// <param name="FileName">The generated file's name, e.g. "04-staging-ct.pdf".</param>
/// <param name="TurnDegrees">How the paper lay in the scanner, clockwise: 90 and 270 give a sideways image.</param>
/// <param name="PageRotate">The /Rotate the scanner's software wrote, e.g. 270 to show a page fed at 90 upright.</param>
public sealed record SampleScan(string FileName, int TurnDegrees = 0, int PageRotate = 0);

/// <summary>What to generate. Everything not fixed here is drawn from <see cref="Seed"/>: same spec, same bytes.</summary>
public sealed record SampleSpec
{
    /// <summary>The dossier's folder name, e.g. "breast-fr".</summary>
    public required string Name { get; init; }

    public CancerType Cancer { get; init; } = CancerType.Breast;

    public DossierLanguage Language { get; init; } = DossierLanguage.French;

    public int Seed { get; init; } = 1;

    /// <summary>Metastatic at diagnosis; null lets the seed decide.</summary>
    public bool? Metastatic { get; init; }

    public DossierSize Size { get; init; } = DossierSize.Medium;

    /// <summary>
    /// Field keys on which documents contradict each other (see <see cref="SupportedConflicts"/>); the truth marks
    /// them as conflicts and expects a contradiction alert.
    /// </summary>
    public IReadOnlyList<string> ConflictFields { get; init; } = [];

    /// <summary>OCR-like noise intensity from 0 (clean) to 1 (heavy); applied outside the quoted values.</summary>
    public double Noise { get; init; }

    /// <summary>Share of documents that get the noise (as if scanned), 0..1.</summary>
    public double NoisyDocumentShare { get; init; } = 1.0;

    /// <summary>True: at least one document in two columns; false: none; null: the seed decides per document.</summary>
    public bool? TwoColumns { get; init; }

    /// <summary>True: running header and footer on every page of every PDF; false: none; null: the seed decides per document.</summary>
    public bool? RunningHeaders { get; init; }

    /// <summary>How many documents are delivered as plain-text exports instead of PDFs.</summary>
    public int TextExports { get; init; }

    /// <summary>
    /// PDFs delivered as scans: when the dossier is written, each named file's pages become images only (rendered,
    /// dirtied, turned as asked; <see cref="SampleScans"/>). The truth is that of the text they were printed from.
    /// </summary>
    public IReadOnlyList<SampleScan> Scans { get; init; } = [];

    /// <summary>
    /// When set, one report of another patient (the case this seed draws: another name, birth date and hospital
    /// number) is filed in the dossier as its last document. The truth's fields ignore it and expect a
    /// <see cref="GoldAlertKinds.DifferentPatients"/> alert citing both identities.
    /// </summary>
    public int? MisfiledSeed { get; init; }

    /// <summary>Conflicts the generator can produce, per cancer type.</summary>
    public static IReadOnlyList<string> SupportedConflicts(CancerType cancer) => cancer switch
    {
        CancerType.Breast => [ContractFields.Laterality, ContractFields.PathologicT, ContractFields.ErStatus, ContractFields.Her2Status, ContractFields.Grade],
        CancerType.Lung => [ContractFields.Laterality, ContractFields.Histology, ContractFields.ClinicalN, GoldFields.EgfrStatus],
        CancerType.Prostate => [ContractFields.GleasonScore, ContractFields.ClinicalT, GoldFields.PsaAtDiagnosis],
        _ => [ContractFields.PathologicN, ContractFields.Grade, GoldFields.KrasStatus],
    };

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name);
        if (Name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || Name.Contains('/'))
        {
            throw new ArgumentException($"Dossier name '{Name}' is not a valid folder name.", nameof(Name));
        }

        if (Noise is < 0 or > 1 || NoisyDocumentShare is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Noise), "Noise and NoisyDocumentShare must lie between 0 and 1.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(TextExports);
        var supported = SupportedConflicts(Cancer);
        foreach (var field in ConflictFields)
        {
            if (!supported.Contains(field))
            {
                throw new ArgumentException(
                    $"Conflict on '{field}' is not supported for {Cancer}; supported: {string.Join(", ", supported)}.", nameof(ConflictFields));
            }
        }
    }
}
