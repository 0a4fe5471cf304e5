using MedSummary.Core.Contract;
using MedSummary.Core.Documents;

namespace MedSummary.Extraction.Analysis;

/// <summary>Used until a summary builder is registered: contributes no sentence rather than an uncited one.</summary>
public sealed class NoSummaryBuilder : ISummaryBuilder
{
    public Task<SummaryPart> BuildAsync(Dossier dossier, FormResult form, CancellationToken cancellationToken) =>
        Task.FromResult(SummaryPart.Empty);
}

/// <summary>Used until alert rules are registered: contributes no alert.</summary>
public sealed class NoAlertDetector : IAlertDetector
{
    public Task<IReadOnlyList<ClinicalAlert>> DetectAsync(Dossier dossier, FormResult form, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ClinicalAlert>>([]);
}
