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
    public static IConfigurationRoot BuildConfiguration(string? configFile)
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

        return builder.AddEnvironmentVariables().Build();
    }

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
