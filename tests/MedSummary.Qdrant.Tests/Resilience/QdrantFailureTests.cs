using Grpc.Core;
using MedSummary.Qdrant.Client;
using MedSummary.Qdrant.Store;
using MedSummary.Qdrant.Tests.Hosting;
using MedSummary.Qdrant.Tests.Store;
using MedSummary.Retrieval.Stores;
using MedSummary.Testing.Qdrant;
using Shouldly;

namespace MedSummary.Qdrant.Tests.Resilience;

/// <summary>
/// What the store does when Qdrant fails: the in-process gRPC server answers the real calls with injected
/// statuses or stalls, and the real channel, its deadlines and its retries react.
/// </summary>
public sealed class QdrantFailureTests : IAsyncLifetime
{
    private const string Tenant = "chu-lyon";
    private const string Count = "Points/Count";
    private readonly List<QdrantTestHost> _hosts = [];
    private QdrantTestServer _server = null!;

    public async Task InitializeAsync() => _server = await QdrantTestServer.StartAsync();

    [Theory]
    [InlineData(StatusCode.Unavailable)]
    [InlineData(StatusCode.DeadlineExceeded)]
    [InlineData(StatusCode.ResourceExhausted)]
    public async Task Transient_failures_followed_by_success_succeed(StatusCode transient)
    {
        var store = await CreatedStoreAsync(o => o.MaxRetries = 3);
        _server.Faults.FailNext(2, transient, Count);

        (await store.CountAsync(new ChunkFilter(Tenant))).ShouldBe(0);

        Calls(Count).ShouldBe(3);
    }

    [Theory]
    [InlineData(StatusCode.Unavailable, "is unreachable")]
    [InlineData(StatusCode.DeadlineExceeded, "did not answer in time")]
    [InlineData(StatusCode.ResourceExhausted, "is overloaded")]
    public async Task Transient_failures_past_the_retries_are_reported(StatusCode transient, string expected)
    {
        var store = await CreatedStoreAsync(o => o.MaxRetries = 2);
        _server.Faults.FailNext(10, transient, Count);

        var error = await Should.ThrowAsync<QdrantException>(() => store.CountAsync(new ChunkFilter(Tenant)));

        error.Status.ShouldBe(transient);
        error.IsUnavailable.ShouldBeTrue();
        error.Operation.ShouldBe("count points");
        error.Message.ShouldContain(expected);
        error.Message.ShouldContain("retries exhausted");
        error.Message.ShouldContain(_server.Url);
        Calls(Count).ShouldBe(3);
    }

    [Fact]
    public async Task Each_retry_is_logged_with_the_operation_and_status_but_no_document_text()
    {
        var logs = new RecordingLoggerProvider();
        var host = QdrantTestHost.Create(_server.Url, o => o.MaxRetries = 3, logging: logs);
        _hosts.Add(host);
        await host.Store.EnsureCreatedAsync(4, "model");
        _server.Faults.FailNext(2, StatusCode.Unavailable, "Points/Upsert", "shard unavailable while writing \"Patiente Jeanne Dupont\"");

        await host.Store.UpsertAsync([Chunks.Make(Tenant, "d1", "doc1", 0, "Patiente Jeanne Dupont", [1, 0, 0, 0])]);

        var retries = logs.Messages.Where(m => m.Level == Microsoft.Extensions.Logging.LogLevel.Warning).Select(m => m.Text).ToList();
        retries.Count.ShouldBe(2);
        retries.ShouldAllBe(m => m.Contains("upsert points") && m.Contains("Unavailable"));
        logs.Messages.ShouldAllBe(m => !m.Text.Contains("Dupont"));
        Calls("Points/Upsert").ShouldBe(3);
    }

    [Fact]
    public async Task With_no_retries_a_transient_failure_is_reported_at_once()
    {
        var store = await CreatedStoreAsync(o => o.MaxRetries = 0);
        _server.Faults.FailNext(1, StatusCode.Unavailable, Count);

        await Should.ThrowAsync<QdrantException>(() => store.CountAsync(new ChunkFilter(Tenant)));

        Calls(Count).ShouldBe(1);
    }

    [Fact]
    public async Task Attempts_past_their_deadline_are_retried_then_reported()
    {
        var store = await CreatedStoreAsync(o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(100);
            o.MaxRetries = 2;
        });
        _server.Faults.Stall = TimeSpan.FromMinutes(1);

        var error = await Should.ThrowAsync<QdrantException>(() => store.CountAsync(new ChunkFilter(Tenant)));

        error.Status.ShouldBe(StatusCode.DeadlineExceeded);
        error.Message.ShouldContain("did not answer in time");
        Calls(Count).ShouldBe(3);
    }

    [Fact]
    public async Task The_total_timeout_ends_the_retries()
    {
        var store = await CreatedStoreAsync(o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(150);
            o.TotalTimeout = TimeSpan.FromMilliseconds(400);
            o.MaxRetries = 10;
        });
        _server.Faults.Stall = TimeSpan.FromMinutes(1);

        var error = await Should.ThrowAsync<QdrantException>(() => store.CountAsync(new ChunkFilter(Tenant)));

        error.Message.ShouldContain("did not answer in time");
        // Eleven attempts of 150 ms cannot fit in 400 ms: the total timeout stopped the retries before they ran out.
        Calls(Count).ShouldBeLessThan(11);
    }

    [Theory]
    [InlineData(StatusCode.InvalidArgument, "rejected the request")]
    [InlineData(StatusCode.Internal, "rejected the request")]
    [InlineData(StatusCode.FailedPrecondition, "rejected the request")]
    public async Task Other_failures_are_reported_without_retries(StatusCode status, string expected)
    {
        var store = await CreatedStoreAsync(o => o.MaxRetries = 3);
        _server.Faults.FailNext(1, status, Count);

        var error = await Should.ThrowAsync<QdrantException>(() => store.CountAsync(new ChunkFilter(Tenant)));

        error.Status.ShouldBe(status);
        error.IsUnavailable.ShouldBeFalse();
        error.Message.ShouldContain(expected);
        error.Message.ShouldNotContain("retries exhausted");
        Calls(Count).ShouldBe(1);
    }

    [Fact]
    public async Task A_server_error_is_reported_without_document_text()
    {
        var store = await CreatedStoreAsync();
        _server.Faults.FailNext(
            1,
            StatusCode.InvalidArgument,
            "Points/Upsert",
            "Wrong input: Validation error: [points[0].payload.text: invalid value \"Patiente Jeanne Dupont, née le 3 mai 1950\" for `text`]");

        var error = await Should.ThrowAsync<QdrantException>(() => store.UpsertAsync([Chunks.Make(Tenant, "d1", "doc1", 0, "Patiente Jeanne Dupont", [1, 0, 0, 0])]));

        error.Message.ShouldContain("Wrong input: Validation error");
        error.Message.ShouldContain("`text`");
        error.Message.ShouldNotContain("Dupont");
        error.ServerError.ShouldNotBeNull().ShouldNotContain("Jeanne");
        error.Operation.ShouldBe("upsert points");
    }

    [Fact]
    public async Task An_unreachable_server_is_retried_then_reported()
    {
        var url = QdrantTestServer.UnreachableUrl();
        var host = QdrantTestHost.Create(url, o => o.MaxRetries = 2);
        _hosts.Add(host);

        var error = await Should.ThrowAsync<QdrantException>(() => host.Store.EnsureCreatedAsync(4, "model"));

        error.Status.ShouldBe(StatusCode.Unavailable);
        error.IsUnavailable.ShouldBeTrue();
        error.Message.ShouldContain("is unreachable");
        error.Message.ShouldContain(url);
        error.Message.ShouldNotContain("Exception");
    }

    [Fact]
    public async Task A_cancelled_call_is_cancelled_not_retried()
    {
        var store = await CreatedStoreAsync(o => o.MaxRetries = 3);
        _server.Faults.Stall = TimeSpan.FromMinutes(1);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Should.ThrowAsync<OperationCanceledException>(() => store.CountAsync(new ChunkFilter(Tenant), cancel.Token));

        Calls(Count).ShouldBe(1);
    }

    [Theory]
    [InlineData("wrong-key", "refused the API key")]
    [InlineData(null, "requires an API key")]
    public async Task A_refused_key_is_reported_once_without_retries(string? key, string expected)
    {
        await using var guarded = await QdrantTestServer.StartAsync(apiKey: "right-key");
        var host = QdrantTestHost.Create(guarded.Url, o =>
        {
            o.ApiKey = key;
            o.MaxRetries = 3;
        });
        _hosts.Add(host);

        var error = await Should.ThrowAsync<QdrantException>(() => host.Store.DescribeAsync());

        error.Message.ShouldContain(expected);
        error.Status.ShouldBe(StatusCode.PermissionDenied);
        guarded.Calls.Count.ShouldBe(1);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        await _server.DisposeAsync();
    }

    private int Calls(string method) => _server.Calls.Count(c => c.Method == method);

    private async Task<QdrantChunkStore> CreatedStoreAsync(Action<QdrantOptions>? configure = null)
    {
        var host = QdrantTestHost.Create(_server.Url, o =>
        {
            o.CollectionPrefix = "failures_";
            configure?.Invoke(o);
        });
        _hosts.Add(host);
        await host.Store.EnsureCreatedAsync(4, "model");
        return host.Store;
    }
}
