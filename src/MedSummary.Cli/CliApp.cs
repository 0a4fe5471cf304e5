using System.CommandLine;
using MedSummary.Cli.Commands;

namespace MedSummary.Cli;

/// <summary>The `medsummary` command line, runnable in-process (tests pass their own writers).</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error);
        var root = new RootCommand("MedSummary: cited tumor-board forms and summaries from referral dossiers, on your own machines.")
        {
            context.ConfigOption,
            context.VerboseOption,
            DossierCommand.Create(context, "extract", "Fill the tumor-board form from a dossier's files; every value cited.", fullReport: false),
            DossierCommand.Create(context, "summarize", "Form, summary and alerts, written as JSON and a readable report.", fullReport: true),
            SearchCommand.Create(context),
            ReindexCommand.Create(context),
            ModelsCommand.Create(context),
            EvalCommand.Create(context),
        };

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
            // A bug, not bad input: say so in one line; the stack trace is for --verbose runs only.
            context.Fail("internal error", $"{ex.GetType().Name}: {ex.Message}");
            if (parse.GetValue(context.VerboseOption))
            {
                error.WriteLine(ex);
            }

            return 70;
        }
    }
}
