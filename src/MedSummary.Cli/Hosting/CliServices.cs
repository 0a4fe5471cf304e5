using MedSummary.Ingestion.Ocr;
using MedSummary.Pipeline.Composition;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedSummary.Cli.Hosting;

/// <summary>
/// The command line's configuration and services: appsettings.json beside the binary, then an optional --config
/// file, then environment variables (e.g. MedSummary__AI__Chat__ModelPath), later sources winning; options are
/// validated at start, as a host would.
/// </summary>
public static class CliServices
{
    /// <summary>
    /// Where the command line differs from the service, under every other source: without Tesseract it still reads
    /// text pages and reports each scan it left unread, rather than refusing a dossier that may need no OCR at all.
    /// </summary>
    private static readonly Dictionary<string, string?> CommandLineDefaults = new(StringComparer.Ordinal)
    {
        [$"{OcrOptions.SectionName}:{nameof(OcrOptions.RequireTools)}"] = "false",
    };

    public static IConfigurationRoot BuildConfiguration(string? configFile)
    {
        var builder = new ConfigurationBuilder()
            .AddInMemoryCollection(CommandLineDefaults)
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true);
        if (configFile is not null)
        {
            if (!File.Exists(configFile))
            {
                throw new CliUsageException($"{configFile}: configuration file not found");
            }

            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false);
        }

        try
        {
            return builder.AddEnvironmentVariables().Build();
        }
        catch (InvalidDataException ex)
        {
            // The provider's message names the file, and its inner one says where the JSON breaks, in words.
            throw new CliUsageException(ex.InnerException is { } inner ? $"{configFile}: not valid JSON: {inner.Message}" : ex.Message);
        }
    }

    /// <summary>
    /// The services of a command that uses the chunk index, with the index chosen by <see cref="CliStore.Resolve"/>
    /// (and said in --verbose runs). The caller disposes both; disposing the store deletes a temporary index.
    /// </summary>
    public static (ServiceProvider Services, CliStore Store) Build(
        string? configFile, string? storeOption, StoreDefault fallback, TextWriter diagnostics, LogLevel minimumLevel, bool rulesOnly = false)
    {
        var configuration = rulesOnly ? RulesOnly(BuildConfiguration(configFile)) : BuildConfiguration(configFile);
        var store = CliStore.Resolve(configuration, storeOption, fallback);
        try
        {
            var services = Build(store.Apply(configuration), diagnostics, minimumLevel);
            CliLog.ChunkIndex(services.GetRequiredService<ILoggerFactory>().CreateLogger("MedSummary.Cli.Store"), store.Description);
            return (services, store);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>The configuration with the chat model switched off, whatever the files and environment say (--rules-only).</summary>
    public static IConfigurationRoot RulesOnly(IConfiguration configuration) => new ConfigurationBuilder()
        .AddConfiguration(configuration)
        .AddInMemoryCollection([new("MedSummary:AI:Chat:Engine", "none")])
        .Build();

    public static ServiceProvider Build(string? configFile, TextWriter diagnostics, LogLevel minimumLevel = LogLevel.Warning) =>
        Build(BuildConfiguration(configFile), diagnostics, minimumLevel);

    public static ServiceProvider Build(IConfiguration configuration, TextWriter diagnostics, LogLevel minimumLevel = LogLevel.Warning)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging(logging => logging
            .SetMinimumLevel(minimumLevel)
            // Retry chatter from HTTP resilience is for --verbose runs; errors still show.
            .AddFilter("Polly", minimumLevel <= LogLevel.Information ? LogLevel.Information : LogLevel.Error)
            .AddProvider(new TextWriterLoggerProvider(diagnostics)));
        services.AddSingleton(TimeProvider.System);
        services.AddMedSummary(configuration);

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        try
        {
            provider.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException ex)
        {
            provider.Dispose();
            throw new CliUsageException($"configuration is invalid: {string.Join("; ", ex.Failures)}");
        }

        return provider;
    }
}

/// <summary>The command line's own log lines (paths and counts, never document text).</summary>
internal static partial class CliLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Chunk index: {Where}")]
    public static partial void ChunkIndex(ILogger logger, string where);
}

/// <summary>A usage or configuration error: one line for the user, exit code 2.</summary>
public sealed class CliUsageException : Exception
{
    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException()
    {
    }

    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
