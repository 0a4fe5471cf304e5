using MedSummary.Qdrant.Store;
using MedSummary.Retrieval;
using MedSummary.Retrieval.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedSummary.Qdrant.Tests.Hosting;

/// <summary>
/// A service container as the application builds it (AddMedSummaryRetrieval + AddMedSummaryQdrant, provider
/// "qdrant") pointed at a gRPC server (the in-process test server or a real Qdrant), so tests go through the real
/// channel, its retries and the store. Retry delays are a millisecond so failing tests stay fast.
/// </summary>
internal sealed class QdrantTestHost : IDisposable
{
    private QdrantTestHost(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }

    public QdrantChunkStore Store => Services.GetRequiredService<QdrantChunkStore>();

    public IChunkStore ChunkStore => Services.GetRequiredService<IChunkStore>();

    public static QdrantTestHost Create(
        string url, Action<QdrantOptions>? configure = null, string provider = QdrantOptions.ProviderKey, ILoggerProvider? logging = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(builder =>
        {
            if (logging is not null)
            {
                builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logging);
            }
        });
        services.AddMedSummaryRetrieval(store => store.Provider = provider);
        services.AddMedSummaryQdrant(options =>
        {
            options.Url = url;
            options.RetryDelay = TimeSpan.FromMilliseconds(1);
            configure?.Invoke(options);
        });
        return new QdrantTestHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
    }

    public void Dispose() => Services.Dispose();
}

/// <summary>Keeps every log message, formatted, for tests of what the store logs.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly List<(LogLevel Level, string Text)> _messages = [];

    public IReadOnlyList<(LogLevel Level, string Text)> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Recorder(this);

    public void Dispose()
    {
    }

    private sealed class Recorder(RecordingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._messages)
            {
                owner._messages.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
