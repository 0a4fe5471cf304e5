using MedSummary.Core.Chunks;
using MedSummary.Core.Provenance;
using MedSummary.Retrieval.Stores;
using MedSummary.Retrieval.Stores.Sqlite;
using MedSummary.Retrieval.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Shouldly;

namespace MedSummary.Retrieval.Tests.Stores;

/// <summary>What only the SQLite store has: a file that outlives the process, its options, its file format.</summary>
public sealed class SqliteChunkStoreTests : IDisposable
{
    private const int Dimension = 4;
    private const string Embedder = "test-embedder";
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Data_persists_when_the_file_is_reopened()
    {
        var path = _folder.File("persist.db");
        var chunk = Make("doc1", 0, "Tomodensitométrie thoraco-abdomino-pelvienne", [0.5f, 0.5f, 0.5f, 0.5f]);
        using (var first = Open(path))
        {
            await first.EnsureCreatedAsync(Dimension, Embedder);
            await first.UpsertAsync([chunk]);
        }

        using var reopened = Open(path);

        (await reopened.CountAsync(new ChunkFilter("t"))).ShouldBe(1);
        var lexical = await reopened.SearchAsync(new ChunkQuery(new ChunkFilter("t"), "tomodensitometrie", null, 5, SearchMode.Lexical));
        lexical.Single().Chunk.Chunk.ShouldBe(chunk.Chunk);
        var dense = await reopened.SearchAsync(new ChunkQuery(new ChunkFilter("t"), null, new float[] { 1, 1, 1, 1 }, 5, SearchMode.Dense));
        dense.Single().Score.ShouldBe(1.0, 1e-6);
        var listed = new List<IndexedChunk>();
        await foreach (var item in reopened.ListAsync(new ChunkFilter("t")))
        {
            listed.Add(item);
        }

        listed.Single().Vector.ToArray().ShouldBe(chunk.Vector.ToArray());
    }

    [Fact]
    public async Task A_reopened_file_remembers_its_dimension()
    {
        var path = _folder.File("dimension.db");
        using (var first = Open(path))
        {
            await first.EnsureCreatedAsync(Dimension, Embedder);
        }

        using var reopened = Open(path);

        var error = await Should.ThrowAsync<ArgumentException>(() => reopened.UpsertAsync([Make("doc1", 0, "x", new float[Dimension + 1])]));
        error.Message.ShouldContain(path);
        var recreate = await Should.ThrowAsync<InvalidOperationException>(() => reopened.EnsureCreatedAsync(Dimension + 1, Embedder));
        recreate.Message.ShouldContain(path);
    }

    [Fact]
    public async Task A_file_from_before_embedders_were_recorded_takes_the_first_embedder_that_opens_it()
    {
        var path = _folder.File("legacy.db");
        using (var first = Open(path))
        {
            await first.EnsureCreatedAsync(Dimension, Embedder);
            await first.UpsertAsync([Make("doc1", 0, "Compte rendu", [1, 0, 0, 0])]);
        }

        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM store_meta WHERE key = 'embedder';";
            await command.ExecuteNonQueryAsync();
        }

        using var reopened = Open(path);
        (await reopened.DescribeAsync()).ShouldBe(new StoreDescriptor(Dimension, SqliteChunkStore.UnrecordedEmbedder));

        await reopened.EnsureCreatedAsync(Dimension, "adopted");

        (await reopened.DescribeAsync()).ShouldBe(new StoreDescriptor(Dimension, "adopted"));
        await Should.ThrowAsync<InvalidOperationException>(() => reopened.EnsureCreatedAsync(Dimension, Embedder));
        (await reopened.CountAsync(new ChunkFilter("t"))).ShouldBe(1);
    }

    [Fact]
    public async Task A_store_never_created_does_not_create_its_file_on_read()
    {
        var path = _folder.File("absent.db");
        using var store = Open(path);

        await Should.ThrowAsync<InvalidOperationException>(() => store.CountAsync(new ChunkFilter("t")));
        (await store.DescribeAsync()).ShouldBeNull();

        File.Exists(path).ShouldBeFalse();
    }

    [Fact]
    public async Task EnsureCreated_makes_missing_folders_and_uses_a_rollback_journal_that_nothing_maps_in_memory()
    {
        var path = Path.Combine(_folder.Path, "a", "b", "store.db");
        using var store = Open(path);

        await store.EnsureCreatedAsync(Dimension, Embedder);

        File.Exists(path).ShouldBeTrue();
        store.DatabasePath.ShouldBe(Path.GetFullPath(path));
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        ((string)(await command.ExecuteScalarAsync())!).ShouldBe("delete");
        File.Exists(path + "-shm").ShouldBeFalse("no WAL index is mapped beside the file");
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_reported_with_its_path()
    {
        var path = _folder.File("notes.db");
        await File.WriteAllTextAsync(path, new string('x', 4096));
        using var store = Open(path);

        var error = await Should.ThrowAsync<InvalidDataException>(() => store.EnsureCreatedAsync(Dimension, Embedder));
        var onRead = await Should.ThrowAsync<InvalidDataException>(() => store.CountAsync(new ChunkFilter("t")));

        error.Message.ShouldContain(path);
        onRead.Message.ShouldContain(path);
    }

    [Fact]
    public async Task Two_stores_on_one_file_see_each_others_writes()
    {
        var path = _folder.File("shared.db");
        using var writer = Open(path);
        using var reader = Open(path);
        await writer.EnsureCreatedAsync(Dimension, Embedder);

        await writer.UpsertAsync([Make("doc1", 0, "Chimiothérapie néoadjuvante", [1, 0, 0, 0])]);

        (await reader.SearchAsync(new ChunkQuery(new ChunkFilter("t"), "chimiotherapie", null, 5, SearchMode.Lexical))).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(":memory:")]
    [InlineData("Data Source=x;Mode=Memory")]
    [InlineData("bad\0name.db")]
    public void Unusable_paths_are_refused_with_the_reason(string path)
    {
        var error = Should.Throw<ArgumentException>(() => new SqliteChunkStore(new SqliteChunkStoreOptions { DatabasePath = path }));

        error.Message.ShouldContain("SQLite database path");
    }

    [Fact]
    public void A_folder_is_not_a_database_path()
    {
        SqliteChunkStoreOptions.ValidatePath(_folder.Path).ShouldNotBeNull().ShouldContain("folder");
        SqliteChunkStoreOptions.ValidatePath(_folder.Path + Path.DirectorySeparatorChar).ShouldNotBeNull().ShouldContain("folder");
        SqliteChunkStoreOptions.ValidatePath(_folder.File("ok.db")).ShouldBeNull();
    }

    [Fact]
    public void The_busy_timeout_must_be_sensible()
    {
        new SqliteChunkStoreOptions { DatabasePath = _folder.File("x.db"), BusyTimeout = TimeSpan.Zero }.Validate().ShouldHaveSingleItem();
        new SqliteChunkStoreOptions { DatabasePath = _folder.File("x.db") }.Validate().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_disposed_store_refuses_work()
    {
        var store = Open(_folder.File("disposed.db"));
        await store.EnsureCreatedAsync(Dimension, Embedder);
        store.Dispose();
        store.Dispose();

        await Should.ThrowAsync<ObjectDisposedException>(() => store.CountAsync(new ChunkFilter("t")));
    }

    public void Dispose() => _folder.Dispose();

    private static SqliteChunkStore Open(string path) => new(new SqliteChunkStoreOptions { DatabasePath = path });

    private static IndexedChunk Make(string document, int index, string text, float[] vector) =>
        new(new Chunk(Chunk.MakeId(document, index), document, index, "Imagerie", TextSpan.FromLength(0, text.Length), 1, 1, text), "t", "d", "f.pdf", vector);
}
