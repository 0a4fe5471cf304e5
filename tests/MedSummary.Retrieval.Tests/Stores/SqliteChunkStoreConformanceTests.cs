using MedSummary.Retrieval.Stores;
using MedSummary.Retrieval.Stores.Sqlite;
using MedSummary.Retrieval.Tests.TestSupport;
using MedSummary.Testing.Conformance;

namespace MedSummary.Retrieval.Tests.Stores;

/// <summary>The shared IChunkStore suite run against a real SQLite file in a temp folder.</summary>
public sealed class SqliteChunkStoreConformanceTests : ChunkStoreConformanceTests
{
    private readonly TempFolder _folder = new();
    private int _count;

    protected override Task<IChunkStore> CreateStoreAsync() =>
        Task.FromResult<IChunkStore>(new SqliteChunkStore(new SqliteChunkStoreOptions { DatabasePath = _folder.File($"store{++_count}.db") }));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }
}
