using System.CommandLine;
using System.Globalization;
using MedSummary.AI.Configuration;
using MedSummary.AI.Models;
using Microsoft.Extensions.Configuration;

namespace MedSummary.Cli.Commands;

/// <summary>
/// <c>medsummary models list</c>: configured and downloaded GGUF models with size, architecture, context length and
/// quantization from their headers. <c>medsummary models pull URL --sha256 HASH [--name FILE]</c>: resumable,
/// checksum-verified download into the models folder (MedSummary:AI:ModelsDirectory).
/// </summary>
public static class ModelsCommand
{
    /// <summary>Builds the "models" command. <paramref name="httpClientFactory"/> defaults to a plain HttpClient without overall timeout.</summary>
    public static Command Create(IConfiguration configuration, Func<HttpClient>? httpClientFactory = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Create(_ => configuration, httpClientFactory);
    }

    /// <summary>The command as the CLI wires it: configuration read at run time, honouring --config.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Create(parse => Hosting.CliServices.BuildConfiguration(parse.GetValue(context.ConfigOption)));
    }

    private static Command Create(Func<ParseResult, IConfiguration> configuration, Func<HttpClient>? httpClientFactory = null)
    {
        var command = new Command("models", "List local GGUF models or download one (resumable, SHA-256 verified).");
        command.Subcommands.Add(CreateList(configuration));
        command.Subcommands.Add(CreatePull(configuration, httpClientFactory ?? (() => new HttpClient { Timeout = Timeout.InfiniteTimeSpan })));
        return command;
    }

    private static Command CreateList(Func<ParseResult, IConfiguration> configuration)
    {
        var list = new Command("list", "Show configured models and the GGUF files in the models folder.");
        list.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var options = ReadOptions(configuration(parseResult));
            var catalog = new ModelCatalog(options);
            var entries = catalog.List();
            if (entries.Count == 0)
            {
                output.WriteLine($"No models configured and no .gguf files in {catalog.ModelsDirectory}.");
                output.WriteLine("See models/README.md for recommended models, then: medsummary models pull <url> --sha256 <hash>");
                return 0;
            }

            output.WriteLine($"Models folder: {catalog.ModelsDirectory}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"FILE",-44} {"ROLE",-10} {"SIZE",9} {"ARCH",-12} {"CONTEXT",8} {"QUANT",-9} {"PARAMS",8}"));
            var missing = 0;
            foreach (var e in entries)
            {
                if (!e.Exists || e.Error is not null)
                {
                    missing += e.Exists ? 0 : 1;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Truncate(e.FileName, 44),-44} {e.Role ?? "-",-10} {(e.Exists ? FormatSize(e.SizeBytes) : "-"),9} {e.Error}"));
                    continue;
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{Truncate(e.FileName, 44),-44} {e.Role ?? "-",-10} {FormatSize(e.SizeBytes),9} {e.Architecture ?? "?",-12} {e.ContextLength?.ToString(CultureInfo.InvariantCulture) ?? "?",8} {e.Quantization ?? "?",-9} {FormatCount(e.ParameterCount),8}"));
            }

            if (missing > 0)
            {
                output.WriteLine($"{missing} configured model file(s) missing: see models/README.md to download one, or change MedSummary:AI:Chat:ModelPath / MedSummary:AI:Embeddings:ModelPath.");
            }

            return missing > 0 ? 1 : 0;
        });
        return list;
    }

    private static Command CreatePull(Func<ParseResult, IConfiguration> configuration, Func<HttpClient> httpClientFactory)
    {
        var url = new Argument<string>("url") { Description = "http(s) URL of the GGUF file (e.g. a Hugging Face 'resolve' link)." };
        var sha = new Option<string>("--sha256") { Description = "Expected SHA-256 of the file (64 hex characters).", Required = true };
        var name = new Option<string?>("--name") { Description = "File name to save as (default: the URL's last segment)." };
        var dir = new Option<string?>("--dir") { Description = "Folder to save into (default: MedSummary:AI:ModelsDirectory)." };
        var pull = new Command("pull", "Download a model with resume and checksum verification.") { url, sha, name, dir };
        pull.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            if (!Uri.TryCreate(parseResult.GetValue(url), UriKind.Absolute, out var source) || (source.Scheme != Uri.UriSchemeHttp && source.Scheme != Uri.UriSchemeHttps))
            {
                await error.WriteLineAsync($"url: '{parseResult.GetValue(url)}' is not an absolute http(s) URL").ConfigureAwait(false);
                return 2;
            }

            string expected;
            try
            {
                expected = ModelDownloader.NormalizeSha256(parseResult.GetValue(sha) ?? string.Empty);
            }
            catch (ArgumentException ex)
            {
                await error.WriteLineAsync($"--sha256: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            var fileName = parseResult.GetValue(name) ?? Uri.UnescapeDataString(source.Segments.LastOrDefault() ?? string.Empty).Trim('/');
            if (string.IsNullOrWhiteSpace(fileName) || fileName.IndexOfAny(['/', '\\']) >= 0 || fileName is "." or "..")
            {
                await error.WriteLineAsync($"--name: '{fileName}' is not a plain file name; pass --name model.gguf").ConfigureAwait(false);
                return 2;
            }

            var folder = parseResult.GetValue(dir) ?? ReadOptions(configuration(parseResult)).ModelsDirectory;
            var destination = Path.GetFullPath(Path.Combine(folder, fileName));
            using var http = httpClientFactory();
            var downloader = new ModelDownloader(http);
            var reporter = new ProgressPrinter(output);
            try
            {
                var result = await downloader.DownloadAsync(source, destination, expected, reporter, cancellationToken).ConfigureAwait(false);
                reporter.Finish();
                await output.WriteLineAsync(result.AlreadyPresent
                    ? $"{result.Path} is already present and verified (sha256 {result.Sha256})."
                    : $"Saved {result.Path} ({FormatSize(result.SizeBytes)}, sha256 verified).").ConfigureAwait(false);
                var entry = ModelCatalog.Describe(result.Path, null);
                if (entry.Error is null)
                {
                    await output.WriteLineAsync($"{entry.Architecture}, context {entry.ContextLength}, {entry.Quantization}, {FormatCount(entry.ParameterCount)} parameters.").ConfigureAwait(false);
                }

                return 0;
            }
            catch (Exception ex) when (ex is ModelDownloadException or ArgumentException or IOException or HttpRequestException or UnauthorizedAccessException)
            {
                reporter.Finish();
                await error.WriteLineAsync($"models pull: {ex.Message}").ConfigureAwait(false);
                return 1;
            }
        });
        return pull;
    }

    private static AIOptions ReadOptions(IConfiguration configuration) =>
        configuration.GetSection(AIOptions.SectionName).Get<AIOptions>() ?? new AIOptions();

    private static string Truncate(string s, int max) => s.Length <= max ? s : string.Concat(s.AsSpan(0, max - 1), "…");

    private static string FormatSize(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.00} GB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB"),
    };

    private static string FormatCount(ulong n) => n switch
    {
        >= 1_000_000_000 => string.Create(CultureInfo.InvariantCulture, $"{n / 1e9:0.0}B"),
        >= 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{n / 1e6:0.0}M"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{n / 1e3:0.0}K"),
    };

    /// <summary>Prints a line every 5 % (or every 100 MB when the size is unknown), so logs stay short.</summary>
    private sealed class ProgressPrinter(TextWriter output) : IProgress<DownloadProgress>
    {
        private long _lastStep = -1;
        private bool _announcedResume;

        public void Report(DownloadProgress value)
        {
            if (value.Resumed && !_announcedResume)
            {
                _announcedResume = true;
                output.WriteLine($"Resuming at {FormatSize(value.BytesDone)}.");
            }

            var step = value.TotalBytes is > 0 and var total ? value.BytesDone * 20 / total : value.BytesDone / (100L << 20);
            if (step != _lastStep)
            {
                _lastStep = step;
                output.WriteLine(value.TotalBytes is > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"{value.BytesDone * 100 / value.TotalBytes.Value,3}% {FormatSize(value.BytesDone)} / {FormatSize(value.TotalBytes.Value)}")
                    : FormatSize(value.BytesDone));
            }
        }

        public void Finish()
        {
        }
    }
}
