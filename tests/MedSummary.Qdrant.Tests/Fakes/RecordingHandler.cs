using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace MedSummary.Qdrant.Tests.Fakes;

/// <summary>A request as the server received it: method, path, query, the api-key header and the JSON body.</summary>
internal sealed record RecordedRequest(HttpMethod Method, string Path, string Query, string? ApiKey, string? ContentType, string? Body)
{
    public JsonNode? Json => Body is null ? null : JsonNode.Parse(Body);

    public override string ToString() => $"{Method} {Path}{Query}";
}

/// <summary>
/// Records every request and answers each with the next canned response (the last one repeats). A response
/// may be a delay that outlasts the client's timeout, or a connection failure.
/// </summary>
internal sealed class RecordingHandler : HttpMessageHandler
{
    private readonly Lock _gate = new();
    private readonly Queue<Func<Task<HttpResponseMessage>>> _responses = new();
    private Func<Task<HttpResponseMessage>>? _last;

    public List<RecordedRequest> Requests { get; } = [];

    public RecordingHandler Reply(HttpStatusCode status, string json)
    {
        Enqueue(() => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") }));
        return this;
    }

    public RecordingHandler ReplyOk(string resultJson) => Reply(HttpStatusCode.OK, $$"""{"result":{{resultJson}},"status":"ok","time":0.00021}""");

    public RecordingHandler ReplyError(HttpStatusCode status, string error) =>
        Reply(status, $$"""{"status":{"error":{{System.Text.Json.JsonSerializer.Serialize(error)}}},"time":0.00004}""");

    public RecordingHandler ReplyHang()
    {
        Enqueue(async () =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, _hangToken.Token);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    public RecordingHandler ReplyConnectionRefused()
    {
        Enqueue(() => Task.FromException<HttpResponseMessage>(
            new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (qdrant.test:6333)")));
        return this;
    }

    private readonly CancellationTokenSource _hangToken = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Func<Task<HttpResponseMessage>> respond;
        lock (_gate)
        {
            Requests.Add(new RecordedRequest(
                request.Method,
                request.RequestUri!.AbsolutePath,
                request.RequestUri.Query,
                request.Headers.TryGetValues("api-key", out var keys) ? keys.Single() : null,
                request.Content?.Headers.ContentType?.ToString(),
                body));
            respond = _responses.Count > 0 ? _responses.Dequeue() : _last ?? throw new InvalidOperationException($"No response left for {request.Method} {request.RequestUri}");
            _last = respond;
        }

        var response = respond();
        return await response.WaitAsync(cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hangToken.Cancel();
            _hangToken.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Enqueue(Func<Task<HttpResponseMessage>> response)
    {
        lock (_gate)
        {
            _responses.Enqueue(response);
        }
    }
}
