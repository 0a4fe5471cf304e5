using MedSummary.Core.Contract;

namespace MedSummary.Evaluation.Metrics;

/// <summary>
/// Counters a result reports about its own production (<see cref="ProcessingInfo"/> extensions): model tokens and
/// calls, summary sentences the summary builder dropped, model-proposed values rejected by quote verification.
/// Each is null when the result does not report it (rules only: no model call).
/// </summary>
public sealed record ProcessingCounters(long? PromptTokens, long? GeneratedTokens, int? SentencesDropped, int? ModelCalls = null, int? ValuesRejected = null)
{
    public static ProcessingCounters None { get; } = new(null, null, null);

    public static ProcessingCounters Read(ProcessingInfo? processing) => processing is null
        ? None
        : new ProcessingCounters(
            NonNegative(processing.PromptTokens),
            NonNegative(processing.GeneratedTokens),
            NonNegative(processing.SentencesDropped),
            NonNegative(processing.ModelCalls),
            NonNegative(processing.ValuesRejected));

    private static long? NonNegative(long? value) => value is >= 0 ? value : null;

    private static int? NonNegative(int? value) => value is >= 0 ? value : null;
}
