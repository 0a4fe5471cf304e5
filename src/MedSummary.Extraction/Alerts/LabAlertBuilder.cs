using System.Globalization;
using MedSummary.Core.Citations;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;

namespace MedSummary.Extraction.Alerts;

/// <summary>
/// Turns a dossier's lab results into alerts: one alert per analyte, about its most recent abnormal result
/// (as the gold format expects), citing every place that result is printed. The message also names the worst result
/// when it was a different one, and a later result back within range (the alert is then "info": resolved).
/// </summary>
/// <remarks>
/// A result is abnormal when it lies outside the range printed next to it, else outside the built-in range for the
/// patient's sex (<see cref="LabAnalyte.BuiltInRange"/>); a report's own "L"/"H" flag decides when no range could be
/// read and the built-in range says normal. The severity is that of the worst abnormal result
/// (<see cref="LabAnalyte.Severity"/>), "info" once a later result is normal. Results are the same result when they
/// share the analyte, the sample date and the value (within 0.5 %), whichever document prints them.
/// </remarks>
public static class LabAlertBuilder
{
    public static IReadOnlyList<ClinicalAlert> Build(
        IReadOnlyList<LabMeasurement> measurements,
        IReadOnlyDictionary<string, SourceDocument> documents,
        PatientSex sex,
        AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(options);
        var minimum = AlertOptions.ParseSeverity(options.MinimumLabSeverity) ?? LabSeverity.Info;
        var alerts = new List<ClinicalAlert>();
        foreach (var group in measurements.GroupBy(m => m.Analyte.Key, StringComparer.Ordinal))
        {
            var assessed = group.Select((m, i) => Assess(m, i, sex)).ToList();
            var abnormal = assessed.Where(a => a.Severity != LabSeverity.Normal).ToList();
            if (abnormal.Count == 0)
            {
                continue;
            }

            // The most recent abnormal result, read preferably where its laboratory range is printed.
            var last = abnormal.OrderBy(a => a.Measurement.Date ?? "", StringComparer.Ordinal).ThenBy(a => a.Order).Last();
            var latest = abnormal.Where(a => SameResult(a.Measurement, last.Measurement))
                .OrderByDescending(a => a.Measurement.PrintedRange is not null)
                .ThenBy(a => a.Order)
                .First();
            var worst = abnormal.OrderByDescending(a => a.Severity).ThenByDescending(a => a.Measurement.Date ?? "", StringComparer.Ordinal).First();
            var severity = worst.Severity;
            if (severity < minimum)
            {
                continue;
            }

            var resolvedBy = latest.Measurement.Date is { } latestDate
                ? assessed.Where(a => a.Severity == LabSeverity.Normal && string.CompareOrdinal(a.Measurement.Date, latestDate) > 0)
                    .OrderBy(a => a.Measurement.Date, StringComparer.Ordinal).LastOrDefault()
                : null;

            var citations = new List<Citation>();
            var seen = new HashSet<(string, int, int)>();
            void Cite(LabMeasurement m)
            {
                foreach (var c in CitationFactory.ForSpan(documents[m.DocumentId], m.Span))
                {
                    if (citations.Count < options.MaxCitationsPerAlert && seen.Add((c.DocumentId, c.Start, c.End)))
                    {
                        citations.Add(c);
                    }
                }
            }

            // The latest result first, one place per document before a second place in any document.
            var same = assessed.Where(a => SameResult(a.Measurement, latest.Measurement))
                .GroupBy(a => a.Measurement.DocumentId, StringComparer.Ordinal)
                .Select(g => new Queue<Assessed>(g))
                .ToList();
            var reserve = (worst.Measurement != latest.Measurement && !SameResult(worst.Measurement, latest.Measurement) ? 1 : 0) + (resolvedBy is null ? 0 : 1);
            var budget = Math.Max(1, options.MaxCitationsPerAlert - reserve);
            while (citations.Count < budget && same.Any(q => q.Count > 0))
            {
                foreach (var queue in same.Where(q => q.Count > 0))
                {
                    if (citations.Count < budget)
                    {
                        Cite(queue.Dequeue().Measurement);
                    }
                }
            }

            var message = Describe(latest);
            if (!SameResult(worst.Measurement, latest.Measurement) && worst.Severity > latest.Severity)
            {
                message += $" Worst: {worst.Measurement.Display}{On(worst.Measurement.Date)}.";
                Cite(worst.Measurement);
            }

            if (resolvedBy is not null)
            {
                message += $" A later result is within range: {resolvedBy.Measurement.Display}{On(resolvedBy.Measurement.Date)}.";
                Cite(resolvedBy.Measurement);
                severity = LabSeverity.Info;
            }

            var count = abnormal.Select(a => (a.Measurement.Date, Math.Round(a.Measurement.Canonical, 3))).Distinct().Count();
            if (count > 1)
            {
                message += string.Create(CultureInfo.InvariantCulture, $" {count} abnormal results in the dossier.");
            }

            alerts.Add(new ClinicalAlert(AlertKinds.LabAbnormal, message, citations)
            {
                Severity = severity.ToString().ToLowerInvariant(),
                About = latest.Measurement.Analyte.Key,
                Value = latest.Measurement.Display,
                Direction = latest.Direction,
                Date = latest.Measurement.Date,
            });
        }

        return alerts;
    }

    private sealed record Assessed(LabMeasurement Measurement, int Order, ReferenceRange Range, LabSeverity Severity, string Direction);

    private static Assessed Assess(LabMeasurement m, int order, PatientSex sex)
    {
        var range = m.PrintedRange ?? m.Analyte.BuiltInRange(sex);
        var severity = m.Analyte.Severity(m.Canonical, range);
        var direction = range.IsBelow(m.Canonical) ? "low" : "high";
        if (severity == LabSeverity.Normal && m.PrintedRange is null && m.FlagDirection is { } flagged)
        {
            // The laboratory flagged it against a range we could not read.
            severity = LabSeverity.Info;
            direction = flagged;
        }

        return new Assessed(m, order, range, severity, direction);
    }

    private static bool SameResult(LabMeasurement a, LabMeasurement b) =>
        string.Equals(a.Date, b.Date, StringComparison.Ordinal)
        && Math.Abs(a.Canonical - b.Canonical) <= 0.005 * Math.Max(Math.Abs(a.Canonical), Math.Abs(b.Canonical));

    private static string Describe(Assessed a)
    {
        var m = a.Measurement;
        var analyte = m.Analyte;
        var converted = m.Unit == LabUnit.None || Math.Abs(m.Canonical - m.Value) < 1e-9
            ? ""
            : $" (= {Format(m.Canonical, analyte.Decimals)} {analyte.CanonicalUnit})";
        var reference = m.PrintedRangeText is { } printed && m.PrintedRange is not null
            ? $"laboratory reference {printed}{(m.UnitText is null ? "" : " " + m.UnitText)}"
            : $"standard adult reference {RangeText(a.Range, analyte)}";
        var grade = a.Severity switch
        {
            LabSeverity.Critical => "; about CTCAE grade 3 or worse",
            LabSeverity.Warning => "; about CTCAE grade 2",
            _ => "",
        };
        return $"{analyte.Name} {m.Display}{converted}{On(m.Date)}: {a.Direction} ({reference}{grade}).";
    }

    private static string On(string? date) => date is null ? "" : $" on {date}";

    private static string RangeText(ReferenceRange range, LabAnalyte analyte) => (range.Low, range.High) switch
    {
        ({ } low, { } high) => $"{Format(low, analyte.Decimals)}–{Format(high, analyte.Decimals)} {analyte.CanonicalUnit}",
        ({ } low, null) => $"≥ {Format(low, analyte.Decimals)} {analyte.CanonicalUnit}",
        (null, { } high) => $"≤ {Format(high, analyte.Decimals)} {analyte.CanonicalUnit}",
        _ => analyte.CanonicalUnit,
    };

    private static string Format(double value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
