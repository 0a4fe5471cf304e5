using MedSummary.Pipeline.Processing;

namespace MedSummary.Cli.Display;

/// <summary>Progress of a run over several dossiers, shown on stderr as <see cref="ProgressDisplay"/> says.</summary>
public abstract class RunProgress
{
    /// <summary>
    /// Runs the work while the display is up. The writer it gets is where diagnostics go meanwhile (error lines,
    /// logs): on a live display they must be printed above it, not across it.
    /// </summary>
    public abstract Task<T> RunAsync<T>(TextWriter error, Func<TextWriter, Task<T>> work);

    /// <summary>A dossier starts; its reports go to the returned progress.</summary>
    public abstract IProgress<DossierProgress> StartDossier(string name, int files);

    /// <summary>The dossier's results are written.</summary>
    public abstract void FinishDossier(string name);

    public static RunProgress Create(ProgressDisplay display, int dossiers) => display switch
    {
        ProgressDisplay.Live => new LiveRunProgress(dossiers),
        ProgressDisplay.Plain => new PlainRunProgress(),
        _ => new NoRunProgress(),
    };

    private sealed class Silent : IProgress<DossierProgress>
    {
        public static Silent Instance { get; } = new();

        public void Report(DossierProgress value)
        {
        }
    }

    private sealed class NoRunProgress : RunProgress
    {
        public override Task<T> RunAsync<T>(TextWriter error, Func<TextWriter, Task<T>> work) => work(error);

        public override IProgress<DossierProgress> StartDossier(string name, int files) => Silent.Instance;

        public override void FinishDossier(string name)
        {
        }
    }
}

/// <summary>The line-per-step log for pipes and CI: "[dossier] stage done/total file", plus one line per model call.</summary>
internal sealed class PlainRunProgress : RunProgress
{
    private TextWriter _error = TextWriter.Null;

    public override Task<T> RunAsync<T>(TextWriter error, Func<TextWriter, Task<T>> work)
    {
        _error = error;
        return work(error);
    }

    public override IProgress<DossierProgress> StartDossier(string name, int files) => new Lines(_error, name);

    public override void FinishDossier(string name)
    {
    }

    private sealed class Lines(TextWriter error, string dossier) : IProgress<DossierProgress>
    {
        public void Report(DossierProgress value)
        {
            string line;
            if (value.ModelCallsTotal is { } total)
            {
                // Only finished calls make a line: they are what a log reader waits minutes for.
                if (value.ModelCallsDone is not { } done || done == 0)
                {
                    return;
                }

                line = $"[{dossier}] {value.Stage} model call {done}/{total}";
            }
            else if (value.Stage is "summary" or "alerts")
            {
                // Stages after the form take no time without a model; the log keeps its shape of before.
                return;
            }
            else
            {
                var file = value.FileName is null ? "" : $" {value.FileName}";
                line = $"[{dossier}] {value.Stage} {value.Done}/{value.Total}{file}";
            }

            lock (error)
            {
                error.WriteLine(line);
            }
        }
    }
}
