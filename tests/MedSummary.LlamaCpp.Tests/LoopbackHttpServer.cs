using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MedSummary.LlamaCpp.Tests;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 for tests: each request is answered by a handler that may also cut the
/// connection mid-body. Requests are recorded. Bounded: it serves until disposed, connections served concurrently.
/// </summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<RecordedRequest, Response> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackHttpServer(Func<RecordedRequest, Response> handler)
    {
        _handler = handler;
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUri { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            // Each connection on its own task: clients keep connections alive and open new ones at will.
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        await ServeAsync(client.GetStream());
                    }
                    catch (IOException)
                    {
                    }
                    catch (ObjectDisposedException)
                    {
                    }
                }
            });
        }
    }

    private async Task ServeAsync(NetworkStream stream)
    {
        while (true)
        {
            var header = await ReadHeaderAsync(stream);
            if (header is null)
            {
                return;
            }

            var lines = header.Split("\r\n");
            var parts = lines[0].Split(' ');
            var headers = lines.Skip(1).Where(l => l.Contains(':', StringComparison.Ordinal))
                .ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)].Trim().ToLowerInvariant(), l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
            var body = Array.Empty<byte>();
            if (headers.TryGetValue("content-length", out var lengthText) && int.Parse(lengthText, System.Globalization.CultureInfo.InvariantCulture) is var length and > 0)
            {
                body = new byte[length];
                await stream.ReadExactlyAsync(body);
            }

            var request = new RecordedRequest(parts[0], parts[1], headers, Encoding.UTF8.GetString(body));
            Requests.Enqueue(request);
            var response = _handler(request);
            var head = new StringBuilder()
                .Append("HTTP/1.1 ").Append(response.Status).Append(' ').Append(response.Reason).Append("\r\n")
                .Append("Content-Length: ").Append(response.DeclaredLength ?? response.Body.Length).Append("\r\n");
            foreach (var (k, v) in response.Headers)
            {
                head.Append(k).Append(": ").Append(v).Append("\r\n");
            }

            head.Append("Connection: ").Append(response.CutAfter is null ? "keep-alive" : "close").Append("\r\n\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
            var send = response.CutAfter is { } cut ? response.Body.AsMemory(0, Math.Min(cut, response.Body.Length)) : response.Body;
            await stream.WriteAsync(send);
            await stream.FlushAsync();
            if (response.CutAfter is not null)
            {
                return;
            }
        }
    }

    private static async Task<string?> ReadHeaderAsync(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            var n = await stream.ReadAsync(one);
            if (n == 0)
            {
                return null;
            }

            bytes.Add(one[0]);
            var c = bytes.Count;
            if (c >= 4 && bytes[c - 4] == '\r' && bytes[c - 3] == '\n' && bytes[c - 2] == '\r' && bytes[c - 1] == '\n')
            {
                return Encoding.ASCII.GetString(bytes.ToArray(), 0, c - 4);
            }
        }
    }

    internal sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

    internal sealed record Response(int Status, string Reason, byte[] Body)
    {
        public IReadOnlyList<(string, string)> Headers { get; init; } = [];

        /// <summary>Close the connection after this many body bytes (the declared length stays the full one).</summary>
        public int? CutAfter { get; init; }

        public long? DeclaredLength { get; init; }

        public static Response Json(string json, int status = 200) =>
            new(status, status == 200 ? "OK" : "Error", Encoding.UTF8.GetBytes(json)) { Headers = [("Content-Type", "application/json")] };
    }
}
