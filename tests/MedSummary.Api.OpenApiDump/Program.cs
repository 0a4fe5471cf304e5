using MedSummary.Api;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

// Usage: MedSummary.Api.OpenApiDump <output.json>
// Starts the real service on an in-memory server with a throw-away data folder and one key, and writes what
// GET /openapi/v1.json answers: the document is the live one by construction, not a second rendering of it.
if (args.Length != 1)
{
    await Console.Error.WriteLineAsync("usage: MedSummary.Api.OpenApiDump <output.json>");
    return 2;
}

var data = Directory.CreateTempSubdirectory("medsummary-openapi-");
try
{
    var builder = MedSummaryApi.CreateBuilder([]);
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["MedSummary:Api:DataFolder"] = data.FullName,
        ["MedSummary:Api:Keys:0:Tenant"] = "openapi",
        ["MedSummary:Api:Keys:0:Key"] = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)),
        ["MedSummary:Api:PublicApiReference"] = "true",
    });
    builder.Logging.ClearProviders();
    builder.WebHost.UseTestServer();
    await using var app = MedSummaryApi.Build(builder);
    await app.StartAsync();
    using var client = app.GetTestClient();
    var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
    await app.StopAsync();
    var output = Path.GetFullPath(args[0]);
    Directory.CreateDirectory(Path.GetDirectoryName(output)!);
    await File.WriteAllTextAsync(output, document);
    return 0;
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    data.Delete(recursive: true);
}
