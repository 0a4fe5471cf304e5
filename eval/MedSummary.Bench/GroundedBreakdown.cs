using System.Diagnostics;
using System.Globalization;
using MedSummary.LlamaCpp.Chat;

namespace MedSummary.Bench;

/// <summary>
/// Where one grounded run's wall time went: the stages' own work around the model calls (rules, retrieval, prompts,
/// verification, merging), the model-call windows, and inside those the engine's prefill, decode steps, sampling
/// phases and detokenization (from <see cref="LlamaChatClient.Profile"/>, taken before and after the run).
/// </summary>
internal sealed record GroundedBreakdown(
    double Wall,
    double FormBeforeCalls,
    double FormCalls,
    double FormAfterCalls,
    double SummaryBeforeCalls,
    double SummaryCalls,
    double SummaryAfterCalls,
    double Rest,
    LlamaEngineProfile Engine)
{
    /// <summary>Splits the run at the stage marks and the first start / last end of each stage's model calls.</summary>
    public static GroundedBreakdown From(StageMarks marks, IReadOnlyList<(long Start, long End, bool Form)> calls, LlamaEngineProfile before, LlamaEngineProfile after)
    {
        static double S(long from, long to) => to > from ? Stopwatch.GetElapsedTime(from, to).TotalSeconds : 0;
        (double Before, double Calls, double After) Split(long start, long end, IEnumerable<(long Start, long End, bool Form)> mine)
        {
            var list = mine.ToList();
            if (list.Count == 0)
            {
                return (S(start, end), 0, 0);
            }

            var first = list.Min(c => c.Start);
            var last = list.Max(c => c.End);
            return (S(start, first), S(first, last), S(last, end));
        }

        var form = Split(marks.FormStart, marks.FormEnd, calls.Where(c => c.Form));
        var summary = Split(marks.SummaryStart, marks.SummaryEnd, calls.Where(c => !c.Form));
        var wall = S(marks.FormStart, marks.End);
        var rest = wall - form.Before - form.Calls - form.After - summary.Before - summary.Calls - summary.After;
        return new GroundedBreakdown(wall, form.Before, form.Calls, form.After, summary.Before, summary.Calls, summary.After, rest, Minus(after, before));
    }

    public void Print(string name, string load)
    {
        var e = Engine;
        var engine = e.Prefill + e.Decode + e.Chain + e.Shortlist + e.Vocabulary + e.Detokenize;
        var calls = FormCalls + SummaryCalls;
        Console.WriteLine();
        Console.WriteLine($"## Where the time goes, {name} (last repetition; load average {load})");
        Console.WriteLine("| part | s | % of wall | count | per unit |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        Row("form: rules, retrieval, prompts (before the first model call)", FormBeforeCalls);
        Row("form: model calls (first start to last end)", FormCalls);
        Row("form: verification and merge (after the last model call)", FormAfterCalls);
        Row("narrative: before its model call", SummaryBeforeCalls);
        Row("narrative: model call", SummaryCalls);
        Row("narrative: verification (after its model call)", SummaryAfterCalls);
        Row("alerts, result checks, the rest", Rest);
        Row("**engine, inside the model calls:**", engine.TotalSeconds);
        Row("  prefill (prompt tokens decoded)", e.Prefill.TotalSeconds, e.PrefillTokens, "tok", e.PrefillTokens > 0 ? $"{e.PrefillTokens / Math.Max(1e-9, e.Prefill.TotalSeconds):0} tok/s" : "");
        Row("  decode steps (one llama_decode each, all live sequences)", e.Decode.TotalSeconds, e.DecodeSteps, "steps", PerUnit(e.Decode, e.DecodeSteps));
        Row("  sampling: chain pick + grammar check of it", e.Chain.TotalSeconds, e.Samples, "samples", PerUnit(e.Chain, e.Samples));
        Row("  sampling: top-512 shortlist (chain pick refused)", e.Shortlist.TotalSeconds, e.ShortlistRuns, "runs", PerUnit(e.Shortlist, e.ShortlistRuns));
        Row("  sampling: grammar search of the vocabulary (shortlist empty)", e.Vocabulary.TotalSeconds, e.VocabularyRuns, "runs", PerUnit(e.Vocabulary, e.VocabularyRuns)
            + (e.VocabularyRuns > 0 ? $", {e.VocabularyTokensChecked / (double)e.VocabularyRuns:N0} tokens checked/run" : ""));
        Row("  detokenize, stop sequences", e.Detokenize.TotalSeconds, e.Samples, "samples", PerUnit(e.Detokenize, e.Samples));
        Row("  model-call time outside the engine's work (queueing, gathering, client layers)", Math.Max(0, calls - engine.TotalSeconds));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| wall (form + narrative) | {Wall:0.0} | 100 % | | |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"whole-vocabulary grammar search ran on {e.VocabularyRuns:N0} of {e.Samples:N0} samples ({(e.Samples > 0 ? e.VocabularyRuns * 100.0 / e.Samples : 0):0.0} %); the shortlist on {e.ShortlistRuns:N0}. Random weights rank grammar-valid tokens anywhere; a trained model ranks them near the top, so both run far less there."));
    }

    private static string PerUnit(TimeSpan total, long count) =>
        count > 0 ? string.Create(CultureInfo.InvariantCulture, $"{total.TotalMilliseconds / count:0.00} ms") : "";

    private void Row(string part, double seconds, long? count = null, string unit = "", string perUnit = "") =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {part} | {seconds:0.0} | {(Wall > 0 ? seconds * 100 / Wall : 0):0.0} % | {(count is { } n ? $"{n:N0} {unit}" : "")} | {perUnit} |"));

    private static LlamaEngineProfile Minus(LlamaEngineProfile a, LlamaEngineProfile b) => new()
    {
        Prefill = a.Prefill - b.Prefill,
        PrefillTokens = a.PrefillTokens - b.PrefillTokens,
        Decode = a.Decode - b.Decode,
        DecodeSteps = a.DecodeSteps - b.DecodeSteps,
        Samples = a.Samples - b.Samples,
        Chain = a.Chain - b.Chain,
        ShortlistRuns = a.ShortlistRuns - b.ShortlistRuns,
        Shortlist = a.Shortlist - b.Shortlist,
        VocabularyRuns = a.VocabularyRuns - b.VocabularyRuns,
        Vocabulary = a.Vocabulary - b.Vocabulary,
        VocabularyTokensChecked = a.VocabularyTokensChecked - b.VocabularyTokensChecked,
        Detokenize = a.Detokenize - b.Detokenize,
    };
}

/// <summary>Stopwatch timestamps of the stage boundaries reported by the dossier processor.</summary>
internal sealed record StageMarks(long FormStart, long FormEnd, long SummaryStart, long SummaryEnd, long End);
