using System.Net;
using MedSummary.Api.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Shouldly;
using Xunit;

namespace MedSummary.Api.Tests;

public sealed class AccessHardeningTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Colleague = IPAddress.Parse("127.0.0.3");

    [Fact]
    public async Task Failed_authentications_from_one_address_are_throttled_with_429_while_another_address_still_authenticates()
    {
        var logs = new CapturedLogs();
        using var host = new ApiHost(new Dictionary<string, string?>
        {
            ["MedSummary:Api:AuthThrottle:Burst"] = "5",
            ["MedSummary:Api:AuthThrottle:FailuresPerMinute"] = "1",
        }, logs: logs);
        var server = host.StartKestrel();
        using var guesser = ApiHost.LoopbackClient(server, Attacker, "guess-0123456789abcdefghijklmnop");
        using var colleague = ApiHost.LoopbackClient(server, Colleague, ApiHost.CardiologyKey);
        using var attackerWithTheRightKey = ApiHost.LoopbackClient(server, Attacker, ApiHost.OncologyKey);

        for (var i = 0; i < 5; i++)
        {
            await (await guesser.GetAsync("/v1/dossiers")).ShouldBeProblemAsync(401, "unauthorized");
        }

        using var throttled = await guesser.GetAsync("/v1/dossiers");
        await throttled.ShouldBeProblemAsync(429, "auth_throttled");
        throttled.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeGreaterThanOrEqualTo(1);

        // The address is refused before its credentials are read: a right key from it waits too.
        await (await attackerWithTheRightKey.GetAsync("/v1/dossiers")).ShouldBeProblemAsync(429, "auth_throttled");
        (await colleague.GetAsync("/v1/dossiers")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Log lines name the client by a marker, the same for every line about it, never by its address or the key.
        var refusals = logs.Lines.Where(l => l.Contains("Authentication refused for client", StringComparison.Ordinal)).ToList();
        refusals.Count.ShouldBe(5);
        var markers = refusals.Select(l => l.Split("client ")[1].Split(':')[0]).Distinct().ToList();
        markers.Count.ShouldBe(1);
        markers[0].ShouldMatch("^client-[0-9a-f]{12}$");
        logs.Lines.ShouldContain(l => l.Contains("too many failed authentications", StringComparison.Ordinal) && l.Contains(markers[0], StringComparison.Ordinal));
        logs.Lines.ShouldAllBe(l => !l.Contains("127.0.0.2") && !l.Contains("guess-0123456789"));
    }

    [Fact]
    public async Task Metrics_and_the_detailed_health_need_the_operator_key_while_the_probes_say_nothing_of_configuration()
    {
        using var host = new ApiHost();
        using var anonymous = host.Client(key: null);
        using var tenant = host.Client();
        using var operatorClient = host.OperatorClient();
        using var wrongOperator = host.Client(key: null);
        wrongOperator.DefaultRequestHeaders.Add("X-Operator-Key", "not-the-operator-key-0123456789");

        foreach (var path in new[] { "/metrics", "/health" })
        {
            await (await anonymous.GetAsync(path)).ShouldBeProblemAsync(401, "unauthorized");
            await (await tenant.GetAsync(path)).ShouldBeProblemAsync(401, "unauthorized");
            await (await wrongOperator.GetAsync(path)).ShouldBeProblemAsync(401, "unauthorized");
            (await operatorClient.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK, path);
        }

        var detailed = await operatorClient.GetJsonAsync("/health");
        detailed["models"].ShouldNotBeNull();
        detailed["queue"].ShouldNotBeNull();
        (await operatorClient.GetStringAsync("/metrics")).ShouldContain("# TYPE");

        foreach (var path in new[] { "/health/live", "/health/ready" })
        {
            using var response = await anonymous.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            var body = await response.Content.ReadAsStringAsync();
            System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject().Select(p => p.Key).ShouldBe(["status"], body);
        }
    }

    [Fact]
    public async Task Without_an_operator_key_configured_metrics_and_the_detailed_health_are_closed_to_everyone()
    {
        using var host = new ApiHost(new Dictionary<string, string?> { ["MedSummary:Api:OperatorKey"] = null });
        using var tenant = host.Client();
        var problem = await (await tenant.GetAsync("/metrics")).ShouldBeProblemAsync(403, "forbidden");
        problem["detail"]!.GetValue<string>().ShouldContain("No operator key is configured");
        await (await tenant.GetAsync("/health")).ShouldBeProblemAsync(403, "forbidden");
        (await tenant.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("short-operator", "OperatorKey is shorter than 24 characters")]
    [InlineData(ApiHost.OncologyKey, "the operator key is also a tenant key")]
    public void A_bad_operator_key_is_refused_at_start_naming_the_setting(string key, string message)
    {
        using var host = new ApiHost(new Dictionary<string, string?> { ["MedSummary:Api:OperatorKey"] = key });
        var error = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() => host.Client());
        error.Message.ShouldContain(message);
    }
}

/// <summary>Every log line the service writes, formatted, for tests of what logs say and never say.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(_lines);

    public void Dispose()
    {
    }

    private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception));
    }
}
