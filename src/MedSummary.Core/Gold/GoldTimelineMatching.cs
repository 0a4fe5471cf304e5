using MedSummary.Core.Contract;

namespace MedSummary.Core.Gold;

/// <summary>
/// How a timeline event of the output contract lines up with the events of a gold set. The contract states a
/// treatment line once, with a start and an end; the gold format lists its start and its end as two events.
/// </summary>
public static class GoldTimelineMatching
{
    /// <summary>
    /// The (date, gold kind) pairs an event states: a treatment line (<see cref="TimelineKinds.Treatments"/>) states
    /// "treatment_start" at its date and "treatment_end" at its end date; relapse and progression are "progression";
    /// the other kinds keep their name. "other" states nothing.
    /// </summary>
    public static IEnumerable<(string Date, string Kind)> GoldEventsOf(TimelineEvent timelineEvent)
    {
        ArgumentNullException.ThrowIfNull(timelineEvent);
        if (TimelineKinds.Treatments.Contains(timelineEvent.Kind, StringComparer.Ordinal))
        {
            yield return (timelineEvent.Date, GoldEventKinds.TreatmentStart);
            if (timelineEvent.EndDate is { } end)
            {
                yield return (end, GoldEventKinds.TreatmentEnd);
            }

            yield break;
        }

        var kind = timelineEvent.Kind switch
        {
            TimelineKinds.Relapse or TimelineKinds.Progression => GoldEventKinds.Progression,
            TimelineKinds.Other => null,
            var k => k,
        };
        if (kind is not null)
        {
            yield return (timelineEvent.Date, kind);
        }
    }

    /// <summary>
    /// True when <paramref name="actual"/> states <paramref name="expected"/>: the same ISO date (same precision) and
    /// the same kind, where a biopsy also stands for a diagnosis (the diagnosis date is the date of the diagnostic
    /// sample) and an imaging event for a response assessment made on that examination.
    /// </summary>
    public static bool Matches(GoldEvent expected, TimelineEvent actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        foreach (var (date, kind) in GoldEventsOf(actual))
        {
            if (!string.Equals(date, expected.Date, StringComparison.Ordinal))
            {
                continue;
            }

            if (string.Equals(kind, expected.Kind, StringComparison.Ordinal)
                || (expected.Kind == GoldEventKinds.Diagnosis && kind == GoldEventKinds.Biopsy)
                || (expected.Kind == GoldEventKinds.Response && kind == GoldEventKinds.Imaging))
            {
                return true;
            }
        }

        return false;
    }
}
