using System.Security.Cryptography;
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
    private readonly X509Certificate2 _ca = MakeCa();

    [Fact]
    public async Task The_store_talks_tls_to_a_server_whose_certificate_comes_from_the_configured_ca()
    {
        using var certificate = IssueForLocalhost(_ca);
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
        using var certificate = IssueForLocalhost(_ca);
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

    private static X509Certificate2 MakeCa()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=MedSummary Test CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 IssueForLocalhost(X509Certificate2 ca)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        var serial = new byte[8];
        RandomNumberGenerator.Fill(serial);
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        // Kestrel on Linux wants a certificate whose key it can use for the handshake: a PKCS#12 round trip gives one.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
