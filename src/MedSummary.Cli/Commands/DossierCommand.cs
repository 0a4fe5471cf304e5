using System.CommandLine;
using MedSummary.Cli.Hosting;
using MedSummary.Cli.Inputs;
using MedSummary.Core.Contract;
using MedSummary.Core.Errors;
using MedSummary.Ingestion;
using MedSummary.Pipeline.Processing;
using MedSummary.Pipeline.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedSummary.Cli.Commands;

/// <summary>
/// `extract` and `summarize`: files to verified results. Every readable input is processed even when others
/// fail; each unreadable one gets a one-line reason on stderr and the exit code is then 1.
/// </summary>
public static class DossierCommand
{
    public const int ExitOk = 0;
    public const int ExitSomeInputsUnreadable = 1;
    public const int ExitUsage = 2;

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
            Description = "Output format: json (the output contract) or md (for a person).",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "md");
        var output = new Option<string?>("--out", "-o")
        {
            Description = fullReport
                ? "Output folder: <name>.json and <name>.md per dossier. Default: stdout (the --format view only)."
                : "Output file, or folder for several dossiers (one <name>.json or .md each). Default: stdout.",
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress on stderr." };

        var command = new Command(name, description) { inputs, perFile, format, output, quiet };
        command.SetAction((parse, cancellationToken) => RunAsync(
            context,
            new Request(
                parse.GetValue(inputs) ?? [],
                parse.GetValue(perFile),
                parse.GetValue(format) ?? "json",
                parse.GetValue(output),
                parse.GetValue(quiet),
                parse.GetValue(context.ConfigOption),
                parse.GetValue(context.VerboseOption),
                fullReport),
            cancellationToken));
        return command;
    }

    private sealed record Request(
        IReadOnlyList<string> Inputs, bool PerFile, string Format, string? Out, bool Quiet, string? Config, bool Verbose, bool FullReport);

    private static async Task<int> RunAsync(CliContext context, Request request, CancellationToken cancellationToken)
    {
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

        ServiceProvider services;
        try
        {
            services = CliServices.Build(request.Config, context.Error, request.Verbose ? LogLevel.Information : LogLevel.Warning);
        }
        catch (CliUsageException ex)
        {
            context.Fail("config", ex.Message);
            return ExitUsage;
        }

        await using (services.ConfigureAwait(false))
        {
            var processor = services.GetRequiredService<IDossierProcessor>();
            var unreadable = problems.Count;
            foreach (var group in groups)
            {
                unreadable += await ProcessGroupAsync(context, request, group, processor, toDirectory, cancellationToken).ConfigureAwait(false);
            }

            return unreadable == 0 ? ExitOk : ExitSomeInputsUnreadable;
        }
    }

    private static async Task<int> ProcessGroupAsync(
        CliContext context, Request request, InputGroup group, IDossierProcessor processor, bool toDirectory, CancellationToken cancellationToken)
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
                context.Fail(path, $"cannot be read: {ex.GetType().Name} ({InputErrorCodes.Unreadable})");
                unreadable++;
            }
        }

        if (files.Count == 0)
        {
            return unreadable;
        }

        var progress = request.Quiet ? null : new Progress(context.Error, group.Name);
        var outcome = await processor.ProcessAsync(new DossierRequest(files), progress, cancellationToken).ConfigureAwait(false);
        foreach (var error in outcome.Result.Errors)
        {
            context.Fail(pathByName.GetValueOrDefault(error.FileName, error.FileName), $"{error.Message} ({error.Code})");
            unreadable++;
        }

        await WriteAsync(context, request, group, outcome, toDirectory, cancellationToken).ConfigureAwait(false);
        return unreadable;
    }

    private static async Task WriteAsync(
        CliContext context, Request request, InputGroup group, DossierOutcome outcome, bool toDirectory, CancellationToken cancellationToken)
    {
        var result = outcome.Result;
        var primary = request.Format == "md"
            ? MarkdownReportWriter.Write(result, $"MedSummary: {group.Name}")
            : ContractJson.Serialize(result);
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
                : (Path.Combine(request.Out, group.Name + ".md"), MarkdownReportWriter.Write(result, $"MedSummary: {group.Name}"));
            await File.WriteAllTextAsync(other.Item1, other.Item2, cancellationToken).ConfigureAwait(false);

            // And a self-contained page where every citation opens its passage in context.
            var html = HtmlReportWriter.Write(result, outcome.Dossier?.DocumentsById, $"MedSummary: {group.Name}");
            await File.WriteAllTextAsync(Path.Combine(request.Out, group.Name + ".html"), html, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool EndsWithSeparator(string path) =>
        path.EndsWith(Path.DirectorySeparatorChar) || path.EndsWith(Path.AltDirectorySeparatorChar);

    private sealed class Progress(TextWriter error, string dossier) : IProgress<DossierProgress>
    {
        public void Report(DossierProgress value)
        {
            var file = value.FileName is null ? "" : $" {value.FileName}";
            lock (error)
            {
                error.WriteLine($"[{dossier}] {value.Stage} {value.Done}/{value.Total}{file}");
            }
        }
    }
}
