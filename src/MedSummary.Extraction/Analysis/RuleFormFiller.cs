using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Extraction.Rules;

namespace MedSummary.Extraction.Analysis;

/// <summary>The form from the deterministic extractors alone: the path that always works, with or without a model.</summary>
public sealed class RuleFormFiller(RuleExtractionEngine engine) : IFormFiller
{
    public Task<FormResult> FillAsync(Dossier dossier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(engine.ExtractForm(dossier.Documents, RuleExtractionEngine.FormKeys));
    }
}
