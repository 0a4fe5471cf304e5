using System.Diagnostics;
using System.Globalization;
using System.Text;
using MedSummary.Pipeline.Processing;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MedSummary.Cli.Display;

/// <summary>
/// The live display on a terminal, two lines redrawn in place:
/// <code>
/// dossiers            ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━  1/3   0:12 elapsed, about 0:24 left
/// lung-en: form       ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━  model call 3/8
/// </code>
/// Dossiers done of total and an estimate of the time left (from the time spent so far, each dossier weighted by
/// how far its stages have gone), then the current dossier, its stage and that stage's own count: files read,
/// chunks indexed, model calls finished of planned (or "no model" when the stage makes none).
/// Error lines and logs are printed above the display, which stays at the bottom.
/// </summary>
internal sealed class LiveRunProgress(int dossiers) : RunProgress
{
    /// <summary>How much of a dossier's time each stage takes, roughly, with a model (without one all are quick).</summary>
    private static readonly Dictionary<string, (double Start, double Weight)> Stages = new(StringComparer.Ordinal)
    {
        ["read"] = (0.00, 0.15),
        ["index"] = (0.15, 0.10),
        ["form"] = (0.25, 0.45),
        ["summary"] = (0.70, 0.20),
        ["alerts"] = (0.90, 0.10),
    };

    private readonly Lock _lock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private ProgressTask? _overall;
    private ProgressTask? _current;
    private int _finished;
    private (int Done, int Total) _stageCalls;
    private string _currentDetail = string.Empty;

    /// <summary>The console the display draws on; tests replace it to capture frames.</summary>
    internal Func<TextWriter, IAnsiConsole> ConsoleFactory { get; init; } = CreateConsole;

    public override async Task<T> RunAsync<T>(TextWriter error, Func<TextWriter, Task<T>> work)
    {
        var console = ConsoleFactory(error);
        T result = default!;
        await console.Progress()
            .AutoRefresh(true)
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new LabelColumn(), new ProgressBarColumn { Width = 30 }, new DetailColumn(DetailOf))
            .StartAsync(async context =>
            {
                lock (_lock)
                {
                    _overall = context.AddTask("dossiers", maxValue: Math.Max(1, dossiers));
                    _current = context.AddTask("starting", maxValue: 1);


                }

                using var lines = new AboveDisplayWriter(console);
                result = await work(lines).ConfigureAwait(false);
                lock (_lock)
                {
                    _overall.Value = _overall.MaxValue;
                    _current.Description = "done";
                    _current.Value = _current.MaxValue;
                    _currentDetail = $"in {Clock(_clock.Elapsed)}";
                }
            }).ConfigureAwait(false);
        return result;
    }

    public override IProgress<DossierProgress> StartDossier(string name, int files)
    {
        Update(name, new DossierProgress("read", 0, files));
        return new Reports(this, name);
    }

    public override void FinishDossier(string name)
    {
        lock (_lock)
        {
            _finished++;
            if (_overall is not null)
            {
                _overall.Value = _finished;
            }
        }
    }

    private static IAnsiConsole CreateConsole(TextWriter error) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(error),
        // Chosen for a terminal (or forced): redrawing needs ANSI, whatever detection would guess from a writer.
        Ansi = AnsiSupport.Yes,
        ColorSystem = ColorSystemSupport.Detect,
        Interactive = InteractionSupport.Yes,

        // We chose this display ourselves (a terminal, or MEDSUMMARY_PROGRESS=live); CI detection must not undo it.
        Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
    });

    private void Update(string dossier, DossierProgress value)
    {
        if (!Stages.TryGetValue(value.Stage, out var stage))
        {
            return;
        }

        var within = value.ModelCallsTotal is > 0 and var total ? (double)value.ModelCallsDone.GetValueOrDefault() / total
            : value.Total > 0 ? (double)value.Done / value.Total
            : 0;
        var fraction = Math.Clamp(stage.Start + (stage.Weight * within), 0, 0.999);
        lock (_lock)
        {
            if (_current is null || _overall is null)
            {
                return;
            }

            _current.Description = $"{dossier}: {value.Stage}";
            _current.Value = fraction;
            if (value.ModelCallsTotal is { } planned)
            {
                _stageCalls = (value.ModelCallsDone.GetValueOrDefault(), planned);
            }
            else if (value.Done == 0)
            {
                _stageCalls = (0, 0);
            }

            _currentDetail = Detail(value, _stageCalls);
            _overall.Value = Math.Min(_finished + fraction, _overall.MaxValue);
        }
    }

    /// <summary>
    /// The text after a bar. Computed at each redraw, so the elapsed time and the estimate move during a
    /// minutes-long model call.
    /// </summary>
    private string DetailOf(ProgressTask task)
    {
        lock (_lock)
        {
            return ReferenceEquals(task, _overall) ? Overall() : _currentDetail;
        }
    }

    /// <summary>The stage's own count; a form or summary without a model says so rather than showing 0/0.</summary>
    private static string Detail(DossierProgress value, (int Done, int Total) calls) => value switch
    {
        { Stage: "form" or "summary" } when calls.Total > 0 => $"model calls {calls.Done}/{calls.Total}",
        { Stage: "form" or "summary" } => value.Done == 0 ? "no model calls so far" : "rules only, no model calls",
        { Stage: "read" } => value.FileName is null ? $"files {value.Done}/{value.Total}" : $"file {value.Done}/{value.Total}",
        { Stage: "index" } => $"{value.Total} chunks",
        _ => string.Empty,
    };

    /// <summary>"1/3  0:12 elapsed, about 0:24 left": the time left is the time so far scaled by the work left.</summary>
    private string Overall()
    {
        var elapsed = _clock.Elapsed;
        var done = _overall?.Value ?? 0;
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{_finished}/{dossiers}  {Clock(elapsed)} elapsed");
        if (_finished >= dossiers)
        {
            return text.ToString();
        }

        // Too early to say: an estimate from the first second of reading would be wild.
        if (done < 0.05 || elapsed < TimeSpan.FromSeconds(1))
        {
            return text.Append(", ETA estimating…").ToString();
        }

        var left = TimeSpan.FromSeconds(elapsed.TotalSeconds * (dossiers - done) / done);
        return text.Append(CultureInfo.InvariantCulture, $", ETA {Clock(left)}").ToString();
    }

    private static string Clock(TimeSpan time) => time.TotalHours >= 1
        ? time.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : time.ToString(@"m\:ss", CultureInfo.InvariantCulture);

    private sealed class Reports(LiveRunProgress owner, string dossier) : IProgress<DossierProgress>
    {
        public void Report(DossierProgress value) => owner.Update(dossier, value);
    }

    /// <summary>
    /// The label before each bar, at one width so the bars do not jump sideways from one stage to the next; plain
    /// text (a dossier named "[x]" is not markup), a long name cut with an ellipsis.
    /// </summary>
    private sealed class LabelColumn : ProgressColumn
    {
        private const int Width = 26;

        protected override bool NoWrap => true;

        public override int? GetColumnWidth(RenderOptions options) => Width;

        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Description) { Overflow = Overflow.Ellipsis };
    }

    /// <summary>The text after each bar: the overall count and estimate, or the stage's own count.</summary>
    private sealed class DetailColumn(Func<ProgressTask, string> detail) : ProgressColumn
    {
        protected override bool NoWrap => true;

        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) => new Text(detail(task));
    }

    /// <summary>Lines written during the run (errors, logs), each printed above the live display.</summary>
    private sealed class AboveDisplayWriter(IAnsiConsole console) : TextWriter
    {
        private readonly StringBuilder _line = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_line)
            {
                if (value == '\n')
                {
                    var line = _line.ToString().TrimEnd('\r');
                    _line.Clear();
                    console.Write(new Text(line + "\n"));
                }
                else
                {
                    _line.Append(value);
                }
            }
        }

        public override void Write(string? value)
        {
            foreach (var c in value ?? string.Empty)
            {
                Write(c);
            }
        }

        public override void WriteLine(string? value)
        {
            Write(value);
            Write('\n');
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _line.Length > 0)
            {
                Write('\n');
            }

            base.Dispose(disposing);
        }
    }
}
