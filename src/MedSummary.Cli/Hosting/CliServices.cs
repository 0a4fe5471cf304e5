using MedSummary.Pipeline.Composition;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedSummary.Cli.Hosting;

/// <summary>
/// The command line's service container: configuration from appsettings.json beside the binary, an optional
/// --config file and MEDSUMMARY_ environment variables (e.g. MEDSUMMARY_AI__Chat__ModelPath), validated at start.
/// </summary>
public static class CliServices
{
    /// <param name="overrides">Settings that win over every other source (a command's own needs, e.g. eval's temporary store).</param>
    public static ServiceProvider Build(
        string? configFile,
        TextWriter diagnostics,
        LogLevel minimumLevel = LogLevel.Warning,
        IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var builder = new ConfigurationBuilder()
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

        builder.AddEnvironmentVariables("MEDSUMMARY_");
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        var configuration = builder.Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging
            .SetMinimumLevel(minimumLevel)
            .AddProvider(new TextWriterLoggerProvider(diagnostics)));
        services.AddSingleton(TimeProvider.System);
        services.AddMedSummary(configuration);
        // Idempotent: harmless if AddMedSummary registers it too. Makes "qdrant" a usable store provider.

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        try
        {
            // Options marked ValidateOnStart are checked here, as a host would at start.
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
