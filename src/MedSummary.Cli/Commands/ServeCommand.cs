using System.CommandLine;
using MedSummary.Api;
using Microsoft.Extensions.Options;

namespace MedSummary.Cli.Commands;

/// <summary>
/// <c>medsummary serve [--urls URL[;URL...]] [--config FILE]</c>: runs the REST API (<see cref="MedSummaryApi"/>) until
/// Ctrl+C. Configuration: appsettings.json in the current folder, then the --config file, then environment variables.
/// Exit 0 after a clean stop, 2 for usage or configuration errors, 3 when the address cannot be listened on.
/// </summary>
public static class ServeCommand
{
    public const int ExitCannotListen = 3;

    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var urls = new Option<string?>("--urls")
        {
            Description = "Where to listen, ';'-separated (e.g. http://127.0.0.1:5080). Default: the ASP.NET Core setting (urls, ASPNETCORE_URLS), else http://localhost:5000.",
        };
        urls.Validators.Add(result =>
        {
            foreach (var url in Split(result.GetValueOrDefault<string?>()))
            {
                if (!Uri.TryCreate(url.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                    || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    result.AddError($"--urls: '{url}' is not an http:// or https:// address.");
                }
            }
        });

        var command = new Command("serve", "Run the REST API (uploads, status, forms, review, FHIR export) until Ctrl+C.") { urls };
        command.SetAction((parse, cancellationToken) =>
            RunAsync(context, parse.GetValue(urls), parse.GetValue(context.ConfigOption), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string? urls, string? config, CancellationToken cancellationToken)
    {
        if (config is not null && !File.Exists(config))
        {
            context.Fail("config", $"{config}: configuration file not found");
            return DossierCommand.ExitUsage;
        }

        string[] args = Split(urls).Count > 0 ? ["--urls", string.Join(';', Split(urls))] : [];
        try
        {
            await MedSummaryApi.RunAsync(args, config, cancellationToken).ConfigureAwait(false);
            return DossierCommand.ExitOk;
        }
        catch (OptionsValidationException ex)
        {
            context.Fail("config", $"configuration is invalid: {string.Join("; ", ex.Failures)}");
            return DossierCommand.ExitUsage;
        }
        catch (IOException ex) when (ex.InnerException is System.Net.Sockets.SocketException || ex.Message.Contains("bind", StringComparison.OrdinalIgnoreCase))
        {
            // Kestrel reports a taken or forbidden address this way; the message names the address, nothing private.
            context.Fail("serve", ex.Message);
            return ExitCannotListen;
        }
    }

    private static List<string> Split(string? urls) =>
        [.. (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
