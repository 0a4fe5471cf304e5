using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Extraction.Analysis;
using MedSummary.Extraction.Rules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MedSummary.Extraction.Alerts;

/// <summary>
/// The clinical alerts of a dossier, without any model: abnormal lab results (<see cref="LabValueExtractor"/>,
/// <see cref="LabAlertBuilder"/>) and contradictions between documents (<see cref="ContradictionDetector"/>),
/// most severe first. Every alert is cited from source offsets.
/// </summary>
public sealed partial class ClinicalAlertDetector : IAlertDetector
{
    private static readonly string[] SeverityOrder = ["critical", "warning", "info"];
    private readonly RuleExtractionEngine _rules;
    private readonly AlertOptions _options;
    private readonly ILogger _logger;

    public ClinicalAlertDetector(RuleExtractionEngine rules, IOptions<AlertOptions>? options = null, ILogger<ClinicalAlertDetector>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules;
        _options = options?.Value ?? new AlertOptions();
        AlertOptions.ThrowIfInvalid(_options);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public Task<IReadOnlyList<ClinicalAlert>> DetectAsync(Dossier dossier, FormResult form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        ArgumentNullException.ThrowIfNull(form);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Detect(dossier.Documents, form));
    }

    /// <summary>The alerts for <paramref name="documents"/> given their <paramref name="form"/>.</summary>
    public IReadOnlyList<ClinicalAlert> Detect(IReadOnlyList<SourceDocument> documents, FormResult form)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(form);
        var byId = documents.GroupBy(d => d.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var order = DocumentDates.DossierOrder(documents.Select(d => d.Text));
        var measurements = documents.SelectMany(d => LabValueExtractor.Extract(d, order)).ToList();
        var sex = PatientSexDetector.Detect(documents);
        var labs = LabAlertBuilder.Build(measurements, byId, sex, _options);

        // A form filled by the rules already carries their conflicts; any other form is compared with theirs too.
        var ruleFilled = form.Fields.Values.All(f => f.Source is null or FieldSource.Rule);
        var ruleForm = ruleFilled ? null : _rules.ExtractForm(documents);
        var contradictions = ContradictionDetector.Detect(form, ruleForm, _options.MaxCitationsPerAlert);

        LogDetected(_logger, measurements.Count, labs.Count, contradictions.Count);
        return [.. labs.Concat(contradictions)
            .Select((a, i) => (Alert: a, Index: i))
            .OrderBy(x => Array.IndexOf(SeverityOrder, x.Alert.Severity) is var s and >= 0 ? s : SeverityOrder.Length)
            .ThenBy(x => x.Index)
            .Select(x => x.Alert)];
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alerts: {Measurements} lab result(s) read, {Labs} lab alert(s), {Contradictions} contradiction(s)")]
    private static partial void LogDetected(ILogger logger, int measurements, int labs, int contradictions);
}
