using System.CommandLine;
using MedSummary.Cli.Commands;
using MedSummary.Cli.Display;

namespace MedSummary.Cli;

/// <summary>The `medsummary` command line, runnable in-process (tests pass their own writers).</summary>
public static class CliApp
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, output, error, CliTerminal.For(error), cancellationToken);

    /// <summary>Runs with a given terminal (tests force the live display into their own writer with it).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CliTerminal terminal, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error, terminal);
        var root = new RootCommand("MedSummary: cited tumor-board forms and summaries from referral dossiers, on your own machines.")
        {
            context.ConfigOption,
            context.VerboseOption,
            DossierCommand.Create(context, "extract", "Fill the tumor-board form from a dossier's files; every value cited.", fullReport: false),
            DossierCommand.Create(context, "summarize", "Form, summary and alerts: JSON, a markdown report and an HTML page per dossier.", fullReport: true),
            SearchCommand.Create(context),
            ReindexCommand.Create(context),
            ModelsCommand.Create(context),
            EvalCommand.Create(context),
            ServeCommand.Create(context),
        };

        // Working folders of earlier commands that were killed (a temporary index, OCR's copy of a scan) hold patient data.
        MedSummary.Core.Files.PrivateTempFolders.SweepAbandoned();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var parseError in parse.Errors)
            {
                context.Fail("usage", parseError.Message);
            }

            error.WriteLine("Run 'medsummary --help' for usage.");
            return DossierCommand.ExitUsage;
        }

        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Fail("cancelled", "stopped before the end");
            return 130;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug, not bad input: say so in one line, in words; the exception and its stack trace are for --verbose runs only.
            context.Fail("internal error", $"{ex.Message.ReplaceLineEndings(" ")} (run again with --verbose for the details to report)");
            if (parse.GetValue(context.VerboseOption))
            {
                error.WriteLine(ex);
            }

            return 70;
        }
    }
}
