using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Extraction.Form;
using MedSummary.Extraction.Grounding.Forms;
using MedSummary.Extraction.Rules;

namespace MedSummary.Extraction.Analysis;

/// <summary>
/// The form from the deterministic extractors alone: the path that always works, with or without a model. Every field
/// of the schema is present: those the rules look for are stated or not_stated, the others not_attempted.
/// </summary>
public sealed class RuleFormFiller(RuleExtractionEngine engine, FormSchema schema) : IFormFiller
{
    public Task<FormResult> FillAsync(Dossier dossier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(FieldStates.CompleteRulesOnly(engine.ExtractForm(dossier.Documents, RuleExtractionEngine.FormKeys), schema));
    }
}
