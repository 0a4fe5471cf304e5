using System.CommandLine;
using MedSummary.Cli.Hosting;
using MedSummary.Cli.Inputs;
using MedSummary.Cli.Display;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Core.Errors;
using MedSummary.Extraction.Grounding.Forms;
using MedSummary.Ingestion;
using MedSummary.Pipeline.Processing;
using MedSummary.Pipeline.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedSummary.Cli.Commands;

/// <summary>
/// `extract` and `summarize`: files to verified results. Every readable input is processed even when others
/// fail; each unreadable one gets a one-line reason on stderr and the exit code is then 1. A file read only in part
/// (scanned pages left unread without the OCR tools, ocr_unavailable) counts the same: its line names the pages, and
/// exit 1 means "partial: some input was not (fully) read". A configured chat model that failed (not loaded, or a
/// call that failed) gets one line and exit code 3: the results are written, but they are the rules' only, which the
/// user did not ask for (--rules-only asks for it).
/// </summary>
public static class DossierCommand
{
    public const int ExitOk = 0;
    public const int ExitSomeInputsUnreadable = 1;
    public const int ExitUsage = 2;
    public const int ExitModelFailed = 3;

    public static Command Create(CliContext context, string name, string description, bool fullReport)
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "PDF or text files (together one dossier), or folders (each one dossier).",
            Arity = ArgumentArity.OneOrMore,
        };
        var perFile = new Option<bool>("--per-file") { Description = "Each input file is its own dossier." };
        var format = new Option<string>("--format")
        {
            Description = fullReport
                ? "The view printed on stdout without --out: json (the output contract) or md (for a person)."
                : "Output format: json (the output contract) or md (for a person).",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "md");
        var output = new Option<string?>("--out", "-o")
        {
            Description = fullReport
                ? "Output folder, created if needed: writes <name>.json (the output contract), <name>.md (the report) and "
                    + "<name>.html (the report with every citation opening its passage) per dossier. Default: stdout, the --format view only."
                : "Output file, or folder for several dossiers (<name>.json, or <name>.md with --format md, per dossier). Default: stdout.",
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress on stderr (errors still show)." };
        var store = new Option<string?>("--store")
        {
            Description = "The chunk index file (or a folder to hold chunks.db) to index the dossiers into, and keep. "
                + "Default: a temporary index deleted at exit, unless --index or the configuration (MedSummary:Store) names one.",
        };
        var rulesOnly = new Option<bool>("--rules-only")
        {
            Description = "Use the deterministic extractors only, even when a chat model is configured (no model is loaded).",
        };
        var index = new Option<bool>("--index")
        {
            Description = $"Keep the dossiers' passages in your search index, {CliStore.PerUserPath()}, for 'medsummary search'.",
        };

        var command = new Command(name, description + Environment.NewLine + Writes(fullReport))
        {
            inputs, perFile, format, output, quiet, store, index, rulesOnly,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            context,
            new Request(
                parse.GetValue(inputs) ?? [],
                parse.GetValue(perFile),
                parse.GetValue(format) ?? "json",
                parse.GetValue(output),
                parse.GetValue(quiet),
                parse.GetValue(store),
                parse.GetValue(index),
                parse.GetValue(context.ConfigOption),
                parse.GetValue(context.VerboseOption),
                fullReport,
                parse.GetValue(rulesOnly)),
            cancellationToken));
        return command;
    }

    /// <summary>What the command writes and where, for its help.</summary>
    private static string Writes(bool fullReport) => (fullReport
        ? "Writes <name>.json, <name>.md and <name>.html per dossier into the --out folder (without --out, the --format view on stdout). "
        : "Writes the form as JSON (or markdown, --format md) on stdout, or into the --out file or folder. ")
        + "Progress and errors go to stderr. Nothing else is written in the current folder: the chunk index is temporary, "
        + $"deleted at exit, unless --store, --index ({CliStore.PerUserPath()}) or the configuration keeps it.";

    private sealed record Request(
        IReadOnlyList<string> Inputs, bool PerFile, string Format, string? Out, bool Quiet, string? Store, bool Index, string? Config, bool Verbose,
        bool FullReport, bool RulesOnly);

    private static async Task<int> RunAsync(CliContext context, Request request, CancellationToken cancellationToken)
    {
        if (request.Store is not null && request.Index)
        {
            context.Fail("--store", "--store and --index both choose the index; give one of them");
            return ExitUsage;
        }

        var (groups, problems) = InputGroups.Resolve(request.Inputs, request.PerFile);
        foreach (var problem in problems)
        {
            context.Fail(problem.Path, $"{problem.Message} ({problem.Code})");
        }

        if (groups.Count == 0)
        {
            return ExitSomeInputsUnreadable;
        }

        var toDirectory = request.Out is not null
            && (request.FullReport || groups.Count > 1 || request.PerFile || Directory.Exists(request.Out) || EndsWithSeparator(request.Out));
        if (groups.Count > 1 && request.Out is null)
        {
            context.Fail("--out", "several dossiers need an output folder (--out DIR)");
            return ExitUsage;
        }

        var progress = RunProgress.Create(context.Terminal.Choose(request.Quiet), groups.Count);
        return await progress.RunAsync(context.Error, async diagnostics =>
        {
            // While a live display is up, error lines and logs are printed above it rather than across it.
            var run = context.WithError(diagnostics);
            ServiceProvider services;
            CliStore store;
            try
            {
                (services, store) = CliServices.Build(
                    request.Config, request.Store, request.Index ? StoreDefault.PerUser : StoreDefault.Temporary, run.Error,
                    request.Verbose ? LogLevel.Information : LogLevel.Warning, request.RulesOnly);
            }
            catch (CliUsageException ex)
            {
                run.Fail(ex.Message.StartsWith("--", StringComparison.Ordinal) ? ex.Message.Split(':', 2)[0] : "config", Reason(ex.Message));
                return ExitUsage;
            }

            using (store)
            await using (services.ConfigureAwait(false))
            {
                var processor = services.GetRequiredService<IDossierProcessor>();
                var schema = services.GetRequiredService<FormSchema>();
                var unreadable = problems.Count;
                var modelFailed = false;
                foreach (var group in groups)
                {
                    var (failed, outcome) = await ProcessGroupAsync(run, request, group, processor, schema, progress, toDirectory, cancellationToken).ConfigureAwait(false);
                    unreadable += failed;
                    if (outcome is not null && ModelFailure(outcome.Result) is { } why)
                    {
                        run.Fail(group.Name, $"{why}; the results are the rules' only (--rules-only to ask for that)");
                        modelFailed = true;
                    }
                }

                return unreadable > 0 ? ExitSomeInputsUnreadable : modelFailed ? ExitModelFailed : ExitOk;
            }
        }).ConfigureAwait(false);
    }

    /// <summary>A usage message without the option it starts with, when it names one ("--store: why" becomes "why").</summary>
    private static string Reason(string message) =>
        message.StartsWith("--", StringComparison.Ordinal) && message.IndexOf(": ", StringComparison.Ordinal) is > 0 and var at ? message[(at + 2)..] : message;

    /// <summary>Why the configured chat model did not serve a result, or null when it did (or none is configured).</summary>
    internal static string? ModelFailure(DossierResult result)
    {
        var failed = result.Form.Fields.Values.Where(f => f.State == FieldState.ModelFailed).ToList();
        if (failed.Count == 0)
        {
            return null;
        }

        var reason = failed.Select(f => f.Reason).FirstOrDefault(r => r is not null);
        return $"the chat model failed for {failed.Count} field(s)" + (reason is null ? "" : $" ({reason})");
    }

    private static async Task<(int Unreadable, DossierOutcome? Outcome)> ProcessGroupAsync(
        CliContext context, Request request, InputGroup group, IDossierProcessor processor, FormSchema schema, RunProgress progress, bool toDirectory,
        CancellationToken cancellationToken)
    {
        var files = new List<InputFile>();
        var pathByName = new Dictionary<string, string>(StringComparer.Ordinal);
        var unreadable = 0;
        foreach (var path in group.Paths)
        {
            try
            {
                files.Add(await InputFile.FromPathAsync(path, cancellationToken).ConfigureAwait(false));
                pathByName.TryAdd(Path.GetFileName(path), path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                context.Fail(path, $"cannot be read: {CannotRead(ex)} ({InputErrorCodes.Unreadable})");
                unreadable++;
            }
        }

        if (files.Count == 0)
        {
            return (unreadable, null);
        }

        var outcome = await processor.ProcessAsync(new DossierRequest(files), progress.StartDossier(group.Name, files.Count), cancellationToken).ConfigureAwait(false);
        foreach (var error in outcome.Result.Errors)
        {
            context.Fail(pathByName.GetValueOrDefault(error.FileName, error.FileName), $"{WithoutFileName(error.Message, error.FileName)} ({error.Code})");
            unreadable++;
        }

        await WriteAsync(context, request, group, outcome, schema, toDirectory, cancellationToken).ConfigureAwait(false);
        progress.FinishDossier(group.Name);
        return (unreadable, outcome);
    }

    private static async Task WriteAsync(
        CliContext context, Request request, InputGroup group, DossierOutcome outcome, FormSchema schema, bool toDirectory, CancellationToken cancellationToken)
    {
        var result = outcome.Result;
        var report = new ReportInput(result, schema, outcome.Dossier?.DocumentsById ?? new Dictionary<string, SourceDocument>()) { Subtitle = group.Name };
        var primary = request.Format == "md" ? MarkdownReport.Write(report) : ContractJson.Serialize(result);
        if (request.Out is null)
        {
            await context.Output.WriteLineAsync(primary.AsMemory(), cancellationToken).ConfigureAwait(false);
            return;
        }

        var extension = request.Format == "md" ? ".md" : ".json";
        var path = toDirectory ? Path.Combine(request.Out, group.Name + extension) : request.Out;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, primary, cancellationToken).ConfigureAwait(false);
        if (request.FullReport && toDirectory)
        {
            // summarize writes both views side by side: the contract for machines, markdown for people.
            var other = request.Format == "md"
                ? (Path.Combine(request.Out, group.Name + ".json"), ContractJson.Serialize(result))
                : (Path.Combine(request.Out, group.Name + ".md"), MarkdownReport.Write(report));
            await File.WriteAllTextAsync(other.Item1, other.Item2, cancellationToken).ConfigureAwait(false);

            // And the self-contained fiche where every citation opens its passage in context.
            await File.WriteAllTextAsync(Path.Combine(request.Out, group.Name + ".html"), HtmlReport.Write(report), cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool EndsWithSeparator(string path) =>
        path.EndsWith(Path.DirectorySeparatorChar) || path.EndsWith(Path.AltDirectorySeparatorChar);

    /// <summary>
    /// The reason of an input error without the file name it starts with: the line already begins with the path
    /// ("medsummary: /in/scan.pdf: scan.pdf: unsupported..." would name it twice).
    /// </summary>
    internal static string WithoutFileName(string message, string fileName) =>
        message.StartsWith(fileName + ": ", StringComparison.Ordinal) ? message[(fileName.Length + 2)..] : message;

    /// <summary>Why a file could not be opened, in words (the system's message would repeat the path).</summary>
    private static string CannotRead(Exception ex) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException => "it no longer exists",
        UnauthorizedAccessException => "permission denied",
        PathTooLongException => "the path is too long",
        _ => "the system reported an input/output error",
    };
}
