using MedSummary.Core.Contract;
using MedSummary.Core.Documents;

namespace MedSummary.Extraction.Analysis;

/// <summary>Fills the tumor-board form of a dossier: every declared field key present, every citation from source offsets.</summary>
public interface IFormFiller
{
    Task<FormResult> FillAsync(Dossier dossier, CancellationToken cancellationToken);
}

/// <summary>
/// What a summary analysis contributes: cited sentences, the dated timeline, and how many sentences its own
/// verification dropped.
/// </summary>
public sealed record SummaryPart(IReadOnlyList<SummarySentence> Sentences)
{
    public static SummaryPart Empty { get; } = new([]);

    public IReadOnlyList<TimelineEvent>? Timeline { get; init; }

    public int SentencesDropped { get; init; }
}

/// <summary>Writes the patient-journey summary of a dossier, every sentence cited.</summary>
public interface ISummaryBuilder
{
    Task<SummaryPart> BuildAsync(Dossier dossier, FormResult form, CancellationToken cancellationToken);
}

/// <summary>Finds clinical alerts in a dossier (abnormal labs, contradictions), every alert cited.</summary>
public interface IAlertDetector
{
    Task<IReadOnlyList<ClinicalAlert>> DetectAsync(Dossier dossier, FormResult form, CancellationToken cancellationToken);
}
