using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using MedSummary.Core.Chunks;
using MedSummary.Core.Provenance;
using MedSummary.Retrieval.Search;
using MedSummary.Retrieval.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using System.Numerics.Tensors;

namespace MedSummary.Retrieval.Stores.Sqlite;

/// <summary>
/// The embedded store: one SQLite file holding chunks, their float32 vectors and an FTS5 index of their
/// folded text. Dense search is an exact cosine scan over the filtered rows (a dossier is a few hundred
/// rows; a tenant-wide scan keeps only a top-K heap); lexical search is FTS5's BM25; hybrid fuses both with
/// <see cref="ReciprocalRankFusion"/>.
/// <para>
/// Safe for concurrent readers and writers in one process: a connection per operation (pooled), and writes
/// serialised by a gate rather than left to fail on SQLite's single write lock. Other processes may read the
/// file between this one's commits.
/// </para>
/// <para>
/// A rollback journal, not WAL, and no memory mapping (mmap_size=0): WAL's index is a memory-mapped "-shm" file,
/// and a mapped page the kernel cannot write back (the file made immutable, the disk gone) raises SIGBUS, which
/// ends the whole process with no log line. With plain reads and writes the same faults are SQLite errors that
/// the caller reports. The cost: a search waits for a commit in progress (the busy timeout covers it).
/// </para>
/// </summary>
public sealed partial class SqliteChunkStore : IChunkStore, IDisposable
{
    private const int SchemaVersion = 1;

    /// <summary>The embedder id reported for a file written before stores recorded it (and not opened since).</summary>
    public const string UnrecordedEmbedder = "unrecorded";

    // Vectors live in their own table so that a dense scan reads vector pages only, not the text beside them.
    // BM25 statistics (document frequencies, average length) are those of the whole file, all tenants
    // together; only the ranking, never the content, is influenced by other tenants' chunks.
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS chunks (
            row_id INTEGER PRIMARY KEY,
            tenant TEXT NOT NULL,
            dossier TEXT NOT NULL,
            chunk_id TEXT NOT NULL,
            document TEXT NOT NULL,
            file_name TEXT NOT NULL,
            chunk_index INTEGER NOT NULL,
            section TEXT,
            span_start INTEGER NOT NULL,
            span_end INTEGER NOT NULL,
            page_start INTEGER NOT NULL,
            page_end INTEGER NOT NULL,
            text TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS chunk_vectors (row_id INTEGER PRIMARY KEY, vector BLOB NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS ux_chunks_identity ON chunks (tenant, dossier, chunk_id);
        CREATE INDEX IF NOT EXISTS ix_chunks_document ON chunks (tenant, document);
        CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5 (
            body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
        """;

    private const string ChunkColumns =
        "c.row_id, c.tenant, c.dossier, c.chunk_id, c.document, c.file_name, c.chunk_index, c.section, "
        + "c.span_start, c.span_end, c.page_start, c.page_end, c.text";

    private const int VectorOrdinal = 13;

    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ILogger _logger;
    private int _dimension;
    private int _disposed;

    public SqliteChunkStore(SqliteChunkStoreOptions options, ILogger<SqliteChunkStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        DatabasePath = Path.GetFullPath(options.DatabasePath);
        _busyTimeoutMs = (int)options.BusyTimeout.TotalMilliseconds;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        _logger = logger ?? NullLogger<SqliteChunkStore>.Instance;
    }

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath { get; }

    public async Task EnsureCreatedAsync(int dimension, string embedderId, CancellationToken cancellationToken = default)
    {
        ChunkStoreGuards.ValidateDimension(dimension);
        ChunkStoreGuards.ValidateEmbedderId(embedderId);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var folder = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(requireCreated: false, cancellationToken).ConfigureAwait(false);
            try
            {
                // Both are recorded in the file (page_size only takes effect on a new one) and neither can change
                // inside a transaction. 8 KiB pages hold three 512-dimension vectors where 4 KiB pages hold one.
                await ExecuteAsync(connection, null, "PRAGMA page_size = 8192; PRAGMA journal_mode = DELETE;", cancellationToken).ConfigureAwait(false);
                await using var transaction = connection.BeginTransaction();
                await ExecuteAsync(connection, transaction, Schema, cancellationToken).ConfigureAwait(false);
                var meta = await ReadMetaAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                if (meta.Dimension is null)
                {
                    await using var insert = connection.CreateCommand();
                    insert.Transaction = transaction;
                    insert.CommandText = "INSERT INTO store_meta (key, value) VALUES ('dimension', $d), ('schema_version', $v), ('embedder', $e);";
                    insert.Parameters.AddWithValue("$d", dimension.ToString(CultureInfo.InvariantCulture));
                    insert.Parameters.AddWithValue("$v", SchemaVersion.ToString(CultureInfo.InvariantCulture));
                    insert.Parameters.AddWithValue("$e", embedderId);
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    CheckMeta(meta);
                    if (meta.Embedder is null && meta.Dimension == dimension)
                    {
                        // Files written before the embedder was recorded take the first one that opens them.
                        await using var adopt = connection.CreateCommand();
                        adopt.Transaction = transaction;
                        adopt.CommandText = "INSERT INTO store_meta (key, value) VALUES ('embedder', $e);";
                        adopt.Parameters.AddWithValue("$e", embedderId);
                        await adopt.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                    else if (meta.Dimension != dimension || !string.Equals(meta.Embedder, embedderId, StringComparison.Ordinal))
                    {
                        throw ChunkStoreGuards.Mismatch(
                            $"'{DatabasePath}'", new StoreDescriptor(meta.Dimension.Value, meta.Embedder ?? UnrecordedEmbedder), dimension, embedderId);
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SqliteException e) when (e.SqliteErrorCode is SqliteNotADatabase)
            {
                throw NotADatabase(e);
            }

            Volatile.Write(ref _dimension, dimension);
            LogStoreReady(DatabasePath, dimension);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<StoreDescriptor?> DescribeAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!File.Exists(DatabasePath))
        {
            return null;
        }

        await using var connection = await OpenAsync(requireCreated: false, cancellationToken).ConfigureAwait(false);
        try
        {
            var meta = await ReadMetaAsync(connection, null, cancellationToken).ConfigureAwait(false);
            if (meta.Dimension is not { } dimension)
            {
                return null;
            }

            CheckMeta(meta);
            return new StoreDescriptor(dimension, meta.Embedder ?? UnrecordedEmbedder);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteNotADatabase)
        {
            throw NotADatabase(e);
        }
    }

    public async Task<IReadOnlyList<string>> ListTenantsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(requireCreated: true, cancellationToken).ConfigureAwait(false);
        await GetDimensionAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT tenant FROM chunks;";
        var tenants = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tenants.Add(reader.GetString(0));
        }

        tenants.Sort(StringComparer.Ordinal);
        return tenants;
    }

    public async Task UpsertAsync(IReadOnlyList<IndexedChunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(requireCreated: true, cancellationToken).ConfigureAwait(false);
            var dimension = await GetDimensionAsync(connection, cancellationToken).ConfigureAwait(false);
            ChunkStoreGuards.ValidateBatch(chunks, dimension, $"the chunk store '{DatabasePath}'");
            if (chunks.Count == 0)
            {
                return;
            }

            await using var transaction = connection.BeginTransaction();
            await using var upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO chunks (tenant, dossier, chunk_id, document, file_name, chunk_index, section,
                                    span_start, span_end, page_start, page_end, text)
                VALUES ($tenant, $dossier, $id, $document, $file, $index, $section, $start, $end, $pstart, $pend, $text)
                ON CONFLICT (tenant, dossier, chunk_id) DO UPDATE SET
                    document = excluded.document, file_name = excluded.file_name, chunk_index = excluded.chunk_index,
                    section = excluded.section, span_start = excluded.span_start, span_end = excluded.span_end,
                    page_start = excluded.page_start, page_end = excluded.page_end, text = excluded.text
                RETURNING row_id;
                """;
            var p = upsert.Parameters;
            var tenant = p.Add("$tenant", SqliteType.Text);
            var dossier = p.Add("$dossier", SqliteType.Text);
            var id = p.Add("$id", SqliteType.Text);
            var document = p.Add("$document", SqliteType.Text);
            var file = p.Add("$file", SqliteType.Text);
            var index = p.Add("$index", SqliteType.Integer);
            var section = p.Add("$section", SqliteType.Text);
            var start = p.Add("$start", SqliteType.Integer);
            var end = p.Add("$end", SqliteType.Integer);
            var pageStart = p.Add("$pstart", SqliteType.Integer);
            var pageEnd = p.Add("$pend", SqliteType.Integer);
            var text = p.Add("$text", SqliteType.Text);

            // The FTS table is contentless (the text lives once, in chunks); contentless_delete lets a row be
            // replaced by rowid alone. Both side tables share the chunk's row id.
            await using var sideTables = connection.CreateCommand();
            sideTables.Transaction = transaction;
            sideTables.CommandText =
                "DELETE FROM chunks_fts WHERE rowid = $rowid; INSERT INTO chunks_fts (rowid, body) VALUES ($rowid, $body); "
                + "INSERT OR REPLACE INTO chunk_vectors (row_id, vector) VALUES ($rowid, $vector);";
            var sideRow = sideTables.Parameters.Add("$rowid", SqliteType.Integer);
            var body = sideTables.Parameters.Add("$body", SqliteType.Text);
            var vector = sideTables.Parameters.Add("$vector", SqliteType.Blob);

            foreach (var item in chunks)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var chunk = item.Chunk;
                tenant.Value = item.Tenant;
                dossier.Value = item.DossierId;
                id.Value = chunk.Id;
                document.Value = chunk.DocumentId;
                file.Value = item.FileName ?? string.Empty;
                index.Value = chunk.Index;
                section.Value = (object?)chunk.Section ?? DBNull.Value;
                start.Value = chunk.Span.Start;
                end.Value = chunk.Span.End;
                pageStart.Value = chunk.PageStart;
                pageEnd.Value = chunk.PageEnd;
                text.Value = chunk.Text ?? string.Empty;
                var rowId = (long)(await upsert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;

                sideRow.Value = rowId;
                body.Value = LexicalText.Fold(chunk.Text ?? string.Empty);
                vector.Value = ToBlob(item.Vector.Span);
                await sideTables.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            LogUpserted(chunks.Count);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<IReadOnlyList<ChunkHit>> SearchAsync(ChunkQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ChunkStoreGuards.ValidateFilter(query.Filter);
        await using var connection = await OpenAsync(requireCreated: true, cancellationToken).ConfigureAwait(false);
        var dimension = await GetDimensionAsync(connection, cancellationToken).ConfigureAwait(false);
        var terms = ChunkStoreGuards.ValidateQuery(query, dimension);
        if (ChunkStoreGuards.MatchesNothing(query.Filter))
        {
            return [];
        }

        switch (query.Mode)
        {
            case SearchMode.Dense:
            {
                var ranked = await RankDenseAsync(connection, query.Filter, query.Vector!.Value, query.Top, cancellationToken).ConfigureAwait(false);
                var chunks = await FetchAsync(connection, ranked.Select(r => r.RowId).ToList(), cancellationToken).ConfigureAwait(false);
                return ranked.Select(r => new ChunkHit(chunks[r.RowId], r.Score, r.Score, null)).ToList();
            }

            case SearchMode.Lexical:
            {
                var ranked = await RankLexicalAsync(connection, query.Filter, terms, query.Top, cancellationToken).ConfigureAwait(false);
                var chunks = await FetchAsync(connection, ranked.Select(r => r.RowId).ToList(), cancellationToken).ConfigureAwait(false);
                return ranked.Select(r => new ChunkHit(chunks[r.RowId], r.Score, null, r.Score)).ToList();
            }

            default:
            {
                // Fused on row ids (one per tenant, dossier and chunk id), so only the final top is read in full.
                var depth = ReciprocalRankFusion.CandidateDepth(query.Top);
                var dense = query.Vector is { } v
                    ? await RankDenseAsync(connection, query.Filter, v, depth, cancellationToken).ConfigureAwait(false)
                    : [];
                var lexical = await RankLexicalAsync(connection, query.Filter, terms, depth, cancellationToken).ConfigureAwait(false);
                var fused = ReciprocalRankFusion.Fuse<long>([dense.Select(r => r.RowId).ToList(), lexical.Select(r => r.RowId).ToList()])
                    .Take(query.Top)
                    .ToList();
                var denseScores = dense.ToDictionary(r => r.RowId, r => r.Score);
                var lexicalScores = lexical.ToDictionary(r => r.RowId, r => r.Score);
                var chunks = await FetchAsync(connection, fused.Select(f => f.Item).ToList(), cancellationToken).ConfigureAwait(false);
                return fused.Select(f => new ChunkHit(
                        chunks[f.Item],
                        f.Score,
                        denseScores.TryGetValue(f.Item, out var d) ? d : null,
                        lexicalScores.TryGetValue(f.Item, out var l) ? l : null))
                    .ToList();
            }
        }
    }

    public async Task DeleteDossierAsync(string tenant, string dossierId, CancellationToken cancellationToken = default)
    {
        ChunkStoreGuards.ValidateOwner(tenant, dossierId);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(requireCreated: true, cancellationToken).ConfigureAwait(false);
            await GetDimensionAsync(connection, cancellationToken).ConfigureAwait(false);
            await using var transaction = connection.BeginTransaction();

            var rowIds = new List<long>();
            await using (var select = connection.CreateCommand())
            {
                select.Transaction = transaction;
                select.CommandText = "SELECT row_id FROM chunks WHERE tenant = $tenant AND dossier = $dossier;";
                select.Parameters.AddWithValue("$tenant", tenant);
                select.Parameters.AddWithValue("$dossier", dossierId);
                await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rowIds.Add(reader.GetInt64(0));
                }
            }

            await using (var sideDelete = connection.CreateCommand())
            {
                sideDelete.Transaction = transaction;
                sideDelete.CommandText = "DELETE FROM chunks_fts WHERE rowid = $rowid; DELETE FROM chunk_vectors WHERE row_id = $rowid;";
                var row = sideDelete.Parameters.Add("$rowid", SqliteType.Integer);
                foreach (var rowId in rowIds)
                {
                    row.Value = rowId;
                    await sideDelete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await using (var delete = connection.CreateCommand())
            {
                delete.Transaction = transaction;
                delete.CommandText = "DELETE FROM chunks WHERE tenant = $tenant AND dossier = $dossier;";
                delete.Parameters.AddWithValue("$tenant", tenant);
                delete.Parameters.AddWithValue("$dossier", dossierId);
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            LogDossierDeleted(rowIds.Count);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<long> CountAsync(ChunkFilter filter, CancellationToken cancellationToken = default)
    {
        ChunkStoreGuards.ValidateFilter(filter);
        await using var connection = await OpenAsync(requireCreated: true, cancellationToken).ConfigureAwait(false);
        await GetDimensionAsync(connection, cancellationToken).ConfigureAwait(false);
        if (ChunkStoreGuards.MatchesNothing(filter))
        {
            return 0;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM chunks c WHERE {BuildFilter(command, filter)};";
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public IAsyncEnumerable<IndexedChunk> ListAsync(ChunkFilter filter, CancellationToken cancellationToken = default)
    {
        // Checked here, not on first MoveNext, so a bad filter fails where the call is made.
        ChunkStoreGuards.ValidateFilter(filter);
        return ListCoreAsync(filter, cancellationToken);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Pooled connections keep the file open; release them so the file can be moved or deleted.
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writeGate.Dispose();
    }

    private async IAsyncEnumerable<IndexedChunk> ListCoreAsync(ChunkFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(requireCreated: true, cancellationToken).ConfigureAwait(false);
        var dimension = await GetDimensionAsync(connection, cancellationToken).ConfigureAwait(false);
        if (ChunkStoreGuards.MatchesNothing(filter))
        {
            yield break;
        }

        await using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT {ChunkColumns}, v.vector FROM chunks c JOIN chunk_vectors v ON v.row_id = c.row_id WHERE {BuildFilter(command, filter)} "
            + "ORDER BY c.dossier, c.document, c.chunk_index, c.chunk_id;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[dimension * sizeof(float)];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ReadVector(reader, VectorOrdinal, buffer);
            var vector = new float[dimension];
            CopyVector(buffer, vector);
            yield return ReadChunk(reader, vector);
        }
    }

    /// <summary>Row ids and cosine similarities of the best <paramref name="top"/> rows, best first.</summary>
    private async Task<List<(long RowId, double Score)>> RankDenseAsync(
        SqliteConnection connection, ChunkFilter filter, ReadOnlyMemory<float> queryVector, int top, CancellationToken cancellationToken)
    {
        var queryNorm = TensorPrimitives.Norm(queryVector.Span);
        if (queryNorm == 0)
        {
            // Nothing is similar to the zero vector (what an empty query embeds to).
            return [];
        }

        // Min-heap of the best so far: the root is the worst kept hit (lowest score, then highest row id).
        var heap = new PriorityQueue<long, (double Score, long RowId)>(top + 1, WorseFirst.Instance);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT c.row_id, v.vector FROM chunks c JOIN chunk_vectors v ON v.row_id = c.row_id WHERE {BuildFilter(command, filter)};";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new byte[queryVector.Length * sizeof(float)];
            var floats = BitConverter.IsLittleEndian ? null : new float[queryVector.Length];
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var rowId = reader.GetInt64(0);
                ReadVector(reader, 1, buffer);
                ReadOnlySpan<float> stored;
                if (floats is null)
                {
                    stored = MemoryMarshal.Cast<byte, float>(buffer);
                }
                else
                {
                    CopyVector(buffer, floats);
                    stored = floats;
                }

                var storedNorm = TensorPrimitives.Norm(stored);
                var score = storedNorm == 0
                    ? 0.0
                    : Math.Clamp(TensorPrimitives.Dot(queryVector.Span, stored) / ((double)queryNorm * storedNorm), -1.0, 1.0);
                var entry = (score, rowId);
                if (heap.Count < top)
                {
                    heap.Enqueue(rowId, entry);
                }
                else if (heap.TryPeek(out _, out var worst) && WorseFirst.Instance.Compare(worst, entry) < 0)
                {
                    heap.DequeueEnqueue(rowId, entry);
                }
            }
        }

        var ranked = new List<(long RowId, double Score)>(heap.Count);
        while (heap.TryDequeue(out _, out var entry))
        {
            ranked.Add((entry.RowId, entry.Score));
        }

        ranked.Reverse();
        return ranked;
    }

    /// <summary>Row ids and BM25 scores (higher is better) of the best <paramref name="top"/> matching rows, best first.</summary>
    private static async Task<List<(long RowId, double Score)>> RankLexicalAsync(
        SqliteConnection connection, ChunkFilter filter, IReadOnlyList<string> terms, int top, CancellationToken cancellationToken)
    {
        if (terms.Count == 0)
        {
            return [];
        }

        var ranked = new List<(long RowId, double Score)>();
        await using (var command = connection.CreateCommand())
        {
            // bm25() is lower-is-better (negative); the hit score is its negation so that higher is better.
            command.CommandText =
                "SELECT c.row_id, bm25(chunks_fts) AS rank FROM chunks_fts JOIN chunks c ON c.row_id = chunks_fts.rowid "
                + $"WHERE chunks_fts MATCH $match AND {BuildFilter(command, filter)} ORDER BY rank, c.row_id LIMIT $top;";
            command.Parameters.AddWithValue("$match", ToMatchExpression(terms));
            command.Parameters.AddWithValue("$top", top);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ranked.Add((reader.GetInt64(0), -reader.GetDouble(1)));
            }
        }

        return ranked;
    }

    /// <summary>
    /// An FTS5 expression that can only mean "any of these words": each term is a quoted string, so user
    /// text can never be read as an operator (NOT, NEAR, *, ^, column filters, parentheses).
    /// </summary>
    internal static string ToMatchExpression(IReadOnlyList<string> terms) =>
        string.Join(" OR ", terms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));

    private static async Task<Dictionary<long, IndexedChunk>> FetchAsync(
        SqliteConnection connection, IReadOnlyList<long> rowIds, CancellationToken cancellationToken)
    {
        var chunks = new Dictionary<long, IndexedChunk>(rowIds.Count);
        if (rowIds.Count == 0)
        {
            return chunks;
        }

        await using var command = connection.CreateCommand();
        var names = new StringBuilder();
        for (var i = 0; i < rowIds.Count; i++)
        {
            var name = "$r" + i.ToString(CultureInfo.InvariantCulture);
            names.Append(i == 0 ? name : "," + name);
            command.Parameters.AddWithValue(name, rowIds[i]);
        }

        command.CommandText = $"SELECT {ChunkColumns} FROM chunks c WHERE c.row_id IN ({names});";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            chunks[reader.GetInt64(0)] = ReadChunk(reader, ReadOnlyMemory<float>.Empty);
        }

        return chunks;
    }

    private static IndexedChunk ReadChunk(SqliteDataReader reader, ReadOnlyMemory<float> vector)
    {
        var chunk = new Chunk(
            Id: reader.GetString(3),
            DocumentId: reader.GetString(4),
            Index: reader.GetInt32(6),
            Section: reader.IsDBNull(7) ? null : reader.GetString(7),
            Span: new TextSpan(reader.GetInt32(8), reader.GetInt32(9)),
            PageStart: reader.GetInt32(10),
            PageEnd: reader.GetInt32(11),
            Text: reader.GetString(12));
        return new IndexedChunk(chunk, reader.GetString(1), reader.GetString(2), reader.GetString(5), vector);
    }

    private static string BuildFilter(SqliteCommand command, ChunkFilter filter)
    {
        var sql = new StringBuilder("c.tenant = $tenant");
        command.Parameters.AddWithValue("$tenant", filter.Tenant);
        AppendIn(sql, command, "c.dossier", "$dossier", filter.DossierIds);
        AppendIn(sql, command, "c.document", "$document", filter.DocumentIds);
        if (filter.Section is not null)
        {
            sql.Append(" AND c.section = $section");
            command.Parameters.AddWithValue("$section", filter.Section);
        }

        return sql.ToString();
    }

    private static void AppendIn(StringBuilder sql, SqliteCommand command, string column, string prefix, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        sql.Append(" AND ").Append(column).Append(" IN (");
        var i = 0;
        foreach (var value in values.Distinct(StringComparer.Ordinal))
        {
            var name = prefix + i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? name : "," + name);
            command.Parameters.AddWithValue(name, value ?? string.Empty);
            i++;
        }

        sql.Append(')');
    }

    private static byte[] ToBlob(ReadOnlySpan<float> vector)
    {
        if (BitConverter.IsLittleEndian)
        {
            return MemoryMarshal.AsBytes(vector).ToArray();
        }

        var blob = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(blob.AsSpan(i * sizeof(float)), vector[i]);
        }

        return blob;
    }

    private static void CopyVector(byte[] blob, float[] vector)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, float>(blob).CopyTo(vector);
            return;
        }

        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = BinaryPrimitives.ReadSingleLittleEndian(blob.AsSpan(i * sizeof(float)));
        }
    }

    private void ReadVector(SqliteDataReader reader, int ordinal, byte[] buffer)
    {
        var length = reader.GetBytes(ordinal, 0, null, 0, 0);
        if (length != buffer.Length)
        {
            throw new InvalidDataException(
                $"The chunk store '{DatabasePath}' holds a {length}-byte vector where {buffer.Length} bytes were expected; the file is damaged.");
        }

        reader.GetBytes(ordinal, 0, buffer, 0, buffer.Length);
    }

    private async Task<SqliteConnection> OpenAsync(bool requireCreated, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        // Opening would create an empty file; a store never created must say so instead.
        if (requireCreated && Volatile.Read(ref _dimension) == 0 && !File.Exists(DatabasePath))
        {
            throw NotCreated();
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, null, $"PRAGMA mmap_size = 0; PRAGMA busy_timeout = {_busyTimeoutMs.ToString(CultureInfo.InvariantCulture)};", cancellationToken)
                .ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<int> GetDimensionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var known = Volatile.Read(ref _dimension);
        if (known > 0)
        {
            return known;
        }

        try
        {
            var meta = await ReadMetaAsync(connection, null, cancellationToken).ConfigureAwait(false);
            if (meta.Dimension is not { } dimension)
            {
                throw NotCreated();
            }

            CheckMeta(meta);
            Volatile.Write(ref _dimension, dimension);
            return dimension;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteNotADatabase)
        {
            throw NotADatabase(e);
        }
    }

    private static async Task<StoreMeta> ReadMetaAsync(
        SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'store_meta';";
        if ((long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 0)
        {
            return new StoreMeta(null, null, null);
        }

        command.CommandText = "SELECT key, value FROM store_meta WHERE key IN ('dimension', 'schema_version', 'embedder');";
        int? dimension = null;
        int? version = null;
        string? embedder = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            switch (reader.GetString(0))
            {
                case "dimension":
                    dimension = int.Parse(reader.GetString(1), NumberStyles.Integer, CultureInfo.InvariantCulture);
                    break;
                case "schema_version":
                    version = int.Parse(reader.GetString(1), NumberStyles.Integer, CultureInfo.InvariantCulture);
                    break;
                default:
                    embedder = reader.GetString(1);
                    break;
            }
        }

        return new StoreMeta(dimension, version, embedder);
    }

    private readonly record struct StoreMeta(int? Dimension, int? SchemaVersion, string? Embedder);

    private void CheckMeta(StoreMeta meta)
    {
        if (meta.SchemaVersion != SchemaVersion)
        {
            throw new InvalidOperationException(
                $"The chunk store '{DatabasePath}' has schema version {meta.SchemaVersion?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}; "
                + $"this version of MedSummary reads version {SchemaVersion}. Re-index into a new store file.");
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private const int SqliteNotADatabase = 26;

    private InvalidOperationException NotCreated() =>
        new($"The chunk store '{DatabasePath}' has not been created; call {nameof(EnsureCreatedAsync)} first.");

    private InvalidDataException NotADatabase(Exception inner) =>
        new($"The file '{DatabasePath}' is not a MedSummary chunk store (not a SQLite database, or damaged).", inner);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chunk store ready at {Path} ({Dimension}-dimension vectors)")]
    private partial void LogStoreReady(string path, int dimension);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Upserted {Count} chunks")]
    private partial void LogUpserted(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted a dossier: {Count} chunks removed")]
    private partial void LogDossierDeleted(int count);

    /// <summary>Orders heap entries worst first: lower score, then (for equal scores) the later row.</summary>
    private sealed class WorseFirst : IComparer<(double Score, long RowId)>
    {
        public static readonly WorseFirst Instance = new();

        public int Compare((double Score, long RowId) x, (double Score, long RowId) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : y.RowId.CompareTo(x.RowId);
        }
    }
}
