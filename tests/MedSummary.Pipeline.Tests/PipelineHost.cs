using MedSummary.Pipeline.Composition;
using MedSummary.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MedSummary.Pipeline.Tests;

/// <summary>The real pipeline, as the CLI and API compose it, over a SQLite store in a temp folder of its own.</summary>
internal sealed class PipelineHost : IDisposable
{
    private readonly TempDirectory _folder = new("medsummary-pipeline");

    public PipelineHost(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? before = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["MedSummary:Store:SqlitePath"] = _folder.File("chunks.db"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        before?.Invoke(services);
        services.AddMedSummary(configuration);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public ServiceProvider Services { get; }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public void Dispose()
    {
        Services.Dispose();
        _folder.Dispose();
    }
}
