using MedSummary.Api;

await using var app = MedSummaryApi.Build(MedSummaryApi.CreateBuilder(args));
await app.RunAsync();

/// <summary>The entry point, public so that tests can host the app with WebApplicationFactory&lt;Program&gt;.</summary>
public partial class Program;
