using System.Security.Cryptography.X509Certificates;
using MedSummary.Qdrant.Client;
using MedSummary.Testing;
using MedSummary.Testing.Qdrant;
using Shouldly;

namespace MedSummary.Qdrant.Tests.Hosting;

/// <summary>
/// gRPC over TLS to a server whose certificate comes from an in-house CA: the in-process server presents a
/// certificate the test issued, and the store trusts it only through CaCertificatePath.
/// </summary>
public sealed class TlsTests : IDisposable
{
    private readonly TempDirectory _folder = new("medsummary-qdrant-tls");
    private readonly X509Certificate2 _ca = TestCertificates.Authority("CN=MedSummary Test CA");

    [Fact]
    public async Task The_store_talks_tls_to_a_server_whose_certificate_comes_from_the_configured_ca()
    {
        using var certificate = TestCertificates.Server(_ca, "localhost");
        await using var server = await QdrantTestServer.StartAsync(apiKey: "tls-key", certificate: certificate);
        var caPath = _folder.File("ca.pem");
        await File.WriteAllTextAsync(caPath, _ca.ExportCertificatePem());
        using var host = QdrantTestHost.Create(server.Url, o =>
        {
            o.ApiKey = "tls-key";
            o.CaCertificatePath = caPath;
        });

        await host.Store.EnsureCreatedAsync(4, "model");

        server.Url.ShouldStartWith("https://localhost:");
        (await host.Store.CollectionExistsAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task Without_the_ca_the_server_certificate_is_refused()
    {
        using var certificate = TestCertificates.Server(_ca, "localhost");
        await using var server = await QdrantTestServer.StartAsync(certificate: certificate);
        using var host = QdrantTestHost.Create(server.Url, o => o.MaxRetries = 0);

        var error = await Should.ThrowAsync<QdrantException>(() => host.Store.CollectionExistsAsync());

        error.Message.ShouldContain("refused the TLS connection");
        error.Message.ShouldContain("CaCertificatePath");
        error.Message.ShouldNotContain("Exception");
        server.Calls.ShouldBeEmpty();
    }

    public void Dispose()
    {
        _ca.Dispose();
        _folder.Dispose();
    }
}
